//! `serve` under hostile and careless clients, on loopback: each case ends with a normal
//! client answered within a second, and the server still running (or stopped by a signal
//! within its grace period).

use super::raw::{self, connect, exchange, read_reply, rss_kib};
use crate::common;
use crate::generate::generate;
use crate::server::Server;
use evovoice_contracts::servicestack::ErrorResponse;
use evovoice_contracts::{json, xml};
use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

const SECOND: Duration = Duration::from_secs(1);

/// A normal client is answered `200` within a second.
fn answered(server: &Server) {
    let (status, took) = raw::get(&server.address(), SECOND).unwrap_or_else(|e| panic!("{e}\n{}", server.log()));
    assert_eq!(status, 200, "{}", server.log());
    assert!(took < SECOND, "took {took:?}");
}

/// Waits up to two seconds for `needle` in the server's log (a refusal hyper answers
/// itself is logged once the connection has ended).
fn logged(server: &Server, needle: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(2);
    while !server.log().contains(needle) {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

fn small_fixtures(dir: &std::path::Path) -> String {
    generate(dir, "xml", &["--count", "1", "--seed", "3"]).to_str().unwrap().to_owned()
}

/// Four requests announcing a body of 2^64 - 1 bytes and one of 100 GB: refused or
/// answered, never read, never allocated.
#[test]
fn huge_content_lengths_leave_the_server_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(&["--workers", "2", &small_fixtures(dir.path())]);
    let address = server.address();
    for _ in 0..4 {
        let reply = exchange(
            &address,
            b"GET /portal/active-sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 18446744073709551615\r\n\r\n",
            SECOND,
        )
        .unwrap();
        assert_eq!(reply.status, 431);
        answered(&server);
    }
    let mut stream = connect(&address, SECOND);
    stream
        .write_all(b"GET /portal/active-sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000000\r\n\r\n")
        .unwrap();
    stream.write_all(&[b'x'; 1000]).unwrap();
    assert_eq!(read_reply(&mut stream).unwrap().status, 200);
    answered(&server);
    assert!(server.running());
    let refusals = |log: &str| log.lines().filter(|l| l.contains("\"GET /portal/active-sessions\" 431 ")).count();
    let deadline = Instant::now() + Duration::from_secs(2);
    while refusals(&server.log()) < 4 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(refusals(&server.log()), 4, "{}", server.log());
}

/// Clients that announce a body and never send it, and clients that never read a large
/// response (many of them pipelined), hold no worker: others are answered within a
/// second, and SIGTERM ends the server within its grace period.
#[test]
fn stalled_clients_block_nobody_and_a_signal_still_stops_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "1", "--seed", "5", "--sessions", "200..=200"]);
    let server = Server::start(&["--workers", "2", "--grace-ms", "1500", fixtures.to_str().unwrap()]);
    let address = server.address();
    let mut stalled: Vec<TcpStream> = Vec::new();
    for i in 0..6 {
        let mut stream = TcpStream::connect(&address).unwrap();
        let method = if i % 2 == 0 { "POST" } else { "GET" };
        let head =
            format!("{method} /portal/active-sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\nabc");
        stream.write_all(head.as_bytes()).unwrap();
        stalled.push(stream);
    }
    // Never reading: 40 pipelined requests for about 1 MB of XML each.
    let pipelined = "GET /portal/active-sessions?format=xml HTTP/1.1\r\nHost: x\r\n\r\n".repeat(40);
    for _ in 0..6 {
        let mut stream = TcpStream::connect(&address).unwrap();
        stream.write_all(pipelined.as_bytes()).unwrap();
        stalled.push(stream);
    }
    // And a head that never ends.
    let mut slow = TcpStream::connect(&address).unwrap();
    slow.write_all(b"GET /portal/active-sessions HTTP/1.1\r\nHost: x\r\n").unwrap();
    stalled.push(slow);
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..5 {
        answered(&server);
    }
    let started = Instant::now();
    let (status, log) = server.stop_with("TERM");
    let took = started.elapsed();
    eprintln!("stopped {took:?} after SIGTERM: {}", log.lines().last().unwrap_or_default());
    assert!(status.success(), "{status:?} {log}");
    assert!(took < Duration::from_millis(3000), "stopped after {took:?}: {log}");
    assert!(log.lines().last().is_some_and(|l| l.starts_with("stopped")), "{log}");
    drop(stalled);
}

