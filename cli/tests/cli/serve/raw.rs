//! A minimal HTTP/1.1 client over a TCP stream, for the tests that need bytes curl will
//! not send, or one connection kept for many requests.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A response: status, headers (lowercased names) and body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A connection to `address` whose reads give up after `timeout`.
pub fn connect(address: &str, timeout: Duration) -> TcpStream {
    let stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(timeout)).unwrap();
    stream.set_write_timeout(Some(timeout)).unwrap();
    stream
}

/// Reads one response (its body by `Content-Length`, or to the end of the stream).
pub fn read_reply(stream: &mut TcpStream) -> std::io::Result<Reply> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte)? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed before a response"));
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length = headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse::<usize>().ok());
    let body = match length {
        Some(length) => {
            let mut body = vec![0; length];
            stream.read_exact(&mut body)?;
            body
        }
        None => {
            let mut body = Vec::new();
            stream.read_to_end(&mut body)?;
            body
        }
    };
    Ok(Reply { status, headers, body })
}

/// Sends `request` (raw bytes) on a new connection and reads the response.
pub fn exchange(address: &str, request: &[u8], timeout: Duration) -> std::io::Result<Reply> {
    let mut stream = connect(address, timeout);
    stream.write_all(request)?;
    read_reply(&mut stream)
}

/// `GET /portal/active-sessions` on a new connection: the status and how long it took.
pub fn get(address: &str, timeout: Duration) -> std::io::Result<(u16, Duration)> {
    let started = Instant::now();
    let reply =
        exchange(address, b"GET /portal/active-sessions HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", timeout)?;
    Ok((reply.status, started.elapsed()))
}

/// The `p`th percentile (0 to 100) of `samples`, which it sorts.
pub fn percentile(samples: &mut [Duration], p: usize) -> Duration {
    samples.sort();
    let index = (samples.len() * p).div_ceil(100).saturating_sub(1);
    samples[index.min(samples.len() - 1)]
}

/// The resident memory of process `pid`, in KiB.
pub fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}
