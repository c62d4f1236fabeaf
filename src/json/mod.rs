//! JSON exactly as ServiceStack.Text writes it, and everything it reads.
//!
//! Every contract implements serde's `Serialize` and `Deserialize` (camelCase, as Evo
//! Voice's server writes), driven by the same declaration as XML; the functions here add
//! the options, ServiceStack's string escaping, and errors with a line, a column and a
//! member path.
//!
//! ```
//! use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
//! use evovoice_contracts::json::{self, JsonOptions, Naming};
//! use evovoice_contracts::sessions::{SessionCallState, SessionInfo};
//!
//! let mut session = SessionInfo::default();
//! session.entity.id = Some("S1".into());
//! session.call_state = SessionCallState::Ringing;
//! let mut result = AppGetActiveSessionsResult::default();
//! result.sessions = Some(vec![session]);
//!
//! let text = json::to_string(&result).unwrap();
//! assert_eq!(
//!     text,
//!     r#"{"sessions":[{"dialState":"None","callState":"Ringing","queueState":"None","channel":"Voice","ended":false,"holdReason":"None","direction":"Incoming","wasMissed":false,"id":"S1"}]}"#
//! );
//! let back: AppGetActiveSessionsResult = json::from_str(&text).unwrap();
//! assert_eq!(back, result);
//!
//! // ServiceStack's own default names, and names in any case when reading.
//! let pascal = json::to_string_with(&result, &JsonOptions::new().naming(Naming::PascalCase)).unwrap();
//! assert!(pascal.starts_with(r#"{"Sessions":[{"DialState":"None","#));
//! let read: AppGetActiveSessionsResult =
//!     json::from_str(r#"{"SESSIONS":[{"callstate":"connected","CallState":2,"ID":"S2"}]}"#).unwrap();
//! let session = &read.sessions.unwrap()[0];
//! assert_eq!((session.call_state.name(), session.entity.id.as_deref()), ("Connected", Some("S2")));
//! ```
//!
//! # What is written
//!
//! Members in .NET declaration order (a class's own members, then its base class's), null
//! members left out, `false` and zero enums written, enums by name, dictionaries as
//! objects without their null entries (see
//! [`keep_null_dictionary_values`](JsonOptions::keep_null_dictionary_values)), no
//! whitespace. Strings are escaped as ServiceStack does: `\"`, `\\`, `\b`, `\f`, `\n`,
//! `\r`, `\t`, and `\uXXXX` with uppercase hex digits for every other control character,
//! U+007F–U+009F included; `/` and other non-ASCII characters as they are.
//!
//! # What is read, and where this crate and ServiceStack differ
//!
//! Property names and enum names in any case, enum numbers (bare or in a string),
//! unknown properties skipped, `null` wherever a value may be null, a byte order mark.
//! A repeated property keeps its last value. An unknown enum name is kept, as in XML.
//! Where ServiceStack (with its default `ThrowOnError = false`) silently drops a value it
//! cannot parse, such as a number for a string member, `"maybe"` for a `bool`, or an
//! enum number no member has, this crate reports an error instead. JSON that serde_json
//! rejects (raw control characters in strings, lone surrogate escapes) is an error too.
//!
//! # Dictionary entries whose value is null
//!
//! ServiceStack leaves them out, so a document that goes through JSON loses them; with
//! [`JsonOptions::keep_null_dictionary_values`] they are written as `null` and read back.
//!
//! ```
//! use evovoice_contracts::json::{self, JsonOptions};
//! use evovoice_contracts::servicestack::ResponseError;
//! use evovoice_contracts::Dictionary;
//!
//! let meta: Dictionary = [("a", Some("1")), ("b", None)].into_iter().collect();
//! let mut error = ResponseError::default();
//! error.meta = Some(meta);
//! assert_eq!(json::to_string(&error).unwrap(), r#"{"meta":{"a":"1"}}"#);
//! let kept = json::to_string_with(&error, &JsonOptions::new().keep_null_dictionary_values(true)).unwrap();
//! assert_eq!(kept, r#"{"meta":{"a":"1","b":null}}"#);
//! assert_eq!(json::from_str::<ResponseError>(&kept).unwrap(), error);
//! ```

mod de;
mod either;
mod escape;
mod inspect;
mod naming;
mod plan;
mod read;
mod ser;
mod serde_impls;
pub mod stream;
mod write;

