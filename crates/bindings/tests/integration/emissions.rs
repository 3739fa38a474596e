//! The emissions fields of API v1 and the `emissions` operation: the
//! breakdown adds up, WTT + TTW = WTW everywhere, the cargo mass scales the
//! per-tonne legs and is refused outside the payload.

use serde_json::Value;
use silkroute_bindings::Engine;

fn call(engine: &Engine, op: &str, request: &str) -> Value {
    let text = engine
        .call(op, request)
        .unwrap_or_else(|e| panic!("{op} {request}: {e}"));
    serde_json::from_str(&text).expect("JSON")
}

fn f(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

/// Sums in kg printed with three decimals agree to half a gram per term.
fn close(a: f64, b: f64, terms: usize) -> bool {
    (a - b).abs() <= 1e-9 + terms as f64 * 1e-12 * a.abs().max(1.0)
}

#[test]
fn totals_are_legs_plus_hubs_and_parts_add_up() {
    let engine = Engine::eurasia();
    let mut with_hubs = 0;
    for (from, to) in [
        ("Xi'an", "Duisburg"),
        ("Aktau", "Poti"),
        ("Mumbai", "Moscow"),
        ("Chongqing", "Istanbul"),
    ] {
        for objective in ["cost", "co2e", "time"] {
            let req = format!(r#"{{"from": "{from}", "to": "{to}", "objective": "{objective}"}}"#);
            let v = call(&engine, "route", &req);
            let r = &v["routes"][0];
            let t = &r["totals"];
            let legs = r["legs"].as_array().expect("legs");
            let transfers = r["transfers"].as_array().expect("transfers");
            let n = legs.len() + transfers.len();
            let sum = |k: &str| {
                legs.iter().map(|l| f(&l[k])).sum::<f64>()
                    + transfers.iter().map(|x| f(&x[k])).sum::<f64>()
            };
            for k in ["co2e_kg", "co2e_ttw_kg", "co2e_wtt_kg"] {
                assert!(
                    close(f(&t[k]), sum(k), n),
                    "{req}: {k} {} vs {}",
                    t[k],
                    sum(k)
                );
            }
            let hubs: f64 = transfers.iter().map(|x| f(&x["co2e_kg"])).sum();
            assert!(close(f(&t["co2e_hubs_kg"]), hubs, n), "{req}");
            for x in legs.iter().chain(transfers).chain([t]) {
                let wtw = f(&x["co2e_kg"]);
                assert!(
                    close(wtw, f(&x["co2e_ttw_kg"]) + f(&x["co2e_wtt_kg"]), 2),
                    "{req}: {x}"
                );
            }
            if !transfers.is_empty() {
                assert!(hubs > 0.0, "{req}: hubs counted");
                with_hubs += 1;
            }
        }
    }
    assert!(with_hubs >= 6, "{with_hubs} routes with hubs");
}

#[test]
fn the_breakdown_rows_are_the_route() {
    let engine = Engine::eurasia();
    for req in [
        r#"{"from": "Xi'an", "to": "Duisburg"}"#,
        r#"{"from": "Baku", "to": "Duisburg", "scenarios": ["green-rail-az-kz"]}"#,
        r#"{"from": "Aktau", "to": "Poti", "container": 20, "cargo_tonnes": 14}"#,
    ] {
        let v = call(&engine, "emissions", req);
        let rows = v["rows"].as_array().expect("rows");
        let route = &v["route"];
        let legs = route["legs"].as_array().expect("legs");
        let hubs = rows.iter().filter(|r| r["element"] == "hub").count();
        assert_eq!(rows.len(), legs.len() + hubs, "{req}");
        assert_eq!(hubs, route["transfers"].as_array().expect("t").len());
        let total: f64 = rows.iter().map(|r| f(&r["co2e_kg"])).sum();
        assert!(
            close(total, f(&route["totals"]["co2e_kg"]), rows.len()),
            "{req}"
        );
        let tonnes = f(&v["cargo_tonnes"]);
        for r in rows {
            assert!(
                close(f(&r["co2e_kg"]), f(&r["wtt_kg"]) + f(&r["ttw_kg"]), 2),
                "{r}"
            );
            // activity × intensity = emissions (g and kg).
            let scale = if r["element"] == "hub" { 1.0 } else { 1000.0 };
            assert!(
                (f(&r["activity"]) * f(&r["intensity"]) / scale - f(&r["co2e_kg"])).abs() < 1e-6,
                "{r}"
            );
            assert!(!r["source"].as_str().expect("source").is_empty(), "{r}");
            assert!(!r["factor"].as_str().expect("factor").is_empty(), "{r}");
            if r["activity_unit"] == "t_km" {
                let leg = legs.iter().find(|l| l["id"] == r["id"]).expect("the leg");
                assert!((f(&r["activity"]) - f(&leg["distance_km"]) * tonnes).abs() < 1e-9);
            }
        }
    }
    let v = call(
        &engine,
        "emissions",
        r#"{"from": "Aktau", "to": "Poti", "container": 20, "cargo_tonnes": 14}"#,
    );
    assert_eq!(f(&v["cargo_tonnes"]), 14.0);
}

#[test]
fn cargo_tonnes_scale_the_per_tonne_legs_only() {
    let engine = Engine::eurasia();
    let base = call(
        &engine,
        "emissions",
        r#"{"from": "Aktau", "to": "Duisburg"}"#,
    );
    let heavy = call(
        &engine,
        "emissions",
        r#"{"from": "Aktau", "to": "Duisburg", "cargo_tonnes": 25}"#,
    );
    let (a, b) = (
        base["rows"].as_array().expect("rows"),
        heavy["rows"].as_array().expect("rows"),
    );
    assert_eq!(
        a.len(),
        b.len(),
        "the cost-best route does not depend on the mass"
    );
    let mut scaled = 0;
    for (x, y) in a.iter().zip(b) {
        let k = if x["activity_unit"] == "t_km" {
            25.0 / 20.0
        } else {
            1.0
        };
        assert!(
            (f(&y["co2e_kg"]) - f(&x["co2e_kg"]) * k).abs() <= 2e-3,
            "{x} {y}"
        );
        if k != 1.0 {
            scaled += 1;
        }
    }
    assert!(scaled > 3);
}

#[test]
fn impossible_cargo_masses_are_refused() {
    let engine = Engine::eurasia();
    for (req, fragment) in [
        (
            r#"{"from": "Aktau", "to": "Poti", "cargo_tonnes": 27}"#,
            "at most 26.68 t",
        ),
        (
            r#"{"from": "Aktau", "to": "Poti", "container": 20, "cargo_tonnes": 28.5}"#,
            "at most 28.18 t",
        ),
        (
            r#"{"from": "Aktau", "to": "Poti", "cargo_tonnes": 0}"#,
            "more than 0",
        ),
        (
            r#"{"from": "Aktau", "to": "Poti", "cargo_tonnes": -1}"#,
            "more than 0",
        ),
    ] {
        let e = engine.call("route", req).expect_err("refused");
        let v: Value = serde_json::from_str(&e).expect("JSON");
        assert_eq!(v["error"]["kind"], "invalid_request", "{req}: {v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .expect("message")
                .contains(fragment),
            "{v}"
        );
        assert!(
            !v["error"]["suggestions"]
                .as_array()
                .expect("list")
                .is_empty()
        );
    }
    // JSON has no NaN: a string is a type error.
    let e = engine
        .call(
            "route",
            r#"{"from": "Aktau", "to": "Poti", "cargo_tonnes": "heavy"}"#,
        )
        .expect_err("refused");
    assert!(e.contains("at `cargo_tonnes`"), "{e}");
}

#[test]
fn a_diff_compares_scenarios_at_the_same_cargo_mass() {
    use silkroute_bindings::v1::{Request, RouteRequest};
    let engine = Engine::eurasia();
    let req = |json: &str| {
        let r: RouteRequest = serde_json::from_str(json).expect("request");
        Request::try_from(&r).expect("valid")
    };
    // A cargo mass alone is not a scenario.
    let e = engine
        .diff(&req(
            r#"{"from": "Baku", "to": "Duisburg", "cargo_tonnes": 14}"#,
        ))
        .expect_err("no scenario");
    assert!(
        e.message.contains("give at least one scenario"),
        "{}",
        e.message
    );
    let best = |json: &str| {
        engine.route(&req(json)).expect("route")[0]
            .totals
            .co2e
            .get()
    };
    let at_14 = best(r#"{"from": "Baku", "to": "Duisburg", "cargo_tonnes": 14}"#);
    assert_ne!(at_14, best(r#"{"from": "Baku", "to": "Duisburg"}"#));
    let d = engine
        .diff(&req(
            r#"{"from": "Baku", "to": "Duisburg", "cargo_tonnes": 14, "scenarios": ["green-rail-az-kz"]}"#,
        ))
        .expect("diff");
    let baselines: Vec<f64> = d
        .rows
        .iter()
        .filter_map(|row| row.baseline.route().map(|r| r.totals.co2e.get()))
        .collect();
    assert!(
        baselines.contains(&at_14),
        "the baseline side is at 14 t: {at_14} not in {baselines:?}"
    );
}
