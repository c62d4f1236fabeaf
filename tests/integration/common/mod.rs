//! Helpers shared by the integration tests.

pub mod edits;
pub mod json;
pub mod rewrite;
pub mod tree;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

/// Replaces every enum name the crate does not know with the enum's zero member: .NET
/// cannot read unknown names, so values sent to it must not hold any.
pub fn known_enums_only(value: &mut dyn tree::Tree) {
    value.known_enums_only();
}

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

/// Asserts that `findings` (of `doc`) are exactly one: `code`, at the first `marker`, in
/// `path`; returns it.
#[track_caller]
pub fn single_finding(
    findings: Vec<evovoice_contracts::diagnostic::Finding>,
    doc: &str,
    code: evovoice_contracts::diagnostic::Code,
    marker: &str,
    path: &str,
) -> evovoice_contracts::diagnostic::Finding {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let finding = findings.into_iter().next().unwrap();
    assert_eq!(finding.code(), code, "{finding:?}");
    assert_eq!((finding.line(), finding.column()), position_of(doc, marker), "{finding:?}");
    assert_eq!(finding.path().to_string(), path);
    finding
}