/// A header line of many megabytes, never ended: the server refuses it (`431`) once its
/// head cap is reached; its memory stays within tens of megabytes.
#[test]
fn an_endless_header_line_keeps_memory_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&[&small_fixtures(dir.path())]);
    let address = server.address();
    let before = rss_kib(server.pid());
    let senders: Vec<_> = (0..4)
        .map(|_| {
            let address = address.clone();
            std::thread::spawn(move || {
                let mut stream = connect(&address, Duration::from_secs(5));
                let chunk = vec![b'a'; 1 << 20];
                let mut sent = 0usize;
                if stream.write_all(b"GET /portal/active-sessions HTTP/1.1\r\nHost: x\r\nX-Long: ").is_ok() {
                    while sent < 64 << 20 && stream.write_all(&chunk).is_ok() {
                        sent += chunk.len();
                    }
                }
                sent
            })
        })
        .collect();
    let mut peak = before;
    while senders.iter().any(|s| !s.is_finished()) {
        peak = peak.max(rss_kib(server.pid()));
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent: Vec<usize> = senders.into_iter().map(|s| s.join().unwrap()).collect();
    peak = peak.max(rss_kib(server.pid()));
    eprintln!("RSS {before} KiB before, {peak} KiB at the peak; bytes sent before the server closed: {sent:?}");
    assert!(sent.iter().all(|&s| s < 64 << 20), "the server read a whole endless line: {sent:?}");
    assert!(peak < before + 32 * 1024, "RSS {before} KiB before, {peak} KiB at the peak");
    answered(&server);
    assert!(logged(&server, " 431 0 "), "{}", server.log());
}

fn error_code(reply: &raw::Reply) -> Option<String> {
    let content_type = reply.header("content-type").unwrap_or_default();
    let error: ErrorResponse = if content_type.contains("xml") {
        xml::from_slice(&reply.body).unwrap()
    } else {
        json::from_slice(&reply.body).unwrap()
    };
    error.error_code().map(str::to_owned)
}

/// Raw UTF-8, `"`, `<`, `>`, control characters and bytes that are not UTF-8 in the
/// request target, and header values that are not ASCII: `400` with an `ErrorResponse` in
/// the negotiated format, and a log line with the target escaped.
#[test]
fn targets_and_headers_that_are_not_ascii_get_an_error_response() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&[&small_fixtures(dir.path())]);
    let address = server.address();
    let cases: [(&[u8], &[u8], &str, &str); 8] = [
        (
            b"/portal/active-sessions?AccountId=\xe2\x80\xa6",
            b"",
            "json",
            r#""GET /portal/active-sessions?AccountId=\u{2026}" 400 "#,
        ),
        (
            b"/portal/active-sessions?AccountId=\"a\"",
            b"Accept: application/xml\r\n",
            "xml",
            r#""GET /portal/active-sessions?AccountId=\"a\"" 400 "#,
        ),
        (b"/portal/active-sessions?a=<b>", b"", "json", r#""GET /portal/active-sessions?a=<b>" 400 "#),
        (
            b"/portal/<active>-sessions",
            b"Accept: application/xml\r\n",
            "xml",
            r#""GET /portal/<active>-sessions" 400 "#,
        ),
        (
            b"/portal/active-sessions.xml?a=\x1b[31m",
            b"",
            "xml",
            r#""GET /portal/active-sessions.xml?a=\u{1b}[31m" 400 "#,
        ),
        (b"/portal/active-sessions?a=\xff\xfe", b"", "json", r#""GET /portal/active-sessions?a=\xff\xfe" 400 "#),
        (b"/api/AppGetActiveSessions?q=`", b"", "json", r#""GET /api/AppGetActiveSessions?q=`" 400 "#),
        (b"/portal/active-sessions", b"X-Name: caf\xc3\xa9\r\n", "json", r#""GET /portal/active-sessions" 400 "#),
    ];
    for (target, headers, format, expected) in cases {
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(target);
        request.extend_from_slice(b" HTTP/1.1\r\nHost: x\r\n");
        request.extend_from_slice(headers);
        request.extend_from_slice(b"Connection: close\r\n\r\n");
        let shown = String::from_utf8_lossy(target);
        let reply = exchange(&address, &request, SECOND).unwrap_or_else(|e| panic!("{shown}: {e}"));
        assert_eq!(reply.status, 400, "{shown}");
        assert!(reply.header("content-type").unwrap_or_default().contains(format), "{shown}");
        assert_eq!(error_code(&reply).as_deref(), Some("BadRequest"), "{shown}");
        assert!(logged(&server, expected), "{shown}: {expected} not in\n{}", server.log());
    }
    answered(&server);
    let log = server.log();
    assert!(!log.contains('\x1b') && !log.contains('…') && log.is_ascii(), "{log}");
}

/// An HTTP/2.0 request line and the HTTP/2 preface get a `400` and a log line; a request
/// whose lines end with a bare LF is answered.
#[test]
fn http2_request_lines_and_bare_lf_requests_are_answered_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&[&small_fixtures(dir.path())]);
    let address = server.address();
    for (request, status, expected) in [
        (
            &b"GET /portal/active-sessions HTTP/2.0\r\nHost: x\r\n\r\n"[..],
            400,
            "\"GET /portal/active-sessions\" 400 0 ",
        ),
        (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, "\"PRI *\" 400 0 "),
        (
            b"GET /portal/active-sessions?x=1 HTTP/1.1\nHost: x\nConnection: close\n\n",
            200,
            "\"GET /portal/active-sessions?x=1\" 200 ",
        ),
        (b"GET /portal/active-sessions?x=2 HTTP/1.0\n\n", 200, "\"GET /portal/active-sessions?x=2\" 200 "),
    ] {
        let reply = exchange(&address, request, SECOND).unwrap();
        assert_eq!(reply.status, status, "{}", String::from_utf8_lossy(request));
        assert!(logged(&server, expected), "{expected} not in\n{}", server.log());
    }
    answered(&server);
}

/// 200 sequential requests on one keep-alive connection: no request waits for a delayed
/// acknowledgement (p99 under 20 ms).
#[test]
fn keep_alive_requests_do_not_stall() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&[&small_fixtures(dir.path())]);
    let mut stream = connect(&server.address(), SECOND);
    let mut samples = Vec::new();
    for i in 0..200 {
        let started = Instant::now();
        let request = format!("GET /portal/active-sessions?n={i} HTTP/1.1\r\nHost: x\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let reply = read_reply(&mut stream).unwrap();
        samples.push(started.elapsed());
        assert_eq!(reply.status, 200);
        assert_ne!(reply.header("connection"), Some("close"));
    }
    let p99 = raw::percentile(&mut samples, 99);
    assert!(p99 < Duration::from_millis(20), "p99 {p99:?}, max {:?}", samples.last());
}

