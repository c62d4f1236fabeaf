//! The exported XML Schema: the same as .NET's `XsdDataContractExporter` gives
//! (`fixtures/xsd/exported-by-dotnet.txt`), and accepted by a real validator (xmllint)
//! on every document .NET wrote, while documents with problems fail.

use crate::common;

use common::{files, fixture, replace_once, tool_available};
use evovoice_contracts::schema::{operation_contracts, xsd};
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// .NET's schemas by target namespace.
fn dotnet_schemas() -> BTreeMap<String, String> {
    let text = fixture("fixtures/xsd/exported-by-dotnet.txt");
    let mut schemas = BTreeMap::new();
    let mut parts = text.split("<!-- schema ").skip(1);
    for part in parts.by_ref() {
        let (namespace, schema) = part.split_once(" -->\n").unwrap();
        schemas.insert(namespace.to_owned(), schema.to_owned());
    }
    schemas
}

/// The structure of a schema, one line per element: its path, then its attributes sorted,
/// with qualified names resolved to `{namespace}local`; namespace declarations and
/// `schemaLocation` left out.
fn structure(schema: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(schema);
    let mut scopes: Vec<Vec<(String, String)>> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                lines.push(element(&e, &mut scopes, &path));
                path.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
            }
            Event::Empty(e) => {
                lines.push(element(&e, &mut scopes, &path));
                scopes.pop();
            }
            Event::End(_) => {
                path.pop();
                scopes.pop();
            }
            Event::Text(t) if !t.iter().all(u8::is_ascii_whitespace) => {
                lines.push(format!("{} text {}", path.join("/"), String::from_utf8_lossy(&t)));
            }
            Event::Eof => return lines,
            _ => {}
        }
    }
}

fn element(e: &BytesStart<'_>, scopes: &mut Vec<Vec<(String, String)>>, path: &[String]) -> String {
    let mut declared = Vec::new();
    let mut attributes = Vec::new();
    for a in e.attributes() {
        let a = a.unwrap();
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned();
        match key.strip_prefix("xmlns:") {
            Some(prefix) => declared.push((prefix.to_owned(), value)),
            None if key == "xmlns" => declared.push((String::new(), value)),
            None => attributes.push((key, value)),
        }
    }
    scopes.push(declared);
    let resolve = |qname: &str| {
        let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
        let ns = scopes.iter().rev().flatten().find(|(p, _)| p == prefix).map_or("?", |(_, ns)| ns.as_str());
        format!("{{{ns}}}{local}")
    };
    let mut rendered: Vec<String> = attributes
        .iter()
        .filter(|(k, _)| k != "schemaLocation")
        .map(|(k, v)| if k == "type" || k == "base" { format!("{k}={}", resolve(v)) } else { format!("{k}={v}") })
        .collect();
    rendered.sort();
    format!("{}/{} {}", path.join("/"), String::from_utf8_lossy(e.name().as_ref()), rendered.join(" "))
}

#[test]
fn schemas_have_the_structure_dotnet_exports() {
    let ours: BTreeMap<String, String> =
        xsd::files(&operation_contracts()).into_iter().map(|f| (f.namespace, f.text)).collect();
    let dotnet = dotnet_schemas();
    for (namespace, theirs) in &dotnet {
        if namespace == "http://www.w3.org/2001/XMLSchema" {
            // An artifact of the exporter (a stub for xs:schema itself), not a contract.
            continue;
        }
        let mine = ours.get(namespace).unwrap_or_else(|| panic!("no schema for {namespace}"));
        let (expected, actual) = (structure(theirs), structure(mine));
        assert!(expected.len() > 3, "{namespace}: {expected:?}");
        for (line, (e, a)) in expected.iter().zip(&actual).enumerate() {
            assert_eq!(a, e, "{namespace}, element {line}");
        }
        assert_eq!(actual.len(), expected.len(), "{namespace}");
    }
    // Beyond .NET's export: ServiceStack's error body, and the index.
    let extra: Vec<&String> = ours.keys().filter(|ns| !dotnet.contains_key(*ns)).collect();
    assert_eq!(extra, ["", "http://schemas.servicestack.net/types"]);
}

