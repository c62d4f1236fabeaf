//! A document of any of the contracts: recognized by its root element in XML, by its
//! properties in JSON, or named.

use crate::contract::{Contract, ContractInfo, Object};
use crate::error::{Category, Error, MemberPath, Position, Result};
use crate::format::Format;
use crate::json::{self, JsonOptions};
use crate::xml::{self, ReadOptions, XmlOptions};
use std::fmt;
use std::str::FromStr;

macro_rules! documents {
    ($($variant:ident => $ty:ty),* $(,)?) => {
        /// A value of any contract of the operation, as a whole document.
        ///
        /// ```
        /// use evovoice_contracts::document::{Document, DocumentKind};
        /// use evovoice_contracts::json::JsonOptions;
        ///
        /// let doc = br#"<ErrorResponse xmlns="http://schemas.servicestack.net/types"><ResponseStatus><ErrorCode>Forbidden</ErrorCode></ResponseStatus></ErrorResponse>"#;
        /// let document = Document::from_xml(doc).unwrap();
        /// assert_eq!(document.kind(), DocumentKind::ErrorResponse);
        /// assert_eq!(document.to_json(&JsonOptions::new()).unwrap(), br#"{"responseStatus":{"errorCode":"Forbidden"}}"#);
        ///
        /// let Document::ErrorResponse(e) = Document::from_json(br#"{"ResponseStatus":{}}"#).unwrap() else { panic!() };
        /// assert!(e.response_status.is_some());
        /// let log = Document::from_json_as(br#"{"message":"hi"}"#, "SessionLogInfo".parse().unwrap()).unwrap();
        /// assert_eq!(log.kind(), DocumentKind::SessionLogInfo);
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum Document {
            $(
                #[doc = concat!("A `", stringify!($variant), "` document.")]
                $variant($ty),
            )*
        }

        /// Which contract a [`Document`] is; parses from the contract's wire name in any
        /// case.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum DocumentKind {
            $(
                #[doc = concat!("`", stringify!($variant), "`.")]
                $variant,
            )*
        }

        impl DocumentKind {
            /// Every kind.
            pub const ALL: &'static [DocumentKind] = &[$(DocumentKind::$variant),*];

            /// The contract's descriptor.
            pub(crate) fn info(self) -> &'static ContractInfo {
                match self {
                    $(DocumentKind::$variant => <$ty as Contract>::info(),)*
                }
            }

            /// A document of this kind with the default value.
            pub fn default_document(self) -> Document {
                match self {
                    $(DocumentKind::$variant => Document::$variant(<$ty>::default()),)*
                }
            }
        }

        impl Document {
            /// The document's kind.
            pub fn kind(&self) -> DocumentKind {
                match self {
                    $(Document::$variant(_) => DocumentKind::$variant,)*
                }
            }

            /// Decodes an XML document as `kind` (its root must be that contract's).
            pub fn from_xml_as(bytes: &[u8], kind: DocumentKind) -> Result<Document> {
                Document::from_xml_as_with(bytes, kind, &ReadOptions::new())
            }

            /// Decodes an XML document as `kind`, with limits.
            pub fn from_xml_as_with(bytes: &[u8], kind: DocumentKind, options: &ReadOptions) -> Result<Document> {
                match kind {
                    $(DocumentKind::$variant => xml::from_slice_with::<$ty>(bytes, options).map(Document::$variant),)*
                }
            }

            /// Where in an XML document of `kind` the element of the member at `path`
            /// starts: for pointing at the source of an encoding error (whose path is a
            /// member path) in the document that was decoded. `None` when the document does
            /// not hold that member.
            pub fn xml_member_position_as(bytes: &[u8], kind: DocumentKind, path: &MemberPath) -> Option<Position> {
                match kind {
                    $(DocumentKind::$variant => xml::member_position::<$ty>(bytes, path),)*
                }
            }

            /// The descriptors of every contract a document can be, in the order of the
            /// variants.
            pub(crate) fn contracts() -> &'static [&'static ContractInfo] {
                static CONTRACTS: std::sync::OnceLock<Vec<&'static ContractInfo>> = std::sync::OnceLock::new();
                CONTRACTS.get_or_init(|| DocumentKind::ALL.iter().map(|k| k.info()).collect())
            }

            /// A document holding the default value of the contract `info` describes;
            /// `None` when it is not one of [`contracts`](Self::contracts).
            pub(crate) fn default_for(info: &ContractInfo) -> Option<Document> {
                DocumentKind::ALL.iter().find(|k| std::ptr::eq(info, k.info())).map(|k| k.default_document())
            }

            /// The value, seen through its descriptor.
            pub(crate) fn as_object(&self) -> &dyn Object {
                match self {
                    $(Document::$variant(v) => v,)*
                }
            }

            /// The value, seen through its descriptor, for filling in.
            pub(crate) fn as_object_mut(&mut self) -> &mut dyn Object {
                match self {
                    $(Document::$variant(v) => v,)*
                }
            }

            /// Encodes the document as XML.
            pub fn to_xml(&self, options: &XmlOptions) -> Result<Vec<u8>> {
                match self {
                    $(Document::$variant(v) => xml::to_vec_with(v, options),)*
                }
            }
        }
    };
}

crate::catalog::with_contracts!(documents);

