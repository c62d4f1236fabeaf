//! Streaming sessions through JSON gives what whole-document decoding and encoding give.

use crate::common;

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::json::stream::{SessionReader, SessionWriter};
use evovoice_contracts::json::{self, JsonOptions, Naming};
use evovoice_contracts::sessions::SessionInfo;
use evovoice_contracts::xml;

fn results() -> Vec<AppGetActiveSessionsResult> {
    common::xml_fixtures("servicestack").iter().map(|p| xml::from_slice(&common::read(p)).unwrap()).collect()
}

#[test]
fn streamed_sessions_equal_the_whole_document_s() {
    let mut checked = 0;
    for result in results() {
        for options in
            [JsonOptions::new(), JsonOptions::new().naming(Naming::PascalCase), JsonOptions::new().pretty(true)]
        {
            let doc = json::to_vec_with(&result, &options).unwrap();
            let whole: AppGetActiveSessionsResult = json::from_slice(&doc).unwrap();
            let streamed: Vec<SessionInfo> = SessionReader::new(&doc[..]).unwrap().collect::<Result<_, _>>().unwrap();
            assert_eq!(streamed, whole.sessions.unwrap_or_default());
            checked += 1;
        }
    }
    assert!(checked >= 60);
}

#[test]
fn other_properties_and_odd_spacing_are_passed_over() {
    let doc = "\u{FEFF} { \"__type\" : {\"a\":[1,{\"b\":\"]}\\\"\"}]}, \"x\":null,\n \"SESSIONS\" : [ {\"id\":\"1\"} ,\n{\"id\":\"2\"} ] , \"after\": 1 }";
    let ids: Vec<_> = SessionReader::new(doc.as_bytes()).unwrap().map(|s| s.unwrap().entity.id.unwrap()).collect();
    assert_eq!(ids, ["1", "2"]);
    for empty in ["{}", "{\"sessions\":null}", "{\"sessions\":[]}", "{\"other\":[1,2]}"] {
        assert_eq!(SessionReader::new(empty.as_bytes()).unwrap().count(), 0, "{empty}");
    }
}

#[test]
fn streamed_writing_equals_whole_writing() {
    for result in results() {
        let Some(sessions) = result.sessions.as_ref() else { continue };
        for options in [JsonOptions::new(), JsonOptions::new().naming(Naming::PascalCase)] {
            let mut writer = SessionWriter::new(Vec::new(), &options).unwrap();
            for s in sessions {
                writer.write(s).unwrap();
            }
            assert_eq!(writer.finish().unwrap(), json::to_vec_with(&result, &options).unwrap());
        }
    }
}

#[test]
fn a_bad_session_is_reported_with_its_index_and_document_position() {
    let doc = "{\"sessions\":[{\"id\":\"a\"},\n  {\"id\":\"b\",\n   \"ended\":\"perhaps\"}]}";
    let results: Vec<_> = SessionReader::new(doc.as_bytes()).unwrap().collect();
    assert_eq!(results.len(), 2);
    let err = results[1].as_ref().unwrap_err();
    let whole = json::from_str::<AppGetActiveSessionsResult>(doc).unwrap_err();
    assert_eq!(err.path().to_string(), "Sessions[1].Ended");
    assert_eq!((err.line(), err.column(), err.path()), (whole.line(), whole.column(), whole.path()));
}

#[test]
fn malformed_streams_are_errors() {
    for bad in ["", "[", "{\"sessions\":[{\"id\":1", "{\"sessions\":[{}{}]}", "{\"sessions\":5}", "{\"a\" 1}"] {
        let outcome: Result<Vec<_>, _> = SessionReader::new(bad.as_bytes()).and_then(|r| r.collect());
        assert!(outcome.is_err(), "{bad:?}");
    }
}
