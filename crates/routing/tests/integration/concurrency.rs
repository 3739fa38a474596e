//! One `Router` shared by several threads gives exactly the answers one
//! thread gives, whatever the interleaving: the router is immutable and the
//! per-thread search memory (reused across queries) leaks nothing from one
//! query into the next.

use silkroute_core::Network;
use silkroute_routing::{Objective, ParetoOptions, RouteRequest, Router};
use silkroute_testkit::netgen::Rng;

/// Fixed seed of the random queries.
const SEED: u64 = 0x5111_C0DE;
const THREADS: usize = 6;
const QUERIES: usize = 16;

/// Random queries on the embedded network: endpoints, objective,
/// avoidances, alternatives, sometimes a waypoint or a transfer limit.
fn queries(router: &Router) -> Vec<(RouteRequest, bool)> {
    let mut r = Rng::new(SEED);
    let ids: Vec<String> = router
        .network()
        .terminals()
        .iter()
        .map(|t| t.id.to_string())
        .collect();
    (0..QUERIES)
        .map(|_| {
            let from = &ids[r.below(ids.len())];
            let to = &ids[r.below(ids.len())];
            let mut req = RouteRequest::new(from.as_str(), to.as_str())
                .objective(Objective::ALL[r.below(Objective::ALL.len())])
                .alternatives(r.below(3));
            if r.chance(0.3) {
                req = req.avoid_country("RU".parse().expect("ISO code"));
            }
            if r.chance(0.2) {
                req = req.avoid_passage(silkroute_core::Passage::Suez);
            }
            if r.chance(0.2) {
                req = req.via(ids[r.below(ids.len())].as_str());
            }
            if r.chance(0.2) {
                req = req.max_transfers(r.below(4) as u32);
            }
            (req, r.chance(0.25))
        })
        .collect()
}

/// The full answer to a query, as text: every route (legs, transfers,
/// totals) or the error, and the Pareto set when asked for.
fn answer(router: &Router, req: &RouteRequest, pareto: bool) -> String {
    let mut s = format!("{:?}", router.route(req));
    if pareto {
        s.push_str(&format!(
            "{:?}",
            router.pareto(req, ParetoOptions::default().epsilon(0.02))
        ));
    }
    s
}

#[test]
fn shared_router_answers_as_one_thread_does() {
    let router = Router::new(Network::eurasia());
    let qs = queries(&router);
    let expected: Vec<String> = qs.iter().map(|(q, p)| answer(&router, q, *p)).collect();
    assert!(
        expected.iter().any(|a| a.starts_with("Ok")),
        "no query found a route"
    );
    let results: Vec<Vec<(usize, String)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let (router, qs) = (&router, &qs);
                scope.spawn(move || {
                    // Each thread walks the queries in its own order, so the
                    // same query meets different previous ones in the
                    // thread's reused search memory.
                    (0..qs.len())
                        .map(|k| {
                            let i = (k * (2 * t + 1) + t) % qs.len();
                            (i, answer(router, &qs[i].0, qs[i].1))
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no thread panics"))
            .collect()
    });
    for (t, answers) in results.iter().enumerate() {
        for (i, a) in answers {
            assert!(
                a == &expected[*i],
                "thread {t}, query {i} differs from the single-threaded answer"
            );
        }
    }
}

#[test]
fn repeated_queries_are_identical() {
    let router = Router::new(Network::eurasia());
    let qs = queries(&router);
    let first: Vec<String> = qs.iter().map(|(q, p)| answer(&router, q, *p)).collect();
    // Again in reverse order, and on a second router over a clone.
    let other = Router::new(Network::eurasia());
    for (i, (q, p)) in qs.iter().enumerate().rev() {
        assert_eq!(answer(&router, q, *p), first[i]);
        assert_eq!(answer(&other, q, *p), first[i]);
    }
}
