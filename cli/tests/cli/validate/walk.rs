//! The walk: regular files only, symbolic links followed with loops and dangling links
//! reported, paths too long reported, excludes and `.gitignore`, a sorted order.

use crate::common::{self, run_with_timeout, text, write};
use std::time::Duration;

const BAD: &[u8] = br#"{"sessions":[{"ended":"no"}]}"#;
const TIMEOUT: Duration = Duration::from_secs(20);

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_in_a_tree_is_skipped_with_a_note_and_no_hang() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.json", BAD);
    mkfifo(&dir.path().join("b.xml"));
    write(dir.path(), "c.json", b"{}");
    let out = run_with_timeout(common::command().args(["validate", dir.path().to_str().unwrap()]), TIMEOUT);
    assert_eq!(out.code, Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr, format!("note: {}: not a regular file, skipped\n", dir.path().join("b.xml").display()));
    assert!(text(&out.stdout).ends_with("2 files, 1 error, 0 warnings\n"), "{}", text(&out.stdout));
}

#[test]
fn a_fifo_named_on_the_command_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.json");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, BAD).unwrap())
    };
    let out = run_with_timeout(common::command().args(["validate", fifo.to_str().unwrap()]), TIMEOUT);
    writer.join().unwrap();
    assert_eq!(out.code, Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(&format!("{}:1:23: error[E004]: ", fifo.display())), "{stdout}");
}

#[test]
fn links_are_followed_and_loops_and_dangling_links_reported_while_the_walk_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/one.json", BAD);
    write(dir.path(), "z/two.json", b"{}");
    std::os::unix::fs::symlink("..", dir.path().join("a/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.json", dir.path().join("a/dangling.json")).unwrap();
    std::os::unix::fs::symlink("../z", dir.path().join("a/z-link")).unwrap();
    let out = run_with_timeout(common::command().args(["validate", dir.path().to_str().unwrap()]), TIMEOUT);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.code, Some(1), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with(&format!("error: {}: ", dir.path().join("a/dangling.json").display())));
    assert_eq!(
        lines[1],
        format!(
            "error: {}: a symbolic link loop back to {}",
            dir.path().join("a/loop").display(),
            dir.path().display()
        )
    );
    assert!(stdout.ends_with("3 files, 1 error, 0 warnings, 2 unreadable\n"), "{stdout}");
}

#[test]
fn a_path_longer_than_path_max_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // Built one level at a time from inside, as no single path may be this long.
    let script = "for i in $(seq 1 45); do d=$(printf 'd%.0s' $(seq 1 100)); mkdir $d && cd $d || exit 1; done; echo '{}' > deep.json";
    let status = std::process::Command::new("bash").args(["-c", script]).current_dir(dir.path()).status().unwrap();
    assert!(status.success());
    write(dir.path(), "shallow.json", b"{}");
    let out = run_with_timeout(common::command().args(["validate", dir.path().to_str().unwrap()]), TIMEOUT);
    let stderr = text(&out.stderr);
    assert_eq!(out.code, Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("error: {}/ddd", dir.path().display())), "{stderr}");
    assert!(stderr.contains("File name too long"), "{stderr}");
    assert_eq!(text(&out.stdout), "1 file, 0 errors, 0 warnings, 1 unreadable\n");
}

#[test]
fn files_come_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b/2.json", "a.json", "b/1.json", "B.json", "a/z.json", "c.json"] {
        write(dir.path(), name, BAD);
    }
    let out = common::command().args(["validate", "--format", "json", dir.path().to_str().unwrap()]).output().unwrap();
    let files: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["file"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<String> = ["B.json", "a/z.json", "a.json", "b/1.json", "b/2.json", "c.json"]
        .iter()
        .map(|n| dir.path().join(n).display().to_string())
        .collect();
    assert_eq!(files, expected);
}

/// A tree with two truncated files among good and bad ones.
fn tree_with_truncated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.json", BAD);
    write(dir.path(), "good.json", b"{}");
    write(dir.path(), "cut-truncated.xml", b"<AppGetActiveSessionsResult");
    write(dir.path(), "sub/more-truncated.xml", b"<Ap");
    dir
}

#[test]
fn excluded_files_are_left_out_of_every_format_and_the_counts() {
    let dir = tree_with_truncated();
    let path = dir.path().to_str().unwrap();
    let all = common::command().args(["validate", "--format", "json", path]).output().unwrap();
    assert_eq!(text(&all.stderr), "4 files, 3 errors, 0 warnings\n");
    for format in ["human", "json", "github", "sarif", "junit"] {
        let out = common::command()
            .args(["validate", "--format", format, "--exclude", "*-truncated.xml", path])
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .unwrap();
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        assert!(!stdout.contains("truncated"), "{format}: {stdout}");
        let summary =
            if matches!(format, "human" | "github") { stdout.lines().last().unwrap() } else { stderr.trim_end() };
        assert_eq!(summary, "2 files, 1 error, 0 warnings", "{format}");
    }
    // A directory, and a file named on the command line, are excluded as well.
    let out = common::command()
        .args(["validate", "--exclude", "sub/", "--exclude", "bad.json", path, &format!("{path}/bad.json")])
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout).lines().last(), Some("2 files, 1 error, 0 warnings"));
    assert_eq!(common::command().args(["validate", "--exclude", "a{b", path]).output().unwrap().status.code(), Some(2));
}

#[test]
fn gitignore_files_are_honoured_on_request_in_a_git_work_tree() {
    let dir = tree_with_truncated();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), ".gitignore", b"*-truncated.xml\n");
    let path = dir.path().to_str().unwrap();
    let out = common::command().args(["validate", path]).output().unwrap();
    assert_eq!(text(&out.stdout).lines().last(), Some("4 files, 3 errors, 0 warnings"));
    let out = common::command().args(["validate", "--gitignore", path]).output().unwrap();
    assert_eq!(text(&out.stdout).lines().last(), Some("2 files, 1 error, 0 warnings"));
}
