//! Loader errors, limits and the GeoJSON line networks.

use std::io::Write;

use silkroute_netgraph::{
    DEFAULT_MAX_BYTES, Limit, LoadOptions, NetgraphError, NetgraphRouter, NodeIdx, PlainGraph,
    PlainNetwork, Problem, SearchAlgorithm,
};

use crate::common::fixture;

fn load(json: &str) -> Result<PlainNetwork, NetgraphError> {
    PlainNetwork::from_slice(json.as_bytes(), &LoadOptions::default())
}

fn problems(json: &str) -> Vec<Problem> {
    match load(json) {
        Err(NetgraphError::Invalid { problems }) => problems,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

const META: &str = r#""meta": {"format": "netgraph-v1"}"#;

#[test]
fn malformed_json_reports_line_and_column() {
    let err =
        load("{\"meta\": {\"format\": \"netgraph-v1\"},\n \"nodes\": [[0, 0],, ]}").unwrap_err();
    assert!(matches!(err, NetgraphError::Json { line: 2, .. }), "{err}");
}

#[test]
fn wrong_or_missing_format_tag() {
    let err = load(r#"{"meta": {"format": "netgraph-v2"}, "nodes": [], "edges": []}"#).unwrap_err();
    assert!(matches!(&err, NetgraphError::WrongFormat { found: Some(f) } if f == "netgraph-v2"));
    let err = load(r#"{"nodes": [], "edges": []}"#).unwrap_err();
    assert!(matches!(err, NetgraphError::WrongFormat { found: None }));
    let err = load(&format!("{{{META}, \"edges\": []}}")).unwrap_err();
    assert!(matches!(
        err,
        NetgraphError::MissingField { field: "nodes" }
    ));
}

#[test]
fn every_bad_edge_and_node_is_reported_with_its_location() {
    let p = problems(&format!(
        r#"{{{META}, "nodes": [[0, 0], [1, 1], [95, 0]],
            "edges": [[0, 1, 1.0], [0, 7, 1.0], [1, -2, 1.0], [0, 1, null], [1, 0, "NaN"],
                      [0, 1, -3.5], [0, 1, "Infinity"], [1, 1, 0.5]],
            "passages": {{"suez": [0, 99]}}}}"#
    ));
    assert!(p.contains(&Problem::BadCoordinate {
        node: 2,
        lat: 95.0,
        lon: 0.0
    }));
    assert!(p.contains(&Problem::NodeOutOfRange {
        edge: 1,
        node: 7,
        node_count: 3
    }));
    assert!(p.contains(&Problem::NodeOutOfRange {
        edge: 2,
        node: -2,
        node_count: 3
    }));
    assert!(
        p.iter()
            .any(|x| matches!(x, Problem::BadWeight { edge: 3, km } if km.is_nan()))
    );
    assert!(
        p.iter()
            .any(|x| matches!(x, Problem::BadWeight { edge: 4, km } if km.is_nan()))
    );
    assert!(p.contains(&Problem::BadWeight { edge: 5, km: -3.5 }));
    assert!(p.contains(&Problem::BadWeight {
        edge: 6,
        km: f64::INFINITY
    }));
    assert!(p.contains(&Problem::SelfLoop { edge: 7, node: 1 }));
    assert!(
        p.iter()
            .any(|x| matches!(x, Problem::PassageEdgeOutOfRange { edge: 99, .. }))
    );
    let msg = load(&format!(
        r#"{{{META}, "nodes": [[0, 0]], "edges": [[0, 3, 1.0]]}}"#
    ))
    .unwrap_err()
    .to_string();
    assert!(msg.contains("edge 0") && msg.contains("node id 3"), "{msg}");
}

#[test]
fn size_limits_name_the_limit() {
    let json = format!(
        r#"{{{META}, "nodes": [[0, 0], [1, 1], [2, 2]], "edges": [[0, 1, 1.0], [1, 2, 1.0]]}}"#
    );
    let err = PlainNetwork::from_slice(json.as_bytes(), &LoadOptions::default().max_nodes(2))
        .unwrap_err();
    assert!(matches!(
        err,
        NetgraphError::TooLarge {
            limit: Limit::Nodes,
            max: 2,
            found: 3
        }
    ));
    assert!(err.to_string().contains("max_nodes"));
    let err = PlainNetwork::from_slice(json.as_bytes(), &LoadOptions::default().max_edges(1))
        .unwrap_err();
    assert!(matches!(
        err,
        NetgraphError::TooLarge {
            limit: Limit::Edges,
            max: 1,
            found: 2
        }
    ));
}

#[test]
fn gzip_and_plain_json_load_the_same() {
    let gz = std::fs::read(fixture("marnet.json.gz")).unwrap();
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2_free_gunzip(&gz), &mut plain).unwrap();
    let a = PlainNetwork::from_slice(&gz, &LoadOptions::default()).unwrap();
    let b = PlainNetwork::from_slice(&plain, &LoadOptions::default()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.passages["suez"].len(), 5);
}

/// Plain JSON from the fixture without a gzip dependency: the loader's own
/// output re-serialised.
fn flate2_free_gunzip(gz: &[u8]) -> std::io::Cursor<Vec<u8>> {
    let net = PlainNetwork::from_slice(gz, &LoadOptions::default()).unwrap();
    let edges: Vec<serde_json::Value> = net
        .edges
        .iter()
        .map(|e| serde_json::json!([e.u, e.v, e.km]))
        .collect();
    let doc = serde_json::json!({"meta": net.meta, "nodes": net.nodes, "edges": edges, "passages": net.passages});
    std::io::Cursor::new(serde_json::to_vec(&doc).unwrap())
}

#[test]
fn geojson_line_network_shares_vertices_and_honours_passages() {
    let gj = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
            "coordinates": [[121.5, 31.2], [103.8, 1.3], [103.8, 1.3], [43.3, 12.6]]}},
        {"type": "Feature", "properties": {"passage": "suez"}, "geometry": {"type": "LineString",
            "coordinates": [[43.3, 12.6], [32.5, 30.0], [4.5, 51.9]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
            "coordinates": [[103.8, 1.3], [18.5, -34.4], [4.5, 51.9]]}},
        {"type": "Feature", "properties": {"kind": "port"}, "geometry": {"type": "Point", "coordinates": [4.5, 51.9]}}
    ]}"#;
    let net = PlainNetwork::from_slice(gj.as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(net.node_count(), 6);
    assert_eq!(net.edge_count(), 6);
    assert_eq!(net.passages["suez"], vec![2, 3]);
    let router = NetgraphRouter::new(PlainGraph::from_network(&net).unwrap());
    let pair = [(NodeIdx::new(0), NodeIdx::new(4))];
    let open = router.batch(&pair, SearchAlgorithm::AStar, None).unwrap()[0]
        .as_ref()
        .unwrap()
        .unwrap();
    let c = router.graph().closure(&["suez"]).unwrap();
    let closed = router
        .batch(&pair, SearchAlgorithm::AStar, Some(&c))
        .unwrap()[0]
        .as_ref()
        .unwrap()
        .unwrap();
    assert!(closed > open);

    let bad = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0]]}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [0, 95]]}}]}"#;
    match PlainNetwork::from_slice(bad.as_bytes(), &LoadOptions::default()) {
        Err(NetgraphError::Invalid { problems }) => {
            assert!(matches!(
                problems[0],
                Problem::BadFeature { feature: 0, .. }
            ));
            assert!(matches!(
                problems[1],
                Problem::BadFeature { feature: 1, .. }
            ));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

// ------------------------------------------------ limits (from silkroute-core)

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).expect("in memory");
    e.finish().expect("in memory")
}

