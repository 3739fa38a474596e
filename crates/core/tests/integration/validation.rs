//! Every validation error, each on a broken variant of the fixture, with its
//! location; and every problem of a file reported at once.

use crate::common::*;
use serde_json::{Value, json};
use silkroute_core::*;
use std::io::Write;

#[test]
fn the_fixture_is_valid() {
    let net = mini();
    assert_eq!(net.terminals().len(), 9);
    assert_eq!(net.legs().len(), 11);
    assert_eq!(net.sources().len(), 5);
    assert_eq!(net.corridors().len(), 3);
    let countries: std::collections::BTreeSet<&str> =
        net.terminals().iter().map(|t| t.country.as_str()).collect();
    assert_eq!(countries.len(), 4);
    // Akhalkalaki changes gauge: two rail places joined by transfers.
    let akh = net.terminal_idx("akhalkalaki").expect("akhalkalaki");
    let layers: Vec<Layer> = net
        .places_of(akh)
        .iter()
        .map(|&p| net.place(p).expect("index from this network").layer)
        .collect();
    assert!(layers.contains(&Layer::Rail(Gauge::STANDARD)));
    assert!(layers.contains(&Layer::Rail(Gauge::RUSSIAN)));
    // Every terminal is reachable from Alat and reaches it.
    let alat = net.terminal_idx("alat").expect("alat");
    assert!(net.reachable_from(alat).iter().all(|&r| r));
    for i in 0..net.terminals().len() {
        assert!(
            net.reachable_from(TerminalIdx::try_from(i).expect("index from this network"))
                [alat.index()]
        );
    }
}

#[test]
fn loads_from_a_path_and_a_reader() {
    let a = Network::from_path(mini_path()).expect("from_path");
    let b = Network::from_reader(MINI.as_bytes()).expect("from_reader");
    assert_eq!(a.terminals(), b.terminals());
    assert_eq!(a.legs(), b.legs());
}

// --- References ---------------------------------------------------------------

#[test]
fn unknown_terminal_reference_suggests_the_closest_id() {
    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").insert("to".into(), json!("alatt"));
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "to",
        "unknown terminal \"alatt\": did you mean \"alat\"?",
    );

    let mut v = mini_value();
    props(&mut v, "kars-istanbul-rail").insert("from".into(), json!("qqqqqqqq"));
    let all = issues(&v);
    assert_feature_issue(
        &v,
        "kars-istanbul-rail",
        "from",
        "unknown terminal \"qqqqqqqq\"",
    );
    assert!(
        !all.iter().any(|i| i.message.contains("did you mean")),
        "{all:?}"
    );
}

#[test]
fn duplicate_terminal_id() {
    let mut v = mini_value();
    let mut dup = feature(&mut v, "kars").clone();
    dup["properties"]["name"] = json!("Kars Two");
    table(&mut v, "features").push(dup);
    let index = table(&mut v, "features").len() - 1;
    assert_issue(
        &issues(&v),
        Expect {
            table: "features",
            index: Some(index),
            id: Some("kars"),
            field: Some("id"),
            message: "duplicate terminal id \"kars\"",
        },
    );
}

#[test]
fn duplicate_leg_id() {
    let mut v = mini_value();
    let dup = feature(&mut v, "tbilisi-poti-rail").clone();
    table(&mut v, "features").push(dup);
    let index = table(&mut v, "features").len() - 1;
    let all = issues(&v);
    assert_issue(
        &all,
        Expect {
            table: "features",
            index: Some(index),
            id: Some("tbilisi-poti-rail"),
            field: Some("id"),
            message: "duplicate leg id \"tbilisi-poti-rail\"",
        },
    );
    assert_eq!(all.len(), 1, "{all:?}");
}

#[test]
fn duplicate_source_id() {
    let mut v = mini_value();
    let dup = v["sources"][0].clone();
    table(&mut v, "sources").push(dup);
    let all = issues(&v);
    assert_issue(
        &all,
        Expect {
            table: "sources",
            index: Some(5),
            id: Some("ktz-2023"),
            field: Some("id"),
            message: "duplicate source id",
        },
    );
    assert_eq!(all.len(), 1, "{all:?}");
}

