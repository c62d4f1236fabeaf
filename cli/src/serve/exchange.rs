//! One request: from hyper's types to the `http` crate's, through the library's mock,
//! and back; with the limits, the delay and the log line.

use super::Shared;
use bytes::Bytes;
use http_body_util::Full;
use std::fmt::Write as _;
use std::io::Write as _;
use std::net::SocketAddr;
use std::time::Instant;

/// The longest request target (path and query) answered.
pub const MAX_URL_BYTES: usize = 8 * 1024;
/// The most header bytes (names and values) answered.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// The most headers answered.
pub const MAX_HEADERS: usize = 100;

/// A bare status for a request over a limit (no body: it never reached the route).
fn refuse(status: http::StatusCode) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() = status;
    response
}

/// The status that refuses a request over a limit.
fn over_limit<B>(request: &http::Request<B>) -> Option<http::StatusCode> {
    let target = request.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_URL_BYTES {
        return Some(http::StatusCode::URI_TOO_LONG);
    }
    let headers = request.headers();
    let bytes: usize = headers.iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if headers.len() > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
        return Some(http::StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    }
    None
}

/// Answers one request and logs it. `line` is the method and target as the client sent
/// them, when the connection's reader has them.
pub async fn handle(
    request: http::Request<()>,
    line: Option<Vec<u8>>,
    peer: SocketAddr,
    shared: &Shared,
) -> http::Response<Full<Bytes>> {
    let started = Instant::now();
    let line = line.unwrap_or_else(|| {
        let target = request.uri().path_and_query().map_or("", |p| p.as_str());
        format!("{} {target}", request.method()).into_bytes()
    });
    let response = match over_limit(&request) {
        Some(status) => refuse(status),
        None => {
            // At most `--workers` requests are answered at once; the semaphore is never
            // closed.
            let _permit = shared.workers.acquire().await;
            if !shared.delay.is_zero() {
                let mut stop = shared.stop.clone();
                let _ = super::first(tokio::time::sleep(shared.delay), stop.wait_for(|stopped| *stopped)).await;
            }
            let mock = std::sync::Arc::clone(&shared.mock);
            match tokio::task::spawn_blocking(move || mock.respond(&request)).await {
                Ok(response) => response,
                Err(_) => refuse(http::StatusCode::INTERNAL_SERVER_ERROR),
            }
        }
    };
    log(peer, Some(&line), &response.status().as_u16().to_string(), response.body().len(), started, None);
    response.map(|body| Full::new(Bytes::from(body)))
}

/// `bytes` in ASCII: printable characters as they are except `"` and `\`, which are
/// escaped; `\t`, `\r`, `\n`; other characters as `\u{…}`, bytes that are not UTF-8 as
/// `\xNN`. Nothing the client sent can start a line or close the quoted field.
pub fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\n' => out.push_str("\\n"),
                ' '..='~' => out.push(c),
                _ => {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

/// One line on stderr: `PEER "METHOD TARGET" STATUS BYTES MSms[ (NOTE)]`, everything the
/// client sent escaped (`-` for what is not known).
pub fn log(peer: SocketAddr, line: Option<&[u8]>, status: &str, bytes: usize, started: Instant, note: Option<&str>) {
    let shown = line.map_or_else(|| "-".to_owned(), |l| format!("\"{}\"", escape(l)));
    let note = note.map_or_else(String::new, |n| format!(" ({})", escape(n.as_bytes())));
    let _ =
        writeln!(std::io::stderr().lock(), "{peer} {shown} {status} {bytes} {}ms{note}", started.elapsed().as_millis());
}
