//! The C example (`examples/c/route.c`) compiles against the library built
//! for this test, runs, and prints exactly the JSON of `Engine::call`.

use silkroute_bindings::Engine;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The requests `route.c` sends (whitespace aside, which JSON ignores).
const ROUTE: &str =
    r#"{"from": "Xi'an", "to": "Duisburg", "objective": "time", "avoid_countries": ["RU", "BY"]}"#;
const MISSPELT: &str = r#"{"from": "Xian", "to": "Duisberg"}"#;

/// The static library cargo built alongside this test binary.
fn static_lib() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let deps = exe.parent().expect("deps dir");
    [deps, deps.parent().unwrap_or(deps)]
        .iter()
        .map(|d| d.join("libsilkroute_bindings.a"))
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!(
                "libsilkroute_bindings.a not found next to {}",
                exe.display()
            )
        })
}

#[test]
#[allow(clippy::print_stderr)] // a skipped test says why
fn c_example_prints_the_engine_json() {
    if Command::new("cc").arg("--version").output().is_err() {
        eprintln!("SKIPPED c_example_prints_the_engine_json: no C compiler `cc` on PATH");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::temp_dir().join(format!("silkroute-c-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let exe = dir.join("route");
    // The same flags as examples/c/Makefile.
    let cc = Command::new("cc")
        .args([
            "-std=c99",
            "-O1",
            "-g",
            "-Wall",
            "-Wextra",
            "-Wpedantic",
            "-Werror",
            "-I",
        ])
        .arg(root.join("crates/bindings/include"))
        .arg(root.join("examples/c/route.c"))
        .arg(static_lib())
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(&exe)
        .output()
        .expect("run cc");
    assert!(
        cc.status.success(),
        "cc failed:\n{}",
        String::from_utf8_lossy(&cc.stderr)
    );

    let run = Command::new(&exe).output().expect("run the C example");
    let stdout = String::from_utf8(run.stdout).expect("UTF-8 output");
    assert!(
        run.status.success(),
        "route exited with {}:\n{stdout}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");

    let engine = Engine::eurasia();
    assert_eq!(
        lines[0],
        format!("version {} api 1", env!("CARGO_PKG_VERSION"))
    );
    let ok = engine.call("route", ROUTE).expect("the route exists");
    assert_eq!(lines[1], format!("route OK {ok}"), "C and Rust JSON differ");
    let err = engine
        .call("route", MISSPELT)
        .expect_err("misspelt names fail");
    assert!(
        err.contains(r#""kind":"unknown_terminal""#)
            && err.contains(r#""suggestions":["Duisburg"]"#),
        "{err}"
    );
    assert_eq!(
        lines[2],
        format!("route ERROR {err}"),
        "C and Rust error JSON differ"
    );
    assert!(
        lines[3].starts_with("call INVALID_ARGUMENT {"),
        "{}",
        lines[3]
    );
    assert!(
        lines[3].contains(r#""kind":"invalid_argument""#),
        "{}",
        lines[3]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
