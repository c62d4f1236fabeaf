//! `serve`: answer `GET /portal/active-sessions` (and the operation's other routes) over
//! HTTP from fixture files, as Evo Voice's ServiceStack server answers it: the library's
//! [`Mock`] behind hyper's HTTP/1.1 server on tokio.

mod exchange;
mod fixtures;
mod intake;

use crate::Outcome;
use evovoice_contracts::http::Mock;
use evovoice_contracts::servicestack::{ErrorResponse, ResponseStatus};
use evovoice_contracts::{json, xml};
use hyper::body::{Body as _, Incoming};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use intake::{Heads, Intake};
use std::future::Future;
use std::io::Write;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, Instant};
use tokio::sync::{watch, Semaphore};

/// The most workers, and so the most requests answered at once.
const MAX_WORKERS: u64 = 64;
/// How long a request head may take to arrive whole, from the connection's opening or
/// from the previous response (so also how long an idle keep-alive connection is kept).
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a write may wait for a client that reads nothing before the connection is
/// closed.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The most bytes of a request head read (`431` past it): the longest target and the
/// most header bytes answered, and room for the request line.
const MAX_HEAD_BYTES: usize = exchange::MAX_URL_BYTES + exchange::MAX_HEADER_BYTES + 1024;
/// The kernel's queue of connections not yet accepted.
const BACKLOG: u32 = 1024;
/// How long accepting waits when the process is out of file descriptors.
const BACKOFF: Duration = Duration::from_millis(100);

#[derive(clap::Args)]
#[command(after_help = "\
The sessions of all documents are answered in order. AccountId and CustomerId keep the sessions \
equal to them; StartDate is accepted and not interpreted (what Evo does with it is not published). \
The format is negotiated as ServiceStack does: ?format=xml|json, then a .xml/.json suffix, then \
Accept (application/xml or application/json), JSON otherwise. Another path is 404, another method \
405, a malformed query 400, each with a ServiceStack ErrorResponse. The predefined routes are \
answered too: /api/AppGetActiveSessions, /json/reply/AppGetActiveSessions, /xml/reply/AppGetActiveSessions. \
One line per response is logged on stderr, refusals included. SIGINT or SIGTERM stops accepting, \
answers the requests in progress (a --delay is cut short) and exits, after --grace-ms at the latest.")]
pub struct Args {
    /// The address to listen on; port 0 picks a free port. The address is printed on stdout
    /// (`listening on http://HOST:PORT`) once the server accepts requests.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: String,
    /// Fixture files (XML or JSON results) or directories of them (their .xml and .json
    /// files, in name order).
    #[arg(value_name = "FILE_OR_DIR", required = true)]
    fixtures: Vec<PathBuf>,
    /// Serve the route under this path prefix (`/api` answers `/api/portal/active-sessions`).
    #[arg(long, value_name = "PATH", default_value = "")]
    prefix: String,
    /// Answer every request of the route with this HTTP status and an ErrorResponse
    /// (see --fail-code, --fail-message, --fail-response) instead of the sessions.
    #[arg(long, value_name = "STATUS", value_parser = clap::value_parser!(u16).range(400..=599))]
    fail_status: Option<u16>,
    /// The ErrorResponse's errorCode with --fail-status (default: the status's name, such as
    /// ServiceUnavailable).
    #[arg(long, value_name = "CODE", requires = "fail_status", conflicts_with = "fail_response")]
    fail_code: Option<String>,
    /// The ErrorResponse's message with --fail-status.
    #[arg(long, value_name = "TEXT", requires = "fail_status", conflicts_with = "fail_response")]
    fail_message: Option<String>,
    /// The ErrorResponse to answer with --fail-status, from a file (XML or JSON).
    #[arg(long, value_name = "FILE", requires = "fail_status")]
    fail_response: Option<PathBuf>,
    /// Wait this many milliseconds before answering each request (for testing timeouts).
    #[arg(long, value_name = "MS", default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=600_000))]
    delay: u64,
    /// How many requests are answered at once; more wait their turn.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=MAX_WORKERS))]
    workers: u64,
    /// How many connections are open at once; past it, new connections wait to be accepted.
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=65_536))]
    max_connections: u64,
    /// On SIGINT or SIGTERM, how long the requests in progress have to finish before the
    /// server exits whatever the clients do.
    #[arg(long, value_name = "MS", default_value_t = 5000, value_parser = clap::value_parser!(u64).range(0..=600_000))]
    grace_ms: u64,
}

/// The status's name without spaces, as ServiceStack's error codes are written.
fn status_code_name(status: http::StatusCode) -> String {
    status.canonical_reason().unwrap_or("Error").split(|c: char| !c.is_ascii_alphanumeric()).collect()
}