#[test]
fn duplicate_emission_factor_and_corridor_ids() {
    let mut v = mini_value();
    let ef = v["emission_factors"][1].clone();
    table(&mut v, "emission_factors").push(ef);
    let c = v["corridors"][2].clone();
    table(&mut v, "corridors").push(c);
    let all = issues(&v);
    assert_issue(
        &all,
        Expect {
            table: "emission_factors",
            index: Some(5),
            id: Some("glec-rail-electric"),
            field: Some("id"),
            message: "duplicate emission factor id",
        },
    );
    assert_issue(
        &all,
        Expect {
            table: "corridors",
            index: Some(3),
            id: Some("black-sea"),
            field: Some("id"),
            message: "duplicate corridor id",
        },
    );
    assert_eq!(all.len(), 2, "{all:?}");
}

#[test]
fn ambiguous_names_and_invalid_ids() {
    let mut v = mini_value();
    props(&mut v, "poti").insert("aliases".into(), json!(["AKTAU"]));
    assert_feature_issue(&v, "poti", "aliases", "also names terminal \"aktau\"");

    let mut v = mini_value();
    table(&mut v, "features").push(json!({"type": "Feature",
        "geometry": {"type": "Point", "coordinates": [10.0, 50.0]},
        "properties": {"kind": "terminal", "id": "Bad Id", "name": "Somewhere", "country": "DE", "terminal_kind": "dry_port"}}));
    let all = issues(&v);
    assert_issue(
        &all,
        Expect {
            table: "features",
            index: Some(20),
            id: Some("Bad Id"),
            field: Some("id"),
            message: "invalid id \"Bad Id\"",
        },
    );
}

#[test]
fn unknown_source_references_everywhere() {
    let mut v = mini_value();
    props(&mut v, "tbilisi-poti-rail").insert("sources".into(), json!(["ady-2025", "nope"]));
    props(&mut v, "aktau-alat-ferry")["provenance"]["distance_km"]["source"] = json!("nope-too");
    props(&mut v, "poti").insert("sources".into(), json!(["missing"]));
    v["emission_factors"][0]["source"] = json!("gone");
    let all = issues(&v);
    assert_feature_issue(
        &v,
        "tbilisi-poti-rail",
        "sources",
        "unknown source \"nope\"",
    );
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "provenance.distance_km.source",
        "unknown source \"nope-too\"",
    );
    assert_feature_issue(&v, "poti", "sources", "unknown source \"missing\"");
    assert_issue(
        &all,
        Expect {
            table: "emission_factors",
            index: Some(0),
            id: Some("glec-rail-diesel"),
            field: Some("source"),
            message: "unknown source \"gone\"",
        },
    );
    assert_eq!(all.len(), 4, "{all:?}");
}

#[test]
fn leg_without_a_source() {
    let mut v = mini_value();
    props(&mut v, "tbilisi-poti-rail").remove("sources");
    assert_feature_issue(&v, "tbilisi-poti-rail", "sources", "leg without a source");
    let mut v = mini_value();
    props(&mut v, "tbilisi-poti-rail").insert("sources".into(), json!([]));
    assert_feature_issue(&v, "tbilisi-poti-rail", "sources", "leg without a source");
}

#[test]
fn handling_without_a_source() {
    let mut v = mini_value();
    props(&mut v, "tbilisi").remove("sources");
    assert_feature_issue(
        &v,
        "tbilisi",
        "sources",
        "handling figures without a source",
    );
}

#[test]
fn unknown_emission_factor() {
    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").insert("emission_factor".into(), json!("glec-nope"));
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "emission_factor",
        "unknown emission factor \"glec-nope\"",
    );
}

#[test]
fn corridor_rules_must_be_satisfiable() {
    let mut v = mini_value();
    v["corridors"][0]["rule"]["require_tags"] = json!(["no-such-tag"]);
    v["corridors"][2]["rule"]["avoid_passages"] = json!(["bosporus"]);
    let all = issues(&v);
    assert_issue(
        &all,
        Expect {
            table: "corridors",
            index: Some(0),
            id: Some("middle-corridor"),
            field: Some("rule.require_tags"),
            message: "no leg carries the tag \"no-such-tag\"",
        },
    );
    assert_issue(
        &all,
        Expect {
            table: "corridors",
            index: Some(2),
            id: Some("black-sea"),
            field: Some("rule"),
            message: "both required and avoided",
        },
    );
}

