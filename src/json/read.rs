//! Running the deserialization walkers over serde_json, and turning serde_json's errors
//! into the crate's (line, column, member path).

use super::de::{ObjectSeed, Walk};
use super::either::Either;
use crate::contract::Object;
use crate::error::{Category, Error, Position, Result};
use crate::xml::ReadOptions;
use serde::de::DeserializeSeed;
use serde_json::de::SliceRead;

type JsonDeserializer<'a> = serde_json::Deserializer<SliceRead<'a>>;

/// How deep serde_json lets arrays and objects nest (its fixed recursion limit).
pub const MAX_JSON_DEPTH: usize = 128;

/// Fills `value` from a JSON document.
pub(crate) fn decode_into(bytes: &[u8], value: &mut dyn Object, options: &ReadOptions) -> Result<()> {
    run(bytes, options, |de, path| ObjectSeed { value, path }.deserialize(de))
}

/// Fills in whichever of `candidates` the document is, and says which (see [`Either`]).
pub(crate) fn decode_either(bytes: &[u8], candidates: &mut [&mut dyn Object], options: &ReadOptions) -> Result<usize> {
    run(bytes, options, |de, path| Either { candidates, path }.deserialize(de))
}

fn run<T>(
    bytes: &[u8],
    options: &ReadOptions,
    read: impl FnOnce(&mut JsonDeserializer<'_>, &mut Walk) -> serde_json::Result<T>,
) -> Result<T> {
    let limit = options.document_bytes_limit();
    if bytes.len() > limit {
        return Err(Error::new(
            Category::Limit,
            format!("the document is larger than the limit of {limit} bytes (max_document_bytes)"),
        )
        .at(Position::locate(bytes, limit)));
    }
    // ServiceStack reads past a byte order mark; serde_json does not.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(body);
    let mut walk = Walk::new(options);
    let result = read(&mut de, &mut walk).and_then(|value| de.end().map(|()| value));
    result.map_err(|error| convert(&error, body, bytes.len() - body.len(), &walk))
}

/// The crate's error for a serde_json error met during `walk`, positioned in `body`
/// (which starts `skipped` bytes into the input).
fn convert(error: &serde_json::Error, body: &[u8], skipped: usize, walk: &Walk) -> Error {
    use serde_json::error::Category as Json;
    let mut category = match error.classify() {
        Json::Io => Category::Io,
        Json::Syntax | Json::Eof => Category::Syntax,
        Json::Data => Category::Data,
    };
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let mut message = text.strip_suffix(&position).unwrap_or(&text).to_owned();
    if walk.limit_hit {
        category = Category::Limit;
    } else if message == "recursion limit exceeded" {
        category = Category::Limit;
        message = format!("arrays and objects are nested deeper than the limit of {MAX_JSON_DEPTH} (JSON nesting)");
    }
    let mut converted = Error::new(category, message);
    if error.line() > 0 {
        converted = converted.at(locate(body, skipped, error.line(), error.column()));
    }
    if !walk.is_root() {
        converted = converted.with_path(walk);
    }
    converted
}

/// serde_json counts columns in bytes; the crate counts them in characters.
fn locate(body: &[u8], skipped: usize, line: usize, column: usize) -> Position {
    let mut start = 0;
    for _ in 1..line {
        match memchr::memchr(b'\n', &body[start..]) {
            Some(at) => start += at + 1,
            None => break,
        }
    }
    let offset = (start + column.saturating_sub(1)).min(body.len());
    let mut position = Position::locate(body, offset);
    position.offset += skipped;
    position
}
