//! The `http` feature: requests built against base URLs, responses read into the result
//! or the error, and the mock's negotiation, filters and errors.
// Contracts are built as a dependent crate builds them (they are non-exhaustive there):
// from their default, then field by field.
#![allow(clippy::field_reassign_with_default)]

use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::format::Format;
use evovoice_contracts::http::{read_response, to_request, ApiError, Mock};
use evovoice_contracts::servicestack::{ErrorResponse, ResponseStatus};
use evovoice_contracts::{generate, json, xml};
use proptest::prelude::*;

fn response(status: u16, content_type: Option<&str>, body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    if let Some(content_type) = content_type {
        builder = builder.header("content-type", content_type);
    }
    builder.body(body.to_vec()).unwrap()
}

fn get(mock: &Mock, uri: &str, accept: Option<&str>) -> http::Response<Vec<u8>> {
    let mut request = http::Request::get(uri);
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    mock.respond(&request.body(()).unwrap())
}

fn content_type(response: &http::Response<Vec<u8>>) -> &str {
    response.headers()["content-type"].to_str().unwrap()
}

#[test]
fn requests_go_under_the_base_url_s_prefix() {
    let mut query = AppGetActiveSessions::default();
    query.account_id = Some("a/b c".into());
    query.start_date = Some("2026-11-01T00:00:00Z".into());
    for (base, uri) in [
        ("http://localhost:8080", "http://localhost:8080/portal/active-sessions"),
        ("http://localhost:8080/", "http://localhost:8080/portal/active-sessions"),
        ("https://api.example.com/api/v3", "https://api.example.com/api/v3/portal/active-sessions"),
        ("https://api.example.com/api/v3//", "https://api.example.com/api/v3/portal/active-sessions"),
        ("HTTPS://[::1]:443/x", "https://[::1]:443/x/portal/active-sessions"),
    ] {
        let request = to_request(&query, base, Format::Json).unwrap();
        let expected = format!("{uri}?AccountId=a%2Fb%20c&StartDate=2026-11-01T00%3A00%3A00Z");
        assert_eq!(request.uri().to_string(), expected, "{base}");
        assert_eq!(request.method(), http::Method::GET);
        assert!(request.body().is_empty());
    }
    let empty = to_request(&AppGetActiveSessions::default(), "http://h", Format::Xml).unwrap();
    assert_eq!(empty.uri(), "http://h/portal/active-sessions");
    assert_eq!(empty.headers()["accept"], "application/xml");
    for bad in ["", "/portal", "localhost:8080", "ftp://h/", "http://h/?a=1", "http://h/#x", "http://h h/"] {
        let err = to_request(&query, bad, Format::Json).unwrap_err();
        assert!(err.to_string().starts_with("invalid base URL"), "{bad}: {err}");
    }
}

