//! Hostile JSON: deep nesting, numbers where enums and booleans belong, repeated
//! properties, lone surrogates, invalid UTF-8, truncation, and huge input. Every case ends
//! in a value or a clear error (category, message, position, member path) in bounded time
//! and memory.

use crate::common;

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::Document;
use evovoice_contracts::error::Category;
use evovoice_contracts::json::{self, ReadOptions};
use evovoice_contracts::sessions::{SessionCallState, SessionInfo};
use evovoice_contracts::Error;
use std::time::{Duration, Instant};

fn decode(doc: impl AsRef<[u8]>) -> Result<AppGetActiveSessionsResult, Error> {
    json::from_slice(doc.as_ref())
}

fn session(doc: &str) -> Result<SessionInfo, Error> {
    json::from_str(doc)
}

/// Runs `f`, failing past 30 seconds: each case takes at most a second or two in a debug
/// build, and quadratic behaviour takes minutes on these inputs.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(start.elapsed() < Duration::from_secs(30), "{what} took {:?}", start.elapsed());
    out
}

fn assert_limit(e: &Error, limit: &str) {
    assert_eq!(e.category(), Category::Limit, "{e}");
    assert!(e.message().contains(limit), "the message should name {limit}: {e}");
    assert!(e.line() >= 1 && e.column() >= 1, "{e:?}");
}

fn seed() -> Vec<u8> {
    common::read(&common::root().join("fixtures/json/seed-sample.json"))
}

