//! `serve`: answer `GET /portal/active-sessions` over HTTP from fixture files, as Evo
//! Voice's ServiceStack server answers it (the library's [`Mock`] behind tiny_http).

mod exchange;
mod fixtures;

use crate::Outcome;
use evovoice_contracts::http::Mock;
use evovoice_contracts::servicestack::{ErrorResponse, ResponseStatus};
use evovoice_contracts::{json, xml};
use exchange::Behaviour;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The most workers, and so the most requests answered at once.
const MAX_WORKERS: u64 = 64;

#[derive(clap::Args)]
#[command(after_help = "\
The sessions of all documents are answered in order. AccountId and CustomerId keep the sessions \
equal to them; StartDate is accepted and not interpreted (what Evo does with it is not published). \
The format is negotiated as ServiceStack does: ?format=xml|json, then a .xml/.json suffix, then \
Accept (application/xml or application/json), JSON otherwise. Another path is 404, another method \
405, a malformed query 400, each with a ServiceStack ErrorResponse. One line per request is logged \
on stderr. SIGINT or SIGTERM stops the server once the requests in progress are answered (a --delay is cut short).")]
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

fn behaviour(args: &Args) -> Result<Behaviour, String> {
    let documents = fixtures::load_all(&args.fixtures)?;
    let mut mock = Mock::from_documents(documents).prefix(&args.prefix);
    if let Some((status, error)) = failure(args)? {
        mock = mock.fail_with(status, error);
    }
    Ok(Behaviour { mock, delay: Duration::from_millis(args.delay) })
}

pub fn run(args: Args) -> Outcome {
    let behaviour = match behaviour(&args) {
        Ok(b) => Arc::new(b),
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::BadUsage;
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        if let Err(e) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
            eprintln!("error: cannot handle signal {signal}: {e}");
            return Outcome::BadUsage;
        }
    }
    let server = match tiny_http::Server::http(args.addr.as_str()) {
        Ok(server) => Arc::new(server),
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.addr.escape_debug());
            return Outcome::BadUsage;
        }
    };
    let sessions = behaviour.mock.sessions().len();
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "listening on http://{}", server.server_addr()).and_then(|()| stdout.flush());
    drop(stdout);
    eprintln!("serving {sessions} sessions on {} with {} workers", server.server_addr(), args.workers);
    let workers: Vec<_> = (0..args.workers)
        .map(|_| {
            let (server, behaviour, stop) = (Arc::clone(&server), Arc::clone(&behaviour), Arc::clone(&stop));
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match server.recv_timeout(Duration::from_millis(100)) {
                        Ok(Some(request)) => exchange::handle(request, &behaviour, &stop),
                        Ok(None) => {}
                        Err(e) => {
                            eprintln!("error: receiving a request: {e}");
                            std::thread::sleep(Duration::from_millis(100));
                        }
                    }
                }
            })
        })
        .collect();
    let mut outcome = Outcome::Success;
    for worker in workers {
        if worker.join().is_err() {
            outcome = Outcome::BadInput;
        }
    }
    eprintln!("stopped");
    outcome
}
