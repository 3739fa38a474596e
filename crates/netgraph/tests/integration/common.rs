//! Fixtures and reference checks shared by the test modules.

use std::path::{Path, PathBuf};

use silkroute_netgraph::{
    ChParams, LoadOptions, NetgraphRouter, NodeIdx, PlainGraph, PlainNetwork, SearchAlgorithm,
};

/// A file of `tests/data`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The marnet fixture (9,708 nodes, 15,970 edges).
pub fn marnet() -> PlainNetwork {
    match PlainNetwork::from_path(fixture("marnet.json.gz"), &LoadOptions::default()) {
        Ok(n) => n,
        Err(e) => panic!("marnet fixture: {e}"),
    }
}

/// Reference pairs `o,d,km` of a CSV file with a header.
pub fn read_od(path: &Path) -> Vec<(u32, u32, f64)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut it = l.split(',');
            Some((
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
            ))
        })
        .collect()
}

/// Equal within 1e-6 relative (1 mm absolute near zero).
pub fn close_enough(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-6 * want.abs().max(1e-3)
}

/// A router with a hierarchy, every algorithm checked against the reference
/// pairs `od`; returns the router and the pairs as node ids.
pub fn check_reference_pairs(
    net: &PlainNetwork,
    od: &[(u32, u32, f64)],
) -> (NetgraphRouter, Vec<(NodeIdx, NodeIdx)>) {
    let mut router = NetgraphRouter::new(PlainGraph::from_network(net).unwrap());
    router.prepare(&ChParams::default());
    let pairs: Vec<(NodeIdx, NodeIdx)> = od
        .iter()
        .map(|&(o, d, _)| (NodeIdx::new(o), NodeIdx::new(d)))
        .collect();
    for alg in [
        SearchAlgorithm::Dijkstra,
        SearchAlgorithm::Bidirectional,
        SearchAlgorithm::AStar,
        SearchAlgorithm::Ch,
    ] {
        let got = router.batch(&pairs, alg, None).unwrap();
        assert_eq!(got.len(), od.len());
        for (r, &(o, d, km)) in got.iter().zip(od) {
            let x = r.as_ref().unwrap().unwrap().km();
            assert!(
                close_enough(x, km),
                "{alg:?} {o}->{d}: {x} vs reference {km}"
            );
        }
    }
    (router, pairs)
}