// --- Numbers and coordinates ----------------------------------------------------

#[test]
fn coordinates_out_of_range() {
    let mut v = mini_value();
    feature(&mut v, "kars")["geometry"]["coordinates"] = json!([43.095, 95.0]);
    feature(&mut v, "poti")["geometry"]["coordinates"] = json!([200.0, 42.154]);
    assert_feature_issue(
        &v,
        "kars",
        "coordinates",
        "latitude 95 is outside [-90, 90]",
    );
    assert_feature_issue(
        &v,
        "poti",
        "coordinates",
        "longitude 200 is outside [-180, 180]",
    );
}

#[test]
fn leg_geometry_out_of_range() {
    let mut v = mini_value();
    feature(&mut v, "kars-istanbul-rail")["geometry"]["coordinates"][1] = json!([28.69, -91.0]);
    assert_feature_issue(
        &v,
        "kars-istanbul-rail",
        "geometry",
        "point 1 (-91, 28.69) is not a valid WGS84 coordinate",
    );
}

#[test]
fn negative_and_zero_numbers() {
    let mut v = mini_value();
    props(&mut v, "tbilisi-poti-rail").insert("distance_km".into(), json!(-5));
    props(&mut v, "kars-istanbul-rail").insert("time_h".into(), json!(0));
    props(&mut v, "aktau-alat-ferry").insert("wait_h".into(), json!(-1.5));
    props(&mut v, "alat-tbilisi-road").insert("cost_usd".into(), json!({"20": -1, "40": 10}));
    props(&mut v, "poti")["handling"]["time_h"] = json!(-2);
    v["emission_factors"][0]["value"] = json!(0);
    let all = issues(&v);
    assert_feature_issue(
        &v,
        "tbilisi-poti-rail",
        "distance_km",
        "`distance_km` is negative (-5)",
    );
    assert_feature_issue(
        &v,
        "kars-istanbul-rail",
        "time_h",
        "`time_h` must be greater than zero",
    );
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "wait_h",
        "`wait_h` is negative (-1.5)",
    );
    assert_feature_issue(
        &v,
        "alat-tbilisi-road",
        "cost_usd.20",
        "`cost_usd.20` is negative (-1)",
    );
    assert_feature_issue(
        &v,
        "poti",
        "handling.time_h",
        "`handling.time_h` is negative (-2)",
    );
    assert_issue(
        &all,
        Expect {
            table: "emission_factors",
            index: Some(0),
            id: Some("glec-rail-diesel"),
            field: Some("value"),
            message: "`value` must be greater than zero",
        },
    );
}

#[test]
fn absurdly_large_numbers() {
    let mut v = mini_value();
    props(&mut v, "kars-istanbul-rail").insert("wait_h".into(), json!(1e7));
    props(&mut v, "tbilisi-poti-rail").insert("cost_usd".into(), json!({"20": 300, "40": 5e9}));
    assert_feature_issue(&v, "kars-istanbul-rail", "wait_h", "implausibly large");
    assert_feature_issue(&v, "tbilisi-poti-rail", "cost_usd.40", "implausibly large");
}

#[test]
fn a_number_beyond_f64_is_a_json_error_with_its_position() {
    // JSON has no NaN or infinity; 1e400 is the closest a file can come.
    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").insert("distance_km".into(), json!(123456.25));
    let text = serde_json::to_string(&v)
        .expect("serialise")
        .replace("123456.25", "1e400");
    match Network::from_json_str(&text) {
        Err(Error::Json {
            message,
            line,
            column,
        }) => {
            assert!(message.contains("number out of range"), "{message}");
            assert_eq!(line, 1);
            let at = text.find("1e400").expect("marker");
            assert!(
                column > at && column <= at + 6,
                "column {column}, number at {at}"
            );
        }
        other => panic!("expected Error::Json, got {other:?}"),
    }
}

