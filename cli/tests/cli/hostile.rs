//! The command line under hostile input: empty, binary garbage, mangled documents, invalid
//! UTF-8, huge and deep input. It never panics, exits with 0, 1 or 2 only, and every error
//! about the input names the file, line and column.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    common::command()
}

fn convert_stdin(stdin: &[u8], extra: &[&str]) -> Output {
    let args: Vec<&str> = std::iter::once("convert").chain(extra.iter().copied()).collect();
    common::run_cli(&args, stdin)
}

fn convert_file(path: &Path, extra: &[&str]) -> Output {
    bin().arg("convert").args(extra).arg(path).output().unwrap()
}

/// Checks the rules every run keeps, and returns the exit code and stderr.
fn check(out: &Output, name: &str, what: &str) -> (i32, String) {
    let code = out.status.code().unwrap_or_else(|| panic!("{what}: killed by a signal: {:?}", out.status));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(matches!(code, 0..=2), "{what}: exit code {code}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    match code {
        0 => assert!(!out.stdout.is_empty() && stderr.is_empty(), "{what}: {stderr}"),
        1 => {
            assert!(out.stdout.is_empty(), "{what}");
            let (line, column) = location(&stderr, name).unwrap_or_else(|| panic!("{what}: no location in {stderr:?}"));
            assert!(line >= 1 && column >= 1, "{what}: {stderr}");
        }
        _ => {}
    }
    (code, stderr)
}

/// The line and column of an error `NAME:LINE:COL: error: …`.
fn location(stderr: &str, name: &str) -> Option<(usize, usize)> {
    let rest = stderr.strip_prefix(name)?.strip_prefix(':')?;
    let (position, message) = rest.split_once(": error: ")?;
    assert!(!message.trim().is_empty() && stderr.ends_with('\n') && stderr.lines().count() == 1, "{stderr:?}");
    let (line, column) = position.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A small deterministic generator (xorshift64*), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn seed() -> Vec<u8> {
    common::read(&common::root().join("fixtures/xml/seed-sample.xml"))
}

#[test]
fn empty_input_is_bad_input_with_a_location() {
    for input in [&b""[..], b"   ", b"\n\n", b"\xEF\xBB\xBF"] {
        let out = convert_stdin(input, &[]);
        let (code, stderr) = check(&out, "<stdin>", "empty");
        assert_eq!(code, 1);
        assert!(stderr.contains("cannot tell whether the input is XML or JSON"), "{stderr}");
        for format in ["xml", "json"] {
            let out = convert_stdin(input, &["--from", format]);
            let (code, stderr) = check(&out, "<stdin>", format);
            assert_eq!(code, 1, "{stderr}");
        }
    }
    let (_, stderr) = check(&convert_stdin(b"\n\n", &["--from", "xml"]), "<stdin>", "xml");
    assert!(stderr.starts_with("<stdin>:3:1: error: the document has no root element"), "{stderr}");
}

#[test]
fn random_bytes_and_mangled_documents_never_crash_the_tool() {
    let seed_doc = seed();
    let wcf = common::read(&common::root().join("fixtures/xml/edges/dictionary.wcf.xml"));
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut codes = [0usize; 3];
    for round in 0..240 {
        let input: Vec<u8> = match round % 4 {
            // Bytes of any value.
            0 => (0..rng.below(600)).map(|_| rng.next() as u8).collect(),
            // Markup soup from the document's own bytes.
            1 => (0..rng.below(400)).map(|_| seed_doc[rng.below(seed_doc.len())]).collect(),
            // A document with a few bytes changed.
            2 => {
                let mut doc = if round % 8 == 2 { seed_doc.clone() } else { wcf.clone() };
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(doc.len());
                    doc[at] = rng.next() as u8;
                }
                doc
            }
            // A document with a slice cut out or repeated.
            _ => {
                let mut doc = seed_doc.clone();
                let a = rng.below(doc.len());
                let b = (a + rng.below(200)).min(doc.len());
                if rng.below(2) == 0 {
                    doc.drain(a..b);
                } else {
                    let part = doc[a..b].to_vec();
                    doc.splice(a..a, part);
                }
                doc
            }
        };
        let extra: &[&str] = if round % 3 == 0 { &["--dialect", "wcf"] } else { &[] };
        let out = convert_stdin(&input, extra);
        let (code, _) = check(&out, "<stdin>", &format!("round {round}: {:?}", String::from_utf8_lossy(&input)));
        codes[code as usize] += 1;
    }
    // Most inputs are bad, and some changes leave a document that still converts.
    assert!(codes[1] > 150 && codes[0] > 0, "{codes:?}");
}

#[test]
fn invalid_utf8_names_the_file_line_and_column() {
    let mut doc = seed();
    let line_start = doc.iter().position(|&b| b == b'>').unwrap() + 1;
    doc.splice(line_start..line_start, *b"\n  \xFF");
    let path = temp_file("hostile-invalid-utf8.xml", &doc);
    let out = convert_file(&path, &[]);
    let (code, stderr) = check(&out, &path.display().to_string(), "invalid UTF-8");
    assert_eq!(code, 1);
    assert!(stderr.contains(":2:3: error: invalid UTF-8"), "{stderr}");
}

