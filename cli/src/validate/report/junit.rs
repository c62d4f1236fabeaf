//! `--format junit`: one JUnit XML report, for CI servers that show test results (GitLab's
//! `artifacts:reports:junit`, Jenkins, Azure). One test suite per run, one test case per
//! file; a file with errors fails (with warnings too under `--deny-warnings`), its
//! message listing the file's findings; warnings of a passing file are in its
//! `system-out`. A file that cannot be read is a test case in error.

use super::{FileReport, Reporter, Tally};
use crate::output::escape;
use evovoice_contracts::validate::{Finding, Severity};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::io::{self, Write};

/// Gathers a test case per file, and writes the report at the end.
pub struct Junit {
    suite: TestSuite,
    deny_warnings: bool,
}

impl Junit {
    /// A report where warnings fail files if `deny_warnings`.
    pub fn new(deny_warnings: bool) -> Junit {
        Junit { suite: TestSuite::new("evovoice-contracts validate"), deny_warnings }
    }
}

/// `line:column: severity[CODE]: path: message`, a line per finding.
fn listing<'a>(findings: impl Iterator<Item = &'a Finding>) -> String {
    findings
        .map(|f| {
            let text = super::path_and_message(f);
            format!("{}:{}: {}[{}]: {}\n", f.line(), f.column(), f.severity(), f.code().id(), escape(&text))
        })
        .collect()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Reporter for Junit {
    fn file(&mut self, _: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let name = escape(&report.name).into_owned();
        let mut case = match &report.result {
            Err(why) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(format!("cannot be read: {}", escape(why))).set_type("unreadable");
                TestCase::new(name, status)
            }
            Ok(findings) => {
                let errors = findings.iter().filter(|f| f.severity() == Severity::Error).count();
                let warnings = findings.len() - errors;
                let fails = errors > 0 || (self.deny_warnings && warnings > 0);
                let failing: Vec<&Finding> = if self.deny_warnings {
                    findings.iter().collect()
                } else {
                    findings.iter().filter(|f| f.severity() == Severity::Error).collect()
                };
                let mut case = if fails {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status
                        .set_message(format!("{} and {}", plural(errors, "error"), plural(warnings, "warning")))
                        .set_type(if errors > 0 { "error" } else { "warning" })
                        .set_description(listing(failing.iter().copied()));
                    TestCase::new(name, status)
                } else {
                    TestCase::new(name, TestCaseStatus::success())
                };
                if !self.deny_warnings && warnings > 0 {
                    case.set_system_out(listing(findings.iter().filter(|f| f.severity() == Severity::Warning)));
                }
                case
            }
        };
        case.set_classname("validate").set_time(report.time);
        self.suite.add_test_case(case);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()> {
        self.suite.set_time(tally.time);
        let mut report = Report::new("evovoice-contracts");
        report.set_time(tally.time);
        report.add_test_suite(std::mem::replace(&mut self.suite, TestSuite::new("")));
        report.serialize(&mut *out).map_err(io::Error::other)?;
        writeln!(out)
    }
}