// The contracts are non-exhaustive: outside the library they are built from their default.
#[allow(clippy::field_reassign_with_default)]
fn failure(args: &Args) -> Result<Option<(http::StatusCode, ErrorResponse)>, String> {
    let Some(code) = args.fail_status else { return Ok(None) };
    let status = http::StatusCode::from_u16(code).map_err(|e| format!("--fail-status {code}: {e}"))?;
    let error = match &args.fail_response {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let decoded = match evovoice_contracts::format::Format::detect(&bytes) {
                Some(evovoice_contracts::format::Format::Json) => json::from_slice(&bytes),
                _ => xml::from_slice(&bytes),
            };
            decoded.map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => {
            let mut status_body = ResponseStatus::default();
            status_body.error_code = Some(args.fail_code.clone().unwrap_or_else(|| status_code_name(status)));
            status_body.message = args.fail_message.clone();
            status_body.errors = Some(Vec::new());
            let mut error = ErrorResponse::default();
            error.response_status = Some(status_body);
            error
        }
    };
    Ok(Some((status, error)))
}

/// Refuses a prefix that no request path can start with.
fn check_prefix(prefix: &str) -> Result<(), String> {
    if prefix.is_empty() {
        return Ok(());
    }
    let never = format!("--prefix \"{}\" can never match a request path", exchange::escape(prefix.as_bytes()));
    if !prefix.starts_with('/') {
        return Err(format!("{never}: it must start with '/' (as in --prefix /api)"));
    }
    if let Some(c) = prefix.chars().find(|c| !c.is_ascii_graphic() || matches!(c, '"' | '<' | '>' | '`' | '?' | '#')) {
        let c = exchange::escape(c.to_string().as_bytes());
        return Err(format!("{never}: '{c}' is not sent as it is in a path (write it percent-encoded)"));
    }
    Ok(())
}

/// What every connection shares.
pub struct Shared {
    mock: Arc<Mock>,
    delay: Duration,
    /// A permit per request answered at once (`--workers`).
    workers: Semaphore,
    /// Raised on SIGINT or SIGTERM.
    stop: watch::Receiver<bool>,
}

fn mock(args: &Args) -> Result<Mock, String> {
    check_prefix(&args.prefix)?;
    let documents = fixtures::load_all(&args.fixtures)?;
    let mut mock = Mock::from_documents(documents).prefix(&args.prefix);
    if let Some((status, error)) = failure(args)? {
        mock = mock.fail_with(status, error);
    }
    Ok(mock)
}

/// One of two outcomes.
pub enum Either<A, B> {
    Left(A),
    Right(B),
}

/// Runs `a` and `b` together until the first finishes (`a` first when both are ready).
pub async fn first<A: Future, B: Future>(a: A, b: B) -> Either<A::Output, B::Output> {
    let (mut a, mut b) = (pin!(a), pin!(b));
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = a.as_mut().poll(cx) {
            return Poll::Ready(Either::Left(out));
        }
        if let Poll::Ready(out) = b.as_mut().poll(cx) {
            return Poll::Ready(Either::Right(out));
        }
        Poll::Pending
    })
    .await
}

