//! `generate`: write realistic test documents, deterministic per seed.

use crate::convert::{DialectArg, FormatArg};
use crate::output::{self, DirOutput};
use crate::Outcome;
use evovoice_contracts::generate::Corpus;
use evovoice_contracts::json::{self, JsonOptions};
use evovoice_contracts::xml::{self, Dialect, XmlOptions};
use std::ops::RangeInclusive;
use std::path::PathBuf;

/// The most documents one run writes.
const MAX_COUNT: usize = 1_000_000;
/// The most sessions one document holds.
const MAX_SESSIONS: usize = 100_000;

#[derive(clap::Args)]
pub struct Args {
    /// How many documents to write (0000.xml, 0001.xml, …).
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=MAX_COUNT as i64))]
    count: u32,
    /// The seed: the same seed gives the same files, byte for byte, on every platform.
    #[arg(long)]
    seed: u64,
    /// Sessions per document: `N`, `MIN..MAX` (MAX excluded) or `MIN..=MAX`, drawn for each
    /// document.
    #[arg(long, value_name = "MIN..MAX", default_value = "1..=5", value_parser = parse_sessions)]
    sessions: RangeInclusive<usize>,
    /// The format to write.
    #[arg(long, value_enum, default_value = "xml")]
    format: FormatArg,
    /// The XML dialect (XML only).
    #[arg(long, value_enum)]
    dialect: Option<DialectArg>,
    /// The directory to write into (created if needed). It must not hold files, unless
    /// `--force`.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Replace the documents an earlier run wrote in DIR: afterwards it holds exactly the
    /// new ones. A DIR holding anything else (another file, a directory) is not replaced.
    #[arg(long)]
    force: bool,
}

/// Whether `name` is one that `generate` writes (`0000.xml`, `12345.json`): what `--force`
/// may replace.
fn is_document_name(name: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    stem.len() >= 4 && stem.bytes().all(|b| b.is_ascii_digit()) && matches!(extension, "xml" | "json")
}

/// `N`, `MIN..MAX` or `MIN..=MAX`, within 0..=100,000 sessions.
fn parse_sessions(text: &str) -> Result<RangeInclusive<usize>, String> {
    let number =
        |t: &str| t.trim().parse::<usize>().map_err(|_| format!("'{}' is not a number of sessions", t.escape_debug()));
    let range = if let Some((low, high)) = text.split_once("..=") {
        number(low)?..=number(high)?
    } else if let Some((low, high)) = text.split_once("..") {
        let (low, high) = (number(low)?, number(high)?);
        if high <= low {
            return Err(format!("{low}..{high} is empty (the end is excluded; write {low}..={high} to include it)"));
        }
        low..=high - 1
    } else {
        let n = number(text)?;
        n..=n
    };
    if range.is_empty() {
        return Err(format!("{text} is empty"));
    }
    if *range.end() > MAX_SESSIONS {
        return Err(format!("at most {MAX_SESSIONS} sessions per document"));
    }
    Ok(range)
}

pub fn run(args: Args) -> Outcome {
    let xml_options = match (args.format, args.dialect) {
        (FormatArg::Json, Some(_)) => {
            output::error("--dialect applies to XML only");
            return Outcome::BadUsage;
        }
        (_, Some(DialectArg::Wcf)) => XmlOptions::new().dialect(Dialect::Wcf),
        _ => XmlOptions::new(),
    };
    // The documents go into a new directory beside DIR, which takes DIR's place once they
    // are all written: on any error (a full disk), DIR is left as it was.
    let out = match DirOutput::create(&args.out, args.force, is_document_name) {
        Ok(out) => out,
        Err(message) => {
            output::error(&message);
            return Outcome::BadUsage;
        }
    };
    let count = args.count as usize;
    let width = count.saturating_sub(1).to_string().len().max(4);
    let extension = match args.format {
        FormatArg::Xml => "xml",
        FormatArg::Json => "json",
    };
    let documents = Corpus::new(args.seed).sessions(args.sessions).documents();
    for (index, document) in documents.take(count).enumerate() {
        let bytes = match args.format {
            FormatArg::Xml => xml::to_vec_with(&document, &xml_options),
            FormatArg::Json => json::to_vec_with(&document, &JsonOptions::new()),
        };
        let name = format!("{index:0width$}.{extension}");
        // The generator only makes values both formats carry, so encoding cannot fail;
        // should it, the error is reported, not hidden.
        let written = bytes.map_err(|e| e.to_string()).and_then(|b| out.write(&name, &b).map_err(|e| e.to_string()));
        if let Err(e) = written {
            let path = args.out.join(&name);
            output::error(&format!("{}: {e}", output::escape(&path.display().to_string())));
            return Outcome::BadUsage;
        }
    }
    if let Err(message) = out.commit() {
        output::error(&message);
        return Outcome::BadUsage;
    }
    let _ =
        output::stderr_line(&format!("wrote {count} documents to {}", output::escape(&args.out.display().to_string())));
    Outcome::Success
}
