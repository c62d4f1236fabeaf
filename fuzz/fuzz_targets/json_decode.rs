//! Any bytes, decoded as a JSON document (detected, and as each contract): a value or an
//! error, never a panic; every error has a position inside the input. The streaming reader
//! never panics either, and reads the sessions the whole decoder reads.

#![no_main]

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::{Document, DocumentKind};
use evovoice_contracts::json::{self, stream::SessionReader, ReadOptions};
use libfuzzer_sys::fuzz_target;

fn check(data: &[u8], result: evovoice_contracts::Result<Document>) {
    if let Err(e) = result {
        let p = e.position().unwrap_or_else(|| panic!("no position: {e:?}"));
        assert!(p.offset <= data.len() && p.line >= 1 && p.column >= 1, "{e:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    check(data, Document::from_json(data));
    let small = ReadOptions::new().max_string_bytes(16).max_items(4).max_document_bytes(2048);
    check(data, Document::from_json_with(data, &small));
    // The first byte picks a contract to read the rest as.
    if let Some((&pick, rest)) = data.split_first() {
        let kind = DocumentKind::ALL[pick as usize % DocumentKind::ALL.len()];
        check(rest, Document::from_json_as(rest, kind));
    }

    let streamed = SessionReader::new(data).and_then(|sessions| sessions.collect::<Result<Vec<_>, _>>());
    // A repeated `sessions` property: the decoder keeps the last, the stream reads the
    // first (it cannot know of a later one without reading the whole document).
    let repeated = data.windows(8).filter(|w| w.eq_ignore_ascii_case(b"sessions")).count() > 1;
    if let (Ok(whole), false) = (json::from_slice::<AppGetActiveSessionsResult>(data), repeated) {
        let streamed = streamed.unwrap_or_else(|e| panic!("the stream failed where the decoder did not: {e:?}"));
        assert_eq!(streamed, whole.sessions.unwrap_or_default());
    }
});
