//! A generic DataContract XML engine: the parts of .NET's `DataContractSerializer` wire
//! format that do not depend on any particular contract.
//!
//! - [`writer::XmlWriter`] writes elements the way .NET's two XML writers do (namespace
//!   declarations and their generated prefixes, attribute order, empty-element forms,
//!   escaping), with the [`Dialect`] as a parameter.
//! - [`reader::XmlReader`] reads what .NET's reader accepts (any prefixes, comments, CDATA,
//!   references, end-of-line normalization, `i:nil` under any prefix) and reports byte
//!   offsets for every node.
//! - [`rules`] is the rulebook: every well-formedness rule .NET's reader applies, decided
//!   once, each with one typed reason; [`encoding`] reads UTF-8 and UTF-16 documents.
//! - [`template`] works out, by running the writer once, the exact bytes of every element at
//!   a fixed position, and [`expect::Expected`] what those bytes mean read back: the reader
//!   matches an element it is told to expect with one comparison of bytes, where the
//!   namespace bindings the bytes rely on hold, and reads anything else the general way.
//!
//! Nothing here knows Evo's types; the contract codecs in [`crate::xml`] drive it.

pub mod encoding;
pub mod escape;
pub mod expect;
pub mod reader;
pub mod rules;
pub mod template;
pub mod text;
pub mod writer;

/// The XML Schema instance namespace, home of `i:nil`.
pub const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The XML declaration ServiceStack writes before the root element.
pub const DECLARATION: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

/// Which of .NET's XML writers to reproduce byte for byte.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// `DataContractSerializer.WriteObject(XmlWriter.Create(stream))`, as ServiceStack
    /// writes XML: prefixes `d{depth}p{n}`, `<X></X>` for an empty string, ` />`, the XML
    /// declaration. Carriage returns are written as `&#xD;` (where .NET would lose them)
    /// and other control characters cannot be written.
    #[default]
    ServiceStack,
    /// `DataContractSerializer.WriteObject(stream)`, as WCF writes XML (through
    /// `XmlDictionaryWriter`): prefixes `a`, `b`, …, `<X/>` for an empty string, `/>`,
    /// namespace declarations after other attributes, no declaration, and every control
    /// character as a character reference.
    Wcf,
}

impl Dialect {
    /// Whether .NET writes the XML declaration in this dialect.
    pub fn writes_declaration(self) -> bool {
        matches!(self, Dialect::ServiceStack)
    }
}
