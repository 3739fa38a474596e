//! Every search against Floyd–Warshall on random graphs (with and without
//! closures), and the cache round trip.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use silkroute_netgraph::{
    ChParams, ChSearcher, ContractionHierarchy, Distance, EdgeClosure, EdgeIdx, NetgraphError,
    NetgraphRouter, NodeIdx, PlainEdge, PlainGraph, PlainNetwork, Searcher, SourceFingerprint,
    decode_cache, encode_cache,
};

/// Seed of every proptest run here (fixed, so failures reproduce).
const SEED: u64 = 0x5111_C0DE;

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
                if let (Some(a), Some(b)) = (d[i][k], d[k][j])
                    && d[i][j].is_none_or(|x| a + b < x)
                {
                    d[i][j] = Some(a + b);
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

/// A case of these nodes and edges, each edge closed with probability `p`.
fn with_closures(
    nodes: Vec<[f64; 2]>,
    edges: Vec<(usize, usize, u64)>,
    p: f64,
) -> impl Strategy<Value = Case> {
    let m = edges.len();
    (
        Just(nodes),
        Just(edges),
        prop::collection::vec(prop::bool::weighted(p), m),
    )
        .prop_map(|(nodes, edges, closed)| Case {
            nodes,
            edges,
            closed,
        })
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
        (nodes, edges).prop_flat_map(|(nodes, edges)| with_closures(nodes, edges, 0.2))
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
                with_closures(coords[..n].to_vec(), edges, 0.15)
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
        PlainGraph::from_network(&c.network()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let open = vec![false; c.edges.len()];
    let reference_open = floyd_warshall(n, &c.units(), &open);
    let reference_closed = floyd_warshall(n, &c.units(), &c.closed);
    let closure = c.closure();
    let ch = ContractionHierarchy::build(&g, &ChParams::default().settle_limit(5).hop_limit(2));
    let mut s = Searcher::new(&g);
    let mut q = ChSearcher::new(&ch, &g).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let ok = |r: Result<Option<Distance>, NetgraphError>| {
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
        let mut router = NetgraphRouter::new(g.clone());
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
        let g = PlainGraph::from_network(&c.network()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let ch = ContractionHierarchy::build(&g, &ChParams::default());
        let fp = SourceFingerprint::of_bytes(b"net");
        let bytes = encode_cache(fp, &g, Some(&ch));
        let (g2, ch2) = decode_cache(&bytes, Some(fp)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&g2, &g);
        prop_assert_eq!(ch2.as_ref(), Some(&ch));
    }
}
