//! Every validation error, each on a broken variant of the fixture, with its
//! location; and every problem of a file reported at once.
//!
//! Most cases are rows `(feature id, edit, field, message)`: the edit of the
//! fixture (see `common::edit_value`) and the issue it must cause.

use crate::common::*;
use serde_json::{Value, json};
use silkroute_core::*;

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
        .map(|&p| net.place(p).expect("a place of this network").layer)
        .collect();
    assert!(layers.contains(&Layer::Rail(Gauge::STANDARD)));
    assert!(layers.contains(&Layer::Rail(Gauge::RUSSIAN)));
    // Every terminal is reachable from Alat and reaches it.
    let alat = net.terminal_idx("alat").expect("alat");
    assert!(net.reachable_from(alat).iter().all(|&r| r));
    assert_eq!(net.terminal_indices().len(), net.terminals().len());
    for t in net.terminal_indices() {
        assert!(net.reachable_from(t)[alat.index()]);
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
    assert_feature_cases(&[(
        "aktau-alat-ferry",
        "properties/to=\"alatt\"",
        "to",
        "unknown terminal \"alatt\": did you mean \"alat\"?",
    )]);
    let v = edited(&[("kars-istanbul-rail", "properties/from=\"qqqqqqqq\"")]);
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

/// The issues of the fixture with a copy of a row of `table` appended,
/// edited by `change`; and the new row's index.
fn with_copy(
    table_name: &str,
    row: usize,
    change: impl Fn(&mut serde_json::Value),
) -> (Vec<Issue>, usize) {
    let mut v = mini_value();
    let mut copy = table(&mut v, table_name)[row].clone();
    change(&mut copy);
    table(&mut v, table_name).push(copy);
    let index = table(&mut v, table_name).len() - 1;
    (issues(&v), index)
}

#[test]
fn duplicate_ids() {
    let v = mini_value();
    let kars = feature_index(&v, "kars");
    let (all, index) = with_copy("features", kars, |f| {
        f["properties"]["name"] = json!("Kars Two")
    });
    let e = Expect::at("features", index, "duplicate terminal id \"kars\"");
    assert_issue(&all, e.id("kars").field("id"));

    let rail = feature_index(&v, "tbilisi-poti-rail");
    let (all, index) = with_copy("features", rail, |_| {});
    let e = Expect::at("features", index, "duplicate leg id \"tbilisi-poti-rail\"");
    assert_issue(&all, e.id("tbilisi-poti-rail").field("id"));
    assert_eq!(all.len(), 1, "{all:?}");

    let (all, index) = with_copy("sources", 0, |_| {});
    assert_eq!(index, 5);
    let e = Expect::at("sources", 5, "duplicate source id");
    assert_issue(&all, e.id("ktz-2023").field("id"));
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
    let e = Expect::at("emission_factors", 5, "duplicate emission factor id");
    assert_issue(&all, e.id("glec-rail-electric").field("id"));
    let e = Expect::at("corridors", 3, "duplicate corridor id");
    assert_issue(&all, e.id("black-sea").field("id"));
    assert_eq!(all.len(), 2, "{all:?}");
}

#[test]
fn ambiguous_names_and_invalid_ids() {
    assert_feature_cases(&[(
        "poti",
        "properties/aliases=[\"AKTAU\"]",
        "aliases",
        "also names terminal \"aktau\"",
    )]);
    let mut v = mini_value();
    table(&mut v, "features").push(json!({"type": "Feature",
        "geometry": {"type": "Point", "coordinates": [10.0, 50.0]},
        "properties": {"kind": "terminal", "id": "Bad Id", "name": "Somewhere", "country": "DE", "terminal_kind": "dry_port"}}));
    let e = Expect::at("features", 20, "invalid id \"Bad Id\"");
    assert_issue(&issues(&v), e.id("Bad Id").field("id"));
}

#[test]
fn unknown_source_references_everywhere() {
    let mut v = edited(&[
        (
            "tbilisi-poti-rail",
            "properties/sources=[\"ady-2025\", \"nope\"]",
        ),
        (
            "aktau-alat-ferry",
            "properties/provenance/distance_km/source=\"nope-too\"",
        ),
        ("poti", "properties/sources=[\"missing\"]"),
    ]);
    v["emission_factors"][0]["source"] = json!("gone");
    assert_feature_issues(
        &v,
        &[
            ("tbilisi-poti-rail", "sources", "unknown source \"nope\""),
            (
                "aktau-alat-ferry",
                "provenance.distance_km.source",
                "unknown source \"nope-too\"",
            ),
            ("poti", "sources", "unknown source \"missing\""),
        ],
    );
    let all = issues(&v);
    let e = Expect::at("emission_factors", 0, "unknown source \"gone\"");
    assert_issue(&all, e.id("glec-rail-diesel").field("source"));
    assert_eq!(all.len(), 4, "{all:?}");
}

#[test]
fn missing_sources_and_factors() {
    #[rustfmt::skip]
    assert_feature_cases(&[
        ("tbilisi-poti-rail", "properties/sources removed", "sources", "leg without a source"),
        ("tbilisi-poti-rail", "properties/sources=[]", "sources", "leg without a source"),
        ("tbilisi", "properties/sources removed", "sources", "handling figures without a source"),
        ("aktau-alat-ferry", "properties/emission_factor=\"glec-nope\"", "emission_factor",
            "unknown emission factor \"glec-nope\""),
    ]);
}

#[test]
fn corridor_rules_must_be_satisfiable() {
    let mut v = mini_value();
    v["corridors"][0]["rule"]["require_tags"] = json!(["no-such-tag"]);
    v["corridors"][2]["rule"]["avoid_passages"] = json!(["bosporus"]);
    let all = issues(&v);
    let e = Expect::at("corridors", 0, "no leg carries the tag \"no-such-tag\"");
    assert_issue(&all, e.id("middle-corridor").field("rule.require_tags"));
    let e = Expect::at("corridors", 2, "both required and avoided");
    assert_issue(&all, e.id("black-sea").field("rule"));
}

// --- Numbers and coordinates ----------------------------------------------------

#[test]
fn coordinates_out_of_range() {
    let v = edited(&[
        ("kars", "geometry/coordinates=[43.095, 95.0]"),
        ("poti", "geometry/coordinates=[200.0, 42.154]"),
    ]);
    assert_feature_issues(
        &v,
        &[
            ("kars", "coordinates", "latitude 95 is outside [-90, 90]"),
            (
                "poti",
                "coordinates",
                "longitude 200 is outside [-180, 180]",
            ),
        ],
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
    let mut v = edited(&[
        ("tbilisi-poti-rail", "properties/distance_km=-5"),
        ("kars-istanbul-rail", "properties/time_h=0"),
        ("aktau-alat-ferry", "properties/wait_h=-1.5"),
        (
            "alat-tbilisi-road",
            "properties/cost_usd={\"20\": -1, \"40\": 10}",
        ),
        ("poti", "properties/handling/time_h=-2"),
    ]);
    v["emission_factors"][0]["value"] = json!(0);
    #[rustfmt::skip]
    assert_feature_issues(&v, &[
        ("tbilisi-poti-rail", "distance_km", "`distance_km` is negative (-5)"),
        ("kars-istanbul-rail", "time_h", "`time_h` must be greater than zero"),
        ("aktau-alat-ferry", "wait_h", "`wait_h` is negative (-1.5)"),
        ("alat-tbilisi-road", "cost_usd.20", "`cost_usd.20` is negative (-1)"),
        ("poti", "handling.time_h", "`handling.time_h` is negative (-2)"),
    ]);
    let e = Expect::at("emission_factors", 0, "`value` must be greater than zero");
    assert_issue(&issues(&v), e.id("glec-rail-diesel").field("value"));
}

#[test]
fn absurdly_large_numbers() {
    let v = edited(&[
        ("kars-istanbul-rail", "properties/wait_h=1e7"),
        (
            "tbilisi-poti-rail",
            "properties/cost_usd={\"20\": 300, \"40\": 5e9}",
        ),
    ]);
    assert_feature_issues(
        &v,
        &[
            ("kars-istanbul-rail", "wait_h", "implausibly large"),
            ("tbilisi-poti-rail", "cost_usd.40", "implausibly large"),
        ],
    );
}

#[test]
fn a_number_beyond_f64_is_a_json_error_with_its_position() {
    // JSON has no NaN or infinity; 1e400 is the closest a file can come.
    let v = edited(&[("aktau-alat-ferry", "properties/distance_km=123456.25")]);
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
    let t = |field, message| {
        Expect::at("terminals", 9, message)
            .id("nowhere")
            .field(field)
    };
    let l = |field, message| Expect::at("legs", 11, message).id("nan-leg").field(field);
    assert_issue(all, t("coordinates", "latitude NaN is outside"));
    assert_issue(all, t("coordinates", "longitude inf is outside"));
    assert_issue(all, l("distance_km", "`distance_km` is NaN"));
    assert_issue(all, l("time_h", "`time_h` is infinite"));
    assert_issue(all, l("wait_h", "`wait_h` is infinite"));
    assert_issue(all, l("cost_usd.20", "`cost_usd.20` is NaN"));
}

#[test]
fn implausible_speed_and_distance() {
    #[rustfmt::skip]
    assert_feature_cases(&[
        // 3050 km in 10 h is 305 km/h.
        ("almaty-aktau-rail", "properties/time_h=10", "time_h",
            "average speed 305 km/h is implausible for rail (limit 120 km/h)"),
        // 470 km in 9 h is 52 km/h: too fast for a ferry, fine for a road.
        ("aktau-alat-ferry", "properties/time_h=9", "time_h",
            "implausible for ferry (limit 50 km/h)"),
        // Aktau-Alat is 432.9 km as the crow flies: 2 % less is 424.2 km.
        ("aktau-alat-ferry", "properties/distance_km=420", "distance_km",
            "420 km is shorter than the great-circle distance between its ends (432.9 km)"),
    ]);
    load(&edited(&[(
        "aktau-alat-ferry",
        "properties/distance_km=425",
    )]))
    .expect("within the 2 % tolerance");
}

#[test]
fn unknown_country_codes() {
    let v = edited(&[("boyuk-kesik", "properties/country=\"XX\"")]);
    let all = issues(&v);
    assert_feature_issue(&v, "boyuk-kesik", "country", "unknown country code \"XX\"");
    // The terminal is dropped, so the legs that reach it are reported too.
    assert!(
        all.iter()
            .any(|i| i.message.contains("unknown terminal \"boyuk-kesik\"")),
        "{all:?}"
    );
    assert_feature_cases(&[(
        "aktau-alat-ferry",
        "properties/border=[\"KZ\", \"ZZ\"]",
        "border",
        "unknown country code \"ZZ\"",
    )]);
    let mut v = mini_value();
    v["corridors"][0]["rule"]["avoid_countries"] = json!(["RU", "SU"]);
    let e = Expect::at("corridors", 0, "unknown country code \"SU\"");
    assert_issue(&issues(&v), e.field("rule.avoid_countries[1]"));
}

#[test]
fn self_loops_gauges_borders_and_passages() {
    #[rustfmt::skip]
    assert_feature_cases(&[
        ("tbilisi-poti-rail", "properties/to=\"tbilisi\"", "to", "self-loop"),
        ("tbilisi-poti-rail", "properties/gauge removed", "gauge", "rail leg without a `gauge`"),
        ("alat-tbilisi-road", "properties/gauge=1520", "gauge", "a road leg has no gauge"),
        ("kars", "properties/gauges=[1435, 5000]", "gauges", "implausible gauge 5000 mm"),
        ("aktau-alat-ferry", "properties/border=[\"KZ\", \"GE\"]", "border",
            "border [KZ, GE] does not match the countries of its ends [KZ, AZ]"),
        ("aktau-alat-ferry", "properties/border removed", "border",
            "the leg goes from KZ to AZ but has no `border`"),
        ("almaty-aktau-rail", "properties/border=[\"KZ\", \"KZ\"]", "border",
            "border [KZ, KZ] is not a border"),
        ("poti-istanbul-sea", "properties/passages=[\"bosporus\", \"suezz\"]", "passages[1]",
            "unknown passage \"suezz\""),
    ]);
    let v = edited(&[("tbilisi-akhalkalaki-rail", "properties/gauge=1435")]);
    let all = issues(&v);
    assert_feature_issue(
        &v,
        "tbilisi-akhalkalaki-rail",
        "gauge",
        "gauge 1435 mm is not among the gauges of its `from` terminal \"tbilisi\"",
    );
    assert_eq!(all.len(), 1, "Akhalkalaki has 1435: {all:?}");
    // Other tools' spellings are accepted and written back in ours.
    let v = edited(&[("poti-istanbul-sea", "properties/passages=[\"Bosphorus\"]")]);
    let net = load(&v).expect("Bosphorus is the Bosporus");
    let leg = net.leg("poti-istanbul-sea").expect("leg");
    assert_eq!(leg.passages, vec![Passage::Bosporus]);
}

// --- Shape of the document ------------------------------------------------------

#[test]
fn problems_with_the_document_itself() {
    let cases = [
        (
            "bbox_typo=[0, 0, 1, 1]",
            Expect::doc("bbox_typo", "unknown top-level member \"bbox_typo\""),
        ),
        (
            "sources/1/yaer=2020",
            Expect::at("sources", 1, "unknown field `yaer`").field("yaer"),
        ),
        (
            "features={}",
            Expect::at("features", None, "expected an array, found an object"),
        ),
        (
            "features removed",
            Expect::at("features", None, "missing `features` array"),
        ),
        (
            "type=\"Feature\"",
            Expect::doc("type", "expected \"FeatureCollection\""),
        ),
    ];
    for (e, expect) in cases {
        let mut v = mini_value();
        edit_value(&mut v, e);
        assert_issue(&issues(&v), expect);
    }
}

#[test]
fn wrong_properties_kinds_and_geometries() {
    #[rustfmt::skip]
    assert_feature_cases(&[
        ("poti", "properties/handlng={}", "properties.handlng", "unknown field `handlng`"),
        ("kars", "properties/kind=\"station\"", "properties.kind", "unknown feature kind \"station\""),
        ("kars", "properties/kind removed", "properties.kind", "missing `kind`"),
        ("kars", "properties/terminal_kind=\"airport\"", "properties.terminal_kind",
            "unknown variant `airport`"),
        ("alat-tbilisi-road", "properties/mode=\"air\"", "properties.mode", "unknown variant `air`"),
        ("kars", "geometry={\"type\": \"LineString\", \"coordinates\": [[43.0, 40.6], [43.1, 40.7]]}",
            "geometry", "a terminal needs a Point geometry"),
        ("tbilisi-poti-rail", "geometry={\"type\": \"Point\", \"coordinates\": [44.8, 41.7]}",
            "geometry", "a leg needs a LineString geometry"),
        ("tbilisi-poti-rail", "geometry/coordinates=[[44.8, 41.7]]", "geometry", "at least two positions"),
        ("tbilisi-poti-rail", "geometry/coordinates=[[44.8, 41.7], [\"x\", 1]]", "geometry",
            "is not [longitude, latitude]"),
        ("poti", "geometry=null", "geometry", "a terminal needs a Point geometry"),
    ]);
    // A misspelt property: the typo is reported, not the missing original.
    let v = edited(&[
        ("tbilisi-poti-rail", "properties/distance_km removed"),
        ("tbilisi-poti-rail", "properties/distnce_km=310"),
    ]);
    assert_feature_issue(
        &v,
        "tbilisi-poti-rail",
        "properties.distnce_km",
        "unknown field `distnce_km`",
    );
}

#[test]
fn missing_required_property() {
    let v = edited(&[("tbilisi-poti-rail", "properties/time_h removed")]);
    let index = feature_index(&v, "tbilisi-poti-rail");
    // The whole feature is the location; the message names the field.
    let e = Expect::at("features", index, "missing field `time_h`");
    assert_issue(&issues(&v), e.id("tbilisi-poti-rail"));
}

#[test]
fn features_that_are_not_features() {
    let mut v = mini_value();
    table(&mut v, "features").push(json!(42));
    table(&mut v, "features").push(json!({"type": "Feature", "geometry": null}));
    table(&mut v, "features").push(json!({"type": "Thing", "properties": {}}));
    let all = issues(&v);
    let at = |index: usize, message| Expect::at("features", index, message);
    assert_issue(&all, at(20, "expected a Feature object, found a number"));
    assert_issue(
        &all,
        at(21, "missing `properties` object").field("properties"),
    );
    assert_issue(&all, at(22, "expected \"type\": \"Feature\"").field("type"));
    assert_eq!(all.len(), 3, "{all:?}");
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
    let v = edited(&[
        ("tbilisi-poti-rail", "properties/sources=[\"nope\"]"),
        ("kars-istanbul-rail", "properties/time_h=5"),
        (
            "aktau-alat-ferry",
            "properties/emission_factor=\"glec-nope\"",
        ),
    ]);
    let all = issues(&v);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_feature_issues(
        &v,
        &[
            ("tbilisi-poti-rail", "sources", "unknown source"),
            ("kars-istanbul-rail", "time_h", "implausible"),
            (
                "aktau-alat-ferry",
                "emission_factor",
                "unknown emission factor",
            ),
        ],
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
    let mut v = edited(&[
        ("istanbul-poti-sea", "properties/distance_km removed"),
        ("istanbul-poti-sea", "properties/distnce_km=1190"),
        ("tbilisi-poti-rail", "properties/to=\"tbilisi\""),
    ]);
    v["extra"] = json!(true);
    let all = issues(&v);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_issue(&all, Expect::doc("extra", "unknown top-level member"));
    assert_feature_issues(
        &v,
        &[
            (
                "istanbul-poti-sea",
                "properties.distnce_km",
                "unknown field",
            ),
            ("tbilisi-poti-rail", "to", "self-loop"),
        ],
    );
}

#[test]
fn issues_display_their_location() {
    let v = edited(&[(
        "aktau-alat-ferry",
        "properties/emission_factor=\"glec-nope\"",
    )]);
    let i = feature_index(&v, "aktau-alat-ferry");
    let all = issues(&v);
    assert_eq!(
        all[0].to_string(),
        format!(
            "features[{i}] (id \"aktau-alat-ferry\"), field `emission_factor`: unknown emission factor \"glec-nope\""
        )
    );
}
