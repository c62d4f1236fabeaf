//! Files per second of `evovoice-contracts validate` on 20,000 generated fixture files,
//! with one and with two threads.
//!
//! The files are the repository's XML and JSON fixtures, each as it is and in three
//! mutated forms (a boolean in the wrong case, an unknown member, cut in half), spread
//! over 100 directories of a temporary tree. The command line runs as a child process, as
//! in CI, with its findings (`--format json`) written to /dev/null.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// How many files a run checks.
const FILES: usize = 20_000;

/// The repository's fixtures, as (extension, text).
fn fixtures() -> Vec<(&'static str, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join("fixtures");
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let ext = match path.extension()?.to_str()? {
                "xml" => "xml",
                "json" => "json",
                _ => return None,
            };
            Some((ext, std::fs::read_to_string(&path).ok()?))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The `n`th variant of a fixture: as it is, a boolean in the wrong case, an unknown
/// member, or cut in half.
fn mutate(ext: &str, text: &str, n: usize) -> String {
    match (n % 4, ext) {
        (0, _) => text.to_owned(),
        (1, "xml") => text.replacen(">false<", ">False<", 1),
        (1, _) => text.replacen(":false", ":\"no\"", 1),
        (2, "xml") => text.replacen("</", "<Unknown>1</Unknown></", 1),
        (2, _) => text.replacen('{', "{\"unknown\":1,", 1),
        _ => {
            let half = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text[..half].to_owned()
        }
    }
}

/// Writes the files into a new temporary directory.
fn generate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = fixtures();
    for i in 0..FILES {
        let (ext, text) = &fixtures[i % fixtures.len()];
        let sub = dir.path().join(format!("d{:02}", i % 100));
        if i < 100 {
            std::fs::create_dir(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("f{i:05}.{ext}")), mutate(ext, text, i / fixtures.len())).unwrap();
    }
    dir
}

fn validate(dir: &Path, threads: usize) {
    let status = Command::new(env!("CARGO_BIN_EXE_evovoice-contracts"))
        .args(["validate", "--format", "json"])
        .arg(dir)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    // Findings are expected: 1 is the status of a run that found errors.
    assert_eq!(status.code(), Some(1));
}

fn bench(c: &mut Criterion) {
    let dir = generate();
    let mut group = c.benchmark_group("validate 20000 files");
    group.throughput(Throughput::Elements(FILES as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for threads in [1, 2] {
        group.bench_function(format!("{threads} threads"), |b| b.iter(|| validate(dir.path(), threads)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
