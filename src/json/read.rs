//! Running the deserialization walkers over serde_json, and turning serde_json's errors
//! into the crate's (line, column, member path).

use super::de::{ObjectSeed, Walk};
use super::either::Either;
use crate::contract::Object;
use crate::error::{Category, Error, Position, Result};
use crate::location::{json_error_message, strip_bom};
use crate::xml::ReadOptions;
use serde::de::DeserializeSeed;
use serde_json::de::SliceRead;

type JsonDeserializer<'a> = serde_json::Deserializer<SliceRead<'a>>;

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
    let body = strip_bom(bytes);
    let mut de = serde_json::Deserializer::from_slice(body);
    let mut walk = Walk::new(options);
    let result = read(&mut de, &mut walk).and_then(|value| de.end().map(|()| value));
    result.map_err(|error| convert(&error, body, bytes.len() - body.len(), &walk))
}

/// The crate's error for a serde_json error met during `walk`, positioned in `body`
/// (which starts `skipped` bytes into the input).
fn convert(error: &serde_json::Error, body: &[u8], skipped: usize, walk: &Walk) -> Error {
    use serde_json::error::Category as Json;
    let category = match error.classify() {
        _ if walk.limit_hit => Category::Limit,
        Json::Io => Category::Io,
        Json::Syntax | Json::Eof => Category::Syntax,
        Json::Data => Category::Data,
    };
    let mut converted = Error::new(category, json_error_message(error));
    if let Some(position) = Position::of_json_error(error, body, skipped) {
        converted = converted.at(position);
    }
    if !walk.is_root() {
        converted = converted.with_path(walk);
    }
    converted
}
