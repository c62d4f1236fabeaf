//! The ordered pipeline: the walk's documents are gathered into chunks (at most
//! [`CHUNK_FILES`] files and about [`CHUNK_BYTES`] bytes by their sizes; a document of
//! unknown size closes its chunk), each chunk is read and checked in parallel, and its reports are
//! written in the walk's order before the next chunk is gathered. Output does not depend
//! on the number of threads, and memory holds one chunk: reading is bounded, so a file
//! that grew since the walk saw it costs no more than the document size limit.

use super::check::Check;
use super::progress::Progress;
use super::report::{FileReport, Reporter, Tally};
use super::walk::{Item, Source, Walker};
use crate::output;
use rayon::prelude::*;
use std::io::{self, Write};

/// The most files in a chunk.
pub const CHUNK_FILES: usize = 256;
/// The bytes of documents after which a chunk is closed.
pub const CHUNK_BYTES: u64 = 8 << 20;

/// What a run does: which documents, how to check them.
pub struct Job {
    /// How to read and check a document.
    pub check: Check,
    /// The documents.
    pub walker: Walker,
}

/// One step of the walk, in the order found.
enum Step {
    /// A document to read and check.
    Document(Source),
    /// A path that could not be read or walked.
    Unreadable(String, String),
    /// A note for stderr.
    Note(String),
}

/// A step done.
enum Done {
    Report(FileReport),
    Note(String),
}

/// Runs the job, writing each file's report as its chunk is done; returns the counts.
pub fn run(job: Job, reporter: &mut dyn Reporter, out: &mut dyn Write) -> io::Result<Tally> {
    let Job { check, walker } = job;
    let mut tally = Tally::default();
    let mut progress = Progress::new();
    let mut chunk: Vec<Step> = Vec::new();
    let mut bytes: u64 = 0;
    let mut walker = walker.peekable();
    while let Some(item) = walker.next() {
        let step = match item {
            Item::Document(source, size) => {
                bytes = bytes.saturating_add(size.unwrap_or(u64::MAX));
                Step::Document(source)
            }
            Item::Unreadable(name, why) => Step::Unreadable(name, why),
            Item::Skipped(note) => Step::Note(note),
        };
        chunk.push(step);
        if chunk.len() >= CHUNK_FILES || bytes >= CHUNK_BYTES || walker.peek().is_none() {
            flush(&check, std::mem::take(&mut chunk), reporter, out, &mut tally, &mut progress)?;
            bytes = 0;
        }
    }
    progress.finish();
    reporter.finish(out, &tally)?;
    Ok(tally)
}

/// Checks a chunk in parallel and writes its reports in order.
fn flush(
    check: &Check,
    chunk: Vec<Step>,
    reporter: &mut dyn Reporter,
    out: &mut dyn Write,
    tally: &mut Tally,
    progress: &mut Progress,
) -> io::Result<()> {
    let done: Vec<Done> = chunk
        .into_par_iter()
        .map(|step| match step {
            Step::Document(source) => Done::Report(check.check(check.load(source))),
            Step::Unreadable(name, why) => {
                let path = Some(name.clone().into());
                Done::Report(FileReport { name, path, result: Err(why), time: std::time::Duration::ZERO })
            }
            Step::Note(note) => Done::Note(note),
        })
        .collect();
    let files = done.len();
    progress.suspend(|| -> io::Result<()> {
        for done in done {
            match done {
                Done::Note(note) => output::stderr_line(&format!("note: {}", output::escape(&note)))?,
                Done::Report(report) => {
                    if let Err(why) = &report.result {
                        let line = format!("error: {}: {}", output::escape(&report.name), output::escape(why));
                        output::stderr_line(&line)?;
                    }
                    tally.add(&report);
                    reporter.file(out, &report)?;
                }
            }
        }
        out.flush()
    })?;
    progress.advance(files);
    Ok(())
}
