//! `--format human`: `file:line:col: error[CODE]: path: message`, as compilers print them.

use super::{FileReport, Reporter, Tally};
use crate::output::escape;
use std::io::{self, Write};

/// Writes a line per finding.
pub struct Human;

impl Reporter for Human {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let name = escape(&report.name);
        for finding in report.findings() {
            let code = finding.code();
            let text = super::path_and_message(finding);
            writeln!(
                out,
                "{name}:{}:{}: {}[{}]: {}",
                finding.line(),
                finding.column(),
                finding.severity(),
                code.id(),
                escape(&text)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write, _: &Tally) -> io::Result<()> {
        Ok(())
    }
}
