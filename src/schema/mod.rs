//! Schemas of the contracts, for other tools: XML Schema as .NET's
//! `XsdDataContractExporter` gives it ([`xsd`]), and a JSON Schema of the JSON form
//! ([`json_schema`]). Both walk the same descriptors as the codecs; nothing here names a
//! member.

pub mod json_schema;
pub mod xsd;

use crate::contract::{ContractInfo, MemberRef};
use crate::document::DocumentKind;

/// The contracts whose schemas are exported: the result and the request of the operation
/// (in the order .NET's exporter was given them), then ServiceStack's error body.
///
/// ```
/// use evovoice_contracts::schema::operation_contracts;
///
/// let names: Vec<&str> = operation_contracts().iter().map(|c| c.name()).collect();
/// assert_eq!(names, ["AppGetActiveSessionsResult", "AppGetActiveSessions", "ErrorResponse"]);
/// ```
pub fn operation_contracts() -> [DocumentKind; 3] {
    [DocumentKind::AppGetActiveSessionsResult, DocumentKind::AppGetActiveSessions, DocumentKind::ErrorResponse]
}

/// The documents a response body can be: the result, or ServiceStack's error body.
pub fn response_contracts() -> [DocumentKind; 2] {
    [DocumentKind::AppGetActiveSessionsResult, DocumentKind::ErrorResponse]
}

/// A contract's own members (not its base's), in the order DataContractSerializer
/// writes them.
pub(crate) fn own_wire_members(info: &ContractInfo) -> impl Iterator<Item = &MemberRef> {
    let level = info.members().iter().map(MemberRef::level).max().unwrap_or(0);
    info.wire_members().iter().filter(move |m| m.level() == level)
}
