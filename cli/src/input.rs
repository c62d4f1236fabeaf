//! Reading a command's input: a file, or stdin for `-`.

use crate::output::escape;
use evovoice_contracts::error::Position;
use evovoice_contracts::xml::ReadOptions;
use std::io::Read;
use std::path::Path;

/// An input's display name and bytes.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads `path` (`-` or none for stdin), at most one byte past the document size limit of
/// `options`: the decoder reports a larger input as over the limit, and an endless stream
/// costs no more memory than that.
pub fn read(path: Option<&Path>, options: &ReadOptions) -> Result<Input, String> {
    let (name, result) = match path {
        None => read_stdin(options),
        Some(p) if p == Path::new("-") => read_stdin(options),
        Some(p) => (p.display().to_string(), std::fs::File::open(p).and_then(|f| read_bounded(f, options))),
    };
    match result {
        Ok(bytes) => Ok(Input { name, bytes }),
        Err(e) => Err(format!("{}: {e}", escape(&name))),
    }
}

fn read_stdin(options: &ReadOptions) -> (String, std::io::Result<Vec<u8>>) {
    ("<stdin>".into(), read_bounded(std::io::stdin().lock(), options))
}

/// Reads `reader` to its end or to one byte past the document size limit of `options`,
/// whichever comes first.
pub fn read_bounded(reader: impl Read, options: &ReadOptions) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take((options.document_bytes_limit() as u64).saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The position of the first character that is not whitespace (or a byte order mark).
pub fn first_character(bytes: &[u8]) -> Position {
    let start = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let offset = bytes[start..].iter().position(|b| !b.is_ascii_whitespace()).map_or(bytes.len(), |i| start + i);
    let mut p = Position::locate(&bytes[start..], offset - start);
    p.offset = offset;
    p
}

/// Formats a codec error as `file:line:col: error: message at path`. An error without a
/// position of its own (an encoding error) is reported at `fallback`.
pub fn describe(name: &str, error: &evovoice_contracts::Error, fallback: Position) -> String {
    let p = error.position().unwrap_or(fallback);
    format!("{}:{}:{}: error: {}", escape(name), p.line, p.column, escape(&bare(error)))
}

fn bare(error: &evovoice_contracts::Error) -> String {
    if error.path().is_root() {
        error.message().to_owned()
    } else {
        format!("{} at {}", error.message(), error.path())
    }
}
