//! `Engine::call` with an arbitrary operation and request text, on the
//! embedded Eurasian network.
//!
//! Input layout: the first byte picks an operation (or, above the known
//! ones, the text up to the first NUL is the operation); the rest is the
//! request, read as UTF-8 with invalid sequences replaced.
//!
//! Invariants: no panic; the output is JSON; a success is an API v1
//! response (an object with `"api_version": 1`, the `terminals` array or
//! the `find` terminal object)
//! and a failure is an API v1 error (`{"api_version":1,"error":{"kind",
//! "message","suggestions"}}`) whose kind is not `internal`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use silkroute_bindings::Engine;
use std::sync::OnceLock;

const OPS: [&str; 6] = ["route", "compare", "pareto", "terminals", "find", "version"];

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::eurasia)
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (operation, request) = match OPS.get(usize::from(selector) % 8) {
        Some(op) => (op.to_string(), String::from_utf8_lossy(rest).into_owned()),
        None => {
            let cut = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            (
                String::from_utf8_lossy(&rest[..cut]).into_owned(),
                String::from_utf8_lossy(rest.get(cut + 1..).unwrap_or_default()).into_owned(),
            )
        }
    };
    match engine().call(&operation, &request) {
        Ok(text) => {
            let v: Value = serde_json::from_str(&text).expect("a response is JSON");
            match &v {
                Value::Array(items) => {
                    assert_eq!(operation, "terminals");
                    assert!(
                        items
                            .iter()
                            .all(|t| t["id"].is_string() && t["name"].is_string())
                    );
                }
                Value::Object(o) if operation == "find" => {
                    // `find` answers with the bare terminal object.
                    assert!(o.get("id").is_some_and(Value::is_string), "{text}");
                }
                Value::Object(o) => {
                    assert_eq!(o.get("api_version"), Some(&Value::from(1)), "{text}");
                    assert!(
                        o.get("error").is_none(),
                        "an Ok response carries an error: {text}"
                    );
                    if let Some(routes) = o.get("routes").and_then(Value::as_array) {
                        for r in routes {
                            assert!(r["legs"].is_array(), "{text}");
                        }
                    }
                }
                _ => panic!("a response is neither an object nor an array: {text}"),
            }
        }
        Err(text) => {
            let v: Value = serde_json::from_str(&text).expect("an error response is JSON");
            assert_eq!(v["api_version"], 1, "{text}");
            let kind = v["error"]["kind"].as_str().expect("error.kind is a string");
            assert!(
                !kind.is_empty() && kind != "internal" && kind != "panic",
                "{text}"
            );
            assert!(v["error"]["message"].is_string(), "{text}");
            assert!(v["error"]["suggestions"].is_array(), "{text}");
        }
    }
});
