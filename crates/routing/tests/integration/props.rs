//! Differential property tests: the router against the oracles on random
//! multimodal networks.

use crate::oracle::{self, Expect, Spec};
use proptest::prelude::*;
use silkroute_core::*;
use silkroute_routing::*;
use silkroute_testkit::netgen::{self, Rng};

/// Fixed seed and case count: failures replay, and the suite stays fast.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x51_1C_20_26),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
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

/// Checks a route against the spec and the network, independently of the
/// router: the shared invariants, the oracle's weighing, the corridor rule.
fn check_route(net: &Network, spec: &Spec, rule: Option<&CorridorRule>, route: &Route) {
    let req = spec.request(net);
    if let Err(e) = silkroute_testkit::invariants::check_route(net, &req, route) {
        panic!("{e}");
    }
    // The objective is the sum of the steps' weights, each from the step's
    // reported figures (whole thousandths) and rounded once.
    let u = oracle::units;
    let legs = route.legs.iter().map(|l| {
        [
            u(l.distance.get()),
            u(l.time.get()) + u(l.wait.get()),
            u(l.cost.get()),
            u(l.co2e.get()),
        ]
    });
    let transfers = route
        .transfers
        .iter()
        .map(|x| [0.0, u(x.time.get()), u(x.cost.get()), u(x.co2e.get())]);
    let w = legs
        .chain(transfers)
        .map(|m| oracle::weigh(spec, m))
        .sum::<f64>()
        / 1000.0;
    assert!(
        route.objective_value == w,
        "objective {} vs the oracle's weighing {}",
        route.objective_value,
        w
    );
    assert_eq!(route.origin.idx.index(), spec.origin);
    assert_eq!(route.destination.idx.index(), spec.dest);
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
                prop_assert!(*c == r.objective_value, "oracle {c} vs router {}", r.objective_value);
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
            (Ok(a), Ok(d)) => prop_assert_eq!(a.objective_value, d.objective_value),
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
                            prop_assert!(*c == r.objective_value, "{}: oracle {c} vs {}", opt.corridor.id, r.objective_value);
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
                let u = oracle::units;
                let mut got: Vec<[f64; 3]> = routes
                    .iter()
                    .map(|r| [u(r.totals.cost.get()), u(r.totals.time.get()), u(r.totals.co2e.get())])
                    .collect();
                got.sort_by(|a, b| a.partial_cmp(b).unwrap());
                let want = oracle::pareto_brute_force(&net, &spec);
                prop_assert_eq!(got.len(), want.len(), "got {:?} want {:?}", got, want);
                // Exactly: both are whole thousandths.
                prop_assert_eq!(&got, &want);
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




}

/// Runs a property on random `(seed, n, m)` inputs with the suite's fixed
/// configuration. The body returns whether the input met the property's
/// precondition (a route exists, …) and so exercised it; the test fails
/// unless at least `min_exercised` of the cases did, so a property cannot
/// pass by testing nothing.
// The fewest of the 256 cases that must exercise each property: about 60 %
// of what the fixed seed gives today (95, 110, 162 and 68), so a change to
// the generator that starves a property fails loudly.
const MIN_EPSILON_PARETO_COVERS_THE_EXACT_SET: usize = 56;
const MIN_ALTERNATIVES_ARE_VALID_AND_DISTINCT: usize = 64;
const MIN_ASTAR_BOUND_IS_ADMISSIBLE: usize = 96;
const MIN_ADDING_A_LEG_NEVER_HURTS: usize = 40;
const MIN_PARETO_WITH_WAYPOINTS: usize = 45;

