//! Writes a generated response of N realistic sessions (default 1,000) to stdout, in
//! ServiceStack's XML dialect: `cargo run --release --example generate_large -- 1000 > large.xml`.

use evovoice_contracts::xml::{self, XmlOptions};

fn main() {
    let count: usize = std::env::args().nth(1).map_or(1000, |a| a.parse().expect("a number of sessions"));
    let value = evovoice_contracts::generate::result(1, count);
    xml::to_writer_with(std::io::stdout().lock(), &value, &XmlOptions::new()).expect("writing stdout");
}
