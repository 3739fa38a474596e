//! Emissions by the standard's structure: every factor sourced, each leg's
//! well-to-tank and tank-to-wheel parts recomputed by hand, hubs, the
//! cargo-mass override, grid intensities and the green-rail scenario, and
//! every error of the new tables.

use crate::common::*;
use serde_json::json;
use silkroute_core::*;

/// A leg's emissions by hand from the tables: activity × the factor's fuel
/// part, plus the electric part at the mean grid of the end countries.
fn by_hand(net: &Network, l: &Leg, size: ContainerSize) -> (f64, f64) {
    let e = net.emission_factor(&l.emission_factor).expect("factor");
    let payload = match e.unit {
        EmissionUnit::GPerTkm => net.meta().assumptions.cargo_tonnes(size),
        EmissionUnit::GPerTeuKm => size.teu(),
        _ => unreachable!("two units"),
    };
    let activity = l.distance.get() * payload;
    let (ttw, wtt) = e.fuel_split();
    let s = e.electric_share;
    let grid = if s > 0.0 {
        let from = net.terminal(l.from.as_str()).expect("from").country;
        let to = net.terminal(l.to.as_str()).expect("to").country;
        let g = |c| net.grid_intensity(c).expect("grid").g_per_kwh;
        (g(from) + g(to)) / 2.0
    } else {
        0.0
    };
    let kwh = e.kwh_per_unit.unwrap_or(0.0);
    (
        (1.0 - s) * ttw * activity / 1000.0,
        ((1.0 - s) * wtt + s * kwh * grid) * activity / 1000.0,
    )
}

