//! The request over HTTP (method, path, query string, `Accept`, bodies), the formats by
//! content type, and response bodies decoded as the result or the error response.

use crate::common;

use evovoice_contracts::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use evovoice_contracts::arbitrary::{self as strategies, Chars};
use evovoice_contracts::error::Category;
use evovoice_contracts::format::Format;
use evovoice_contracts::json;
use evovoice_contracts::request::escape_data_string;
use evovoice_contracts::response::Response;
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::xml::{self, XmlOptions};
use proptest::prelude::*;

fn request(account: Option<&str>, customer: Option<&str>, start: Option<&str>) -> AppGetActiveSessions {
    {
        let mut value = AppGetActiveSessions::default();
        value.account_id = account.map(str::to_owned);
        value.customer_id = customer.map(str::to_owned);
        value.start_date = start.map(str::to_owned);
        value
    }
}

#[test]
fn method_path_and_query_string() {
    assert_eq!(AppGetActiveSessions::METHOD, "GET");
    assert_eq!(AppGetActiveSessions::PATH, "/portal/active-sessions");
    assert_eq!(request(None, None, None).query_string(), "");
    assert_eq!(request(None, None, None).path_and_query(), "/portal/active-sessions");
    assert_eq!(
        request(Some("A1"), Some("C1"), Some("2024-01-02")).query_string(),
        "AccountId=A1&CustomerId=C1&StartDate=2024-01-02"
    );
    assert_eq!(request(None, Some(""), None).path_and_query(), "/portal/active-sessions?CustomerId=");
}

/// .NET's `Uri.EscapeDataString`: the unreserved characters of RFC 3986 as they are,
/// every other UTF-8 byte as `%XX`.
#[test]
fn values_are_escaped_like_uri_escape_data_string() {
    let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    assert_eq!(escape_data_string(unreserved), unreserved);
    for (text, escaped) in [
        (" ", "%20"),
        ("+", "%2B"),
        ("&=?#/%", "%26%3D%3F%23%2F%25"),
        ("!*'()", "%21%2A%27%28%29"),
        (":@$,;[]", "%3A%40%24%2C%3B%5B%5D"),
        ("é", "%C3%A9"),
        ("😀", "%F0%9F%98%80"),
        ("\u{0}\u{7f}", "%00%7F"),
        ("2024-01-02T03:04:05+01:00", "2024-01-02T03%3A04%3A05%2B01%3A00"),
    ] {
        assert_eq!(escape_data_string(text), escaped, "{text:?}");
    }
    assert_eq!(request(Some("a b&c"), None, None).query_string(), "AccountId=a%20b%26c");
}

#[test]
fn query_strings_are_read_as_servicestack_reads_them() {
    let parse = AppGetActiveSessions::from_query_string;
    assert_eq!(parse(""), request(None, None, None));
    assert_eq!(parse("?"), request(None, None, None));
    assert_eq!(parse("accountid=A1&CUSTOMERID=C1&startDate=S"), request(Some("A1"), Some("C1"), Some("S")));
    assert_eq!(parse("AccountId=a+b%20c%2B"), request(Some("a b c+"), None, None));
    assert_eq!(parse("AccountId=100%&CustomerId=%zz%4"), request(Some("100%"), Some("%zz%4"), None));
    assert_eq!(parse("AccountId=%FF"), request(Some("\u{FFFD}"), None, None));
    assert_eq!(parse("AccountId&&=x&Unknown=1&format=json"), request(None, None, None));
    assert_eq!(parse("AccountId=1&accountId=2"), request(Some("1,2"), None, None));
    assert_eq!(parse("Account%49d=x"), request(Some("x"), None, None));
}

#[test]
fn the_accept_header_and_content_types() {
    assert_eq!((Format::Xml.accept(), Format::Json.accept()), ("application/xml", "application/json"));
    for (content_type, format) in [
        ("application/json", Some(Format::Json)),
        ("Application/JSON; charset=utf-8", Some(Format::Json)),
        ("text/json", Some(Format::Json)),
        ("application/problem+json", Some(Format::Json)),
        ("application/xml; charset=utf-8", Some(Format::Xml)),
        ("text/xml", Some(Format::Xml)),
        ("text/html", None),
        ("", None),
    ] {
        assert_eq!(Format::from_content_type(content_type), format, "{content_type}");
    }
    assert_eq!(Format::from_content_type(Format::Json.content_type()), Some(Format::Json));
    assert_eq!(Format::from_content_type(Format::Xml.content_type()), Some(Format::Xml));
    assert_eq!(Format::detect(b""), None);
    assert_eq!(Format::detect(b"  hello"), None);
    assert_eq!(Format::detect(b"[]"), Some(Format::Json));
    assert_eq!("xml".parse::<Format>().unwrap(), Format::Xml);
    assert_eq!("yaml".parse::<Format>().unwrap_err().to_string(), "unknown format 'yaml' (expected xml or json)");
}

