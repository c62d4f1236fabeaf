//! The JSON validator: clean on documents written by ServiceStack.Text's rules; each kind
//! of problem found at the right place with the right code and severity.

use crate::common;

use common::{files, fixture, position_of, replace_once};
use evovoice_contracts::validate::{validate_json, Code, Finding, Severity};
use proptest::prelude::*;

fn seed() -> String {
    fixture("fixtures/json-validate/seed-sample.json")
}

/// Asserts that `doc` has exactly one finding: `code`, at the first `marker`, in `path`.
#[track_caller]
fn single(doc: &str, code: Code, marker: &str, path: &str) -> Finding {
    common::single_finding(validate_json(doc.as_bytes()), doc, code, marker, path)
}

#[test]
fn documents_written_by_the_rules_are_clean() {
    let fixtures = files("fixtures/json-validate", "json");
    assert!(fixtures.len() >= 8);
    for path in fixtures {
        let findings = validate_json(&std::fs::read(&path).unwrap());
        assert!(findings.is_empty(), "{}: {findings:#?}", path.display());
    }
}

#[test]
fn malformed_json_is_an_error_where_it_breaks() {
    let doc = "{\n  \"sessions\": [\n    {\"id\": \"é\" \"x\"}\n  ]\n}";
    // The member path is where the decoder was when the syntax broke.
    let finding = single(doc, Code::MalformedJson, "\"x\"", "Sessions[0]");
    assert_eq!(finding.severity(), Severity::Error);
    for bad in ["", "{", "{\"sessions\":[],}", "\u{feff}", "nul"] {
        let codes: Vec<Code> = validate_json(bad.as_bytes()).iter().map(Finding::code).collect();
        assert_eq!(codes, [Code::MalformedJson], "{bad:?}");
    }
    let codes: Vec<Code> = validate_json(b"{\"id\":\"\xff\"}").iter().map(Finding::code).collect();
    assert_eq!(codes, [Code::MalformedJson]);
}

#[test]
fn the_root_must_be_an_object() {
    single("[{\"sessions\":[]}]", Code::WrongRoot, "[", "");
    single(" null", Code::WrongRoot, "null", "");
}

#[test]
fn unknown_and_repeated_properties_are_warnings() {
    let doc = replace_once(&seed(), "\"ended\":false", "\"ended\":false,\"colour\":\"red\"");
    let finding = single(&doc, Code::UnknownMember, "\"colour\"", "Sessions[0]");
    assert_eq!(finding.severity(), Severity::Warning);
    let doc = replace_once(&seed(), "\"ended\":false", "\"ended\":false,\"Ended\":true");
    single(&doc, Code::RepeatedMember, "\"Ended\"", "Sessions[0].Ended");
    let doc = replace_once(&seed(), "{\"String\":\"String\"}", "{\"k\":\"1\",\"k\":\"2\"}");
    single(&doc, Code::RepeatedMember, "\"k\":\"2\"", "Sessions[0].Members[0].ApplicationData[\"k\"]");
}

#[test]
fn names_and_enums_are_read_in_any_case() {
    let doc = replace_once(&seed(), "\"callState\":\"Disconnected\"", "\"CALLSTATE\":\"ringing\"");
    assert!(validate_json(doc.as_bytes()).is_empty());
    let doc = replace_once(&seed(), "\"callState\":\"Disconnected\"", "\"callState\":4");
    assert!(validate_json(doc.as_bytes()).is_empty());
}

#[test]
fn invalid_booleans_and_nulls_on_value_types_are_errors() {
    let doc = replace_once(&seed(), "\"ended\":false", "\"ended\":\"yes\"");
    single(&doc, Code::InvalidBoolean, "\"yes\"", "Sessions[0].Ended");
    // ServiceStack reads a null bool as false: read, with a warning.
    let doc = replace_once(&seed(), "\"ended\":false", "\"ended\":null");
    let finding = single(&doc, Code::NullAsFalse, "null", "Sessions[0].Ended");
    assert_eq!(finding.severity(), Severity::Warning);
    let doc = replace_once(&seed(), "\"channel\":\"Voice\"", "\"channel\":null");
    single(&doc, Code::NullValueType, "null", "Sessions[0].Channel");
}

