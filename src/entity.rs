//! `Voice.Api`: the base class of Evo's entities.

use crate::contract::macros::contract;
use crate::namespaces as ns;

contract! {
    #[contract(name = "EntityInfo", namespace = ns::VOICE_API)]
    /// `Voice.Api.EntityInfo`: the identity and audit fields every Evo entity carries.
    ///
    /// On the XML wire these members keep the `Voice.Api` namespace even inside a derived
    /// class, and come before the derived class's own members.
    pub struct EntityInfo {
        /// The ID of the object
        pub id: Option<String> => "Id",
        /// The date the object was created
        pub date_created: Option<String> => "DateCreated",
        /// The date the object was last modified
        pub date_last_modified: Option<String> => "DateLastModified",
        /// The user that created this object
        pub created_by: Option<String> => "CreatedBy",
        /// The user that last modified this object
        pub last_modified_by: Option<String> => "LastModifiedBy",
    }
}