#[test]
fn deep_and_huge_input_are_limit_errors_with_a_location() {
    let session =
        "<AppGetActiveSessionsResult xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal\">\n\
                   <Sessions xmlns:s=\"http://schemas.datacontract.org/2004/07/Voice.Api.Sessions\">\n<s:SessionInfo>";
    let end = "</s:SessionInfo></Sessions></AppGetActiveSessionsResult>";

    let deep = format!("{session}<s:Nope>{}{}</s:Nope>{end}", "<u>".repeat(1_000_000), "</u>".repeat(1_000_000));
    let (code, stderr) = check(&convert_stdin(deep.as_bytes(), &[]), "<stdin>", "deep");
    assert_eq!(code, 1);
    assert!(stderr.starts_with("<stdin>:3:") && stderr.contains("(max_depth) at Sessions[0]"), "{stderr}");

    let long = format!("{session}<s:AccountId>{}</s:AccountId>{end}", "a".repeat(20 << 20));
    let (code, stderr) = check(&convert_stdin(long.as_bytes(), &[]), "<stdin>", "a 20 MiB string");
    assert_eq!(code, 1);
    assert!(stderr.starts_with("<stdin>:3:29: error:"), "{stderr}");
    assert!(stderr.contains("(max_string_bytes) at Sessions[0].AccountId"), "{stderr}");

    let many = format!("{session}</s:SessionInfo>{}<s:SessionInfo>{end}", "<s:SessionInfo/>".repeat(200_000));
    let (code, stderr) = check(&convert_stdin(many.as_bytes(), &[]), "<stdin>", "200,000 sessions");
    assert_eq!(code, 1);
    assert!(stderr.contains("(max_items) at Sessions[100000]"), "{stderr}");
}

#[test]
fn a_file_over_the_document_limit_is_not_read_whole() {
    // A sparse file of 300 MiB: the tool reads one byte past the 256 MiB limit and stops.
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-huge.xml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(300 << 20).unwrap();
    drop(file);
    for format in ["xml", "json"] {
        let out = convert_file(&path, &["--from", format]);
        let (code, stderr) = check(&out, &path.display().to_string(), "300 MiB");
        assert_eq!(code, 1);
        assert!(stderr.contains(":1:268435457: error: the document is larger than the limit"), "{stderr}");
        assert!(stderr.contains("(max_document_bytes)"), "{stderr}");
    }
    let _ = std::fs::remove_file(&path);
}

#[test]
fn dtds_and_entities_are_bad_input() {
    let doc = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n{}",
        String::from_utf8(seed()).unwrap().replacen("<d2p1:AccountId>", "<d2p1:AccountId>&e;", 1)
    );
    let (code, stderr) = check(&convert_stdin(doc.as_bytes(), &[]), "<stdin>", "DTD");
    assert_eq!(code, 1);
    assert!(stderr.starts_with("<stdin>:2:1: error: a DTD is not allowed"), "{stderr}");
    assert!(!stderr.contains("root:x"), "{stderr}");
}

#[test]
fn an_encoding_error_points_at_the_member_in_the_input() {
    // WCF's dialect carries U+0001 as a reference; ServiceStack's cannot write it.
    let doc = String::from_utf8(common::read(&common::root().join("fixtures/xml/edges/text-markup.wcf.xml")))
        .unwrap()
        .replacen("<a:AccountId>", "\n  <a:AccountId>&#x1;", 1);
    assert!(doc.contains("&#x1;"));
    let path = temp_file("hostile-control.wcf.xml", doc.as_bytes());
    let (code, _) = check(&convert_file(&path, &["--dialect", "wcf"]), "", "WCF to WCF");
    assert_eq!(code, 0);
    let out = convert_file(&path, &[]);
    let (code, stderr) = check(&out, &path.display().to_string(), "WCF to ServiceStack");
    assert_eq!(code, 1);
    assert!(stderr.contains(":2:3: error: the character U+0001"), "{stderr}");
    assert!(stderr.trim_end().ends_with("at Sessions[0].AccountId"), "{stderr}");
}

#[test]
fn unreadable_inputs_exit_2_naming_the_file() {
    let dir = env!("CARGO_TARGET_TMPDIR");
    for path in [dir, "/nonexistent/x.xml"] {
        let out = convert_file(Path::new(path), &[]);
        let (code, stderr) = check(&out, path, "unreadable");
        assert_eq!(code, 2);
        assert!(stderr.contains(path), "{stderr}");
    }
    // Arguments that are not UTF-8 are a file name like any other.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"/nonexistent/\xFF.xml");
        let out = bin().arg("convert").arg(name).output().unwrap();
        let (code, _) = check(&out, "", "a file name that is not UTF-8");
        assert_eq!(code, 2);
    }
}

#[test]
fn mangled_json_never_crashes_the_tool() {
    let seed_doc = common::read(&common::root().join("fixtures/json/seed-sample.json"));
    let mut rng = Rng(0x5EED_1234_ABCD_0002);
    let mut codes = [0usize; 3];
    for round in 0..120 {
        let mut doc = seed_doc.clone();
        match round % 3 {
            0 => {
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(doc.len());
                    let bytes = b"{}[]\",:\\u0aZ \xFF";
                    doc[at] = bytes[rng.below(bytes.len())];
                }
            }
            1 => {
                let a = rng.below(doc.len());
                let b = (a + rng.below(100)).min(doc.len());
                doc.drain(a..b);
            }
            _ => {
                let at = rng.below(doc.len());
                let deep = if rng.below(2) == 0 { "[".repeat(100_000) } else { "{\"a\":".repeat(50_000) };
                doc.splice(at..at, deep.into_bytes());
            }
        }
        let extra: &[&str] = match round % 4 {
            0 => &["--to", "xml"],
            1 => &["--to", "xml", "--dialect", "wcf"],
            2 => &["--from", "json", "--pretty"],
            _ => &[],
        };
        let out = convert_stdin(&doc, extra);
        let (code, _) = check(&out, "<stdin>", &format!("round {round}: {:?}", String::from_utf8_lossy(&doc)));
        codes[code as usize] += 1;
    }
    assert!(codes[1] > 60, "{codes:?}");
}
