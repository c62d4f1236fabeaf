//! The ordered pipeline: documents are read in the order the walk finds them, a chunk at
//! a time (at most [`CHUNK_FILES`] files and about [`CHUNK_BYTES`] bytes), the chunk is
//! checked in parallel, and its reports are written in order before the next chunk is
//! read. Output does not depend on the number of threads, and memory holds one chunk.

use super::check::{Check, Loaded};
use super::progress::Progress;
use super::report::{FileReport, Reporter, Tally};
use super::walk::{Item, Walker};
use crate::output;
use rayon::prelude::*;
use std::io::{self, Write};

/// The most files in a chunk.
pub const CHUNK_FILES: usize = 256;
/// The bytes of documents after which a chunk is closed.
pub const CHUNK_BYTES: usize = 8 << 20;

/// What a run does: which documents, how to check them.
pub struct Job {
    /// How to read and check a document.
    pub check: Check,
    /// The documents.
    pub walker: Walker,
}

/// One step of the walk, in the order found.
enum Step {
    /// A document read, to check.
    Loaded(Loaded),
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
    let mut bytes = 0;
    let mut walker = walker.peekable();
    while let Some(item) = walker.next() {
        let step = match item {
            Item::Document(source) => Step::Loaded(check.load(source)),
            Item::Unreadable(name, why) => Step::Unreadable(name, why),
            Item::Skipped(note) => Step::Note(note),
        };
        if let Step::Loaded(loaded) = &step {
            bytes += loaded.size();
        }
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
            Step::Loaded(loaded) => Done::Report(check.check(loaded)),
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
