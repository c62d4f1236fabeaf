//! Helpers shared by the command line's tests.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root, where the fixtures are.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the CLI crate sits in the repository").to_path_buf()
}

/// The command line, started in the repository root.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_evovoice-contracts"));
    command.current_dir(root());
    command
}

/// The `.xml` files directly in `fixtures/xml/<dir>`, sorted.
pub fn xml_fixtures(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/xml").join(dir))
        .unwrap_or_else(|e| panic!("fixtures/xml/{dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in fixtures/xml/{dir}");
    files
}

/// Reads a file, panicking with its name.
pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The files under `dir` (relative to the repository root) with extension `ext`, sorted.
pub fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(&root().join(dir), ext, &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Runs the command line with `args`, feeding it `stdin`. The input is written from a
/// thread and a closed pipe is not an error: the tool may answer (a usage error, bad
/// input) before it has read everything.
pub fn run_cli(args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child =
        command().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// What a child run gave, with its peak resident memory.
pub struct Measured {
    /// The exit code, if it exited.
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// The peak resident set size in KiB (`ru_maxrss` of this child alone).
    pub max_rss_kib: i64,
}

/// Runs `command` with stdout and stderr piped (unless already set), killing it and
/// failing the test if it has not ended within `timeout`: a hang fails, never blocks.
// The child is reaped by wait4, which also gives its own peak memory.
#[allow(clippy::zombie_processes)]
pub fn run_with_timeout(command: &mut Command, timeout: std::time::Duration) -> Measured {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut readers = [
        child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
        child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
    ]
    .map(|pipe| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    })
    .into_iter();
    let start = std::time::Instant::now();
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it and `status` for this child only.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is this process's child, not yet reaped.
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(reaped >= 0, "wait4: {}", std::io::Error::last_os_error());
        if reaped == pid {
            break;
        }
        if start.elapsed() > timeout {
            // SAFETY: as above; the child is killed, then reaped.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut usage);
            }
            panic!("{command:?} did not end within {timeout:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let stdout = readers.next().unwrap().join().unwrap();
    let stderr = readers.next().unwrap().join().unwrap();
    let exited = libc::WIFEXITED(status);
    Measured { code: exited.then(|| libc::WEXITSTATUS(status)), stdout, stderr, max_rss_kib: usage.ru_maxrss }
}

/// Whether `program args` runs. Outside CI a missing tool skips the test that needs it
/// (with a note); under `CI=true` it fails the test, since CI must provide it.
pub fn tool_available(program: &str, args: &[&str]) -> bool {
    let works = Command::new(program).args(args).output().is_ok_and(|o| o.status.success());
    if !works {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "`{program} {}` is needed by this test and CI must provide it (see .ci/run)",
            args.join(" ")
        );
        eprintln!("skipping: `{program} {}` does not run here", args.join(" "));
    }
    works
}

/// Writes `bytes` to `dir/name`, creating the directories between.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// stdout and stderr of a run as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}
