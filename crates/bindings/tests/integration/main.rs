//! Integration tests of silkroute-bindings.

mod c_example;
mod corpus;
mod determinism;
mod emissions;
mod header;
mod limits;
mod schema;

/// Whether to rewrite committed generated files instead of comparing them.
fn bless() -> bool {
    std::env::var_os("SILKROUTE_BLESS").is_some_and(|v| v == "1")
}

/// Compares a generated file with its committed copy, or rewrites the copy
/// under `SILKROUTE_BLESS=1`.
#[track_caller]
fn check_generated(relative: &str, generated: &str, test_filter: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if bless() {
        std::fs::write(&path, generated)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "crates/bindings/{relative} is out of date with the code (first difference at line {}).\n\
             Regenerate it with:\n\n    SILKROUTE_BLESS=1 cargo test -p silkroute-bindings {test_filter}\n\n\
             and commit the result.",
            line + 1
        );
    }
}
