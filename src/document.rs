//! A document of any of the contracts, recognized by its root.

use crate::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use crate::contract::{Contract, Object};
use crate::customers::CustomerBreadcrumb;
use crate::error::{Category, Error, MemberPath, Position, Result};
use crate::servicestack::{ErrorResponse, ResponseError, ResponseStatus};
use crate::sessions::{SessionInfo, SessionLogInfo, SessionMemberInfo};
use crate::xml::{self, ReadOptions, XmlOptions};
use crate::EntityInfo;

macro_rules! documents {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        /// A value of any contract of the operation, as a whole document.
        ///
        /// ```
        /// use evovoice_contracts::document::Document;
        ///
        /// let doc = br#"<ErrorResponse xmlns="http://schemas.servicestack.net/types"><ResponseStatus><ErrorCode>Forbidden</ErrorCode></ResponseStatus></ErrorResponse>"#;
        /// let Document::ErrorResponse(e) = Document::from_xml(doc).unwrap() else { panic!() };
        /// assert_eq!(e.response_status.unwrap().error_code.as_deref(), Some("Forbidden"));
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Document {
            $(
                #[doc = concat!("A `", stringify!($variant), "` document.")]
                $variant($ty),
            )*
        }

        impl Document {
            /// Decodes an XML document, choosing the contract by its root element.
            pub fn from_xml(bytes: &[u8]) -> Result<Document> {
                Document::from_xml_with(bytes, &ReadOptions::new())
            }

            /// Decodes an XML document, choosing the contract by its root element, with
            /// limits.
            pub fn from_xml_with(bytes: &[u8], options: &ReadOptions) -> Result<Document> {
                let root = xml::root_name_with(bytes, options)?;
                let (name, namespace) = (root.local, root.namespace);
                $(
                    let info = <$ty as Contract>::info();
                    if info.name() == name && Some(info.namespace()) == namespace.as_deref() {
                        return xml::from_slice_with::<$ty>(bytes, options).map(Document::$variant);
                    }
                )*
                let known = [$(<$ty as Contract>::info().name()),*].join(", ");
                Err(Error::new(
                    Category::Data,
                    format!(
                        "the root element '{name}' from namespace '{}' is not a contract of this operation (expected one of {known})",
                        namespace.as_deref().unwrap_or(""),
                    ),
                ).at(root.position))
            }

            /// Where in an XML document the element of the member at `path` starts (see
            /// [`xml::member_position`]).
            pub fn xml_member_position(bytes: &[u8], path: &MemberPath) -> Option<Position> {
                let root = xml::root_name(bytes).ok()?;
                $(
                    let info = <$ty as Contract>::info();
                    if info.name() == root.local && Some(info.namespace()) == root.namespace.as_deref() {
                        return xml::member_position::<$ty>(bytes, path);
                    }
                )*
                None
            }

            /// The value, seen through its descriptor.
            pub fn as_object(&self) -> &dyn Object {
                match self {
                    $(Document::$variant(v) => v,)*
                }
            }

            /// Encodes the document as XML.
            pub fn to_xml(&self, options: &XmlOptions) -> Result<Vec<u8>> {
                match self {
                    $(Document::$variant(v) => xml::to_vec(v, options),)*
                }
            }
        }
    };
}

documents! {
    AppGetActiveSessionsResult(AppGetActiveSessionsResult),
    AppGetActiveSessions(AppGetActiveSessions),
    ErrorResponse(ErrorResponse),
    SessionInfo(SessionInfo),
    SessionLogInfo(SessionLogInfo),
    SessionMemberInfo(SessionMemberInfo),
    CustomerBreadcrumb(CustomerBreadcrumb),
    EntityInfo(EntityInfo),
    ResponseStatus(ResponseStatus),
    ResponseError(ResponseError),
}
