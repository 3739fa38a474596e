//! Origin–destination matrices: every pair, in input order, equal to
//! pairwise `best`, with the pairs that have no route kept.

use silkroute_core::Network;
use silkroute_routing::*;
use std::sync::OnceLock;

fn router() -> &'static Router {
    static R: OnceLock<Router> = OnceLock::new();
    R.get_or_init(|| Router::new(Network::eurasia()))
}

const ORIGINS: [&str; 4] = ["Xi'an", "Chongqing", "Mumbai", "Almaty"];
const DESTINATIONS: [&str; 4] = ["Duisburg", "Hamburg", "Moscow", "Almaty"];

#[test]
fn a_matrix_equals_pairwise_best() {
    let template = RouteRequest::new("x", "y")
        .objective(Objective::Time)
        .avoid_country("BY".parse().expect("ISO code"));
    let m = router().matrix(&ORIGINS, &DESTINATIONS, &template);
    assert_eq!(m.len(), ORIGINS.len() * DESTINATIONS.len());
    for (i, o) in ORIGINS.iter().enumerate() {
        for (j, d) in DESTINATIONS.iter().enumerate() {
            let cell = m.get(i, j).expect("cell in range");
            assert_eq!((cell.origin_index, cell.destination_index), (i, j));
            let expected = router().best(&template.with_endpoints(*o, *d));
            assert_eq!(cell.result, expected, "{o} → {d}");
            match &expected {
                Ok(r) => {
                    assert_eq!(cell.status(), "ok");
                    assert_eq!(
                        (cell.origin_name.as_str(), cell.destination_name.as_str()),
                        (r.origin.name.as_str(), r.destination.name.as_str())
                    );
                }
                Err(e) => assert_eq!(cell.status(), e.kind()),
            }
        }
    }
    // Almaty → Almaty is not a route, but it is a row.
    assert_eq!(
        m.get(3, 3).expect("cell").status(),
        "same_origin_destination"
    );
    assert!(m.get(4, 0).is_none() && m.get(0, 4).is_none());
}

#[test]
fn pairs_without_a_route_are_reported_not_dropped() {
    // By rail only, nothing leaves India or reaches Singapore.
    let template = RouteRequest::new("x", "y").mode(silkroute_core::Mode::Rail);
    let m = router().matrix(
        &["Mumbai", "Xi'an", "Nowhere-on-earth"],
        &["Duisburg", "Singapore"],
        &template,
    );
    let statuses: Vec<&str> = m.cells.iter().map(|c| c.status()).collect();
    assert_eq!(
        statuses,
        [
            "no_route",
            "no_route",
            "ok",
            "no_route",
            "unknown_terminal",
            "unknown_terminal"
        ]
    );
    let cells = &m.cells;
    assert_eq!(cells.len(), 6);
    assert_eq!(cells[0].origin_name, "Mumbai");
    assert!(
        cells[0].route().is_none()
            && cells[0]
                .result
                .as_ref()
                .is_err_and(|e| e.to_string().contains("no route"))
    );
    assert_eq!(cells[2].origin_name, "Xi'an");
    assert!(
        cells[2]
            .route()
            .is_some_and(|r| r.totals.distance.get() > 5000.0)
    );
    // The unresolved name is shown as given.
    assert_eq!(cells[4].origin_name, "Nowhere-on-earth");
}

#[test]
fn the_order_does_not_depend_on_the_number_of_threads() {
    let template = RouteRequest::new("x", "y").objective(Objective::Co2e);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        pool.install(|| router().matrix(&ORIGINS, &DESTINATIONS, &template))
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one, two);
    let pairs: Vec<(usize, usize)> = two
        .cells
        .iter()
        .map(|c| (c.origin_index, c.destination_index))
        .collect();
    let expected: Vec<(usize, usize)> = (0..4).flat_map(|i| (0..4).map(move |j| (i, j))).collect();
    assert_eq!(pairs, expected);
}

#[test]
fn progress_is_reported_once_per_pair() {
    let count = std::sync::atomic::AtomicUsize::new(0);
    let m = router().matrix_with(
        &ORIGINS[..2],
        &DESTINATIONS[..3],
        &RouteRequest::new("x", "y"),
        |_| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        },
    );
    assert_eq!(count.into_inner(), 6);
    assert_eq!(m.len(), 6);
}

#[test]
fn an_empty_list_gives_an_empty_matrix() {
    let m = router().matrix::<&str>(&[], &DESTINATIONS, &RouteRequest::new("x", "y"));
    assert!(m.is_empty());
}

#[test]
fn a_template_error_is_found_without_a_search() {
    let ok = RouteRequest::new("x", "y").objective(Objective::Time);
    assert_eq!(router().check_template(&ok), Ok(()));
    let bad_leg = RouteRequest::new("x", "y").avoid_leg("no-such-leg");
    assert!(matches!(
        router().check_template(&bad_leg),
        Err(RoutingError::UnknownLeg { .. })
    ));
    let bad_number = RouteRequest::new("x", "y").value_of_time(f64::NAN);
    assert!(matches!(
        router().check_template(&bad_number),
        Err(RoutingError::InvalidNumber { .. })
    ));
    let tight = Router::with_limits(
        silkroute_core::Network::eurasia(),
        RouterLimits::default().max_states(10),
    );
    assert!(matches!(
        tight.check_template(&ok),
        Err(RoutingError::TooLarge { .. })
    ));
    // An unknown endpoint depends on the pair: not a template error.
    assert_eq!(
        router().check_template(&RouteRequest::new("Atlantis", "y")),
        Ok(())
    );
}
