//! `--json` prints exactly what `silkroute_bindings::Engine::call` returns
//! (the text the C and Python bindings hand out), plus a newline.

use super::*;
use silkroute_bindings::Engine;

/// (CLI arguments, operation, the same request as API v1 JSON).
const CASES: &[(&[&str], &str, &str)] = &[
    (
        &[
            "route",
            "--from",
            "Xi'an",
            "--to",
            "Duisburg",
            "--objective",
            "time",
            "--avoid-country",
            "RU,BY",
        ],
        "route",
        r#"{"from":"Xi'an","to":"Duisburg","objective":"time","avoid_countries":["RU","BY"]}"#,
    ),
    (
        &[
            "route",
            "--from",
            "Shanghai",
            "--to",
            "Rotterdam",
            "--alternatives",
            "2",
            "--container",
            "20",
        ],
        "route",
        r#"{"from":"Shanghai","to":"Rotterdam","alternatives":2,"container":20}"#,
    ),
    (
        &[
            "compare",
            "--from",
            "Xi'an",
            "--to",
            "Duisburg",
            "--objective",
            "co2e",
        ],
        "compare",
        r#"{"from":"Xi'an","to":"Duisburg","objective":"co2e"}"#,
    ),
    (
        &[
            "pareto",
            "--from",
            "Xi'an",
            "--to",
            "Duisburg",
            "--epsilon",
            "0.05",
        ],
        "pareto",
        r#"{"from":"Xi'an","to":"Duisburg","epsilon":0.05}"#,
    ),
    (
        &["route", "--from", "Xian", "--to", "Duisberg"],
        "route",
        r#"{"from":"Xian","to":"Duisberg"}"#,
    ),
];

#[test]
fn api_identity_cli_json_is_engine_call() {
    let engine = Engine::eurasia();
    for (args, op, request) in CASES {
        let mut argv = args.to_vec();
        argv.push("--json");
        let o = silkroute(&argv);
        let expected = match engine.call(op, request) {
            Ok(json) => {
                assert_code(&o, 0);
                json
            }
            Err(json) => {
                assert_ne!(o.status.code(), Some(0), "{args:?} should fail");
                json
            }
        };
        assert_eq!(
            stdout(&o),
            format!("{expected}\n"),
            "CLI and Engine::call differ for {args:?}"
        );
    }
}