#[test]
fn nan_and_infinite_numbers_through_the_builder() {
    let kz: CountryCode = "KZ".parse().expect("KZ");
    let b = mini()
        .to_builder()
        .terminal(Terminal::new(
            "nowhere",
            "Nowhere",
            kz,
            TerminalKind::DryPort,
            f64::NAN,
            f64::INFINITY,
        ))
        .leg(
            Leg::new(
                "nan-leg",
                "almaty",
                "aktau",
                Mode::Rail,
                Km(f64::NAN),
                Hours(f64::INFINITY),
            )
            .gauge(Gauge::RUSSIAN)
            .wait(Hours(f64::NEG_INFINITY))
            .cost(Usd(f64::NAN), Usd(1.0))
            .emission_factor("glec-rail-diesel")
            .source("ktz-2023"),
        );
    let err = b.build().expect_err("NaN must be rejected");
    let all = err.issues();
    let t = |field: &'static str, message: &'static str| Expect {
        table: "terminals",
        index: Some(9),
        id: Some("nowhere"),
        field: Some(field),
        message,
    };
    let l = |field: &'static str, message: &'static str| Expect {
        table: "legs",
        index: Some(11),
        id: Some("nan-leg"),
        field: Some(field),
        message,
    };
    assert_issue(all, t("coordinates", "latitude NaN is outside"));
    assert_issue(all, t("coordinates", "longitude inf is outside"));
    assert_issue(all, l("distance_km", "`distance_km` is NaN"));
    assert_issue(all, l("time_h", "`time_h` is infinite"));
    assert_issue(all, l("wait_h", "`wait_h` is infinite"));
    assert_issue(all, l("cost_usd.20", "`cost_usd.20` is NaN"));
}

#[test]
fn implausible_speed() {
    let mut v = mini_value();
    // 3050 km in 10 h is 305 km/h.
    props(&mut v, "almaty-aktau-rail").insert("time_h".into(), json!(10));
    assert_feature_issue(
        &v,
        "almaty-aktau-rail",
        "time_h",
        "average speed 305 km/h is implausible for rail (limit 120 km/h)",
    );
    let mut v = mini_value();
    // 470 km in 9 h is 52 km/h: too fast for a ferry, fine for a road.
    props(&mut v, "aktau-alat-ferry").insert("time_h".into(), json!(9));
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "time_h",
        "implausible for ferry (limit 50 km/h)",
    );
}

#[test]
fn shorter_than_the_great_circle() {
    // Aktau-Alat is 432.9 km as the crow flies: 2 % less is 424.2 km.
    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").insert("distance_km".into(), json!(420));
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "distance_km",
        "420 km is shorter than the great-circle distance between its ends (432.9 km)",
    );
    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").insert("distance_km".into(), json!(425));
    load(&v).expect("within the 2 % tolerance");
}

#[test]
fn unknown_country_codes() {
    let mut v = mini_value();
    props(&mut v, "boyuk-kesik").insert("country".into(), json!("XX"));
    let all = issues(&v);
    assert_feature_issue(&v, "boyuk-kesik", "country", "unknown country code \"XX\"");
    // The terminal is dropped, so the legs that reach it are reported too.
    assert!(
        all.iter()
            .any(|i| i.message.contains("unknown terminal \"boyuk-kesik\"")),
        "{all:?}"
    );

    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").insert("border".into(), json!(["KZ", "ZZ"]));
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "border",
        "unknown country code \"ZZ\"",
    );

    let mut v = mini_value();
    v["corridors"][0]["rule"]["avoid_countries"] = json!(["RU", "SU"]);
    assert_issue(
        &issues(&v),
        Expect {
            table: "corridors",
            index: Some(0),
            id: None,
            field: Some("rule.avoid_countries[1]"),
            message: "unknown country code \"SU\"",
        },
    );
}

#[test]
fn self_loop() {
    let mut v = mini_value();
    props(&mut v, "tbilisi-poti-rail").insert("to".into(), json!("tbilisi"));
    assert_feature_issue(&v, "tbilisi-poti-rail", "to", "self-loop");
}