#[test]
fn responses_are_the_result_the_error_or_a_clear_error() {
    let result = generate::result(2, 3);
    let xml_body = xml::to_vec_with(&result, &xml::XmlOptions::new()).unwrap();
    let json_body = json::to_vec_with(&result, &json::JsonOptions::new()).unwrap();
    assert_eq!(read_response(&response(200, Some("application/xml; charset=utf-8"), &xml_body)).unwrap(), result);
    assert_eq!(read_response(&response(200, Some("text/json"), &json_body)).unwrap(), result);
    // Without a content type, the body tells.
    assert_eq!(read_response(&response(200, None, &xml_body)).unwrap(), result);
    assert_eq!(read_response(&response(200, None, &json_body)).unwrap(), result);

    let mut status = ResponseStatus::default();
    status.error_code = Some("ArgumentException".into());
    status.message = Some("StartDate is not a date".into());
    let mut error = ErrorResponse::default();
    error.response_status = Some(status);
    for (content_type, body) in [
        ("application/xml", xml::to_vec_with(&error, &xml::XmlOptions::new()).unwrap()),
        ("application/json", json::to_vec_with(&error, &json::JsonOptions::new()).unwrap()),
    ] {
        match read_response(&response(400, Some(content_type), &body)) {
            Err(ApiError::Service { status, error: got }) => assert_eq!((status.as_u16(), got), (400, error.clone())),
            other => panic!("{other:?}"),
        }
    }

    let cases: [(u16, Option<&str>, &[u8], &str); 7] = [
        (502, Some("text/html"), b"<html><h1>502 Bad Gateway</h1></html>", "with a body that is neither XML nor JSON"),
        (502, None, b"", "with an empty body"),
        (503, Some("application/json"), b"  \r\n", "with an empty body"),
        (500, Some("application/json"), b"{}", "with a json body that is not an error response"),
        (200, Some("application/json"), b"{\"sessions\":[", "with a json body that does not decode"),
        (200, Some("application/xml"), b"<html><body>login</body></html>", "with a xml body that does not decode"),
        (200, None, b"Service Unavailable", "with a body that is neither XML nor JSON"),
    ];
    for (status, content_type, body, expected) in cases {
        let err = read_response(&response(status, content_type, body)).unwrap_err();
        assert!(matches!(err, ApiError::Unexpected { .. }), "{err:?}");
        assert_eq!(err.status().as_u16(), status);
        assert!(err.to_string().contains(expected), "{err}");
    }
    // The start of the body is in the message, escaped.
    let err = read_response(&response(502, Some("text/html"), b"<h1>Bad\ngateway</h1>")).unwrap_err();
    assert!(err.to_string().ends_with(r#": "<h1>Bad\ngateway</h1>""#), "{err}");
}

#[test]
fn the_mock_negotiates_as_servicestack() {
    let result = generate::result(3, 4);
    let mock = Mock::from_documents([result.clone()]);
    let xml_bytes = xml::to_vec_with(&result, &xml::XmlOptions::new()).unwrap();
    let json_bytes = json::to_vec_with(&result, &json::JsonOptions::new()).unwrap();
    for (uri, accept, body, media) in [
        ("/portal/active-sessions", Some("application/xml"), &xml_bytes, "application/xml; charset=utf-8"),
        ("/portal/active-sessions", Some("text/xml"), &xml_bytes, "application/xml; charset=utf-8"),
        ("/portal/active-sessions", Some("application/json"), &json_bytes, "application/json; charset=utf-8"),
        ("/portal/active-sessions", None, &json_bytes, "application/json; charset=utf-8"),
        ("/portal/active-sessions", Some("*/*"), &json_bytes, "application/json; charset=utf-8"),
        ("/portal/active-sessions", Some("text/html"), &json_bytes, "application/json; charset=utf-8"),
        (
            "/portal/active-sessions?format=json",
            Some("application/xml"),
            &json_bytes,
            "application/json; charset=utf-8",
        ),
        ("/portal/active-sessions?format=xml", Some("application/json"), &xml_bytes, "application/xml; charset=utf-8"),
        ("/portal/active-sessions.xml", None, &xml_bytes, "application/xml; charset=utf-8"),
        ("/PORTAL/Active-Sessions.json", Some("application/xml"), &json_bytes, "application/json; charset=utf-8"),
        ("/portal/active-sessions?StartDate=anything", None, &json_bytes, "application/json; charset=utf-8"),
    ] {
        let answer = get(&mock, uri, accept);
        assert_eq!(answer.status(), 200, "{uri} {accept:?}");
        assert_eq!(content_type(&answer), media, "{uri} {accept:?}");
        assert_eq!(answer.body(), body, "{uri} {accept:?}");
    }
}

/// Every route a ServiceStack server answers for the operation: the custom route with its
/// suffixes, the predefined routes (`/api/{Request}` of ServiceStack 6 and later,
/// `/json/reply/…`, `/xml/reply/…`, with `/api` before them too), `?format=`, and query
/// names in any case.
#[test]
fn the_mock_answers_every_route_servicestack_answers() {
    let sessions: Vec<_> = generate::sessions(8).take(40).collect();
    let mock = Mock::new(sessions.clone());
    let account = sessions[0].account_id.clone().unwrap();
    let mine: Vec<_> = sessions.iter().filter(|s| s.account_id.as_ref() == Some(&account)).cloned().collect();
    assert!(!mine.is_empty() && mine.len() < sessions.len());
    let mut all = AppGetActiveSessionsResult::default();
    all.sessions = Some(sessions.clone());
    let xml_bytes = xml::to_vec_with(&all, &xml::XmlOptions::new()).unwrap();
    let json_bytes = json::to_vec_with(&all, &json::JsonOptions::new()).unwrap();
    for (path, accept, format) in [
        ("/portal/active-sessions", None, Format::Json),
        ("/portal/active-sessions.json", Some("application/xml"), Format::Json),
        ("/portal/active-sessions.xml", None, Format::Xml),
        ("/Portal/Active-Sessions.XML", None, Format::Xml),
        ("/portal/active-sessions?format=xml", None, Format::Xml),
        ("/portal/active-sessions?FORMAT=Json", Some("application/xml"), Format::Json),
        // ServiceStack 6 and later: JSON unless the request asks for XML.
        ("/api/AppGetActiveSessions", None, Format::Json),
        ("/api/AppGetActiveSessions", Some("*/*"), Format::Json),
        ("/api/appgetactivesessions", Some("application/xml"), Format::Xml),
        ("/api/AppGetActiveSessions?format=xml", None, Format::Xml),
        // The format the path names, whatever the request asks for.
        ("/json/reply/AppGetActiveSessions", Some("application/xml"), Format::Json),
        ("/xml/reply/AppGetActiveSessions", Some("application/json"), Format::Xml),
        ("/XML/Reply/appGetActiveSessions?format=json", None, Format::Xml),
        ("/api/json/reply/AppGetActiveSessions", None, Format::Json),
        ("/api/xml/reply/AppGetActiveSessions", None, Format::Xml),
    ] {
        let answer = get(&mock, path, accept);
        assert_eq!(answer.status(), 200, "{path} {accept:?}");
        assert_eq!(Format::from_content_type(content_type(&answer)), Some(format), "{path} {accept:?}");
        let expected = if format == Format::Xml { &xml_bytes } else { &json_bytes };
        assert_eq!(answer.body(), expected, "{path} {accept:?}");
        // Query names in any case, as ServiceStack binds them.
        for name in ["AccountId", "accountId", "ACCOUNTID", "accountid"] {
            let separator = if path.contains('?') { '&' } else { '?' };
            let uri = format!("{path}{separator}{name}={account}");
            let answer = get(&mock, &uri, accept);
            assert_eq!(read_response(&answer).unwrap().sessions.as_ref(), Some(&mine), "{uri}");
        }
    }
    // Another operation on a predefined route: 404 with an ErrorResponse, in the format
    // of the route (or the negotiated one on /api).
    for (path, accept, format) in [
        ("/api/AppGetActiveSession", None, Format::Json),
        ("/api/Nope", Some("application/xml"), Format::Xml),
        ("/json/reply/Nope", Some("application/xml"), Format::Json),
        ("/xml/reply/Nope", None, Format::Xml),
        ("/api/xml/reply/AppGetActiveSessionsResult", None, Format::Xml),
    ] {
        let answer = get(&mock, path, accept);
        assert_eq!(answer.status(), 404, "{path}");
        assert_eq!(Format::from_content_type(content_type(&answer)), Some(format), "{path}");
        let Err(ApiError::Service { error, .. }) = read_response(&answer) else { panic!("{path}") };
        assert_eq!(error.error_code(), Some("NotFound"), "{path}");
        assert!(error.message().unwrap().contains("does not exist"), "{path}: {:?}", error.message());
    }
    // Not routes of the service: formats the mock does not write, other shapes.
    for path in [
        "/jsv/reply/AppGetActiveSessions",
        "/json/oneway/AppGetActiveSessions",
        "/json/reply/",
        "/api/",
        "/api/AppGetActiveSessions/x",
        "/portal/active-sessions.csv",
        "/portal/active-sessions/",
    ] {
        assert_eq!(get(&mock, path, None).status(), 404, "{path}");
    }
    // Only GET, on every route.
    for path in ["/api/AppGetActiveSessions", "/json/reply/AppGetActiveSessions"] {
        let request = http::Request::post(path).body(()).unwrap();
        assert_eq!(mock.respond(&request).status(), 405, "{path}");
    }
    // Under a prefix, the predefined routes too.
    let prefixed = mock.clone().prefix("/v3");
    assert_eq!(get(&prefixed, "/v3/api/AppGetActiveSessions", None).status(), 200);
    assert_eq!(get(&prefixed, "/v3/xml/reply/AppGetActiveSessions", None).status(), 200);
    assert_eq!(get(&prefixed, "/api/AppGetActiveSessions", None).status(), 404);
}

/// A request target or a header value that is not ASCII, or a target holding a space,
/// `"`, `<`, `>` or `` ` `` unescaped: `400` with an `ErrorResponse` in the negotiated
/// format.
#[test]
fn the_mock_refuses_what_is_not_ascii() {
    let mock = Mock::new(generate::sessions(9).take(2).collect());
    for uri in [
        "/portal/active-sessions?AccountId=caf\u{e9}",
        "/portal/active-sessions?AccountId=\u{2026}",
        "/portal/caf\u{e9}",
        "/api/AppGetActiveSessions?q=\u{1F600}",
        "/portal/active-sessions/\"x\"",
        "/portal/active-sessions?x=`",
    ] {
        for (accept, format) in [("application/xml", Format::Xml), ("application/json", Format::Json)] {
            let request = http::Request::get(uri).header("accept", accept).body(()).unwrap();
            let answer = mock.respond(&request);
            assert_eq!(answer.status(), 400, "{uri}");
            assert_eq!(Format::from_content_type(content_type(&answer)), Some(format), "{uri}");
            let Err(ApiError::Service { error, .. }) = read_response(&answer) else { panic!("{uri}") };
            assert_eq!(error.error_code(), Some("BadRequest"), "{uri}");
        }
    }
    let value = http::HeaderValue::from_bytes("caf\u{e9}".as_bytes()).unwrap();
    let request = http::Request::get("/portal/active-sessions?format=xml").header("x-name", value).body(()).unwrap();
    let answer = mock.respond(&request);
    assert_eq!((answer.status().as_u16(), content_type(&answer)), (400, "application/xml; charset=utf-8"));
    let Err(ApiError::Service { error, .. }) = read_response(&answer) else { panic!() };
    assert_eq!(error.message(), Some("The value of the header 'x-name' must be ASCII"));
    // Escaped, the same characters are answered.
    assert_eq!(get(&mock, "/portal/active-sessions?AccountId=caf%C3%A9%22%3C%3E%60", None).status(), 200);
}

#[test]
fn the_mock_filters_by_account_and_customer() {
    let sessions: Vec<_> = generate::sessions(4).take(60).collect();
    let mock = Mock::new(sessions.clone());
    let account = sessions[0].account_id.clone().unwrap();
    let customer = sessions[0].customer_id.clone().unwrap();
    let read = |uri: &str| read_response(&get(&mock, uri, None)).unwrap().sessions.unwrap();
    let by_account = read(&format!("/portal/active-sessions?accountId={account}"));
    assert_eq!(
        by_account,
        sessions.iter().filter(|s| s.account_id.as_ref() == Some(&account)).cloned().collect::<Vec<_>>()
    );
    assert!(!by_account.is_empty() && by_account.len() < sessions.len());
    let by_both = read(&format!("/portal/active-sessions?AccountId={account}&CustomerId={customer}"));
    assert!(!by_both.is_empty() && by_both.len() <= by_account.len());
    assert!(by_both.iter().all(|s| s.customer_id.as_ref() == Some(&customer)));
    assert!(read("/portal/active-sessions?AccountId=nobody").is_empty());
    assert_eq!(read("/portal/active-sessions").len(), 60);
}

#[test]
fn the_mock_answers_errors_in_the_negotiated_format() {
    let mock = Mock::new(generate::sessions(5).take(2).collect());
    for (method, uri, status, code) in [
        ("GET", "/portal/nope", 404, "NotFound"),
        ("GET", "/", 404, "NotFound"),
        ("POST", "/portal/active-sessions", 405, "MethodNotAllowed"),
        ("DELETE", "/portal/active-sessions", 405, "MethodNotAllowed"),
        ("GET", "/portal/active-sessions?AccountId=%zz", 400, "RequestBindingException"),
        ("GET", "/portal/active-sessions?AccountId=%C3%28", 400, "RequestBindingException"),
        ("GET", "/portal/active-sessions?AccountId=%4", 400, "RequestBindingException"),
        ("GET", "/portal/active-sessions?format=csv", 400, "RequestBindingException"),
    ] {
        for (accept, format) in [("application/xml", Format::Xml), ("application/json", Format::Json)] {
            let request = http::Request::builder().method(method).uri(uri).header("accept", accept).body(()).unwrap();
            let answer = mock.respond(&request);
            assert_eq!(answer.status(), status, "{method} {uri}");
            assert_eq!(Format::from_content_type(content_type(&answer)), Some(format));
            let Err(ApiError::Service { error, .. }) = read_response(&answer) else { panic!("{method} {uri}") };
            assert_eq!(error.error_code(), Some(code), "{method} {uri}");
            assert!(error.message().is_some_and(|m| !m.is_empty()));
        }
    }
    let request = http::Request::post("/portal/active-sessions").body(()).unwrap();
    assert_eq!(mock.respond(&request).headers()["allow"], "GET");

    let mut status = ResponseStatus::default();
    status.error_code = Some("ServiceUnavailable".into());
    let mut error = ErrorResponse::default();
    error.response_status = Some(status);
    let failing = mock.clone().fail_with(http::StatusCode::SERVICE_UNAVAILABLE, error);
    let answer = get(&failing, "/portal/active-sessions", Some("application/xml"));
    assert_eq!(answer.status(), 503);
    assert!(answer.body().starts_with(b"<?xml version=\"1.0\" encoding=\"utf-8\"?><ErrorResponse "));
    // Unknown routes stay 404 on a failing mock.
    assert_eq!(get(&failing, "/x", None).status(), 404);
}

#[test]
fn the_mock_serves_under_a_prefix() {
    let mock = Mock::new(generate::sessions(6).take(3).collect()).prefix("/api/v3/");
    let request = to_request(&AppGetActiveSessions::default(), "http://h/api/v3", Format::Xml).unwrap();
    assert_eq!(read_response(&mock.respond(&request)).unwrap().sessions.unwrap().len(), 3);
    assert_eq!(get(&mock, "/portal/active-sessions", None).status(), 404);
    assert_eq!(get(&mock, "/api/v3x/portal/active-sessions", None).status(), 404);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any value goes through the mock and back in either format, and so does any filter.
    #[test]
    fn any_value_goes_through_the_mock(value in any::<AppGetActiveSessionsResult>(), query in any::<AppGetActiveSessions>(), xml_format in any::<bool>()) {
        let format = if xml_format { Format::Xml } else { Format::Json };
        let mock = Mock::from_documents([value.clone()]);
        let request = to_request(&query, "http://localhost", format).unwrap();
        let got = read_response(&mock.respond(&request)).unwrap();
        let expected: Vec<_> = value.sessions.unwrap_or_default().into_iter().filter(|s| {
            query.account_id.as_ref().is_none_or(|a| s.account_id.as_ref() == Some(a))
                && query.customer_id.as_ref().is_none_or(|c| s.customer_id.as_ref() == Some(c))
        }).collect();
        prop_assert_eq!(got.sessions.unwrap(), expected);
    }
}
