//! Limits that keep hostile input from exhausting memory or time: each has a
//! default, a way to raise it, and an error naming it. Regression inputs
//! found by fuzzing (`fuzz/`) live in `tests/data/fuzz/` and are loaded here.

use crate::common::{MINI, gzip, mini_value};
use silkroute_core::netgraph::{DEFAULT_MAX_BYTES, LoadOptions, NetgraphError, PlainNetwork};
use silkroute_core::{Error, Limits, Network, Scenario};

#[track_caller]
fn too_large(e: Error, how: &str) {
    let msg = e.to_string();
    assert!(matches!(e, Error::TooLarge { .. }), "{msg}");
    assert!(msg.contains(how), "{msg}");
}

#[test]
fn network_bytes_limit() {
    assert_eq!(Limits::default().max_bytes, 256 * 1024 * 1024);
    let limits = Limits::default().max_bytes(1000);
    too_large(
        Network::from_slice_with(MINI.as_bytes(), limits).unwrap_err(),
        "Limits::max_bytes",
    );
    // Decompressed size counts: a small gzip bomb is refused without being
    // inflated whole.
    let bomb = gzip(&vec![b' '; 8 * 1024 * 1024]);
    assert!(bomb.len() < 20_000);
    let limits = Limits::default().max_bytes(1024 * 1024);
    too_large(
        Network::from_slice_with(&bomb, limits).unwrap_err(),
        "--max-file-mb",
    );
    let e = Network::from_reader(&bomb[..bomb.len() / 2]).unwrap_err();
    assert!(e.to_string().contains("corrupt gzip"), "{e}");
    // Raised, the fixture loads (plain and gzip).
    let limits = Limits::default().max_bytes(MINI.len() as u64);
    assert!(Network::from_slice_with(MINI.as_bytes(), limits).is_ok());
    assert!(Network::from_slice_with(&gzip(MINI.as_bytes()), limits).is_ok());
}

#[test]
fn network_feature_limit() {
    assert_eq!(Limits::default().max_features, 1_000_000);
    let n = mini_value()["features"].as_array().expect("features").len();
    let e = Network::from_slice_with(MINI.as_bytes(), Limits::default().max_features(n - 1))
        .unwrap_err();
    too_large(e, "Limits::max_features");
    assert!(Network::from_slice_with(MINI.as_bytes(), Limits::default().max_features(n)).is_ok());
}

#[test]
fn scenario_file_limit() {
    let dir = std::env::temp_dir().join(format!("silkroute-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("huge-scenario.json");
    // 17 MiB of whitespace: over the 16 MiB limit, refused after reading
    // at most one byte more than the limit.
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(17 * 1024 * 1024).expect("sparse file");
    let e = Scenario::from_path(&path).unwrap_err();
    assert!(matches!(e, Error::TooLarge { .. }), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

const NETGRAPH: &[u8] = br#"{"meta": {"format": "netgraph-v1"},
  "nodes": [[31.2, 121.5], [1.3, 103.8], [51.9, 4.5]],
  "edges": [[0, 1, 3800.0], [1, 2, 15500.0]],
  "passages": {"malacca": [0]}}"#;

const LINES: &[u8] = br#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
   "coordinates": [[121.5, 31.2], [103.8, 1.3], [4.5, 51.9]]}}]}"#;

#[track_caller]
fn netgraph_too_large(r: Result<PlainNetwork, NetgraphError>, name: &str) {
    let e = r.unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, NetgraphError::TooLarge { .. }), "{msg}");
    assert!(msg.contains(name) && msg.contains("LoadOptions::"), "{msg}");
}

#[test]
fn netgraph_node_edge_and_byte_limits() {
    let ok = LoadOptions::default();
    assert_eq!(
        PlainNetwork::from_slice(NETGRAPH, &ok)
            .expect("loads")
            .node_count(),
        3
    );
    // A gzip bomb is cut off at the byte limit, not inflated whole.
    assert_eq!(DEFAULT_MAX_BYTES, 4 << 30);
    let bomb = gzip(&vec![b' '; 8 * 1024 * 1024]);
    type Load = fn(&[u8], &LoadOptions) -> Result<PlainNetwork, NetgraphError>;
    let (any, geojson): (Load, Load) = (PlainNetwork::from_slice, PlainNetwork::from_geojson_slice);
    let cases: [(Load, &[u8], LoadOptions, &str); 7] = [
        (any, NETGRAPH, ok.max_nodes(2), "max_nodes"),
        (any, NETGRAPH, ok.max_edges(1), "max_edges"),
        (any, LINES, ok.max_nodes(2), "max_nodes"),
        (any, LINES, ok.max_edges(1), "max_edges"),
        (geojson, LINES, ok.max_bytes(10), "max_bytes"),
        (any, NETGRAPH, ok.max_bytes(10), "max_bytes"),
        (any, &bomb, ok.max_bytes(1024 * 1024), "max_bytes"),
    ];
    for (load, input, opts, name) in cases {
        netgraph_too_large(load(input, &opts), name);
    }
    // Raised, both load.
    let big = ok.max_bytes(64 * 1024 * 1024);
    assert!(PlainNetwork::from_slice(&gzip(NETGRAPH), &big).is_ok());
    assert!(matches!(
        PlainNetwork::from_slice(&bomb, &big),
        Err(NetgraphError::Json { .. })
    ));
}
