//! `evovoice-contracts`: convert and check Evo Voice `GET /portal/active-sessions`
//! documents from the command line.
//!
//! Exit codes: 0 success, 1 bad input (the error, with file, line, column and member path,
//! on stderr; for `validate`, errors found), 2 bad usage or an unreadable file.

mod convert;
mod generate;
mod input;
mod schema;
mod serve;
mod validate;

use clap::{Parser, Subcommand};
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
    /// The usage was bad or a file could not be read (2).
    BadUsage,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
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
