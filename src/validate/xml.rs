//! Validating XML: the decoder, run with a sink, does the work.

use super::ValidateOptions;
use crate::diagnostic::{Code, Finding};
use crate::document::{Document, DocumentKind};
use crate::error::{MemberPath, Position};
use crate::xml::{self, ReadOptions};

/// The most characters ServiceStack's XML reader takes (`MaxCharactersInDocument`), in
/// UTF-16 code units as .NET counts them.
const MAX_CHARACTERS: usize = 1024 * 1024;

pub(super) fn validate(bytes: &[u8], options: &ValidateOptions, sink: &mut dyn FnMut(Finding)) {
    if let Some(offset) = past_character_limit(bytes) {
        let message = format!(
            "the document holds more than {MAX_CHARACTERS} characters: ServiceStack's reader stops there and fails"
        );
        sink(Finding::new(Code::TooLarge, Position::locate(bytes, offset), MemberPath::new(), message));
    }
    let root = options.root.map(DocumentKind::info).unwrap_or_else(|| root_contract(bytes, &options.read));
    let Some(mut document) = Document::default_for(root) else {
        return;
    };
    if let Err(error) = xml::decode_reporting(bytes, document.as_object_mut(), &options.read, sink) {
        sink(super::stopped_at(&error, Code::MalformedXml, ".NET"));
    }
}

/// The contract the root element names, or the result's when it names none (reading then
/// reports the wrong root).
fn root_contract(bytes: &[u8], options: &ReadOptions) -> &'static crate::contract::ContractInfo {
    let contracts = Document::contracts();
    let root = xml::root_name_with(bytes, options).ok();
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
