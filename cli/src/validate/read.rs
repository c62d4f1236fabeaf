//! Reading a document, bounded: never more than the size limit and one byte.

use super::walk::Source;
use crate::input::read_bounded;
use evovoice_contracts::xml::ReadOptions;

/// What reading a source gave.
pub enum Content {
    /// The whole document, within the limit.
    Bytes(Vec<u8>),
    /// The document goes on past the limit: where the first byte past it is.
    TooLarge(evovoice_contracts::error::Position),
    /// The source could not be opened or read.
    Unreadable(String),
}

/// Reads `source` up to the document size limit of `options`.
pub fn load(source: &Source, options: &ReadOptions) -> Content {
    let limit = options.document_bytes_limit();
    let read = match source {
        Source::Stdin => read_bounded(std::io::stdin().lock(), options),
        Source::File(path) => std::fs::File::open(path).and_then(|file| read_bounded(file, options)),
    };
    match read {
        Err(e) => Content::Unreadable(e.to_string()),
        Ok(bytes) if bytes.len() > limit => {
            Content::TooLarge(evovoice_contracts::error::Position::locate(&bytes, limit))
        }
        Ok(bytes) => Content::Bytes(bytes),
    }
}
