//! Streaming sessions in and out gives what whole-document decoding and encoding give.

use crate::common;

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::sessions::SessionInfo;
use evovoice_contracts::xml::stream::{SessionReader, SessionWriter};
use evovoice_contracts::xml::{self, Dialect, XmlOptions};

fn stream(bytes: &[u8]) -> Vec<SessionInfo> {
    SessionReader::new(bytes).unwrap().collect::<Result<Vec<_>, _>>().unwrap()
}

#[test]
fn streamed_sessions_equal_the_whole_document_s() {
    let mut files = common::xml_fixtures("servicestack");
    files.extend(common::xml_fixtures("wcf"));
    files.extend(common::xml_fixtures("edges").into_iter().filter(|p| !p.to_string_lossy().contains("error-response")));
    for path in files {
        let bytes = common::read(&path);
        let whole: AppGetActiveSessionsResult = xml::from_slice(&bytes).unwrap();
        let rewritten = common::rewrite::rewrite(&bytes);
        for doc in [&bytes, &rewritten] {
            assert_eq!(stream(doc), whole.sessions.clone().unwrap_or_default(), "{}", path.display());
        }
    }
}

#[test]
fn streamed_writing_equals_whole_writing() {
    for path in common::xml_fixtures("servicestack") {
        let whole: AppGetActiveSessionsResult = xml::from_slice(&common::read(&path)).unwrap();
        let Some(sessions) = whole.sessions.as_ref() else { continue };
        for options in [XmlOptions::new(), XmlOptions::new().dialect(Dialect::Wcf)] {
            let mut writer = SessionWriter::new(Vec::new(), &options).unwrap();
            for s in sessions {
                writer.write(s).unwrap();
            }
            assert_eq!(writer.finish().unwrap(), xml::to_vec_with(&whole, &options).unwrap(), "{}", path.display());
        }
    }
    let empty = SessionWriter::new(Vec::new(), &XmlOptions::new()).unwrap().finish().unwrap();
    let expected = {
        let mut value = AppGetActiveSessionsResult::default();
        value.sessions = Some(vec![]);
        value
    };
    assert_eq!(empty, xml::to_vec_with(&expected, &XmlOptions::new()).unwrap());
}

#[test]
fn a_bad_session_is_reported_with_its_index_and_document_position() {
    let mut sessions = vec![SessionInfo::default(); 3];
    sessions[1].account_id = Some("x".into());
    let doc = xml::to_string(&{
        let mut value = AppGetActiveSessionsResult::default();
        value.sessions = Some(sessions);
        value
    })
    .unwrap();
    let bad = {
        let at = doc.match_indices("<d2p1:WasMissed>false").nth(2).unwrap().0;
        format!("{}\n<d2p1:WasMissed>maybe{}", &doc[..at], &doc[at + "<d2p1:WasMissed>false".len()..])
    };
    let results: Vec<_> = SessionReader::new(bad.as_bytes()).unwrap().collect();
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    let err = results[2].as_ref().unwrap_err();
    assert_eq!(err.path().to_string(), "Sessions[2].WasMissed");
    assert_eq!((err.line(), err.column()), (2, 1));
    let whole = xml::from_str::<AppGetActiveSessionsResult>(&bad).unwrap_err();
    assert_eq!((whole.line(), whole.column(), whole.path()), (err.line(), err.column(), err.path()));
}

#[test]
fn malformed_streams_are_errors() {
    for bad in [
        "",
        "<x/>",
        "<AppGetActiveSessionsResult xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal\"><Sessions>",
    ] {
        let outcome: Result<Vec<_>, _> = SessionReader::new(bad.as_bytes()).and_then(|r| r.collect());
        assert!(outcome.is_err(), "{bad:?}");
    }
}

#[test]
fn an_unencodable_session_names_its_path() {
    let mut writer = SessionWriter::new(Vec::new(), &XmlOptions::new()).unwrap();
    writer.write(&SessionInfo::default()).unwrap();
    let bad = {
        let mut value = SessionInfo::default();
        value.outcome = Some("\u{1}".into());
        value
    };
    assert_eq!(writer.write(&bad).unwrap_err().path().to_string(), "Sessions[1].Outcome");
}

#[test]
fn an_unencodable_session_leaves_nothing_in_the_stream() {
    let bad = {
        let mut value = SessionInfo::default();
        value.outcome = Some("\u{1}".into());
        value
    };
    let mut good = SessionInfo::default();
    good.account_id = Some("a & b".into());
    // First, then later: the failed session is left out and the document stays whole.
    for failing_at in [0, 1] {
        let mut writer = SessionWriter::new(Vec::new(), &XmlOptions::new()).unwrap();
        for index in 0..2 {
            if index == failing_at {
                assert!(writer.write(&bad).is_err());
            }
            writer.write(&good).unwrap();
        }
        let mut whole = AppGetActiveSessionsResult::default();
        whole.sessions = Some(vec![good.clone(); 2]);
        assert_eq!(writer.finish().unwrap(), xml::to_vec(&whole).unwrap(), "failing at {failing_at}");
    }
}

/// What stands between sessions is read by one rulebook in the stream and the decoder: a
/// form feed, U+FEFF, a processing instruction, `]]>` or text are refused by both (as by
/// .NET); whitespace, raw, as a reference or as CDATA, and comments are passed over by
/// both.
#[test]
fn between_sessions_the_stream_reads_as_the_decoder() {
    let doc = String::from_utf8(common::read(&common::root().join("fixtures/xml/servicestack/0002.xml"))).unwrap();
    let end = "</d2p1:SessionInfo>";
    let at = doc.find(end).unwrap() + end.len();
    let with = |piece: &str| format!("{}{piece}{}", &doc[..at], &doc[at..]);
    for piece in ["\u{C}", "&#xC;", "\u{FEFF}", "<?pi?>", "]]>", "x", "<![CDATA[x]]>", "\u{1}"] {
        let edited = with(piece);
        let whole = xml::from_str::<AppGetActiveSessionsResult>(&edited);
        let streamed = SessionReader::new(edited.as_bytes()).and_then(|r| r.collect::<Result<Vec<_>, _>>());
        let (Err(w), Err(s)) = (&whole, &streamed) else { panic!("{piece:?}: {whole:?} / {streamed:?}") };
        assert_eq!((w.line(), w.column(), w.category()), (s.line(), s.column(), s.category()), "{piece:?}: {w} / {s}");
    }
    let expected = xml::from_str::<AppGetActiveSessionsResult>(&doc).unwrap().sessions.unwrap();
    for piece in [" \t\r\n", "&#32;&#x9;&#10;&#xD;", "<![CDATA[ ]]><![CDATA[]]>", "<!-- c -->"] {
        let edited = with(piece);
        assert_eq!(xml::from_str::<AppGetActiveSessionsResult>(&edited).unwrap().sessions.unwrap(), expected);
        assert_eq!(stream(edited.as_bytes()), expected, "{piece:?}");
    }
}
