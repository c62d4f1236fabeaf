//! `serve`, on a free loopback port, driven by curl.

use crate::common;
use crate::generate::generate;
use crate::server::{curl, have_curl, Server};
use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::sessions::SessionInfo;
use evovoice_contracts::{json, xml};
use std::io::{Read, Write};
use std::path::Path;

mod abuse;
mod js;
mod load;
mod raw;

const ROUTE: &str = "/portal/active-sessions";

fn sessions_of(dir: &Path) -> Vec<SessionInfo> {
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| xml::from_slice::<AppGetActiveSessionsResult>(&common::read(f)).unwrap().sessions.unwrap())
        .collect()
}

#[test]
fn answers_with_the_fixture_in_the_negotiated_format() {
    if !have_curl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let xml_dir = generate(dir.path(), "xml", &["--count", "2", "--seed", "7"]);
    let json_dir = generate(dir.path(), "json", &["--count", "2", "--seed", "7", "--format", "json"]);
    let fixture = xml_dir.join("0000.xml");
    let server = Server::start(&[fixture.to_str().unwrap()]);
    let url = format!("{}{ROUTE}", server.url);

    let answer = curl(&url, &["-H", "Accept: application/xml"]);
    assert_eq!((answer.status, answer.content_type.as_str()), (200, "application/xml; charset=utf-8"));
    assert!(answer.body == common::read(&fixture), "not the fixture's bytes");

    // ServiceStack's JSON: what `generate --format json` wrote for the same value.
    let expected_json = common::read(&json_dir.join("0000.json"));
    for (target, args) in [
        (url.clone(), vec!["-H", "Accept: application/json"]),
        (format!("{url}?format=json"), vec!["-H", "Accept: application/xml"]),
        (url.clone(), vec![]),
        (url.clone(), vec!["-H", "Accept: */*"]),
    ] {
        let answer = curl(&target, &args);
        assert_eq!((answer.status, answer.content_type.as_str()), (200, "application/json; charset=utf-8"), "{args:?}");
        assert!(answer.body == expected_json, "{target} {args:?}: not ServiceStack's JSON");
    }
    let answer = curl(&format!("{url}?format=xml"), &["-H", "Accept: application/json"]);
    assert!(answer.body == common::read(&fixture));
}

#[test]
fn filters_by_account_and_customer() {
    if !have_curl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "10", "--seed", "7"]);
    let all = sessions_of(&fixtures);
    let server = Server::start(&[fixtures.to_str().unwrap()]);
    let url = format!("{}{ROUTE}", server.url);
    let read = |query: &str| {
        let answer = curl(&format!("{url}{query}"), &["-H", "Accept: application/xml"]);
        assert_eq!(answer.status, 200);
        xml::from_slice::<AppGetActiveSessionsResult>(&answer.body).unwrap().sessions.unwrap()
    };
    // The sessions of all documents, in order.
    assert_eq!(read(""), all);
    let account = all[0].account_id.clone().unwrap();
    let by_account = read(&format!("?AccountId={account}&StartDate=2026-11-01"));
    assert_eq!(by_account, all.iter().filter(|s| s.account_id.as_ref() == Some(&account)).cloned().collect::<Vec<_>>());
    assert!(!by_account.is_empty() && by_account.len() < all.len(), "{} of {}", by_account.len(), all.len());
    let customer = all[0].customer_id.clone().unwrap();
    let by_customer = read(&format!("?customerid={customer}"));
    assert!(!by_customer.is_empty() && by_customer.iter().all(|s| s.customer_id.as_ref() == Some(&customer)));
    assert!(read("?AccountId=none").is_empty());
}

fn error_code(body: &[u8], content_type: &str) -> Option<String> {
    let error: ErrorResponse =
        if content_type.contains("xml") { xml::from_slice(body).unwrap() } else { json::from_slice(body).unwrap() };
    error.error_code().map(str::to_owned)
}

