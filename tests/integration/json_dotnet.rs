//! Documents .NET writes that no fixture holds: the C# harness (dotnet/Harness.cs, run
//! with Mono) writes random responses and error responses in both dialects, and each goes
//! XML → JSON → XML back to .NET's bytes (with null dictionary values kept; without them,
//! to the bytes of the value without those entries).
//!
//! Needs Mono, as `dotnet_differential.rs`: under `CI=true` a missing Mono fails the test;
//! elsewhere the test says so and passes.

use crate::common;

use common::json::drop_null_dictionary_values;
use evovoice_contracts::document::Document;
use evovoice_contracts::json::JsonOptions;
use evovoice_contracts::xml::{Dialect, XmlOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

const GENERATED: &str = "500";
const SEED: &str = "4242";

fn harness() -> Option<PathBuf> {
    let have = |tool: &str| Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success());
    if !have("mcs") || !have("mono") {
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "the .NET test needs Mono in CI");
        eprintln!("json through .NET documents: skipped, Mono is not installed");
        return None;
    }
    let exe = Path::new(env!("CARGO_TARGET_TMPDIR")).join("json-dotnet/harness.exe");
    let status = Command::new("bash").arg(common::root().join("dotnet/build.sh")).arg(&exe).status().unwrap();
    assert!(status.success(), "building the .NET harness failed");
    Some(exe)
}

#[test]
fn unseen_dotnet_documents_go_through_json_and_back() {
    let Some(exe) = harness() else { return };
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("json-dotnet/generated");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = Command::new("mono").arg(&exe).args(["generate", GENERATED, SEED]).arg(&out_dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut documents = 0;
    let mut mismatches = Vec::new();
    for (dialect, options) in [("servicestack", XmlOptions::new()), ("wcf", XmlOptions::new().dialect(Dialect::Wcf))] {
        let mut paths: Vec<PathBuf> =
            std::fs::read_dir(out_dir.join(dialect)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            documents += 1;
            let dotnet = common::read(&path);
            let document = Document::from_xml(&dotnet).unwrap();
            let kept = document.to_json(&JsonOptions::new().keep_null_dictionary_values(true)).unwrap();
            let back = Document::from_json_as(&kept, document.kind()).unwrap();
            if back.to_xml(&options).unwrap() != dotnet {
                mismatches.push(format!("{} (null dictionary values kept)", path.display()));
            }
            let dropped = document.to_json(&JsonOptions::new()).unwrap();
            let back = Document::from_json_as(&dropped, document.kind()).unwrap();
            let mut expected = document.clone();
            if let Document::AppGetActiveSessionsResult(v) = &mut expected {
                drop_null_dictionary_values(v);
            }
            if let Document::ErrorResponse(v) = &mut expected {
                drop_null_dictionary_values(v);
            }
            if back.to_xml(&options).unwrap() != expected.to_xml(&options).unwrap() {
                mismatches.push(format!("{} (ServiceStack's defaults)", path.display()));
            }
        }
    }
    eprintln!("json through .NET documents: {documents} documents, {} mismatches", mismatches.len());
    assert!(documents >= 1000, "the harness wrote {documents} documents");
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
