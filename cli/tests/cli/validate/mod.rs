//! The `validate` and `schema` commands: output formats, summary, exit codes.

mod bounded;
mod escaping;
mod github;
mod junit;
mod order;
mod sarif;
mod walk;

use crate::common;

use evovoice_contracts::schema::{json_schema, operation_contracts, response_contracts, xsd};
use std::process::Output;

fn cli(args: &[&str]) -> Output {
    common::command().args(args).output().unwrap()
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    common::run_cli(args, input)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn clean_fixtures_exit_zero_with_a_summary() {
    let count = common::files("fixtures/xml", "xml").len() + common::files("fixtures/json-validate", "json").len();
    let out = cli(&["validate", "fixtures/xml", "fixtures/json-validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), format!("{count} files, 0 errors, 0 warnings\n"));
}

#[test]
fn human_output_names_file_line_column_code_and_path() {
    let out = cli(&["validate", "fixtures/invalid/session.xml"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(
        &"fixtures/invalid/session.xml:25:7: error[E004]: Sessions[0].Ended: invalid boolean 'False': expected true, false, 1 or 0; .NET fails"
    ));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("fixtures/invalid/session.xml:26:7: warning[W003]: Sessions[0].AccountName: ")));
    assert_eq!(lines.last(), Some(&"1 file, 2 errors, 4 warnings"));
}

#[test]
fn json_output_is_one_object_per_finding() {
    let out = cli(&["validate", "--format", "json", "fixtures/invalid"]);
    assert_eq!(out.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(findings.len(), 9);
    let first = &findings[0];
    assert_eq!(first["file"], "fixtures/invalid/session.json");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(7), Some(16)));
    assert_eq!((first["severity"].as_str(), first["code"].as_str()), (Some("error"), Some("E004")));
    assert_eq!((first["name"].as_str(), first["path"].as_str()), (Some("invalid-boolean"), Some("Sessions[0].Ended")));
    assert!(first["message"].as_str().unwrap().contains("'no'"));
    // The summary goes to stderr, so that stdout stays JSON.
    assert_eq!(stderr(&out), "2 files, 3 errors, 6 warnings\n");
}

#[test]
fn github_output_is_workflow_commands() {
    let out = cli(&["validate", "--format", "github", "fixtures/invalid/session.json"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=fixtures/invalid/session.json,line=7,col=16,title=E004 invalid-boolean::Sessions[0].Ended: invalid boolean 'no': ServiceStack reads true, false, 1, 0, t, f, y, n, on and off"
    );
    assert!(lines[1]
        .starts_with("::warning file=fixtures/invalid/session.json,line=8,col=20,title=W006 unknown-enum-name::"));
    assert_eq!(lines.last(), Some(&"1 file, 1 error, 2 warnings"));
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = tempfile::tempdir().unwrap();
    let doc = std::fs::read_to_string(common::root().join("fixtures/xml/seed-sample.xml"))
        .unwrap()
        .replace("<d2p1:Ended>", "<d2p1:Extra /><d2p1:Ended>");
    let path = dir.path().join("warning.xml");
    std::fs::write(&path, doc).unwrap();
    let path = path.to_str().unwrap();
    let out = cli(&["validate", path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).ends_with("1 file, 0 errors, 1 warning\n"));
    assert_eq!(cli(&["validate", "--deny-warnings", path]).status.code(), Some(1));
}

#[test]
fn stdin_is_read_for_a_dash() {
    let out = with_stdin(&["validate", "-"], br#"{"sessions":[{"ended":"no"}]}"#);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("<stdin>:1:23: error[E004]: Sessions[0].Ended: "), "{}", stdout(&out));
    let xml = std::fs::read(common::root().join("fixtures/xml/seed-sample.xml")).unwrap();
    let out = with_stdin(&["validate", "-"], &xml);
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), "1 file, 0 errors, 0 warnings\n".into()));
}

#[test]
fn directories_are_walked_for_xml_and_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::write(dir.path().join("a/b/one.XML"), "<oops").unwrap();
    std::fs::write(dir.path().join("a/two.json"), "{}").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "<not checked").unwrap();
    let out = cli(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("one.XML:1:1: error[E001]: "), "{text}");
    assert!(text.ends_with("2 files, 1 error, 0 warnings\n"), "{text}");
}

#[test]
fn an_unreadable_path_fails_the_run_and_the_others_are_still_checked() {
    let out = cli(&["validate", "fixtures/xml/seed-sample.xml", "no/such/file.xml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: no/such/file.xml: No such file or directory (os error 2)\n");
    assert_eq!(stdout(&out), "1 file, 0 errors, 0 warnings, 1 unreadable\n");
}

#[test]
fn nothing_readable_and_bad_usage_exit_two() {
    let out = cli(&["validate", "no/such/file.xml", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "0 files, 0 errors, 0 warnings, 2 unreadable\n");
    assert_eq!(cli(&["validate"]).status.code(), Some(2));
    assert_eq!(cli(&["validate", "--format", "xml", "fixtures/xml"]).status.code(), Some(2));
    assert_eq!(cli(&["validate", "--root", "Nothing", "fixtures/xml"]).status.code(), Some(2));
    assert_eq!(cli(&["schema"]).status.code(), Some(2));
}

#[test]
fn a_root_can_be_required() {
    let out = cli(&[
        "validate",
        "--root",
        "AppGetActiveSessionsResult",
        "fixtures/xml/edges/error-response.servicestack.xml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[E003]"));
}

#[test]
fn schema_writes_the_xsd_and_the_json_schema() {
    let dir = tempfile::tempdir().unwrap();
    let xsd_dir = dir.path().join("xsd");
    let json = dir.path().join("schema.json");
    let out = cli(&["schema", "--xsd", xsd_dir.to_str().unwrap(), "--json-schema", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for file in xsd::files(&operation_contracts()) {
        assert_eq!(std::fs::read_to_string(xsd_dir.join(&file.file_name)).unwrap(), file.text);
    }
    assert_eq!(std::fs::read_to_string(&json).unwrap(), json_schema::to_string(&response_contracts()));
    let out = cli(&["schema", "--json-schema", "-"]);
    assert_eq!(stdout(&out), json_schema::to_string(&response_contracts()));
}

#[test]
fn output_goes_to_a_file_in_every_format_and_the_summary_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["human", "json", "github", "sarif", "junit"] {
        let file = dir.path().join(format!("out.{format}"));
        let to_file = common::command()
            .args(["validate", "--format", format, "--output", file.to_str().unwrap(), "fixtures/invalid"])
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .unwrap();
        assert_eq!(to_file.status.code(), Some(1), "{format}");
        assert_eq!((stdout(&to_file), stderr(&to_file)), (String::new(), "2 files, 3 errors, 6 warnings\n".into()));
        let to_stdout = common::command()
            .args(["validate", "--format", format, "fixtures/invalid"])
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .unwrap();
        let mut expected = stdout(&to_stdout);
        if matches!(format, "human" | "github") {
            expected = expected.strip_suffix("2 files, 3 errors, 6 warnings\n").unwrap().to_owned();
        }
        let written = std::fs::read_to_string(&file).unwrap();
        if format == "junit" {
            assert_eq!(written.matches("<testcase ").count(), 2);
        } else {
            assert_eq!(written, expected, "{format}");
        }
    }
    let out = cli(&["validate", "--output", "/no/such/dir/out.txt", "fixtures/invalid"]);
    assert_eq!(out.status.code(), Some(2));
}
