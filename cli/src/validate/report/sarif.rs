//! `--format sarif`: one SARIF 2.1.0 log, for code scanning (GitHub's
//! `upload-sarif`, Azure DevOps, IDE viewers). One rule per diagnostic code, one result
//! per finding, located by file, line and column and by member path.

use super::{FileReport, Reporter, Tally};
use evovoice_contracts::validate::{Code, Finding, Severity};
use serde_sarif::sarif;
use std::io::{self, Write};
use std::path::{Component, Path};

/// The URI of the SARIF 2.1.0 schema, as the OASIS standard names it.
const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Gathers the results, and writes the log at the end.
#[derive(Default)]
pub struct Sarif {
    results: Vec<sarif::Result>,
    notifications: Vec<sarif::Notification>,
}

impl Reporter for Sarif {
    fn file(&mut self, _: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let artifact = report.path.as_deref().map(artifact_uri);
        match &report.result {
            Ok(findings) => {
                self.results.extend(findings.iter().map(|f| result(f, artifact.as_deref())));
            }
            Err(why) => {
                let mut notification = sarif::Notification::builder()
                    .level(serde_json::json!("error"))
                    .message(message(format!("{}: {why}", report.name)))
                    .build();
                if let Some(uri) = artifact {
                    let mut location = sarif::Location::builder().build();
                    location.physical_location = Some(physical(uri, None));
                    notification.locations = Some(vec![location]);
                }
                self.notifications.push(notification);
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()> {
        let driver = sarif::ToolComponent::builder()
            .name("evovoice-contracts")
            .full_name(concat!("evovoice-contracts ", env!("CARGO_PKG_VERSION")))
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .information_uri(env!("CARGO_PKG_REPOSITORY"))
            .rules(Code::ALL.iter().map(|&code| rule(code)).collect::<Vec<_>>())
            .build();
        let mut invocation = sarif::Invocation::builder().execution_successful(tally.unreadable == 0).build();
        if !self.notifications.is_empty() {
            invocation.tool_execution_notifications = Some(std::mem::take(&mut self.notifications));
        }
        let run = sarif::Run::builder()
            .tool(sarif::Tool::builder().driver(driver).build())
            .invocations(vec![invocation])
            .results(std::mem::take(&mut self.results))
            .build();
        let log = sarif::Sarif::builder().schema(SCHEMA).version(serde_json::json!("2.1.0")).runs(vec![run]).build();
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        writeln!(out)
    }
}

fn message(text: impl Into<String>) -> sarif::Message {
    sarif::Message::builder().text(text.into()).build()
}

fn text(text: impl Into<String>) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder().text(text.into()).build()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The rule of a code: its id, name, what it is about and what to do.
fn rule(code: Code) -> sarif::ReportingDescriptor {
    let (what, help) = match code.severity() {
        Severity::Error => (
            ".NET (or ServiceStack) rejects a document with this problem",
            "Fix the document so that .NET can read it: the message says what it found and where.",
        ),
        Severity::Warning => (
            ".NET accepts a document with this problem but drops, defaults or changes some of its data",
            "Fix the document so that .NET reads it as meant, or accept the loss: the message says what .NET does with it.",
        ),
    };
    let mut summary = code.summary().to_owned();
    if let Some(first) = summary.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    sarif::ReportingDescriptor::builder()
        .id(code.id())
        .name(code.name())
        .short_description(text(format!("{summary}.")))
        .full_description(text(format!("{} ({}): {}. {what}.", code.id(), code.name(), code.summary())))
        .help(text(help))
        .help_uri(concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/validate.md#codes"))
        .default_configuration(
            sarif::ReportingConfiguration::builder().level(serde_json::json!(level(code.severity()))).build(),
        )
        .build()
}

fn rule_index(code: Code) -> i64 {
    Code::ALL.iter().position(|&c| c == code).unwrap_or(0) as i64
}

fn physical(uri: String, region: Option<sarif::Region>) -> sarif::PhysicalLocation {
    let mut location = sarif::PhysicalLocation::builder()
        .artifact_location(sarif::ArtifactLocation::builder().uri(uri).build())
        .build();
    location.region = region;
    location
}

fn result(finding: &Finding, artifact: Option<&str>) -> sarif::Result {
    let code = finding.code();
    let mut location = sarif::Location::builder().build();
    if let Some(uri) = artifact {
        let region =
            sarif::Region::builder().start_line(finding.line() as i64).start_column(finding.column() as i64).build();
        location.physical_location = Some(physical(uri.to_owned(), Some(region)));
    }
    if !finding.path().is_root() {
        let logical =
            sarif::LogicalLocation::builder().fully_qualified_name(finding.path().to_string()).kind("member").build();
        location.logical_locations = Some(vec![logical]);
    }
    let level = match finding.severity() {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
    };
    sarif::Result::builder()
        .rule_id(code.id())
        .rule_index(rule_index(code))
        .level(level)
        .message(message(finding.message()))
        .locations(vec![location])
        .build()
}

/// The URI of a file: relative to the working directory when it is below it (as code
/// scanning wants), else a `file:` URI; percent-encoded.
pub fn artifact_uri(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = match cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()) {
        Some(inside) => inside,
        None => path,
    };
    let mut uri = String::new();
    if relative.is_absolute() {
        uri.push_str("file://");
    }
    let mut first = true;
    for component in relative.components() {
        let part = match component {
            Component::RootDir => {
                uri.push('/');
                continue;
            }
            Component::CurDir => continue,
            Component::ParentDir => "..".as_bytes().to_vec(),
            Component::Normal(name) => os_bytes(name),
            Component::Prefix(prefix) => os_bytes(prefix.as_os_str()),
        };
        if !first {
            uri.push('/');
        }
        first = false;
        percent_encode(&part, &mut uri);
    }
    uri
}

#[cfg(unix)]
fn os_bytes(name: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    name.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn os_bytes(name: &std::ffi::OsStr) -> Vec<u8> {
    name.to_string_lossy().into_owned().into_bytes()
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn percent_encode(bytes: &[u8], out: &mut String) {
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;
    use std::path::Path;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(artifact_uri(Path::new("./a b/c%.xml")), "a%20b/c%25.xml");
        assert_eq!(artifact_uri(Path::new("/nowhere/x\n.xml")), "file:///nowhere/x%0A.xml");
        let inside = std::env::current_dir().unwrap().join("d/e.json");
        assert_eq!(artifact_uri(&inside), "d/e.json");
    }
}
