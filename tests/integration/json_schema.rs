//! The exported JSON Schema: a valid draft 2020-12 schema that a standard validator
//! (Python's `jsonschema`) checks every JSON fixture against, accepting them all and
//! rejecting documents with problems.

use crate::common;

use common::{files, fixture, replace_once, tool_available};
use evovoice_contracts::schema::{json_schema, response_contracts};
use evovoice_contracts::validate::validate_json;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Checks the schema, then prints `OK` or `FAIL: reason` for each document, one per line.
const CHECK: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
for path in sys.argv[2:]:
    errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
    print("OK" if not errors else "FAIL: " + errors[0].message.replace("\n", " ")[:200])
"#;

/// The verdict of `jsonschema` on each document.
fn check(schema: &Path, documents: &[PathBuf]) -> Vec<String> {
    let out = Command::new("python3").arg("-c").arg(CHECK).arg(schema).args(documents).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect()
}

fn write_schema(dir: &Path) -> PathBuf {
    let path = dir.join("schema.json");
    std::fs::write(&path, json_schema::to_string(&response_contracts())).unwrap();
    path
}

#[test]
fn jsonschema_accepts_every_json_fixture() {
    if !tool_available("python3", &["-c", "import jsonschema"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let schema = write_schema(dir.path());
    let fixtures = files("fixtures/json-validate", "json");
    let verdicts = check(&schema, &fixtures);
    assert_eq!(verdicts.len(), fixtures.len());
    for (path, verdict) in fixtures.iter().zip(&verdicts) {
        assert_eq!(verdict, "OK", "{}", path.display());
    }
}

#[test]
fn jsonschema_rejects_documents_with_problems() {
    if !tool_available("python3", &["-c", "import jsonschema"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let schema = write_schema(dir.path());
    let seed = fixture("fixtures/json-validate/seed-sample.json");
    let mutations = [
        ("bad-enum", "\"callState\":\"Disconnected\"", "\"callState\":\"Paused\""),
        ("enum-number", "\"callState\":\"Disconnected\"", "\"callState\":9"),
        ("bad-bool", "\"ended\":false", "\"ended\":\"yes\""),
        ("null-bool", "\"ended\":false", "\"ended\":null"),
        ("unknown-property", "\"ended\":false", "\"ended\":false,\"colour\":\"red\""),
        ("wrong-type", "\"accountId\":\"String\"", "\"accountId\":5"),
        ("null-item", "\"log\":[", "\"log\":[null,"),
        ("dictionary-value", "{\"String\":\"String\"}", "{\"k\":1}"),
        ("not-an-object", "{\"sessions\":[", "[{\"sessions\":["),
    ];
    let mut documents = Vec::new();
    for (name, from, to) in mutations {
        let mut doc = replace_once(&seed, from, to);
        if name == "not-an-object" {
            doc = format!("{}]", doc.trim_end());
        }
        assert!(!validate_json(doc.as_bytes()).is_empty(), "{name}: the validator finds nothing");
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, doc).unwrap();
        documents.push(path);
    }
    let verdicts = check(&schema, &documents);
    for ((name, _, _), verdict) in mutations.iter().zip(&verdicts) {
        assert!(verdict.starts_with("FAIL"), "{name}: {verdict}");
    }
}
