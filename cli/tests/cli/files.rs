//! Files the command line writes: whole or not at all, never through a symbolic link, never
//! over one of the inputs. A write error is made with a file size limit (`RLIMIT_FSIZE`,
//! which binds root too), a device (`/dev/full`) or a path whose parent is a file.

use crate::common::{self, text, write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BAD: &[u8] = br#"{"sessions":[{"ended":"no"}]}"#;
const FORMATS: [&str; 5] = ["human", "json", "github", "sarif", "junit"];

/// The command line started in `dir`.
fn in_dir(dir: &Path) -> Command {
    let mut command = common::command();
    command.current_dir(dir);
    command
}

/// Limits the files `command` writes to `bytes` each: a write past it fails with EFBIG
/// (SIGXFSZ, which would end the process, is ignored, and stays ignored across exec).
fn limit_file_size(command: &mut Command, bytes: u64) -> &mut Command {
    // SAFETY: setrlimit and signal are async-signal-safe; nothing is allocated.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        })
    }
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// The names and bytes of the files in `dir`, sorted.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    names(dir).into_iter().map(|n| (n.clone(), common::read(&dir.join(n)))).collect()
}

fn assert_refused(out: &Output, expected: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains(expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn validate_refuses_an_output_that_is_an_input_before_reading_anything() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.json", BAD);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("in.json", dir.path().join("link.json")).unwrap();
    std::fs::hard_link(&input, dir.path().join("hard.json")).unwrap();
    let absolute = input.to_str().unwrap();
    // The same file by its name, through a link, by another spelling, by a hard link.
    let cases: [(&str, &str); 5] = [
        ("in.json", "in.json"),
        ("link.json", "in.json"),
        ("in.json", "link.json"),
        ("sub/../in.json", absolute),
        ("hard.json", "./in.json"),
    ];
    for format in FORMATS {
        for (output, named) in cases {
            let out = in_dir(dir.path())
                .args(["validate", "--format", format, "-o", output, "a.xml", named])
                .output()
                .unwrap();
            assert_refused(&out, "is also an input");
            assert_eq!(common::read(&input), BAD, "{format} -o {output} {named}");
            // Refused before anything is read or written: no finding, no summary.
            assert_eq!(text(&out.stdout), "");
            assert_eq!(text(&out.stderr).lines().count(), 1, "{}", text(&out.stderr));
        }
    }
    // Stdin read from the output file.
    let out = in_dir(dir.path())
        .args(["validate", "-o", "in.json", "-"])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    assert_refused(&out, "is also an input (-)");
    assert_eq!(names(dir.path()), ["hard.json", "in.json", "link.json", "sub"]);
}

#[test]
fn validate_leaves_its_own_output_out_of_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "tree/a.json", BAD);
    write(dir.path(), "tree/b.json", b"{}");
    for format in ["json", "sarif", "junit", "human"] {
        let report = format!("tree/report.{}", if format == "junit" { "xml" } else { "json" });
        let run = || in_dir(dir.path()).args(["validate", "--format", format, "-o", &report, "tree"]).output().unwrap();
        let first = run();
        assert_eq!(first.status.code(), Some(1), "{}", text(&first.stderr));
        let written = common::read(&dir.path().join(&report));
        // The report is in the tree now, and the next run leaves it out, as the first did.
        let second = run();
        assert_eq!(second.status.code(), Some(1), "{}", text(&second.stderr));
        assert!(text(&second.stderr).contains("2 files, 1 error, 0 warnings"), "{format}: {}", text(&second.stderr));
        if format == "json" || format == "human" {
            assert_eq!(common::read(&dir.path().join(&report)), written, "{format}");
        }
        std::fs::remove_file(dir.path().join(&report)).unwrap();
    }
    // A link in the tree to the output is the output too.
    write(dir.path(), "report.json", b"");
    std::os::unix::fs::symlink("../report.json", dir.path().join("tree/link.json")).unwrap();
    let out = in_dir(dir.path()).args(["validate", "--format", "json", "-o", "report.json", "tree"]).output().unwrap();
    assert_eq!(text(&out.stderr), "2 files, 1 error, 0 warnings\n");
}

