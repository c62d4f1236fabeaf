//! The sample outputs of README.md and docs/validate.md are the command line's own: each
//! fenced block after a `<!-- sample: ARGS [| FILTER] -->` line must be what
//! `evovoice-contracts ARGS` prints on stdout, run from the repository root, through FILTER:
//!
//! - `head -N`: the first N lines;
//! - `step-summary`: what the run appends to `$GITHUB_STEP_SUMMARY`, instead of stdout;
//! - `sarif-abridged`: the SARIF log with its first result only and the rule of that result
//!   only (the text before the block says "of its N rules" and "of its M results");
//! - `junit-times`: the JUnit report with every time written as `0.000`.
//!
//! A summary line quoted in the text before a block (`` `1 file, 1 error, 2 warnings` ``) must
//! be the run's. With `EVOVOICE_UPDATE_SAMPLES=1` the test rewrites the blocks (and the counts)
//! instead of failing: `scripts/readme-samples.sh`.

use crate::common::{self, text};

/// The documents whose samples are checked, relative to the repository root.
const DOCUMENTS: [&str; 2] = ["README.md", "docs/validate.md"];

/// What a sample marker's command gives.
struct Run {
    /// The block's expected text.
    block: String,
    /// The run's summary line (`N files, E errors, W warnings`).
    summary: String,
    /// For `sarif-abridged`: the log's numbers of rules and of results.
    counts: Option<(usize, usize)>,
}

/// Runs a marker's command.
fn run(marker: &str) -> Run {
    let (args, filter) = match marker.split_once('|') {
        Some((args, filter)) => (args.trim(), filter.trim()),
        None => (marker.trim(), ""),
    };
    let args: Vec<&str> = args.split_whitespace().collect();
    let summary_file = tempfile::NamedTempFile::new().unwrap();
    let mut command = common::command();
    command.args(&args).env_remove("GITHUB_STEP_SUMMARY");
    if filter == "step-summary" {
        command.env("GITHUB_STEP_SUMMARY", summary_file.path());
    }
    let out = command.output().unwrap();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(matches!(out.status.code(), Some(0 | 1)), "{marker}: {stderr}");
    let summary = stderr.lines().last().or_else(|| stdout.lines().last()).unwrap_or_default().to_owned();
    let mut counts = None;
    let block = match filter.split_whitespace().collect::<Vec<_>>()[..] {
        [] => stdout,
        ["head", n] => {
            let n: usize = n.trim_start_matches('-').parse().unwrap();
            stdout.lines().take(n).map(|l| format!("{l}\n")).collect()
        }
        ["step-summary"] => text(&common::read(summary_file.path())),
        ["sarif-abridged"] => {
            let mut log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            let run = &mut log["runs"][0];
            let rules_count = run["tool"]["driver"]["rules"].as_array().unwrap().len();
            let results = run["results"].as_array_mut().unwrap();
            counts = Some((rules_count, results.len()));
            results.truncate(1);
            let rule = results[0]["ruleId"].clone();
            run["tool"]["driver"]["rules"].as_array_mut().unwrap().retain(|r| r["id"] == rule);
            serde_json::to_string_pretty(&log).unwrap() + "\n"
        }
        ["junit-times"] => junit_times(&stdout),
        _ => panic!("{marker}: unknown filter '{filter}'"),
    };
    Run { block, summary, counts }
}

/// Every ` time="…"` written as ` time="0.000"`.
fn junit_times(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find(" time=\"") {
        let value = start + " time=\"".len();
        let end = value + rest[value..].find('"').unwrap();
        out.push_str(&rest[..value]);
        out.push_str("0.000");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `text` with the number in each `of its N <noun>` set to `n`.
fn set_count(text: &str, noun: &str, n: usize) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("of its ") {
        let digits_at = at + "of its ".len();
        let digits = rest[digits_at..].bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..digits_at]);
        if digits > 0 && rest[digits_at + digits..].starts_with(&format!(" {noun}")) {
            out.push_str(&n.to_string());
        } else {
            out.push_str(&rest[digits_at..digits_at + digits]);
        }
        rest = &rest[digits_at + digits..];
    }
    out.push_str(rest);
    out
}

/// The summary lines quoted in `prose` (`` `1 file, …` ``).
fn quoted_summaries(prose: &str) -> Vec<&str> {
    prose
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|q| q.split_once(' ').is_some_and(|(n, rest)| n.parse::<usize>().is_ok() && rest.starts_with("file")))
        .collect()
}