const NETGRAPH: &[u8] = br#"{"meta": {"format": "netgraph-v1"},
  "nodes": [[31.2, 121.5], [1.3, 103.8], [51.9, 4.5]],
  "edges": [[0, 1, 3800.0], [1, 2, 15500.0]],
  "passages": {"malacca": [0]}}"#;

const LINES: &[u8] = br#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {}, "geometry": {"type": "LineString",
   "coordinates": [[121.5, 31.2], [103.8, 1.3], [4.5, 51.9]]}}]}"#;

type Loader = fn(&[u8], &LoadOptions) -> Result<PlainNetwork, NetgraphError>;

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
    let lines = |b: &[u8], o: &LoadOptions| PlainNetwork::from_geojson_slice(b, o);
    let cases: [(&[u8], LoadOptions, &str, Loader); 6] = [
        (
            NETGRAPH,
            ok.max_nodes(2),
            "max_nodes",
            PlainNetwork::from_slice,
        ),
        (
            NETGRAPH,
            ok.max_edges(1),
            "max_edges",
            PlainNetwork::from_slice,
        ),
        (
            LINES,
            ok.max_nodes(2),
            "max_nodes",
            PlainNetwork::from_slice,
        ),
        (
            LINES,
            ok.max_edges(1),
            "max_edges",
            PlainNetwork::from_slice,
        ),
        (LINES, ok.max_bytes(10), "max_bytes", lines),
        (
            NETGRAPH,
            ok.max_bytes(10),
            "max_bytes",
            PlainNetwork::from_slice,
        ),
    ];
    for (bytes, opts, name, load) in cases {
        netgraph_too_large(load(bytes, &opts), name);
    }
    // A gzip bomb is cut off at the byte limit, not inflated whole.
    assert_eq!(DEFAULT_MAX_BYTES, 4 << 30);
    let bomb = gzip(&vec![b' '; 8 * 1024 * 1024]);
    netgraph_too_large(
        PlainNetwork::from_slice(&bomb, &ok.max_bytes(1024 * 1024)),
        "max_bytes",
    );
    // Raised, both load.
    let big = ok.max_bytes(64 * 1024 * 1024);
    assert!(PlainNetwork::from_slice(&gzip(NETGRAPH), &big).is_ok());
    assert!(matches!(
        PlainNetwork::from_slice(&bomb, &big),
        Err(NetgraphError::Json { .. })
    ));
}
