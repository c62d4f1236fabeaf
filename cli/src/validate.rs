//! `validate`: report every problem in every document, for people, tools and CI.

use crate::Outcome;
use evovoice_contracts::document::DocumentKind;
use evovoice_contracts::format::Format;
use evovoice_contracts::validate::{validate_with, Finding, Severity, ValidateOptions};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// How findings are printed.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// `file:line:col: error[CODE]: path: message`, as compilers print them.
    Human,
    /// One JSON object per finding and line; the summary goes to stderr.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    Github,
}

#[derive(clap::Args)]
pub struct Args {
    /// Files to check, directories to search recursively for `.xml` and `.json` files, or
    /// `-` for stdin. A file's format comes from its extension, else from its first
    /// character.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// The contract every document must be (`AppGetActiveSessionsResult`, `ErrorResponse`…);
    /// by default the one an XML root names, or the best match of a JSON object.
    #[arg(long, value_name = "CONTRACT")]
    root: Option<String>,
}

/// One input: where it came from, for messages.
enum Source {
    File(PathBuf),
    Stdin,
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "<stdin>".into(),
        }
    }
}

#[derive(Default)]
struct Tally {
    files: usize,
    errors: usize,
    warnings: usize,
    unreadable: usize,
}

pub fn run(args: Args) -> Outcome {
    let mut options = ValidateOptions::new();
    if let Some(name) = &args.root {
        match name.parse::<DocumentKind>() {
            Ok(kind) => options = options.root(kind),
            Err(e) => {
                eprintln!("error: {}", e.message());
                return Outcome::BadUsage;
            }
        }
    }
    let mut tally = Tally::default();
    let mut sources = Vec::new();
    for path in &args.paths {
        if let Err(message) = collect(path, &mut sources) {
            eprintln!("error: {message}");
            tally.unreadable += 1;
        }
    }
    let mut stdout = std::io::stdout().lock();
    for source in &sources {
        let name = source.name();
        let bytes = match read(source) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: {name}: {e}");
                tally.unreadable += 1;
                continue;
            }
        };
        let format = match source {
            Source::File(path) => Format::from_path(path),
            Source::Stdin => None,
        }
        .unwrap_or_else(|| Format::sniff(&bytes));
        tally.files += 1;
        for finding in validate_with(&bytes, format, &options) {
            match finding.severity() {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
            }
            let line = match args.format {
                OutputFormat::Human => human(&name, &finding),
                OutputFormat::Json => json(&name, &finding),
                OutputFormat::Github => github(&name, &finding),
            };
            if writeln!(stdout, "{line}").is_err() {
                return Outcome::BadUsage;
            }
        }
    }
    let summary = summary(&tally);
    if args.format == OutputFormat::Json {
        eprintln!("{summary}");
    } else {
        let _ = writeln!(stdout, "{summary}");
    }
    let _ = stdout.flush();
    if tally.unreadable > 0 {
        Outcome::BadUsage
    } else if tally.errors > 0 || (args.deny_warnings && tally.warnings > 0) {
        Outcome::BadInput
    } else {
        Outcome::Success
    }
}

/// Adds the documents `path` names: itself, or the `.xml` and `.json` files under it.
fn collect(path: &Path, sources: &mut Vec<Source>) -> Result<(), String> {
    if path == Path::new("-") {
        sources.push(Source::Stdin);
        return Ok(());
    }
    let metadata = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !metadata.is_dir() {
        sources.push(Source::File(path.to_owned()));
        return Ok(());
    }
    let mut entries = std::fs::read_dir(path)
        .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    entries.sort();
    for entry in entries {
        // Symbolic links to directories are not followed, so that a loop cannot trap the walk.
        let is_link = std::fs::symlink_metadata(&entry).map(|m| m.file_type().is_symlink()).unwrap_or(false);
        if entry.is_dir() {
            if !is_link {
                collect(&entry, sources)?;
            }
        } else if Format::from_path(&entry).is_some() {
            sources.push(Source::File(entry));
        }
    }
    Ok(())
}

fn read(source: &Source) -> std::io::Result<Vec<u8>> {
    match source {
        Source::File(path) => std::fs::read(path),
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            Ok(bytes)
        }
    }
}

fn human(name: &str, finding: &Finding) -> String {
    let code = finding.code();
    let mut line = format!("{name}:{}:{}: {}[{}]: ", finding.line(), finding.column(), finding.severity(), code.id());
    if !finding.path().is_root() {
        let _ = write!(line, "{}: ", finding.path());
    }
    line.push_str(finding.message());
    line
}

fn json(name: &str, finding: &Finding) -> String {
    let code = finding.code();
    serde_json::json!({
        "file": name,
        "line": finding.line(),
        "column": finding.column(),
        "severity": finding.severity().as_str(),
        "code": code.id(),
        "name": code.name(),
        "path": finding.path().to_string(),
        "message": finding.message(),
    })
    .to_string()
}

/// A workflow command; see GitHub's "Workflow commands for GitHub Actions".
fn github(name: &str, finding: &Finding) -> String {
    let code = finding.code();
    let command = match finding.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = String::new();
    if !finding.path().is_root() {
        let _ = write!(message, "{}: ", finding.path());
    }
    message.push_str(finding.message());
    format!(
        "::{command} file={},line={},col={},title={}::{}",
        escape_property(name),
        finding.line(),
        finding.column(),
        escape_property(&format!("{} {}", code.id(), code.name())),
        escape_data(&message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn summary(tally: &Tally) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    let mut line = format!(
        "{}, {}, {}",
        plural(tally.files, "file"),
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning")
    );
    if tally.unreadable > 0 {
        let _ = write!(line, ", {} unreadable", tally.unreadable);
    }
    line
}
