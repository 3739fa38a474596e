//! Differential property tests: the router against the oracles on random
//! multimodal networks.

use crate::netgen::{self, Rng};
use crate::oracle::{self, Expect, Spec};
use proptest::prelude::*;
use silkroute_core::*;
use silkroute_routing::*;

/// Fixed seed and case count: failures replay, and the suite stays fast.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x51_1C_20_26),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A random spec over a network, from a seed.
fn spec(net: &Network, seed: u64, with_via: bool) -> Spec {
    let mut r = Rng::new(seed);
    let n = net.terminals().len();
    let origin = r.below(n);
    let dest = r.below(n);
    let via = if with_via && r.chance(0.5) {
        vec![r.below(n)]
    } else {
        vec![]
    };
    let objective = Objective::ALL[r.below(5)];
    let modes: Vec<Mode> = if r.chance(0.3) {
        Mode::ALL
            .iter()
            .copied()
            .filter(|_| r.chance(0.6))
            .collect()
    } else {
        vec![]
    };
    let avoid_countries = if r.chance(0.3) {
        vec![netgen::COUNTRIES[r.below(5)].parse().unwrap()]
    } else {
        vec![]
    };
    let avoid_passages = if r.chance(0.3) {
        vec![netgen::PASSAGES[r.below(3)]]
    } else {
        vec![]
    };
    let avoid_terminals = if r.chance(0.2) {
        vec![r.below(n)]
    } else {
        vec![]
    };
    let max_transfers = if r.chance(0.3) {
        Some(r.below(3) as u32)
    } else {
        None
    };
    Spec {
        origin,
        dest,
        via,
        objective,
        vot: r.range(0.0, 10.0),
        cp: r.range(0.0, 200.0),
        size: if r.chance(0.5) {
            ContainerSize::Twenty
        } else {
            ContainerSize::Forty
        },
        modes,
        avoid_countries,
        avoid_passages,
        avoid_terminals,
        max_transfers,
    }
}

/// Checks a route against the spec and the network, independently of the router.
fn check_route(net: &Network, spec: &Spec, rule: Option<&CorridorRule>, route: &Route) {
    // Totals equal the sum of legs and transfers.
    let legs_km: f64 = route.legs.iter().map(|l| l.distance.get()).sum();
    let legs_h: f64 = route
        .legs
        .iter()
        .map(|l| l.time.get() + l.wait.get())
        .sum::<f64>()
        + route.transfers.iter().map(|t| t.time.get()).sum::<f64>();
    let usd: f64 = route.legs.iter().map(|l| l.cost.get()).sum::<f64>()
        + route.transfers.iter().map(|t| t.cost.get()).sum::<f64>();
    let kg: f64 = route.legs.iter().map(|l| l.co2e.get()).sum();
    assert!(close(route.totals.distance.get(), legs_km));
    assert!(close(route.totals.time.get(), legs_h));
    assert!(close(route.totals.cost.get(), usd));
    assert!(close(route.totals.co2e.get(), kg));
    assert_eq!(route.totals.transfers as usize, route.transfers.len());
    assert_eq!(
        route.totals.border_crossings as usize,
        route.legs.iter().filter(|l| l.border.is_some()).count()
    );
    let w = oracle::weigh(spec, [legs_km, legs_h, usd, kg]);
    assert!(
        close(route.objective_value, w),
        "objective {} vs legs {}",
        route.objective_value,
        w
    );
    // Legs chain from origin to destination.
    assert_eq!(route.origin.idx.index(), spec.origin);
    assert_eq!(route.destination.idx.index(), spec.dest);
    if let Some(first) = route.legs.first() {
        assert_eq!(first.from.idx.index(), spec.origin);
    }
    for w in route.legs.windows(2) {
        assert_eq!(w[0].to.idx, w[1].from.idx, "legs must chain");
    }
    if let Some(last) = route.legs.last() {
        assert_eq!(last.to.idx.index(), spec.dest);
    }
    // Waypoints visited in order.
    let mut stops = vec![spec.origin];
    stops.extend(route.legs.iter().map(|l| l.to.idx.index()));
    let mut k = 0;
    for s in &stops {
        if k < spec.via.len() && *s == spec.via[k] {
            k += 1;
        }
    }
    assert_eq!(k, spec.via.len(), "waypoints in order");
    // No constraint violated.
    for l in &route.legs {
        assert!(
            spec.modes.is_empty() || spec.modes.contains(&l.mode),
            "mode {}",
            l.mode
        );
        assert!(!l.passages.iter().any(|p| spec.avoid_passages.contains(p)));
        for t in [&l.from, &l.to] {
            assert!(!spec.avoid_countries.contains(&t.country));
            assert!(!spec.avoid_terminals.contains(&t.idx.index()));
        }
    }
    if let Some(m) = spec.max_transfers {
        assert!(route.totals.transfers <= m);
    }
    // Transfers only at terminals with handling, and only between different layers.
    for t in &route.transfers {
        assert!(
            net.terminal_at(t.at.idx)
                .expect("index from this network")
                .handling
                .is_some()
        );
        assert!((t.from_mode, t.from_gauge) != (t.to_mode, t.to_gauge));
    }
    if let Some(rule) = rule {
        assert!(
            route.satisfies(&Corridor::new("x", "x", rule.clone())),
            "route breaks its corridor rule"
        );
    }
}

