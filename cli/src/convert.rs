//! `convert`: decode a document and write it back canonically, in either format.

use crate::input;
use crate::output;
use crate::Outcome;
use evovoice_contracts::document::{Document, DocumentKind};
use evovoice_contracts::format::Format;
use evovoice_contracts::json::{JsonOptions, Naming};
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

/// A wire format.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    /// DataContract XML.
    Xml,
    /// ServiceStack JSON.
    Json,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Xml => Format::Xml,
            FormatArg::Json => Format::Json,
        }
    }
}

/// How JSON names members.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum NamingArg {
    /// camelCase, as Evo Voice's server writes.
    Camel,
    /// The declared PascalCase names, ServiceStack's default.
    Pascal,
}

#[derive(clap::Args)]
pub struct Args {
    /// The input's format; by default, XML if its first non-space character is `<`, JSON
    /// if it is `{` or `[`.
    #[arg(long, value_enum)]
    from: Option<FormatArg>,
    /// The format to write; by default, the input's.
    #[arg(long, value_enum)]
    to: Option<FormatArg>,
    /// The contract to read the input as (a wire name such as ErrorResponse). By
    /// default, XML is read by its root element and JSON as the result, the error
    /// response or the request, whichever its first known property belongs to.
    #[arg(long = "type", value_name = "CONTRACT", value_parser = parse_kind)]
    kind: Option<DocumentKind>,
    /// Leave out the XML declaration.
    #[arg(long)]
    no_declaration: bool,
    /// The XML dialect to write.
    #[arg(long, value_enum, default_value = "servicestack")]
    dialect: DialectArg,
    /// How JSON names members.
    #[arg(long, value_enum, default_value = "camel")]
    naming: NamingArg,
    /// Write dictionary entries whose value is null in JSON (ServiceStack leaves them out).
    #[arg(long)]
    keep_null_dictionary_values: bool,
    /// Indent JSON (ServiceStack writes none).
    #[arg(long)]
    pretty: bool,
    /// The document to read; `-` or nothing for stdin.
    file: Option<PathBuf>,
}

fn parse_kind(name: &str) -> Result<DocumentKind, String> {
    name.parse().map_err(|e: evovoice_contracts::Error| e.message().to_owned())
}

pub fn run(args: Args) -> Outcome {
    let read_options = ReadOptions::new();
    let input = match input::read(args.file.as_deref(), &read_options) {
        Ok(input) => input,
        Err(message) => {
            output::error(&message);
            return Outcome::BadUsage;
        }
    };
    let Some(from) = args.from.map(Format::from).or_else(|| Format::detect(&input.bytes)) else {
        let p = input::first_character(&input.bytes);
        let _ = output::stderr_line(&format!(
            "{}:{}:{}: error: cannot tell whether the input is XML or JSON (use --from)",
            output::escape(&input.name),
            p.line,
            p.column
        ));
        return Outcome::BadInput;
    };
    let to = args.to.map_or(from, Format::from);
    let decoded = match args.kind {
        Some(kind) => Document::decode_as_with(&input.bytes, from, kind, &read_options),
        None => Document::decode_with(&input.bytes, from, &read_options),
    };
    let kind = decoded.as_ref().map(Document::kind).ok();
    let encoded = decoded.and_then(|document| match to {
        Format::Xml => document.to_xml(&xml_options(&args)),
        Format::Json => document.to_json(&json_options(&args)),
    });
    match encoded {
        Ok(bytes) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                Ok(()) => Outcome::Success,
                Err(e) => {
                    output::error(&format!("writing the output: {e}"));
                    Outcome::BadUsage
                }
            }
        }
        Err(error) => {
            // An encoding error has a member path but no position: point at the member in
            // the input when it is XML, else at the start of the input.
            let fallback = kind
                .filter(|_| from == Format::Xml)
                .and_then(|kind| Document::xml_member_position_as(&input.bytes, kind, error.path()))
                .unwrap_or_else(|| input::first_character(&input.bytes));
            let _ = output::stderr_line(&input::describe(&input.name, &error, fallback));
            Outcome::BadInput
        }
    }
}

fn xml_options(args: &Args) -> XmlOptions {
    let dialect = match args.dialect {
        DialectArg::Servicestack => Dialect::ServiceStack,
        DialectArg::Wcf => Dialect::Wcf,
    };
    let options = XmlOptions::new().dialect(dialect);
    if args.no_declaration {
        options.declaration(false)
    } else {
        options
    }
}

fn json_options(args: &Args) -> JsonOptions {
    let naming = match args.naming {
        NamingArg::Camel => Naming::CamelCase,
        NamingArg::Pascal => Naming::PascalCase,
    };
    JsonOptions::new().naming(naming).keep_null_dictionary_values(args.keep_null_dictionary_values).pretty(args.pretty)
}