#[test]
fn answers_errors_with_an_error_response() {
    if !have_curl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "1", "--seed", "3"]);
    let server = Server::start(&[fixtures.to_str().unwrap()]);
    for (path, args, status, code) in [
        ("/portal/nope", vec![], 404, "NotFound"),
        ("/portal/nope", vec!["-H", "Accept: application/xml"], 404, "NotFound"),
        (ROUTE, vec!["-X", "POST"], 405, "MethodNotAllowed"),
        (ROUTE, vec!["-X", "DELETE", "-H", "Accept: application/xml"], 405, "MethodNotAllowed"),
        ("/portal/active-sessions?AccountId=%zz", vec![], 400, "RequestBindingException"),
        ("/portal/active-sessions?format=yaml", vec!["-H", "Accept: application/xml"], 400, "RequestBindingException"),
    ] {
        let answer = curl(&format!("{}{path}", server.url), &args);
        assert_eq!(answer.status, status, "{path} {args:?}");
        let xml_wanted = args.iter().any(|a| a.contains("xml"));
        assert_eq!(answer.content_type.contains("xml"), xml_wanted, "{path} {args:?}");
        assert_eq!(error_code(&answer.body, &answer.content_type).as_deref(), Some(code), "{path} {args:?}");
    }
    let (status, log) = server.stop_with("TERM");
    assert!(status.success(), "{status:?}");
    assert!(log.trim_end().ends_with("stopped"), "{log}");
    let requests: Vec<&str> = log.lines().filter(|l| l.starts_with("127.0.0.1:")).collect();
    assert_eq!(requests.len(), 6, "one line per request: {log}");
    assert!(requests[0].contains(" \"GET /portal/nope\" 404 "), "{log}");
    assert!(requests[2].contains(" \"POST /portal/active-sessions\" 405 "), "{log}");
}

#[test]
fn answers_the_given_error_or_late() {
    if !have_curl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "1", "--seed", "3"]);
    let fixtures = fixtures.to_str().unwrap();
    let failing = Server::start(&["--fail-status", "503", "--fail-message", "Down for maintenance", fixtures]);
    let answer = curl(&format!("{}{ROUTE}", failing.url), &["-H", "Accept: application/xml"]);
    assert_eq!(answer.status, 503);
    let error: ErrorResponse = xml::from_slice(&answer.body).unwrap();
    assert_eq!((error.error_code(), error.message()), (Some("ServiceUnavailable"), Some("Down for maintenance")));

    let error_file = dir.path().join("error.json");
    std::fs::write(&error_file, r#"{"responseStatus":{"errorCode":"Unauthorized","message":"Not authenticated"}}"#)
        .unwrap();
    let custom = Server::start(&["--fail-status", "401", "--fail-response", error_file.to_str().unwrap(), fixtures]);
    let answer = curl(&format!("{}{ROUTE}", custom.url), &[]);
    assert_eq!(
        (answer.status, answer.body.as_slice()),
        (401, &br#"{"responseStatus":{"errorCode":"Unauthorized","message":"Not authenticated"}}"#[..])
    );

    let slow = Server::start(&["--delay", "3000", fixtures]);
    let out = std::process::Command::new("curl")
        .args(["-s", "--max-time", "1", &format!("{}{ROUTE}", slow.url)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(28), "curl should time out");
}

#[test]
fn log_lines_cannot_be_forged() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "1", "--seed", "3"]);
    let server = Server::start(&[fixtures.to_str().unwrap()]);
    let address = server.url.trim_start_matches("http://").to_owned();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream
        .write_all(b"GET /portal/active-sessions?a=\"\x1b[31m\\x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let (_, log) = server.stop_with("INT");
    let line = log.lines().find(|l| l.starts_with("127.0.0.1:")).unwrap_or_else(|| panic!("no request line: {log}"));
    assert!(line.contains(r#""GET /portal/active-sessions?a=\"\u{1b}[31m\\x" "#), "{line}");
    assert!(!log.contains('\x1b'));
}

#[test]
fn refuses_bad_options() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.xml");
    for args in [
        vec!["serve", missing.to_str().unwrap()],
        vec!["serve"],
        vec!["serve", "--addr", "not-an-address", "fixtures/xml/servicestack"],
        vec!["serve", "--fail-status", "200", "fixtures/xml/servicestack"],
        vec!["serve", "--workers", "0", "fixtures/xml/servicestack"],
        vec!["serve", "fixtures/invalid/session.xml"],
    ] {
        let out = common::command().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
}

/// A signal does not wait for a long delay: the request in progress is answered at once,
/// and the server stops.
#[test]
fn a_signal_cuts_a_delay_short() {
    if !have_curl() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "1", "--seed", "3"]);
    let server = Server::start(&["--delay", "60000", fixtures.to_str().unwrap()]);
    let url = format!("{}{ROUTE}", server.url);
    let pending = std::thread::spawn(move || curl(&url, &[]));
    std::thread::sleep(std::time::Duration::from_millis(500));
    let started = std::time::Instant::now();
    let (status, log) = server.stop_with("TERM");
    assert!(status.success() && log.trim_end().ends_with("stopped"), "{status:?} {log}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "the server waited for the delay");
    assert_eq!(pending.join().unwrap().status, 200);
}