/// The contracts nest a few levels deep: an array or object deeper where a value is read is
/// a type error, and the value of an unknown property is skipped without recursion,
/// however deep, in memory of a byte per level (serde_json's `ignore_value`).
#[test]
fn deep_nesting_is_a_type_error_or_skipped_without_recursion() {
    let deep_array = "[".repeat(1_000_000);
    let deep_object = "{\"a\":".repeat(1_000_000);
    for doc in [
        format!("{{\"sessions\":{deep_array}"),
        format!("{{\"unknown\":{deep_array}"),
        format!("{{\"unknown\":{deep_object}"),
        format!("{{\"sessions\":[{{\"members\":[{{\"applicationData\":{{\"k\":{deep_array}"),
        deep_array.clone(),
    ] {
        let e = timed("deep nesting", || decode(&doc).unwrap_err());
        // Read arrays fail where an object or a string belongs; skipped ones at the end
        // of the (unclosed) document.
        match e.category() {
            Category::Data => assert!(e.message().contains("invalid type"), "{e}"),
            _ => assert!(e.message().starts_with("EOF while parsing"), "{e}"),
        }
        assert!(e.line() >= 1 && e.column() >= 1, "{e:?}");
    }
    let closed = format!("{{\"unknown\":{}{},\"accountId\":\"a\"}}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    let s = timed("skipping a million levels", || session(&closed).unwrap());
    assert_eq!(s.account_id.as_deref(), Some("a"));
    let closed = format!("{{\"sessions\":[{{\"zzz\":{deep_object}1{}}}]}}", "}".repeat(1_000_000));
    assert_eq!(timed("skipping a million objects", || decode(&closed).unwrap()).sessions.unwrap().len(), 1);
    // Just inside the limit is read; the unknown member is skipped.
    let e = decode(format!("{{\"sessions\":{}{}}}", "[".repeat(200), "]".repeat(200))).unwrap_err();
    assert_eq!(e.category(), Category::Data, "{e}");
    let nested = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    let e = json::from_slice::<SessionInfo>(nested(200).as_bytes()).unwrap_err();
    assert_eq!(e.category(), Category::Data, "{e}");
}

#[test]
fn numbers_where_enums_and_booleans_belong_are_errors_naming_the_member() {
    for value in ["1e400", "99999999999999999999999", "-99999999999999999999999", "1.5", "-2147483649", "2147483648"] {
        // `1e400` is out of range for serde_json (a syntax error); the rest are no
        // integer, or past the range of .NET's `int` enums, where ServiceStack fails.
        let e = session(&format!("{{\"callState\":{value}}}")).unwrap_err();
        assert!(matches!(e.category(), Category::Data | Category::Syntax), "{value}: {e}");
        assert_eq!(e.path().to_string(), "CallState", "{value}");
    }
    for value in ["1e400", "99999999999999999999999", "1.5", "-1", "2", "2147483648"] {
        // A bool is true, false, 1 or 0 (or null, read as false).
        let e = session(&format!("{{\"ended\":{value}}}")).unwrap_err();
        assert!(matches!(e.category(), Category::Data | Category::Syntax), "{value}: {e}");
        assert_eq!(e.path().to_string(), "Ended", "{value}");
    }
    for value in ["\"99999999999999999999999\"", "\"1e400\"", "\"2147483648\""] {
        let e = session(&format!("{{\"callState\":{value}}}")).unwrap_err();
        assert_eq!(e.category(), Category::Data, "{value}: {e}");
    }
    // A number no member has is kept, as .NET's `Enum.Parse` keeps it (an unknown member).
    for (value, kept) in [("-1", "-1"), ("5", "5"), ("\"-1\"", "-1"), ("\" +7\"", "7"), ("2147483647", "2147483647")] {
        let s = session(&format!("{{\"callState\":{value}}}")).unwrap();
        assert_eq!(s.call_state, SessionCallState::Unknown(kept.into()), "{value}");
    }
    // Numbers a member has are read, as ServiceStack reads them.
    assert_eq!(session("{\"callState\":2}").unwrap().call_state, SessionCallState::Connected);
    assert_eq!(session("{\"callState\":\" 3 \"}").unwrap().call_state, SessionCallState::Hold);
}

#[test]
fn a_repeated_property_keeps_its_last_value_as_servicestack_does() {
    let s = session(
        r#"{"id":"a","ID":"b","ended":true,"Ended":false,"callState":"Ringing","callstate":"Hold",
            "log":[{"message":"first"}],"LOG":[{"message":"second"},{"message":"third"}],
            "members":[{"applicationData":{"k":"1","j":"x","K":"case differs","k":"2"}}]}"#,
    )
    .unwrap();
    assert_eq!(s.entity.id.as_deref(), Some("b"));
    assert!(!s.ended);
    assert_eq!(s.call_state, SessionCallState::Hold);
    let log: Vec<_> = s.log.unwrap().into_iter().map(|l| l.message.unwrap()).collect();
    assert_eq!(log, ["second", "third"]);
    let data = s.members.unwrap().remove(0).application_data.unwrap();
    // A repeated key keeps its place and takes the last value; keys are case-sensitive.
    assert_eq!(data.iter().collect::<Vec<_>>(), [("k", Some("2")), ("j", Some("x")), ("K", Some("case differs"))]);
}

#[test]
fn a_large_dictionary_with_repeated_keys_is_read_in_linear_time() {
    let n = 50_000;
    let mut doc = String::from("{\"members\":[{\"applicationData\":{");
    for i in 0..n {
        doc.push_str(&format!("\"k{i}\":\"v{i}\","));
    }
    for i in 0..n {
        doc.push_str(&format!("\"k{i}\":\"w{i}\","));
    }
    doc.push_str("\"last\":null}}]}");
    let s = timed("a 100,000-entry dictionary", || {
        json::from_slice_with::<SessionInfo>(doc.as_bytes(), &ReadOptions::new().max_items(1_000_000)).unwrap()
    });
    let data = s.members.unwrap().remove(0).application_data.unwrap();
    assert_eq!(data.len(), n + 1);
    assert_eq!(data.get("k0"), Some(Some("w0")));
    assert_eq!(data.keys().nth(n - 1), Some(format!("k{}", n - 1).as_str()));
    assert_eq!(data.get("last"), Some(None));
}

