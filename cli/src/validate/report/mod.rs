//! The output formats: each reporter is told of every file in order, as soon as it is
//! checked, and writes what it can then (human, json, github) or at the end (sarif,
//! junit, whose output is one document).

mod github;
mod human;
mod json;
mod junit;
mod markdown;
mod sarif;

use evovoice_contracts::validate::{Finding, Severity};
use std::io::{self, Write};
use std::time::Duration;

/// What checking one file gave.
pub struct FileReport {
    /// The name to print (unescaped: each format escapes it its way).
    pub name: String,
    /// The file's path; `None` for stdin.
    pub path: Option<std::path::PathBuf>,
    /// The findings, in document order, or why the file could not be read.
    pub result: Result<Vec<Finding>, String>,
    /// How long reading and checking took.
    pub time: Duration,
}

impl FileReport {
    /// The findings (none for an unreadable file).
    pub fn findings(&self) -> &[Finding] {
        self.result.as_deref().unwrap_or(&[])
    }
}

/// The counts of a run.
#[derive(Default, Clone, Debug)]
pub struct Tally {
    /// Files read and checked.
    pub files: usize,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
    /// Paths that could not be read.
    pub unreadable: usize,
    /// Reading and checking time, all files together.
    pub time: Duration,
}

impl Tally {
    /// Counts a file's report in.
    pub fn add(&mut self, report: &FileReport) {
        self.time += report.time;
        match &report.result {
            Err(_) => self.unreadable += 1,
            Ok(findings) => {
                self.files += 1;
                for finding in findings {
                    match finding.severity() {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                    }
                }
            }
        }
    }

    /// `N files, E errors, W warnings[, U unreadable]`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
        let mut line = format!(
            "{}, {}, {}",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        );
        if self.unreadable > 0 {
            line.push_str(&format!(", {} unreadable", self.unreadable));
        }
        line
    }
}

/// How findings are printed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum OutputFormat {
    /// `file:line:col: error[CODE]: path: message`, as compilers print them.
    Human,
    /// One JSON object per finding and line.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`), and a Markdown
    /// summary of every finding appended to `$GITHUB_STEP_SUMMARY` when it is set.
    Github,
    /// One SARIF 2.1.0 log (for code scanning: GitHub, Azure DevOps, IDEs).
    Sarif,
    /// One JUnit XML report: a test case per file (GitLab, Jenkins, most CI servers).
    Junit,
}

/// A format's writer.
pub trait Reporter {
    /// Writes what there is to write about one file (which may be nothing until the end).
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    /// Writes what is left once every file has been checked.
    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()>;
}

/// What a reporter needs to know of the run.
pub struct Settings {
    /// Whether warnings fail the run.
    pub deny_warnings: bool,
    /// Where to append GitHub's job summary (`$GITHUB_STEP_SUMMARY`).
    pub step_summary: Option<std::path::PathBuf>,
}

/// The reporter of `format`.
pub fn reporter(format: OutputFormat, settings: Settings) -> io::Result<Box<dyn Reporter>> {
    Ok(match format {
        OutputFormat::Human => Box::new(human::Human),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Github => Box::new(github::Github::new(settings.step_summary)?),
        OutputFormat::Sarif => Box::new(sarif::Sarif::default()),
        OutputFormat::Junit => Box::new(junit::Junit::new(settings.deny_warnings)),
    })
}

/// `path: message`, or the message alone for a finding about the root.
pub fn path_and_message(finding: &Finding) -> String {
    if finding.path().is_root() {
        finding.message().to_owned()
    } else {
        format!("{}: {}", finding.path(), finding.message())
    }
}
