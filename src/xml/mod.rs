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
//! let mut result = AppGetActiveSessionsResult::default();
//! result.sessions = Some(vec![session]);
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
mod plan;
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

pub use crate::limits::{
    ReadOptions, DEFAULT_MAX_DEPTH, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_ITEMS, DEFAULT_MAX_STRING_BYTES,
};

/// Encodes `value` in ServiceStack's dialect, with the XML declaration.
pub fn to_string<T: Contract>(value: &T) -> Result<String> {
    to_string_with(value, &XmlOptions::new())
}

/// Encodes `value` as `options` say.
pub fn to_string_with<T: Contract>(value: &T, options: &XmlOptions) -> Result<String> {
    let bytes = to_vec_with(value, options)?;
    // The writer only ever writes UTF-8: text comes from `&str`, markup is ASCII.
    String::from_utf8(bytes).map_err(|e| Error::new(crate::error::Category::Unencodable, e.to_string()))
}

/// Encodes `value` in ServiceStack's dialect, with the XML declaration, into bytes.
pub fn to_vec<T: Contract>(value: &T) -> Result<Vec<u8>> {
    to_vec_with(value, &XmlOptions::new())
}

/// Encodes `value` as `options` say, into bytes.
pub fn to_vec_with<T: Contract>(value: &T, options: &XmlOptions) -> Result<Vec<u8>> {
    encode::encode(value, options, Vec::new())
}

/// Encodes `value` in ServiceStack's dialect, with the XML declaration, into `writer`.
pub fn to_writer<W: Write, T: Contract>(writer: W, value: &T) -> Result<()> {
    to_writer_with(writer, value, &XmlOptions::new())
}

/// Encodes `value` as `options` say, into `writer`.
pub fn to_writer_with<W: Write, T: Contract>(mut writer: W, value: &T, options: &XmlOptions) -> Result<()> {
    let bytes = to_vec_with(value, options)?;
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

/// Decodes a document whose root is a `T` into `value`, reusing the strings, lists and
/// dictionaries it holds where the document has them too (as [`Clone::clone_from`] reuses
/// a value's storage): for decoding documents of one shape again and again with fewer
/// allocations.
///
/// On success `value` equals what [`from_slice`] returns, whatever it held before: a member
/// the document does not hold is left at its default, a list holds the document's items
/// only. On failure the error is the one [`from_slice`] returns, and what `value` holds is
/// unspecified (a valid value, possibly part old and part new).
///
/// ```
/// use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
/// use evovoice_contracts::sessions::SessionInfo;
/// use evovoice_contracts::xml;
///
/// let response = |ids: &[&str]| {
///     let mut result = AppGetActiveSessionsResult::default();
///     result.sessions = Some(ids.iter().map(|id| {
///         let mut session = SessionInfo::default();
///         session.entity.id = Some(id.to_string());
///         session
///     }).collect());
///     xml::to_vec(&result).unwrap()
/// };
///
/// let mut value = AppGetActiveSessionsResult::default();
/// xml::from_slice_into(&response(&["S1", "S2"]), &mut value)?;
/// assert_eq!(value.sessions.as_ref().map(Vec::len), Some(2));
/// // The next poll: the first session's strings are filled in again, the second dropped.
/// let next = response(&["S3"]);
/// xml::from_slice_into(&next, &mut value)?;
/// assert_eq!(value, xml::from_slice::<AppGetActiveSessionsResult>(&next)?);
/// # Ok::<(), evovoice_contracts::Error>(())
/// ```
pub fn from_slice_into<T: Contract>(bytes: &[u8], value: &mut T) -> Result<()> {
    from_slice_into_with(bytes, value, &ReadOptions::new())
}

/// Decodes a document whose root is a `T` into `value`, reusing its storage, with limits:
/// [`from_slice_into`] as [`from_slice_with`] reads.
///
/// ```
/// use evovoice_contracts::{app::portal::AppGetActiveSessionsResult, error::Category, xml};
///
/// let mut result = AppGetActiveSessionsResult::default();
/// result.sessions = Some(vec![Default::default(); 3]);
/// let doc = xml::to_vec(&result).unwrap();
/// let options = xml::ReadOptions::new().max_items(2);
/// let err = xml::from_slice_into_with(&doc, &mut result, &options).unwrap_err();
/// assert_eq!(err.category(), Category::Limit);
/// let fresh = xml::from_slice_with::<AppGetActiveSessionsResult>(&doc, &options).unwrap_err();
/// assert_eq!((err.message(), err.position()), (fresh.message(), fresh.position()));
/// ```
pub fn from_slice_into_with<T: Contract>(bytes: &[u8], value: &mut T, options: &ReadOptions) -> Result<()> {
    match decode::decode_into(bytes, value, options, None) {
        Ok(()) => Ok(()),
        // The error of a fresh decode: what `value` held cannot change which one it is.
        Err(error) => Err(from_slice_with::<T>(bytes, options).err().unwrap_or(error)),
    }
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

/// Decodes a document whose root is a `T` from a reader, read to its end first (at most
/// the default [`max_document_bytes`](ReadOptions::max_document_bytes)).
pub fn from_reader<R: BufRead, T: Contract>(reader: R) -> Result<T> {
    from_reader_with(reader, &ReadOptions::new())
}

/// Decodes a document whose root is a `T` from a reader, with limits. Reading stops one
/// byte past [`max_document_bytes`](ReadOptions::max_document_bytes), so that an endless
/// stream is a limit error rather than an exhausted memory.
pub fn from_reader_with<R: BufRead, T: Contract>(reader: R, options: &ReadOptions) -> Result<T> {
    let bytes = crate::limits::read_bounded(reader, options)?;
    from_slice_with(&bytes, options)
}

/// Where in a document the element of the member at `path` starts: for pointing at the
/// source of an encoding error (whose path is a member path) in the document that was
/// decoded. `None` when the document does not hold that member.
pub(crate) fn member_position<T: Contract>(
    bytes: &[u8],
    path: &crate::error::MemberPath,
) -> Option<crate::error::Position> {
    decode::member_position::<T>(bytes, path)
}

/// The root element of a document: its local name, namespace and position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RootName {
    /// The local name.
    pub local: String,
    /// The namespace URI, if the root is in one.
    pub namespace: Option<String>,
    /// Where the root element starts.
    pub position: crate::error::Position,
}

/// The root element of a document, without decoding the rest.
pub(crate) fn root_name(bytes: &[u8]) -> Result<RootName> {
    root_name_with(bytes, &ReadOptions::new())
}

/// The root element of a document, without decoding the rest, with limits.
pub(crate) fn root_name_with(bytes: &[u8], options: &ReadOptions) -> Result<RootName> {
    decode::root_name(bytes, options)
}