#[test]
fn rail_gauges() {
    let mut v = mini_value();
    props(&mut v, "tbilisi-poti-rail").remove("gauge");
    assert_feature_issue(
        &v,
        "tbilisi-poti-rail",
        "gauge",
        "rail leg without a `gauge`",
    );

    let mut v = mini_value();
    props(&mut v, "tbilisi-akhalkalaki-rail").insert("gauge".into(), json!(1435));
    let all = issues(&v);
    assert_feature_issue(
        &v,
        "tbilisi-akhalkalaki-rail",
        "gauge",
        "gauge 1435 mm is not among the gauges of its `from` terminal \"tbilisi\"",
    );
    assert_eq!(all.len(), 1, "Akhalkalaki has 1435: {all:?}");

    let mut v = mini_value();
    props(&mut v, "alat-tbilisi-road").insert("gauge".into(), json!(1520));
    assert_feature_issue(&v, "alat-tbilisi-road", "gauge", "a road leg has no gauge");

    let mut v = mini_value();
    props(&mut v, "kars").insert("gauges".into(), json!([1435, 5000]));
    assert_feature_issue(&v, "kars", "gauges", "implausible gauge 5000 mm");
}

#[test]
fn borders() {
    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").insert("border".into(), json!(["KZ", "GE"]));
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "border",
        "border [KZ, GE] does not match the countries of its ends [KZ, AZ]",
    );

    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").remove("border");
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "border",
        "the leg goes from KZ to AZ but has no `border`",
    );

    let mut v = mini_value();
    props(&mut v, "almaty-aktau-rail").insert("border".into(), json!(["KZ", "KZ"]));
    assert_feature_issue(
        &v,
        "almaty-aktau-rail",
        "border",
        "border [KZ, KZ] is not a border",
    );
}

#[test]
fn unknown_passage() {
    let mut v = mini_value();
    props(&mut v, "poti-istanbul-sea").insert("passages".into(), json!(["bosporus", "suezz"]));
    assert_feature_issue(
        &v,
        "poti-istanbul-sea",
        "passages[1]",
        "unknown passage \"suezz\"",
    );
    // Other tools' spellings are accepted and written back in ours.
    let mut v = mini_value();
    props(&mut v, "poti-istanbul-sea").insert("passages".into(), json!(["Bosphorus"]));
    let net = load(&v).expect("Bosphorus is the Bosporus");
    let leg = net.leg("poti-istanbul-sea").expect("leg");
    assert_eq!(leg.passages, vec![Passage::Bosporus]);
}

// --- Shape of the document ------------------------------------------------------

#[test]
fn unknown_top_level_member() {
    let mut v = mini_value();
    v["bbox_typo"] = json!([0, 0, 1, 1]);
    assert_issue(
        &issues(&v),
        Expect {
            table: "document",
            index: None,
            id: None,
            field: Some("bbox_typo"),
            message: "unknown top-level member \"bbox_typo\"",
        },
    );
}

#[test]
fn unknown_property_is_a_typo() {
    let mut v = mini_value();
    let p = props(&mut v, "tbilisi-poti-rail");
    let d = p.remove("distance_km").expect("distance");
    p.insert("distnce_km".into(), d);
    assert_feature_issue(
        &v,
        "tbilisi-poti-rail",
        "properties.distnce_km",
        "unknown field `distnce_km`",
    );

    let mut v = mini_value();
    props(&mut v, "poti").insert("handlng".into(), json!({}));
    assert_feature_issue(&v, "poti", "properties.handlng", "unknown field `handlng`");

    let mut v = mini_value();
    v["sources"][1]["yaer"] = json!(2020);
    assert_issue(
        &issues(&v),
        Expect {
            table: "sources",
            index: Some(1),
            id: None,
            field: Some("yaer"),
            message: "unknown field `yaer`",
        },
    );
}

#[test]
fn missing_required_property() {
    let mut v = mini_value();
    props(&mut v, "tbilisi-poti-rail").remove("time_h");
    let index = feature_index(&v, "tbilisi-poti-rail");
    // The whole feature is the location; the message names the field.
    assert_issue(
        &issues(&v),
        Expect {
            table: "features",
            index: Some(index),
            id: Some("tbilisi-poti-rail"),
            field: None,
            message: "missing field `time_h`",
        },
    );
}