#[test]
fn schemas_are_byte_for_byte_dotnets_but_for_schema_locations() {
    let dotnet = dotnet_schemas();
    for file in xsd::files(&operation_contracts()) {
        let Some(theirs) = dotnet.get(&file.namespace) else { continue };
        let mut mine = file.text.clone();
        while let Some(start) = mine.find(" schemaLocation=\"") {
            let end = start + 17 + mine[start + 17..].find('"').unwrap() + 1;
            mine.replace_range(start..end, "");
        }
        assert_eq!(mine.trim_end(), theirs.trim_end(), "{}", file.namespace);
    }
}

fn export(dir: &Path) {
    for file in xsd::files(&operation_contracts()) {
        std::fs::write(dir.join(&file.file_name), file.text).unwrap();
    }
}

fn xmllint(schema: &Path, documents: &[&Path]) -> std::process::Output {
    Command::new("xmllint").arg("--noout").arg("--schema").arg(schema).args(documents).output().unwrap()
}

#[test]
fn xmllint_accepts_every_document_dotnet_wrote() {
    if !tool_available("xmllint", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    let fixtures = files("fixtures/xml", "xml");
    let documents: Vec<&Path> = fixtures.iter().map(|p| p.as_path()).collect();
    let out = xmllint(&dir.path().join(xsd::INDEX_FILE), &documents);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The schema of the operation's own namespace resolves its imports too.
    let portal = dir.path().join(xsd::file_name("http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal"));
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/xml/seed-sample.xml");
    let out = xmllint(&portal, &[&seed]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn xmllint_rejects_documents_with_problems() {
    if !tool_available("xmllint", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    export(dir.path());
    let seed = fixture("fixtures/xml/seed-sample.xml");
    let mutations = [
        ("bad-enum", "<d2p1:CallState>Disconnected<", "<d2p1:CallState>Paused<"),
        ("enum-case", "<d2p1:Role>None<", "<d2p1:Role>none<"),
        ("bad-bool", "<d2p1:Ended>false<", "<d2p1:Ended>False<"),
        (
            "nil-bool",
            "<d2p1:Muted>false</d2p1:Muted>",
            "<d2p1:Muted xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:nil=\"true\" />",
        ),
        ("unknown-element", "<d2p1:Ended>", "<d2p1:Colour>red</d2p1:Colour><d2p1:Ended>"),
        (
            "wrong-order",
            "<d2p1:CallSid>String</d2p1:CallSid><d2p1:CallState>Disconnected</d2p1:CallState>",
            "<d2p1:CallState>Disconnected</d2p1:CallState><d2p1:CallSid>String</d2p1:CallSid>",
        ),
        ("wrong-namespace", "<d2p1:Ended>false</d2p1:Ended>", "<Ended>false</Ended>"),
        ("repeated", "<d2p1:Ended>false</d2p1:Ended>", "<d2p1:Ended>false</d2p1:Ended><d2p1:Ended>true</d2p1:Ended>"),
        ("dictionary-no-key", "<d6p1:Key>String</d6p1:Key>", ""),
    ];
    let schema = dir.path().join(xsd::INDEX_FILE);
    for (name, from, to) in mutations {
        let doc = replace_once(&seed, from, to);
        let path = dir.path().join(format!("{name}.xml"));
        std::fs::write(&path, &doc).unwrap();
        let out = xmllint(&schema, &[&path]);
        assert!(!out.status.success(), "{name}: xmllint accepted it");
        // The validator finds something in each as well.
        assert!(!evovoice_contracts::validate::validate_xml(doc.as_bytes()).is_empty(), "{name}");
    }
}
