//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The files under `dir` (relative to the crate) with extension `ext`, sorted.
pub fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), ext, &mut out);
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

/// The text of a fixture, relative to the crate.
pub fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The 1-based line and column (in characters) where `marker` first occurs in `doc`.
pub fn position_of(doc: &str, marker: &str) -> (usize, usize) {
    let offset = doc.find(marker).unwrap_or_else(|| panic!("{marker:?} not in the document"));
    let before = &doc[..offset];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[line_start..].chars().count())
}

/// Replaces the first occurrence of `from`, which must be there.
pub fn replace_once(doc: &str, from: &str, to: &str) -> String {
    assert!(doc.contains(from), "{from:?} not in the document");
    doc.replacen(from, to, 1)
}

/// Whether an external tool works (`program args…` exits 0). Under CI (`CI=true`) a
/// missing tool fails the test; elsewhere the caller skips, with a message.
pub fn tool_available(program: &str, args: &[&str]) -> bool {
    let works = Command::new(program).args(args).output().is_ok_and(|o| o.status.success());
    if !works {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "`{program}` is needed by this test and CI must provide it (see .ci/run)"
        );
        eprintln!("skipping: `{program} {}` does not run here", args.join(" "));
    }
    works
}
