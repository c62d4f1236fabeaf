//! `schema`: write the XML Schema (one file per namespace) and the JSON Schema.

use crate::output;
use crate::Outcome;
use evovoice_contracts::schema::{json_schema, operation_contracts, response_contracts, xsd};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("output").required(true).multiple(true))]
pub struct Args {
    /// Write the XML Schema into DIR (created if needed): one file per namespace, and
    /// `all.xsd`, which imports them all. Each file is written whole or not at all.
    #[arg(long, value_name = "DIR", group = "output")]
    xsd: Option<PathBuf>,
    /// Write the JSON Schema (draft 2020-12) of the JSON responses to FILE (whole or not at
    /// all; never through a symbolic link); `-` for stdout.
    #[arg(long, value_name = "FILE", group = "output")]
    json_schema: Option<PathBuf>,
}

pub fn run(args: Args) -> Outcome {
    let mut outcome = Outcome::Success;
    if let Some(dir) = &args.xsd {
        if let Err(message) = write_xsd(dir) {
            output::error(&message);
            outcome = Outcome::BadUsage;
        }
    }
    if let Some(file) = &args.json_schema {
        let text = json_schema::to_string(&response_contracts());
        let written = if file == Path::new("-") {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush())
        } else {
            output::write_file(file, text.as_bytes())
        };
        if let Err(e) = written {
            if file == Path::new("-") {
                output::error(&format!("writing the output: {e}"));
            } else {
                output::error(&format!("{}: {e}", output::escape(&file.display().to_string())));
            }
            outcome = Outcome::BadUsage;
        }
    }
    outcome
}

fn write_xsd(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", output::escape(&dir.display().to_string())))?;
    for file in xsd::files(&operation_contracts()) {
        let path = dir.join(&file.file_name);
        output::write_file(&path, file.text.as_bytes())
            .map_err(|e| format!("{}: {e}", output::escape(&path.display().to_string())))?;
    }
    Ok(())
}
