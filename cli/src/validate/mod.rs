//! `validate`: report every problem in every document, for people, tools and CI.
//!
//! The documents are found lazily ([`walk`]), read bounded ([`read`]), checked in parallel
//! a chunk at a time and reported in the order they were found ([`pipeline`]): output
//! is the same whatever the number of threads, and memory does not grow with the number
//! of files.

mod check;
mod pipeline;
mod progress;
mod read;
mod report;
mod walk;

use crate::output::{self, FileOutput};
use crate::Outcome;
use evovoice_contracts::document::DocumentKind;
use evovoice_contracts::validate::ValidateOptions;
use evovoice_contracts::xml::ReadOptions;
use report::{OutputFormat, Settings};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The default of `--max-document-bytes`: 16 MiB, four times the most that ServiceStack's
/// XML reader takes (1 Mi characters, at most 4 MiB of UTF-8).
const DEFAULT_MAX_DOCUMENT_BYTES: usize = 16 << 20;

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
    /// Write the findings to FILE instead of stdout (the summary goes to stderr). FILE is
    /// replaced whole once the run is done, or left as it was; it may not be one of the
    /// PATHs, and a walk leaves it out.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// The contract every document must be (`AppGetActiveSessionsResult`, `ErrorResponse`…);
    /// by default the one an XML root names, or the best match of a JSON object.
    #[arg(long, value_name = "CONTRACT")]
    root: Option<String>,
    /// Leave out the files and directories GLOB matches (gitignore syntax, relative to the
    /// working directory: `*-truncated.xml`, `fixtures/old/`); repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// In directories, leave out what `.gitignore` files (and `.git/info/exclude`, and the
    /// global excludes) ignore, as ripgrep does in a Git work tree.
    #[arg(long)]
    gitignore: bool,
    /// Report a document larger than this (in bytes) as too large (E011), without reading
    /// further.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DOCUMENT_BYTES)]
    max_document_bytes: usize,
}

/// The options of `--root`.
fn validate_options(root: Option<&str>) -> Result<ValidateOptions, String> {
    let options = ValidateOptions::new();
    let Some(name) = root else {
        return Ok(options);
    };
    match name.parse::<DocumentKind>() {
        Ok(kind) => Ok(options.root(kind)),
        Err(_) => {
            let known: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
            Err(format!("unknown contract '{}' (expected one of {})", output::escape(name), known.join(", ")))
        }
    }
}

/// The device and inode of an input (`-`: of stdin), if it has them.
fn file_id_of(input: &Path) -> Option<(u64, u64)> {
    let meta = if input == Path::new("-") {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let stdin = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
            std::fs::File::from(stdin).metadata().ok()?
        }
        #[cfg(not(unix))]
        return None;
    } else {
        std::fs::metadata(input).ok()?
    };
    output::file_id(&meta)
}

pub fn run(args: Args) -> Outcome {
    let options = match validate_options(args.root.as_deref()) {
        Ok(options) => options,
        Err(message) => {
            output::error(&message);
            return Outcome::BadUsage;
        }
    };
    let filter = match walk::Filter::new(&args.exclude, args.gitignore) {
        Ok(filter) => filter,
        Err(message) => {
            output::error(&output::escape(&message));
            return Outcome::BadUsage;
        }
    };
    // The report replaces FILE at the end: FILE may not be an input (whatever path names
    // it), and a walk leaves it out. (A device or FIFO is a stream, whoever else reads it.)
    let output_id = args
        .output
        .as_deref()
        .and_then(|path| std::fs::metadata(path).ok())
        .filter(std::fs::Metadata::is_file)
        .and_then(|m| output::file_id(&m));
    if let (Some(path), Some(id)) = (&args.output, output_id) {
        if let Some(input) = args.paths.iter().find(|input| file_id_of(input) == Some(id)) {
            output::error(&format!(
                "--output {} is also an input ({}): the report would replace it; write it elsewhere",
                output::escape(&path.display().to_string()),
                output::escape(&input.display().to_string())
            ));
            return Outcome::BadUsage;
        }
    }
    let mut file = match &args.output {
        Some(path) => match FileOutput::create(path) {
            Ok(file) => Some(file),
            Err(e) => {
                output::error(&format!("{}: {e}", output::escape(&path.display().to_string())));
                return Outcome::BadUsage;
            }
        },
        None => None,
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let out: &mut dyn Write = match file.as_mut() {
        Some(file) => file,
        None => &mut stdout,
    };
    let settings = Settings {
        deny_warnings: args.deny_warnings,
        step_summary: std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty()).map(PathBuf::from),
    };
    let mut reporter = match report::reporter(args.format, settings) {
        Ok(reporter) => reporter,
        Err(e) => {
            output::error(&format!("GITHUB_STEP_SUMMARY: {e}"));
            return Outcome::BadUsage;
        }
    };
    let job = pipeline::Job {
        check: {
            // One set of limits: the bounded reading here and the validator's own.
            let read = ReadOptions::new().max_document_bytes(args.max_document_bytes);
            check::Check { options: options.read_options(read.clone()), read }
        },
        walker: walk::Walker::new(&args.paths, filter).leaving_out(output_id),
    };
    let tally = match pipeline::run(job, reporter.as_mut(), out) {
        Ok(tally) => tally,
        Err(e) => {
            output::error(&format!("writing the output: {e}"));
            return Outcome::BadUsage;
        }
    };
    // The summary ends the human and github output on stdout; it goes to stderr when
    // stdout is a document (json lines, SARIF, JUnit) or a file.
    let summary = tally.summary();
    let on_stdout = args.output.is_none() && matches!(args.format, OutputFormat::Human | OutputFormat::Github);
    let written = if on_stdout {
        writeln!(out, "{summary}").and_then(|()| out.flush())
    } else {
        out.flush().and_then(|()| output::stderr_line(&summary))
    };
    let written = written.and_then(|()| file.map_or(Ok(()), FileOutput::commit));
    if let Err(e) = written {
        output::error(&format!("writing the output: {e}"));
        return Outcome::BadUsage;
    }
    if tally.files == 0 && tally.unreadable > 0 {
        Outcome::BadUsage
    } else if tally.errors > 0 || tally.unreadable > 0 || (args.deny_warnings && tally.warnings > 0) {
        Outcome::BadInput
    } else {
        Outcome::Success
    }
}