pub use crate::limits::ReadOptions;
pub use naming::Naming;

pub(crate) use read::{choose, decode_either, decode_into, decode_reporting};

use crate::contract::{Contract, Object};
use crate::error::{Error, Result};
use serde::Serialize;
use std::io::{Read, Write};

/// How to write JSON. The default is what Evo Voice's server writes: camelCase names,
/// dictionary entries whose value is null left out, no whitespace.
///
/// ```
/// use evovoice_contracts::json::{JsonOptions, Naming};
///
/// let options = JsonOptions::new().naming(Naming::PascalCase).pretty(true);
/// assert_eq!(options.selected_naming(), Naming::PascalCase);
/// assert!(options.is_pretty() && !options.keeps_null_dictionary_values());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonOptions {
    naming: Naming,
    keep_null_dictionary_values: bool,
    pretty: bool,
}

impl JsonOptions {
    /// Evo Voice's server: camelCase, null dictionary values left out, compact.
    pub const fn new() -> Self {
        JsonOptions { naming: Naming::CamelCase, keep_null_dictionary_values: false, pretty: false }
    }
    /// Selects how member names are written.
    pub const fn naming(mut self, naming: Naming) -> Self {
        self.naming = naming;
        self
    }
    /// Whether to write dictionary entries whose value is null (as `null`), as
    /// ServiceStack does with `IncludeNullValuesInDictionaries`.
    pub const fn keep_null_dictionary_values(mut self, keep: bool) -> Self {
        self.keep_null_dictionary_values = keep;
        self
    }
    /// Whether to indent with two spaces. ServiceStack writes no whitespace; this is for
    /// people reading.
    pub const fn pretty(mut self, pretty: bool) -> Self {
        self.pretty = pretty;
        self
    }
    /// The selected naming.
    pub fn selected_naming(&self) -> Naming {
        self.naming
    }
    /// Whether null dictionary values are written.
    pub fn keeps_null_dictionary_values(&self) -> bool {
        self.keep_null_dictionary_values
    }
    /// Whether the output is indented.
    pub fn is_pretty(&self) -> bool {
        self.pretty
    }
}

/// Encodes `value` as Evo Voice's server does.
pub fn to_string<T: Contract>(value: &T) -> Result<String> {
    to_string_with(value, &JsonOptions::new())
}

/// Encodes `value` as `options` say.
pub fn to_string_with<T: Contract>(value: &T, options: &JsonOptions) -> Result<String> {
    let bytes = to_vec_with(value, options)?;
    // serde_json writes UTF-8 only: strings come from `&str`, everything else is ASCII.
    String::from_utf8(bytes).map_err(|e| Error::new(crate::error::Category::Unencodable, e.to_string()))
}

/// Encodes `value` as Evo Voice's server does, into bytes.
pub fn to_vec<T: Contract>(value: &T) -> Result<Vec<u8>> {
    encode(value, &JsonOptions::new())
}

/// Encodes `value` as `options` say, into bytes.
pub fn to_vec_with<T: Contract>(value: &T, options: &JsonOptions) -> Result<Vec<u8>> {
    encode(value, options)
}

/// Encodes `value` as Evo Voice's server does, into `writer`.
pub fn to_writer<W: Write, T: Contract>(writer: W, value: &T) -> Result<()> {
    to_writer_with(writer, value, &JsonOptions::new())
}

/// Encodes `value` as `options` say, into `writer`.
pub fn to_writer_with<W: Write, T: Contract>(mut writer: W, value: &T, options: &JsonOptions) -> Result<()> {
    let bytes = to_vec_with(value, options)?;
    writer.write_all(&bytes).map_err(Error::io)?;
    writer.flush().map_err(Error::io)
}

/// Decodes a document that is a `T`.
pub fn from_str<T: Contract>(text: &str) -> Result<T> {
    from_slice(text.as_bytes())
}

/// Decodes a document that is a `T` from bytes (UTF-8, with or without a byte order
/// mark).
pub fn from_slice<T: Contract>(bytes: &[u8]) -> Result<T> {
    from_slice_with(bytes, &ReadOptions::new())
}

