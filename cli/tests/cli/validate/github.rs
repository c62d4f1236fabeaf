//! `--format github` with `GITHUB_STEP_SUMMARY`: every finding annotated, every file with a
//! finding in the Markdown summary, and a notice when GitHub would hide annotations.

use crate::common::{self, text, write};

/// `n` files, each with an error and a warning, and a clean one.
fn tree(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        write(dir.path(), &format!("f{i:02}|x.json"), br#"{"sessions":[{"ended":"no","colour":"<b>*a*</b>"}]}"#);
    }
    write(dir.path(), "clean.json", b"{}");
    dir
}

#[test]
fn every_finding_is_annotated_and_summarised() {
    let dir = tree(12);
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = common::command()
        .args(["validate", "--format", "github", dir.path().to_str().unwrap()])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.iter().filter(|l| l.starts_with("::error file=")).count(), 12);
    assert_eq!(lines.iter().filter(|l| l.starts_with("::warning file=")).count(), 12);
    let notices: Vec<&&str> = lines.iter().filter(|l| l.starts_with("::notice ")).collect();
    assert_eq!(notices.len(), 1, "{stdout}");
    assert!(
        notices[0].contains("12 errors and 12 warnings") && notices[0].contains("4 are not shown"),
        "{}",
        notices[0]
    );
    assert_eq!(lines.last(), Some(&"13 files, 12 errors, 12 warnings"));

    let markdown = std::fs::read_to_string(&summary).unwrap();
    assert!(markdown.starts_with("earlier step\n## evovoice-contracts validate\n"), "{markdown}");
    for i in 0..12 {
        let heading = format!(
            "### {}/f{i:02}\\|x\\.json\n",
            dir.path().display().to_string().replace('.', "\\.").replace('-', "\\-").replace('_', "\\_")
        );
        assert!(markdown.contains(&heading), "{heading} in {markdown}");
    }
    assert!(!markdown.contains("clean"));
    let rows: Vec<&str> = markdown.lines().filter(|l| l.starts_with("| 1 |")).collect();
    assert_eq!(rows.len(), 24);
    assert!(
        rows.iter().any(|r| r.starts_with("| 1 | 23 | E004 invalid-boolean | Sessions\\[0\\]\\.Ended | ")),
        "{rows:?}"
    );
    // The value's markup is escaped: a cell holds text, no HTML or emphasis.
    assert!(rows.iter().all(|r| !r.contains("<b>") && !r.contains(" *a*")), "{rows:?}");
    assert!(markdown.trim_end().ends_with("**13 files, 12 errors, 12 warnings**"), "{markdown}");
}

#[test]
fn no_notice_while_github_shows_every_annotation_and_no_summary_without_the_variable() {
    let dir = tree(10);
    let out = common::command()
        .args(["validate", "--format", "github", dir.path().to_str().unwrap()])
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(!stdout.contains("::notice"), "{stdout}");
    assert_eq!(stdout.lines().count(), 21);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 11);
}