#[test]
fn validate_output_is_replaced_whole_or_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.json", BAD);
    let report = write(dir.path(), "report.sarif", b"the last report\n");
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o640)).unwrap();
    for format in FORMATS {
        // The report is larger than the limit: the write fails half-way.
        let out = limit_file_size(
            in_dir(dir.path()).args(["validate", "--format", format, "-o", "report.sarif", "in.json"]),
            100,
        )
        .output()
        .unwrap();
        assert_refused(&out, "writing the output: File too large");
        assert_eq!(common::read(&report), b"the last report\n", "{format}");
        assert_eq!(names(dir.path()), ["in.json", "report.sarif"], "{format}: a temporary file was left");
    }
    // Written, the file is whole and keeps its permissions.
    let out =
        in_dir(dir.path()).args(["validate", "--format", "sarif", "-o", "report.sarif", "in.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&common::read(&report)).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
    assert_eq!(std::fs::metadata(&report).unwrap().permissions().mode() & 0o7777, 0o640);
    // A new file gets the permissions any new file gets.
    let out = in_dir(dir.path()).args(["validate", "-o", "new.txt", "in.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let usual = write(dir.path(), "usual.txt", b"");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&dir.path().join("new.txt")), mode(&usual));
}

#[test]
fn validate_output_is_never_written_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.json", BAD);
    let target = write(dir.path(), "elsewhere/kept.txt", b"kept\n");
    std::os::unix::fs::symlink(&target, dir.path().join("link.json")).unwrap();
    std::os::unix::fs::symlink("nowhere.json", dir.path().join("dangling.json")).unwrap();
    for link in ["link.json", "dangling.json"] {
        let out = in_dir(dir.path()).args(["validate", "-o", link, "in.json"]).output().unwrap();
        assert_refused(&out, "a symbolic link, which is never written through");
        assert_eq!(text(&out.stdout), "");
        assert!(std::fs::symlink_metadata(dir.path().join(link)).unwrap().file_type().is_symlink());
    }
    assert_eq!(common::read(&target), b"kept\n");
    assert!(!dir.path().join("nowhere.json").exists());
    assert_eq!(names(dir.path()), ["dangling.json", "elsewhere", "in.json", "link.json"]);
}

#[test]
fn validate_output_to_a_device_is_a_stream_and_a_bad_path_is_status_two() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.json", BAD);
    // /dev/null is written, not replaced (the tests run as root, who could replace it).
    let out =
        in_dir(dir.path()).args(["validate", "--format", "sarif", "-o", "/dev/null", "in.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata("/dev/null").unwrap().file_type().is_char_device());
    // A device that is full.
    let out = in_dir(dir.path()).args(["validate", "-o", "/dev/full", "in.json"]).output().unwrap();
    assert_refused(&out, "writing the output: No space left on device");
    // A link to a device: a stream too (`-o /dev/stdout`).
    let out =
        in_dir(dir.path()).args(["validate", "--format", "json", "-o", "/dev/stdout", "in.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("{\"code\":\"E004\""), "{}", text(&out.stdout));
    // A path whose parent is a file, a directory, a missing directory.
    for (output, expected) in [
        ("in.json/report.json", "in.json/report.json: Not a directory"),
        (".", ".: Is a directory"),
        ("/", "/: Is a directory"),
        ("missing/report.json", "missing/report.json: No such file or directory"),
    ] {
        let out = in_dir(dir.path()).args(["validate", "-o", output, "in.json"]).output().unwrap();
        assert_refused(&out, expected);
        assert_eq!(text(&out.stdout), "");
    }
    assert_eq!(names(dir.path()), ["in.json"]);
}

/// Runs `generate` in `dir` with `args` and `--out out`.
fn generate(dir: &Path, args: &[&str]) -> Output {
    in_dir(dir).arg("generate").args(args).args(["--out", "out"]).output().unwrap()
}

fn generated(dir: &Path, args: &[&str]) -> PathBuf {
    let out = generate(dir, args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir.join("out")
}

#[test]
fn generate_refuses_a_directory_that_holds_files_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let first = tree(&generated(dir.path(), &["--count", "3", "--seed", "1"]));
    let out = generate(dir.path(), &["--count", "3", "--seed", "2"]);
    assert_refused(&out, "out already holds files (3 entries, such as 0000.xml); --force replaces them");
    assert_eq!(tree(&dir.path().join("out")), first);
    // An empty directory is fine, and keeps its permissions.
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::set_permissions(dir.path().join("out"), std::fs::Permissions::from_mode(0o750)).unwrap();
    let out = generated(dir.path(), &["--count", "3", "--seed", "1"]);
    assert_eq!(tree(&out), first);
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o7777, 0o750);
    assert_eq!(names(dir.path()), ["out"]);
}

#[test]
fn generate_force_leaves_exactly_the_new_documents() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let fresh = tree(&generated(elsewhere.path(), &["--count", "3", "--seed", "9"]));
    generated(dir.path(), &["--count", "30", "--seed", "7"]);
    let out = generated(dir.path(), &["--count", "3", "--seed", "9", "--force"]);
    assert_eq!(tree(&out), fresh, "an earlier run's documents were left");
    // JSON over XML too.
    let out = generated(dir.path(), &["--count", "2", "--seed", "9", "--format", "json", "--force"]);
    assert_eq!(names(&out), ["0000.json", "0001.json"]);
    assert_eq!(names(dir.path()), ["out"], "a temporary directory was left");
}

#[test]
fn generate_force_replaces_nothing_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    generated(dir.path(), &["--count", "3", "--seed", "1"]);
    let before = tree(&dir.path().join("out"));
    for (other, expected) in
        [("notes.txt", "out holds notes.txt, which this command does not write"), ("0001", "out holds 0001,")]
    {
        let path = dir.path().join("out").join(other);
        std::fs::write(&path, b"mine").unwrap();
        let out = generate(dir.path(), &["--count", "3", "--seed", "1", "--force"]);
        assert_refused(&out, expected);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(tree(&dir.path().join("out")), before);
    }
    std::fs::create_dir(dir.path().join("out/0009.xml")).unwrap();
    assert_refused(&generate(dir.path(), &["--count", "3", "--seed", "1", "--force"]), "out holds 0009.xml,");
    // Not a directory at all.
    let file = write(dir.path(), "file", b"mine");
    let out = in_dir(dir.path())
        .args(["generate", "--count", "1", "--seed", "1", "--force", "--out", "file"])
        .output()
        .unwrap();
    assert_refused(&out, "file: exists and is not a directory");
    assert_eq!(common::read(&file), b"mine");
}

#[test]
fn generate_never_writes_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let outside = write(dir.path(), "outside/kept.xml", b"kept\n");
    // A link in the earlier tree, named as a document the new run writes.
    generated(dir.path(), &["--count", "3", "--seed", "1"]);
    std::fs::remove_file(dir.path().join("out/0000.xml")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.path().join("out/0000.xml")).unwrap();
    let out = generated(dir.path(), &["--count", "3", "--seed", "2", "--force"]);
    assert_eq!(common::read(&outside), b"kept\n");
    assert!(std::fs::symlink_metadata(out.join("0000.xml")).unwrap().is_file());
    // --out itself a link to a directory.
    std::os::unix::fs::symlink("outside", dir.path().join("link")).unwrap();
    for force in [&[][..], &["--force"][..]] {
        for spelling in ["link", "link/"] {
            let out = in_dir(dir.path())
                .args(["generate", "--count", "1", "--seed", "1", "--out", spelling])
                .args(force)
                .output()
                .unwrap();
            assert_refused(&out, "link: a symbolic link, which is never written through");
        }
    }
    assert_eq!(names(&dir.path().join("outside")), ["kept.xml"]);
}

