//! Large-network searches against their peers, in one run.
//!
//! ```text
//! cargo bench --bench large                     # the committed marnet fixture
//! SILKROUTE_BENCH_DATA=DIR cargo bench --bench large   # + railways_world
//! ```
//! `DIR` holds `railways_world.json.gz`, `marnet.json.gz` and the
//! `*_od_dev.csv` reference pairs. Each query benchmark runs all OD pairs of
//! a network once per iteration (divide by the pair count for per-query
//! times). Peers: `petgraph::algo::dijkstra` on the same graph and weights,
//! `fast_paths` (preparation and queries). Every peer's distances are checked
//! against silkroute's before timing.
#![allow(missing_docs, clippy::print_stderr)]

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use petgraph::graph::{NodeIndex, UnGraph};
use silkroute::netgraph::{
    ChParams, ChSearcher, ContractionHierarchy, LoadOptions, NetgraphRouter, NodeIdx, PlainGraph,
    PlainNetwork, Searcher, UNITS_PER_KM,
};

struct Fixture {
    name: String,
    net: PlainNetwork,
    pairs: Vec<(u32, u32)>,
}

fn read_fixture(net: &Path, od: &Path, name: &str) -> Option<Fixture> {
    let network = PlainNetwork::from_path(net, &LoadOptions::default()).ok()?;
    let pairs = std::fs::read_to_string(od)
        .ok()?
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut it = l.split(',');
            Some((
                it.next()?.trim().parse().ok()?,
                it.next()?.trim().parse().ok()?,
            ))
        })
        .collect();
    Some(Fixture {
        name: name.to_owned(),
        net: network,
        pairs,
    })
}

fn fixtures() -> Vec<Fixture> {
    match std::env::var_os("SILKROUTE_BENCH_DATA") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            ["marnet", "railways_world"]
                .iter()
                .filter_map(|n| {
                    read_fixture(
                        &dir.join(format!("{n}.json.gz")),
                        &dir.join(format!("{n}_od_dev.csv")),
                        n,
                    )
                })
                .collect()
        }
        None => {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/netgraph/tests/data");
            read_fixture(
                &dir.join("marnet.json.gz"),
                &dir.join("marnet_od_dev.csv"),
                "marnet",
            )
            .into_iter()
            .collect()
        }
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn units(km: f64) -> u64 {
    (km * UNITS_PER_KM).round() as u64
}

fn bench(c: &mut Criterion) {
    for fx in fixtures() {
        let graph =
            PlainGraph::from_network(&fx.net).unwrap_or_else(|e| panic!("{}: {e}", fx.name));
        let ch = ContractionHierarchy::build(&graph, &ChParams::default());
        let pairs: Vec<(NodeIdx, NodeIdx)> = fx
            .pairs
            .iter()
            .map(|&(o, d)| (NodeIdx::new(o), NodeIdx::new(d)))
            .collect();

        // Peers on the same integer weights.
        let mut pg: UnGraph<(), u64> =
            UnGraph::with_capacity(fx.net.node_count(), fx.net.edge_count());
        for _ in 0..fx.net.node_count() {
            pg.add_node(());
        }
        let mut input = fast_paths::InputGraph::new();
        for e in &fx.net.edges {
            pg.add_edge(
                NodeIndex::new(e.u as usize),
                NodeIndex::new(e.v as usize),
                units(e.km),
            );
            // fast_paths ignores zero weights; 1 unit is 1e-9 km.
            let w = usize::try_from(units(e.km).max(1)).unwrap_or(usize::MAX);
            input.add_edge_bidir(e.u as usize, e.v as usize, w);
        }
        input.freeze();
        let fast = fast_paths::prepare(&input);

        let mut s = Searcher::new(&graph);
        let mut q = ChSearcher::new(&ch, &graph).unwrap_or_else(|e| panic!("{e}"));
        let mut calc = fast_paths::create_calculator(&fast);
        for &(o, d) in &pairs {
            let ours = q.query(o, d, None).ok().flatten().map(|x| x.units());
            let theirs = calc
                .calc_path(&fast, o.index(), d.index())
                .map(|p| p.get_weight() as u64);
            let ok = match (ours, theirs) {
                (Some(a), Some(b)) => a.abs_diff(b) <= 1_000, // zero-weight edges raised to 1 unit
                (a, b) => a == b,
            };
            assert!(
                ok,
                "{}: fast_paths disagrees on {o:?}->{d:?}: {ours:?} vs {theirs:?}",
                fx.name
            );
        }

        let mut g = c.benchmark_group(format!("large/{}/{}_pairs", fx.name, pairs.len()));
        g.sample_size(10);
        g.bench_function("silkroute_dijkstra", |b| {
            b.iter(|| {
                pairs
                    .iter()
                    .map(|&(o, d)| s.dijkstra(o, d, None).ok().flatten())
                    .count()
            });
        });
        g.bench_function("silkroute_bidirectional", |b| {
            b.iter(|| {
                pairs
                    .iter()
                    .map(|&(o, d)| s.bidirectional(o, d, None).ok().flatten())
                    .count()
            });
        });
        g.bench_function("silkroute_astar", |b| {
            b.iter(|| {
                pairs
                    .iter()
                    .map(|&(o, d)| s.astar(o, d, None).ok().flatten())
                    .count()
            });
        });
        g.bench_function("petgraph_dijkstra", |b| {
            b.iter(|| {
                pairs
                    .iter()
                    .map(|&(o, d)| {
                        let goal = NodeIndex::new(d.index());
                        petgraph::algo::dijkstra(&pg, NodeIndex::new(o.index()), Some(goal), |e| {
                            *e.weight()
                        })
                        .get(&goal)
                        .copied()
                    })
                    .count()
            });
        });
        g.bench_function("silkroute_ch_query", |b| {
            b.iter(|| {
                pairs
                    .iter()
                    .map(|&(o, d)| q.query(o, d, None).ok().flatten())
                    .count()
            });
        });
        g.bench_function("fast_paths_query", |b| {
            b.iter(|| {
                pairs
                    .iter()
                    .map(|&(o, d)| calc.calc_path(&fast, o.index(), d.index()))
                    .count()
            });
        });
        let router = NetgraphRouter::with_hierarchy(graph.clone(), ch.clone())
            .unwrap_or_else(|e| panic!("{e}"));
        let nodes: Vec<NodeIdx> = pairs.iter().flat_map(|&(o, d)| [o, d]).take(100).collect();
        g.bench_with_input(
            BenchmarkId::new("silkroute_ch_matrix", nodes.len()),
            &nodes,
            |b, nodes| {
                b.iter(|| router.matrix(nodes, nodes, None).map(|m| m.rows()));
            },
        );
        g.finish();

        let mut g = c.benchmark_group(format!("large/{}/prepare", fx.name));
        g.sample_size(10);
        g.bench_function("silkroute_ch", |b| {
            b.iter(|| ContractionHierarchy::build(&graph, &ChParams::default()))
        });
        g.bench_function("fast_paths", |b| b.iter(|| fast_paths::prepare(&input)));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
