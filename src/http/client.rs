//! The client's side: building the request, reading the response.

use crate::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use crate::format::Format;
use crate::response::Response;
use crate::servicestack::ErrorResponse;
use http::{header, Method, StatusCode, Uri};
use std::fmt;

/// The base URL given to [`to_request`] is not an absolute `http` or `https` URL without
/// query or fragment.
///
/// ```
/// use evovoice_contracts::format::Format;
/// use evovoice_contracts::http::to_request;
///
/// let err = to_request(&Default::default(), "https://h/api?key=1", Format::Xml).unwrap_err();
/// assert_eq!((err.url.as_str(), err.reason.as_str()), ("https://h/api?key=1", "a base URL has no query or fragment"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidBaseUrl {
    /// The base URL as given.
    pub url: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for InvalidBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base URL '{}': {}", self.url.escape_debug(), self.reason)
    }
}

impl std::error::Error for InvalidBaseUrl {}

/// The `http::Request` of `request` against `base_url` (scheme, host and an optional
/// path prefix, such as `https://api.example.com/api/v3`; a trailing `/` is optional),
/// asking for `format`: `GET`, the path after the prefix, the query string of the
/// request's non-null members (see [`AppGetActiveSessions::query_string`]), and `Accept`.
/// The body is empty; it is a `Vec<u8>` so that clients whose body types convert from
/// one take it as it is.
///
/// ```
/// use evovoice_contracts::app::portal::AppGetActiveSessions;
/// use evovoice_contracts::format::Format;
/// use evovoice_contracts::http::to_request;
///
/// let mut query = AppGetActiveSessions::default();
/// query.customer_id = Some("C 1".into());
/// let request = to_request(&query, "http://127.0.0.1:8080", Format::Json).unwrap();
/// assert_eq!(request.method(), "GET");
/// assert_eq!(request.uri(), "http://127.0.0.1:8080/portal/active-sessions?CustomerId=C%201");
/// assert_eq!(request.headers()["accept"], "application/json");
///
/// let err = to_request(&query, "api.example.com", Format::Json).unwrap_err();
/// assert_eq!(err.to_string(), "invalid base URL 'api.example.com': expected http:// or https:// and a host");
/// assert!(to_request(&query, "https://api.example.com/?key=1", Format::Json).is_err());
/// ```
pub fn to_request(
    request: &AppGetActiveSessions,
    base_url: &str,
    format: Format,
) -> Result<http::Request<Vec<u8>>, InvalidBaseUrl> {
    let invalid = |reason: &str| InvalidBaseUrl { url: base_url.to_owned(), reason: reason.to_owned() };
    let base: Uri = base_url.parse().map_err(|e: http::uri::InvalidUri| invalid(&e.to_string()))?;
    let (Some(scheme), Some(authority)) = (base.scheme_str(), base.authority()) else {
        return Err(invalid("expected http:// or https:// and a host"));
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(invalid("expected http:// or https:// and a host"));
    }
    if base.query().is_some() || base_url.contains('#') {
        return Err(invalid("a base URL has no query or fragment"));
    }
    let prefix = base.path().trim_end_matches('/');
    let uri = format!("{scheme}://{authority}{prefix}{}", request.path_and_query());
    http::Request::builder()
        .method(Method::GET)
        .uri(uri)
        .header(header::ACCEPT, format.accept())
        .body(Vec::new())
        .map_err(|e| invalid(&e.to_string()))
}

/// Why a call did not give the result: the server's error response, or a body that is
/// not one.
///
/// ```
/// use evovoice_contracts::http::{read_response, ApiError};
///
/// let response = http::Response::builder().status(504).header("content-type", "text/plain").body("upstream timed out").unwrap();
/// match read_response(&response) {
///     Err(ApiError::Service { error, .. }) => println!("Evo Voice says: {error}"),
///     Err(err @ ApiError::Unexpected { .. }) => assert_eq!(err.status(), 504),
///     Ok(result) => println!("{result:?}"),
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The server answered with ServiceStack's error response.
    Service {
        /// The HTTP status.
        status: StatusCode,
        /// The error response.
        error: ErrorResponse,
    },
    /// The body is neither the result nor an error response: an HTML error page from a
    /// proxy, an empty `502`, a format this crate does not read, or a document that does
    /// not decode.
    Unexpected {
        /// The HTTP status.
        status: StatusCode,
        /// The `Content-Type`, when there was one.
        content_type: Option<String>,
        /// What is wrong with the body.
        reason: String,
        /// The body's first 200 characters (lossily decoded), for the error message.
        body_start: String,
    },
}

