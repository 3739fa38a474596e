//! Every `silkroute …` command the README shows, run as pasted (in a
//! scratch directory, with the user's own files it names put there first),
//! must succeed: the README cannot drift from what the binary accepts.

use super::{BIN, MINI, scratch};
use std::process::Command;

/// The commands of the README's `sh` blocks that start with `silkroute`,
/// as shell words, comments dropped.
fn readme_commands() -> Vec<(String, Vec<String>)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
    let text = std::fs::read_to_string(path).expect("README.md");
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_sh = line.trim() == "```sh";
            continue;
        }
        let line = line.trim();
        if !in_sh || !line.starts_with("silkroute ") {
            continue;
        }
        let words =
            shlex::split(line).unwrap_or_else(|| panic!("README: unbalanced quotes: {line}"));
        let words: Vec<String> = words
            .into_iter()
            .skip(1)
            .take_while(|w| !w.starts_with('#'))
            .collect();
        out.push((line.to_string(), words));
    }
    out
}

/// Files a README command reads that a user brings: the fixture stands in.
const USER_FILES: [&str; 1] = ["my-network.geojson"];

/// Commands that need a large external network (documented in the README
/// next to the command), checked elsewhere on a small one.
const EXTERNAL: [&str; 1] = ["railways_world.json.gz"];

/// Commands that do not return: `serve` runs until stopped, and
/// `scripts/ci-server.sh` runs the README's serve commands as pasted.
const LONG_RUNNING: [&str; 1] = ["serve"];

#[test]
fn every_readme_command_runs_as_pasted() {
    let dir = scratch("readme");
    for f in USER_FILES {
        std::fs::copy(MINI, dir.join(f)).expect("copy the fixture");
    }
    let commands = readme_commands();
    assert!(
        commands.len() >= 10,
        "found only {} commands",
        commands.len()
    );
    let mut ran = 0;
    for (line, args) in commands {
        if args.iter().any(|a| EXTERNAL.contains(&a.as_str()))
            || args
                .first()
                .is_some_and(|a| LONG_RUNNING.contains(&a.as_str()))
        {
            continue;
        }
        let o = Command::new(BIN)
            .args(&args)
            .current_dir(&dir)
            .output()
            .expect("run silkroute");
        assert!(
            o.status.success(),
            "README command failed: {line}\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            !o.stdout.is_empty() || args.contains(&"--output".to_string()),
            "{line}: no output"
        );
        ran += 1;
    }
    assert!(ran >= 12, "ran {ran}");
    // What the commands that write files wrote.
    assert!(dir.join("route.png").is_file());
    assert!(dir.join("eurasia.geojson").is_file());
}
