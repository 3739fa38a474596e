//! The request-size limit of `Engine::call` and the router limits seen
//! through the API: each has a default, a way to raise it, and an error
//! that names it.

use silkroute_bindings::{DEFAULT_MAX_REQUEST_BYTES, Engine};
use silkroute_core::Network;
use silkroute_routing::RouterLimits;

fn kind_and_message(err: &str) -> (String, String) {
    let v: serde_json::Value = serde_json::from_str(err).expect("error JSON");
    (
        v["error"]["kind"].as_str().expect("kind").to_string(),
        v["error"]["message"].as_str().expect("message").to_string(),
    )
}

#[test]
fn oversized_requests_are_refused_before_parsing() {
    let engine = Engine::eurasia();
    let pad = " ".repeat(DEFAULT_MAX_REQUEST_BYTES);
    let req = format!(r#"{{"from": "Xi'an", "to": "Duisburg"}}{pad}"#);
    let (kind, message) = kind_and_message(&engine.call("route", &req).unwrap_err());
    assert_eq!(kind, "too_large");
    assert!(message.contains("max_request_bytes"), "{message}");
    // Raised, the same request is served.
    let engine = engine.max_request_bytes(2 * DEFAULT_MAX_REQUEST_BYTES);
    assert!(engine.call("route", &req).is_ok());
    // Lowered, even a small one is refused.
    let engine = Engine::eurasia().max_request_bytes(10);
    assert_eq!(
        kind_and_message(&engine.call("version", "{}          ").unwrap_err()).0,
        "too_large"
    );
}

#[test]
fn a_megabyte_terminal_name_is_answered_quickly() {
    let engine = Engine::eurasia();
    let name = "x".repeat(1_000_000 - 100);
    let start = std::time::Instant::now();
    for req in [
        format!(r#"{{"from": "{name}", "to": "Duisburg"}}"#),
        format!(r#"{{"from": "Xi'an", "to": "Duisburg", "avoid_legs": ["{name}"]}}"#),
        format!(r#"{{"from": "Xi'an", "to": "Duisburg", "avoid_corridors": ["{name}"]}}"#),
        format!(r#"{{"query": "{name}"}}"#),
    ] {
        let op = if req.starts_with(r#"{"query""#) {
            "find"
        } else {
            "route"
        };
        let (kind, _) = kind_and_message(&engine.call(op, &req).unwrap_err());
        assert!(kind.starts_with("unknown_"), "{kind}");
    }
    // Suggestions are skipped for names this long; computing them took
    // minutes in a debug build.
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn deeply_nested_request_is_an_error() {
    let engine = Engine::eurasia();
    for op in ["route", "compare", "pareto", "terminals", "find"] {
        for deep in [
            "[".repeat(100_000),
            r#"{"from": "#.to_string() + &"[".repeat(100_000),
        ] {
            let (kind, message) = kind_and_message(&engine.call(op, &deep).unwrap_err());
            assert_eq!(kind, "invalid_request", "{message}");
        }
    }
    // Where a value of any shape is accepted (an inline scenario), the
    // parser's recursion limit turns deep nesting into an error.
    let req = format!(
        r#"{{"from": "Xi'an", "to": "Duisburg", "scenarios": ["{}"]}}"#,
        r#"{\"a\":"#.repeat(50_000)
    );
    let (kind, message) = kind_and_message(&engine.call("route", &req).unwrap_err());
    assert_eq!(kind, "invalid_scenario", "{message}");
    assert!(message.contains("recursion limit"), "{message}");
    assert!(
        message.len() < 10_000,
        "the message repeats the whole scenario"
    );
}

#[test]
fn router_limits_through_the_engine() {
    let limits = RouterLimits::default()
        .max_alternatives(2)
        .max_via(1)
        .max_pareto_labels(10);
    let engine = Engine::with_limits(Network::eurasia(), limits);
    let (kind, message) = kind_and_message(
        &engine
            .call(
                "route",
                r#"{"from": "Xi'an", "to": "Duisburg", "alternatives": 3}"#,
            )
            .unwrap_err(),
    );
    assert_eq!(kind, "too_large");
    assert!(message.contains("max_alternatives"), "{message}");
    let (kind, message) = kind_and_message(
        &engine
            .call(
                "route",
                r#"{"from": "Xi'an", "to": "Duisburg", "via": ["Alat", "Aktau"]}"#,
            )
            .unwrap_err(),
    );
    assert_eq!(kind, "too_large");
    assert!(message.contains("max_via"), "{message}");
    let (kind, message) = kind_and_message(
        &engine
            .call("pareto", r#"{"from": "Shanghai", "to": "Rotterdam"}"#)
            .unwrap_err(),
    );
    assert_eq!(kind, "too_large");
    assert!(message.contains("max_pareto_labels"), "{message}");
    let limits = RouterLimits::default().max_states(10);
    let engine = Engine::with_limits(Network::eurasia(), limits);
    let (kind, message) = kind_and_message(
        &engine
            .call("route", r#"{"from": "Xi'an", "to": "Duisburg"}"#)
            .unwrap_err(),
    );
    assert_eq!(kind, "too_large");
    assert!(message.contains("max_states"), "{message}");
    // The defaults serve the same requests.
    let engine = Engine::eurasia();
    assert!(
        engine
            .call(
                "route",
                r#"{"from": "Xi'an", "to": "Duisburg", "alternatives": 3}"#
            )
            .is_ok()
    );
    assert!(
        engine
            .call("pareto", r#"{"from": "Shanghai", "to": "Rotterdam"}"#)
            .is_ok()
    );
}
