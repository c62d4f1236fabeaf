//! The session stream and whole-document decoding give one reading of what stands between
//! a document's sessions: a document .NET wrote (a fixture, picked by the first byte) with
//! pieces inserted between its session items, at the boundaries the second byte picks.
//! The pieces are the ones the rules of XML 1.0 and .NET's reader decide on: whitespace of
//! every kind, raw and written as references or CDATA (a form feed is not whitespace), the
//! characters XML forbids, byte order marks, comments, processing instructions, `]]>`,
//! declarations and text. Both give the same sessions, or both fail (with the same line,
//! column and path unless the document is not well-formed).
//!
//! ```sh
//! RUSTC_BOOTSTRAP=1 cargo fuzz run -a xml_stream_vs_decode
//! ```

#![no_main]

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::xml::{self, stream::SessionReader};
use libfuzzer_sys::fuzz_target;

#[path = "shared/one_verdict.rs"]
mod one_verdict;
use one_verdict::assert_one_verdict;

const DOCUMENTS: [&[u8]; 3] = [
    include_bytes!("../../fixtures/xml/servicestack/0002.xml"),
    include_bytes!("../../fixtures/xml/wcf/0002.xml"),
    include_bytes!("../../fixtures/xml/servicestack/0004.xml"),
];

const PIECES: [&[u8]; 24] = [
    b" ",
    b"\t",
    b"\n",
    b"\r\n",
    b"\x0C",
    b"\x0B",
    b"\x00",
    b"\x01",
    "\u{FEFF}".as_bytes(),
    "\u{FFFE}".as_bytes(),
    "\u{85}".as_bytes(),
    "\u{A0}".as_bytes(),
    b"&#32;",
    b"&#xC;",
    b"&#xD;",
    b"<![CDATA[ ]]>",
    b"<![CDATA[x]]>",
    b"<!-- c -->",
    b"<?pi x?>",
    b"]]>",
    b"<?xml version=\"1.0\"?>",
    b"x",
    b"&amp;",
    b"&#xD83D;&#xDE00;",
];

fuzz_target!(|data: &[u8]| {
    let [doc_pick, where_pick, pieces @ ..] = data else { return };
    let doc = DOCUMENTS[usize::from(*doc_pick) % DOCUMENTS.len()];
    // The boundaries between session items: after each item's end tag.
    let ends: Vec<usize> = ["</d2p1:SessionInfo>", "</a:SessionInfo>"]
        .iter()
        .flat_map(|tag| {
            let tag = tag.as_bytes();
            doc.windows(tag.len()).enumerate().filter(move |(_, w)| *w == tag).map(move |(at, _)| at + tag.len())
        })
        .collect();
    if ends.is_empty() {
        return;
    }
    let at = ends[usize::from(*where_pick) % ends.len()];
    let mut edited = doc[..at].to_vec();
    for &piece in pieces.iter().take(16) {
        edited.extend_from_slice(PIECES[usize::from(piece) % PIECES.len()]);
    }
    edited.extend_from_slice(&doc[at..]);

    let whole = xml::from_slice::<AppGetActiveSessionsResult>(&edited);
    let streamed = SessionReader::new(&edited[..]).and_then(|r| r.collect::<Result<Vec<_>, _>>());
    assert_one_verdict(whole, streamed);
});
