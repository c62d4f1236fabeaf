//! One reading: for any input, the decoder and the validator give one verdict. A document
//! decodes exactly when validation reports no error, and the decoder's error is among the
//! findings, at the same line and column, with the same member path. Checked on the
//! fixtures of both formats and on mutations of them: truncation, a slice repeated or
//! dropped, junk inserted, values swapped for other types, names recased, whitespace,
//! nulls and numbers.

use crate::common;

use evovoice_contracts::document::Document;
use evovoice_contracts::error::Category;
use evovoice_contracts::format::Format;
use evovoice_contracts::validate::{validate, Code, Finding, Severity};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::sync::OnceLock;

fn fixtures(format: Format) -> &'static [Vec<u8>] {
    static XML: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static JSON: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let (cell, dir, ext) = match format {
        Format::Xml => (&XML, "fixtures/xml", "xml"),
        _ => (&JSON, "fixtures/json", "json"),
    };
    cell.get_or_init(|| common::files(dir, ext).iter().map(|p| common::read(p)).collect())
}

/// The verdicts agree on `bytes`.
fn one_verdict(bytes: &[u8], format: Format) -> Result<(), TestCaseError> {
    let decoded = Document::decode(bytes, format);
    let findings = validate(bytes, format);
    // E008, a reference to a control character, is the one error the decoder reads past on
    // purpose: ServiceStack's reader fails on it, WCF's dialect carries such references.
    let errors: Vec<&Finding> =
        findings.iter().filter(|f| f.severity() == Severity::Error && f.code() != Code::ControlCharacter).collect();
    let shown = String::from_utf8_lossy(bytes);
    match decoded {
        Ok(_) => prop_assert!(errors.is_empty(), "decoded, yet validation says {errors:#?}\n{shown}"),
        Err(error) => {
            prop_assert!(!errors.is_empty(), "validation is clean, yet decoding says {error}\n{shown}");
            let found = errors
                .iter()
                .any(|f| (f.line(), f.column()) == (error.line(), error.column()) && f.path() == error.path());
            prop_assert!(found, "decoding says {error}, validation {errors:#?}\n{shown}");
        }
    }
    Ok(())
}

/// The streaming reader of `format` gives what whole-document decoding gives: the same
/// sessions when it succeeds, an error when it fails, and, for a well-formed document, the
/// same error. (In a malformed one, decoding reports the syntax error, which it checks
/// first; a stream reports the first problem it reads, which may come before it.)
fn stream_agrees(bytes: &[u8], format: Format) -> Result<(), TestCaseError> {
    use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
    use evovoice_contracts::{json, xml};
    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    if text.matches("\"sessions\"").count() > 1 || text.matches("<sessions").count() > 1 {
        // A repeated `sessions`: decoding keeps the last, a stream refuses it (documented).
        return Ok(());
    }
    let (whole, streamed) = match format {
        Format::Xml => (
            xml::from_slice::<AppGetActiveSessionsResult>(bytes),
            xml::stream::SessionReader::new(bytes).and_then(|r| r.collect::<Result<Vec<_>, _>>()),
        ),
        _ => (
            json::from_slice::<AppGetActiveSessionsResult>(bytes),
            json::stream::SessionReader::new(bytes).and_then(|r| r.collect::<Result<Vec<_>, _>>()),
        ),
    };
    let shown = String::from_utf8_lossy(bytes);
    match (whole, streamed) {
        (Ok(whole), Ok(sessions)) => prop_assert_eq!(whole.sessions.unwrap_or_default(), sessions),
        (Ok(_), Err(e)) => prop_assert!(false, "decoded whole, yet the stream says {e}\n{shown}"),
        (Err(e), Ok(_)) => prop_assert!(false, "streamed, yet decoding says {e}\n{shown}"),
        (Err(whole), Err(stream)) => {
            if whole.category() != Category::Syntax {
                prop_assert_eq!(
                    (whole.line(), whole.column(), whole.path().to_string(), whole.category()),
                    (stream.line(), stream.column(), stream.path().to_string(), stream.category()),
                    "decoding says {}, the stream {}\n{}",
                    whole,
                    stream,
                    shown
                );
            }
        }
    }
    Ok(())
}

/// A mutation of a document.
#[derive(Clone, Debug)]
enum Mutation {
    Truncate(usize),
    Repeat(usize, usize),
    Drop(usize, usize),
    Insert(usize, String),
    Replace(usize, &'static str, &'static str),
}

/// Values and spellings that change a document's meaning or type.
const SWAPS: &[(&str, &str)] = &[
    ("false", "null"),
    ("false", "\"no\""),
    ("false", "1"),
    ("true", "\"True \""),
    ("\"Voice\"", "7"),
    ("\"Voice\"", "null"),
    ("\"Voice\"", "\" voice\""),
    ("\"None\"", "-1"),
    ("\"None\"", "4294967296"),
    ("\"Disconnected\"", "\"\""),
    (":\"", ":5,\"x\":\""),
    ("[", "[null,"),
    ("[{", "[1,{"),
    ("{\"", "{\"sessions\":{},\""),
    (">false<", ">nope<"),
    (">Voice<", "> Voice<"),
    (">Voice<", ">7<"),
    ("<d2p1:", "<d2p1:Extra/><d2p1:"),
    ("i:nil=\"true\"", "i:nil=\"maybe\""),
    ("</", "<!-- c --></"),
    ("\"", "\"\\u0041"),
];

