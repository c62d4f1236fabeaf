//! Any bytes, decoded as an XML document of any contract: a value or an error, never a
//! panic; every error has a position inside the input (the command line prints it).

#![no_main]

use evovoice_contracts::document::Document;
use evovoice_contracts::xml::ReadOptions;
use libfuzzer_sys::fuzz_target;

fn check(data: &[u8], options: &ReadOptions) {
    if let Err(e) = Document::from_xml_with(data, options) {
        let p = e.position().unwrap_or_else(|| panic!("no position: {e:?}"));
        assert!(p.offset <= data.len() && p.line >= 1 && p.column >= 1, "{e:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    check(data, &ReadOptions::new());
    // Small limits, so that every limit is reached.
    check(data, &ReadOptions::new().max_depth(6).max_string_bytes(16).max_items(4).max_document_bytes(2048));
});
