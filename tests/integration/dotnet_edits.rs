//! The crate's XML reader against .NET's on edited documents (see `common::edits`): .NET
//! writes documents, they are edited at the edges of what its reader accepts, and .NET
//! (`ReadObject(Stream)` under Mono, through `dotnet/Harness.cs`) reads each back.
//!
//! - .NET refuses: decoding fails, validation reports an error, and the session stream
//!   yields an error.
//! - .NET accepts: decoding succeeds and the value, written in WCF's dialect, is .NET's
//!   WCF output byte for byte; validation reports no error; the stream's sessions are the
//!   decoded value's.
//!
//! Mismatches are tallied by edit kind. Needs Mono (the policy of
//! `dotnet_differential::harness`).

use crate::common::{self, edits};
use crate::dotnet_differential::{harness, run};

use evovoice_contracts::document::Document;
use evovoice_contracts::sessions::SessionInfo;
use evovoice_contracts::validate::{validate_xml, Severity};
use evovoice_contracts::xml::stream::SessionReader;
use evovoice_contracts::xml::{Dialect, XmlOptions};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const DOCUMENTS: usize = 60;
const SEED: u32 = 20260412;
/// Documents edited per kind (each in both dialects).
const PER_KIND: usize = 6;

fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dotnet").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What .NET made of a document.
enum Dotnet {
    /// Read; its WCF re-serialization (or why it could not be written).
    Accepted(Result<Vec<u8>, String>),
    Refused(String),
}

impl std::fmt::Display for Dotnet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Dotnet::Accepted(_) => write!(f, "accepted"),
            Dotnet::Refused(why) => write!(f, "refused: {}", shorten(why.trim(), 240)),
        }
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

fn dotnet(back: &Path, name: &str) -> Dotnet {
    let error = |suffix: &str| std::fs::read_to_string(back.join("errors").join(format!("{name}{suffix}"))).ok();
    if let Some(why) = error(".txt") {
        return Dotnet::Refused(why);
    }
    match std::fs::read(back.join("wcf").join(name)) {
        Ok(bytes) => Dotnet::Accepted(Ok(bytes)),
        Err(_) => Dotnet::Accepted(Err(error(".wcf.txt").unwrap_or_else(|| "no WCF output".into()))),
    }
}

/// Runs `f`, turning a panic into an error.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let what = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("panicked: {what}"))
    })
}

fn stream(bytes: &[u8]) -> Result<Vec<SessionInfo>, String> {
    guarded(|| {
        SessionReader::new(bytes).map_err(|e| e.to_string())?.collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())
    })
}

fn difference(expected: &[u8], actual: &[u8]) -> String {
    let at = expected.iter().zip(actual).position(|(a, b)| a != b).unwrap_or(expected.len().min(actual.len()));
    let lo = at.saturating_sub(50);
    format!(
        "differs at byte {at}: .NET `{}` / crate `{}`",
        String::from_utf8_lossy(&expected[lo..(at + 50).min(expected.len())]),
        String::from_utf8_lossy(&actual[lo..(at + 50).min(actual.len())])
    )
}

