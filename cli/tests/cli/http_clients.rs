//! The HTTP client examples (cli/examples/) against `serve`: the same typed value in XML
//! and in JSON, the server's errors as `ApiError::Service`, and timeouts.

#[path = "../../examples/reqwest_client.rs"]
mod reqwest_client;
#[path = "../../examples/ureq_client.rs"]
mod ureq_client;

use crate::common;
use crate::generate::generate;
use crate::server::Server;
use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::format::Format;
use evovoice_contracts::http::ApiError;
use evovoice_contracts::xml;
use std::time::Duration;

type Fetch = fn(
    &str,
    &AppGetActiveSessions,
    Format,
    Duration,
) -> Result<AppGetActiveSessionsResult, Box<dyn std::error::Error + Send + Sync>>;

const CLIENTS: [(&str, Fetch); 2] = [("ureq", ureq_client::fetch), ("reqwest", reqwest_client::fetch)];

#[test]
fn clients_get_the_same_value_in_xml_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "3", "--seed", "21"]);
    let mut expected = Vec::new();
    for name in ["0000.xml", "0001.xml", "0002.xml"] {
        let doc: AppGetActiveSessionsResult = xml::from_slice(&common::read(&fixtures.join(name))).unwrap();
        expected.extend(doc.sessions.unwrap());
    }
    let server = Server::start(&["--prefix", "/api/v1", fixtures.to_str().unwrap()]);
    let base = format!("{}/api/v1/", server.url);
    let mut query = AppGetActiveSessions::default();
    for (client, fetch) in CLIENTS {
        for format in [Format::Xml, Format::Json] {
            let got = fetch(&base, &query, format, Duration::from_secs(20)).unwrap();
            assert_eq!(got.sessions.as_ref(), Some(&expected), "{client} {format}");
        }
    }
    query.account_id = expected[0].account_id.clone();
    let mine: Vec<_> = expected.iter().filter(|s| s.account_id == query.account_id).cloned().collect();
    for (client, fetch) in CLIENTS {
        let xml = fetch(&base, &query, Format::Xml, Duration::from_secs(20)).unwrap();
        let json = fetch(&base, &query, Format::Json, Duration::from_secs(20)).unwrap();
        assert_eq!((xml.sessions.as_ref(), json.sessions.as_ref()), (Some(&mine), Some(&mine)), "{client}");
    }
}

#[test]
fn clients_see_the_server_s_errors_and_time_out() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "1", "--seed", "2"]);
    let fixtures = fixtures.to_str().unwrap();
    let failing = Server::start(&["--fail-status", "429", "--fail-code", "TooManyRequests", fixtures]);
    let slow = Server::start(&["--delay", "2000", fixtures]);
    let query = AppGetActiveSessions::default();
    for (client, fetch) in CLIENTS {
        for format in [Format::Xml, Format::Json] {
            let err = fetch(&failing.url, &query, format, Duration::from_secs(20)).unwrap_err();
            match err.downcast_ref::<ApiError>() {
                Some(ApiError::Service { status, error }) => {
                    assert_eq!((status.as_u16(), error.error_code()), (429, Some("TooManyRequests")), "{client}")
                }
                other => panic!("{client} {format}: {other:?} ({err})"),
            }
            // A wrong base path: the server's 404, read as an error response.
            let err = fetch(&format!("{}/nope", failing.url), &query, format, Duration::from_secs(20)).unwrap_err();
            assert!(
                matches!(err.downcast_ref::<ApiError>(), Some(ApiError::Service { status, .. }) if *status == 404),
                "{err}"
            );
        }
        let started = std::time::Instant::now();
        let err = fetch(&slow.url, &query, Format::Json, Duration::from_millis(300)).unwrap_err();
        assert!(err.downcast_ref::<ApiError>().is_none(), "{client}: a timeout, not an answer: {err}");
        assert!(started.elapsed() < Duration::from_millis(1900), "{client} did not time out");
    }
}