#[test]
fn lone_surrogates_are_errors_and_pairs_are_characters() {
    for escape in [r"\uD800", r"\uDC00", r"\uD800\u0041", r"\uDBFF\uDBFF", r"a\uD83D"] {
        let e = session(&format!("{{\"accountId\":\"{escape}\"}}")).unwrap_err();
        assert_eq!(e.category(), Category::Syntax, "{escape}: {e}");
        assert!(e.message().contains("surrogate") || e.message().contains("hex escape"), "{escape}: {e}");
        assert_eq!(e.path().to_string(), "AccountId", "{escape}");
        assert_eq!(e.line(), 1);
    }
    assert_eq!(session(r#"{"accountId":"\uD83D\uDE00\u0000"}"#).unwrap().account_id.as_deref(), Some("😀\0"));
    // In a dictionary key, and in a property name that is skipped.
    let e = session(r#"{"members":[{"applicationData":{"\uDC00":"v"}}]}"#).unwrap_err();
    assert_eq!(e.category(), Category::Syntax, "{e}");
    let e = session(r#"{"\uDC00x":1}"#).unwrap_err();
    assert_eq!(e.category(), Category::Syntax, "{e}");
}

#[test]
fn invalid_utf8_anywhere_and_every_truncation_are_errors() {
    let doc = seed();
    assert!(decode(&doc).is_ok());
    for at in 0..doc.len() {
        let mut broken = doc.clone();
        broken.insert(at, 0xFF);
        assert!(Document::from_json(&broken).is_err(), "0xFF at {at} decoded");
        assert!(Document::from_json(&doc[..at]).is_err(), "the first {at} bytes decoded");
    }
    let utf16: Vec<u8> = String::from_utf8(doc.clone()).unwrap().encode_utf16().flat_map(u16::to_le_bytes).collect();
    for bytes in [[&[0xFF, 0xFE][..], &utf16].concat(), utf16] {
        let e = decode(&bytes).unwrap_err();
        assert_eq!(e.category(), Category::Syntax, "{e}");
        assert!(e.line() >= 1, "{e:?}");
    }
}

#[test]
fn a_million_sessions_hit_the_item_limit() {
    let doc = format!("{{\"sessions\":[{}{{}}]}}", "{},".repeat(999_999));
    let e = timed("a million sessions", || decode(&doc).unwrap_err());
    assert_limit(&e, "max_items");
    assert!(e.message().contains("100000"), "{e}");
    assert_eq!(e.path().to_string(), "Sessions[100000]");
    assert_eq!(e.line(), 1);
    let options = ReadOptions::new().max_items(1000);
    let doc = format!("{{\"sessions\":[{}{{}}]}}", "{},".repeat(999));
    assert_eq!(
        json::from_slice_with::<AppGetActiveSessionsResult>(doc.as_bytes(), &options).unwrap().sessions.unwrap().len(),
        1000
    );
}

#[test]
fn a_100_mb_string_is_a_string_limit_error_naming_the_member() {
    let mut doc = Vec::with_capacity(100_000_100);
    doc.extend_from_slice(b"{\"sessions\":[{\"consoleData\":\"");
    doc.resize(doc.len() + 100_000_000, b'a');
    doc.extend_from_slice(b"\"}]}");
    let e = timed("a 100 MB string", || decode(&doc).unwrap_err());
    assert_limit(&e, "max_string_bytes");
    assert_eq!(e.path().to_string(), "Sessions[0].ConsoleData");
    // Dictionary keys and values too; the limit counts the decoded string.
    let options = ReadOptions::new().max_string_bytes(4);
    let read = |doc: &str| json::from_slice_with::<SessionInfo>(doc.as_bytes(), &options);
    assert_eq!(read(r#"{"accountId":"\u0041\u0042\u0043\u0044"}"#).unwrap().account_id.as_deref(), Some("ABCD"));
    assert_limit(&read(r#"{"accountId":"abcde"}"#).unwrap_err(), "max_string_bytes");
    let e = read(r#"{"members":[{"applicationData":{"k":"abcde"}}]}"#).unwrap_err();
    assert_limit(&e, "max_string_bytes");
    assert_eq!(e.path().to_string(), r#"Members[0].ApplicationData["k"]"#);
    let e = read(r#"{"members":[{"applicationData":{"abcde":"v"}}]}"#).unwrap_err();
    assert_limit(&e, "max_string_bytes");
}

#[test]
fn the_document_size_limit_is_checked_first_and_bounds_readers() {
    let doc = seed();
    let options = ReadOptions::new().max_document_bytes(100);
    let e = json::from_slice_with::<AppGetActiveSessionsResult>(&doc, &options).unwrap_err();
    assert_limit(&e, "max_document_bytes");
    assert_eq!(e.position().unwrap().offset, 100);
    assert_limit(&Document::from_json_with(&doc, &options).unwrap_err(), "max_document_bytes");
    let endless = std::io::repeat(b' ');
    let e = timed("an endless reader", || {
        json::from_reader_with::<_, AppGetActiveSessionsResult>(
            endless,
            &ReadOptions::new().max_document_bytes(1 << 20),
        )
        .unwrap_err()
    });
    assert_limit(&e, "max_document_bytes");
}

#[test]
fn many_unknown_properties_are_skipped_in_linear_time() {
    let mut doc = String::from("{");
    for i in 0..100_000 {
        doc.push_str(&format!("\"unknown{i}\":{{\"a\":[1,2,\"x\"]}},"));
    }
    doc.push_str("\"accountId\":\"a\"}");
    let s = timed("100,000 unknown properties", || session(&doc).unwrap());
    assert_eq!(s.account_id.as_deref(), Some("a"));
}

#[test]
fn wrong_shapes_are_data_errors_with_a_path() {
    for (doc, path) in [
        ("[]", ""),
        ("\"text\"", ""),
        ("null", ""),
        ("{\"sessions\":{}}", "Sessions"),
        ("{\"sessions\":[null]}", "Sessions[0]"),
        ("{\"sessions\":[[]]}", "Sessions[0]"),
        ("{\"sessions\":[{\"members\":[{\"applicationData\":[]}]}]}", "Sessions[0].Members[0].ApplicationData"),
        (
            "{\"sessions\":[{\"members\":[{\"applicationData\":{\"k\":1}}]}]}",
            r#"Sessions[0].Members[0].ApplicationData["k"]"#,
        ),
        ("{\"sessions\":[{\"accountId\":{}}]}", "Sessions[0].AccountId"),
    ] {
        let e = decode(doc).unwrap_err();
        assert!(matches!(e.category(), Category::Data | Category::Syntax), "{doc}: {e}");
        assert_eq!(e.path().to_string(), path, "{doc}: {e}");
        assert!(e.line() >= 1, "{doc}: {e:?}");
    }
}

#[test]
fn a_stream_stops_a_session_or_property_that_never_ends() {
    use evovoice_contracts::json::stream::SessionReader;
    use std::io::{BufReader, Read};
    let options = ReadOptions::new().max_document_bytes(1 << 20);
    let prefix = br#"{"sessions":[{},{"accountId":""#;
    let endless = BufReader::new(prefix.chain(std::io::repeat(b'a')));
    let mut sessions = SessionReader::with_options(endless, options.clone()).unwrap();
    assert!(sessions.next().unwrap().is_ok());
    let e = timed("an endless session", || sessions.next().unwrap().unwrap_err());
    assert_limit(&e, "max_document_bytes");
    assert!(sessions.next().is_none());
    let prefix = br#"{"zzz":[["#;
    let endless = BufReader::new(prefix.chain(std::io::repeat(b'[')));
    let e = timed("an endless property", || SessionReader::with_options(endless, options).err().unwrap());
    assert_limit(&e, "max_document_bytes");
    // Each session is read with the limits.
    let doc = format!("{{\"sessions\":[{{\"log\":[{}{{}}]}}]}}", "{},".repeat(200_000));
    let e = SessionReader::new(doc.as_bytes()).unwrap().next().unwrap().unwrap_err();
    assert_limit(&e, "max_items");
    assert_eq!(e.path().to_string(), "Sessions[0].Log[100000]");
}
