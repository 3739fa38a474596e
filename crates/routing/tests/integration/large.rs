//! Large-network search: differential tests against Floyd–Warshall, the
//! marnet fixture's reference pairs, caches and loader errors.

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use silkroute_core::netgraph::{
    Limit, LoadOptions, NetgraphError, NodeLocator, PlainEdge, PlainNetwork, Problem,
};
use silkroute_routing::large::{
    Algorithm, ChParams, ChSearcher, ContractionHierarchy, Distance, EdgeClosure, EdgeIdx,
    LargeError, LargeGraph, NodeIdx, Router, Searcher, SourceFingerprint, decode, encode,
    load_cached,
};

/// Seed of every proptest run here (fixed, so failures reproduce).
const SEED: u64 = 0x5111_C0DE;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

// ---------------------------------------------------------------- reference

/// Floyd–Warshall in integer units, skipping closed edges: the oracle.
fn floyd_warshall(
    n: usize,
    edges: &[(usize, usize, u64)],
    closed: &[bool],
) -> Vec<Vec<Option<u64>>> {
    let mut d = vec![vec![None; n]; n];
    for (i, row) in d.iter_mut().enumerate() {
        row[i] = Some(0);
    }
    for (e, &(u, v, w)) in edges.iter().enumerate() {
        if closed[e] {
            continue;
        }
        for (a, b) in [(u, v), (v, u)] {
            if d[a][b].is_none_or(|x| w < x) {
                d[a][b] = Some(w);
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if let (Some(a), Some(b)) = (d[i][k], d[k][j]) {
                    if d[i][j].is_none_or(|x| a + b < x) {
                        d[i][j] = Some(a + b);
                    }
                }
            }
        }
    }
    d
}

#[derive(Debug, Clone)]
struct Case {
    nodes: Vec<[f64; 2]>,
    /// (u, v, metres)
    edges: Vec<(usize, usize, u64)>,
    closed: Vec<bool>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..28).prop_flat_map(|n| {
        let nodes = prop::collection::vec(
            (-60.0f64..60.0, -179.0f64..179.0).prop_map(|(a, b)| [a, b]),
            n,
        );
        let edges =
            prop::collection::vec((0..n, 0..n, 0u64..3_000_000), 0..(3 * n)).prop_map(|es| {
                es.into_iter()
                    .filter(|&(u, v, _)| u != v)
                    .collect::<Vec<_>>()
            });
        (nodes, edges).prop_flat_map(|(nodes, edges)| {
            let m = edges.len();
            (
                Just(nodes),
                Just(edges),
                prop::collection::vec(prop::bool::weighted(0.2), m),
            )
                .prop_map(|(nodes, edges, closed)| Case {
                    nodes,
                    edges,
                    closed,
                })
        })
    })
}

/// Graphs made mostly of degree-2 chains: hubs joined by chains of 0–5
/// interior nodes, with parallel chains, loops through one hub (isolated
/// cycles when the hub has no other edge), self-loops and zero weights; the
/// chain bypass of A* must equal Floyd–Warshall with and without closures.
fn chain_case() -> impl Strategy<Value = Case> {
    (1usize..7).prop_flat_map(|hubs| {
        let segment = (
            0..hubs,
            0..hubs,
            prop::collection::vec(prop_oneof![1 => Just(0u64), 9 => 0u64..3_000_000], 1..7),
        );
        (
            prop::collection::vec(segment, 1..10),
            prop::collection::vec(
                (-60.0f64..60.0, -179.0f64..179.0).prop_map(|(a, b)| [a, b]),
                hubs + 60,
            ),
        )
            .prop_flat_map(move |(segments, coords)| {
                let mut edges = Vec::new();
                let mut n = hubs;
                for (u, v, ws) in segments {
                    let mut prev = u;
                    for (i, &w) in ws.iter().enumerate() {
                        let next = if i + 1 == ws.len() {
                            v
                        } else {
                            n += 1;
                            n - 1
                        };
                        edges.push((prev, next, w));
                        prev = next;
                    }
                }
                let nodes = coords[..n].to_vec();
                let m = edges.len();
                (
                    Just(nodes),
                    Just(edges),
                    prop::collection::vec(prop::bool::weighted(0.15), m),
                )
                    .prop_map(|(nodes, edges, closed)| Case {
                        nodes,
                        edges,
                        closed,
                    })
            })
    })
}

