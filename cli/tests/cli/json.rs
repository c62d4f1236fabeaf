//! `convert` between XML and JSON: format detection, `--from`, `--to`, `--type`, the JSON
//! options, exit codes and error messages.

use crate::common;

use std::process::Output;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin)
}

fn ok(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let out = run(args, stdin);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn fixture(path: &str) -> Vec<u8> {
    common::read(&common::root().join("fixtures").join(path))
}

#[test]
fn xml_to_json_and_back() {
    let xml = fixture("xml/seed-sample.xml");
    let json = ok(&["convert", "--to", "json"], &xml);
    assert_eq!(json, fixture("json/seed-sample.json"));
    assert_eq!(ok(&["convert", "--to", "xml", "--no-declaration"], &json), xml);
    assert_eq!(ok(&["convert", "--to", "json", "--naming", "pascal"], &xml), fixture("json/seed-sample.pascal.json"));
}

#[test]
fn every_dotnet_document_through_json_and_back() {
    for path in common::xml_fixtures("servicestack") {
        let xml = common::read(&path);
        let json = ok(&["convert", "--to", "json", "--keep-null-dictionary-values"], &xml);
        assert_eq!(ok(&["convert", "--to", "xml"], &json), xml, "{}", path.display());
    }
    let error = fixture("xml/edges/error-response.servicestack.xml");
    let json = ok(&["convert", "--to", "json"], &error);
    assert_eq!(json, fixture("json/edges/error-response.json"));
    assert_eq!(ok(&["convert", "--to", "xml"], &json), error);
}

#[test]
fn json_to_json_is_canonical_and_files_work() {
    let messy = br#" { "ResponseStatus" : { "Message" : "m", "ERRORCODE" : "E", "Errors" : null } } "#;
    assert_eq!(ok(&["convert"], messy), br#"{"responseStatus":{"errorCode":"E","message":"m"}}"#);
    assert_eq!(ok(&["convert", "--from", "json", "--to", "json"], messy), ok(&["convert"], messy));
    let path = common::root().join("fixtures/json/edges/dictionary.json");
    let out = common::command().arg("convert").arg(&path).output().unwrap();
    assert_eq!(out.stdout, fixture("json/edges/dictionary.json"));
    let pretty = ok(&["convert", "--pretty"], b"{\"sessions\":[]}");
    assert_eq!(pretty, b"{\n  \"sessions\": []\n}");
}

#[test]
fn the_contract_can_be_named() {
    let out = ok(&["convert", "--type", "SessionLogInfo", "--to", "xml", "--no-declaration"], br#"{"date":"d"}"#);
    assert_eq!(
        out,
        br#"<SessionLogInfo xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.Sessions"><Date>d</Date><Message i:nil="true" /></SessionLogInfo>"#
    );
    assert_eq!(ok(&["convert", "--type", "apPGetActiveSessions"], br#"{"ACCOUNTID":"a"}"#), br#"{"accountId":"a"}"#);
    // An error response with a null status is `{}`, like an empty result: named, it
    // converts back.
    let xml = br#"<?xml version="1.0" encoding="utf-8"?><ErrorResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.servicestack.net/types"><ResponseStatus i:nil="true" /></ErrorResponse>"#;
    let json = ok(&["convert", "--to", "json"], xml);
    assert_eq!(json, b"{}");
    assert_eq!(ok(&["convert", "--to", "xml", "--type", "ErrorResponse"], &json), xml);
    let out = run(&["convert", "--type", "Nope"], b"{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown contract 'Nope'"));
}

#[test]
fn bad_input_says_where() {
    let out = run(&["convert", "--to", "xml"], b"{\"sessions\":[{\n\"ended\":\"yes\"}]}");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "<stdin>:2:9: error: invalid boolean 'yes': ServiceStack reads true, false, 1, 0, t, f, y, n, on and off at Sessions[0].Ended\n"
    );
    assert!(out.stdout.is_empty());

    let out = run(&["convert"], b"hello");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "<stdin>:1:1: error: cannot tell whether the input is XML or JSON (use --from)\n"
    );

    // Told the wrong format, the reader of that format complains.
    let out = run(&["convert", "--from", "json"], &fixture("xml/seed-sample.xml"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("<stdin>:1:1: error: expected value"));
    let out = run(&["convert", "--from", "xml"], b"{}");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("<stdin>:1:1: error:"));

    let out = run(&["convert", "--to", "yaml"], b"{}");
    assert_eq!(out.status.code(), Some(2));
}
