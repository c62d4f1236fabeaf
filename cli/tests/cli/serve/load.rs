//! Load: 5,000 sequential requests on one keep-alive connection, then 500 concurrent
//! clients, each on a connection of its own; no errors. Latencies are printed (run with
//! `--nocapture` to see them). With `SERVE_LOAD_ADDR=HOST:PORT`, the load goes to a server
//! started by hand (a release build, say) instead of one the test starts.

use super::raw::{connect, percentile, read_reply};
use crate::generate::generate;
use crate::server::Server;
use std::io::Write;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

fn report(name: &str, samples: &mut [Duration], errors: usize, took: Duration) {
    let p50 = percentile(samples, 50);
    let p99 = percentile(samples, 99);
    let max = samples.last().copied().unwrap_or_default();
    eprintln!(
        "load: {name}: {} requests, {errors} errors in {:.2} s; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        samples.len() + errors,
        took.as_secs_f64(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
}

#[test]
fn load_5000_sequential_and_500_concurrent_requests_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = generate(dir.path(), "xml", &["--count", "1", "--seed", "3"]);
    let server = match std::env::var("SERVE_LOAD_ADDR") {
        Ok(_) => None,
        Err(_) => Some(Server::start(&[fixtures.to_str().unwrap()])),
    };
    let address = server.as_ref().map_or_else(|| std::env::var("SERVE_LOAD_ADDR").unwrap(), Server::address);

    let started = Instant::now();
    let mut stream = connect(&address, Duration::from_secs(10));
    let mut samples = Vec::with_capacity(5000);
    let mut errors = 0;
    for i in 0..5000 {
        let at = Instant::now();
        let request = format!("GET /portal/active-sessions?n={i} HTTP/1.1\r\nHost: load\r\n\r\n");
        match stream.write_all(request.as_bytes()).and_then(|()| read_reply(&mut stream)) {
            Ok(reply) if reply.status == 200 => samples.push(at.elapsed()),
            _ => {
                errors += 1;
                stream = connect(&address, Duration::from_secs(10));
            }
        }
    }
    report("sequential, one keep-alive connection", &mut samples, errors, started.elapsed());
    assert_eq!(errors, 0);

    let clients = 500;
    let barrier = Arc::new(Barrier::new(clients));
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|i| {
            let (address, barrier) = (address.clone(), Arc::clone(&barrier));
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    barrier.wait();
                    let at = Instant::now();
                    let mut stream = connect(&address, Duration::from_secs(30));
                    let request = format!(
                        "GET /portal/active-sessions?n={i} HTTP/1.1\r\nHost: load\r\nConnection: close\r\n\r\n"
                    );
                    stream.write_all(request.as_bytes())?;
                    let reply = read_reply(&mut stream)?;
                    Ok::<_, std::io::Error>((reply.status, at.elapsed()))
                })
                .unwrap()
        })
        .collect();
    let mut samples = Vec::with_capacity(clients);
    let mut errors = 0;
    for thread in threads {
        match thread.join().unwrap() {
            Ok((200, took)) => samples.push(took),
            _ => errors += 1,
        }
    }
    report("500 concurrent clients, a connection each", &mut samples, errors, started.elapsed());
    assert_eq!(errors, 0, "{}", server.as_ref().map(Server::log).unwrap_or_default());
}