impl Case {
    #[allow(clippy::cast_precision_loss)]
    fn network(&self) -> PlainNetwork {
        PlainNetwork {
            nodes: self.nodes.clone(),
            edges: self
                .edges
                .iter()
                .map(|&(u, v, m)| PlainEdge {
                    u: u as u32,
                    v: v as u32,
                    km: m as f64 / 1000.0,
                })
                .collect(),
            ..PlainNetwork::default()
        }
    }
    fn units(&self) -> Vec<(usize, usize, u64)> {
        // 1 m = 1e6 units of 1e-9 km.
        self.edges
            .iter()
            .map(|&(u, v, m)| (u, v, m * 1_000_000))
            .collect()
    }
    fn closure(&self) -> EdgeClosure {
        let mut c = EdgeClosure::new(self.edges.len());
        for (e, &x) in self.closed.iter().enumerate() {
            if x {
                c.close(EdgeIdx::new(e as u32));
            }
        }
        c
    }
}

fn units(d: Option<Distance>) -> Option<u64> {
    d.map(Distance::units)
}

#[allow(clippy::needless_range_loop)] // (a, b) index the reference matrix and name nodes
fn check_case(c: &Case) -> Result<(), TestCaseError> {
    let n = c.nodes.len();
    let g =
        LargeGraph::from_network(&c.network()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let open = vec![false; c.edges.len()];
    let reference_open = floyd_warshall(n, &c.units(), &open);
    let reference_closed = floyd_warshall(n, &c.units(), &c.closed);
    let closure = c.closure();
    let ch = ContractionHierarchy::build(&g, &ChParams::default().settle_limit(5).hop_limit(2));
    let mut s = Searcher::new(&g);
    let mut q = ChSearcher::new(&ch, &g).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let ok = |r: Result<Option<Distance>, LargeError>| {
        r.map(units).map_err(|e| TestCaseError::fail(e.to_string()))
    };
    for (cl, reference) in [(None, &reference_open), (Some(&closure), &reference_closed)] {
        for a in 0..n {
            for b in 0..n {
                let (x, y) = (NodeIdx::new(a as u32), NodeIdx::new(b as u32));
                let want = reference[a][b];
                prop_assert_eq!(ok(s.dijkstra(x, y, cl))?, want, "dijkstra {}->{}", a, b);
                prop_assert_eq!(
                    ok(s.bidirectional(x, y, cl))?,
                    want,
                    "bidirectional {}->{}",
                    a,
                    b
                );
                prop_assert_eq!(ok(s.astar(x, y, cl))?, want, "astar {}->{}", a, b);
                prop_assert_eq!(ok(q.query(x, y, cl))?, want, "ch {}->{}", a, b);
            }
        }
        let all: Vec<NodeIdx> = (0..n as u32).map(NodeIdx::new).collect();
        let mut router = Router::new(g.clone());
        for prepared in [false, true] {
            if prepared {
                router.prepare(&ChParams::default());
            }
            let m = router
                .matrix(&all, &all, cl)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            for a in 0..n {
                for b in 0..n {
                    prop_assert_eq!(units(m.get(a, b)), reference[a][b], "matrix {}->{}", a, b);
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: 64,
        rng_seed: RngSeed::Fixed(SEED),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn every_search_equals_floyd_warshall(c in case()) {
        check_case(&c)?;
    }

    #[test]
    fn chain_bypass_equals_floyd_warshall(c in chain_case()) {
        check_case(&c)?;
    }

    #[test]
    fn cache_round_trip_is_identical(c in case()) {
        let g = LargeGraph::from_network(&c.network()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let ch = ContractionHierarchy::build(&g, &ChParams::default());
        let fp = SourceFingerprint::of_bytes(b"net");
        let bytes = encode(fp, &g, Some(&ch));
        let (g2, ch2) = decode(&bytes, Some(fp)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&g2, &g);
        prop_assert_eq!(ch2.as_ref(), Some(&ch));
    }
}

// ---------------------------------------------------------------- marnet

fn marnet() -> PlainNetwork {
    match PlainNetwork::from_path(fixture("marnet.json.gz"), &LoadOptions::default()) {
        Ok(n) => n,
        Err(e) => panic!("marnet fixture: {e}"),
    }
}

fn od_pairs() -> Vec<(u32, u32, f64)> {
    let text = std::fs::read_to_string(fixture("marnet_od_dev.csv")).unwrap_or_default();
    let rows: Vec<(u32, u32, f64)> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut it = l.split(',');
            Some((
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
            ))
        })
        .collect();
    assert_eq!(rows.len(), 100, "marnet_od_dev.csv");
    rows
}

fn close_enough(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-6 * want.abs().max(1e-3)
}

#[test]
fn marnet_reference_pairs_with_every_algorithm() {
    let net = marnet();
    assert_eq!((net.node_count(), net.edge_count()), (9708, 15970));
    let mut router = Router::new(LargeGraph::from_network(&net).unwrap());
    router.prepare(&ChParams::default());
    let od = od_pairs();
    let pairs: Vec<(NodeIdx, NodeIdx)> = od
        .iter()
        .map(|&(o, d, _)| (NodeIdx::new(o), NodeIdx::new(d)))
        .collect();
    for alg in [
        Algorithm::Dijkstra,
        Algorithm::Bidirectional,
        Algorithm::AStar,
        Algorithm::Ch,
    ] {
        let got = router.batch(&pairs, alg, None).unwrap();
        for (r, &(o, d, km)) in got.iter().zip(&od) {
            let x = r.as_ref().unwrap().unwrap().km();
            assert!(
                close_enough(x, km),
                "{alg:?} {o}->{d}: {x} vs reference {km}"
            );
        }
    }
    // The matrix of the first 20 origins × 20 destinations equals pairwise.
    let (os, ds): (Vec<NodeIdx>, Vec<NodeIdx>) = pairs[..20].iter().copied().unzip();
    let m = router.matrix(&os, &ds, None).unwrap();
    let mut s = Searcher::new(router.graph());
    for (i, &o) in os.iter().enumerate() {
        for (j, &d) in ds.iter().enumerate() {
            assert_eq!(
                m.get(i, j),
                s.dijkstra(o, d, None).unwrap(),
                "matrix {i},{j}"
            );
        }
    }
}

#[test]
fn shanghai_to_rotterdam_goes_via_suez_then_panama_then_the_cape() {
    let net = marnet();
    let locator = NodeLocator::new(&net.nodes);
    let sh = locator.nearest(31.23, 121.47).unwrap();
    let rtm = locator.nearest(51.95, 4.14).unwrap();
    assert!(sh.distance_km < 100.0 && rtm.distance_km < 100.0);
    let mut router = Router::new(LargeGraph::from_network(&net).unwrap());
    router.prepare(&ChParams::default());
    let pair = [(NodeIdx::new(sh.node), NodeIdx::new(rtm.node))];
    let mut kms = Vec::new();
    for avoid in [
        &["northwest"][..],
        &["northwest", "suez", "babalmandab"],
        &["northwest", "suez", "babalmandab", "panama"],
    ] {
        let c = router.graph().closure(avoid).unwrap();
        let ch = router.batch(&pair, Algorithm::Ch, Some(&c)).unwrap();
        let dj = router.batch(&pair, Algorithm::Dijkstra, Some(&c)).unwrap();
        assert_eq!(
            ch[0].as_ref().unwrap(),
            dj[0].as_ref().unwrap(),
            "CH honours closure {avoid:?}"
        );
        kms.push(ch[0].as_ref().unwrap().unwrap().km());
    }
    // scgraph 3.6.0 figures for this pair: 19,620 / 25,027 / 25,768 km
    // (port coordinates differ slightly, hence the tolerance).
    for (got, want) in kms.iter().zip([19_620.0, 25_027.0, 25_768.0]) {
        assert!((got - want).abs() < 150.0, "{got} vs {want}");
    }
    assert!(kms[0] < kms[1] && kms[1] < kms[2]);
}

#[test]
fn unknown_passage_is_an_error_not_ignored() {
    let g = LargeGraph::from_network(&marnet()).unwrap();
    match g.closure(&["suezz"]) {
        Err(LargeError::UnknownPassage { name, known }) => {
            assert_eq!(name, "suezz");
            assert!(known.iter().any(|k| k == "suez"));
        }
        other => panic!("expected UnknownPassage, got {other:?}"),
    }
}

#[test]
fn bad_node_ids_are_errors_per_pair() {
    let router = Router::new(LargeGraph::from_network(&marnet()).unwrap());
    let pairs = [
        (NodeIdx::new(0), NodeIdx::new(9_999_999)),
        (NodeIdx::new(0), NodeIdx::new(1)),
    ];
    let out = router
        .batch(&pairs, Algorithm::Bidirectional, None)
        .unwrap();
    assert!(matches!(
        out[0],
        Err(LargeError::NodeOutOfRange {
            node: 9_999_999,
            node_count: 9708
        })
    ));
    assert!(out[1].is_ok());
    assert!(matches!(
        router.batch(&pairs, Algorithm::Ch, None),
        Err(LargeError::NotPrepared)
    ));
}

#[test]
fn cache_file_round_trip_then_stale_and_corrupt_are_errors() {
    let dir = std::env::temp_dir().join(format!("silkroute-cache-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let net_path = dir.join("marnet.json.gz");
    std::fs::copy(fixture("marnet.json.gz"), &net_path).unwrap();
    let cache = dir.join("marnet.srg");
    let _ = std::fs::remove_file(&cache);
    let opts = LoadOptions::default();
    let (built, outcome) =
        load_cached(&net_path, &cache, &opts, Some(&ChParams::default())).unwrap();
    assert_eq!(outcome, silkroute_routing::large::CacheOutcome::Built);
    let (hit, outcome) = load_cached(&net_path, &cache, &opts, Some(&ChParams::default())).unwrap();
    assert_eq!(outcome, silkroute_routing::large::CacheOutcome::Hit);
    assert_eq!(hit.graph(), built.graph());
    assert_eq!(hit.hierarchy(), built.hierarchy());

    // Stale: the network file changed.
    let mut other = std::fs::read(&net_path).unwrap();
    other.push(0);
    std::fs::write(&net_path, &other).unwrap();
    assert!(matches!(
        load_cached(&net_path, &cache, &opts, None),
        Err(LargeError::CacheStale)
    ));

    // Corrupt: one flipped bit anywhere is caught.
    let bytes = std::fs::read(&cache).unwrap();
    for pos in [50, bytes.len() / 2, bytes.len() - 1] {
        let mut bad = bytes.clone();
        bad[pos] ^= 0x10;
        assert!(
            matches!(decode(&bad, None), Err(LargeError::CacheCorrupt { .. })),
            "flip at {pos}"
        );
    }
    assert!(matches!(
        decode(&bytes[..bytes.len() / 2], None),
        Err(LargeError::CacheCorrupt { .. })
    ));
    assert!(matches!(
        decode(b"not a cache at all, clearly not one", None),
        Err(LargeError::CacheNotACache)
    ));
    let mut v2 = bytes.clone();
    v2[8] = 2;
    assert!(matches!(
        decode(&v2, None),
        Err(LargeError::CacheVersion { found: 2, .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------- loaders

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
    let router = Router::new(LargeGraph::from_network(&net).unwrap());
    let pair = [(NodeIdx::new(0), NodeIdx::new(4))];
    let open = router.batch(&pair, Algorithm::AStar, None).unwrap()[0]
        .as_ref()
        .unwrap()
        .unwrap();
    let c = router.graph().closure(&["suez"]).unwrap();
    let closed = router.batch(&pair, Algorithm::AStar, Some(&c)).unwrap()[0]
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

// ---------------------------------------------------------------- large (ignored)

/// railways_world (275k nodes): every algorithm, batch and a matrix against
/// the reference pairs. Run by `scripts/test-large.sh`.
#[test]
#[ignore = "needs SILKROUTE_BENCH_DATA with railways_world.json.gz; run scripts/test-large.sh"]
fn railways_world_reference_pairs() {
    let dir =
        PathBuf::from(std::env::var_os("SILKROUTE_BENCH_DATA").expect("SILKROUTE_BENCH_DATA"));
    let net = PlainNetwork::from_path(dir.join("railways_world.json.gz"), &LoadOptions::default())
        .unwrap();
    let text = std::fs::read_to_string(dir.join("railways_world_od_dev.csv")).unwrap();
    let od: Vec<(u32, u32, f64)> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut it = l.split(',');
            Some((
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
            ))
        })
        .collect();
    assert_eq!(od.len(), 200);
    let mut router = Router::new(LargeGraph::from_network(&net).unwrap());
    router.prepare(&ChParams::default());
    let pairs: Vec<(NodeIdx, NodeIdx)> = od
        .iter()
        .map(|&(o, d, _)| (NodeIdx::new(o), NodeIdx::new(d)))
        .collect();
    for alg in [
        Algorithm::Dijkstra,
        Algorithm::Bidirectional,
        Algorithm::AStar,
        Algorithm::Ch,
    ] {
        let got = router.batch(&pairs, alg, None).unwrap();
        for (r, &(o, d, km)) in got.iter().zip(&od) {
            let x = r.as_ref().unwrap().unwrap().km();
            assert!(
                close_enough(x, km),
                "{alg:?} {o}->{d}: {x} vs reference {km}"
            );
        }
    }
    let (os, ds): (Vec<NodeIdx>, Vec<NodeIdx>) = pairs.iter().copied().unzip();
    let m = router.matrix(&os, &ds, None).unwrap();
    for (i, &(_, _, km)) in od.iter().enumerate() {
        assert!(close_enough(m.get(i, i).unwrap().km(), km));
    }
}