#[test]
fn wrong_geometry() {
    let mut v = mini_value();
    feature(&mut v, "kars")["geometry"] =
        json!({"type": "LineString", "coordinates": [[43.0, 40.6], [43.1, 40.7]]});
    assert_feature_issue(&v, "kars", "geometry", "a terminal needs a Point geometry");

    let mut v = mini_value();
    feature(&mut v, "tbilisi-poti-rail")["geometry"] =
        json!({"type": "Point", "coordinates": [44.8, 41.7]});
    assert_feature_issue(
        &v,
        "tbilisi-poti-rail",
        "geometry",
        "a leg needs a LineString geometry",
    );

    let mut v = mini_value();
    feature(&mut v, "tbilisi-poti-rail")["geometry"]["coordinates"] = json!([[44.8, 41.7]]);
    assert_feature_issue(
        &v,
        "tbilisi-poti-rail",
        "geometry",
        "at least two positions",
    );

    let mut v = mini_value();
    feature(&mut v, "tbilisi-poti-rail")["geometry"]["coordinates"] =
        json!([[44.8, 41.7], ["x", 1]]);
    assert_feature_issue(
        &v,
        "tbilisi-poti-rail",
        "geometry",
        "is not [longitude, latitude]",
    );

    let mut v = mini_value();
    feature(&mut v, "poti")["geometry"] = Value::Null;
    assert_feature_issue(&v, "poti", "geometry", "a terminal needs a Point geometry");
}

#[test]
fn unknown_or_missing_kind() {
    let mut v = mini_value();
    props(&mut v, "kars").insert("kind".into(), json!("station"));
    assert_feature_issue(
        &v,
        "kars",
        "properties.kind",
        "unknown feature kind \"station\"",
    );
    let mut v = mini_value();
    props(&mut v, "kars").remove("kind");
    assert_feature_issue(&v, "kars", "properties.kind", "missing `kind`");
    let mut v = mini_value();
    props(&mut v, "kars").insert("terminal_kind".into(), json!("airport"));
    assert_feature_issue(
        &v,
        "kars",
        "properties.terminal_kind",
        "unknown variant `airport`",
    );
    let mut v = mini_value();
    props(&mut v, "alat-tbilisi-road").insert("mode".into(), json!("air"));
    assert_feature_issue(
        &v,
        "alat-tbilisi-road",
        "properties.mode",
        "unknown variant `air`",
    );
}

#[test]
fn features_that_are_not_features() {
    let mut v = mini_value();
    table(&mut v, "features").push(json!(42));
    table(&mut v, "features").push(json!({"type": "Feature", "geometry": null}));
    table(&mut v, "features").push(json!({"type": "Thing", "properties": {}}));
    let all = issues(&v);
    let at = |index, field: Option<&'static str>, message| Expect {
        table: "features",
        index: Some(index),
        id: None,
        field,
        message,
    };
    assert_issue(
        &all,
        at(20, None, "expected a Feature object, found a number"),
    );
    assert_issue(
        &all,
        at(21, Some("properties"), "missing `properties` object"),
    );
    assert_issue(&all, at(22, Some("type"), "expected \"type\": \"Feature\""));
    assert_eq!(all.len(), 3, "{all:?}");

    let mut v = mini_value();
    v["features"] = json!({});
    assert_issue(
        &issues(&v),
        Expect {
            table: "features",
            index: None,
            id: None,
            field: None,
            message: "expected an array, found an object",
        },
    );
    let mut v = mini_value();
    v.as_object_mut().expect("object").remove("features");
    assert_issue(
        &issues(&v),
        Expect {
            table: "features",
            index: None,
            id: None,
            field: None,
            message: "missing `features` array",
        },
    );
    let mut v = mini_value();
    v["type"] = json!("Feature");
    assert_issue(
        &issues(&v),
        Expect {
            table: "document",
            index: None,
            id: None,
            field: Some("type"),
            message: "expected \"FeatureCollection\"",
        },
    );
}