impl ApiError {
    /// The HTTP status of the response (see the example of [`ApiError`]).
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Service { status, .. } | ApiError::Unexpected { status, .. } => *status,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Service { status, error } => write!(f, "the server answered {status}: {error}"),
            ApiError::Unexpected { status, content_type, reason, body_start } => {
                let content_type = content_type.as_deref().unwrap_or("no content type");
                write!(f, "the server answered {status} ({}) with {reason}", content_type.escape_debug())?;
                if !body_start.is_empty() {
                    write!(f, ": \"{}\"", body_start.escape_debug())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ApiError {}

/// Reads a response into the result, or the error the server answered with.
///
/// The format is the one `Content-Type` names, or, without one, the one the body starts
/// like ([`Format::detect`]). An XML body is the result or the error response by its root
/// element; a JSON body by its properties. A result with a status that is not a success
/// (a `500` with `{}`), or a body of any other kind, is [`ApiError::Unexpected`].
///
/// ```
/// use evovoice_contracts::http::{read_response, ApiError};
///
/// let ok = http::Response::builder()
///     .header("content-type", "application/json; charset=utf-8")
///     .body(r#"{"sessions":[{"id":"S1"}]}"#)
///     .unwrap();
/// assert_eq!(read_response(&ok).unwrap().sessions.unwrap()[0].entity.id.as_deref(), Some("S1"));
///
/// let denied = http::Response::builder()
///     .status(401)
///     .header("content-type", "application/json")
///     .body(r#"{"responseStatus":{"errorCode":"Unauthorized","message":"Not authenticated"}}"#)
///     .unwrap();
/// let err = read_response(&denied).unwrap_err();
/// assert_eq!(err.to_string(), "the server answered 401 Unauthorized: Unauthorized: Not authenticated");
/// let ApiError::Service { error, .. } = err else { panic!() };
/// assert_eq!(error.error_code(), Some("Unauthorized"));
///
/// let proxy = http::Response::builder()
///     .status(502)
///     .header("content-type", "text/html")
///     .body("<html><body>Bad gateway</body></html>")
///     .unwrap();
/// assert!(read_response(&proxy).unwrap_err().to_string().starts_with(
///     "the server answered 502 Bad Gateway (text/html) with a body that is neither XML nor JSON"
/// ));
/// let empty = http::Response::builder().status(502).body(Vec::new()).unwrap();
/// assert_eq!(read_response(&empty).unwrap_err().to_string(), "the server answered 502 Bad Gateway (no content type) with an empty body");
/// ```
pub fn read_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<AppGetActiveSessionsResult, ApiError> {
    let status = response.status();
    let body = response.body().as_ref();
    let content_type =
        response.headers().get(header::CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let unexpected = |reason: String| ApiError::Unexpected {
        status,
        content_type: content_type.clone(),
        reason,
        body_start: String::from_utf8_lossy(&body[..body.len().min(800)]).chars().take(200).collect(),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(unexpected("an empty body".to_owned()));
    }
    let format = match &content_type {
        Some(content_type) => Format::from_content_type(content_type),
        None => Format::detect(body),
    };
    let Some(format) = format else {
        return Err(unexpected("a body that is neither XML nor JSON".to_owned()));
    };
    match Response::decode(body, format) {
        Ok(Response::Ok(result)) if status.is_success() => Ok(result),
        Ok(Response::Ok(_)) => Err(unexpected(format!("a {} body that is not an error response", format.name()))),
        Ok(Response::Err(error)) => Err(ApiError::Service { status, error }),
        Err(e) => Err(unexpected(format!("a {} body that does not decode ({e})", format.name()))),
    }
}