proptest! {
    #![proptest_config(config())]

    /// Every objective and constraint, against Bellman–Ford; A* equals Dijkstra.
    #[test]
    fn best_route_matches_bellman_ford(seed in any::<u64>(), n in 3usize..8, m in 3usize..14) {
        let net = netgen::network(seed, n, m);
        let router = Router::new(net.clone());
        let spec = spec(&net, seed.rotate_left(17), true);
        let req = spec.request(&net);
        let expect = oracle::bellman_ford(&net, &spec, None);
        let astar = router.best_using(&req, Algorithm::AStar);
        let dijkstra = router.best_using(&req, Algorithm::Dijkstra);
        match (&expect, &astar) {
            (Expect::Cost(c), Ok(r)) => {
                prop_assert!(close(*c, r.objective_value), "oracle {c} vs router {}", r.objective_value);
                check_route(&net, &spec, None, r);
            }
            (Expect::NoRoute, Err(RoutingError::NoRoute { .. })) => {}
            (Expect::Contradictory, Err(RoutingError::Contradictory { .. })) => {}
            (Expect::SameOriginDestination, Err(RoutingError::SameOriginDestination { .. })) => {}
            (e, got) => prop_assert!(false, "oracle {e:?} but router {got:?}"),
        }
        if let Ok(a) = &astar {
            prop_assert_eq!(router.best_value(&req).ok(), Some(a.objective_value));
        }
        match (&astar, &dijkstra) {
            (Ok(a), Ok(d)) => prop_assert!(close(a.objective_value, d.objective_value)),
            (Err(a), Err(d)) => prop_assert_eq!(a.kind(), d.kind()),
            (a, d) => prop_assert!(false, "A* {a:?} vs Dijkstra {d:?}"),
        }
    }

    /// Corridor rules (requirements of passages, countries, tags) against Bellman–Ford.
    #[test]
    fn compare_matches_bellman_ford(seed in any::<u64>(), n in 3usize..7, m in 3usize..12) {
        let net = netgen::network(seed, n, m);
        let router = Router::new(net.clone());
        let mut spec = spec(&net, seed.rotate_left(29), false);
        spec.max_transfers = None;
        let req = spec.request(&net);
        match router.compare(&req) {
            Ok(options) => {
                prop_assert_eq!(options.len(), net.corridors().len());
                for opt in &options {
                    let expect = oracle::bellman_ford(&net, &spec, Some(&opt.corridor.rule));
                    match (&expect, &opt.result) {
                        (Expect::Cost(c), Ok(r)) => {
                            prop_assert!(close(*c, r.objective_value), "{}: oracle {c} vs {}", opt.corridor.id, r.objective_value);
                            check_route(&net, &spec, Some(&opt.corridor.rule), r);
                            prop_assert_eq!(r.corridor.as_ref(), Some(&opt.corridor.id));
                        }
                        (Expect::NoRoute, Err(RoutingError::NoRoute { .. })) => {}
                        (Expect::Contradictory, Err(RoutingError::Contradictory { .. })) => {}
                        (e, got) => prop_assert!(false, "{}: oracle {e:?} but router {got:?}", opt.corridor.id),
                    }
                }
            }
            Err(e) => {
                let expect = oracle::bellman_ford(&net, &spec, None);
                prop_assert!(matches!(expect, Expect::Contradictory | Expect::SameOriginDestination), "compare failed: {e}");
            }
        }
    }

    /// The Pareto set equals brute-force enumeration, and no member is dominated.
    #[test]
    fn pareto_matches_brute_force(seed in any::<u64>(), n in 3usize..7, m in 3usize..11) {
        let net = netgen::network(seed, n, m);
        let router = Router::new(net.clone());
        let spec = spec(&net, seed.rotate_left(7), false);
        let req = spec.request(&net);
        match router.pareto(&req, ParetoOptions::default()) {
            Ok(routes) => {
                let mut got: Vec<[f64; 3]> = routes
                    .iter()
                    .map(|r| [r.totals.cost.get(), r.totals.time.get(), r.totals.co2e.get()])
                    .collect();
                got.sort_by(|a, b| a.partial_cmp(b).unwrap());
                let want = oracle::pareto_brute_force(&net, &spec);
                prop_assert_eq!(got.len(), want.len(), "got {:?} want {:?}", got, want);
                for (g, w) in got.iter().zip(&want) {
                    prop_assert!(close(g[0], w[0]) && close(g[1], w[1]) && close(g[2], w[2]), "got {g:?} want {w:?}");
                }
                for a in &got {
                    for b in &got {
                        prop_assert!(!(a != b && a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2]), "{a:?} dominates {b:?}");
                    }
                }
                for r in &routes {
                    check_route(&net, &spec, None, r);
                }
            }
            Err(RoutingError::NoRoute { .. }) => prop_assert!(oracle::pareto_brute_force(&net, &spec).is_empty()),
            Err(e) => prop_assert!(matches!(e, RoutingError::Contradictory { .. } | RoutingError::SameOriginDestination { .. }), "{e}"),
        }
    }

    /// With ε > 0 every exact Pareto route is ε-covered by a returned one.
    #[test]
    fn epsilon_pareto_covers_the_exact_set(seed in any::<u64>(), n in 3usize..7, m in 3usize..11) {
        let net = netgen::network(seed, n, m);
        let router = Router::new(net.clone());
        let spec = spec(&net, seed.rotate_left(3), false);
        let req = spec.request(&net);
        let eps = 0.1;
        if let (Ok(exact), Ok(approx)) = (router.pareto(&req, ParetoOptions::default()), router.pareto(&req, ParetoOptions::default().epsilon(eps))) {
            prop_assert!(approx.len() <= exact.len());
            for e in &exact {
                let covered = approx.iter().any(|a| {
                    a.totals.cost.get() <= e.totals.cost.get() * (1.0 + eps) + 1e-9
                        && a.totals.time.get() <= e.totals.time.get() * (1.0 + eps) + 1e-9
                        && a.totals.co2e.get() <= e.totals.co2e.get() * (1.0 + eps) + 1e-9
                });
                prop_assert!(covered);
            }
        }
    }

    /// Alternatives: best first, non-decreasing, distinct, loopless, valid,
    /// and each differs from the earlier ones by the documented rule.
    #[test]
    fn alternatives_are_valid_and_distinct(seed in any::<u64>(), n in 3usize..8, m in 4usize..14) {
        let net = netgen::network(seed, n, m);
        let router = Router::new(net.clone());
        let mut spec = spec(&net, seed.rotate_left(41), true);
        spec.via.clear();
        let req = spec.request(&net).alternatives(3);
        if let Ok(routes) = router.route(&req) {
            prop_assert!(!routes.is_empty() && routes.len() <= 4);
            let best = router.best(&spec.request(&net)).unwrap();
            prop_assert!(close(routes[0].objective_value, best.objective_value));
            for w in routes.windows(2) {
                prop_assert!(w[0].objective_value <= w[1].objective_value + 1e-9);
            }
            for (i, r) in routes.iter().enumerate() {
                check_route(&net, &spec, None, r);
                let mut seen = std::collections::HashSet::new();
                let mut terminals = vec![r.origin.idx];
                terminals.extend(r.legs.iter().map(|l| l.to.idx));
                for t in &terminals {
                    prop_assert!(seen.insert(*t), "loop through {:?}", t);
                }
                for earlier in &routes[..i] {
                    prop_assert_ne!(r.leg_ids(), earlier.leg_ids());
                    let shared: f64 = r.legs.iter()
                        .filter(|l| earlier.legs.iter().any(|e| e.leg == l.leg))
                        .map(|l| oracle::weigh(&spec, [l.distance.get(), l.time.get() + l.wait.get(), l.cost.get(), l.co2e.get()]))
                        .sum();
                    prop_assert!(r.objective_value <= 0.0 || shared / r.objective_value <= MAX_SHARED_FRACTION + 1e-9);
                }
            }
        }
    }

    /// The A* bound is admissible: from every terminal, it never exceeds the
    /// best route's objective (checked for every objective and container).
    #[test]
    fn astar_bound_is_admissible(seed in any::<u64>(), n in 3usize..9, m in 3usize..16) {
        let net = netgen::network(seed, n, m);
        let router = Router::new(net.clone());
        let base = spec(&net, seed.rotate_left(23), true);
        for o in 0..n {
            let mut s = base.clone();
            s.origin = o;
            let req = s.request(&net);
            if let (Ok(bound), Ok(route)) = (router.lower_bound(&req), router.best_using(&req, Algorithm::Dijkstra)) {
                prop_assert!(bound >= 0.0);
                prop_assert!(bound <= route.objective_value * (1.0 + 1e-12) + 1e-9,
                    "bound {bound} > optimum {} from t{o}", route.objective_value);
            }
        }
    }

    /// Adding a leg never makes the optimum worse.
    #[test]
    fn adding_a_leg_never_hurts(seed in any::<u64>(), n in 3usize..7, m in 3usize..10) {
        let small = netgen::network(seed, n, m);
        // One more leg between two of its terminals.
        let mut r = Rng::new(seed ^ 0xABCD);
        let (a, z) = (r.below(n), r.below(n));
        prop_assume!(a != z);
        let (ta, tz) = (&small.terminals()[a], &small.terminals()[z]);
        let km = great_circle(ta.lat, ta.lon, tz.lat, tz.lon).get() * 1.2 + 1.0;
        let mode = if r.chance(0.5) { Mode::Road } else { Mode::Sea };
        let mut extra = Leg::new("extra", ta.id.as_str(), tz.id.as_str(), mode, Km(km), Hours(km / 40.0))
            .cost(Usd(r.range(0.0, 900.0)), Usd(r.range(0.0, 1200.0)))
            .emission_factor("ef-t")
            .source("src");
        if ta.country != tz.country {
            extra = extra.border(ta.country, tz.country);
        }
        let big = small.to_builder().leg(extra).build().unwrap();
        let spec = spec(&small, seed.rotate_left(11), false);
        let (a, b) = (Router::new(small.clone()).best(&spec.request(&small)), Router::new(big.clone()).best(&spec.request(&big)));
        if let (Ok(a), Ok(b)) = (&a, &b) {
            prop_assert!(b.objective_value <= a.objective_value + 1e-9);
        }
        if a.is_ok() {
            prop_assert!(b.is_ok());
        }
    }
}