fn apply(doc: &[u8], mutation: &Mutation) -> Vec<u8> {
    let at = |i: usize| i % (doc.len() + 1);
    match mutation {
        Mutation::Truncate(i) => doc[..at(*i)].to_vec(),
        Mutation::Repeat(i, n) => {
            let (start, end) = (at(*i), (at(*i) + n).min(doc.len()));
            [&doc[..end], &doc[start..]].concat()
        }
        Mutation::Drop(i, n) => {
            let (start, end) = (at(*i), (at(*i) + n).min(doc.len()));
            [&doc[..start], &doc[end..]].concat()
        }
        Mutation::Insert(i, junk) => [&doc[..at(*i)], junk.as_bytes(), &doc[at(*i)..]].concat(),
        Mutation::Replace(nth, from, to) => {
            let text = String::from_utf8_lossy(doc);
            let hits: Vec<usize> = text.match_indices(from).map(|(i, _)| i).collect();
            if hits.is_empty() {
                return doc.to_vec();
            }
            let i = hits[nth % hits.len()];
            [&text.as_bytes()[..i], to.as_bytes(), &text.as_bytes()[i + from.len()..]].concat()
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Repeat(i, n)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Drop(i, n)),
        (any::<usize>(), "[\\[\\]{}\",:0-9a-zA-Z <>/=!-]{1,12}").prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<usize>(), proptest::sample::select(SWAPS)).prop_map(|(i, (from, to))| Mutation::Replace(i, from, to)),
    ]
}

#[test]
fn every_fixture_gets_one_verdict() {
    for format in [Format::Xml, Format::Json] {
        for doc in fixtures(format) {
            one_verdict(doc, format).unwrap();
            stream_agrees(doc, format).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn mutated_json_gets_one_verdict(which in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..4)) {
        let docs = fixtures(Format::Json);
        let mut doc = docs[which % docs.len()].clone();
        for m in &mutations {
            doc = apply(&doc, m);
        }
        one_verdict(&doc, Format::Json)?;
        stream_agrees(&doc, Format::Json)?;
    }

    #[test]
    fn mutated_xml_gets_one_verdict(which in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..4)) {
        let docs = fixtures(Format::Xml);
        let mut doc = docs[which % docs.len()].clone();
        for m in &mutations {
            doc = apply(&doc, m);
        }
        one_verdict(&doc, Format::Xml)?;
        stream_agrees(&doc, Format::Xml)?;
    }
}

/// Found by the `validate_vs_decode` fuzz target: serde_json skips an unknown property's
/// string without checking its UTF-8, so decoding read what validation refused.
#[test]
fn invalid_utf8_in_a_skipped_value_is_refused_by_every_reader() {
    let doc = b"{\"extra\":\"N\xacne\",\"sessions\":[]}";
    one_verdict(doc, Format::Json).unwrap();
    stream_agrees(doc, Format::Json).unwrap();
    assert!(Document::decode(doc, Format::Json).is_err());
    let doc = b"{\"sessions\":[{\"extra\":\"N\xacne\"}]}";
    one_verdict(doc, Format::Json).unwrap();
    stream_agrees(doc, Format::Json).unwrap();
}

/// Found by the `validate_vs_decode` fuzz target: a known enum name in the wrong case was
/// kept by the decoder as an unknown member while validation called it an error (.NET
/// fails on it); now both refuse it, and a name no member has in any case is still kept.
#[test]
fn a_known_enum_name_in_the_wrong_case_is_refused_by_every_reader() {
    use evovoice_contracts::sessions::{SessionCallState, SessionInfo};
    use evovoice_contracts::xml;
    let session = |state: &str| {
        format!(
            r#"<SessionInfo xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.Sessions"><CallState>{state}</CallState></SessionInfo>"#
        )
    };
    let err = xml::from_str::<SessionInfo>(&session("RINGING")).unwrap_err();
    assert_eq!((err.category(), err.path().to_string()), (Category::Data, "CallState".into()));
    assert!(err.message().contains("did you mean 'Ringing'"), "{err}");
    let kept = xml::from_str::<SessionInfo>(&session("Parked")).unwrap();
    assert_eq!(kept.call_state, SessionCallState::Unknown("Parked".into()));
    let doc = fixtures(Format::Xml)
        .iter()
        .find(|d| String::from_utf8_lossy(d).contains(">Disconnected<"))
        .expect("a fixture with a Disconnected state");
    let doc = String::from_utf8_lossy(doc).replacen(">Disconnected<", ">DISCONNECTED<", 1);
    one_verdict(doc.as_bytes(), Format::Xml).unwrap();
    stream_agrees(doc.as_bytes(), Format::Xml).unwrap();
    assert!(Document::decode(doc.as_bytes(), Format::Xml).is_err());
}

