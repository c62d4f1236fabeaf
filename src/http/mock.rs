//! The endpoint, answering from fixed sessions.

use super::negotiate::{check_query, negotiate, suffix_format};
use crate::app::portal::{AppGetActiveSessions, AppGetActiveSessionsResult};
use crate::format::Format;
use crate::servicestack::{ErrorResponse, ResponseStatus};
use crate::sessions::SessionInfo;
use crate::{json, xml};
use http::{header, Method, StatusCode};

/// `GET /portal/active-sessions` answered from fixed sessions, as Evo Voice's
/// ServiceStack server answers it, without I/O: give it an `http::Request`, get the
/// `http::Response`.
///
/// - The sessions in order; `AccountId` and `CustomerId` keep those equal to the given
///   value (both must match when both are given). `StartDate` is accepted and not
///   interpreted: what Evo does with it is not published.
/// - The format as ServiceStack negotiates it ([`negotiate`](super::negotiate)): XML
///   exactly as ServiceStack writes it (so, for a fixture that .NET wrote, the fixture's
///   bytes), or camelCase JSON.
/// - Every route a ServiceStack server answers for the operation: the custom route
///   `/portal/active-sessions` (with a `.json` or `.xml` suffix too), and the predefined
///   routes `/api/AppGetActiveSessions` (ServiceStack 6 and later; JSON unless the request
///   asks for XML), `/json/reply/AppGetActiveSessions` and `/xml/reply/AppGetActiveSessions`
///   (the format the path names; with `/api` before them too). Paths and operation names
///   match in any case, as ServiceStack matches them; so do query parameter names
///   (`accountId`, `ACCOUNTID`).
/// - Errors as ServiceStack's [`ErrorResponse`] in the negotiated format: another path,
///   or another operation on a predefined route, is `404` (`NotFound`), another method
///   `405` (`MethodNotAllowed`, with `Allow: GET`), a malformed query
///   ([`check_query`](super::check_query)) `400` (`RequestBindingException`), a request
///   target or header value that is not ASCII, or that holds a space, `"`, `<`, `>` or
///   `` ` `` unescaped, `400` (`BadRequest`); and, with [`fail_with`](Mock::fail_with), any
///   status and error response you choose.
///
/// ```
/// use evovoice_contracts::http::Mock;
/// use evovoice_contracts::sessions::SessionInfo;
///
/// let mut session = SessionInfo::default();
/// session.account_id = Some("A1".into());
/// let mock = Mock::new(vec![session, SessionInfo::default()]);
///
/// let get = |uri: &str, accept: &str| {
///     let request = http::Request::get(uri).header("accept", accept).body(()).unwrap();
///     let response = mock.respond(&request);
///     (response.status().as_u16(), String::from_utf8(response.into_body()).unwrap())
/// };
/// assert_eq!(
///     get("/portal/active-sessions?AccountId=A1&format=json", "application/xml"),
///     (200, r#"{"sessions":[{"dialState":"None","callState":"Disconnected","queueState":"None","accountId":"A1","channel":"Voice","ended":false,"holdReason":"None","direction":"Incoming","wasMissed":false}]}"#.to_owned())
/// );
/// let (status, body) = get("/portal/nope", "application/json");
/// assert_eq!(status, 404);
/// assert!(body.starts_with(r#"{"responseStatus":{"errorCode":"NotFound","message":"#));
///
/// // The predefined routes, as ServiceStack's own clients call them.
/// assert_eq!(get("/api/AppGetActiveSessions?accountId=A1", "*/*").0, 200);
/// let (status, body) = get("/xml/reply/AppGetActiveSessions", "application/json");
/// assert_eq!(status, 200);
/// assert!(body.starts_with("<?xml"));
/// assert_eq!(get("/api/AppGetNothing", "*/*").0, 404);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mock {
    sessions: Vec<SessionInfo>,
    failure: Option<(StatusCode, ErrorResponse)>,
    prefix: String,
}

fn error(code: &str, message: String) -> ErrorResponse {
    let status = ResponseStatus {
        error_code: Some(code.to_owned()),
        message: Some(message),
        errors: Some(Vec::new()),
        ..ResponseStatus::default()
    };
    ErrorResponse { response_status: Some(status) }
}

impl Mock {
    /// A mock answering with `sessions`.
    pub fn new(sessions: Vec<SessionInfo>) -> Self {
        Mock { sessions, failure: None, prefix: String::new() }
    }

