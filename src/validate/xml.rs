//! Validating XML: the decoder, run with a sink, does the work.

use super::ValidateOptions;
use crate::diagnostic::{Code, Finding};
use crate::document::{Document, DocumentKind};
use crate::error::{Category, Error, MemberPath, Position};
use crate::xml::{self, ReadOptions};

/// The most characters ServiceStack's XML reader takes (`MaxCharactersInDocument`), in
/// UTF-16 code units as .NET counts them.
const MAX_CHARACTERS: usize = 1024 * 1024;

pub(super) fn validate(bytes: &[u8], options: &ValidateOptions) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(offset) = past_character_limit(bytes) {
        let message = format!(
            "the document holds more than {MAX_CHARACTERS} characters: ServiceStack's reader stops there and fails"
        );
        findings.push(Finding::new(Code::TooLarge, Position::locate(bytes, offset), MemberPath::new(), message));
    }
    let root = options.root.map(DocumentKind::info).unwrap_or_else(|| root_contract(bytes));
    let Some(mut document) = Document::default_for(root) else {
        return findings;
    };
    let mut sink = |finding| findings.push(finding);
    let result = xml::decode_reporting(bytes, document.as_object_mut(), &ReadOptions::new(), &mut sink);
    if let Err(error) = result {
        findings.push(from_error(&error));
    }
    findings
}

/// The contract the root element names, or the result's when it names none (reading then
/// reports the wrong root).
fn root_contract(bytes: &[u8]) -> &'static crate::contract::ContractInfo {
    let contracts = Document::contracts();
    let root = xml::root_name(bytes).ok();
    root.and_then(|root| {
        contracts.iter().copied().find(|c| c.name() == root.local && Some(c.namespace()) == root.namespace.as_deref())
    })
    .unwrap_or(contracts[0])
}

/// The byte offset of the first character past ServiceStack's limit, if the document has
/// one.
fn past_character_limit(bytes: &[u8]) -> Option<usize> {
    if bytes.len() <= MAX_CHARACTERS {
        return None;
    }
    let mut units = 0;
    for (offset, &b) in bytes.iter().enumerate() {
        // A UTF-8 lead byte starts a character: one UTF-16 unit, two for a 4-byte one.
        units += match b {
            0x80..=0xBF => 0,
            0xF0..=0xFF => 2,
            _ => 1,
        };
        if units > MAX_CHARACTERS {
            return Some(offset);
        }
    }
    None
}

/// A finding from an error that stopped reading.
fn from_error(error: &Error) -> Finding {
    let code = Code::of_error(error);
    let position = error.position().unwrap_or(Position { line: 1, column: 1, offset: 0 });
    let message = error.message();
    let message = if message.contains(".NET") || message.contains("ServiceStack") {
        message.to_owned()
    } else if error.category() == Category::Limit {
        format!("{message}; this crate stops reading there")
    } else {
        format!("{message}; .NET fails")
    };
    Finding::new(code, position, error.path().clone(), message)
}