/// Found by the `validate_vs_decode` fuzz target: after a byte order mark, validation
/// counted the mark as a column and the stream did not; a byte order mark is no character
/// for any reader.
#[test]
fn a_byte_order_mark_is_no_column_for_any_reader() {
    for doc in [
        "\u{feff}0",
        "\u{feff}{\"sessions\":[{\"ended\":\"nope\"}]}",
        "\u{feff}<a/>",
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?><ErrorResponse xmlns=\"http://schemas.servicestack.net/types\"/>",
    ] {
        let format = if doc.contains('<') { Format::Xml } else { Format::Json };
        one_verdict(doc.as_bytes(), format).unwrap();
        stream_agrees(doc.as_bytes(), format).unwrap();
    }
    let err = Document::decode("\u{feff}0".as_bytes(), Format::Json).unwrap_err();
    assert_eq!((err.line(), err.column()), (1, 1));
}

/// Found by the `validate_vs_decode` fuzz target: an item's start tag the decoder's reader
/// refuses (an `i:nil` that is no boolean) lost its `Sessions` path in the XML stream.
#[test]
fn a_refused_item_tag_keeps_its_path_in_the_stream() {
    let doc = concat!(
        r#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal" "#,
        r#"xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Sessions>"#,
        r#"<item i:nil="maybe"/></Sessions></AppGetActiveSessionsResult>"#
    );
    one_verdict(doc.as_bytes(), Format::Xml).unwrap();
    stream_agrees(doc.as_bytes(), Format::Xml).unwrap();
}

/// Found by the `validate_vs_decode` fuzz target: the XML stream passed over an unknown
/// element without reading its children's attributes, where the decoder's skip reads them.
#[test]
fn what_the_decoder_checks_in_a_skipped_element_the_stream_checks_too() {
    let doc = concat!(
        r#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal" "#,
        r#"xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Extra><deep i:nil="maybe"/></Extra>"#,
        r#"<Sessions/></AppGetActiveSessionsResult>"#
    );
    one_verdict(doc.as_bytes(), Format::Xml).unwrap();
    stream_agrees(doc.as_bytes(), Format::Xml).unwrap();
    assert!(Document::decode(doc.as_bytes(), Format::Xml).is_err());
    // Truncated after the bad attribute: the data error still comes first for both.
    let cut = &doc[..doc.find("<Sessions/>").unwrap()];
    one_verdict(cut.as_bytes(), Format::Xml).unwrap();
    stream_agrees(cut.as_bytes(), Format::Xml).unwrap();
}

/// Found by the `validate_vs_decode` fuzz target: a reference after whitespace between
/// items was placed one byte early by the XML stream.
#[test]
fn a_reference_between_items_is_placed_alike() {
    let doc = concat!(
        r#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal">"#,
        "<Sessions>\n\t&amp;</Sessions></AppGetActiveSessionsResult>"
    );
    one_verdict(doc.as_bytes(), Format::Xml).unwrap();
    stream_agrees(doc.as_bytes(), Format::Xml).unwrap();
}

/// Found by the `validate_vs_decode` fuzz target: the stream read the namespace
/// declarations of `Sessions` by quick-xml's rules, which refuse a reference to U+0000;
/// the decoder takes a reference to any character there (WCF writes them), and so does the
/// stream now, reaching the same error.
#[test]
fn a_declaration_is_read_alike_by_the_stream() {
    let doc = concat!(
        r#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal">"#,
        r#"<Sessions xmlns:a="urn:a&#x0;b">text</Sessions></AppGetActiveSessionsResult>"#
    );
    one_verdict(doc.as_bytes(), Format::Xml).unwrap();
    stream_agrees(doc.as_bytes(), Format::Xml).unwrap();
}

/// Found by the `validate_vs_decode` fuzz target: a dictionary entry without its `Value`
/// (or with the `Value` before the `Key`), which .NET fails on, was an error to validation
/// and read as null by the decoder; both now refuse it.
#[test]
fn an_entry_without_its_value_is_refused_by_every_reader() {
    let seed = String::from_utf8(common::read(&common::root().join("fixtures/xml/seed-sample.xml"))).unwrap();
    let entry = "<d6p1:Key>String</d6p1:Key><d6p1:Value>String</d6p1:Value>";
    assert!(seed.contains(entry));
    for broken in ["<d6p1:Key>k</d6p1:Key>", "<d6p1:Value>v</d6p1:Value><d6p1:Key>k</d6p1:Key>"] {
        let doc = seed.replacen(entry, broken, 1);
        assert!(Document::decode(doc.as_bytes(), Format::Xml).is_err(), "{broken}");
        one_verdict(doc.as_bytes(), Format::Xml).unwrap();
        stream_agrees(doc.as_bytes(), Format::Xml).unwrap();
    }
}
