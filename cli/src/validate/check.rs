//! Checking one document: its format, then the library's validator.

use super::read::{self, Content};
use super::report::FileReport;
use super::walk::Source;
use evovoice_contracts::error::MemberPath;
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

/// The syntax of a document.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Syntax {
    Xml,
    Json,
}

impl Syntax {
    /// By the file's extension, else by the first character that is not whitespace or a
    /// byte order mark: `<` (or a UTF-16 byte order mark) is XML, anything else JSON.
    fn of(path: Option<&Path>, bytes: &[u8]) -> Syntax {
        let extension = path.and_then(|p| p.extension()).and_then(|e| e.to_str()).unwrap_or("");
        if extension.eq_ignore_ascii_case("xml") {
            return Syntax::Xml;
        }
        if extension.eq_ignore_ascii_case("json") {
            return Syntax::Json;
        }
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Syntax::Xml;
        }
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'<') => Syntax::Xml,
            _ => Syntax::Json,
        }
    }

    /// The library's name for it.
    fn format(self) -> evovoice_contracts::validate::Format {
        match self {
            Syntax::Xml => evovoice_contracts::validate::Format::Xml,
            Syntax::Json => evovoice_contracts::validate::Format::Json,
        }
    }
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
            Content::Bytes(bytes) => {
                Ok(validate_with(&bytes, Syntax::of(source.path(), &bytes).format(), &self.options))
            }
        };
        FileReport {
            name: source.name(),
            path: source.path().map(Path::to_path_buf),
            result,
            time: time + start.elapsed(),
        }
    }
}