#[test]
fn enum_values() {
    let doc = replace_once(&seed(), "\"channel\":\"Voice\"", "\"channel\":\"Sms\"");
    let finding = single(&doc, Code::UnknownEnumName, "\"Sms\"", "Sessions[0].Channel");
    assert_eq!(finding.severity(), Severity::Warning);
    let doc = replace_once(&seed(), "\"channel\":\"Voice\"", "\"channel\":7");
    single(&doc, Code::UnknownEnumName, "7", "Sessions[0].Channel");
    // ServiceStack trims enum names (and reads numbers no member has).
    let doc = replace_once(&seed(), "\"channel\":\"Voice\"", "\"channel\":\" Voice\\u00a0\"");
    assert!(validate_json(doc.as_bytes()).is_empty());
    for bad in ["\"\"", "\"Voice Mail\"", "1.5", "true", "[]", "4294967296"] {
        let doc = replace_once(&seed(), "\"channel\":\"Voice\"", &format!("\"channel\":{bad}"));
        single(&doc, Code::InvalidEnum, &format!("\"channel\":{bad}")[10..], "Sessions[0].Channel");
    }
}

#[test]
fn values_of_the_wrong_type_are_errors() {
    let cases = [
        ("\"accountId\":\"String\"", "\"accountId\":5", "5", "Sessions[0].AccountId"),
        ("\"log\":[", "\"log\":{},\"x\":[", "{}", "Sessions[0].Log"),
        ("{\"String\":\"String\"}", "{\"k\":1}", "1}", "Sessions[0].Members[0].ApplicationData[\"k\"]"),
        (
            "\"applicationData\":{",
            "\"applicationData\":\"s\",\"y\":{",
            "\"s\"",
            "Sessions[0].Members[0].ApplicationData",
        ),
    ];
    for (from, to, marker, path) in cases {
        let doc = replace_once(&seed(), from, to);
        let findings = validate_json(doc.as_bytes());
        let finding = findings.iter().find(|f| f.code() == Code::WrongType).unwrap_or_else(|| panic!("{findings:#?}"));
        assert_eq!((finding.line(), finding.column()), position_of(&doc, marker), "{to}");
        assert_eq!(finding.path().to_string(), path);
    }
    let error = fixture("fixtures/json-validate/error-response.json");
    let doc = replace_once(&error, "\"errors\":[", "\"errors\":[\"oops\",");
    single(&doc, Code::WrongType, "\"oops\"", "ResponseStatus.Errors[0]");
}

#[test]
fn null_list_items_are_errors() {
    let doc = replace_once(&seed(), "\"log\":[", "\"log\":[null,");
    single(&doc, Code::InvalidContent, "null", "Sessions[0].Log[0]");
}

#[test]
fn positions_count_characters_and_skip_a_byte_order_mark() {
    let doc = "\u{feff}{\n \"sessions\": [{\"displayName\": \"é中😀\", \"ended\": 2}]\n}";
    let finding = single(doc, Code::InvalidBoolean, "2}", "Sessions[0].Ended");
    assert_eq!((finding.line(), finding.column()), (2, 47));
}

#[test]
fn every_problem_is_reported() {
    let doc = r#"{"sessions":[{"ended":"no","channel":"Pigeon","x":1},null,{"callState":[]}],"total":2}"#;
    let codes: Vec<Code> = validate_json(doc.as_bytes()).iter().map(Finding::code).collect();
    assert_eq!(
        codes,
        [
            Code::InvalidBoolean,
            Code::UnknownEnumName,
            Code::UnknownMember,
            Code::InvalidContent,
            Code::InvalidEnum,
            Code::UnknownMember
        ]
    );
}

proptest! {
    #[test]
    fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = validate_json(&bytes);
    }

    #[test]
    fn never_panics_on_spliced_documents(at in 0usize..2500, len in 0usize..32, insert in "[\\[\\]{}\",:0-9a-z \\\\]{0,12}") {
        let doc = seed();
        let start = at.min(doc.len());
        let end = (start + len).min(doc.len());
        let mut mutated = doc.as_bytes()[..start].to_vec();
        mutated.extend_from_slice(insert.as_bytes());
        mutated.extend_from_slice(&doc.as_bytes()[end..]);
        for f in validate_json(&mutated) {
            prop_assert!(f.line() >= 1 && f.column() >= 1);
        }
    }
}
