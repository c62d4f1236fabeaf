//! The XML decoder's predictive path and its general path read alike, on any bytes, which
//! are the document; the last byte also picks a set of small limits. Decoding (as
//! `AppGetActiveSessionsResult` and as the document the root names), validation and the
//! streaming session reader each give the same value or the same error (category, line,
//! column, position, member path and message) with the default options and with
//! `general_path_only(true)`, and again with the small limits.
//!
//! The fixtures make a good starting corpus as they are, with the XML dictionary:
//!
//! ```sh
//! RUSTC_BOOTSTRAP=1 cargo fuzz run -a xml_predictive_vs_general fuzz/corpus/xml_predictive_vs_general fixtures/xml -- -dict=fuzz/xml.dict
//! ```

#![no_main]

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::Document;
use evovoice_contracts::error::{Error, Result};
use evovoice_contracts::validate::{validate_xml_with, ValidateOptions};
use evovoice_contracts::xml::{self, stream::SessionReader, ReadOptions};
use libfuzzer_sys::fuzz_target;
use std::fmt::Debug;

/// Small limits, so that limit errors are compared too.
fn small_limits(pick: u8) -> ReadOptions {
    let options = ReadOptions::new();
    match pick % 8 {
        0 => options.max_string_bytes(16),
        1 => options.max_string_bytes(0),
        2 => options.max_depth(4),
        3 => options.max_depth(7),
        4 => options.max_items(3),
        5 => options.max_items(0),
        6 => options.max_document_bytes(700),
        _ => options.max_string_bytes(16).max_depth(6).max_items(3),
    }
}

fn seen(e: &Error) -> impl PartialEq + Debug {
    (e.category(), e.line(), e.column(), e.position(), e.path().to_string(), e.message().to_string())
}

fn same<T: PartialEq + Debug>(what: &str, options: &ReadOptions, predictive: Result<T>, general: Result<T>) {
    match (predictive, general) {
        (Ok(predictive), Ok(general)) => {
            assert!(predictive == general, "{what} with {options:?}: {predictive:?} / {general:?}")
        }
        (Err(predictive), Err(general)) => {
            assert!(seen(&predictive) == seen(&general), "{what} with {options:?}: {predictive:?} / {general:?}")
        }
        (predictive, general) => panic!("{what} with {options:?}: one reading fails: {predictive:?} / {general:?}"),
    }
}

fn read_alike(doc: &[u8], options: &ReadOptions) {
    let predictive = options.clone().general_path_only(false);
    let general = options.clone().general_path_only(true);
    same(
        "decoding",
        options,
        xml::from_slice_with::<AppGetActiveSessionsResult>(doc, &predictive),
        xml::from_slice_with::<AppGetActiveSessionsResult>(doc, &general),
    );
    same(
        "decoding the root's contract",
        options,
        Document::from_xml_with(doc, &predictive),
        Document::from_xml_with(doc, &general),
    );
    let found = validate_xml_with(doc, &ValidateOptions::new().read_options(predictive.clone()));
    let expected = validate_xml_with(doc, &ValidateOptions::new().read_options(general.clone()));
    assert!(found == expected, "validation with {options:?}: {found:?} / {expected:?}");
    let stream = |o: ReadOptions| SessionReader::with_options(doc, o).and_then(|r| r.collect::<Result<Vec<_>>>());
    same("the stream", options, stream(predictive), stream(general));
}

fuzz_target!(|data: &[u8]| {
    read_alike(data, &ReadOptions::new());
    read_alike(data, &small_limits(data.last().copied().unwrap_or(0)));
});
