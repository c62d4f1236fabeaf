//! Running the deserialization walkers over serde_json, and turning serde_json's errors
//! into the crate's (line, column, member path).

use super::de::ObjectSeed;
use super::either::Either;
use crate::contract::Object;
use crate::error::{Category, Error, MemberPath, Position, Result};
use serde::de::DeserializeSeed;
use serde_json::de::SliceRead;

type JsonDeserializer<'a> = serde_json::Deserializer<SliceRead<'a>>;

/// Fills `value` from a JSON document.
pub(crate) fn decode_into(bytes: &[u8], value: &mut dyn Object) -> Result<()> {
    run(bytes, |de, path| ObjectSeed { value, path }.deserialize(de))
}

/// Fills in whichever of `candidates` the document is, and says which (see [`Either`]).
pub(crate) fn decode_either(bytes: &[u8], candidates: &mut [&mut dyn Object]) -> Result<usize> {
    run(bytes, |de, path| Either { candidates, path }.deserialize(de))
}

fn run<T>(
    bytes: &[u8],
    read: impl FnOnce(&mut JsonDeserializer<'_>, &mut MemberPath) -> serde_json::Result<T>,
) -> Result<T> {
    // ServiceStack reads past a byte order mark; serde_json does not.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(body);
    let mut path = MemberPath::new();
    let result = read(&mut de, &mut path).and_then(|value| de.end().map(|()| value));
    result.map_err(|error| convert(&error, body, bytes.len() - body.len(), &path))
}

/// The crate's error for a serde_json error met at `path`, positioned in `body` (which
/// starts `skipped` bytes into the input).
fn convert(error: &serde_json::Error, body: &[u8], skipped: usize, path: &MemberPath) -> Error {
    use serde_json::error::Category as Json;
    let category = match error.classify() {
        Json::Io => Category::Io,
        Json::Syntax | Json::Eof => Category::Syntax,
        Json::Data => Category::Data,
    };
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let mut converted = Error::new(category, text.strip_suffix(&position).unwrap_or(&text));
    if error.line() > 0 {
        converted = converted.at(locate(body, skipped, error.line(), error.column()));
    }
    if !path.is_root() {
        converted = converted.with_path(path);
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
