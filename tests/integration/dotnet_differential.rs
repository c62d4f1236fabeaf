//! The crate against .NET itself: a C# harness (dotnet/Harness.cs), compiled with Mono's
//! `mcs` and run with `mono`, drives the real DataContractSerializer.
//!
//! (a) .NET writes thousands of random responses in both dialects; the crate decodes each
//!     and re-encodes it to the identical bytes, and converts each dialect into the other
//!     as .NET wrote it.
//! (b) The crate writes documents for property-test values (and rewritten forms of .NET's
//!     documents); .NET reads them and writes them back, which gives the crate's bytes
//!     again: .NET read them into the same object. Among the values, a set with hostile
//!     strings (markup fragments, every kind of whitespace and separator, noncharacters,
//!     controls, long strings), written in both of the crate's dialects.
//!
//! Needs Mono: `apt-get install -y mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil`.
//! Under `CI=true` a missing Mono fails the test; elsewhere the test says so and passes.

use crate::common;

use evovoice_contracts::app::portal::AppGetActiveSessionsResult;
use evovoice_contracts::arbitrary::{self as strategies, Chars};
use evovoice_contracts::document::Document;
use evovoice_contracts::xml::{self, Dialect, XmlOptions};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::{Path, PathBuf};
use std::process::Command;

const GENERATED: usize = 2000;
/// Values with hostile strings, on top of a third as many error responses.
const HOSTILE: usize = 300;
const SEED: u32 = 20261127;

fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Builds the harness, or explains why it cannot.
pub(crate) fn harness() -> Option<PathBuf> {
    if !have("mcs") || !have("mono") {
        let how = "install Mono: apt-get install -y mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("the .NET differential test needs Mono in CI; {how}");
        }
        eprintln!("dotnet differential: skipped, Mono is not installed ({how})");
        return None;
    }
    // Built once per test process: the tests that use it run in parallel and must not
    // write the same file at once.
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let exe = BUILT.get_or_init(|| {
        let exe = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dotnet/harness.exe");
        let status = Command::new("bash").arg(common::root().join("dotnet/build.sh")).arg(&exe).status().unwrap();
        assert!(status.success(), "building the .NET harness failed");
        exe
    });
    Some(exe.clone())
}

