//! Loading the fixtures `serve` answers from, and checking that each can be answered.

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::format::Format;
use evovoice_contracts::{json, xml};
use std::path::{Path, PathBuf};

/// The files of `paths`: a file as it is, a directory's `.xml` and `.json` files (not
/// its subdirectories) in name order.
fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "xml" || e == "json"))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn load(path: &Path) -> Result<AppGetActiveSessionsResult, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Some(Format::Json),
        Some(e) if e.eq_ignore_ascii_case("xml") => Some(Format::Xml),
        _ => Format::detect(&bytes),
    };
    let decoded = match format {
        Some(Format::Xml) => xml::from_slice(&bytes),
        Some(Format::Json) => json::from_slice(&bytes),
        None => return Err(format!("{}: neither XML nor JSON", path.display())),
    };
    let value = decoded.map_err(|e| format!("{}: {e}", path.display()))?;
    check(&value).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(value)
}

/// A document the server could not answer with: one that does not encode in both XML
/// dialects (.NET's writers refuse what XML cannot carry) and in JSON.
fn check(value: &AppGetActiveSessionsResult) -> Result<(), String> {
    for dialect in [xml::Dialect::ServiceStack, xml::Dialect::Wcf] {
        xml::to_vec_with(value, &xml::XmlOptions::new().dialect(dialect))
            .map_err(|e| format!("cannot be written as XML ({dialect:?} dialect): {e}"))?;
    }
    json::to_vec(value).map_err(|e| format!("cannot be written as JSON: {e}"))?;
    Ok(())
}

/// The results of every fixture of `paths`, in order, each checked; at least one.
pub fn load_all(paths: &[PathBuf]) -> Result<Vec<AppGetActiveSessionsResult>, String> {
    let files = files(paths)?;
    if files.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(format!("no fixture to serve: no .xml or .json file in {}", shown.join(", ")));
    }
    files.iter().map(|p| load(p)).collect()
}
