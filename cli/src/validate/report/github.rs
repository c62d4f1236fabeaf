//! `--format github`: a workflow command per finding, which GitHub Actions turns into an
//! annotation on the file and line; and, when `$GITHUB_STEP_SUMMARY` names a file, a
//! Markdown table of every finding appended to it, since GitHub shows at most 10 error
//! and 10 warning annotations of a step.

use super::markdown;
use super::{FileReport, Reporter, Tally};
use crate::output::{escape, Appender};
use evovoice_contracts::validate::Severity;
use std::io::{self, Write};
use std::path::PathBuf;

/// The most annotations of each kind (errors, warnings) GitHub shows for one step.
pub const SHOWN_PER_KIND: usize = 10;

/// Writes workflow commands, and the job summary.
pub struct Github {
    /// The job summary's file, and the Markdown to append to it at the end, in one piece.
    summary: Option<(Appender, String)>,
    errors: usize,
    warnings: usize,
    files_with_findings: usize,
}

impl Github {
    /// Appends the job summary to `step_summary`, if set (opened now, written at the end).
    pub fn new(step_summary: Option<PathBuf>) -> io::Result<Github> {
        let summary = match step_summary {
            Some(path) => Some((Appender::open(&path)?, String::from("## evovoice-contracts validate\n\n"))),
            None => None,
        };
        Ok(Github { summary, errors: 0, warnings: 0, files_with_findings: 0 })
    }
}

impl Reporter for Github {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let findings = report.findings();
        for finding in findings {
            let code = finding.code();
            let command = match finding.severity() {
                Severity::Error => {
                    self.errors += 1;
                    "error"
                }
                Severity::Warning => {
                    self.warnings += 1;
                    "warning"
                }
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},title={}::{}",
                escape_property(&report.name),
                finding.line(),
                finding.column(),
                escape_property(&format!("{} {}", code.id(), code.name())),
                escape_data(&super::path_and_message(finding))
            )?;
        }
        if let (Some((_, summary)), false) = (self.summary.as_mut(), findings.is_empty()) {
            self.files_with_findings += 1;
            summary.push_str(&format!("### {}\n\n", markdown::escape(&report.name)));
            summary.push_str("| line | column | code | path | message |\n| ---: | ---: | --- | --- | --- |\n");
            for finding in findings {
                let code = finding.code();
                summary.push_str(&format!(
                    "| {} | {} | {} {} | {} | {} |\n",
                    finding.line(),
                    finding.column(),
                    code.id(),
                    code.name(),
                    markdown::escape(&finding.path().to_string()),
                    markdown::escape(finding.message())
                ));
            }
            summary.push('\n');
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()> {
        let hidden = self.errors.saturating_sub(SHOWN_PER_KIND) + self.warnings.saturating_sub(SHOWN_PER_KIND);
        if hidden > 0 {
            let where_ =
                if self.summary.is_some() { "the job summary lists them all" } else { "the log lists them all" };
            writeln!(
                out,
                "::notice title=evovoice-contracts::{} errors and {} warnings were annotated; GitHub shows {SHOWN_PER_KIND} of each per step, so {hidden} are not shown on the files: {where_}",
                self.errors, self.warnings
            )?;
        }
        if let Some((file, summary)) = self.summary.as_mut() {
            if self.files_with_findings == 0 {
                summary.push_str("No findings.\n\n");
            }
            summary.push_str(&format!("**{}**\n\n", markdown::escape(&tally.summary())));
            file.append(summary.as_bytes())?;
        }
        Ok(())
    }
}

/// Escapes a command's message: GitHub decodes `%25`, `%0D` and `%0A`. Other controls are
/// escaped first, so nothing quoted can end the command.
fn escape_data(text: &str) -> String {
    escape(text).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command's property, where `:` and `,` end the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
