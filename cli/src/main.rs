//! `evovoice-contracts`: convert and check Evo Voice `GET /portal/active-sessions`
//! documents from the command line.
//!
//! Exit codes: 0 success; 1 bad input (the error, with file, line, column and member path,
//! on stderr; for `validate`, errors found or a path that could not be read); 2 bad usage,
//! an unreadable input (for `validate`: nothing could be read), or output that could not
//! be written. A closed pipe on stdout ends the process by SIGPIPE, quietly.

mod convert;
mod generate;
mod input;
mod output;
mod schema;
mod serve;
mod validate;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "evovoice-contracts", version, about = "Typed codecs for Evo Voice's GET /portal/active-sessions")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read an XML or JSON document and write its canonical re-encoding, in either format, to stdout.
    Convert(convert::Args),
    /// Check documents (fixtures) for everything .NET would reject, drop or default.
    Validate(validate::Args),
    /// Write the XML Schema and/or the JSON Schema of the contracts.
    Schema(schema::Args),
    /// Write realistic test documents (0000.xml, …), the same bytes for the same seed.
    Generate(generate::Args),
    /// Answer GET /portal/active-sessions over HTTP from fixture files, as Evo Voice's server does.
    Serve(serve::Args),
}

/// How a command ended, mapped to the process's exit code.
pub enum Outcome {
    /// Everything went well (0).
    Success,
    /// The input was bad (1).
    BadInput,
    /// The usage was bad, the input could not be read, or the output not written (2).
    BadUsage,
}

fn main() -> ExitCode {
    output::default_sigpipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout, usage errors to stderr; a failure to write
            // either is status 2, as for every command.
            let text = e.render().to_string();
            let printed = if e.use_stderr() {
                output::stderr_line(text.trim_end())
            } else {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush())
            };
            if let (false, Err(e)) = (e.use_stderr(), &printed) {
                output::error(&format!("writing the output: {e}"));
            }
            return ExitCode::from(if e.use_stderr() || printed.is_err() { 2 } else { 0 });
        }
    };
    let outcome = match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Serve(args) => serve::run(args),
    };
    ExitCode::from(match outcome {
        Outcome::Success => 0,
        Outcome::BadInput => 1,
        Outcome::BadUsage => 2,
    })
}