    /// A mock answering with the sessions of all `documents`, in order.
    ///
    /// ```
    /// use evovoice_contracts::generate::Corpus;
    /// use evovoice_contracts::http::Mock;
    ///
    /// let documents: Vec<_> = Corpus::new(1).sessions(2..=2).documents().take(3).collect();
    /// let mock = Mock::from_documents(documents.clone());
    /// assert_eq!(mock.sessions().len(), 6);
    /// assert_eq!(mock.sessions()[2], documents[1].sessions.as_ref().unwrap()[0]);
    /// ```
    pub fn from_documents(documents: impl IntoIterator<Item = AppGetActiveSessionsResult>) -> Self {
        Mock::new(documents.into_iter().flat_map(|d| d.sessions.unwrap_or_default()).collect())
    }

    /// Answers every request of the route with `status` and `error` (in the negotiated
    /// format) instead of the sessions.
    ///
    /// ```
    /// use evovoice_contracts::http::{read_response, ApiError, Mock};
    /// use evovoice_contracts::servicestack::{ErrorResponse, ResponseStatus};
    ///
    /// let mut status = ResponseStatus::default();
    /// status.error_code = Some("Forbidden".into());
    /// let mut error = ErrorResponse::default();
    /// error.response_status = Some(status);
    /// let mock = Mock::default().fail_with(http::StatusCode::FORBIDDEN, error);
    /// let request = http::Request::get("/portal/active-sessions").body(()).unwrap();
    /// let Err(ApiError::Service { status, error }) = read_response(&mock.respond(&request)) else { panic!() };
    /// assert_eq!((status.as_u16(), error.error_code()), (403, Some("Forbidden")));
    /// ```
    pub fn fail_with(mut self, status: StatusCode, error: ErrorResponse) -> Self {
        self.failure = Some((status, error));
        self
    }

    /// Serves the route under a path prefix (`/api/v3` answers
    /// `/api/v3/portal/active-sessions`), as behind a base URL that carries one.
    ///
    /// ```
    /// use evovoice_contracts::http::Mock;
    ///
    /// let mock = Mock::default().prefix("/api/v3/");
    /// let status = |uri: &str| mock.respond(&http::Request::get(uri).body(()).unwrap()).status().as_u16();
    /// assert_eq!(status("/api/v3/portal/active-sessions"), 200);
    /// assert_eq!(status("/portal/active-sessions"), 404);
    /// ```
    pub fn prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.trim_end_matches('/').to_owned();
        self
    }

    /// The sessions the mock answers with.
    pub fn sessions(&self) -> &[SessionInfo] {
        &self.sessions
    }

    /// The response to `request` (see the example of [`Mock`]). Its body is complete;
    /// the server that sends it adds `Content-Length`. The request's body is not read
    /// (the operation's members travel in the query string).
    pub fn respond<B>(&self, request: &http::Request<B>) -> http::Response<Vec<u8>> {
        let uri = request.uri();
        let path = uri.path();
        let route = path.strip_prefix(self.prefix.as_str()).map_or(Route::None, route);
        let format = match route {
            Route::Operation(Some(format)) | Route::UnknownOperation(_, Some(format)) => format,
            _ => negotiate(uri, request.headers()),
        };
        if let Err(message) = check_ascii(request) {
            return encode_error(StatusCode::BAD_REQUEST, &error("BadRequest", message), format);
        }
        match route {
            Route::Operation(_) => {}
            Route::UnknownOperation(name, _) => {
                let message = format!("The operation '{name}' does not exist for this service");
                return encode_error(StatusCode::NOT_FOUND, &error("NotFound", message), format);
            }
            Route::None => {
                let message = format!("Handler for Request not found: {} {}", request.method(), path);
                return encode_error(StatusCode::NOT_FOUND, &error("NotFound", message), format);
            }
        }
        if request.method() != Method::GET {
            let message = format!("The method {} is not allowed on {path}; use GET", request.method());
            let mut response =
                encode_error(StatusCode::METHOD_NOT_ALLOWED, &error("MethodNotAllowed", message), format);
            response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("GET"));
            return response;
        }
        let query = uri.query().unwrap_or("");
        if let Err(e) = check_query(query) {
            return encode_error(StatusCode::BAD_REQUEST, &error("RequestBindingException", e.to_string()), format);
        }
        if let Some((status, error)) = &self.failure {
            return encode_error(*status, error, format);
        }
        let filter = AppGetActiveSessions::from_query_string(query);
        let keep = |s: &&SessionInfo| {
            filter.account_id.as_ref().is_none_or(|a| s.account_id.as_ref() == Some(a))
                && filter.customer_id.as_ref().is_none_or(|c| s.customer_id.as_ref() == Some(c))
        };
        let result =
            AppGetActiveSessionsResult { sessions: Some(self.sessions.iter().filter(keep).cloned().collect()) };
        match encode(&result, format) {
            Ok(body) => build(StatusCode::OK, format, body),
            Err(e) => {
                let message = format!("the sessions cannot be written as {format}: {e}");
                encode_error(StatusCode::INTERNAL_SERVER_ERROR, &error("SerializationException", message), Format::Json)
            }
        }
    }
}

