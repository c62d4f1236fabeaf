//! Reading a command's input: a file, or stdin for `-`.

use std::io::Read;
use std::path::Path;

/// An input's display name and bytes.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads `path` (`-` or none for stdin).
pub fn read(path: Option<&Path>) -> Result<Input, String> {
    match path {
        None => read_stdin(),
        Some(p) if p == Path::new("-") => read_stdin(),
        Some(p) => std::fs::read(p)
            .map(|bytes| Input { name: p.display().to_string(), bytes })
            .map_err(|e| format!("{}: {e}", p.display())),
    }
}

fn read_stdin() -> Result<Input, String> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("<stdin>: {e}"))?;
    Ok(Input { name: "<stdin>".into(), bytes })
}

/// Formats a codec error as `file:line:col: error: message at path`.
pub fn describe(name: &str, error: &evovoice_contracts::Error) -> String {
    match error.position() {
        Some(p) => format!("{name}:{}:{}: error: {error_text}", p.line, p.column, error_text = bare(error)),
        None => format!("{name}: error: {}", bare(error)),
    }
}

fn bare(error: &evovoice_contracts::Error) -> String {
    if error.path().is_root() {
        error.message().to_owned()
    } else {
        format!("{} at {}", error.message(), error.path())
    }
}
