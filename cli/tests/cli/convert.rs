//! The command line: exit codes, output, and error messages with file, line, column and
//! member path.

use crate::common;

use std::process::{Command, Output};

fn bin() -> Command {
    common::command()
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    common::run_cli(args, stdin)
}

#[test]
fn convert_reencodes_a_file() {
    let path = common::root().join("fixtures/xml/servicestack/0003.xml");
    let out = bin().arg("convert").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.stdout, common::read(&path));
}

#[test]
fn convert_reads_stdin_and_leaves_out_the_declaration() {
    let seed = common::read(&common::root().join("fixtures/xml/seed-sample.xml"));
    for args in [&["convert", "--no-declaration"][..], &["convert", "--no-declaration", "-"][..]] {
        let out = run_with_stdin(args, &seed);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(out.stdout, seed);
    }
}

#[test]
fn convert_writes_the_wcf_dialect() {
    let ss = common::read(&common::root().join("fixtures/xml/edges/dictionary.servicestack.xml"));
    let wcf = common::read(&common::root().join("fixtures/xml/edges/dictionary.wcf.xml"));
    let out = run_with_stdin(&["convert", "--dialect", "wcf"], &ss);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, wcf);
}

#[test]
fn bad_input_exits_1_with_position_and_path() {
    let doc = "<AppGetActiveSessionsResult xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal\">\n\
               <Sessions xmlns:s=\"http://schemas.datacontract.org/2004/07/Voice.Api.Sessions\">\n\
               <s:SessionInfo/><s:SessionInfo><s:Members><s:SessionMemberInfo><s:Role>Boss Man</s:Role>\n\
               </s:SessionMemberInfo></s:Members></s:SessionInfo></Sessions></AppGetActiveSessionsResult>";
    let out = run_with_stdin(&["convert"], doc.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("<stdin>:3:64: error: invalid enum value 'Boss Man'"), "{stderr}");
    assert!(stderr.contains("at Sessions[1].Members[0].Role"), "{stderr}");
}

#[test]
fn malformed_xml_exits_1() {
    let path = std::env::temp_dir().join("evovoice-cli-malformed.xml");
    std::fs::write(
        &path,
        "<AppGetActiveSessionsResult xmlns=\"http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal\">\n  <Sessions>\n</AppGetActiveSessionsResult>",
    )
    .unwrap();
    let out = bin().arg("convert").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with(&format!("{}:3:", path.display())), "{stderr}");
}

#[test]
fn an_unknown_root_is_bad_input_with_a_position() {
    let out = run_with_stdin(&["convert"], b"\n  <Nope/>");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("<stdin>:2:3: error: the root element 'Nope'"), "{stderr}");
}

#[test]
fn usage_errors_and_unreadable_files_exit_2() {
    assert_eq!(bin().output().unwrap().status.code(), Some(2));
    assert_eq!(bin().args(["convert", "--bogus"]).output().unwrap().status.code(), Some(2));
    assert_eq!(bin().args(["convert", "--dialect", "soap"]).output().unwrap().status.code(), Some(2));
    let out = bin().args(["convert", "/nonexistent/file.xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.xml"));
}

#[test]
fn help_exits_0() {
    let out = bin().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("convert"));
}

#[test]
fn convert_reads_utf16_as_dotnet_does() {
    for (utf16, canonical, dialect) in [
        ("fixtures/xml/utf16/0001.utf-16le.xml", "fixtures/xml/servicestack/0001.xml", "servicestack"),
        ("fixtures/xml/utf16/0002.utf-16be.xml", "fixtures/xml/wcf/0002.xml", "wcf"),
    ] {
        let path = common::root().join(utf16);
        // From a file and through a pipe (the format is told from the bytes).
        let from_file = bin().args(["convert", "--dialect", dialect]).arg(&path).output().unwrap();
        let from_pipe = run_with_stdin(&["convert", "--dialect", dialect], &common::read(&path));
        for out in [from_file, from_pipe] {
            assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
            assert_eq!(out.stdout, common::read(&common::root().join(canonical)), "{utf16}");
        }
    }
    // Without a declaration naming the encoding, .NET refuses the document, and so does
    // the command.
    let bare: Vec<u8> = [0xFF, 0xFE].into_iter().chain("<a/>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let out = run_with_stdin(&["convert"], &bare);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("must name its encoding"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn two_byte_order_marks_are_xml_that_dotnet_refuses() {
    let seed = common::read(&common::root().join("fixtures/xml/seed-sample.xml"));
    let doubled = [b"\xEF\xBB\xBF\xEF\xBB\xBF".as_slice(), &seed].concat();
    let out = run_with_stdin(&["convert"], &doubled);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a second byte order mark"), "{stderr}");
}
