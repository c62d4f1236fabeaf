//! `convert`: decode a document and write it back canonically.

use crate::input;
use crate::Outcome;
use evovoice_contracts::document::Document;
use evovoice_contracts::xml::{Dialect, XmlOptions};
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
    let input = match input::read(args.file.as_deref()) {
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
    let encoded = Document::from_xml(&input.bytes).and_then(|doc| doc.to_xml(&options));
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
            eprintln!("{}", input::describe(&input.name, &error));
            Outcome::BadInput
        }
    }
}