/// Binds `addr` (a name is resolved; the first address that binds is taken).
fn bind(addr: &str) -> std::io::Result<tokio::net::TcpListener> {
    let mut last = std::io::Error::new(std::io::ErrorKind::InvalidInput, "the address resolves to nothing");
    for address in addr.to_socket_addrs()? {
        let socket =
            if address.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
        socket.set_reuseaddr(true)?;
        match socket.bind(address).and_then(|()| socket.listen(BACKLOG)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Whether accepting failed for want of file descriptors or memory: then the server
/// waits and tries again.
fn out_of_resources(error: &std::io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM))
}

/// Serves one connection.
fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    shared: Arc<Shared>,
) -> (Arc<Heads>, impl hyper_util::server::graceful::GracefulConnection<Output = Result<(), hyper::Error>>) {
    let heads = Arc::new(Heads::default());
    let io = TokioIo::new(Intake::new(stream, Arc::clone(&heads), WRITE_TIMEOUT));
    let reader = Arc::clone(&heads);
    let service = hyper::service::service_fn(move |request: http::Request<Incoming>| {
        let line = reader.take(!request.body().is_end_stream());
        // The body is never read: hyper drains what has arrived of it after the response,
        // or closes the connection.
        let (parts, _body) = request.into_parts();
        let request = http::Request::from_parts(parts, ());
        let shared = Arc::clone(&shared);
        async move { Ok::<_, std::convert::Infallible>(exchange::handle(request, line, peer, &shared).await) }
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .max_headers(exchange::MAX_HEADERS)
        .half_close(true)
        .serve_connection(io, service);
    (heads, connection)
}

/// Logs how a connection ended when hyper ended it: the status hyper answered a request
/// it refused with, or why it closed the connection.
fn log_connection_error(peer: SocketAddr, heads: &Heads, error: &hyper::Error, opened: Instant) {
    let status = if error.is_parse_too_large() {
        "431"
    } else if error.is_parse() && !error.is_parse_version_h2() {
        "400"
    } else {
        "-"
    };
    let mut note = if status == "-" { format!("closed: {error}") } else { error.to_string() };
    if let Some(source) = std::error::Error::source(error) {
        note.push_str(&format!(": {source}"));
    }
    exchange::log(peer, heads.refused_line().as_deref(), status, 0, opened, Some(&note));
}

/// Accepts connections until `stop` is raised, then lets the connections in progress
/// finish for `grace` at most. Returns the last line to log.
async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    max_connections: usize,
    grace: Duration,
) -> String {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(max_connections));
    let mut stop = shared.stop.clone();
    let mut backing_off = false;
    loop {
        let permit = match first(Arc::clone(&slots).acquire_owned(), stop.wait_for(|s| *s)).await {
            Either::Left(Ok(permit)) => permit,
            _ => break,
        };
        let accepted = match first(listener.accept(), stop.wait_for(|s| *s)).await {
            Either::Left(accepted) => accepted,
            Either::Right(_) => break,
        };
        match accepted {
            Ok((stream, peer)) => {
                if backing_off {
                    eprintln!("accepting connections again");
                    backing_off = false;
                }
                // Each response goes out as it is written: no wait for the client's
                // acknowledgement of the previous segment.
                let _ = stream.set_nodelay(true);
                let opened = Instant::now();
                let (heads, connection) = connection(stream, peer, Arc::clone(&shared));
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(error) = watched.await {
                        log_connection_error(peer, &heads, &error, opened);
                    }
                    drop(permit);
                });
            }
            Err(error) if out_of_resources(&error) => {
                if !backing_off {
                    eprintln!("error: accepting a connection: {error}; trying again every {} ms", BACKOFF.as_millis());
                    backing_off = true;
                }
                drop(permit);
                let _ = first(tokio::time::sleep(BACKOFF), stop.wait_for(|s| *s)).await;
            }
            // The client gave up before it was accepted, and the like.
            Err(error) => eprintln!("error: accepting a connection: {error}"),
        }
    }
    drop(listener);
    let open = graceful.count();
    match tokio::time::timeout(grace, graceful.shutdown()).await {
        Ok(()) => "stopped".to_owned(),
        Err(_) => format!(
            "stopped after the grace period of {} ms, with connections still open (of {open} at the signal)",
            grace.as_millis()
        ),
    }
}

pub fn run(args: Args) -> Outcome {
    let mock = match mock(&args) {
        Ok(mock) => Arc::new(mock),
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::BadUsage;
        }
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(threads).enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return Outcome::BadUsage;
        }
    };
    let outcome = runtime.block_on(async {
        let listener = match bind(&args.addr) {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", exchange::escape(args.addr.as_bytes()));
                return Outcome::BadUsage;
            }
        };
        let (stop_tx, stop) = watch::channel(false);
        let signals = [tokio::signal::unix::SignalKind::interrupt(), tokio::signal::unix::SignalKind::terminate()]
            .map(tokio::signal::unix::signal);
        let [Ok(mut interrupt), Ok(mut terminate)] = signals else {
            eprintln!("error: cannot handle SIGINT and SIGTERM");
            return Outcome::BadUsage;
        };
        tokio::spawn(async move {
            let _ = first(interrupt.recv(), terminate.recv()).await;
            let _ = stop_tx.send(true);
        });
        let address = match listener.local_addr() {
            Ok(address) => address,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", exchange::escape(args.addr.as_bytes()));
                return Outcome::BadUsage;
            }
        };
        let workers = usize::try_from(args.workers).unwrap_or(1);
        let max_connections = usize::try_from(args.max_connections).unwrap_or(1);
        let sessions = mock.sessions().len();
        let shared =
            Arc::new(Shared { mock, delay: Duration::from_millis(args.delay), workers: Semaphore::new(workers), stop });
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "listening on http://{address}").and_then(|()| stdout.flush());
        drop(stdout);
        eprintln!(
            "serving {sessions} sessions on {address} with {workers} workers, at most {max_connections} connections"
        );
        let last = serve(listener, shared, max_connections, Duration::from_millis(args.grace_ms)).await;
        eprintln!("{last}");
        Outcome::Success
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
    outcome
}
