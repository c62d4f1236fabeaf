//! What the JSON reader accepts, as ServiceStack.Text reads, and how it fails: with a
//! category, a line and column, and a member path, never a panic.

use crate::common;

use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::document::{Document, DocumentKind};
use evovoice_contracts::error::Category;
use evovoice_contracts::json;
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::sessions::{SessionCallState, SessionInfo, SessionMemberInfo, SessionMemberRoles};
use evovoice_contracts::xml;
use proptest::prelude::*;

fn session(text: &str) -> SessionInfo {
    json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn error_of<T: evovoice_contracts::Contract>(text: &str) -> evovoice_contracts::Error {
    json::from_str::<T>(text).err().unwrap_or_else(|| panic!("{text} was accepted"))
}

#[test]
fn property_names_in_any_case() {
    for name in ["accountId", "AccountId", "ACCOUNTID", "accountid", "aCcOuNtId"] {
        assert_eq!(session(&format!(r#"{{"{name}":"A1"}}"#)).account_id.as_deref(), Some("A1"), "{name}");
    }
    // Escaped names are names too.
    assert_eq!(session(r#"{"\u0069d":"S1"}"#).entity.id.as_deref(), Some("S1"));
    // Names are not trimmed or otherwise bent.
    assert_eq!(session(r#"{" id":"S1","account_id":"A1"}"#), SessionInfo::default());
}

#[test]
fn enum_names_in_any_case_and_numbers() {
    for text in [r#""Ringing""#, r#""ringing""#, r#""RINGING""#, r#"" Ringing ""#, "1", r#""1""#, r#""+1""#] {
        let s = session(&format!(r#"{{"callState":{text}}}"#));
        assert_eq!(s.call_state, SessionCallState::Ringing, "{text}");
    }
    assert_eq!(session(r#"{"callState":0}"#).call_state, SessionCallState::Disconnected);
    assert_eq!(session(r#"{"direction":"OUTGOING"}"#).direction.name(), "Outgoing");
}

#[test]
fn unknown_enum_names_are_kept_and_written_back() {
    let s = session(r#"{"callState":"Parked","members":[{"role":"Supervisor"}]}"#);
    assert_eq!(s.call_state, SessionCallState::Unknown("Parked".into()));
    assert_eq!(s.members.as_ref().unwrap()[0].role, SessionMemberRoles::Unknown("Supervisor".into()));
    let text = json::to_string(&s).unwrap();
    assert!(text.contains(r#""callState":"Parked""#) && text.contains(r#""role":"Supervisor""#), "{text}");
    let xml_text = xml::to_string(&s).unwrap();
    assert!(xml_text.contains(">Parked</"), "{xml_text}");
}

#[test]
fn enum_values_no_member_has_are_kept_as_dotnet_keeps_them() {
    // .NET's `Enum.Parse` takes any `int`, defined or not: the number is kept as an
    // unknown member, which JSON writes back and DataContract XML refuses to write.
    for (text, kept) in [("99", "99"), ("-1", "-1"), (r#""7""#, "7"), ("-0", "")] {
        let s = session(&format!(r#"{{"callState":{text}}}"#));
        if kept.is_empty() {
            assert_eq!(s.call_state, SessionCallState::Disconnected, "{text}");
            continue;
        }
        assert_eq!(s.call_state, SessionCallState::Unknown(kept.into()), "{text}");
        assert!(json::to_string(&s).unwrap().contains(&format!(r#""callState":"{kept}""#)));
        let err = xml::to_string(&s).unwrap_err();
        assert_eq!((err.category(), err.path().to_string()), (Category::Unencodable, "CallState".into()), "{text}");
    }
}

#[test]
fn enum_values_dotnet_cannot_read_are_errors() {
    for (text, message) in [
        ("18446744073709551615", "18446744073709551615 is out of the range of SessionCallState (a 32-bit integer)"),
        (r#""On hold""#, "invalid enum value 'On hold' for SessionCallState: not a member name or number"),
        (r#""""#, "invalid enum value '' for SessionCallState: not a member name or number"),
        ("1.5", "invalid enum value 1.5 for SessionCallState: not a member name or an integer"),
        ("true", "invalid type: boolean `true`, expected a SessionCallState member name or number"),
        ("[]", "invalid type: sequence, expected a SessionCallState member name or number"),
        ("null", "null on a SessionCallState, which cannot be null: ServiceStack fails to set it"),
    ] {
        let err = error_of::<SessionInfo>(&format!(r#"{{"callState":{text}}}"#));
        assert_eq!(err.category(), Category::Data, "{text}");
        assert_eq!(err.message(), message, "{text}");
        assert_eq!(err.path().to_string(), "CallState", "{text}");
        // Placed where the value starts.
        assert_eq!((err.line(), err.column()), (1, 14), "{text}");
    }
}

#[test]
fn null_wherever_a_value_may_be_null() {
    let text = r#"{"id":null,"ended":null,"customerBreadcrumb":null,
        "log":null,"members":[{"applicationData":{"k":null,"v":"x"},"muted":null}]}"#;
    let s = session(text);
    assert_eq!(s.entity.id, None);
    assert_eq!(s.call_state, SessionCallState::Disconnected);
    assert!(!s.ended);
    assert_eq!((s.customer_breadcrumb, s.log), (None, None));
    let data = s.members.unwrap()[0].application_data.clone().unwrap();
    assert_eq!(data.iter().collect::<Vec<_>>(), [("k", None), ("v", Some("x"))]);
    assert_eq!(json::from_str::<ErrorResponse>(r#"{"responseStatus":null}"#).unwrap(), ErrorResponse::default());
    // null for a bool is false, as ServiceStack reads it, whatever came before.
    assert!(!session(r#"{"ended":true,"ended":null}"#).ended);
}

#[test]
fn unknown_properties_are_skipped_whatever_they_hold() {
    let text = r#"{"__type":"Voice.Api.Sessions.SessionInfo","extra":{"a":[1,2,{"b":null}],"c":"d"},
        "id":"S1","more":[[[]]],"n":-1.5e300,"t":true,"members":[{"nested":{"deep":[{}]},"muted":true}]}"#;
    let s = session(text);
    assert_eq!(s.entity.id.as_deref(), Some("S1"));
    assert!(s.members.unwrap()[0].muted);
}

#[test]
fn a_repeated_property_keeps_its_last_value() {
    assert_eq!(session(r#"{"id":"a","ID":"b"}"#).entity.id.as_deref(), Some("b"));
    assert_eq!(session(r#"{"log":[{"date":"1"}],"Log":[]}"#).log, Some(vec![]));
    assert_eq!(session(r#"{"log":[{"date":"1"}],"log":null}"#).log, None);
    let m: SessionMemberInfo = json::from_str(r#"{"applicationData":{"a":"1","b":"2","a":"3"}}"#).unwrap();
    let data = m.application_data.unwrap();
    assert_eq!(data.iter().collect::<Vec<_>>(), [("a", Some("3")), ("b", Some("2"))]);
    // A repeated object is replaced, not merged.
    let e: ErrorResponse =
        json::from_str(r#"{"responseStatus":{"errorCode":"A"},"responseStatus":{"message":"B"}}"#).unwrap();
    assert_eq!((e.error_code(), e.message()), (None, Some("B")));
}

#[test]
fn whitespace_and_a_byte_order_mark() {
    let text = "\u{FEFF} \r\n\t{ \"sessions\" :\n [ { \"id\" : \"S1\" } ] }\n ";
    let r: AppGetActiveSessionsResult = json::from_str(text).unwrap();
    assert_eq!(r.sessions.unwrap()[0].entity.id.as_deref(), Some("S1"));
    assert_eq!(json::from_str::<AppGetActiveSessionsResult>("{}").unwrap(), AppGetActiveSessionsResult::default());
}

#[test]
fn readers_and_writers() {
    let r: AppGetActiveSessionsResult = json::from_reader(&br#"{"sessions":[]}"#[..]).unwrap();
    assert_eq!(r.sessions, Some(vec![]));
    let mut out = Vec::new();
    json::to_writer_with(&mut out, &r, &json::JsonOptions::new()).unwrap();
    assert_eq!(out, br#"{"sessions":[]}"#);
    assert_eq!(json::to_vec_with(&r, &json::JsonOptions::new()).unwrap(), out);
}

#[test]
fn syntax_errors_say_where() {
    let err = error_of::<AppGetActiveSessionsResult>("{\n  \"sessions\": [\n    {\"id\": \"S1\",}\n  ]\n}");
    assert_eq!(err.category(), Category::Syntax);
    assert_eq!((err.line(), err.column()), (3, 17));
    assert_eq!(err.path().to_string(), "Sessions[0]");
    assert_eq!(err.message(), "trailing comma");

    let err = error_of::<AppGetActiveSessionsResult>(r#"{"sessions":[{"id":"é中😀"#);
    assert_eq!(err.category(), Category::Syntax);
    assert_eq!(err.message(), "EOF while parsing a string");
    // Just past the last of its 23 characters (29 bytes).
    assert_eq!((err.line(), err.column()), (1, 24), "columns count characters");
    assert_eq!(err.path().to_string(), "Sessions[0].Id");

    let err = error_of::<AppGetActiveSessionsResult>("{} {}");
    assert_eq!((err.category(), err.message(), err.path().is_root()), (Category::Syntax, "trailing characters", true));

    for text in ["", "   ", "nul", "{\"a\":}", "\u{FEFF}", "{\"sessions\":[}", "{\"id\":\"\\uD800\"}"] {
        let err = error_of::<SessionInfo>(text);
        assert_eq!(err.category(), Category::Syntax, "{text:?}: {err}");
        assert!(err.line() >= 1, "{text:?}");
    }
    // Control characters must be escaped inside strings.
    assert_eq!(error_of::<SessionInfo>("{\"id\":\"a\u{1}\"}").category(), Category::Syntax);
}

#[test]
fn data_errors_name_the_member() {
    for (text, path, message) in [
        (r#"{"sessions":{}}"#, "Sessions", "invalid type: map, expected a JSON array or null"),
        (
            r#"{"sessions":[null]}"#,
            "Sessions[0]",
            "a null list item cannot be represented (lists hold values, not nulls)",
        ),
        (r#"{"sessions":[1]}"#, "Sessions[0]", "invalid type: integer `1`, expected a JSON object for SessionInfo"),
        (r#"{"sessions":[{},{"id":5}]}"#, "Sessions[1].Id", "invalid type: integer `5`, expected a string or null"),
        (
            r#"{"sessions":[{"ended":"yes"}]}"#,
            "Sessions[0].Ended",
            "invalid boolean 'yes': ServiceStack reads true, false, 1, 0, t, f, y, n, on and off",
        ),
        (
            r#"{"sessions":[{"members":[{"applicationData":{"ok":"1","bad":[]}}]}]}"#,
            "Sessions[0].Members[0].ApplicationData[\"bad\"]",
            "invalid type: sequence, expected a string",
        ),
        (
            "[]",
            "",
            "the document is an array, not an object: ServiceStack cannot read a AppGetActiveSessionsResult from it",
        ),
        (
            "null",
            "",
            "the document is null, not an object: ServiceStack cannot read a AppGetActiveSessionsResult from it",
        ),
    ] {
        let err = error_of::<AppGetActiveSessionsResult>(text);
        assert_eq!(err.category(), Category::Data, "{text}");
        assert_eq!(err.path().to_string(), path, "{text}");
        assert_eq!(err.message(), message, "{text}");
        assert!(err.line() == 1 && err.column() > 0, "{text}");
    }
    // Placed where the value starts, as validation places it.
    let err = error_of::<AppGetActiveSessionsResult>(r#"{"sessions":[{"ended":"yes"}]}"#);
    assert_eq!(
        err.to_string(),
        "invalid boolean 'yes': ServiceStack reads true, false, 1, 0, t, f, y, n, on and off at Sessions[0].Ended \
         (line 1, column 23)"
    );
    // What ServiceStack reads as a bool.
    for (text, flag) in
        [("\"true\"", true), ("\" False \"", false), ("1", true), ("0", false), ("\"y\"", true), ("\"off\"", false)]
    {
        assert_eq!(session(&format!(r#"{{"ended":{text}}}"#)).ended, flag, "{text}");
    }
}

#[test]
fn deeply_nested_unknown_values_are_skipped_without_recursing() {
    for depth in [200, 100_000] {
        let text = format!("{{\"x\":{}{},\"id\":\"S1\"}}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(session(&text).entity.id.as_deref(), Some("S1"), "{depth}");
        let text = format!("{{\"x\":{}1{}}}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert_eq!(session(&text), SessionInfo::default(), "{depth}");
        let text = format!("{{\"x\":{}", "[".repeat(depth));
        assert_eq!(error_of::<SessionInfo>(&text).category(), Category::Syntax, "{depth}");
    }
}

#[test]
fn documents_are_recognized_by_their_first_known_property() {
    let kind = |text: &str| Document::from_json(text.as_bytes()).unwrap().kind();
    assert_eq!(kind("{}"), DocumentKind::AppGetActiveSessionsResult);
    assert_eq!(kind(r#"{"other":1,"sessions":[]}"#), DocumentKind::AppGetActiveSessionsResult);
    assert_eq!(kind(r#"{"other":1,"ResponseStatus":{"errorCode":"E"}}"#), DocumentKind::ErrorResponse);
    assert_eq!(kind(r#"{"accountId":"A1","startDate":"2024"}"#), DocumentKind::AppGetActiveSessions);
    // The first known property decides; the other type's properties are then unknown.
    let Document::AppGetActiveSessionsResult(r) =
        Document::from_json(br#"{"sessions":[],"responseStatus":{}}"#).unwrap()
    else {
        panic!("a result")
    };
    assert_eq!(r.sessions, Some(vec![]));
    let Document::AppGetActiveSessions(q) = Document::from_json(br#"{"accountId":"A1","sessions":[{}]}"#).unwrap()
    else {
        panic!("a request")
    };
    assert_eq!(q, {
        let mut value = AppGetActiveSessions::default();
        value.account_id = Some("A1".into());
        value
    });

    let err = Document::from_json(br#"{"responseStatus":{"errors":[{"meta":{"k":1}}]}}"#).unwrap_err();
    assert_eq!(err.path().to_string(), "ResponseStatus.Errors[0].Meta[\"k\"]");
    let err = Document::from_json(b"[]").unwrap_err();
    assert_eq!(
        err.message(),
        "the document is an array, not an object: ServiceStack cannot read a AppGetActiveSessionsResult from it"
    );
    // Any contract, when named.
    let doc = Document::from_json_as(br#"{"NAME":"Acme"}"#, "customerbreadcrumb".parse().unwrap()).unwrap();
    assert_eq!(doc.kind(), DocumentKind::CustomerBreadcrumb);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Arbitrary bytes are read or refused, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = json::from_slice::<AppGetActiveSessionsResult>(&bytes);
        let _ = Document::from_json(&bytes);
    }

    /// Real documents cut short or with one byte changed are read or refused with a
    /// position inside the input, never a panic.
    #[test]
    fn damaged_documents_never_panic(cut in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let doc = common::read(&common::root().join("fixtures/json/seed-sample.json"));
        let mut damaged = doc[..cut.index(doc.len() + 1)].to_vec();
        if !damaged.is_empty() {
            let i = at.index(damaged.len());
            damaged[i] = byte;
        }
        if let Err(err) = json::from_slice::<AppGetActiveSessionsResult>(&damaged) {
            let position = err.position().unwrap();
            prop_assert!(position.offset <= damaged.len());
            prop_assert!(err.line() >= 1);
        }
    }
}
