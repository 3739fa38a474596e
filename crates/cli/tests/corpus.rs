//! The behaviour corpus: every request in `corpus/cases.txt` run through the
//! binary, its exit code, standard output and standard error compared byte
//! for byte with `corpus/expected/NAME.txt`.
//!
//! The corpus locks what the command prints while the code behind it moves.
//! Re-record after an intended change with
//! `SILKROUTE_BLESS=1 cargo test -p silkroute-cli --test cli corpus`, and
//! explain every difference in the commit that makes it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root: the corpus runs there, so paths in messages are the
/// same on every machine.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// One case: a name and the arguments, placeholders substituted.
struct Case {
    name: String,
    args: Vec<String>,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus_dir().join("cases.txt")).expect("corpus/cases.txt");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, args) = line
            .split_once(" | ")
            .unwrap_or_else(|| panic!("cases.txt:{}: expected `name | args`", i + 1));
        let args = shlex::split(args)
            .unwrap_or_else(|| panic!("cases.txt:{}: unbalanced quotes", i + 1))
            .into_iter()
            .map(|a| {
                a.replace("{mini}", "crates/core/tests/data/mini.geojson")
                    .replace("{data}", "crates/cli/tests/corpus/data")
            })
            .collect();
        out.push(Case {
            name: name.trim().to_string(),
            args,
        });
    }
    out
}

/// The record of one run, as stored in `expected/NAME.txt`.
fn record(case: &Case) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_silkroute"))
        .args(&case.args)
        .current_dir(root())
        .env("COLUMNS", "100")
        .stdin(Stdio::null())
        .output()
        .expect("run silkroute");
    let shown: Vec<String> = case
        .args
        .iter()
        .map(|a| shlex::try_quote(a).map_or_else(|_| a.clone(), |q| q.into_owned()))
        .collect();
    format!(
        "$ silkroute {}\nexit: {}\n--- stdout\n{}\n--- stderr\n{}\n",
        shown.join(" "),
        o.status
            .code()
            .map_or_else(|| "signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            let cut = |s: &str| s.chars().take(300).collect::<String>();
            return format!(
                "line {}:\n  expected: {}\n  actual:   {}",
                i + 1,
                cut(e),
                cut(a)
            );
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        expected.lines().count(),
        actual.lines().count()
    )
}

#[test]
fn corpus() {
    let cases = cases();
    assert!(
        cases.len() >= 200,
        "the corpus has {} cases, fewer than 200",
        cases.len()
    );
    let bless = std::env::var_os("SILKROUTE_BLESS").is_some();
    let dir = corpus_dir().join("expected");
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let chunk = cases.len().div_ceil(threads);
    let results: Vec<(String, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|c| (c.name.clone(), record(c)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("corpus thread"))
            .collect()
    });
    let mut failures = Vec::new();
    for (name, actual) in &results {
        let path = dir.join(format!("{name}.txt"));
        if bless {
            std::fs::create_dir_all(&dir).expect("expected dir");
            std::fs::write(&path, actual).expect("write expected");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if &expected == actual => {}
            Ok(expected) => {
                failures.push(format!("{name}: {}", first_difference(&expected, actual)))
            }
            Err(_) => failures.push(format!("{name}: no expected/{name}.txt (bless to record)")),
        }
    }
    if !bless {
        // A recorded case that is no longer in cases.txt is a forgotten file.
        let names: std::collections::BTreeSet<_> =
            results.iter().map(|(n, _)| format!("{n}.txt")).collect();
        for entry in std::fs::read_dir(&dir).expect("expected dir") {
            let file = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            if !names.contains(&file) {
                failures.push(format!("{file}: recorded but not in cases.txt"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases differ:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
}