/// Checks (or, when `update`, rewrites) the samples of one document; returns the problems
/// and the number of samples.
fn check(name: &str, update: bool) -> (Vec<String>, usize) {
    let path = common::root().join(name);
    let source = text(&common::read(&path));
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let mut out = String::with_capacity(source.len());
    let mut problems = Vec::new();
    let mut samples = 0;
    // Where the text before the current marker starts in `out`.
    let mut prose_start = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let marker = line.trim().strip_prefix("<!-- sample:").and_then(|m| m.strip_suffix("-->")).map(str::trim);
        if line.starts_with("```") || line.starts_with('#') {
            // A fence or a heading ends the text a marker's checks read.
            out.push_str(line);
            i += 1;
            if line.starts_with("```") {
                while i < lines.len() && !lines[i].starts_with("```") {
                    out.push_str(lines[i]);
                    i += 1;
                }
                if i < lines.len() {
                    out.push_str(lines[i]);
                    i += 1;
                }
            }
            prose_start = out.len();
            continue;
        }
        let Some(marker) = marker else {
            out.push_str(line);
            i += 1;
            continue;
        };
        samples += 1;
        let at = format!("{name}:{}", i + 1);
        let run = run(marker);
        // The text before the marker: the counts and the summaries it quotes.
        let mut prose = out[prose_start..].to_owned();
        if let Some((rules, results)) = run.counts {
            prose = set_count(&set_count(&prose, "rules", rules), "results", results);
        }
        for quoted in quoted_summaries(&prose) {
            if quoted != run.summary {
                problems.push(format!("{at}: the text quotes `{quoted}`, the run's summary is `{}`", run.summary));
            }
        }
        if prose != out[prose_start..] {
            if update {
                out.truncate(prose_start);
                out.push_str(&prose);
            } else {
                problems.push(format!("{at}: the counts before `{marker}` are out of date"));
            }
        }
        out.push_str(line);
        i += 1;
        assert!(
            lines.get(i).is_some_and(|l| l.starts_with("```")),
            "{at}: a sample marker must come right before a fenced block"
        );
        out.push_str(lines[i]);
        i += 1;
        let start = i;
        while i < lines.len() && !lines[i].starts_with("```") {
            i += 1;
        }
        let current: String = lines[start..i].concat();
        if current != run.block {
            if update {
                out.push_str(&run.block);
            } else {
                problems
                    .push(format!("{at}: the sample of `{marker}` is out of date; the command prints:\n{}", run.block));
                out.push_str(&current);
            }
        } else {
            out.push_str(&current);
        }
        if let Some(fence) = lines.get(i) {
            out.push_str(fence);
            i += 1;
        }
        prose_start = out.len();
    }
    if update && out != source {
        std::fs::write(&path, out).unwrap();
        eprintln!("{name}: samples rewritten");
    }
    (problems, samples)
}

#[test]
fn readme_samples_are_what_the_command_line_prints() {
    let update = std::env::var_os("EVOVOICE_UPDATE_SAMPLES").is_some_and(|v| v == "1");
    let mut problems = Vec::new();
    for name in DOCUMENTS {
        let (found, samples) = check(name, update);
        assert!(samples > 0, "{name}: no sample markers");
        problems.extend(found);
    }
    assert!(problems.is_empty(), "{}\n(scripts/readme-samples.sh rewrites them)", problems.join("\n"));
}

#[test]
fn the_filters_of_samples_do_what_they_say() {
    assert_eq!(junit_times(r#"<a time="1.25"><b time="0.000"/></a>"#), r#"<a time="0.000"><b time="0.000"/></a>"#);
    assert_eq!(
        set_count("one of its 18 rules and of its 3 results", "rules", 21),
        "one of its 21 rules and of its 3 results"
    );
    assert_eq!(
        quoted_summaries("the line (`1 file, 1 error, 2 warnings`) and `--format`"),
        ["1 file, 1 error, 2 warnings"]
    );
}

/// Every option the README's synopsis of the command line shows exists.
#[test]
fn the_synopsis_names_only_options_that_exist() {
    let readme = text(&common::read(&common::root().join("README.md")));
    let start = readme.find("## The command line").expect("the README has a section on the command line");
    let block = &readme[start..];
    let block = &block[block.find("```text\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    let mut command = "";
    let mut checked = 0;
    for line in block.lines() {
        if let Some(rest) = line.strip_prefix("evovoice-contracts ") {
            command = rest.split_whitespace().next().unwrap();
        }
        let help = text(&common::command().args([command, "--help"]).output().unwrap().stdout);
        for word in line.split(|c: char| c.is_whitespace() || "[]|".contains(c)) {
            if let Some(option) = word.strip_prefix("--") {
                assert!(help.contains(&format!("--{option}")), "{command} --{option} is in the README, not in --help");
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "{checked}");
}