impl DocumentKind {
    /// The kinds [`Document::from_json`] chooses among, in order of preference: the
    /// operation's result, its error response and its request.
    pub const DETECTED_IN_JSON: &'static [DocumentKind] =
        &[DocumentKind::AppGetActiveSessionsResult, DocumentKind::ErrorResponse, DocumentKind::AppGetActiveSessions];

    /// The contract's wire name.
    pub fn name(self) -> &'static str {
        self.info().name()
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DocumentKind {
    type Err = Error;
    /// The kind whose contract has this wire name, in any case.
    fn from_str(name: &str) -> Result<DocumentKind> {
        DocumentKind::ALL.iter().copied().find(|k| k.name().eq_ignore_ascii_case(name)).ok_or_else(|| {
            let known: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
            Error::new(Category::Data, format!("unknown contract '{name}' (expected one of {})", known.join(", ")))
        })
    }
}

impl Document {
    /// Decodes an XML document, choosing the contract by its root element.
    pub fn from_xml(bytes: &[u8]) -> Result<Document> {
        Document::from_xml_with(bytes, &ReadOptions::new())
    }

    /// Decodes an XML document, choosing the contract by its root element, with limits.
    pub fn from_xml_with(bytes: &[u8], options: &ReadOptions) -> Result<Document> {
        let root = xml::root_name_with(bytes, options)?;
        let (name, namespace) = (root.local, root.namespace);
        match DocumentKind::ALL
            .iter()
            .find(|k| k.info().name() == name && Some(k.info().namespace()) == namespace.as_deref())
        {
            Some(&kind) => Document::from_xml_as_with(bytes, kind, options),
            None => {
                let known: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
                Err(Error::new(
                    Category::Data,
                    format!(
                        "the root element '{name}' from namespace '{}' is not a contract of this operation (expected one of {})",
                        namespace.as_deref().unwrap_or(""),
                        known.join(", "),
                    ),
                )
                .at(root.position))
            }
        }
    }

    /// Where in an XML document the element of the member at `path` starts, the contract
    /// chosen by the root element (see [`xml_member_position_as`](Document::xml_member_position_as)).
    pub fn xml_member_position(bytes: &[u8], path: &MemberPath) -> Option<Position> {
        let root = xml::root_name(bytes).ok()?;
        let kind = DocumentKind::ALL
            .iter()
            .find(|k| k.info().name() == root.local && Some(k.info().namespace()) == root.namespace.as_deref())?;
        Document::xml_member_position_as(bytes, *kind, path)
    }

    /// Decodes a JSON document, which has no root name, as one of
    /// [`DocumentKind::DETECTED_IN_JSON`]: the first property that is a member of one of
    /// them decides, and a document with none is a result. Other contracts need
    /// [`from_json_as`](Self::from_json_as).
    pub fn from_json(bytes: &[u8]) -> Result<Document> {
        Document::from_json_with(bytes, &ReadOptions::new())
    }

    /// As [`from_json`](Self::from_json), with limits.
    pub fn from_json_with(bytes: &[u8], options: &ReadOptions) -> Result<Document> {
        let mut documents: Vec<Document> =
            DocumentKind::DETECTED_IN_JSON.iter().map(|k| k.default_document()).collect();
        let chosen = {
            let mut candidates: Vec<&mut dyn Object> = documents.iter_mut().map(Document::as_object_mut).collect();
            json::decode_either(bytes, &mut candidates, options)?
        };
        Ok(documents.swap_remove(chosen))
    }

    /// Decodes a JSON document as `kind`.
    pub fn from_json_as(bytes: &[u8], kind: DocumentKind) -> Result<Document> {
        Document::from_json_as_with(bytes, kind, &ReadOptions::new())
    }

    /// Decodes a JSON document as `kind`, with limits.
    pub fn from_json_as_with(bytes: &[u8], kind: DocumentKind, options: &ReadOptions) -> Result<Document> {
        let mut document = kind.default_document();
        json::decode_into(bytes, document.as_object_mut(), options)?;
        Ok(document)
    }

    /// Decodes a document of either format, choosing the contract as
    /// [`from_xml`](Self::from_xml) and [`from_json`](Self::from_json) do.
    pub fn decode(bytes: &[u8], format: Format) -> Result<Document> {
        Document::decode_with(bytes, format, &ReadOptions::new())
    }

    /// As [`decode`](Self::decode), with limits.
    pub fn decode_with(bytes: &[u8], format: Format, options: &ReadOptions) -> Result<Document> {
        match format {
            Format::Xml => Document::from_xml_with(bytes, options),
            Format::Json => Document::from_json_with(bytes, options),
        }
    }

    /// Decodes a document of either format as `kind`.
    pub fn decode_as(bytes: &[u8], format: Format, kind: DocumentKind) -> Result<Document> {
        Document::decode_as_with(bytes, format, kind, &ReadOptions::new())
    }

    /// As [`decode_as`](Self::decode_as), with limits.
    pub fn decode_as_with(bytes: &[u8], format: Format, kind: DocumentKind, options: &ReadOptions) -> Result<Document> {
        match format {
            Format::Xml => Document::from_xml_as_with(bytes, kind, options),
            Format::Json => Document::from_json_as_with(bytes, kind, options),
        }
    }

    /// Encodes the document as JSON.
    pub fn to_json(&self, options: &JsonOptions) -> Result<Vec<u8>> {
        json::encode(self.as_object(), options)
    }
}
