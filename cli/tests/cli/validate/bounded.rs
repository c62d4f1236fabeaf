//! Reading is bounded: an endless input is too large (E011) within seconds, and costs no
//! more memory than the size limit.

use crate::common::{self, run_with_timeout, text};
use std::process::Stdio;
use std::time::Duration;

/// The most resident memory an endless input may cost, in KiB.
const MAX_RSS_KIB: i64 = 64 * 1024;
const TIMEOUT: Duration = Duration::from_secs(20);

fn check_endless(out: &common::Measured, name: &str) {
    let stdout = text(&out.stdout);
    assert_eq!(out.code, Some(1), "{stdout}{}", text(&out.stderr));
    assert!(stdout.starts_with(&format!("{name}:1:16777217: error[E011]: ")), "{stdout}");
    assert!(stdout.ends_with("1 file, 1 error, 0 warnings\n"), "{stdout}");
    assert!(out.max_rss_kib < MAX_RSS_KIB, "{name}: {} KiB resident", out.max_rss_kib);
}

#[test]
fn dev_zero_as_a_file_is_too_large_within_the_memory_bound() {
    let out = run_with_timeout(common::command().args(["validate", "/dev/zero"]), TIMEOUT);
    check_endless(&out, "/dev/zero");
}

#[test]
fn dev_zero_on_stdin_is_too_large_within_the_memory_bound() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = run_with_timeout(common::command().args(["validate", "-"]).stdin(Stdio::from(zero)), TIMEOUT);
    check_endless(&out, "<stdin>");
}

#[test]
fn the_limit_can_be_set_and_a_document_at_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let doc = std::fs::read(common::root().join("fixtures/xml/seed-sample.xml")).unwrap();
    let path = common::write(dir.path(), "seed.xml", &doc);
    let path = path.to_str().unwrap();
    let at = doc.len().to_string();
    let out = common::command().args(["validate", "--max-document-bytes", &at, path]).output().unwrap();
    assert_eq!(text(&out.stdout), "1 file, 0 errors, 0 warnings\n");
    let below = (doc.len() - 1).to_string();
    let out = common::command().args(["validate", "--max-document-bytes", &below, path]).output().unwrap();
    let stdout = text(&out.stdout);
    // The first byte past the limit is the document's last: its line, and its column in
    // characters.
    let before = std::str::from_utf8(&doc[..doc.len() - 1]).unwrap();
    let lines = before.matches('\n').count() + 1;
    let last = before.rsplit('\n').next().unwrap().chars().count() + 1;
    assert!(
        stdout.starts_with(&format!("{path}:{lines}:{last}: error[E011]: the document is larger than {below} bytes")),
        "{stdout}"
    );
}

/// A document of millions of problems: the findings are counted past `max_findings`, not
/// kept, so memory stays near the document's own size.
#[test]
fn millions_of_findings_cost_no_memory_beyond_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc =
        br#"<AppGetActiveSessionsResult xmlns="http://schemas.datacontract.org/2004/07/Voice.Api.App.Portal">"#
            .to_vec();
    doc.extend(b"<x/>".repeat(2_000_000));
    doc.extend(b"</AppGetActiveSessionsResult>");
    let path = common::write(dir.path(), "unknown.xml", &doc);
    let limit = (doc.len() + 1).to_string();
    let out = run_with_timeout(
        common::command().args(["validate", "--max-document-bytes", &limit, path.to_str().unwrap()]),
        TIMEOUT,
    );
    let stdout = text(&out.stdout);
    assert!(stdout.ends_with("1 file, 1 error, 1001 warnings\n"), "{}", &stdout[stdout.len().saturating_sub(500)..]);
    assert!(stdout.contains("warning[W009]: 1999001 more warnings, not listed (max_findings is 1000)"));
    // 8 MB of document; without the cap, two million findings took hundreds of megabytes.
    assert!(out.max_rss_kib < MAX_RSS_KIB, "{} KiB resident", out.max_rss_kib);
}

/// 200,000 dictionary keys: the check for repeated keys stays linear (a scan per key took
/// tens of seconds), and the document's item limit stops reading.
#[test]
fn a_dictionary_of_200000_keys_is_checked_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let keys: Vec<String> = (0..200_000).map(|i| format!("\"k{i}\":\"v\"")).collect();
    let doc = format!(r#"{{"sessions":[{{"members":[{{"applicationData":{{{}}}}}]}}]}}"#, keys.join(","));
    let path = common::write(dir.path(), "keys.json", doc.as_bytes());
    let out = run_with_timeout(common::command().args(["validate", path.to_str().unwrap()]), TIMEOUT);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("error[E011]: Sessions[0].Members[0].ApplicationData"), "{stdout}");
    assert!(stdout.contains("(max_items)"), "{stdout}");
    assert!(out.max_rss_kib < MAX_RSS_KIB, "{} KiB resident", out.max_rss_kib);
}
