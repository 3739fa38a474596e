//! The routing commands, run as a user would run them.

use super::*;

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(o)))
}

#[test]
fn route_table_shows_totals_then_legs() {
    let o = silkroute(&trip(
        &["route"],
        "Xi'an",
        "Duisburg",
        &["--objective", "time", "--avoid-country", "RU,BY,IR"],
    ));
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(
        out.contains("days") && out.contains("USD") && out.contains("t CO2e"),
        "{out}"
    );
    assert!(out.contains("Alat"), "{out}");
    assert!(out.contains("transfer at"), "{out}");
}

#[test]
fn route_json_is_api_v1_and_totals_add_up() {
    let o = silkroute(&trip(
        &["route"],
        "Shanghai",
        "Rotterdam",
        &["--modes", "sea", "--avoid-passage", "suez", "--json"],
    ));
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(v["api_version"], 1);
    let r = &v["routes"][0];
    assert!(
        r["passages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "cape-of-good-hope"),
        "{r}"
    );
    let legs = r["legs"].as_array().unwrap();
    let km: f64 = legs
        .iter()
        .map(|l| l["distance_km"].as_f64().unwrap())
        .sum();
    assert!((km - r["totals"]["distance_km"].as_f64().unwrap()).abs() < 1e-6);
    for key in ["from", "to"] {
        for field in ["id", "name", "country", "lat", "lon"] {
            assert!(!legs[0][key][field].is_null(), "{key}.{field}");
        }
    }
    for field in [
        "mode",
        "distance_km",
        "time_h",
        "wait_h",
        "cost_usd",
        "co2e_kg",
        "corridors",
        "passages",
        "sources",
    ] {
        assert!(!legs[0][field].is_null(), "{field}");
    }
}

#[test]
fn route_alternatives_and_geojson() {
    let o = silkroute(&trip(
        &["route"],
        "Xi'an",
        "Duisburg",
        &["--alternatives", "2", "--json"],
    ));
    assert_code(&o, 0);
    assert!(json(&o)["routes"].as_array().unwrap().len() >= 2);
    let o = silkroute(&[
        "route", "--from", "Xi'an", "--to", "Duisburg", "--format", "geojson",
    ]);
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"][0]["geometry"]["type"], "LineString");
}

#[test]
fn route_from_a_position_reports_the_snap() {
    let o = silkroute(&trip(&["route"], "40.41,49.87", "Tbilisi", &["--json"]));
    assert_code(&o, 0);
    let snaps = &json(&o)["routes"][0]["snaps"];
    assert_eq!(snaps[0]["role"], "origin");
    assert!(snaps[0]["distance_km"].as_f64().unwrap() < 50.0);
}

#[test]
fn compare_lists_every_corridor() {
    let o = silkroute(&["compare", "--from", "Xi'an", "--to", "Duisburg", "--json"]);
    assert_code(&o, 0);
    let v = json(&o);
    let ids: Vec<&str> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["corridor"].as_str().unwrap())
        .collect();
    for id in ["middle-corridor", "northern", "sea-suez", "sea-cape"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    let o = silkroute(&trip(
        &["compare"],
        "Xi'an",
        "Duisburg",
        &["--avoid-country", "RU"],
    ));
    assert_code(&o, 0);
    assert_stdout_has(&o, "no route");
}

#[test]
fn pareto_is_a_front() {
    let o = silkroute(&["pareto", "--from", "Xi'an", "--to", "Duisburg", "--json"]);
    assert_code(&o, 0);
    let routes = json(&o)["routes"].as_array().unwrap().clone();
    assert!(routes.len() >= 2);
    let crit = |r: &serde_json::Value| {
        let t = &r["totals"];
        [
            t["cost_usd"].as_f64().unwrap(),
            t["time_h"].as_f64().unwrap(),
            t["co2e_kg"].as_f64().unwrap(),
        ]
    };
    for a in &routes {
        for b in &routes {
            let (x, y) = (crit(a), crit(b));
            assert!(!(x != y && x[0] <= y[0] && x[1] <= y[1] && x[2] <= y[2]));
        }
    }
}

#[test]
fn routing_errors_have_kinds_messages_and_exit_codes() {
    // Unknown terminal: exit 2, a suggestion, JSON error on stdout.
    let o = silkroute(&["route", "--from", "Aktao", "--to", "Alat", "--json"]);
    assert_code(&o, 2);
    let v = json(&o);
    assert_eq!(v["error"]["kind"], "unknown_terminal");
    assert!(
        v["error"]["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "Aktau")
    );
    assert!(stderr(&o).contains("did you mean"));
    // No route: exit 1 and the cut named.
    let o = silkroute(&trip(
        &["route"],
        "Xi'an",
        "Duisburg",
        &["--modes", "rail", "--avoid-country", "RU,BY"],
    ));
    assert_code(&o, 1);
    assert_stderr_has(&o, "RU or BY");
    // Contradictory, same origin, bad country, passage, mode, numbers.
    for (args, needle) in [
        (
            vec![
                "--from",
                "Alat",
                "--to",
                "Tbilisi",
                "--avoid-terminal",
                "Alat",
            ],
            "contradictory",
        ),
        (vec!["--from", "Alat", "--to", "alat"], "nothing to route"),
        (
            vec!["--from", "Alat", "--to", "Tbilisi", "--avoid-country", "XX"],
            "unknown country",
        ),
        (
            vec![
                "--from",
                "Alat",
                "--to",
                "Tbilisi",
                "--avoid-passage",
                "panamax",
            ],
            "unknown passage",
        ),
        (
            vec!["--from", "Alat", "--to", "Tbilisi", "--modes", "air"],
            "possible values: rail, road, sea, ferry",
        ),
        (
            vec![
                "--from",
                "Alat",
                "--to",
                "Tbilisi",
                "--value-of-time",
                "NaN",
            ],
            "invalid",
        ),
        (
            vec!["--from", "Alat", "--to", "Tbilisi", "--carbon-price", "-5"],
            "invalid",
        ),
        (vec!["--from", "95,200", "--to", "Tbilisi"], "latitude"),
        (
            vec![
                "--from",
                "Alat",
                "--to",
                "Tbilisi",
                "--alternatives",
                "1000000",
            ],
            "limit",
        ),
    ] {
        let mut full = vec!["route"];
        full.extend(args);
        let o = silkroute(&full);
        assert_code(&o, 2);
        assert!(
            stderr(&o).to_lowercase().contains(needle),
            "{full:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn routing_on_a_network_file() {
    let o = silkroute(&trip(
        &["route", "--network", path_str(&mini())],
        "Almaty",
        "Istanbul",
        &["--objective", "time", "--json"],
    ));
    assert_code(&o, 0);
    assert!(json(&o)["routes"][0]["legs"].as_array().unwrap().len() >= 3);
}

#[test]
fn scenario_files_work_on_every_routing_command() {
    // A scenario file is read by the command line and passed inline; the
    // engine itself never opens files named in a request.
    let scenario =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/scenarios/red-sea-closure.json");
    let f = path_str(&scenario);
    let sea = ["--from", "Shanghai", "--to", "Rotterdam", "--modes", "sea"];
    let mut args = vec!["route"];
    args.extend(sea);
    args.extend(["--scenario", f, "--json"]);
    let o = silkroute(&args);
    assert_code(&o, 0);
    assert_stdout_has(&o, "cape-of-good-hope");
    let mut args = vec!["diff"];
    args.extend(sea);
    args.extend(["--scenario", f]);
    assert_code(&silkroute(&args), 0);
    let dir = scratch("scenario-map");
    let svg = dir.join("cape.svg");
    let o = silkroute(&trip(
        &["map"],
        "Shanghai",
        "Rotterdam",
        &[
            "--modes",
            "sea",
            "--scenario",
            f,
            "--output",
            path_str(&svg),
        ],
    ));
    assert_code(&o, 0);
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    // Through the API, a path is not a scenario.
    let engine = silkroute_bindings::Engine::eurasia();
    let req = format!(
        r#"{{"from":"Shanghai","to":"Rotterdam","scenarios":[{}]}}"#,
        serde_json::to_string(f).unwrap()
    );
    let err = engine.call("route", &req).unwrap_err();
    assert!(err.contains("unknown_scenario"), "{err}");
}
