//! `generate`: deterministic per seed, what .NET writes for each value, and the JSON of
//! the same values.

use crate::common;
use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::{json, xml};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `generate` into a fresh directory under `parent`.
pub fn generate(parent: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = parent.join(name);
    let result = common::command().arg("generate").args(args).arg("--out").arg(&out).output().unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    out
}

/// The files of `dir`, sorted, with their bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), common::read(&p)))
        .collect();
    files.sort();
    files
}

#[test]
fn the_same_seed_gives_the_same_tree_and_another_seed_another() {
    let dir = tempfile::tempdir().unwrap();
    let a = tree(&generate(dir.path(), "a", &["--count", "30", "--seed", "7"]));
    let b = tree(&generate(dir.path(), "b", &["--count", "30", "--seed", "7"]));
    let c = tree(&generate(dir.path(), "c", &["--count", "30", "--seed", "8"]));
    assert_eq!(a.len(), 30);
    assert_eq!(a.first().unwrap().0, "0000.xml");
    assert_eq!(a.last().unwrap().0, "0029.xml");
    assert!(a == b, "seed 7 gave two different trees");
    assert_eq!(a.iter().map(|f| &f.0).collect::<Vec<_>>(), c.iter().map(|f| &f.0).collect::<Vec<_>>());
    let differing = a.iter().zip(&c).filter(|(x, y)| x.1 != y.1).count();
    assert_eq!(differing, 30, "seeds 7 and 8 gave the same file");
    eprintln!("generate: seed 7 twice identical ({} files), seed 8 differs in {differing} files", a.len());
}

#[test]
fn json_holds_the_same_values_as_xml() {
    let dir = tempfile::tempdir().unwrap();
    let xml_files = tree(&generate(dir.path(), "xml", &["--count", "30", "--seed", "7"]));
    let json_files = tree(&generate(dir.path(), "json", &["--count", "30", "--seed", "7", "--format", "json"]));
    assert_eq!(json_files.len(), 30);
    for ((xml_name, xml_bytes), (json_name, json_bytes)) in xml_files.iter().zip(&json_files) {
        assert_eq!(xml_name.replace(".xml", ".json"), *json_name);
        let from_xml: AppGetActiveSessionsResult = xml::from_slice(xml_bytes).unwrap();
        let from_json: AppGetActiveSessionsResult = json::from_slice(json_bytes).unwrap();
        assert_eq!(from_xml, from_json, "{json_name}");
        // What ServiceStack writes for the value, byte for byte.
        assert_eq!(&json::to_vec_with(&from_xml, &json::JsonOptions::new()).unwrap(), json_bytes, "{json_name}");
        assert!(json_bytes.starts_with(b"{\"sessions\":[{\"dialState\":"));
    }
}

#[test]
fn sessions_per_document_follow_the_range() {
    let dir = tempfile::tempdir().unwrap();
    for (range, expected) in [("3", 3..=3), ("2..4", 2..=3), ("0..=2", 0..=2)] {
        let files = tree(&generate(
            dir.path(),
            &range.replace('.', "_"),
            &["--count", "40", "--seed", "1", "--sessions", range],
        ));
        let counts: Vec<usize> = files
            .iter()
            .map(|(_, bytes)| xml::from_slice::<AppGetActiveSessionsResult>(bytes).unwrap().sessions.unwrap().len())
            .collect();
        assert!(counts.iter().all(|n| expected.contains(n)), "{range}: {counts:?}");
        assert!(expected.clone().all(|n| counts.contains(&n)), "{range}: {counts:?}");
    }
    for bad in ["4..4", "5..2", "x", "1..=100001", "-1"] {
        let out = common::command()
            .args(["generate", "--count", "1", "--seed", "1", "--out"])
            .arg(dir.path().join("bad"))
            .arg(format!("--sessions={bad}"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--sessions"), "{bad}");
    }
    let out = common::command()
        .args(["generate", "--count", "1", "--seed", "1", "--format", "json", "--dialect", "wcf", "--out"])
        .arg(dir.path().join("bad"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Builds the .NET harness, or explains why it cannot: under `CI=true` a missing Mono
/// fails the test.
fn harness() -> Option<PathBuf> {
    let have = |tool: &str| Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success());
    if !have("mcs") || !have("mono") {
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "the .NET check needs Mono in CI (.ci/run)");
        eprintln!("skipping: Mono is not installed");
        return None;
    }
    let exe = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dotnet/harness.exe");
    let status = Command::new("bash").arg(common::root().join("dotnet/build.sh")).arg(&exe).status().unwrap();
    assert!(status.success(), "building the .NET harness failed");
    Some(exe)
}

/// .NET's DataContractSerializer reads each generated file and writes it back: the same
/// bytes, in both dialects.
#[test]
fn every_file_is_what_dotnet_writes() {
    let Some(exe) = harness() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for (dialect, args) in [("servicestack", &[][..]), ("wcf", &["--dialect", "wcf"][..])] {
        let mut all = vec!["--count", "30", "--seed", "7", "--sessions", "1..=8"];
        all.extend_from_slice(args);
        let generated = generate(dir.path(), dialect, &all);
        let back = dir.path().join(format!("{dialect}-back"));
        let out = Command::new("mono").arg(&exe).arg("roundtrip").arg(&generated).arg(&back).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(!back.join("errors").exists(), ".NET could not read or write some files");
        for (name, bytes) in tree(&generated) {
            let written = common::read(&back.join(dialect).join(&name));
            assert!(written == bytes, "{dialect}/{name}: .NET wrote other bytes");
            compared += 1;
        }
    }
    assert_eq!(compared, 60);
    eprintln!("generate: {compared} files, each byte-identical to what .NET writes for it");
}

/// The validator finds nothing to report in generated files, in either format or dialect.
#[test]
fn generated_files_pass_validation_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let trees = [
        generate(dir.path(), "servicestack", &["--count", "10", "--seed", "4"]),
        generate(dir.path(), "wcf", &["--count", "10", "--seed", "4", "--dialect", "wcf"]),
        generate(dir.path(), "json", &["--count", "10", "--seed", "4", "--format", "json"]),
    ];
    let out = common::command().args(["validate", "--deny-warnings"]).args(&trees).output().unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}