/// What the path (without the prefix) asks for.
#[derive(Clone, Copy)]
enum Route<'a> {
    /// The operation, in the format a predefined route names (`None`: negotiated).
    Operation(Option<Format>),
    /// Another operation on a predefined route, and the format the route names.
    UnknownOperation(&'a str, Option<Format>),
    /// No route of the service.
    None,
}

/// The operation's name, as the predefined routes carry it.
const OPERATION: &str = "AppGetActiveSessions";

/// The route of `path`: the custom route with an optional `.json`/`.xml` suffix, or a
/// predefined route `[/api]/(json|xml)/reply/{Operation}` or `/api/{Operation}`.
fn route(path: &str) -> Route<'_> {
    let bare = match suffix_format(path) {
        Some(_) => path.rsplit_once('.').map_or(path, |(bare, _)| bare),
        None => path,
    };
    if bare.eq_ignore_ascii_case(AppGetActiveSessions::PATH) {
        return Route::Operation(None);
    }
    let Some(rest) = path.strip_prefix('/') else { return Route::None };
    let segments: Vec<&str> = rest.split('/').collect();
    let (name, format) = match segments.as_slice() {
        [api, name] if api.eq_ignore_ascii_case("api") => (*name, None),
        [api, format, reply, name] if api.eq_ignore_ascii_case("api") && reply.eq_ignore_ascii_case("reply") => {
            match format.parse::<Format>() {
                Ok(format) => (*name, Some(format)),
                Err(_) => return Route::None,
            }
        }
        [format, reply, name] if reply.eq_ignore_ascii_case("reply") => match format.parse::<Format>() {
            Ok(format) => (*name, Some(format)),
            Err(_) => return Route::None,
        },
        _ => return Route::None,
    };
    if name.is_empty() {
        Route::None
    } else if name.eq_ignore_ascii_case(OPERATION) {
        Route::Operation(format)
    } else {
        Route::UnknownOperation(name, format)
    }
}

/// Refuses a request target holding what a URI cannot carry unescaped (other than what
/// the `http` crate already refuses): bytes that are not ASCII, a space, `"`, `<`, `>` or
/// `` ` ``; and a header value that is not ASCII. ServiceStack's hosts differ here (some
/// refuse such requests with a page of their own, some read them): the mock refuses them
/// with an `ErrorResponse`.
fn check_ascii<B>(request: &http::Request<B>) -> Result<(), String> {
    let target = request.uri().path_and_query().map_or("", |p| p.as_str());
    if target.bytes().any(|b| !b.is_ascii_graphic() || matches!(b, b'"' | b'<' | b'>' | b'`')) {
        return Err("The request target must be ASCII, with spaces, quotes, '<', '>', '`' and \
                    characters other than ASCII percent-encoded"
            .to_owned());
    }
    for (name, value) in request.headers() {
        if value.to_str().is_err() {
            return Err(format!("The value of the header '{name}' must be ASCII"));
        }
    }
    Ok(())
}

fn encode<T: crate::contract::Contract>(value: &T, format: Format) -> crate::Result<Vec<u8>> {
    match format {
        Format::Xml => xml::to_vec_with(value, &xml::XmlOptions::new()),
        Format::Json => json::to_vec_with(value, &json::JsonOptions::new()),
    }
}

fn encode_error(status: StatusCode, error: &ErrorResponse, format: Format) -> http::Response<Vec<u8>> {
    match encode(error, format) {
        Ok(body) => build(status, format, body),
        // A message XML cannot carry (a control character from a query string): JSON
        // carries any text.
        Err(_) => build(status, Format::Json, encode(error, Format::Json).unwrap_or_default()),
    }
}

fn build(status: StatusCode, format: Format, body: Vec<u8>) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static(format.content_type()));
    response
}