fn exercised(
    name: &str,
    n: std::ops::Range<usize>,
    m: std::ops::Range<usize>,
    min_exercised: usize,
    body: impl Fn(u64, usize, usize) -> Result<bool, TestCaseError>,
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let hits = AtomicUsize::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(config());
    if let Err(e) = runner.run(&(any::<u64>(), n, m), |(seed, n, m)| {
        if body(seed, n, m)? {
            hits.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }) {
        panic!("{name}: {e}");
    }
    let hits = hits.into_inner();
    assert!(
        hits >= min_exercised,
        "{name}: only {hits} of {} cases exercised the property (at least {min_exercised} expected)",
        config().cases
    );
}

/// Pareto sets of requests with a waypoint, half of them round trips
/// (origin = destination, through another terminal), as the fuzz finding
/// was: every member is feasible, and none is dominated by another under
/// the documented comparison (whole thousandths, exactly; two members with
/// equal criteria count as one dominating the other).
#[test]
fn pareto_sets_with_waypoints_are_mutually_non_dominated() {
    exercised(
        "pareto_sets_with_waypoints_are_mutually_non_dominated",
        3..8,
        3..14,
        MIN_PARETO_WITH_WAYPOINTS,
        |seed, n, m| {
            let net = netgen::network(seed, n, m);
            let router = Router::new(net.clone());
            let mut spec = spec(&net, seed.rotate_left(11), false);
            let mut r = Rng::new(seed ^ 0x5eed);
            let via = (spec.origin + 1 + r.below(n - 1)) % n;
            spec.via = vec![via];
            if r.chance(0.5) {
                spec.dest = spec.origin;
            }
            let req = spec.request(&net);
            match router.pareto(&req, ParetoOptions::default()) {
                Ok(set) => {
                    prop_assert!(!set.is_empty());
                    for route in &set {
                        check_route(&net, &spec, None, route);
                    }
                    if let Err(e) = silkroute_testkit::invariants::check_pareto_set(&set) {
                        return Err(TestCaseError::fail(e));
                    }
                    // The set's best cost is the cheapest route's.
                    if spec.objective == Objective::Cost
                        && let Ok(best) = router.best(&req)
                    {
                        let cheapest = set
                            .iter()
                            .map(|x| x.totals.cost.get())
                            .fold(f64::INFINITY, f64::min);
                        prop_assert_eq!(cheapest, best.totals.cost.get());
                    }
                    Ok(set.len() > 1)
                }
                Err(e) => {
                    prop_assert!(
                        matches!(
                            e,
                            RoutingError::NoRoute { .. } | RoutingError::Contradictory { .. }
                        ),
                        "{e}"
                    );
                    Ok(false)
                }
            }
        },
    );
}

/// With ε > 0 every exact Pareto route is ε-covered by a returned one.
#[test]
fn epsilon_pareto_covers_the_exact_set() {
    exercised(
        "epsilon_pareto_covers_the_exact_set",
        3..7,
        3..11,
        MIN_EPSILON_PARETO_COVERS_THE_EXACT_SET,
        |seed, n, m| {
            let net = netgen::network(seed, n, m);
            let router = Router::new(net.clone());
            let spec = spec(&net, seed.rotate_left(3), false);
            let req = spec.request(&net);
            let eps = 0.1;
            if let (Ok(exact), Ok(approx)) = (
                router.pareto(&req, ParetoOptions::default()),
                router.pareto(&req, ParetoOptions::default().epsilon(eps)),
            ) {
                prop_assert!(approx.len() <= exact.len());
                for e in &exact {
                    let covered = approx.iter().any(|a| {
                        a.totals.cost.get() <= e.totals.cost.get() * (1.0 + eps) + 1e-9
                            && a.totals.time.get() <= e.totals.time.get() * (1.0 + eps) + 1e-9
                            && a.totals.co2e.get() <= e.totals.co2e.get() * (1.0 + eps) + 1e-9
                    });
                    prop_assert!(covered);
                }
                return Ok(true);
            }
            Ok(false)
        },
    );
}

/// Alternatives: best first, non-decreasing, distinct, loopless, valid,
/// and each differs from the earlier ones by the documented rule.
#[test]
fn alternatives_are_valid_and_distinct() {
    exercised(
        "alternatives_are_valid_and_distinct",
        3..8,
        4..14,
        MIN_ALTERNATIVES_ARE_VALID_AND_DISTINCT,
        |seed, n, m| {
            let net = netgen::network(seed, n, m);
            let router = Router::new(net.clone());
            let mut spec = spec(&net, seed.rotate_left(41), true);
            spec.via.clear();
            let req = spec.request(&net).alternatives(3);
            if let Ok(routes) = router.route(&req) {
                prop_assert!(!routes.is_empty() && routes.len() <= 4);
                let best = router.best(&spec.request(&net)).unwrap();
                prop_assert_eq!(routes[0].objective_value, best.objective_value);
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
                        let shared: f64 = r
                            .legs
                            .iter()
                            .filter(|l| earlier.legs.iter().any(|e| e.leg == l.leg))
                            .map(|l| {
                                oracle::weigh(
                                    &spec,
                                    [
                                        l.distance.get(),
                                        l.time.get() + l.wait.get(),
                                        l.cost.get(),
                                        l.co2e.get(),
                                    ],
                                )
                            })
                            .sum();
                        prop_assert!(
                            r.objective_value <= 0.0
                                || shared / r.objective_value <= MAX_SHARED_FRACTION + 1e-9
                        );
                    }
                }
                return Ok(true);
            }
            Ok(false)
        },
    );
}

