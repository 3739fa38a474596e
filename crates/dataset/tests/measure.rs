//! Measurement rules on tiny synthetic networks: snapping inside a shared
//! component, failures, rejected detours, closed and recorded passages.

use silkroute_dataset::measure::{Target, measure_rail, measure_sea};
use silkroute_dataset::tables::{MeasureRules, MeasureStatus, MeasuredRow};
use silkroute_netgraph::{LoadOptions, PlainNetwork};
use std::collections::BTreeMap;

fn rules() -> MeasureRules {
    MeasureRules {
        rail_candidates: 10,
        rail_max_snap_km: 10.0,
        rail_search_factor: 4.0,
        rail_search_slack_km: 50.0,
        rail_max_detour: 1.9,
        sea_candidates: 10,
        sea_max_snap_km: 50.0,
        sea_always_avoid: vec!["northwest".into()],
        passage_names: BTreeMap::from([("suez".into(), "suez".into())]),
    }
}

fn net(json: &str) -> PlainNetwork {
    PlainNetwork::from_slice(json.as_bytes(), &LoadOptions::default()).expect("network")
}

fn target(leg: &str, from: [f64; 2], to: [f64; 2], avoid: &[&str]) -> Target {
    Target {
        leg: leg.into(),
        from,
        to,
        avoid: avoid.iter().map(|s| s.to_string()).collect(),
    }
}

fn by_leg(rows: Vec<MeasuredRow>) -> BTreeMap<String, MeasuredRow> {
    rows.into_iter().map(|r| (r.leg_id.clone(), r)).collect()
}

#[test]
fn rail_snaps_within_a_shared_component_and_rejects_detours() {
    // A: 0-1-2 along the equator; B: 6-7 just east of node 2; C: a detour 3-4-5
    let rail = net(r#"{"meta": {"format": "netgraph-v1"},
        "nodes": [[0, 0], [0, 1], [0, 2], [1, 0], [1.3, 0.25], [1, 0.5], [0, 2.01], [0, 3]],
        "edges": [[0, 1, 111.2], [1, 2, 111.2], [3, 4, 75.0], [4, 5, 75.0], [6, 7, 110.0]]}"#);
    let rows = by_leg(
        measure_rail(
            &rail,
            &[
                target("a", [0.0, 0.0], [0.0, 2.012], &[]),
                target("detour", [1.0, 0.0], [1.0, 0.5], &[]),
                target("far", [0.0, 0.0], [10.0, 10.0], &[]),
            ],
            &rules(),
        )
        .expect("measured"),
    );
    let a = &rows["a"];
    assert_eq!(a.status, MeasureStatus::Ok, "{a:?}");
    // the end snaps to node 2 of the start's component (1.3 km), not to node 6 (0.2 km)
    assert_eq!(a.km, Some(223.7));
    assert!(
        a.note.starts_with(
            "OSM railways shortest path 222.4 km + snap connectors 0.00 km / 1.33 km (component of 3 nodes)"
        ),
        "{}",
        a.note
    );
    let d = &rows["detour"];
    assert_eq!(d.status, MeasureStatus::Rejected, "{d:?}");
    assert!(
        d.note
            .ends_with("; rejected: detour through a gap in the OSM graph")
    );
    let f = &rows["far"];
    assert_eq!((f.status, f.km), (MeasureStatus::Failed, None));
    assert!(
        f.note
            .starts_with("no common OSM component within 10 km of both ends (nearest: 0.0 / "),
        "{}",
        f.note
    );
}

#[test]
fn sea_closes_the_arctic_and_records_passages() {
    // 0-1 directly through "suez" (1112 km) or round by node 2 (2 x 1240 km);
    // a 500 km "northwest" edge is always closed
    let sea = net(r#"{"meta": {"format": "netgraph-v1"},
        "nodes": [[0, 0], [0, 10], [10, 5]],
        "edges": [[0, 1, 1112.0], [0, 2, 1240.0], [2, 1, 1240.0], [0, 1, 500.0]],
        "passages": {"suez": [0], "northwest": [3]}}"#);
    let rows = by_leg(
        measure_sea(
            &sea,
            &[
                target("via-suez", [0.0, 0.1], [0.0, 10.0], &[]),
                target("round", [0.0, 0.1], [0.0, 10.0], &["suez"]),
            ],
            &rules(),
        )
        .expect("measured"),
    );
    let s = &rows["via-suez"];
    assert_eq!(s.status, MeasureStatus::Ok);
    assert_eq!(
        s.note,
        "marnet shortest path 1112.0 km + snap connectors 11.1 / 0.0 km; passages: suez"
    );
    assert_eq!(s.km, Some(1123.1));
    let r = &rows["round"];
    assert_eq!(
        r.note,
        "marnet shortest path 2480.0 km + snap connectors 11.1 / 0.0 km; edges of suez removed; passages: none"
    );
}