/// Past `--max-connections`, a connection waits to be accepted, and is answered once
/// another closes.
#[test]
fn connections_past_the_cap_wait_their_turn() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&["--max-connections", "2", &small_fixtures(dir.path())]);
    let address = server.address();
    let keep_alive = b"GET /portal/active-sessions HTTP/1.1\r\nHost: x\r\n\r\n";
    let mut open: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut stream = connect(&address, SECOND);
            stream.write_all(keep_alive).unwrap();
            assert_eq!(read_reply(&mut stream).unwrap().status, 200);
            stream
        })
        .collect();
    let mut waiting = connect(&address, Duration::from_millis(400));
    waiting.write_all(keep_alive).unwrap();
    assert!(read_reply(&mut waiting).is_err(), "answered past the cap");
    drop(open.pop());
    waiting.set_read_timeout(Some(SECOND)).unwrap();
    assert_eq!(read_reply(&mut waiting).unwrap().status, 200);
}

/// More connections than file descriptors: accepting backs off and resumes once
/// connections close; the listener is never lost.
#[test]
fn running_out_of_file_descriptors_backs_off_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = small_fixtures(dir.path());
    let mut command = std::process::Command::new("sh");
    command.current_dir(common::root()).args([
        "-c",
        "ulimit -n 40 && exec \"$0\" \"$@\"",
        env!("CARGO_BIN_EXE_evovoice-contracts"),
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--max-connections",
        "1000",
        &fixtures,
    ]);
    let mut server = Server::spawn(command);
    let address = server.address();
    let crowd: Vec<TcpStream> = (0..80).map(|_| TcpStream::connect(&address).unwrap()).collect();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.log().contains("Too many open files") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(server.log().contains("Too many open files"), "{}", server.log());
    drop(crowd);
    // The connections the crowd left in the queue are accepted and closed first.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match raw::get(&address, SECOND) {
            Ok((200, took)) if took < SECOND => break,
            other => assert!(Instant::now() < deadline, "not answered again: {other:?}\n{}", server.log()),
        }
    }
    assert!(server.running());
    let log = server.log();
    assert!(log.contains("accepting connections again"), "{log}");
    // One line when accepting fails, one when it works again; not one per attempt.
    let episodes = log.matches("Too many open files").count();
    assert!(episodes <= 5 && episodes == log.matches("accepting connections again").count(), "{log}");
}

/// A fixture the server could not answer with (here, a control character that .NET's
/// XML writer refuses), no fixture at all, or a prefix no path can start with: the server
/// does not start (exit 2), and says why.
#[test]
fn bad_fixtures_and_impossible_prefixes_are_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("control.json");
    std::fs::write(&bad, r#"{"sessions":[{"accountId":"a\u0001b"}]}"#).unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let fixtures = small_fixtures(dir.path());
    let bad = bad.to_str().unwrap();
    for (args, expected) in [
        (vec![bad], "control.json: cannot be written as XML (ServiceStack dialect)"),
        (vec![fixtures.as_str(), bad], "control.json: cannot be written as XML"),
        (vec![empty.to_str().unwrap()], "no fixture to serve"),
        (vec!["--prefix", "api", fixtures.as_str()], "it must start with '/'"),
        (vec!["--prefix", "/a b", fixtures.as_str()], "can never match a request path"),
        (vec!["--prefix", "/api?v=1", fixtures.as_str()], "can never match a request path"),
        (vec!["--prefix", "/caf\u{e9}", fixtures.as_str()], "can never match a request path"),
    ] {
        let out = common::command().args(["serve", "--addr", "127.0.0.1:0"]).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}: it listened");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}
