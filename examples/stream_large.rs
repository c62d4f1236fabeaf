//! Streams a generated response through the crate session by session:
//! `stream_large write SESSIONS FILE` writes one, `stream_large read FILE` reads one back
//! and counts its sessions. Either holds one session in memory at a time. The format is
//! the file's: `.json` for JSON, anything else for XML.

use evovoice_contracts::json::{stream as json_stream, JsonOptions};
use evovoice_contracts::sessions::SessionInfo;
use evovoice_contracts::xml::stream::{SessionReader, SessionWriter};
use evovoice_contracts::xml::XmlOptions;
use evovoice_contracts::Result;
use std::io::{BufReader, BufWriter};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["write", count, file] => {
            let count: usize = count.parse().expect("SESSIONS");
            let out = BufWriter::new(std::fs::File::create(file).expect("FILE"));
            if file.ends_with(".json") {
                let mut writer = json_stream::SessionWriter::new(out, &JsonOptions::new()).unwrap();
                for session in evovoice_contracts::generate::sessions(1).take(count) {
                    writer.write(&session).unwrap();
                }
                writer.finish().unwrap();
            } else {
                let mut writer = SessionWriter::new(out, &XmlOptions::new()).unwrap();
                for session in evovoice_contracts::generate::sessions(1).take(count) {
                    writer.write(&session).unwrap();
                }
                writer.finish().unwrap();
            }
        }
        ["read", file] => {
            let input = BufReader::with_capacity(64 * 1024, std::fs::File::open(file).expect("FILE"));
            let sessions: Box<dyn Iterator<Item = Result<SessionInfo>>> = if file.ends_with(".json") {
                Box::new(json_stream::SessionReader::new(input).unwrap())
            } else {
                Box::new(SessionReader::new(input).unwrap())
            };
            let mut count = 0usize;
            let mut members = 0usize;
            for session in sessions {
                let session = session.unwrap();
                members += session.members.map_or(0, |m| m.len());
                count += 1;
            }
            println!("{count} sessions, {members} members");
        }
        _ => {
            eprintln!("usage: stream_large write SESSIONS FILE | stream_large read FILE");
            std::process::exit(2);
        }
    }
}