#[test]
fn wrong_format_or_version() {
    let cases: [(&str, Value, &str); 5] = [
        ("format", json!("geojson"), "format \"geojson\""),
        ("format", json!(1), "format 1"),
        ("format_version", json!(2), "silkroute-network version 2"),
        (
            "format_version",
            json!("1"),
            "silkroute-network version \"1\"",
        ),
        (
            "format_version",
            json!(1.5),
            "silkroute-network version 1.5",
        ),
    ];
    for (member, value, found_fragment) in cases {
        let mut v = mini_value();
        v[member] = value;
        match load(&v) {
            Err(Error::UnsupportedFormat { found }) => {
                assert!(found.contains(found_fragment), "{found}")
            }
            other => panic!("{member}: expected UnsupportedFormat, got {other:?}"),
        }
    }
    let mut v = mini_value();
    v.as_object_mut().expect("object").remove("format_version");
    assert!(
        matches!(load(&v), Err(Error::UnsupportedFormat { found }) if found.contains("(missing)"))
    );
    let mut v = mini_value();
    v.as_object_mut().expect("object").remove("format");
    assert!(
        matches!(load(&v), Err(Error::UnsupportedFormat { found }) if found.contains("no \"format\""))
    );
    assert!(matches!(
        Network::from_json_str("[1, 2]"),
        Err(Error::UnsupportedFormat { .. })
    ));
    // A plain GeoJSON file is recognised as not ours.
    let plain = r#"{"type": "FeatureCollection", "features": []}"#;
    let err = Network::from_json_str(plain).expect_err("not a silkroute network");
    assert!(
        err.to_string()
            .contains("expected \"format\": \"silkroute-network\""),
        "{err}"
    );
}

// --- Bytes that are not a network file ------------------------------------------

fn json_error(bytes: &[u8]) -> (String, usize, usize) {
    match Network::from_slice(bytes) {
        Err(Error::Json {
            message,
            line,
            column,
        }) => (message, line, column),
        other => panic!("expected Error::Json, got {other:?}"),
    }
}

#[test]
fn malformed_json_reports_line_and_column() {
    // A missing comma on line 3.
    let text = "{\n  \"type\": \"FeatureCollection\",\n  \"format\": \"silkroute-network\"\n  \"format_version\": 1\n}\n";
    let (message, line, column) = json_error(text.as_bytes());
    assert_eq!((line, column), (4, 3), "{message}");
    assert!(message.contains("expected `,` or `}`"), "{message}");
    assert!(
        !message.contains(" at line "),
        "the position is given once: {message}"
    );
    let err = Network::from_json_str(text).expect_err("malformed");
    assert!(err.to_string().contains("line 4, column 3"), "{err}");
}

#[test]
fn truncated_file() {
    let cut = &MINI.as_bytes()[..MINI.len() / 2];
    let (message, line, _) = json_error(cut);
    assert!(message.contains("EOF"), "{message}");
    assert!(line > 1, "{line}");
}

