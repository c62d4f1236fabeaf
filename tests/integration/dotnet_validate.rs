//! The validator against .NET itself: for documents with each kind of problem, .NET's
//! DataContractSerializer (under Mono, through `dotnet/Harness.cs`) fails exactly where
//! the validator reports an error, and reads the rest.

use crate::common;

use common::{fixture, replace_once, tool_available};
use evovoice_contracts::validate::{validate_xml, Code, Severity};
use std::path::Path;
use std::process::Command;

/// A problem, and whether .NET (reading with `ReadObject(Stream)`) fails on it.
const CASES: &[(&str, &str, &str, bool)] = &[
    ("clean", "", "", false),
    ("bad-bool", "<d2p1:Ended>false<", "<d2p1:Ended>False<", true),
    ("bool-one", "<d2p1:Ended>false<", "<d2p1:Ended> 1 <", false),
    ("bad-enum", "<d2p1:CallState>Disconnected<", "<d2p1:CallState>1<", true),
    ("enum-case", "<d2p1:Role>None<", "<d2p1:Role>none<", true),
    ("nil-bool", "<d2p1:Muted>false</d2p1:Muted>", "<d2p1:Muted i:nil=\"true\" />", true),
    ("nil-enum", "<d2p1:Role>None</d2p1:Role>", "<d2p1:Role i:nil=\"true\" />", true),
    ("text-in-class", "<d2p1:SessionInfo>", "<d2p1:SessionInfo>oops", true),
    ("no-key", "<d6p1:Key>String</d6p1:Key>", "", true),
    ("no-value", "<d6p1:Value>String</d6p1:Value>", "", true),
    (
        "value-first",
        "<d6p1:Key>String</d6p1:Key><d6p1:Value>String</d6p1:Value>",
        "<d6p1:Value>String</d6p1:Value><d6p1:Key>String</d6p1:Key>",
        true,
    ),
    ("unknown-element", "<d2p1:Ended>", "<d2p1:Colour>red</d2p1:Colour><d2p1:Ended>", false),
    ("wrong-namespace", "<d2p1:Ended>false</d2p1:Ended>", "<Ended>true</Ended>", false),
    (
        "out-of-order",
        "<d2p1:CallSid>String</d2p1:CallSid><d2p1:CallState>Disconnected</d2p1:CallState>",
        "<d2p1:CallState>Disconnected</d2p1:CallState><d2p1:CallSid>String</d2p1:CallSid>",
        false,
    ),
    (
        "repeated",
        "<d2p1:Ended>false</d2p1:Ended>",
        "<d2p1:Ended>false</d2p1:Ended><d2p1:Ended>true</d2p1:Ended>",
        false,
    ),
    ("missing", "<d2p1:Ended>false</d2p1:Ended>", "", false),
    ("unknown-in-list", "<d2p1:SessionInfo>", "<d2p1:Other /><d2p1:SessionInfo>", false),
    ("raw-carriage-return", "<d2p1:AccountId>String<", "<d2p1:AccountId>a\r\nb<", false),
];

#[test]
fn dotnet_fails_where_the_validator_reports_an_error() {
    if !tool_available("mcs", &["--version"]) || !tool_available("mono", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let harness = dir.path().join("harness.exe");
    let build = Path::new(env!("CARGO_MANIFEST_DIR")).join("dotnet/build.sh");
    let status = Command::new("bash").arg(build).arg(&harness).status().unwrap();
    assert!(status.success(), "building the harness");

    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let seed = fixture("fixtures/xml/seed-sample.xml");
    // The seed declares `i` on the root, so nil can be written anywhere.
    for (name, from, to, _) in CASES {
        let doc = if from.is_empty() { seed.clone() } else { replace_once(&seed, from, to) };
        std::fs::write(input.join(format!("{name}.xml")), doc).unwrap();
    }
    let output = dir.path().join("out");
    let out = Command::new("mono").arg(&harness).arg("roundtrip").arg(&input).arg(&output).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    for (name, _, _, fails) in CASES {
        let dotnet_failed = output.join("errors").join(format!("{name}.xml.txt")).exists();
        assert_eq!(dotnet_failed, *fails, "{name}: .NET's verdict changed");
        let findings = validate_xml(&std::fs::read(input.join(format!("{name}.xml"))).unwrap());
        let errors: Vec<Code> = findings.iter().filter(|f| f.severity() == Severity::Error).map(|f| f.code()).collect();
        assert_eq!(!errors.is_empty(), *fails, "{name}: {findings:#?}");
        // Documents .NET reads as written have no finding; the others a warning at least.
        let as_written = matches!(*name, "clean" | "bool-one");
        assert_eq!(findings.is_empty(), as_written, "{name}: {findings:#?}");
    }
}
