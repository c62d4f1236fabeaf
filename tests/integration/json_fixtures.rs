//! The JSON fixtures in `fixtures/json/`, checked against the .NET-written XML of the same
//! values in `fixtures/xml/`: XML → JSON gives the fixture's bytes, and the fixture →
//! XML gives the .NET bytes back (apart from dictionary entries whose value is null,
//! which ServiceStack's JSON leaves out).

use crate::common;

use common::json::drop_null_dictionary_values;
use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::document::{Document, DocumentKind};
use evovoice_contracts::json::{self, JsonOptions, Naming};
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::xml::{self, Dialect, XmlOptions};
use std::path::Path;

fn fixture(path: &str) -> Vec<u8> {
    common::read(&common::root().join("fixtures").join(path))
}

fn pascal() -> JsonOptions {
    JsonOptions::new().naming(Naming::PascalCase)
}

fn keep_nulls() -> JsonOptions {
    JsonOptions::new().keep_null_dictionary_values(true)
}

#[test]
fn seed_sample_in_camel_case_and_pascal_case() {
    let xml_bytes = fixture("xml/seed-sample.xml");
    let value: AppGetActiveSessionsResult = xml::from_slice(&xml_bytes).unwrap();
    for (options, file) in [(JsonOptions::new(), "json/seed-sample.json"), (pascal(), "json/seed-sample.pascal.json")] {
        let expected = fixture(file);
        assert_eq!(
            String::from_utf8(json::to_vec_with(&value, &options).unwrap()).unwrap(),
            String::from_utf8(expected.clone()).unwrap(),
            "{file}"
        );
        let back: AppGetActiveSessionsResult = json::from_slice(&expected).unwrap();
        assert_eq!(back, value, "{file}");
        assert_eq!(xml::to_vec_with(&back, &XmlOptions::new().declaration(false)).unwrap(), xml_bytes, "{file}");
    }
}