#[test]
fn generate_leaves_nothing_partial_on_a_write_error() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--count", "20", "--seed", "1", "--sessions", "1..=8"];
    let sizes: Vec<u64> = tree(&generated(dir.path(), &args)).iter().map(|(_, b)| b.len() as u64).collect();
    // A limit the first documents fit in and a later one does not.
    let limit = sizes[0].max(sizes[1]);
    assert!(sizes[2..].iter().any(|&s| s > limit), "{sizes:?}");
    let before = tree(&dir.path().join("out"));
    let forced = ["--count", "20", "--seed", "2", "--sessions", "1..=8", "--force"];
    let out = limit_file_size(in_dir(dir.path()).arg("generate").args(forced).args(["--out", "out"]), limit)
        .output()
        .unwrap();
    assert_refused(&out, "File too large");
    assert_eq!(tree(&dir.path().join("out")), before, "the earlier documents were touched");
    assert_eq!(names(dir.path()), ["out"], "a temporary directory was left");
    // Into a new directory: none is made.
    let out = limit_file_size(in_dir(dir.path()).arg("generate").args(args).args(["--out", "new/dir"]), limit)
        .output()
        .unwrap();
    assert_refused(&out, "File too large");
    assert_eq!(names(dir.path()), ["new", "out"]);
    assert!(names(&dir.path().join("new")).is_empty(), "{:?}", names(&dir.path().join("new")));
    // A parent that is a file.
    write(dir.path(), "file", b"");
    let out =
        in_dir(dir.path()).args(["generate", "--count", "1", "--seed", "1", "--out", "file/out"]).output().unwrap();
    assert_refused(&out, "file/out: Not a directory");
}

