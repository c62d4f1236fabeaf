//! `--format sarif`: a log that passes the OASIS SARIF 2.1.0 schema, a result per finding
//! of `--format json`, a rule per code.

use crate::common::{self, text, write};
use evovoice_contracts::validate::Code;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// A directory of flawed fixtures: the two of `fixtures/invalid`, and more flaws.
fn flawed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["session.json", "session.xml"] {
        write(dir.path(), name, &common::read(&common::root().join("fixtures/invalid").join(name)));
    }
    let seed = std::fs::read_to_string(common::root().join("fixtures/xml/seed-sample.xml")).unwrap();
    write(dir.path(), "truncated.xml", &seed.as_bytes()[..seed.len() / 2]);
    write(dir.path(), "dtd.xml", seed.replacen("?>", "?><!DOCTYPE x>", 1).as_bytes());
    write(dir.path(), "types.json", br#"{"sessions":[{"ended":null,"callState":7,"accountId":[1]}],"extra":1}"#);
    write(dir.path(), "sub dir/not json.json", b"{,}");
    write(dir.path(), "clean.json", b"{}");
    std::os::unix::fs::symlink("nowhere", dir.path().join("gone.json")).unwrap();
    dir
}

/// The SARIF 2.1.0 schema that ships in the source of the serde-sarif crate this build
/// uses (the version in `Cargo.lock`), in Cargo's registry.
fn schema_path() -> PathBuf {
    let lock = std::fs::read_to_string(common::root().join("Cargo.lock")).unwrap();
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"serde-sarif\"\n"))
        .and_then(|p| p.split("version = \"").nth(1)?.split('"').next())
        .expect("serde-sarif in Cargo.lock");
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let registries = std::fs::read_dir(home.join("registry/src")).unwrap();
    registries
        .map(|r| r.unwrap().path().join(format!("serde-sarif-{version}/src/schema.json")))
        .find(|p| p.is_file())
        .expect("the serde-sarif source in Cargo's registry")
}

fn run(format: &str, dir: &std::path::Path) -> std::process::Output {
    common::command().args(["validate", "--format", format]).arg(dir).output().unwrap()
}

#[test]
fn the_log_passes_the_oasis_schema() {
    if !common::tool_available("python3", &["-c", "import jsonschema"]) {
        return;
    }
    let dir = flawed();
    let out = run("sarif", dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let log = dir.path().join("log.sarif");
    std::fs::write(&log, &out.stdout).unwrap();
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        log = json.load(open(sys.argv[2]))\n\
        cls = jsonschema.validators.validator_for(schema)\n\
        cls.check_schema(schema)\n\
        errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log))\n\
        for e in errors: print(e.json_path, e.message)\n\
        sys.exit(1 if errors else 0)\n";
    let check = Command::new("python3").args(["-c", script]).arg(schema_path()).arg(&log).output().unwrap();
    assert!(check.status.success(), "{}{}", text(&check.stdout), text(&check.stderr));
    // A log the schema rejects is caught: the check can fail.
    let mut broken: Value = serde_json::from_slice(&out.stdout).unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    std::fs::write(&log, serde_json::to_vec(&broken).unwrap()).unwrap();
    let check = Command::new("python3").args(["-c", script]).arg(schema_path()).arg(&log).output().unwrap();
    assert!(!check.status.success());
}

#[test]
fn one_result_per_finding_and_a_rule_per_code() {
    let dir = flawed();
    let sarif: Value = serde_json::from_slice(&run("sarif", dir.path()).stdout).unwrap();
    let json = run("json", dir.path());
    let findings: Vec<Value> = text(&json.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "evovoice-contracts");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
    assert_eq!(ids, codes);
    for (rule, code) in rules.iter().zip(Code::ALL) {
        assert_eq!(rule["name"], code.name());
        assert_eq!(rule["defaultConfiguration"]["level"], code.severity().as_str());
        assert!(rule["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains(&code.summary().to_lowercase()));
        assert!(rule["fullDescription"]["text"].as_str().unwrap().contains(code.summary()));
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1);
    let uri = &notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri.as_str(), Some(format!("file://{}/gone.json", dir.path().display()).as_str()));
    let results = run["results"].as_array().unwrap();
    assert!(findings.len() >= 12, "{findings:?}");
    assert_eq!(results.len(), findings.len());
    let root = dir.path().display().to_string();
    for (result, finding) in results.iter().zip(&findings) {
        assert_eq!(result["ruleId"], finding["code"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], finding["code"]);
        assert_eq!(result["level"], finding["severity"]);
        assert_eq!(result["message"]["text"], finding["message"]);
        let location = &result["locations"][0];
        let physical = &location["physicalLocation"];
        let file = finding["file"].as_str().unwrap().strip_prefix(&root).unwrap();
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(uri, format!("file://{root}{}", file.replace(' ', "%20")));
        assert_eq!(physical["region"]["startLine"], finding["line"]);
        assert_eq!(physical["region"]["startColumn"], finding["column"]);
        match finding["path"].as_str().unwrap() {
            "" => assert!(location.get("logicalLocations").is_none()),
            path => assert_eq!(location["logicalLocations"][0]["fullyQualifiedName"], path),
        }
    }
}

#[test]
fn uris_are_relative_to_the_working_directory() {
    let out = common::command().args(["validate", "--format", "sarif", "./fixtures/invalid"]).output().unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris.len(), 9);
    assert_eq!(uris[0], "fixtures/invalid/session.json");
    assert_eq!(uris[8], "fixtures/invalid/session.xml");
}
