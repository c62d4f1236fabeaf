//! Running `serve` in the background, and asking it things with curl.

use crate::common;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};

/// Whether curl runs. Under CI (`CI=true`) a missing curl fails the test; elsewhere the
/// test says so and passes.
pub fn have_curl() -> bool {
    let works = Command::new("curl").arg("--version").output().is_ok_and(|o| o.status.success());
    if !works {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "curl is needed by this test; CI must install it (.ci/run)"
        );
        eprintln!("skipping: curl does not run here");
    }
    works
}

/// A running `serve`, stopped (SIGTERM, then waited for) when dropped.
pub struct Server {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Server {
    /// Starts `serve --addr 127.0.0.1:0 ARGS…` and waits until it listens.
    pub fn start(args: &[&str]) -> Server {
        let mut child = common::command()
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let Some(url) = line.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            panic!("serve did not start: {line:?} {err}");
        };
        Server { url: url.to_owned(), child: Some(child) }
    }

    /// Sends `signal` (`TERM`, `INT`) and waits: the exit status and everything logged.
    pub fn stop_with(mut self, signal: &str) -> (ExitStatus, String) {
        let mut child = self.child.take().unwrap();
        let status = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let mut log = String::new();
        child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
        (child.wait().unwrap(), log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What curl got: status, content type and body.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// `curl -s ARGS… URL`, the status and content type written after the body.
pub fn curl(url: &str, args: &[&str]) -> Answer {
    let out = Command::new("curl")
        .args(["-s", "-S", "--max-time", "20", "-w", "\n%{http_code}\n%{content_type}"])
        .args(args)
        .arg(url)
        .output()
        .unwrap();
    assert!(out.status.success(), "curl {args:?} {url}: {}", String::from_utf8_lossy(&out.stderr));
    let mut parts = out.stdout.rsplitn(3, |b| *b == b'\n');
    let content_type = String::from_utf8(parts.next().unwrap().to_vec()).unwrap();
    let status = std::str::from_utf8(parts.next().unwrap()).unwrap().parse().unwrap();
    Answer { status, content_type, body: parts.next().unwrap_or_default().to_vec() }
}
