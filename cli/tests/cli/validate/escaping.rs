//! Nothing quoted from the input (file names, values, member names) can start a line of
//! its own, in any format, on either stream.

use crate::common::{self, text, write};

const FORGED: &str = "\n::error file=x::y";

/// A tree whose file name, values and property names carry a forged workflow command.
fn forged_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let value = serde_json::to_string(&format!("v{FORGED}")).unwrap();
    let doc = format!(r#"{{"sessions":[{{"ended":{value},"callState":{value},{value}:1}}]}}"#);
    write(dir.path(), &format!("a{FORGED}.json"), doc.as_bytes());
    // An unreadable entry named so too (a dangling link), for stderr.
    std::os::unix::fs::symlink("nowhere", dir.path().join(format!("b{FORGED}.json"))).unwrap();
    dir
}

fn no_forged_line(output: &str, what: &str) {
    for line in output.lines() {
        assert!(!line.starts_with("::error file=x"), "{what}: forged line in {output:?}");
    }
}

#[test]
fn forged_names_and_values_forge_nothing_in_any_format() {
    let dir = forged_tree();
    for format in ["human", "json", "github", "sarif", "junit"] {
        let out = common::command()
            .args(["validate", "--format", format, dir.path().to_str().unwrap()])
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .unwrap();
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        no_forged_line(&stdout, format);
        no_forged_line(&stderr, format);
        // One line for the unreadable file, and the summary when it is on stderr.
        let summary_on_stderr = !matches!(format, "human" | "github");
        assert_eq!(stderr.lines().count(), 1 + summary_on_stderr as usize, "{format}: {stderr}");
        match format {
            "human" | "github" | "json" => {
                // A line per finding (3: the boolean, the enum, the property), and the summary.
                let lines = stdout.lines().count();
                assert_eq!(lines, 3 + !summary_on_stderr as usize, "{format}: {stdout}");
            }
            "sarif" => {
                let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
                let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap();
                assert!(uri.ends_with("/a%0A%3A%3Aerror%20file%3Dx%3A%3Ay.json"), "{uri}");
            }
            _ => assert!(stdout.contains("a\\n::error file=x::y.json"), "{stdout}"),
        }
    }
}

#[test]
fn human_output_shows_escapes_where_the_controls_were() {
    let dir = forged_tree();
    let out = common::command().args(["validate", dir.path().to_str().unwrap()]).output().unwrap();
    let stdout = text(&out.stdout);
    let name = format!("{}/a\\n::error file=x::y.json", dir.path().display());
    let first = stdout.lines().next().unwrap();
    assert!(first.starts_with(&format!("{name}:1:")), "{first}");
    assert!(first.contains("v\\n::error file=x::y"), "{first}");
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with(&format!("error: {}/b\\n::error file=x::y.json: ", dir.path().display())), "{stderr}");
}

#[test]
fn convert_escapes_the_name_it_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), &format!("a{FORGED}.xml"), b"<oops");
    let out = common::command().args(["convert", path.to_str().unwrap()]).output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    no_forged_line(&stderr, "convert");
}