/// Spot checks written from the specification, not from the encoder: the names, the
/// order (a class's own members, then its base class's) and what is left out.
#[test]
fn seed_sample_reads_as_servicestack_writes_it() {
    let camel = String::from_utf8(fixture("json/seed-sample.json")).unwrap();
    assert!(camel.starts_with(
        r#"{"sessions":[{"dialState":"None","callState":"Disconnected","queueState":"None","accountId":"String","#
    ));
    assert!(camel.contains(r#""customerBreadcrumb":[{"id":"String","name":"String"}],"customerName":"String","#));
    assert!(camel.contains(r#""channel":"Voice","ended":false,"outcome":"String","#));
    assert!(camel.contains(r#""log":[{"date":"String","message":"String"}],"members":[{"identity":"String","endpointId":"String","displayName":"String","isOriginalMember":false,"avatarUrl":"String","applicationData":{"String":"String"},"callState":"None","role":"None","callSid":"String","muted":false}],"#));
    assert!(camel.ends_with(r#""wasMissed":false,"ringQueueId":"String","id":"String","dateCreated":"String","dateLastModified":"String","createdBy":"String","lastModifiedBy":"String"}]}"#));
    assert!(!camel.contains(char::is_whitespace));
    let pascal = String::from_utf8(fixture("json/seed-sample.pascal.json")).unwrap();
    assert!(pascal.starts_with(r#"{"Sessions":[{"DialState":"None","CallState":"Disconnected","#));
    assert!(pascal.ends_with(r#""RingQueueId":"String","Id":"String","DateCreated":"String","DateLastModified":"String","CreatedBy":"String","LastModifiedBy":"String"}]}"#));
}

#[test]
fn edge_cases_match_their_fixtures_both_ways() {
    for xml_path in common::xml_fixtures("edges") {
        let file = xml_path.file_name().unwrap().to_str().unwrap();
        let Some(name) = file.strip_suffix(".servicestack.xml") else { continue };
        let xml_bytes = common::read(&xml_path);
        let json_bytes = fixture(&format!("json/edges/{name}.json"));
        let document = Document::from_xml(&xml_bytes).unwrap();
        assert_eq!(
            String::from_utf8(document.to_json(&JsonOptions::new()).unwrap()).unwrap(),
            String::from_utf8(json_bytes.clone()).unwrap(),
            "{name}"
        );
        let back = Document::from_json(&json_bytes).unwrap();
        assert_eq!(back.kind(), document.kind(), "{name}");
        let mut expected = document.clone();
        if let Document::AppGetActiveSessionsResult(v) = &mut expected {
            drop_null_dictionary_values(v);
        }
        assert_eq!(back, expected, "{name}");
        if back == document {
            assert_eq!(back.to_xml(&XmlOptions::new()).unwrap(), xml_bytes, "{name}");
        }
        // JSON to JSON is canonical.
        assert_eq!(back.to_json(&JsonOptions::new()).unwrap(), json_bytes, "{name}");
    }
}

#[test]
fn the_null_dictionary_value_is_lost_by_default_and_kept_on_request() {
    let xml_bytes = fixture("xml/edges/dictionary.servicestack.xml");
    let value: AppGetActiveSessionsResult = xml::from_slice(&xml_bytes).unwrap();
    let dropped: AppGetActiveSessionsResult = json::from_slice(&fixture("json/edges/dictionary.json")).unwrap();
    let data = |v: &AppGetActiveSessionsResult| {
        v.sessions.as_ref().unwrap()[0].members.as_ref().unwrap()[0].application_data.clone().unwrap()
    };
    assert_eq!(data(&value).get("k"), Some(None));
    assert_eq!(data(&dropped).get("k"), None);
    assert_eq!(data(&dropped).keys().collect::<Vec<_>>(), ["", "a b"]);

    let kept_json = fixture("json/edges/dictionary.keep-nulls.json");
    assert_eq!(json::to_vec_with(&value, &keep_nulls()).unwrap(), kept_json);
    let kept: AppGetActiveSessionsResult = json::from_slice(&kept_json).unwrap();
    assert_eq!(kept, value);
    assert_eq!(xml::to_vec_with(&kept, &XmlOptions::new()).unwrap(), xml_bytes);
}

#[test]
fn error_response_in_both_namings() {
    let xml_bytes = fixture("xml/edges/error-response.servicestack.xml");
    let value: ErrorResponse = xml::from_slice(&xml_bytes).unwrap();
    let camel = fixture("json/edges/error-response.json");
    assert_eq!(
        camel,
        br#"{"responseStatus":{"errorCode":"ArgumentException","message":"AccountId is required","errors":[{"errorCode":"NotEmpty","fieldName":"AccountId","message":"'Account Id' must not be empty."}]}}"#
    );
    let pascal_json = fixture("json/edges/error-response.pascal.json");
    assert_eq!(json::to_vec_with(&value, &pascal()).unwrap(), pascal_json);
    for bytes in [&camel, &pascal_json] {
        let back: ErrorResponse = json::from_slice(bytes).unwrap();
        assert_eq!(back, value);
        assert_eq!(xml::to_vec_with(&back, &XmlOptions::new()).unwrap(), xml_bytes);
        assert_eq!(Document::from_json(bytes).unwrap().kind(), DocumentKind::ErrorResponse);
    }
}

/// Every .NET-written document survives XML → JSON → XML byte for byte when null
/// dictionary values are kept, and loses only those entries otherwise.
#[test]
fn dotnet_documents_go_through_json_and_back() {
    for (dir, options) in [("servicestack", XmlOptions::new()), ("wcf", XmlOptions::new().dialect(Dialect::Wcf))] {
        for path in common::xml_fixtures(dir) {
            check_through_json(&path, &options);
        }
    }
}

fn check_through_json(path: &Path, options: &XmlOptions) {
    let xml_bytes = common::read(path);
    let value: AppGetActiveSessionsResult = xml::from_slice(&xml_bytes).unwrap();
    let kept = json::to_vec_with(&value, &keep_nulls()).unwrap();
    let back: AppGetActiveSessionsResult = json::from_slice(&kept).unwrap();
    assert_eq!(xml::to_vec_with(&back, options).unwrap(), xml_bytes, "{}", path.display());

    let dropped = json::to_vec_with(&value, &JsonOptions::new()).unwrap();
    let back: AppGetActiveSessionsResult = json::from_slice(&dropped).unwrap();
    let mut expected = value.clone();
    drop_null_dictionary_values(&mut expected);
    assert_eq!(back, expected, "{}", path.display());
    assert_eq!(json::to_vec_with(&back, &JsonOptions::new()).unwrap(), dropped, "{}", path.display());
}