pub(crate) fn run(exe: &Path, args: &[&str]) {
    let out = Command::new("mono").arg(exe).args(args).output().unwrap();
    assert!(out.status.success(), "harness {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dotnet").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn sample<T: std::fmt::Debug>(strategy: impl Strategy<Value = T>, count: usize, seed: u8) -> Vec<T> {
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    (0..count).map(|_| strategy.new_tree(&mut runner).unwrap().current()).collect()
}

struct Tally {
    documents: usize,
    mismatches: Vec<String>,
}

impl Tally {
    fn check(&mut self, what: impl std::fmt::Display, expected: &[u8], actual: &[u8]) {
        self.documents += 1;
        if expected != actual {
            let at = expected.iter().zip(actual).position(|(a, b)| a != b).unwrap_or(expected.len().min(actual.len()));
            let lo = at.saturating_sub(60);
            self.mismatches.push(format!(
                "{what}: differs at byte {at}\n  expected: {}\n  actual:   {}",
                String::from_utf8_lossy(&expected[lo..(at + 60).min(expected.len())]),
                String::from_utf8_lossy(&actual[lo..(at + 60).min(actual.len())])
            ));
        }
    }
}

fn reencode(bytes: &[u8], options: &XmlOptions) -> Vec<u8> {
    match Document::from_xml(bytes).and_then(|d| d.to_xml(options)) {
        Ok(b) => b,
        Err(e) => format!("error: {e}").into_bytes(),
    }
}

#[test]
fn dotnet_differential() {
    let Some(exe) = harness() else { return };
    let wcf = XmlOptions::new().dialect(Dialect::Wcf);
    let ss = XmlOptions::new();
    let mut tally = Tally { documents: 0, mismatches: Vec::new() };

    // (a) .NET writes, the crate reproduces.
    let generated = fresh_dir("generated");
    run(&exe, &["generate", &GENERATED.to_string(), &SEED.to_string(), generated.to_str().unwrap()]);
    let ss_docs = files(&generated.join("servicestack"));
    let wcf_docs = files(&generated.join("wcf"));
    assert_eq!((ss_docs.len(), wcf_docs.len()), (GENERATED, GENERATED));
    for (ss_path, wcf_path) in ss_docs.iter().zip(&wcf_docs) {
        let (ss_bytes, wcf_bytes) = (common::read(ss_path), common::read(wcf_path));
        tally.check(ss_path.display(), &ss_bytes, &reencode(&ss_bytes, &ss));
        tally.check(wcf_path.display(), &wcf_bytes, &reencode(&wcf_bytes, &wcf));
        tally.check(format_args!("{} as ServiceStack", wcf_path.display()), &ss_bytes, &reencode(&wcf_bytes, &ss));
        tally.check(format_args!("{} as WCF", ss_path.display()), &wcf_bytes, &reencode(&ss_bytes, &wcf));
    }

    // (b) The crate writes, .NET reads and writes back.
    let ours = fresh_dir("crate-written");
    // .NET cannot read enum names it does not know; those are the crate's own extension.
    let mut xml_values = sample(strategies::result(Chars::Xml), 400, 1);
    let mut any_values = sample(strategies::result(Chars::Any), 200, 2);
    let errors = sample(strategies::error_response(Chars::Xml), 100, 3);
    xml_values.iter_mut().chain(any_values.iter_mut()).for_each(|v| common::known_enums_only(v));
    let mut expected: Vec<(String, Option<Vec<u8>>, Vec<u8>)> = Vec::new();
    for (i, value) in xml_values.iter().enumerate() {
        let name = format!("x{i:04}.xml");
        std::fs::write(ours.join(&name), xml::to_vec_with(value, &ss).unwrap()).unwrap();
        // .NET's ServiceStack writer turns a carriage return into a newline, so only the
        // WCF form, which keeps it, is comparable for values that hold one.
        let has_cr = format!("{value:?}").contains("\\r");
        let ss_bytes = (!has_cr).then(|| xml::to_vec_with(value, &ss).unwrap());
        expected.push((name, ss_bytes, xml::to_vec_with(value, &wcf).unwrap()));
    }
    for (i, value) in any_values.iter().enumerate() {
        let name = format!("y{i:04}.xml");
        let wcf_bytes = xml::to_vec_with(value, &wcf).unwrap();
        std::fs::write(ours.join(&name), &wcf_bytes).unwrap();
        expected.push((name, None, wcf_bytes));
    }
    for (i, value) in errors.iter().enumerate() {
        let name = format!("z{i:04}.xml");
        std::fs::write(ours.join(&name), xml::to_vec_with(value, &wcf).unwrap()).unwrap();
        let has_cr = format!("{value:?}").contains("\\r");
        expected.push((
            name,
            (!has_cr).then(|| xml::to_vec_with(value, &ss).unwrap()),
            xml::to_vec_with(value, &wcf).unwrap(),
        ));
    }
    // Hostile strings (see `arbitrary::HOSTILE_PIECES`), in both of the crate's dialects:
    // whatever the crate writes without an error, .NET reads into the same object. The
    // ServiceStack dialect refuses characters XML forbids; WCF's writes them all.
    let mut hostile_results = sample(strategies::result(Chars::Hostile), HOSTILE, 4);
    hostile_results.iter_mut().for_each(|v| common::known_enums_only(v));
    let hostile_errors = sample(strategies::error_response(Chars::Hostile), HOSTILE / 3, 5);
    let hostile: Vec<(String, Vec<u8>, evovoice_contracts::Result<Vec<u8>>)> = hostile_results
        .iter()
        .map(|v| (format!("{v:?}"), xml::to_vec_with(v, &wcf).unwrap(), xml::to_vec_with(v, &ss)))
        .chain(
            hostile_errors
                .iter()
                .map(|v| (format!("{v:?}"), xml::to_vec_with(v, &wcf).unwrap(), xml::to_vec_with(v, &ss))),
        )
        .collect();
    let mut refused = 0;
    for (i, (debug, wcf_bytes, ss_bytes)) in hostile.iter().enumerate() {
        let has_cr = debug.contains("\\r");
        std::fs::write(ours.join(format!("h{i:04}-wcf.xml")), wcf_bytes).unwrap();
        match ss_bytes {
            Ok(ss_bytes) => {
                std::fs::write(ours.join(format!("h{i:04}-ss.xml")), ss_bytes).unwrap();
                let ss_expected = (!has_cr).then(|| ss_bytes.clone());
                expected.push((format!("h{i:04}-ss.xml"), ss_expected.clone(), wcf_bytes.clone()));
                expected.push((format!("h{i:04}-wcf.xml"), ss_expected, wcf_bytes.clone()));
            }
            Err(e) => {
                assert_eq!(e.category(), evovoice_contracts::error::Category::Unencodable, "{e}");
                refused += 1;
                expected.push((format!("h{i:04}-wcf.xml"), None, wcf_bytes.clone()));
            }
        }
    }
    // Both kinds occur: values with characters only WCF can write, and values both write.
    assert!(refused > HOSTILE / 10 && refused < hostile.len() - HOSTILE / 10, "{refused} of {}", hostile.len());
    for path in ss_docs.iter().take(300) {
        // Rewritten forms (other prefixes, indentation, comments, CDATA) of .NET's own.
        let name = format!("r-{}", path.file_name().unwrap().to_string_lossy());
        let original = common::read(path);
        std::fs::write(ours.join(&name), common::rewrite::rewrite(&original)).unwrap();
        let wcf_name = generated.join("wcf").join(path.file_name().unwrap());
        expected.push((name, Some(original), common::read(&wcf_name)));
    }
    let hostile_checks: usize = expected
        .iter()
        .filter(|(name, _, _)| name.starts_with('h'))
        .map(|(_, ss, _)| 1 + usize::from(ss.is_some()))
        .sum();
    let back = fresh_dir("dotnet-read");
    run(&exe, &["roundtrip", ours.to_str().unwrap(), back.to_str().unwrap()]);
    for (name, ss_bytes, wcf_bytes) in &expected {
        let read_back = |dialect: &str| {
            std::fs::read(back.join(dialect).join(name)).unwrap_or_else(|_| {
                let why = std::fs::read_to_string(back.join("errors").join(format!("{name}.txt")))
                    .or_else(|_| std::fs::read_to_string(back.join("errors").join(format!("{name}.{dialect}.txt"))))
                    .unwrap_or_default();
                format!(".NET wrote no {dialect} output: {why}").into_bytes()
            })
        };
        tally.check(format_args!("{name} via .NET (WCF)"), wcf_bytes, &read_back("wcf"));
        if let Some(ss_bytes) = ss_bytes {
            tally.check(format_args!("{name} via .NET (ServiceStack)"), ss_bytes, &read_back("servicestack"));
        }
    }
    // The generated values really exercise carriage returns and control characters.
    assert!(expected.iter().filter(|(_, ss, _)| ss.is_none()).count() > 100);
    let sample_value: AppGetActiveSessionsResult = xml::from_slice(&common::read(&ss_docs[1])).unwrap();
    assert!(sample_value.sessions.is_some());

    // Written to the process's stderr directly, past the test harness's capture, so that
    // the tally shows in every run's output.
    let mut report =
        format!("dotnet differential: {} documents, {} mismatches\n", tally.documents, tally.mismatches.len());
    report.push_str(&format!(
        "  of which {hostile_checks} with hostile strings ({} values; {refused} refused by the ServiceStack dialect)\n",
        hostile.len()
    ));
    for m in tally.mismatches.iter().take(10) {
        report.push_str(m);
        report.push('\n');
    }
    let _ = std::io::Write::write_all(&mut std::io::stderr(), report.as_bytes());
    assert!(tally.mismatches.is_empty(), "{} mismatches with .NET", tally.mismatches.len());
}
