//! DataContract XML for the contracts: encoding byte-exact with .NET's
//! `DataContractSerializer`, and decoding everything .NET's reader accepts.
//!
//! ```
//! use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
//! use evovoice_contracts::sessions::{SessionCallState, SessionInfo};
//! use evovoice_contracts::xml::{self, Dialect, XmlOptions};
//!
//! let mut session = SessionInfo::default();
//! session.entity.id = Some("S1".into());
//! session.call_state = SessionCallState::Ringing;
//! let result = AppGetActiveSessionsResult { sessions: Some(vec![session]) };
//!
//! let bytes = xml::to_string(&result).unwrap();
//! assert!(bytes.starts_with(r#"<?xml version="1.0" encoding="utf-8"?><AppGetActiveSessionsResult xmlns:i="#));
//! let back: AppGetActiveSessionsResult = xml::from_str(&bytes).unwrap();
//! assert_eq!(back, result);
//!
//! let wcf = xml::to_string_with(&result, &XmlOptions::new().dialect(Dialect::Wcf)).unwrap();
//! assert!(wcf.starts_with(r#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal" xmlns:i="#));
//! ```
//!
//! # Where this crate and .NET differ, on purpose
//!
//! - A carriage return in a string is written as `&#xD;`, which .NET reads back as `\r`.
//!   ServiceStack's own writer writes it raw, and its reader then turns it into `\n`: the
//!   character is lost. Reading, both forms are handled exactly as .NET does.
//! - Members out of order are read. .NET's reader matches members moving forward only and
//!   silently drops one that comes after a member declared later; this crate reads it into
//!   its member. A repeated member keeps its first value, as with .NET.
//! - An enum name this crate does not know is kept (see the enums' `Unknown` variant)
//!   where .NET would fail, so that a new member on Evo's side does not make a whole
//!   response unreadable. A name that could not be an enum member at all (empty, with
//!   spaces, a number) is an error, as with .NET.
//!
//! [`crate::validate`] reports each of these differences in a document, with what .NET
//! does instead.

mod decode;
mod encode;
pub mod stream;

pub use crate::dcxml::Dialect;

use crate::contract::{Contract, Object};
use crate::diagnostic::Finding;
use crate::error::{Error, Result};
use std::io::{BufRead, Write};

/// How to write XML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlOptions {
    dialect: Dialect,
    declaration: bool,
}

impl Default for XmlOptions {
    fn default() -> Self {
        XmlOptions::new()
    }
}

impl XmlOptions {
    /// ServiceStack's dialect, with the XML declaration.
    pub fn new() -> Self {
        XmlOptions { dialect: Dialect::ServiceStack, declaration: true }
    }

    /// Selects the dialect; also selects whether to write the declaration as that dialect
    /// does (ServiceStack: yes; WCF: no), which [`declaration`](Self::declaration) can
    /// then change.
    pub fn dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = dialect;
        self.declaration = dialect.writes_declaration();
        self
    }

    /// Whether to write `<?xml version="1.0" encoding="utf-8"?>` first.
    pub fn declaration(mut self, declaration: bool) -> Self {
        self.declaration = declaration;
        self
    }

    /// The selected dialect.
    pub fn selected_dialect(&self) -> Dialect {
        self.dialect
    }

    /// Whether the declaration is written.
    pub fn writes_declaration(&self) -> bool {
        self.declaration
    }
}

/// How to read XML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    max_depth: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_depth: crate::dcxml::reader::DEFAULT_MAX_DEPTH }
    }
}

impl ReadOptions {
    /// The defaults: elements nested at most 256 deep.
    pub fn new() -> Self {
        ReadOptions::default()
    }
    /// Sets the limit on element nesting; deeper input is a [`Limit`](crate::error::Category::Limit) error.
    pub fn max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }
}

/// Encodes `value` in ServiceStack's dialect, with the XML declaration.
pub fn to_string<T: Contract>(value: &T) -> Result<String> {
    to_string_with(value, &XmlOptions::new())
}

/// Encodes `value` as `options` say.
pub fn to_string_with<T: Contract>(value: &T, options: &XmlOptions) -> Result<String> {
    let bytes = to_vec(value, options)?;
    // The writer only ever writes UTF-8: text comes from `&str`, markup is ASCII.
    String::from_utf8(bytes).map_err(|e| Error::new(crate::error::Category::Unencodable, e.to_string()))
}

/// Encodes `value` as `options` say, into bytes.
pub fn to_vec<T: Contract>(value: &T, options: &XmlOptions) -> Result<Vec<u8>> {
    encode::encode(value, options, Vec::new())
}

/// Encodes `value` as `options` say, into `writer`.
pub fn to_writer<W: Write, T: Contract>(mut writer: W, value: &T, options: &XmlOptions) -> Result<()> {
    let bytes = to_vec(value, options)?;
    writer.write_all(&bytes).map_err(Error::io)?;
    writer.flush().map_err(Error::io)
}

/// Decodes a document whose root is a `T`.
pub fn from_str<T: Contract>(text: &str) -> Result<T> {
    from_slice(text.as_bytes())
}

/// Decodes a document whose root is a `T` from bytes (UTF-8, with or without a byte order
/// mark).
pub fn from_slice<T: Contract>(bytes: &[u8]) -> Result<T> {
    from_slice_with(bytes, &ReadOptions::new())
}

/// Decodes a document whose root is a `T`, with limits.
pub fn from_slice_with<T: Contract>(bytes: &[u8], options: &ReadOptions) -> Result<T> {
    let mut value = T::default();
    decode::decode_into(bytes, &mut value, options, None)?;
    Ok(value)
}

/// Decodes a document into `value` (whose contract is the expected root), reporting to
/// `sink` every [`Finding`] on what .NET would do with it, and going on after the data
/// errors a document can hold; fails only when reading cannot go on.
pub(crate) fn decode_reporting(
    bytes: &[u8],
    value: &mut dyn Object,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Finding),
) -> Result<()> {
    decode::decode_into(bytes, value, options, Some(sink))
}

/// Decodes a document whose root is a `T` from a reader (read to its end first).
pub fn from_reader<R: BufRead, T: Contract>(mut reader: R) -> Result<T> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(Error::io)?;
    from_slice(&bytes)
}

/// The root element of a document: its local name, namespace and position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RootName {
    /// The local name.
    pub local: String,
    /// The namespace URI, if the root is in one.
    pub namespace: Option<String>,
    /// Where the root element starts.
    pub position: crate::error::Position,
}

/// The root element of a document, without decoding the rest.
pub fn root_name(bytes: &[u8]) -> Result<RootName> {
    decode::root_name(bytes)
}
