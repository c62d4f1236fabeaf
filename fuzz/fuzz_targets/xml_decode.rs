//! Any bytes, decoded as an XML document of any contract: a value or an error, never a
//! panic; every error has a position inside the input (the command line prints it). The
//! streaming reader never panics either, and reads the sessions the whole decoder reads.

#![no_main]

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::Document;
use evovoice_contracts::xml::{self, stream::SessionReader, ReadOptions};
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

    let streamed = SessionReader::new(data).and_then(|sessions| sessions.collect::<Result<Vec<_>, _>>());
    if let Ok(whole) = xml::from_slice::<AppGetActiveSessionsResult>(data) {
        let streamed = streamed.unwrap_or_else(|e| panic!("the stream failed where the decoder did not: {e:?}"));
        assert_eq!(streamed, whole.sessions.unwrap_or_default());
    }
});
