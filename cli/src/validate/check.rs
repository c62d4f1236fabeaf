//! Checking one document: its format, then the library's validator.

use super::read::{self, Content};
use super::report::FileReport;
use super::walk::Source;
use evovoice_contracts::error::MemberPath;
use evovoice_contracts::format::Format;
use evovoice_contracts::validate::{validate_with, Code, Finding, ValidateOptions};
use evovoice_contracts::xml::ReadOptions;
use std::path::Path;
use std::time::{Duration, Instant};

/// How to read and check.
pub struct Check {
    /// The validator's options.
    pub options: ValidateOptions,
    /// The reading limits (the document size).
    pub read: ReadOptions,
}

/// A document read, waiting to be checked.
pub struct Loaded {
    source: Source,
    content: Content,
    time: Duration,
}

/// The format of a document: by the file's extension, else by its first character (the
/// library's rule).
fn format_of(path: Option<&Path>, bytes: &[u8]) -> Format {
    path.and_then(Format::from_path).unwrap_or_else(|| Format::sniff(bytes))
}

impl Check {
    /// Reads `source`, bounded.
    pub fn load(&self, source: Source) -> Loaded {
        let start = Instant::now();
        let content = read::load(&source, &self.read);
        Loaded { source, content, time: start.elapsed() }
    }

    /// Checks a document read (in any thread).
    pub fn check(&self, loaded: Loaded) -> FileReport {
        let start = Instant::now();
        let Loaded { source, content, time } = loaded;
        let result = match content {
            Content::Unreadable(why) => Err(why),
            Content::TooLarge(position) => {
                let message = format!(
                    "the document is larger than {} bytes (--max-document-bytes): not read further",
                    self.read.document_bytes_limit()
                );
                Ok(vec![Finding::new(Code::TooLarge, position, MemberPath::new(), message)])
            }
            Content::Bytes(bytes) => Ok(validate_with(&bytes, format_of(source.path(), &bytes), &self.options)),
        };
        FileReport {
            name: source.name(),
            path: source.path().map(Path::to_path_buf),
            result,
            time: time + start.elapsed(),
        }
    }
}
