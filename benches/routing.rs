//! Per-query time of the corridor router on the embedded network, with
//! `petgraph::algo::dijkstra` on the same virtual graph and the same weights
//! as the baseline, measured in the same run.
//!
//! Run: `cargo bench --bench routing`; CI runs it once untimed with
//! `cargo bench --bench routing -- --test`.

use criterion::{Criterion, criterion_group, criterion_main};
use petgraph::graph::{DiGraph, NodeIndex};
use silkroute::core::{ContainerSize, LinkKind, Network, PlaceIdx, TerminalIdx};
use silkroute::routing::{Algorithm, Objective, ParetoOptions, RouteRequest, Router};
use std::hint::black_box;

/// Pairs asked by users of the corridor network.
const PAIRS: [(&str, &str); 4] = [
    ("Xi'an", "Duisburg"),
    ("Shanghai", "Rotterdam"),
    ("Mumbai", "Moscow"),
    ("Almaty", "Istanbul"),
];

/// The weight of a link for an objective, read from the model (the same
/// numbers the router uses: legs' moving + waiting time, handling and hub
/// emissions at transfers).
fn weight(net: &Network, kind: LinkKind, objective: Objective, size: ContainerSize) -> f64 {
    let (km, h, usd, kg) = match kind {
        LinkKind::Leg { leg, .. } => {
            let l = net.leg_at(leg).expect("index from this network");
            (
                l.distance.get(),
                l.total_time().get(),
                l.cost.get(size).get(),
                l.co2e.get(size).get(),
            )
        }
        LinkKind::Transfer { terminal } => {
            let t = net.terminal_at(terminal).expect("index from this network");
            let hd = t.handling.expect("transfers exist only with handling");
            let hub = t.hub_co2e.get(size).wtw().get();
            (0.0, hd.time_h.get(), hd.cost_usd.get(size).get(), hub)
        }
        _ => unreachable!(),
    };
    match objective {
        Objective::Cost => usd,
        Objective::Time => h,
        Objective::Distance => km,
        Objective::Co2e => kg,
        _ => {
            usd + silkroute::routing::DEFAULT_VALUE_OF_TIME * h
                + silkroute::routing::DEFAULT_CARBON_PRICE * kg / 1000.0
        }
    }
}

/// The virtual graph as a petgraph graph with a super source and sink per
/// pair, so that petgraph's single-source Dijkstra answers the same query.
struct Baseline {
    graph: DiGraph<(), f64>,
    queries: Vec<(NodeIndex, NodeIndex)>,
}

fn baseline(net: &Network, objective: Objective) -> Baseline {
    let mut graph =
        DiGraph::<(), f64>::with_capacity(net.place_count() + 2 * PAIRS.len(), net.link_count());
    for _ in 0..net.place_count() {
        graph.add_node(());
    }
    for l in net.links() {
        graph.add_edge(
            NodeIndex::new(l.from.index()),
            NodeIndex::new(l.to.index()),
            weight(net, l.kind, objective, ContainerSize::Forty),
        );
    }
    let mut queries = Vec::new();
    for (a, b) in PAIRS {
        let (ta, tb): (TerminalIdx, TerminalIdx) =
            (net.find_idx(a).unwrap(), net.find_idx(b).unwrap());
        let s = graph.add_node(());
        let t = graph.add_node(());
        for p in net.places_of(ta) {
            graph.add_edge(s, NodeIndex::new(p.index()), 0.0);
        }
        for p in net.places_of(tb) {
            graph.add_edge(NodeIndex::new(PlaceIdx::index(*p)), t, 0.0);
        }
        queries.push((s, t));
    }
    Baseline { graph, queries }
}

fn bench(c: &mut Criterion) {
    let net = Network::eurasia();
    let router = Router::new(net.clone());
    for objective in Objective::ALL {
        let base = baseline(&net, objective);
        let reqs: Vec<RouteRequest> = PAIRS
            .iter()
            .map(|(a, b)| RouteRequest::new(*a, *b).objective(objective))
            .collect();
        // The baseline answers the same question: check before timing.
        for (req, &(s, t)) in reqs.iter().zip(&base.queries) {
            let ours = router.best(req).unwrap().objective_value;
            assert_eq!(ours, router.best_value(req).unwrap());
            let theirs = petgraph::algo::dijkstra(&base.graph, s, Some(t), |e| *e.weight())[&t];
            assert!(
                (ours - theirs).abs() <= 1e-6 * ours.max(1.0),
                "{objective}: {ours} vs {theirs}"
            );
        }
        let mut g = c.benchmark_group(format!("best/{objective}"));
        g.bench_function("petgraph_dijkstra", |b| {
            b.iter(|| {
                for &(s, t) in &base.queries {
                    black_box(petgraph::algo::dijkstra(&base.graph, s, Some(t), |e| {
                        *e.weight()
                    }));
                }
            })
        });
        g.bench_function("silkroute_astar_value_only", |b| {
            b.iter(|| {
                for req in &reqs {
                    black_box(router.best_value(req).unwrap());
                }
            })
        });
        for (name, algorithm) in [
            ("silkroute_dijkstra", Algorithm::Dijkstra),
            ("silkroute_astar", Algorithm::AStar),
        ] {
            g.bench_function(name, |b| {
                b.iter(|| {
                    for req in &reqs {
                        black_box(router.best_using(req, algorithm).unwrap());
                    }
                })
            });
        }
        g.finish();
    }
    let base = baseline(&net, Objective::Cost);
    let mut g = c.benchmark_group("features");
    g.bench_function("petgraph_dijkstra_cost", |b| {
        b.iter(|| {
            for &(s, t) in &base.queries {
                black_box(petgraph::algo::dijkstra(&base.graph, s, Some(t), |e| {
                    *e.weight()
                }));
            }
        })
    });
    let reqs: Vec<RouteRequest> = PAIRS
        .iter()
        .map(|(a, b)| RouteRequest::new(*a, *b))
        .collect();
    g.bench_function("alternatives_k3", |b| {
        b.iter(|| {
            for req in &reqs {
                black_box(router.route(&req.clone().alternatives(3)).unwrap());
            }
        })
    });
    g.bench_function("pareto", |b| {
        b.iter(|| {
            for req in &reqs {
                black_box(router.pareto(req, ParetoOptions::default()).unwrap());
            }
        })
    });
    g.bench_function("compare", |b| {
        b.iter(|| {
            for req in &reqs {
                black_box(router.compare(req).unwrap());
            }
        })
    });
    g.bench_function("constrained_avoid_ru_by_via_alat", |b| {
        let req = RouteRequest::new("Xi'an", "Duisburg")
            .avoid_country("RU".parse().expect("ISO code"))
            .avoid_country("BY".parse().expect("ISO code"))
            .via("Alat")
            .max_transfers(6);
        b.iter(|| black_box(router.best(&req).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
