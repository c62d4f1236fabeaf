//! One request: from tiny_http's types to the `http` crate's, through the library's mock,
//! and back; with the limits, the delay and the log line.

use evovoice_contracts::http::Mock;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The longest request target (path and query) answered.
pub const MAX_URL_BYTES: usize = 8 * 1024;
/// The most header bytes (names and values) answered.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// The most headers answered.
pub const MAX_HEADERS: usize = 100;

/// What the server does with each request.
pub struct Behaviour {
    pub mock: Mock,
    pub delay: Duration,
}

/// A bare status for a request over a limit (no body: it never reached the route).
fn refuse(status: u16) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_REQUEST);
    response
}

/// The `http::Request` of a tiny_http request, or the status that refuses it.
fn convert(request: &tiny_http::Request) -> Result<http::Request<()>, u16> {
    if request.url().len() > MAX_URL_BYTES {
        return Err(414);
    }
    let headers = request.headers();
    let header_bytes: usize = headers.iter().map(|h| h.field.as_str().as_str().len() + h.value.as_str().len()).sum();
    if headers.len() > MAX_HEADERS || header_bytes > MAX_HEADER_BYTES {
        return Err(431);
    }
    let mut builder = http::Request::builder().method(request.method().as_str()).uri(request.url());
    for header in headers {
        builder = builder.header(header.field.as_str().as_str(), header.value.as_str());
    }
    builder.body(()).map_err(|_| 400)
}

fn to_tiny(response: http::Response<Vec<u8>>) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let status = response.status().as_u16();
    let headers: Vec<tiny_http::Header> = response
        .headers()
        .iter()
        .filter_map(|(name, value)| tiny_http::Header::from_bytes(name.as_str().as_bytes(), value.as_bytes()).ok())
        .collect();
    let mut out = tiny_http::Response::from_data(response.into_body()).with_status_code(status);
    for header in headers {
        out.add_header(header);
    }
    out
}

/// Waits `delay`, or less when `stop` is raised meanwhile (so that a signal does not wait
/// for a long delay to end).
fn wait(delay: Duration, stop: &AtomicBool) {
    let until = Instant::now() + delay;
    while !stop.load(Ordering::Relaxed) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(Duration::from_millis(50)));
    }
}

/// Answers one request and logs it.
pub fn handle(request: tiny_http::Request, behaviour: &Behaviour, stop: &AtomicBool) {
    let started = Instant::now();
    let peer = request.remote_addr().map_or_else(|| "-".to_owned(), ToString::to_string);
    let line = format!("{} {}", request.method().as_str(), request.url());
    let response = match convert(&request) {
        Ok(converted) => {
            wait(behaviour.delay, stop);
            behaviour.mock.respond(&converted)
        }
        Err(status) => refuse(status),
    };
    let (status, bytes) = (response.status().as_u16(), response.body().len());
    let sent = request.respond(to_tiny(response));
    // `escape_debug` quotes control characters, quotes and backslashes, so that nothing
    // from the request can start a line of its own or forge a field.
    let shown: String = line.chars().take(2 * MAX_URL_BYTES).collect();
    let outcome = match sent {
        Ok(()) => String::new(),
        Err(e) => format!(" (not sent: {e})"),
    };
    let _ = writeln!(
        std::io::stderr().lock(),
        "{peer} \"{}\" {status} {bytes} {}ms{outcome}",
        shown.escape_debug(),
        started.elapsed().as_millis()
    );
}
