//! The marnet fixture: reference pairs, passages, errors and the cache file.

use silkroute_netgraph::{
    CacheOutcome, ChParams, LoadOptions, NetgraphError, NetgraphRouter, NodeIdx, NodeLocator,
    PlainGraph, SearchAlgorithm, Searcher, decode_cache, load_cached,
};

use crate::common::{check_reference_pairs, fixture, marnet, read_od};

fn od_pairs() -> Vec<(u32, u32, f64)> {
    let rows = read_od(&fixture("marnet_od_dev.csv"));
    assert_eq!(rows.len(), 100, "marnet_od_dev.csv");
    rows
}

#[test]
fn marnet_reference_pairs_with_every_algorithm() {
    let net = marnet();
    assert_eq!((net.node_count(), net.edge_count()), (9708, 15970));
    let (router, pairs) = check_reference_pairs(&net, &od_pairs());
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
    let mut router = NetgraphRouter::new(PlainGraph::from_network(&net).unwrap());
    router.prepare(&ChParams::default());
    let pair = [(NodeIdx::new(sh.node), NodeIdx::new(rtm.node))];
    let mut kms = Vec::new();
    for avoid in [
        &["northwest"][..],
        &["northwest", "suez", "babalmandab"],
        &["northwest", "suez", "babalmandab", "panama"],
    ] {
        let c = router.graph().closure(avoid).unwrap();
        let ch = router.batch(&pair, SearchAlgorithm::Ch, Some(&c)).unwrap();
        let dj = router
            .batch(&pair, SearchAlgorithm::Dijkstra, Some(&c))
            .unwrap();
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
    let g = PlainGraph::from_network(&marnet()).unwrap();
    match g.closure(&["suezz"]) {
        Err(NetgraphError::UnknownPassage { name, known }) => {
            assert_eq!(name, "suezz");
            assert!(known.iter().any(|k| k == "suez"));
        }
        other => panic!("expected UnknownPassage, got {other:?}"),
    }
}

#[test]
fn bad_node_ids_are_errors_per_pair() {
    let router = NetgraphRouter::new(PlainGraph::from_network(&marnet()).unwrap());
    let pairs = [
        (NodeIdx::new(0), NodeIdx::new(9_999_999)),
        (NodeIdx::new(0), NodeIdx::new(1)),
    ];
    let out = router
        .batch(&pairs, SearchAlgorithm::Bidirectional, None)
        .unwrap();
    assert!(matches!(
        out[0],
        Err(NetgraphError::NodeOutOfRange {
            node: 9_999_999,
            node_count: 9708
        })
    ));
    assert!(out[1].is_ok());
    assert!(matches!(
        router.batch(&pairs, SearchAlgorithm::Ch, None),
        Err(NetgraphError::NotPrepared)
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
    assert_eq!(outcome, CacheOutcome::Built);
    let (hit, outcome) = load_cached(&net_path, &cache, &opts, Some(&ChParams::default())).unwrap();
    assert_eq!(outcome, CacheOutcome::Hit);
    assert_eq!(hit.graph(), built.graph());
    assert_eq!(hit.hierarchy(), built.hierarchy());

    // Stale: the network file changed.
    let mut other = std::fs::read(&net_path).unwrap();
    other.push(0);
    std::fs::write(&net_path, &other).unwrap();
    assert!(matches!(
        load_cached(&net_path, &cache, &opts, None),
        Err(NetgraphError::CacheStale)
    ));

    // Corrupt: one flipped bit anywhere is caught.
    let bytes = std::fs::read(&cache).unwrap();
    for pos in [50, bytes.len() / 2, bytes.len() - 1] {
        let mut bad = bytes.clone();
        bad[pos] ^= 0x10;
        assert!(
            matches!(
                decode_cache(&bad, None),
                Err(NetgraphError::CacheCorrupt { .. })
            ),
            "flip at {pos}"
        );
    }
    assert!(matches!(
        decode_cache(&bytes[..bytes.len() / 2], None),
        Err(NetgraphError::CacheCorrupt { .. })
    ));
    assert!(matches!(
        decode_cache(b"not a cache at all, clearly not one", None),
        Err(NetgraphError::CacheNotACache)
    ));
    let mut v2 = bytes.clone();
    v2[8] = 2;
    assert!(matches!(
        decode_cache(&v2, None),
        Err(NetgraphError::CacheVersion { found: 2, .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}
