//! Every command when it cannot write: stdout or stderr on a full device ends the run with
//! status 2 (never a panic, whose status is 101), a closed pipe on stdout ends it quietly
//! by SIGPIPE, as it ends other Unix tools.

use crate::common::{self, text};
use std::process::Stdio;

fn full() -> Stdio {
    Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
}

/// Runs with stdout on /dev/full, stderr piped.
fn stdout_full(args: &[&str]) -> std::process::Output {
    common::command().args(args).stdout(full()).stderr(Stdio::piped()).output().unwrap()
}

/// Runs with stderr on /dev/full, stdout piped.
fn stderr_full(args: &[&str]) -> std::process::Output {
    common::command().args(args).stdout(Stdio::piped()).stderr(full()).output().unwrap()
}

const COMMANDS: [&[&str]; 7] = [
    &["--help"],
    &["validate", "fixtures/invalid"],
    &["validate", "--format", "sarif", "fixtures/invalid"],
    &["validate", "--format", "junit", "fixtures/invalid"],
    &["validate", "--format", "json", "fixtures/invalid"],
    &["convert", "fixtures/xml/seed-sample.xml"],
    &["schema", "--json-schema", "-"],
];

#[test]
fn stdout_on_a_full_device_is_status_two_with_a_message() {
    for args in COMMANDS {
        let out = stdout_full(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: writing the output: No space left on device"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn stderr_on_a_full_device_is_status_two_when_stderr_was_needed() {
    // The summary of json, SARIF and JUnit goes to stderr.
    for format in ["json", "sarif", "junit"] {
        let out = stderr_full(&["validate", "--format", format, "fixtures/xml/seed-sample.xml"]);
        assert_eq!(out.status.code(), Some(2), "{format}");
    }
    // Error messages are lost, and the status says what happened.
    assert_eq!(stderr_full(&["validate", "no/such/file.xml"]).status.code(), Some(2));
    assert_eq!(stderr_full(&["convert", "no/such/file.xml"]).status.code(), Some(2));
    assert_eq!(stderr_full(&["convert", "fixtures/invalid/session.xml"]).status.code(), Some(1));
    // Nothing to say on stderr: the run goes as usual.
    let out = stderr_full(&["validate", "fixtures/invalid"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).ends_with("2 files, 3 errors, 6 warnings\n"));
}

#[test]
fn a_closed_pipe_on_stdout_ends_quietly_by_sigpipe() {
    use std::os::unix::process::ExitStatusExt;
    for args in COMMANDS {
        let out = common::command().args(args).stdout(closed_pipe()).stderr(Stdio::piped()).output().unwrap();
        assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{args:?}: {:?}", out.status);
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

/// The writing end of a pipe whose reading end is already closed: every write to it fails
/// (or raises SIGPIPE), from the first.
fn closed_pipe() -> Stdio {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    // SAFETY: both descriptors were just created and are owned here alone.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    Stdio::from(write)
}
