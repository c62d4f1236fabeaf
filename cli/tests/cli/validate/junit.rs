//! `--format junit`: a test case per file, a failure per file with errors that lists its
//! findings, warnings in `system-out` (or failures under `--deny-warnings`).

use crate::common::{self, text, write};
use quick_junit::{NonSuccessKind, Report, TestCaseStatus};

fn report(args: &[&str]) -> (Option<i32>, Report) {
    let out = common::command().arg("validate").args(args).output().unwrap();
    let xml = text(&out.stdout);
    assert!(xml.starts_with("<?xml") && xml.matches("<testsuites").count() == 1, "{xml}");
    (out.status.code(), Report::deserialize_from_str(&xml).unwrap())
}

/// Files with errors, with warnings only, clean, and unreadable.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-errors.json", br#"{"sessions":[{"ended":"no","colour":1}]}"#);
    write(dir.path(), "b-warning.json", br#"{"sessions":[{"colour":1}]}"#);
    write(dir.path(), "c-clean.json", b"{}");
    std::os::unix::fs::symlink("nowhere", dir.path().join("d-dangling.json")).unwrap();
    dir
}

fn status(report: &Report, index: usize) -> &TestCaseStatus {
    &report.test_suites[0].test_cases[index].status
}

#[test]
fn a_test_case_per_file_and_a_failure_per_file_with_errors() {
    let dir = tree();
    let (code, report) = report(&["--format", "junit", dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert_eq!(report.test_suites.len(), 1);
    let suite = &report.test_suites[0];
    let names: Vec<&str> = suite.test_cases.iter().map(|c| c.name.as_str()).collect();
    let expected: Vec<String> = ["a-errors.json", "b-warning.json", "c-clean.json", "d-dangling.json"]
        .iter()
        .map(|n| dir.path().join(n).display().to_string())
        .collect();
    assert_eq!(names, expected);
    assert_eq!((report.tests, report.failures, report.errors), (4, 1, 1));
    assert_eq!((suite.tests, suite.failures, suite.errors), (4, 1, 1));
    assert!(report.time.is_some() && suite.test_cases.iter().all(|c| c.time.is_some()));
    let TestCaseStatus::NonSuccess { kind: NonSuccessKind::Failure, message, description, .. } = status(&report, 0)
    else {
        panic!("{:?}", status(&report, 0));
    };
    assert_eq!(message.as_ref().unwrap().as_str(), "1 error and 1 warning");
    let description = description.as_ref().unwrap().as_str();
    assert!(description.starts_with("1:23: error[E004]: Sessions[0].Ended: "), "{description}");
    assert_eq!(description.lines().count(), 1, "{description}");
    let warnings = suite.test_cases[0].system_out.as_ref().unwrap().as_str();
    assert!(warnings.starts_with("1:28: warning[W001]: Sessions[0]: 'colour'"), "{warnings}");
    assert!(matches!(status(&report, 1), TestCaseStatus::Success { .. }));
    assert!(suite.test_cases[1].system_out.as_ref().unwrap().as_str().contains("warning[W001]"));
    assert!(matches!(status(&report, 2), TestCaseStatus::Success { .. }) && suite.test_cases[2].system_out.is_none());
    assert!(matches!(status(&report, 3), TestCaseStatus::NonSuccess { kind: NonSuccessKind::Error, .. }));
}

#[test]
fn warnings_fail_under_deny_warnings() {
    let dir = tree();
    let (_, report) = report(&["--format", "junit", "--deny-warnings", dir.path().to_str().unwrap()]);
    assert_eq!((report.tests, report.failures, report.errors), (4, 2, 1));
    let TestCaseStatus::NonSuccess { description, .. } = status(&report, 1) else { panic!() };
    assert!(description.as_ref().unwrap().as_str().starts_with("1:15: warning[W001]: "));
    assert!(report.test_suites[0].test_cases[1].system_out.is_none());
}
