//! Router limits: each has a default, a way to raise it, and an error that
//! names it; a request over a limit is refused before the work is done.

use silkroute_core::Network;
use silkroute_routing::{ParetoOptions, RouteRequest, Router, RouterLimits, RoutingError};

#[track_caller]
fn refused<T: std::fmt::Debug>(r: Result<T, RoutingError>, name: &str) {
    let e = r.unwrap_err();
    assert_eq!(e.kind(), "too_large", "{e}");
    assert!(e.to_string().contains(name), "{e}");
}

fn router(limits: RouterLimits) -> Router {
    Router::with_limits(Network::eurasia(), limits)
}

#[test]
fn defaults() {
    let d = RouterLimits::default();
    assert_eq!(
        (
            d.max_alternatives,
            d.max_via,
            d.max_states,
            d.max_pareto_labels,
            d.max_matrix_pairs
        ),
        (20, 16, 4_000_000, 500_000, 100_000)
    );
}

#[test]
fn alternatives_and_waypoints() {
    let r = router(RouterLimits::default().max_alternatives(2).max_via(1));
    let req = RouteRequest::new("Xi'an", "Duisburg");
    refused(r.route(&req.clone().alternatives(3)), "max_alternatives");
    assert!(r.route(&req.clone().alternatives(2)).is_ok());
    refused(r.best(&req.clone().via("Alat").via("Aktau")), "max_via");
    assert!(r.best(&req.clone().via("Alat")).is_ok());
}

#[test]
fn search_states() {
    let req = RouteRequest::new("Xi'an", "Duisburg").max_transfers(3);
    refused(
        router(RouterLimits::default().max_states(100)).best(&req),
        "max_states",
    );
    assert!(router(RouterLimits::default()).best(&req).is_ok());
}

#[test]
fn pareto_labels() {
    let req = RouteRequest::new("Shanghai", "Rotterdam");
    refused(
        router(RouterLimits::default().max_pareto_labels(5)).pareto(&req, ParetoOptions::default()),
        "max_pareto_labels",
    );
    assert!(
        router(RouterLimits::default())
            .pareto(&req, ParetoOptions::default())
            .is_ok()
    );
}

#[test]
fn matrix_pairs() {
    let r = router(RouterLimits::default().max_matrix_pairs(3));
    let template = RouteRequest::new("Xi'an", "Duisburg");
    refused(
        r.try_matrix(&["Xi'an", "Chongqing"], &["Duisburg", "Hamburg"], &template),
        "max_matrix_pairs",
    );
    refused(
        r.check_matrix_size(usize::MAX, usize::MAX),
        "max_matrix_pairs",
    );
    let m = r
        .try_matrix(&["Xi'an", "Chongqing", "Almaty"], &["Duisburg"], &template)
        .expect("3 pairs fit");
    assert_eq!(m.len(), 3);
}

/// Found by the `route_invariants` fuzz target (input kept as
/// `fuzz/corpus/route_invariants/regression-same-endpoint-via.bin`): a
/// request from a terminal through itself to itself returned a route of no
/// legs as if it were an answer.
#[test]
fn fuzz_regression_same_terminal_everywhere_is_an_error() {
    let r = router(RouterLimits::default());
    let req = RouteRequest::new("Almaty", "Almaty").via("Almaty");
    assert_eq!(r.best(&req).unwrap_err().kind(), "same_origin_destination");
    assert_eq!(r.route(&req).unwrap_err().kind(), "same_origin_destination");
    assert_eq!(
        r.pareto(&req, ParetoOptions::default()).unwrap_err().kind(),
        "same_origin_destination"
    );
    // A round trip through another terminal is a route.
    let round = r
        .best(&RouteRequest::new("Almaty", "Almaty").via("Aktau"))
        .expect("round trip");
    assert!(!round.legs.is_empty());
}