#[test]
fn the_request_as_a_body() {
    let value = request(Some("A1"), None, Some("2024"));
    let json_body = json::to_string(&value).unwrap();
    assert_eq!(json_body, r#"{"accountId":"A1","startDate":"2024"}"#);
    assert_eq!(json::from_str::<AppGetActiveSessions>(&json_body).unwrap(), value);
    let xml_body = xml::to_string(&value).unwrap();
    assert_eq!(
        xml_body,
        r#"<?xml version="1.0" encoding="utf-8"?><AppGetActiveSessions xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal"><AccountId>A1</AccountId><CustomerId i:nil="true" /><StartDate>2024</StartDate></AppGetActiveSessions>"#
    );
    assert_eq!(xml::from_str::<AppGetActiveSessions>(&xml_body).unwrap(), value);
}

#[test]
fn responses_are_the_result_or_the_error() {
    let error_xml = common::read(&common::root().join("fixtures/xml/edges/error-response.servicestack.xml"));
    let error_json = common::read(&common::root().join("fixtures/json/edges/error-response.json"));
    let result_xml = common::read(&common::root().join("fixtures/xml/servicestack/0001.xml"));
    let result: AppGetActiveSessionsResult = xml::from_slice(&result_xml).unwrap();
    let result_json = json::to_vec_with(&result, &json::JsonOptions::new().keep_null_dictionary_values(true)).unwrap();

    let expected_error: ErrorResponse = xml::from_slice(&error_xml).unwrap();
    assert_eq!(expected_error.to_string(), "ArgumentException: AccountId is required");
    for (body, format) in [(&error_xml, Format::Xml), (&error_json, Format::Json)] {
        let response = Response::decode(body, format).unwrap();
        assert_eq!(response, Response::Err(expected_error.clone()));
        assert_eq!(Response::decode_with_content_type(body, format.content_type()).unwrap(), response);
        assert_eq!(response.into_result().unwrap_err(), expected_error);
    }
    for (body, format) in [(&result_xml, Format::Xml), (&result_json, Format::Json)] {
        assert_eq!(Response::decode(body, format).unwrap(), Response::Ok(result.clone()));
    }
    assert_eq!(Response::decode(b"{}", Format::Json).unwrap(), Response::Ok(AppGetActiveSessionsResult::default()));

    // A body of the wrong format, or another document, is an error with a position.
    let err = Response::decode(&error_json, Format::Xml).unwrap_err();
    assert_eq!((err.line(), err.column()), (1, 1), "{err}");
    let err = Response::decode(&error_xml, Format::Json).unwrap_err();
    assert_eq!((err.category(), err.line(), err.column()), (Category::Syntax, 1, 1));
    let other = xml::to_vec_with(&request(None, None, None), &XmlOptions::new()).unwrap();
    let err = Response::decode(&other, Format::Xml).unwrap_err();
    assert_eq!(err.category(), Category::Data);
    assert!(err.message().starts_with("expecting element 'AppGetActiveSessionsResult'"), "{}", err.message());
    let err = Response::decode_with_content_type(b"{}", "text/html").unwrap_err();
    assert_eq!(err.message(), "the content type 'text/html' is neither XML nor JSON");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any request → query string → the same request; names in any case.
    #[test]
    fn query_strings_roundtrip(value in strategies::request(Chars::Any)) {
        let query = value.query_string();
        prop_assert!(query.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%&=".contains(&b)), "{}", query);
        prop_assert_eq!(AppGetActiveSessions::from_query_string(&query), value.clone());
        let lowercase_names: Vec<String> = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, text) = pair.split_once('=').unwrap();
                format!("{}={text}", name.to_ascii_lowercase())
            })
            .collect();
        prop_assert_eq!(AppGetActiveSessions::from_query_string(&lowercase_names.join("&")), value);
    }

    /// Any response body of either kind, in either format, is told apart.
    #[test]
    fn responses_are_told_apart(result in strategies::result(Chars::Xml), error in strategies::error_response(Chars::Xml)) {
        let keep = json::JsonOptions::new().keep_null_dictionary_values(true);
        for format in [Format::Xml, Format::Json] {
            let (ok_body, err_body) = match format {
                Format::Xml => (xml::to_vec_with(&result, &XmlOptions::new()).unwrap(), xml::to_vec_with(&error, &XmlOptions::new()).unwrap()),
                Format::Json => (json::to_vec_with(&result, &keep).unwrap(), json::to_vec_with(&error, &keep).unwrap()),
            };
            prop_assert_eq!(Response::decode(&ok_body, format).unwrap(), Response::Ok(result.clone()));
            // An error response whose status is null is `{}` in JSON: indistinguishable
            // from an empty result, and read as one.
            let expected = if format == Format::Json && error.response_status.is_none() {
                Response::Ok(AppGetActiveSessionsResult::default())
            } else {
                Response::Err(error.clone())
            };
            prop_assert_eq!(Response::decode(&err_body, format).unwrap(), expected);
        }
    }
}