/// The crate's answers that disagree with .NET's, empty when all agree.
fn disagreements(edited: &edits::Edited, dotnet: &Dotnet) -> Vec<String> {
    let bytes = &edited.bytes[..];
    let wcf = XmlOptions::new().dialect(Dialect::Wcf);
    let decoded = guarded(|| Document::from_xml(bytes).map_err(|e| e.to_string()));
    let validation_errors = guarded(|| {
        Ok(validate_xml(bytes)
            .into_iter()
            .filter(|f| f.severity() == Severity::Error)
            .map(|f| format!("{:?} {}", f.code(), f.message()))
            .collect::<Vec<_>>())
    });
    let mut out = Vec::new();
    match dotnet {
        Dotnet::Refused(_) => {
            if decoded.is_ok() {
                out.push("decoding succeeded".to_string());
            }
            match validation_errors {
                Ok(errors) if errors.is_empty() => out.push("validation reported no error".to_string()),
                Ok(_) => {}
                Err(e) => out.push(format!("validation {e}")),
            }
            if edited.sessions_document {
                match stream(bytes) {
                    Ok(sessions) => out.push(format!("the stream yielded {} sessions and no error", sessions.len())),
                    Err(e) if e.starts_with("panicked") => out.push(format!("the stream {e}")),
                    Err(_) => {}
                }
            }
        }
        Dotnet::Accepted(written) => {
            match &decoded {
                Err(e) => out.push(format!("decoding failed: {e}")),
                Ok(document) => {
                    let ours = guarded(|| document.to_xml(&wcf).map_err(|e| e.to_string()));
                    match (written, ours) {
                        (Ok(theirs), Ok(ours)) if *theirs == ours => {}
                        (Ok(theirs), Ok(ours)) => out.push(format!("WCF output {}", difference(theirs, &ours))),
                        (Ok(_), Err(e)) => out.push(format!("writing WCF failed: {e}")),
                        (Err(why), _) => out.push(format!(".NET read but could not write WCF: {why}")),
                    }
                }
            }
            match validation_errors {
                Ok(errors) if errors.is_empty() => {}
                Ok(errors) => out.push(format!("validation errors: {}", errors.join("; "))),
                Err(e) => out.push(format!("validation {e}")),
            }
            if edited.sessions_document {
                let whole = match &decoded {
                    Ok(Document::AppGetActiveSessionsResult(v)) => Some(v.sessions.clone().unwrap_or_default()),
                    _ => None,
                };
                match (stream(bytes), whole) {
                    (Ok(streamed), Some(whole)) if streamed == whole => {}
                    (Ok(_), Some(_)) => out.push("the stream's sessions differ from the decoded value's".to_string()),
                    (Ok(_), None) => {}
                    (Err(e), _) => out.push(format!("the stream failed: {e}")),
                }
            }
        }
    }
    out.into_iter().map(|s| shorten(&s, 400)).collect()
}

#[test]
fn dotnet_edits() {
    let Some(exe) = harness() else { return };
    let generated = fresh_dir("edits-generated");
    run(&exe, &["generate", &DOCUMENTS.to_string(), &SEED.to_string(), generated.to_str().unwrap()]);
    let sources: Vec<edits::Source> = (0..DOCUMENTS)
        .map(|index| {
            let name = format!("{index:04}.xml");
            edits::Source {
                index,
                servicestack: common::read(&generated.join("servicestack").join(&name)),
                wcf: common::read(&generated.join("wcf").join(&name)),
            }
        })
        .collect();
    let edited = edits::edit_all(&sources, PER_KIND, u64::from(SEED));
    let kinds = edits::kinds();
    let input = fresh_dir("edits-in");
    for e in &edited {
        std::fs::write(input.join(&e.name), &e.bytes).unwrap();
    }
    let back = fresh_dir("edits-read");
    run(&exe, &["roundtrip", input.to_str().unwrap(), back.to_str().unwrap()]);

    // kind -> (documents, mismatches, examples)
    let mut tally: BTreeMap<&str, (usize, usize, Vec<String>)> = BTreeMap::new();
    let mut mismatches = 0;
    let mut refused = 0;
    for e in &edited {
        let dotnet = dotnet(&back, &e.name);
        refused += usize::from(matches!(dotnet, Dotnet::Refused(_)));
        let wrong = disagreements(e, &dotnet);
        let entry = tally.entry(e.kind.as_str()).or_default();
        entry.0 += 1;
        if !wrong.is_empty() {
            mismatches += 1;
            entry.1 += 1;
            if entry.2.len() < 2 {
                entry.2.push(format!("    {}: .NET {dotnet}; crate: {}", e.name, wrong.join("; ")));
            }
        }
    }
    // Every kind made documents (in both dialects, save the WCF-only one).
    for kind in &kinds {
        let made = tally.get(kind.as_str()).map_or(0, |t| t.0);
        assert!(made >= PER_KIND, "edit kind {kind}: only {made} documents");
    }

    // Written to the process's stderr directly, past the test harness's capture.
    let mut report =
        format!("dotnet edits: {} documents ({refused} refused by .NET), {mismatches} mismatches\n", edited.len());
    for (kind, (documents, wrong, examples)) in &tally {
        if *wrong > 0 {
            report.push_str(&format!("  {kind}: {wrong} of {documents}\n"));
            for example in examples {
                report.push_str(example);
                report.push('\n');
            }
        }
    }
    let _ = std::io::Write::write_all(&mut std::io::stderr(), report.as_bytes());
    // Both answers occur: the edits reach either side of what .NET's reader takes.
    assert!(refused > edited.len() / 5 && refused < edited.len() * 4 / 5, "{refused} of {} refused", edited.len());
    assert_eq!(mismatches, 0, "{mismatches} of {} edited documents disagree with .NET", edited.len());
}
