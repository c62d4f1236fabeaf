//! A document of any of the contracts, recognized by its root.

use crate::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use crate::contract::{Contract, ContractInfo, Object};
use crate::customers::CustomerBreadcrumb;
use crate::error::{Category, Error, Result};
use crate::servicestack::{ErrorResponse, ResponseError, ResponseStatus};
use crate::sessions::{SessionInfo, SessionLogInfo, SessionMemberInfo};
use crate::xml::{self, XmlOptions};
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
                let root = xml::root_name(bytes)?;
                let (name, namespace) = (root.local, root.namespace);
                $(
                    let info = <$ty as Contract>::info();
                    if info.name() == name && Some(info.namespace()) == namespace.as_deref() {
                        return xml::from_slice::<$ty>(bytes).map(Document::$variant);
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

            /// The descriptors of every contract a document can be, in the order of the
            /// variants.
            ///
            /// ```
            /// use evovoice_contracts::document::Document;
            ///
            /// assert_eq!(Document::contracts()[0].name(), "AppGetActiveSessionsResult");
            /// ```
            pub fn contracts() -> &'static [&'static ContractInfo] {
                static CONTRACTS: std::sync::OnceLock<Vec<&'static ContractInfo>> = std::sync::OnceLock::new();
                CONTRACTS.get_or_init(|| vec![$(<$ty as Contract>::info()),*])
            }

            /// A document holding the default value of the contract `info` describes;
            /// `None` when it is not one of [`contracts`](Self::contracts).
            pub fn default_for(info: &ContractInfo) -> Option<Document> {
                $(
                    if std::ptr::eq(info, <$ty as Contract>::info()) {
                        return Some(Document::$variant(<$ty>::default()));
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

            /// The value, seen through its descriptor, for filling in.
            pub fn as_object_mut(&mut self) -> &mut dyn Object {
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
