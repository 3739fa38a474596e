//! The API behaviour corpus: every request in `tests/corpus/cases.jsonl`
//! through [`Engine::call`], the responses compared byte for byte with
//! `tests/corpus/expected.jsonl` (re-record with
//! `SILKROUTE_BLESS=1 cargo test -p silkroute-bindings corpus` and explain
//! every difference in the commit that makes it).

use silkroute_bindings::Engine;

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    op: String,
    request: String,
}

#[test]
fn corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let text = std::fs::read_to_string(dir.join("cases.jsonl")).expect("cases.jsonl");
    let cases: Vec<Case> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("cases.jsonl:{}: {e}", i + 1))
        })
        .collect();
    assert!(cases.len() >= 90, "only {} API cases", cases.len());
    let engine = Engine::eurasia();
    let mut out = String::new();
    let (mut ok, mut err) = (0, 0);
    for c in &cases {
        let response = match engine.call(&c.op, &c.request) {
            Ok(s) => {
                ok += 1;
                s
            }
            Err(s) => {
                err += 1;
                s
            }
        };
        let line = serde_json::json!({"name": c.name, "response": response});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    // Both paths are exercised: a corpus of only errors locks little.
    assert!(ok >= 40 && err >= 25, "{ok} successes, {err} errors");
    crate::check_generated("tests/corpus/expected.jsonl", &out, "corpus");
}
