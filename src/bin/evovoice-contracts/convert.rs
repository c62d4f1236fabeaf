//! `convert`: decode a document and write it back canonically.

use crate::input;
use crate::Outcome;
use evovoice_contracts::document::Document;
use evovoice_contracts::error::Position;
use evovoice_contracts::xml::{Dialect, ReadOptions, XmlOptions};
use std::io::Write;
use std::path::PathBuf;

/// The XML dialect to write.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DialectArg {
    /// As ServiceStack writes XML (XmlWriter): `d2p1` prefixes, XML declaration.
    Servicestack,
    /// As WCF writes XML (XmlDictionaryWriter): `a`, `b` prefixes, no declaration.
    Wcf,
}

#[derive(clap::Args)]
pub struct Args {
    /// Leave out the XML declaration.
    #[arg(long)]
    no_declaration: bool,
    /// The XML dialect to write.
    #[arg(long, value_enum, default_value = "servicestack")]
    dialect: DialectArg,
    /// The document to read; `-` or nothing for stdin.
    file: Option<PathBuf>,
}

pub fn run(args: Args) -> Outcome {
    let read_options = ReadOptions::new();
    let input = match input::read(args.file.as_deref(), &read_options) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::BadUsage;
        }
    };
    let dialect = match args.dialect {
        DialectArg::Servicestack => Dialect::ServiceStack,
        DialectArg::Wcf => Dialect::Wcf,
    };
    let mut options = XmlOptions::new().dialect(dialect);
    if args.no_declaration {
        options = options.declaration(false);
    }
    let encoded = Document::from_xml_with(&input.bytes, &read_options).and_then(|doc| doc.to_xml(&options));
    match encoded {
        Ok(bytes) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                Ok(()) => Outcome::Success,
                Err(e) => {
                    eprintln!("error: writing the output: {e}");
                    Outcome::BadUsage
                }
            }
        }
        Err(error) => {
            // An encoding error has a member path but no position: point at the member's
            // element in the input (or, failing that, the start of the input).
            let fallback = Document::xml_member_position(&input.bytes, error.path()).unwrap_or(Position {
                line: 1,
                column: 1,
                offset: 0,
            });
            eprintln!("{}", input::describe(&input.name, &error, fallback));
            Outcome::BadInput
        }
    }
}
