//! Running the deserialization walkers over serde_json, and turning serde_json's errors
//! into the crate's (line, column, member path).

use super::de::{ObjectSeed, Walk};
use super::either::Either;
use super::inspect::Inspector;
use crate::contract::Object;
use crate::diagnostic::{Finding, Severity};
use crate::error::{Category, Error, Fact, Position, Result};
use crate::limits::ReadOptions;
use crate::location::{json_error_message, strip_bom};
use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

/// A walk of the decoder over a document, by either of serde_json's readers.
trait Walker<T> {
    fn walk<'de, R: serde_json::de::Read<'de>>(
        self,
        de: &mut serde_json::Deserializer<R>,
        path: &mut Walk,
    ) -> serde_json::Result<T>;
}

/// Fills one object.
struct IntoObject<'v>(&'v mut dyn Object);

impl Walker<()> for IntoObject<'_> {
    fn walk<'de, R: serde_json::de::Read<'de>>(
        self,
        de: &mut serde_json::Deserializer<R>,
        path: &mut Walk,
    ) -> serde_json::Result<()> {
        ObjectSeed { value: self.0, path }.deserialize(de)
    }
}

/// Fills whichever of the candidates the document is.
struct IntoEither<'c, 'v>(&'c mut [&'v mut dyn Object]);

impl Walker<usize> for IntoEither<'_, '_> {
    fn walk<'de, R: serde_json::de::Read<'de>>(
        self,
        de: &mut serde_json::Deserializer<R>,
        path: &mut Walk,
    ) -> serde_json::Result<usize> {
        Either { candidates: self.0, path }.deserialize(de)
    }
}

/// Fills `value` from a JSON document.
///
/// The fast path reads the document in one pass; when it fails, the document is read
/// again by [`decode_reporting`], whose first error (the same problem, placed where its
/// value starts, with its finding code) is the one returned: decoding and validation
/// report a problem alike.
pub(crate) fn decode_into(bytes: &[u8], value: &mut dyn Object, options: &ReadOptions) -> Result<()> {
    run(bytes, options, IntoObject(&mut *value)).map_err(|error| first_error(bytes, value, options).unwrap_or(error))
}

/// Fills in whichever of `candidates` the document is, and says which (see [`Either`]).
/// A failure is placed as in [`decode_into`].
pub(crate) fn decode_either(bytes: &[u8], candidates: &mut [&mut dyn Object], options: &ReadOptions) -> Result<usize> {
    run(bytes, options, IntoEither(&mut *candidates)).map_err(|error| {
        let chosen = choose(bytes, candidates);
        first_error(bytes, &mut *candidates[chosen], options).unwrap_or(error)
    })
}

/// Which of `candidates` a document is, by [`Either`]'s rule; the first when the
/// document is not an object that says.
pub(crate) fn choose(bytes: &[u8], candidates: &[&mut dyn Object]) -> usize {
    super::either::choose(strip_bom(bytes), candidates)
}

/// Reads a JSON document into `value` as [`decode_into`] does, reporting every problem to
/// `sink` and going on after each value it cannot read; fails only when reading cannot go
/// on (malformed JSON, a root that is not an object, a limit).
pub(crate) fn decode_reporting(
    bytes: &[u8],
    value: &mut dyn Object,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Finding),
) -> Result<()> {
    check_size(bytes, options)?;
    let body = strip_bom(bytes);
    let root: &RawValue = match serde_json::from_slice(body) {
        Ok(root) => root,
        Err(error) => return Err(malformed(&error, bytes, value, options)),
    };
    // The whole document parsed, so it is UTF-8 (what surrounds the root is whitespace).
    let text = crate::utf8::from_utf8(body).map_err(|_| Error::new(Category::Syntax, "invalid UTF-8"))?;
    let mut inspector = Inspector::new(bytes, text, options, sink);
    inspector.root(root, value)
}

/// The error of a document that is not well-formed JSON: where the syntax check stopped,
/// with the member path that the decoder's own reading has there when it gets that far.
fn malformed(error: &serde_json::Error, bytes: &[u8], value: &mut dyn Object, options: &ReadOptions) -> Error {
    let body = strip_bom(bytes);
    let skipped = bytes.len() - body.len();
    let checked = convert(error, body, skipped, &Walk::new(options));
    match run(bytes, options, IntoObject(value)) {
        Err(read) if read.category() == checked.category() && read.position() == checked.position() => read,
        _ => checked,
    }
}

/// The first error [`decode_reporting`] meets, as decoding reports it.
fn first_error(bytes: &[u8], value: &mut dyn Object, options: &ReadOptions) -> Option<Error> {
    let mut first: Option<Finding> = None;
    let mut sink = |finding: Finding| {
        if first.is_none() && finding.severity() == Severity::Error {
            first = Some(finding);
        }
    };
    let result = decode_reporting(bytes, value, options, &mut sink);
    match (first, result) {
        (Some(finding), _) => Some(finding.into_error()),
        (None, Err(error)) => Some(error),
        (None, Ok(())) => None,
    }
}

fn check_size(bytes: &[u8], options: &ReadOptions) -> Result<()> {
    let limit = options.document_bytes_limit();
    if bytes.len() > limit {
        return Err(Error::new(
            Category::Limit,
            format!("the document is larger than the limit of {limit} bytes (max_document_bytes)"),
        )
        .with_fact(Fact::TooLarge)
        .at(Position::locate(bytes, limit)));
    }
    Ok(())
}

fn run<T>(bytes: &[u8], options: &ReadOptions, walker: impl Walker<T>) -> Result<T> {
    check_size(bytes, options)?;
    // ServiceStack reads past a byte order mark; serde_json does not.
    let body = strip_bom(bytes);
    let mut walk = Walk::new(options);
    // A document that is UTF-8 as a whole (one fast check) is read as `&str`, so that
    // serde_json does not check each string again (a tenth of decoding time); any other
    // is read as bytes, which places the error where serde_json finds it.
    let result = match crate::utf8::from_utf8(body) {
        Ok(text) => {
            let mut de = serde_json::Deserializer::from_str(text);
            walker.walk(&mut de, &mut walk).and_then(|value| de.end().map(|()| value))
        }
        Err(invalid) => {
            let mut de = serde_json::Deserializer::from_slice(body);
            let read = walker.walk(&mut de, &mut walk).and_then(|value| de.end().map(|()| value));
            if read.is_ok() {
                // serde_json skips the strings of unknown properties without checking their
                // UTF-8; a document is UTF-8 or it is not JSON.
                let at = bytes.len() - body.len() + invalid.valid_up_to();
                return Err(Error::new(Category::Syntax, "invalid UTF-8").at(Position::locate(bytes, at)));
            }
            read
        }
    };
    result.map_err(|error| convert(&error, body, bytes.len() - body.len(), &walk))
}

/// A limit error met during `walk`.
fn limit(error: &serde_json::Error, body: &[u8], skipped: usize, walk: &Walk) -> Error {
    let mut converted = Error::new(Category::Limit, json_error_message(error)).with_fact(Fact::TooLarge);
    if let Some(position) = Position::of_json_error(error, body, skipped) {
        converted = converted.at(position);
    }
    converted.with_path(walk)
}

/// The crate's error for a serde_json error met during `walk`, positioned in `body`
/// (which starts `skipped` bytes into the input).
fn convert(error: &serde_json::Error, body: &[u8], skipped: usize, walk: &Walk) -> Error {
    use serde_json::error::Category as Json;
    let category = match error.classify() {
        _ if walk.limit_hit => return limit(error, body, skipped, walk),
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
