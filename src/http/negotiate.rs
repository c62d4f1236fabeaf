//! ServiceStack's content negotiation, and the query check of the mock.

use crate::format::Format;
use http::{header, HeaderMap, Uri};
use std::fmt;

/// The format of a response to a request, as ServiceStack picks it: `?format=xml` or
/// `?format=json` (in any case) first, then a `.xml` or `.json` suffix of the path, then
/// the `Accept` header (the XML or JSON media range of highest quality, the first on a
/// tie), and JSON otherwise (no `Accept`, `*/*`, or only other types).
///
/// ```
/// use evovoice_contracts::format::Format;
/// use evovoice_contracts::http::negotiate;
///
/// let accept = |value: &str| {
///     let mut headers = http::HeaderMap::new();
///     headers.insert("accept", value.parse().unwrap());
///     headers
/// };
/// let uri: http::Uri = "/portal/active-sessions".parse().unwrap();
/// assert_eq!(negotiate(&uri, &accept("application/xml")), Format::Xml);
/// assert_eq!(negotiate(&uri, &accept("text/html, application/xml;q=0.9, */*;q=0.8")), Format::Xml);
/// assert_eq!(negotiate(&uri, &accept("application/json;q=0.5, text/xml")), Format::Xml);
/// assert_eq!(negotiate(&uri, &accept("*/*")), Format::Json);
/// assert_eq!(negotiate(&uri, &http::HeaderMap::new()), Format::Json);
///
/// let uri: http::Uri = "/portal/active-sessions?format=JSON".parse().unwrap();
/// assert_eq!(negotiate(&uri, &accept("application/xml")), Format::Json);
/// let uri: http::Uri = "/portal/active-sessions.xml".parse().unwrap();
/// assert_eq!(negotiate(&uri, &http::HeaderMap::new()), Format::Xml);
/// ```
pub fn negotiate(uri: &Uri, headers: &HeaderMap) -> Format {
    if let Some(format) = query_format(uri.query().unwrap_or("")) {
        return format;
    }
    if let Some(format) = suffix_format(uri.path()) {
        return format;
    }
    let mut best: Option<(u16, Format)> = None;
    for value in headers.get_all(header::ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for range in value.split(',') {
            let mut parts = range.split(';');
            let Some(format) = Format::from_content_type(parts.next().unwrap_or("")) else { continue };
            let quality = parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(quality).unwrap_or(1000);
            if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, format));
            }
        }
    }
    best.map_or(Format::Json, |(_, format)| format)
}

/// A quality value (`0` to `1`, up to three decimals) in thousandths.
fn quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The value of the query's `format` parameter, when it names a format.
fn query_format(query: &str) -> Option<Format> {
    query.split('&').filter_map(|pair| pair.split_once('=')).find_map(|(name, value)| {
        if name.eq_ignore_ascii_case("format") {
            value.parse().ok()
        } else {
            None
        }
    })
}

/// The format of a `.xml` or `.json` suffix of the path.
pub(crate) fn suffix_format(path: &str) -> Option<Format> {
    let (_, suffix) = path.rsplit_once('.')?;
    suffix.parse().ok()
}

/// A query string the mock refuses, as ServiceStack refuses one it cannot bind (see
/// [`check_query`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError(String);

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

/// Checks a query string (without `?`): every `%` starts an escape of two hexadecimal
/// digits, what the escapes give is UTF-8, and `format`, when given, is `xml` or `json`.
/// (Reading it is [`AppGetActiveSessions::from_query_string`](crate::app::portal::AppGetActiveSessions::from_query_string),
/// which is lenient where this is strict.)
///
/// ```
/// use evovoice_contracts::http::check_query;
///
/// let check = |q: &str| check_query(q).map_err(|e| e.to_string());
/// assert!(check("AccountId=a%20b&format=xml").is_ok());
/// assert_eq!(check("AccountId=%zz").unwrap_err(), "malformed escape '%zz' in the query string");
/// assert_eq!(check("AccountId=%C3").unwrap_err(), "the query parameter 'AccountId' is not UTF-8 once decoded");
/// assert_eq!(check("format=yaml").unwrap_err(), "unknown format 'yaml' (expected xml or json)");
/// ```
pub fn check_query(query: &str) -> Result<(), QueryError> {
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        for part in [name, value] {
            let bytes = part.as_bytes();
            let mut decoded = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'%' => {
                        let escape = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                        let Some(hex) = escape else {
                            let shown: String = part[i..].chars().take(3).collect();
                            return Err(QueryError(format!(
                                "malformed escape '{}' in the query string",
                                shown.escape_debug()
                            )));
                        };
                        let text = std::str::from_utf8(hex).unwrap_or("00");
                        decoded.push(u8::from_str_radix(text, 16).unwrap_or(0));
                        i += 3;
                    }
                    b'+' => {
                        decoded.push(b' ');
                        i += 1;
                    }
                    other => {
                        decoded.push(other);
                        i += 1;
                    }
                }
            }
            if std::str::from_utf8(&decoded).is_err() {
                let name: String = name.chars().take(40).collect();
                return Err(QueryError(format!(
                    "the query parameter '{}' is not UTF-8 once decoded",
                    name.escape_debug()
                )));
            }
        }
        if name.eq_ignore_ascii_case("format") {
            value.parse::<Format>().map_err(|e| QueryError(e.to_string()))?;
        }
    }
    Ok(())
}
