//! `--format json`: one JSON object per finding and line (JSON escapes every control
//! character, so no value can break a line).

use super::{FileReport, Reporter, Tally};
use std::io::{self, Write};

/// Writes a JSON object per finding.
pub struct Json;

impl Reporter for Json {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for finding in report.findings() {
            let code = finding.code();
            let object = serde_json::json!({
                "file": report.name,
                "line": finding.line(),
                "column": finding.column(),
                "severity": finding.severity().as_str(),
                "code": code.id(),
                "name": code.name(),
                "path": finding.path().to_string(),
                "message": finding.message(),
            });
            writeln!(out, "{object}")?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write, _: &Tally) -> io::Result<()> {
        Ok(())
    }
}
