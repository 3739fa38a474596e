//! What-if scenarios from the command line: `scenarios`, `diff`, and
//! `--scenario` on the routing commands. The golden checks read like the
//! questions researchers ask.

use super::*;

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(o)))
}

fn passages(route: &serde_json::Value) -> Vec<String> {
    route["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .map(|p| p.as_str().expect("string").to_string())
        .collect()
}

fn leg_ids(route: &serde_json::Value) -> Vec<String> {
    route["legs"]
        .as_array()
        .expect("legs")
        .iter()
        .map(|l| l["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn scenarios_lists_every_builtin_with_its_sources() {
    let o = silkroute(&["scenarios"]);
    assert_code(&o, 0);
    let out = stdout(&o);
    for id in [
        "red-sea-closure",
        "avoid-russia-belarus",
        "btk-5mt-upgrade",
        "rasht-astara-rail",
        "caspian-winter-storms",
    ] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    assert!(
        out.contains("sources:") && out.contains("effect on eurasia"),
        "{out}"
    );
    let o = silkroute(&["scenarios", "--json"]);
    assert_code(&o, 0);
    let v = json(&o);
    let items = v.as_array().expect("array");
    assert!(items.len() >= 5);
    for s in items {
        for field in ["id", "name", "description"] {
            assert!(
                s[field].as_str().is_some_and(|x| !x.is_empty()),
                "{field}: {s}"
            );
        }
        assert!(!s["sources"].as_array().expect("sources").is_empty(), "{s}");
        assert!(s["sources"][0]["title"].is_string(), "{s}");
        assert!(!s["changes"].as_array().expect("changes").is_empty(), "{s}");
        assert!(s["effect"].is_object(), "{s}");
    }
    let red = items
        .iter()
        .find(|s| s["id"] == "red-sea-closure")
        .expect("red sea");
    assert_eq!(red["effect"]["legs_closed"], 2);
}

#[test]
fn scenarios_checks_files_and_reports_located_problems() {
    let dir = scratch("scenario-files");
    let good = dir.join("good.json");
    std::fs::write(
        &good,
        r#"{"format": "silkroute-scenario", "format_version": 1, "id": "no-ferries", "name": "No ferries",
            "description": "Every ferry stops.", "sources": [],
            "changes": [{"op": "close", "legs": ["aktau-alat-ferry", "kuryk-alat-ferry"]}]}"#,
    )
    .expect("write");
    let o = silkroute(&["scenarios", path_str(&good)]);
    assert_code(&o, 0);
    assert_stdout_has(&o, "2 legs closed");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format": "silkroute-scenario", "format_version": 1, "id": "bad", "name": "Bad",
            "description": "Typos.", "sources": [],
            "changes": [{"op": "close", "legs": ["aktau-alat-fery"]},
                        {"op": "scale", "what": "wait", "factor": -2, "where": {"modes": ["ferry"]}}]}"#,
    )
    .expect("write");
    let o = silkroute(&["scenarios", path_str(&bad)]);
    assert_code(&o, 1);
    let out = stdout(&o);
    assert!(
        out.contains("changes[1], field `factor`: `factor` is negative (-2)"),
        "{out}"
    );
    // The parse problems come first; applying is not attempted on a broken file.
    let o = silkroute(&["scenarios", "--json", path_str(&bad)]);
    assert_code(&o, 1);
    assert!(
        json(&o)[0]["issues"][0]
            .as_str()
            .is_some_and(|s| s.contains("changes[1]"))
    );
    let typo = dir.join("typo.json");
    std::fs::write(
        &typo,
        std::fs::read_to_string(&bad)
            .expect("read")
            .replace("-2", "2"),
    )
    .expect("write");
    let o = silkroute(&["scenarios", path_str(&typo)]);
    assert_code(&o, 1);
    assert_stdout_has(&o, "did you mean \"aktau-alat-ferry\"?");
    let o = silkroute(&["scenarios", "red-sea-closur"]);
    assert_code(&o, 2);
    assert_stderr_has(&o, "did you mean red-sea-closure?");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_the_red_sea_closed_shanghai_rotterdam_by_sea_goes_round_the_cape() {
    let args = [
        "route",
        "--from",
        "Shanghai",
        "--to",
        "Rotterdam",
        "--modes",
        "sea",
        "--json",
    ];
    let o = silkroute(&args);
    assert_code(&o, 0);
    let before = json(&o)["routes"][0].clone();
    assert!(passages(&before).contains(&"suez".to_string()), "{before}");
    let mut with: Vec<&str> = args.to_vec();
    with.extend(["--scenario", "red-sea-closure"]);
    let o = silkroute(&with);
    assert_code(&o, 0);
    let after = json(&o)["routes"][0].clone();
    let p = passages(&after);
    assert!(p.contains(&"cape-of-good-hope".to_string()), "{after}");
    assert!(
        !p.contains(&"suez".to_string()) && !p.contains(&"bab-el-mandeb".to_string()),
        "{after}"
    );
    let days = |r: &serde_json::Value| r["totals"]["time_h"].as_f64().expect("time") / 24.0;
    assert!(
        days(&after) > days(&before) + 3.0,
        "{} vs {}",
        days(&after),
        days(&before)
    );
    // Pareto on the scenario network has no Red Sea route either.
    let o = silkroute(&trip(
        &["pareto"],
        "Shanghai",
        "Rotterdam",
        &["--scenario", "red-sea-closure", "--json"],
    ));
    assert_code(&o, 0);
    for r in json(&o)["routes"].as_array().expect("routes") {
        assert!(!passages(r).contains(&"suez".to_string()), "{r}");
    }
}

#[test]
fn avoiding_russia_and_belarus_makes_the_northern_route_unavailable() {
    let args = ["compare", "--from", "Xi'an", "--to", "Duisburg", "--json"];
    let o = silkroute(&args);
    assert_code(&o, 0);
    assert!(
        json(&o)["routes"]
            .as_array()
            .expect("routes")
            .iter()
            .any(|r| r["corridor"] == "northern")
    );
    let mut with = args.to_vec();
    with.extend(["--scenario", "avoid-russia-belarus"]);
    let o = silkroute(&with);
    assert_code(&o, 0);
    let v = json(&o);
    assert!(
        !v["routes"]
            .as_array()
            .expect("routes")
            .iter()
            .any(|r| r["corridor"] == "northern")
    );
    let northern = v["unavailable"]
        .as_array()
        .expect("unavailable")
        .iter()
        .find(|u| u["corridor"] == "northern")
        .expect("northern listed as unavailable");
    assert_eq!(northern["error"]["kind"], "no_route");
    // The Middle Corridor is still there.
    assert!(
        v["routes"]
            .as_array()
            .expect("routes")
            .iter()
            .any(|r| r["corridor"] == "middle-corridor")
    );
    // The table says why.
    let o = silkroute(&trip(
        &["compare"],
        "Xi'an",
        "Duisburg",
        &["--scenario", "avoid-russia-belarus"],
    ));
    assert_code(&o, 0);
    assert_stdout_has(&o, "no route:");
}

#[test]
fn the_rasht_astara_link_opens_a_rail_route_that_was_impossible() {
    // Bandar Abbas to Baku by rail without Russia: the only gap is the
    // Rasht - Astara road.
    let args = [
        "route",
        "--from",
        "Bandar Abbas",
        "--to",
        "Baku",
        "--modes",
        "rail",
        "--avoid-country",
        "RU",
        "--json",
    ];
    let o = silkroute(&args);
    assert_code(&o, 1);
    assert_eq!(json(&o)["error"]["kind"], "no_route");
    let mut with = args.to_vec();
    with.extend(["--scenario", "rasht-astara-rail"]);
    let o = silkroute(&with);
    assert_code(&o, 0);
    let r = json(&o)["routes"][0].clone();
    assert!(
        leg_ids(&r).contains(&"rasht-astara-ir-rail".to_string()),
        "{r}"
    );
    assert!(
        r["totals"]["time_h"].as_f64().expect("time") < 5.0 * 24.0,
        "{r}"
    );
}

#[test]
fn scenarios_apply_in_order_and_repeat() {
    let wait = |extra: &[&str]| {
        let mut args = vec![
            "route", "--from", "Aktau", "--to", "Alat", "--modes", "ferry", "--json",
        ];
        args.extend(extra);
        let o = silkroute(&args);
        assert_code(&o, 0);
        json(&o)["routes"][0]["legs"][0]["wait_h"]
            .as_f64()
            .expect("wait")
    };
    assert_eq!(wait(&[]), 60.0);
    assert_eq!(wait(&["--scenario", "caspian-winter-storms"]), 168.0);
    assert_eq!(
        wait(&[
            "--scenario",
            "caspian-winter-storms",
            "--scenario",
            "caspian-winter-storms"
        ]),
        276.0
    );
}

#[test]
fn scenario_errors_are_input_errors() {
    let o = silkroute(&trip(
        &["route"],
        "Shanghai",
        "Rotterdam",
        &["--scenario", "red-sea", "--json"],
    ));
    assert_code(&o, 2);
    let v = json(&o);
    assert_eq!(v["error"]["kind"], "unknown_scenario");
    assert_eq!(v["error"]["suggestions"][0], "red-sea-closure");
    let dir = scratch("scenario-errors");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format": "silkroute-scenario", "format_version": 1, "id": "bad", "name": "Bad", "description": "d",
            "sources": [], "changes": [{"op": "close", "terminals": ["Moskow"]}]}"#,
    )
    .expect("write");
    let o = silkroute(&trip(
        &["compare"],
        "Xi'an",
        "Duisburg",
        &["--scenario", path_str(&bad)],
    ));
    assert_code(&o, 2);
    assert_stderr_has(&o, "changes[0], field `terminals[0]`");
    assert_stderr_has(&o, "did you mean \"moscow\"");
    // A closed origin is "no such terminal" on the scenario network.
    let o = silkroute(&trip(
        &["route"],
        "Moscow",
        "Duisburg",
        &["--scenario", "avoid-russia-belarus"],
    ));
    assert_code(&o, 2);
    assert_stderr_has(&o, "unknown terminal \"Moscow\"");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_shows_baseline_and_scenario_side_by_side() {
    let o = silkroute(&trip(
        &["diff", "--scenario", "red-sea-closure"],
        "Shanghai",
        "Rotterdam",
        &[],
    ));
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(
        out.contains("Shanghai → Rotterdam: baseline → with red-sea-closure"),
        "{out}"
    );
    assert!(
        out.contains("Deep sea via Suez") && out.contains("now infeasible"),
        "{out}"
    );
    assert!(
        out.contains("Δ DAYS") && out.contains("Δ USD") && out.contains("Δ T CO2E"),
        "{out}"
    );
    let o = silkroute(&trip(
        &["diff", "--scenario", "red-sea-closure"],
        "Shanghai",
        "Rotterdam",
        &["--json"],
    ));
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(v["scenarios"][0]["id"], "red-sea-closure");
    assert_eq!(v["best"]["status"], "changed");
    assert!(
        v["best"]["delta"]["time_h"].as_f64().expect("delta") > 72.0,
        "{}",
        v["best"]
    );
    let corridor = |id: &str| {
        v["corridors"]
            .as_array()
            .expect("corridors")
            .iter()
            .find(|c| c["corridor"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    assert_eq!(corridor("sea-suez")["status"], "now_infeasible");
    assert_eq!(
        corridor("sea-suez")["scenario"]["error"]["kind"],
        "no_route"
    );
    assert_eq!(corridor("sea-cape")["status"], "unchanged");
    assert_eq!(corridor("middle-corridor")["status"], "unchanged");
}

#[test]
fn diff_reports_corridors_that_become_feasible_and_closed_origins() {
    let o = silkroute(&trip(
        &["diff", "--scenario", "rasht-astara-rail"],
        "Bandar Abbas",
        "Baku",
        // Without Turkmenistan, rail from Iran to Azerbaijan needs the new link.
        &["--modes", "rail", "--avoid-country", "TM", "--json"],
    ));
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(v["best"]["status"], "now_feasible", "{}", v["best"]);
    let west = v["corridors"]
        .as_array()
        .expect("corridors")
        .iter()
        .find(|c| c["corridor"] == "instc-west")
        .expect("west");
    assert_eq!(west["status"], "now_feasible");
    // Closing the origin's country leaves nothing to route: every corridor is infeasible.
    let o = silkroute(&trip(
        &["diff", "--scenario", "avoid-russia-belarus"],
        "Moscow",
        "Duisburg",
        &["--json"],
    ));
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(v["best"]["status"], "now_infeasible");
    assert_eq!(v["best"]["scenario"]["error"]["kind"], "unknown_terminal");
}

#[test]
fn diff_needs_a_scenario() {
    let o = silkroute(&["diff", "--from", "Shanghai", "--to", "Rotterdam"]);
    assert_code(&o, 2);
    assert_stderr_has(&o, "--scenario");
    let o = silkroute(&trip(
        &["diff", "--scenario", "nope"],
        "Shanghai",
        "Rotterdam",
        &[],
    ));
    assert_code(&o, 2);
    assert_stderr_has(&o, "unknown scenario \"nope\"");
}
