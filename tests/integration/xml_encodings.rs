//! Documents in UTF-16, as Windows tools save them, read as .NET reads them: decoding,
//! validation and the session stream give what the same document in UTF-8 gives, and
//! errors point at the UTF-16 bytes.

use crate::common;

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::error::Category;
use evovoice_contracts::validate::{validate_xml, Severity};
use evovoice_contracts::xml::stream::SessionReader;
use evovoice_contracts::xml::{self, Dialect, XmlOptions};

fn pairs() -> [(Vec<u8>, Vec<u8>, XmlOptions); 2] {
    let read = |p: &str| common::read(&common::root().join(p));
    [
        (read("fixtures/xml/utf16/0001.utf-16le.xml"), read("fixtures/xml/servicestack/0001.xml"), XmlOptions::new()),
        (
            read("fixtures/xml/utf16/0002.utf-16be.xml"),
            read("fixtures/xml/wcf/0002.xml"),
            XmlOptions::new().dialect(Dialect::Wcf),
        ),
    ]
}

#[test]
fn utf16_fixtures_decode_validate_and_stream_as_their_utf8_twins() {
    for (utf16, utf8, options) in pairs() {
        let value: AppGetActiveSessionsResult = xml::from_slice(&utf16).unwrap();
        assert_eq!(value, xml::from_slice::<AppGetActiveSessionsResult>(&utf8).unwrap());
        assert_eq!(xml::to_vec_with(&value, &options).unwrap(), utf8);
        let errors: Vec<_> = validate_xml(&utf16).into_iter().filter(|f| f.severity() == Severity::Error).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let streamed: Vec<_> = SessionReader::new(&utf16[..]).unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(streamed, value.sessions.clone().unwrap_or_default());
        assert!(!streamed.is_empty());
    }
}

#[test]
fn errors_in_utf16_point_at_the_utf16_bytes() {
    let (utf16, _, _) = pairs().into_iter().next().unwrap();
    let text =
        String::from_utf16(&utf16[2..].chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect::<Vec<_>>())
            .unwrap();
    let at = text.find(">false</d2p1:Ended>").unwrap() + 1;
    let bad = text.replacen(">false</d2p1:Ended>", ">nope</d2p1:Ended>", 1);
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(bad.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let e = xml::from_slice::<AppGetActiveSessionsResult>(&bytes).unwrap_err();
    assert_eq!(e.category(), Category::Data);
    assert_eq!(e.path().to_string(), "Sessions[0].Ended");
    let start = text[..at].rfind("<d2p1:Ended>").unwrap();
    let position = e.position().unwrap();
    assert_eq!(position.offset, 2 + 2 * text[..start].encode_utf16().count());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(position.line, 1 + text[..start].matches('\n').count());
    assert_eq!(position.column, text[line_start..start].chars().count() + 1);
}

#[test]
fn utf16_without_a_declaration_or_with_another_label_is_refused() {
    let utf16 =
        |s: &str| -> Vec<u8> { [0xFF, 0xFE].into_iter().chain(s.encode_utf16().flat_map(u16::to_le_bytes)).collect() };
    let body = String::from_utf8(common::read(&common::root().join("fixtures/xml/wcf/0002.xml"))).unwrap();
    for (doc, needle) in [
        (body.clone(), "must name its encoding"),
        (format!("<?xml version=\"1.0\"?>{body}"), "must name its encoding"),
        (format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>{body}"), "names the encoding 'utf-8'"),
        (format!(" <?xml version=\"1.0\" encoding=\"utf-16\"?>{body}"), "very start"),
    ] {
        let e = xml::from_slice::<AppGetActiveSessionsResult>(&utf16(&doc)).unwrap_err();
        assert!(e.message().contains(needle), "{e}");
        assert!(SessionReader::new(&utf16(&doc)[..]).and_then(|r| r.collect::<Result<Vec<_>, _>>()).is_err());
    }
}