#[test]
fn empty_file() {
    let (message, line, column) = json_error(b"");
    assert!(message.contains("EOF"), "{message}");
    assert_eq!((line, column), (1, 0));
    let (message, _, _) = json_error(b"  \n\t ");
    assert!(message.contains("EOF"), "{message}");
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    json_error(&garbage);
    json_error(&[0xff, 0xfe, 0x00, 0x7b]);
    json_error(b"\x00\x00\x00\x00");
    // Invalid UTF-8 inside a string.
    json_error(b"{\"name\": \"\xc3\x28\"}");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

#[test]
fn gzip_is_read_transparently() {
    let gz = gzip(MINI.as_bytes());
    let a = Network::from_slice(&gz).expect("gzip loads");
    let b = mini();
    assert_eq!(a.terminals(), b.terminals());
    assert_eq!(a.legs(), b.legs());
    let b2 = Network::from_reader(&gz[..]).expect("gzip from a reader");
    assert_eq!(b2.legs(), b.legs());
    let dir = std::env::temp_dir().join(format!("silkroute-core-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("mini.geojson.gz");
    std::fs::write(&path, &gz).expect("write temp file");
    let c = Network::from_path(&path).expect("gzip from a path");
    assert_eq!(c.terminals(), b.terminals());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn corrupt_gzip() {
    let (message, _, _) = json_error(&[0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
    assert!(message.contains("corrupt gzip"), "{message}");
    let gz = gzip(MINI.as_bytes());
    let (message, _, _) = json_error(&gz[..gz.len() / 2]);
    assert!(message.contains("corrupt gzip"), "{message}");
    // Valid gzip of bytes that are not JSON.
    let (message, _, _) = json_error(&gzip(b"\x00\x01\x02 not json"));
    assert!(!message.contains("gzip"), "{message}");
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/no-such-file.geojson");
    match Network::from_path(&path) {
        Err(e @ Error::Io { .. }) => assert!(e.to_string().contains("no-such-file.geojson"), "{e}"),
        other => panic!("expected Error::Io, got {other:?}"),
    }
}

#[test]
fn over_the_byte_limit() {
    let limits = Limits::default().max_bytes(1000);
    match Network::from_slice_with(MINI.as_bytes(), limits) {
        Err(Error::TooLarge { found, limit, .. }) => {
            assert_eq!(limit, 1000);
            assert!(found > 1000);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    match Network::from_path_with(mini_path(), limits) {
        Err(Error::TooLarge { limit: 1000, .. }) => {}
        other => panic!("expected TooLarge from a path, got {other:?}"),
    }
    // A small gzip that inflates past the limit (a decompression bomb).
    let bomb = gzip(&vec![b' '; 1_000_000]);
    assert!(bomb.len() < 10_000);
    match Network::from_slice_with(&bomb, Limits::default().max_bytes(100_000)) {
        Err(Error::TooLarge { limit: 100_000, .. }) => {}
        other => panic!("expected TooLarge after inflating, got {other:?}"),
    }
    // Exactly at the limit is fine.
    Network::from_slice_with(
        MINI.as_bytes(),
        Limits::default().max_bytes(MINI.len() as u64),
    )
    .expect("at the limit");
}

#[test]
fn too_many_features() {
    match Network::from_slice_with(MINI.as_bytes(), Limits::default().max_features(5)) {
        Err(e @ Error::TooLarge { .. }) => {
            let Error::TooLarge {
                what, found, limit, ..
            } = &e
            else {
                unreachable!()
            };
            assert_eq!((*what, *found, *limit), ("the number of features", 20, 5));
            assert!(e.to_string().contains("Limits::max_features"), "{e}");
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    Network::from_slice_with(MINI.as_bytes(), Limits::default().max_features(20))
        .expect("at the limit");
}

// --- All problems at once -------------------------------------------------------

#[test]
fn three_problems_three_issues() {
    let mut v = mini_value();
    props(&mut v, "tbilisi-poti-rail").insert("sources".into(), json!(["nope"]));
    props(&mut v, "kars-istanbul-rail").insert("time_h".into(), json!(5));
    props(&mut v, "aktau-alat-ferry").insert("emission_factor".into(), json!("glec-nope"));
    let all = issues(&v);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_feature_issue(&v, "tbilisi-poti-rail", "sources", "unknown source");
    assert_feature_issue(&v, "kars-istanbul-rail", "time_h", "implausible");
    assert_feature_issue(
        &v,
        "aktau-alat-ferry",
        "emission_factor",
        "unknown emission factor",
    );
    let message = load(&v).expect_err("invalid").to_string();
    assert!(
        message.starts_with("3 problems in the network:"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 4, "{message}");
}

#[test]
fn parse_and_validation_problems_are_reported_together() {
    let mut v = mini_value();
    v["extra"] = json!(true);
    let p = props(&mut v, "istanbul-poti-sea");
    let d = p.remove("distance_km").expect("distance");
    p.insert("distnce_km".into(), d);
    props(&mut v, "tbilisi-poti-rail").insert("to".into(), json!("tbilisi"));
    let all = issues(&v);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_issue(
        &all,
        Expect {
            table: "document",
            index: None,
            id: None,
            field: Some("extra"),
            message: "unknown top-level member",
        },
    );
    assert_feature_issue(
        &v,
        "istanbul-poti-sea",
        "properties.distnce_km",
        "unknown field",
    );
    assert_feature_issue(&v, "tbilisi-poti-rail", "to", "self-loop");
}

#[test]
fn issues_display_their_location() {
    let mut v = mini_value();
    props(&mut v, "aktau-alat-ferry").insert("emission_factor".into(), json!("glec-nope"));
    let i = feature_index(&v, "aktau-alat-ferry");
    let all = issues(&v);
    assert_eq!(
        all[0].to_string(),
        format!(
            "features[{i}] (id \"aktau-alat-ferry\"), field `emission_factor`: unknown emission factor \"glec-nope\""
        )
    );
}
