//! One reading, on any bytes: the first byte picks the format, the rest is the document.
//! It decodes exactly when validation reports no error, and a decoding error is among the
//! findings at the same line, column and member path. The streaming reader agrees with
//! whole-document decoding on the verdict, and on the error of a well-formed document.

#![no_main]

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::Document;
use evovoice_contracts::format::Format;
use evovoice_contracts::validate::{validate, Code, Severity};
use evovoice_contracts::{json, xml};
use libfuzzer_sys::fuzz_target;

#[path = "shared/one_verdict.rs"]
mod one_verdict;
use one_verdict::assert_one_verdict;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, doc)) = data.split_first() else { return };
    let format = if pick % 2 == 0 { Format::Xml } else { Format::Json };

    let decoded = Document::decode(doc, format);
    let findings = validate(doc, format);
    // E008, a reference to a control character, is the one error the decoder reads past on
    // purpose: ServiceStack's reader fails on it, WCF's dialect carries such references.
    let errors: Vec<_> =
        findings.iter().filter(|f| f.severity() == Severity::Error && f.code() != Code::ControlCharacter).collect();
    match &decoded {
        Ok(_) => assert!(errors.is_empty(), "decoded, yet validation says {errors:?}"),
        Err(e) => assert!(
            errors.iter().any(|f| (f.line(), f.column()) == (e.line(), e.column()) && f.path() == e.path()),
            "decoding says {e:?}, validation {errors:?}"
        ),
    }

    // A repeated `sessions`: decoding keeps one, a stream refuses it (documented).
    // (An XML document names `Sessions` in its start and end tags.)
    let lower = doc.to_ascii_lowercase();
    let allowed = if format == Format::Xml { 2 } else { 1 };
    if lower.windows(8).filter(|w| w == b"sessions").count() > allowed {
        return;
    }
    let (whole, streamed) = match format {
        Format::Xml => (
            xml::from_slice::<AppGetActiveSessionsResult>(doc),
            xml::stream::SessionReader::new(doc).and_then(|r| r.collect::<Result<Vec<_>, _>>()),
        ),
        _ => (
            json::from_slice::<AppGetActiveSessionsResult>(doc),
            json::stream::SessionReader::new(doc).and_then(|r| r.collect::<Result<Vec<_>, _>>()),
        ),
    };
    assert_one_verdict(whole, streamed);
});