#[test]
fn schema_writes_whole_files_never_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = write(dir.path(), "kept.json", b"kept\n");
    std::os::unix::fs::symlink("kept.json", dir.path().join("link.json")).unwrap();
    let out = in_dir(dir.path()).args(["schema", "--json-schema", "link.json"]).output().unwrap();
    assert_refused(&out, "link.json: a symbolic link, which is never written through");
    assert_eq!(common::read(&target), b"kept\n");
    // Into a directory of XSD files, one of them a link.
    std::fs::create_dir(dir.path().join("xsd")).unwrap();
    std::os::unix::fs::symlink("../kept.json", dir.path().join("xsd/all.xsd")).unwrap();
    let out = in_dir(dir.path()).args(["schema", "--xsd", "xsd"]).output().unwrap();
    assert_refused(&out, "xsd/all.xsd: a symbolic link");
    assert_eq!(common::read(&target), b"kept\n");
    // A size limit: the schema is not written, the earlier one is kept.
    let earlier = write(dir.path(), "schema.json", b"earlier\n");
    let out =
        limit_file_size(in_dir(dir.path()).args(["schema", "--json-schema", "schema.json"]), 100).output().unwrap();
    assert_refused(&out, "schema.json: File too large");
    assert_eq!(common::read(&earlier), b"earlier\n");
    // A parent that is a file.
    let out = in_dir(dir.path()).args(["schema", "--json-schema", "kept.json/schema.json"]).output().unwrap();
    assert_refused(&out, "kept.json/schema.json: Not a directory");
    assert_eq!(names(dir.path()), ["kept.json", "link.json", "schema.json", "xsd"]);
    // Written: whole, valid JSON.
    let out = in_dir(dir.path()).args(["schema", "--json-schema", "schema.json"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice::<serde_json::Value>(&common::read(&earlier)).unwrap();
}

#[test]
fn the_job_summary_is_appended_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.json", BAD);
    let summary = write(dir.path(), "summary.md", b"an earlier step\n");
    let run = |file: &str, limit: Option<u64>| {
        let mut command = in_dir(dir.path());
        command.args(["validate", "--format", "github", "in.json"]).env("GITHUB_STEP_SUMMARY", file);
        if let Some(limit) = limit {
            limit_file_size(&mut command, limit);
        }
        command.output().unwrap()
    };
    // The summary does not fit: the file is cut back to what it held.
    assert_refused(&run("summary.md", Some(40)), "writing the output: File too large");
    assert_eq!(common::read(&summary), b"an earlier step\n");
    // A link is refused before the run.
    std::os::unix::fs::symlink("summary.md", dir.path().join("link.md")).unwrap();
    let out = run("link.md", None);
    assert_refused(&out, "GITHUB_STEP_SUMMARY: a symbolic link");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(common::read(&summary), b"an earlier step\n");
    // Appended whole.
    assert_eq!(run("summary.md", None).status.code(), Some(1));
    let appended = text(&common::read(&summary));
    assert!(appended.starts_with("an earlier step\n## evovoice-contracts validate\n\n### in\\.json\n"), "{appended}");
    assert!(appended.ends_with("\n**1 file, 1 error, 0 warnings**\n\n"), "{appended}");
}