/// Decodes a document that is a `T` from bytes, with limits: the size of the document,
/// the length of a string, the number of list items and dictionary entries (see
/// [`ReadOptions`]; its `max_depth` is for XML: in JSON the value of an unknown property is
/// skipped without recursion however deep, and a deeper shape than a contract's where a
/// value is read is a type error). Input over a limit is a
/// [`Limit`](crate::error::Category::Limit) error naming the limit.
///
/// ```
/// use evovoice_contracts::{app::portal::AppGetActiveSessionsResult, error::Category, json};
///
/// let doc = br#"{"sessions":[{},{},{}]}"#;
/// let err = json::from_slice_with::<AppGetActiveSessionsResult>(doc, &json::ReadOptions::new().max_items(2)).unwrap_err();
/// assert_eq!(err.category(), Category::Limit);
/// assert!(err.message().contains("max_items"));
/// assert_eq!(err.path().to_string(), "Sessions[2]");
/// ```
pub fn from_slice_with<T: Contract>(bytes: &[u8], options: &ReadOptions) -> Result<T> {
    let mut value = T::default();
    decode_into(bytes, &mut value, options)?;
    Ok(value)
}

/// Decodes a document that is a `T` into `value`, reusing the strings, lists and
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
/// use evovoice_contracts::{app::portal::AppGetActiveSessionsResult, json};
///
/// let mut value = AppGetActiveSessionsResult::default();
/// json::from_slice_into(br#"{"sessions":[{"id":"S1","accountName":"Sales"},{"id":"S2"}]}"#, &mut value)?;
/// assert_eq!(value.sessions.as_ref().map(Vec::len), Some(2));
/// // The next poll: the first session's strings are filled in again, the second dropped,
/// // and what the document lacks is reset.
/// let next = br#"{"sessions":[{"id":"S3"}]}"#;
/// json::from_slice_into(next, &mut value)?;
/// assert_eq!(value, json::from_slice::<AppGetActiveSessionsResult>(next)?);
/// # Ok::<(), evovoice_contracts::Error>(())
/// ```
pub fn from_slice_into<T: Contract>(bytes: &[u8], value: &mut T) -> Result<()> {
    from_slice_into_with(bytes, value, &ReadOptions::new())
}

/// Decodes a document that is a `T` into `value`, reusing its storage, with limits:
/// [`from_slice_into`] as [`from_slice_with`] reads.
///
/// ```
/// use evovoice_contracts::{app::portal::AppGetActiveSessionsResult, error::Category, json};
///
/// let doc = br#"{"sessions":[{},{},{}]}"#;
/// let options = json::ReadOptions::new().max_items(2);
/// let mut value = AppGetActiveSessionsResult::default();
/// let err = json::from_slice_into_with(doc, &mut value, &options).unwrap_err();
/// assert_eq!(err.category(), Category::Limit);
/// assert_eq!(err.path().to_string(), "Sessions[2]");
/// ```
pub fn from_slice_into_with<T: Contract>(bytes: &[u8], value: &mut T, options: &ReadOptions) -> Result<()> {
    match decode_into(bytes, value, options) {
        Ok(()) => Ok(()),
        // The error of a fresh decode: what `value` held cannot change which one it is.
        Err(error) => Err(from_slice_with::<T>(bytes, options).err().unwrap_or(error)),
    }
}

/// Decodes a document that is a `T` from a reader, read to its end first (at most the
/// default [`max_document_bytes`](ReadOptions::max_document_bytes)).
pub fn from_reader<R: Read, T: Contract>(reader: R) -> Result<T> {
    from_reader_with(reader, &ReadOptions::new())
}

/// Decodes a document that is a `T` from a reader, with limits; reading stops one byte
/// past [`max_document_bytes`](ReadOptions::max_document_bytes).
pub fn from_reader_with<R: Read, T: Contract>(reader: R, options: &ReadOptions) -> Result<T> {
    let bytes = crate::limits::read_bounded(reader, options)?;
    from_slice_with(&bytes, options)
}

/// Encodes any contract value, seen through its descriptor.
pub(crate) fn encode(value: &dyn Object, options: &JsonOptions) -> Result<Vec<u8>> {
    // Room for a typical small response (the seed's sample is about 1.5 KB), so that small
    // documents are written without growing the buffer.
    let mut out = Vec::with_capacity(4096);
    if !options.pretty {
        write::object(&mut out, value, options);
        return Ok(out);
    }
    let contract = ser::Contract { value, options };
    let written = contract.serialize(&mut serde_json::Serializer::with_formatter(&mut out, escape::pretty()));
    written.map_err(|e| Error::new(crate::error::Category::Io, e.to_string()))?;
    Ok(out)
}