/// Grid intensities for the fixture's Azerbaijani and Georgian legs.
fn az_ge_grids() -> serde_json::Value {
    json!([
        {"country": "AZ", "g_per_kwh": 600, "year": 2024, "source": "ktz-2023"},
        {"country": "GE", "g_per_kwh": 140, "year": 2024, "source": "ktz-2023"}
    ])
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn every_factor_is_sourced_split_and_ranged() {
    let net = Network::eurasia();
    let source = |id: &SourceId| net.source(id).is_some();
    for e in net.emission_factors() {
        assert!(source(&e.source), "{}: unknown source {}", e.id, e.source);
        assert!(e.method.is_some(), "{}: no method", e.id);
        let (Some(ttw), Some(wtt)) = (e.ttw, e.wtt) else {
            panic!("{}: no WTT/TTW split", e.id);
        };
        assert!(close(ttw + wtt, e.value), "{}: split does not add up", e.id);
        assert!(e.energy.is_some(), "{}: no energy carrier", e.id);
        // A range where sources disagree; electric factors state the range
        // of their energy and share in the note.
        assert!(
            e.range.is_some() || e.electric_share > 0.0,
            "{}: no range",
            e.id
        );
        assert!(e.note.as_deref().is_some_and(|n| !n.is_empty()), "{}", e.id);
    }
    for g in net.grid_intensities() {
        assert!(source(&g.source), "grid {}: unknown source", g.country);
        assert!(g.method.is_some() && (2020..=2026).contains(&g.year));
    }
    for h in net.hub_factors() {
        assert!(source(&h.source), "{}: unknown source", h.id);
        assert!(h.method.is_some() && h.range.is_some(), "{}", h.id);
    }
    // Every terminal where containers change mode counts a hub operation.
    for t in net.terminals() {
        if t.handling.is_some() {
            let h = t.hub_factor.as_ref().expect("a hub factor");
            assert!(net.hub_factor(h).is_some(), "{}: {h}", t.id);
            assert!(t.hub_co2e.forty.wtw().get() > 0.0, "{}", t.id);
        }
    }
}

#[test]
fn every_leg_is_its_factor_by_hand_and_wtt_plus_ttw_is_wtw() {
    let net = Network::eurasia();
    let mut electric = 0;
    for l in net.legs() {
        for size in ContainerSize::ALL {
            let (ttw, wtt) = by_hand(&net, l, size);
            let c = l.co2e_split.get(size);
            assert!(
                close(c.ttw.get(), ttw),
                "{} TTW {} vs {ttw}",
                l.id,
                c.ttw.get()
            );
            assert!(
                close(c.wtt.get(), wtt),
                "{} WTT {} vs {wtt}",
                l.id,
                c.wtt.get()
            );
            assert_eq!(l.co2e.get(size), c.wtw(), "{}", l.id);
            assert!(c.ttw.get() >= 0.0 && c.wtt.get() > 0.0, "{}", l.id);
        }
        let e = net.emission_factor(&l.emission_factor).expect("factor");
        if e.electric_share > 0.0 {
            electric += 1;
        }
    }
    assert!(electric > 50, "only {electric} legs with electric traction");
    // Georgia's main line is wholly electric: no tank-to-wheel part.
    let poti = net.leg("tbilisi-poti-rail").expect("leg");
    assert_eq!(poti.co2e_split.forty.ttw.get(), 0.0);
    // A 40ft box is two TEU at a hub.
    let port = net.terminal("poti").expect("poti");
    assert!(close(
        port.hub_co2e.forty.wtw().get(),
        2.0 * port.hub_co2e.twenty.wtw().get()
    ));
}

#[test]
fn cargo_tonnes_scale_per_tonne_legs_linearly_and_nothing_else() {
    let net = Network::eurasia();
    for tonnes in [1.0, 7.5, 13.0, 26.68] {
        let a = net
            .meta()
            .assumptions
            .with_cargo_tonnes(ContainerSize::Forty, tonnes);
        let heavy = net.to_builder().assumptions(a).build().expect("valid");
        let k = tonnes / net.meta().assumptions.cargo_tonnes(ContainerSize::Forty);
        for (x, y) in net.legs().iter().zip(heavy.legs()) {
            let unit = net
                .emission_factor(&x.emission_factor)
                .expect("factor")
                .unit;
            let (b, h) = (x.co2e_split.forty, y.co2e_split.forty);
            let k = if unit == EmissionUnit::GPerTkm {
                k
            } else {
                1.0
            };
            assert!(close(h.ttw.get(), b.ttw.get() * k), "{}", x.id);
            assert!(close(h.wtt.get(), b.wtt.get() * k), "{}", x.id);
            // The other size keeps its assumption.
            assert_eq!(x.co2e_split.twenty, y.co2e_split.twenty);
        }
        for (x, y) in net.terminals().iter().zip(heavy.terminals()) {
            assert_eq!(x.hub_co2e, y.hub_co2e, "hubs are per TEU");
        }
    }
}

#[test]
fn green_rail_lowers_exactly_the_electric_part_of_az_and_kz_legs() {
    let net = Network::eurasia();
    let green = Scenario::builtin("green-rail-az-kz")
        .expect("built in")
        .apply(&net)
        .expect("applies");
    let az: CountryCode = "AZ".parse().expect("code");
    let kz: CountryCode = "KZ".parse().expect("code");
    assert_eq!(green.grid_intensity(az).expect("AZ").g_per_kwh, 48.0);
    assert_eq!(green.grid_intensity(kz).expect("KZ").g_per_kwh, 48.0);
    let grid = |n: &Network, c: CountryCode| n.grid_intensity(c).expect("grid").g_per_kwh;
    let mut lowered = 0;
    for (b, g) in net.legs().iter().zip(green.legs()) {
        assert_eq!(b.id, g.id);
        let e = net.emission_factor(&b.emission_factor).expect("factor");
        let ends = [
            net.terminal(b.from.as_str()).expect("from").country,
            net.terminal(b.to.as_str()).expect("to").country,
        ];
        let diff = |n: &Network| ends.iter().map(|&c| grid(n, c)).sum::<f64>() / 2.0;
        let grid_drop = diff(&net) - diff(&green);
        let tonne_km = b.distance.get() * net.meta().assumptions.cargo_tonnes(ContainerSize::Forty);
        let expected = if e.electric_share > 0.0 && e.unit == EmissionUnit::GPerTkm {
            e.electric_share * e.kwh_per_unit.expect("kwh") * grid_drop * tonne_km / 1000.0
        } else {
            0.0
        };
        let (x, y) = (b.co2e_split.forty, g.co2e_split.forty);
        assert_eq!(x.ttw, y.ttw, "{}: TTW never changes", b.id);
        let drop = x.wtt.get() - y.wtt.get();
        assert!(
            close(drop, expected),
            "{}: dropped {drop}, expected {expected}",
            b.id
        );
        if expected > 0.0 {
            assert!(ends.contains(&az) || ends.contains(&kz), "{}", b.id);
            lowered += 1;
        }
    }
    assert!(lowered >= 15, "only {lowered} legs lowered");
}

#[test]
fn set_grid_intensity_errors_are_located() {
    let net = mini();
    let scenario = |change: serde_json::Value| {
        json!({
            "format": "silkroute-scenario", "format_version": 1, "id": "grid",
            "name": "grid", "description": "test",
            "sources": [{"id": "s", "title": "t", "publisher": "p", "year": 2024, "grade": "A"}],
            "changes": [change]
        })
        .to_string()
    };
    let cases = [
        (
            json!({"op": "set_grid_intensity", "countries": [], "g_per_kwh": 10, "year": 2024, "source": "s"}),
            Some("countries"),
            "needs `countries`",
        ),
        (
            json!({"op": "set_grid_intensity", "countries": ["XX"], "g_per_kwh": 10, "year": 2024, "source": "s"}),
            Some("countries[0]"),
            "XX",
        ),
        (
            json!({"op": "set_grid_intensity", "countries": ["AZ"], "g_per_kwh": -1, "year": 2024, "source": "s"}),
            Some("g_per_kwh"),
            "negative",
        ),
        (
            json!({"op": "set_grid_intensity", "countries": ["AZ"], "g_per_kwh": 5000, "year": 2024, "source": "s"}),
            Some("g_per_kwh"),
            "implausibly large",
        ),
        (
            json!({"op": "set_grid_intensity", "countries": ["AZ"], "g_per_kwh": 10, "year": 1900, "source": "s"}),
            Some("year"),
            "implausible year 1900",
        ),
        (
            json!({"op": "set_grid_intensity", "countries": ["AZ"], "g_per_kwh": 10, "year": 2024, "source": ""}),
            Some("source"),
            "`source` is empty",
        ),
        (
            json!({"op": "set_grid_intensity", "countries": ["AZ"], "g_per_kwh": 10, "year": 2024}),
            None,
            "missing field `source`",
        ),
    ];
    for (change, field, message) in cases {
        let text = scenario(change.clone());
        let e = Scenario::from_json_str(&text).expect_err("refused");
        let issue = e
            .issues()
            .first()
            .unwrap_or_else(|| panic!("{change}: {e}"));
        assert_eq!(issue.location.field.as_deref(), field, "{change}: {issue}");
        assert!(issue.message.contains(message), "{change}: {issue}");
    }
    // A source the scenario does not cite is refused when applied.
    let text = scenario(
        json!({"op": "set_grid_intensity", "countries": ["AZ"], "g_per_kwh": 10, "year": 2024, "source": "nope"}),
    );
    let s = Scenario::from_json_str(&text).expect("parses");
    let e = s.apply(&net).expect_err("unknown source");
    assert!(e.to_string().contains("unknown source \"nope\""), "{e}");
    // A country the network had no grid for is added.
    let text = scenario(
        json!({"op": "set_grid_intensity", "countries": ["AZ", "TR"], "g_per_kwh": 10, "year": 2024, "source": "s"}),
    );
    let s = Scenario::from_json_str(&text).expect("parses");
    let out = s.apply(&net).expect("applies");
    assert_eq!(out.grid_intensities().len(), 2);
    let summary = s.summaries().join("\n");
    assert!(
        summary.contains("set the grid intensity of electric traction in AZ, TR to 10 g CO2e/kWh"),
        "{summary}"
    );
}

#[test]
fn legacy_factors_without_a_split_count_as_tank_to_wheel() {
    let net = mini();
    for l in net.legs() {
        let c = l.co2e_split.forty;
        assert_eq!(c.wtt.get(), 0.0, "{}", l.id);
        assert_eq!(c.ttw, l.co2e.forty, "{}", l.id);
    }
    assert!(
        net.terminals()
            .iter()
            .all(|t| t.hub_co2e == PerContainer::default())
    );
}

#[test]
fn the_new_tables_round_trip_through_the_format() {
    let net = Network::eurasia();
    let back = Network::from_json_str(&net.to_geojson().to_string()).expect("round trip");
    assert_eq!(back.emission_factors(), net.emission_factors());
    assert_eq!(back.grid_intensities(), net.grid_intensities());
    assert_eq!(back.hub_factors(), net.hub_factors());
    for (a, b) in net.legs().iter().zip(back.legs()) {
        assert_eq!(a.co2e_split, b.co2e_split, "{}", a.id);
    }
    for (a, b) in net.terminals().iter().zip(back.terminals()) {
        assert_eq!(a.hub_factor, b.hub_factor);
        assert_eq!(a.hub_co2e, b.hub_co2e);
    }
}

#[test]
fn emission_table_errors_are_located() {
    let grid = json!([{"country": "AZ", "g_per_kwh": 600, "year": 2024, "source": "ktz-2023"}]);
    let electric = |v: &mut serde_json::Value| {
        v["emission_factors"][1]["electric_share"] = json!(0.9);
        v["emission_factors"][1]["kwh_per_unit"] = json!(0.03);
    };
    // An electric factor on a leg whose countries have no grid intensity.
    let mut v = mini_value();
    electric(&mut v);
    v["grid_intensities"] = grid.clone();
    let all = issues(&v);
    assert_feature_issue(
        &v,
        "boyuk-kesik-tbilisi-rail",
        "emission_factor",
        "no grid intensity for GE: add one to `grid_intensities`",
    );
    assert!(
        !all.iter().any(|i| i.message.contains("for AZ")),
        "AZ has a grid: {all:?}"
    );
    #[rustfmt::skip]
    let cases: Vec<(&str, serde_json::Value, Expect<'_>)> = vec![
        ("share above 1", json!({"electric_share": 1.5, "kwh_per_unit": 0.03}),
            Expect::at("emission_factors", 1, "`electric_share` is 1.5, implausibly large").id("glec-rail-electric").field("electric_share")),
        ("share without energy", json!({"electric_share": 0.5}),
            Expect::at("emission_factors", 1, "needs `kwh_per_unit`").id("glec-rail-electric").field("kwh_per_unit")),
        ("energy of zero", json!({"electric_share": 0.5, "kwh_per_unit": 0}),
            Expect::at("emission_factors", 1, "`kwh_per_unit` must be greater than zero").id("glec-rail-electric").field("kwh_per_unit")),
        ("half a split", json!({"ttw": 10.0}),
            Expect::at("emission_factors", 1, "give both `ttw` and `wtt`").id("glec-rail-electric").field("wtt")),
        ("a split that does not add up", json!({"ttw": 10.0, "wtt": 1.0}),
            Expect::at("emission_factors", 1, "`ttw` 10 + `wtt` 1 = 11 but `value` is 12").id("glec-rail-electric").field("value")),
        ("a negative part", json!({"ttw": 13.0, "wtt": -1.0}),
            Expect::at("emission_factors", 1, "`wtt` is negative").id("glec-rail-electric").field("wtt")),
        ("an upside-down range", json!({"range": [20.0, 10.0]}),
            Expect::at("emission_factors", 1, "low end above its high end").id("glec-rail-electric").field("range")),
        ("an unknown carrier", json!({"energy": "coal"}),
            Expect::at("emission_factors", 1, "unknown variant `coal`").field("energy")),
    ];
    for (what, patch, expect) in cases {
        let mut v = mini_value();
        for (k, x) in patch.as_object().expect("object") {
            v["emission_factors"][1][k] = x.clone();
        }
        v["grid_intensities"] = az_ge_grids();
        let _ = what;
        assert_issue(&issues(&v), expect);
    }
    // Grid and hub tables.
    let mut v = mini_value();
    v["grid_intensities"] = json!([
        {"country": "AZ", "g_per_kwh": 600, "year": 2024, "source": "ktz-2023"},
        {"country": "AZ", "g_per_kwh": f64::MAX, "year": 1980, "source": "nope"}
    ]);
    v["hub_factors"] = json!([
        {"id": "hub", "ttw_kg_per_teu": 5, "wtt_kg_per_teu": -2, "source": "ktz-2023"},
        {"id": "hub", "ttw_kg_per_teu": 5, "wtt_kg_per_teu": 2, "source": "ktz-2023"}
    ]);
    feature(&mut v, "aktau")["properties"]["hub_factor"] = json!("hubb");
    let all = issues(&v);
    for e in [
        Expect::at("grid_intensities", 1, "duplicate grid intensity for AZ")
            .id("AZ")
            .field("country"),
        Expect::at("grid_intensities", 1, "implausibly large")
            .id("AZ")
            .field("g_per_kwh"),
        Expect::at("grid_intensities", 1, "implausible year 1980")
            .id("AZ")
            .field("year"),
        Expect::at("grid_intensities", 1, "unknown source \"nope\"")
            .id("AZ")
            .field("source"),
        Expect::at("hub_factors", 0, "`wtt_kg_per_teu` is negative")
            .id("hub")
            .field("wtt_kg_per_teu"),
        Expect::at("hub_factors", 1, "duplicate hub factor id \"hub\"")
            .id("hub")
            .field("id"),
    ] {
        assert_issue(&all, e);
    }
    assert_feature_issue(&v, "aktau", "hub_factor", "unknown hub factor \"hubb\"");
    let _ = grid;
    // A wholly electric factor needs no fuel part.
    let mut v = mini_value();
    v["emission_factors"][1]["value"] = json!(0);
    v["emission_factors"][1]["electric_share"] = json!(1);
    v["emission_factors"][1]["kwh_per_unit"] = json!(0.03);
    v["grid_intensities"] = az_ge_grids();
    let net = load(&v).expect("valid");
    let leg = net.leg("tbilisi-poti-rail").expect("leg");
    assert_eq!(leg.co2e_split.forty.ttw.get(), 0.0);
    let expected = 0.03 * 140.0 * leg.distance.get() * 20.0 / 1000.0;
    assert!(close(leg.co2e_split.forty.wtt.get(), expected));
}