/// The A* bound is admissible: from every terminal, it never exceeds the
/// best route's objective (checked for every objective and container).
#[test]
fn astar_bound_is_admissible() {
    exercised(
        "astar_bound_is_admissible",
        3..9,
        3..16,
        MIN_ASTAR_BOUND_IS_ADMISSIBLE,
        |seed, n, m| {
            let net = netgen::network(seed, n, m);
            let router = Router::new(net.clone());
            let base = spec(&net, seed.rotate_left(23), true);
            let mut checked = false;
            for o in 0..n {
                let mut s = base.clone();
                s.origin = o;
                let req = s.request(&net);
                if let (Ok(bound), Ok(route)) = (
                    router.lower_bound(&req),
                    router.best_using(&req, Algorithm::Dijkstra),
                ) {
                    prop_assert!(bound >= 0.0);
                    prop_assert!(
                        bound <= route.objective_value * (1.0 + 1e-12) + 1e-9,
                        "bound {bound} > optimum {} from t{o}",
                        route.objective_value
                    );
                    checked = true;
                }
            }
            Ok(checked)
        },
    );
}

/// Adding a leg never makes the optimum worse.
#[test]
fn adding_a_leg_never_hurts() {
    exercised(
        "adding_a_leg_never_hurts",
        3..7,
        3..10,
        MIN_ADDING_A_LEG_NEVER_HURTS,
        |seed, n, m| {
            let small = netgen::network(seed, n, m);
            // One more leg between two of its terminals.
            let mut r = Rng::new(seed ^ 0xABCD);
            let (a, z) = (r.below(n), r.below(n));
            if a == z {
                return Ok(false);
            }
            let (ta, tz) = (&small.terminals()[a], &small.terminals()[z]);
            let km = great_circle(ta.lat, ta.lon, tz.lat, tz.lon).get() * 1.2 + 1.0;
            let mode = if r.chance(0.5) { Mode::Road } else { Mode::Sea };
            let mut extra = Leg::new(
                "extra",
                ta.id.as_str(),
                tz.id.as_str(),
                mode,
                Km(km),
                Hours(km / 40.0),
            )
            .cost(Usd(r.range(0.0, 900.0)), Usd(r.range(0.0, 1200.0)))
            .emission_factor("ef-t")
            .source("src");
            if ta.country != tz.country {
                extra = extra.border(ta.country, tz.country);
            }
            let big = small.to_builder().leg(extra).build().unwrap();
            let spec = spec(&small, seed.rotate_left(11), false);
            let (a, b) = (
                Router::new(small.clone()).best(&spec.request(&small)),
                Router::new(big.clone()).best(&spec.request(&big)),
            );
            if let (Ok(a), Ok(b)) = (&a, &b) {
                prop_assert!(b.objective_value <= a.objective_value + 1e-9);
            }
            if a.is_ok() {
                prop_assert!(b.is_ok());
            }
            Ok(a.is_ok())
        },
    );
}
