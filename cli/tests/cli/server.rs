//! Running `serve` in the background, and asking it things with curl.

use crate::common;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};

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

/// A running `serve`, stopped (SIGKILL, then waited for) when dropped. Its stderr is read
/// as it comes (so that a long run never fills the pipe), into [`Server::log`].
pub struct Server {
    child: Option<Child>,
    log: Arc<Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Server {
    /// Starts `serve --addr 127.0.0.1:0 ARGS…` and waits until it listens.
    pub fn start(args: &[&str]) -> Server {
        let mut command = common::command();
        command.args(["serve", "--addr", "127.0.0.1:0"]).args(args);
        Server::spawn(command)
    }

    /// Starts `command` (a `serve` on a free port) and waits until it listens.
    pub fn spawn(mut command: Command) -> Server {
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let Some(url) = line.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            let _ = child.wait();
            let _ = reader.join();
            panic!("serve did not start: {line:?} {}", log.lock().unwrap());
        };
        Server { url: url.to_owned(), child: Some(child), log, reader: Some(reader) }
    }

    /// `127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        self.url.trim_start_matches("http://").to_owned()
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// What it has logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Whether it still runs.
    pub fn running(&mut self) -> bool {
        self.child.as_mut().unwrap().try_wait().unwrap().is_none()
    }

    /// Sends `signal` (`TERM`, `INT`).
    pub fn signal(&self, signal: &str) {
        let pid = self.pid().to_string();
        let status = Command::new("kill").args([&format!("-{signal}"), &pid]).status().unwrap();
        assert!(status.success());
    }

    /// Sends `signal` (`TERM`, `INT`) and waits: the exit status and everything logged.
    pub fn stop_with(mut self, signal: &str) -> (ExitStatus, String) {
        self.signal(signal);
        let status = self.child.take().unwrap().wait().unwrap();
        let _ = self.reader.take().unwrap().join();
        (status, self.log())
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
