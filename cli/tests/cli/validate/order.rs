//! Output is the same whatever the number of threads, byte for byte.

use crate::common::{self, text, write};

#[test]
fn output_is_identical_with_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(common::root().join("fixtures/xml/seed-sample.xml")).unwrap();
    // Enough files for several chunks, with findings of different costs.
    for i in 0..700 {
        let doc = match i % 4 {
            0 => seed.replace("<d2p1:Ended>false", "<d2p1:Ended>False"),
            1 => seed[..seed.len() * (i % 97 + 1) / 100].to_owned(),
            2 => format!(r#"{{"sessions":[{{"ended":"no","n{i}":1}}]}}"#),
            _ => seed.clone(),
        };
        let ext = if i % 4 == 2 { "json" } else { "xml" };
        write(dir.path(), &format!("d{}/f{i}.{ext}", i % 7), doc.as_bytes());
    }
    for format in ["human", "json", "github", "sarif", "junit"] {
        let outputs: Vec<(Vec<u8>, String)> = ["1", "2"]
            .iter()
            .map(|threads| {
                let out = common::command()
                    .args(["validate", "--format", format, dir.path().to_str().unwrap()])
                    .env("RAYON_NUM_THREADS", threads)
                    .env_remove("GITHUB_STEP_SUMMARY")
                    .output()
                    .unwrap();
                assert_eq!(out.status.code(), Some(1), "{format}");
                let mut stdout = out.stdout;
                if format == "junit" {
                    stdout = without_times(&text(&stdout)).into_bytes();
                }
                (stdout, text(&out.stderr))
            })
            .collect();
        assert!(outputs[0].0.len() > 10_000, "{format}");
        assert!(outputs[0] == outputs[1], "{format}: output differs between 1 and 2 threads");
        // No progress bar when stderr is not a terminal, however many files.
        let stderr = &outputs[0].1;
        if matches!(format, "human" | "github") {
            assert_eq!(stderr, "", "{format}");
        } else {
            assert!(stderr.starts_with("700 files, ") && stderr.lines().count() == 1, "{format}: {stderr:?}");
        }
    }
}

/// A JUnit report without its `time` attributes, which measure the run.
fn without_times(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find(" time=\"") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 7..];
        rest = &after[after.find('"').unwrap() + 1..];
    }
    out.push_str(rest);
    out
}
