//! Rewrites a document into an equivalent one as a person or another tool might have
//! written it: its own XML declaration, comments (no processing instruction: .NET's
//! reader refuses them), whitespace written as a character reference, other
//! prefixes (every namespace declared once on the root, `xsi` for the instance
//! namespace), indentation between elements, CRLF line ends outside text, and CDATA
//! sections for the markup characters in text. .NET reads the result into the same
//! object.

use quick_xml::events::{BytesCData, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::collections::BTreeMap;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

fn namespace_of(r: &ResolveResult<'_>) -> Option<String> {
    match r {
        ResolveResult::Bound(ns) => Some(String::from_utf8(ns.as_ref().to_vec()).unwrap()),
        _ => None,
    }
}

fn write_event(out: &mut Vec<u8>, event: Event<'_>) {
    let mut writer = quick_xml::Writer::new(Vec::new());
    writer.write_event(event).unwrap();
    out.extend_from_slice(&writer.into_inner());
}

/// The rewritten form of `doc`.
pub fn rewrite(doc: &[u8]) -> Vec<u8> {
    // First pass: every namespace in use gets a prefix of its own.
    let mut prefixes: BTreeMap<String, String> = BTreeMap::new();
    let mut reader = NsReader::from_reader(doc);
    loop {
        match reader.read_resolved_event().unwrap() {
            (ns, Event::Start(_) | Event::Empty(_)) => {
                if let Some(ns) = namespace_of(&ns) {
                    let n = prefixes.len();
                    prefixes.entry(ns).or_insert_with(|| format!("ns{n}"));
                }
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }

    let mut out: Vec<u8> = Vec::new();
    out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<!-- rewritten -->\r\n");
    let mut reader = NsReader::from_reader(doc);
    let mut depth = 0usize;
    let mut after_end = false;
    let mut names: Vec<String> = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event().unwrap();
        let ns = namespace_of(&ns);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name =
                    format!("{}:{}", prefixes[ns.as_ref().unwrap()], String::from_utf8_lossy(e.local_name().as_ref()));
                out.extend_from_slice(format!("\r\n{}", "\t".repeat(depth)).as_bytes());
                let mut start = BytesStart::new(name.clone());
                if depth == 0 && names.is_empty() {
                    start.push_attribute(("xmlns:xsi", XSI));
                    for (uri, prefix) in &prefixes {
                        start.push_attribute((format!("xmlns:{prefix}").as_str(), uri.as_str()));
                    }
                }
                for attr in e.attributes() {
                    let attr = attr.unwrap();
                    if attr.key.as_ref().ends_with(b":nil") {
                        start.push_attribute(("xsi:nil", String::from_utf8_lossy(&attr.value).as_ref()));
                    }
                }
                if matches!(event, Event::Empty(_)) {
                    write_event(&mut out, Event::Empty(start));
                    after_end = true;
                } else {
                    write_event(&mut out, Event::Start(start));
                    names.push(name);
                    depth += 1;
                    after_end = false;
                }
            }
            Event::End(_) => {
                depth -= 1;
                if after_end {
                    out.extend_from_slice(format!("\r\n{}", "\t".repeat(depth)).as_bytes());
                }
                out.extend_from_slice(format!("</{}>", names.pop().unwrap()).as_bytes());
                after_end = true;
            }
            Event::Text(t) => {
                // A comment in text content is skipped by .NET's reader.
                out.extend_from_slice(b"<!--c-->");
                out.extend_from_slice(&t);
                after_end = false;
            }
            Event::GeneralRef(r) => {
                match &*r {
                    b"lt" => write_event(&mut out, Event::CData(BytesCData::new("<"))),
                    b"gt" => write_event(&mut out, Event::CData(BytesCData::new(">"))),
                    b"amp" => out.extend_from_slice(b"&#38;"),
                    other => {
                        out.push(b'&');
                        out.extend_from_slice(other);
                        out.push(b';');
                    }
                }
                after_end = false;
            }
            Event::Eof => break,
            Event::Decl(_) => {}
            other => write_event(&mut out, other),
        }
    }
    out.extend_from_slice(b"\r\n<!-- done -->\r\n");
    out
}
