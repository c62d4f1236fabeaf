//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod rewrite;
pub mod strategies;

use std::path::{Path, PathBuf};

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
