//! Golden routes on the default network, written as users ask them.

use silkroute_core::{Mode, Network, Passage};

fn cc(code: &str) -> silkroute_core::CountryCode {
    code.parse().expect("ISO code")
}
use silkroute_routing::*;
use std::sync::OnceLock;

fn router() -> &'static Router {
    static R: OnceLock<Router> = OnceLock::new();
    R.get_or_init(|| Router::new(Network::eurasia()))
}

fn show(r: &Route) -> String {
    format!(
        "{} | {:.1} d, {:.0} USD, {:.2} t | {}",
        r.corridor
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
        r.totals.time.get() / 24.0,
        r.totals.cost.get(),
        r.totals.co2e.get() / 1000.0,
        r.stops().join(" > ")
    )
}

#[test]
fn avoiding_russia_and_belarus_xian_to_duisburg_crosses_the_caspian_through_alat() {
    for objective in [Objective::Time, Objective::Cost, Objective::Co2e] {
        let req = RouteRequest::new("Xi'an", "Duisburg")
            .objective(objective)
            .mode(Mode::Rail)
            .mode(Mode::Ferry)
            .avoid_country(cc("RU"))
            .avoid_country(cc("BY"));
        let route = router()
            .best(&req)
            .unwrap_or_else(|e| panic!("{objective}: {e}"));
        assert!(
            route.stops().contains(&"Alat"),
            "{objective}: {}",
            show(&route)
        );
        assert!(
            !route.crosses("RU") && !route.crosses("BY"),
            "{}",
            show(&route)
        );
        assert!(
            route
                .legs
                .iter()
                .any(|l| l.mode == silkroute_core::Mode::Ferry
                    && l.corridors.iter().any(|t| t == "trans-caspian"))
        );
    }
}

#[test]
fn avoiding_russia_belarus_and_iran_the_fastest_xian_to_duisburg_crosses_the_caspian() {
    let req = RouteRequest::new("Xi'an", "Duisburg")
        .objective(Objective::Time)
        .avoid_country(cc("RU"))
        .avoid_country(cc("BY"))
        .avoid_country(cc("IR"));
    let route = router().best(&req).unwrap();
    assert!(route.stops().contains(&"Alat"), "{}", show(&route));
    assert!(
        route
            .legs
            .iter()
            .any(|l| l.corridors.iter().any(|t| t == "trans-caspian")),
        "{}",
        show(&route)
    );
    assert_eq!(
        route.corridor.as_ref().map(|c| c.as_str()),
        Some("middle-corridor")
    );
}

#[test]
fn with_suez_avoided_shanghai_to_rotterdam_by_sea_rounds_the_cape() {
    let req = RouteRequest::new("Shanghai", "Rotterdam")
        .mode(Mode::Sea)
        .avoid_passage(Passage::Suez);
    let route = router().best(&req).unwrap();
    assert!(route.passes(Passage::CapeOfGoodHope), "{}", show(&route));
    assert!(!route.passes(Passage::Suez));
    let via_suez = router()
        .best(&RouteRequest::new("Shanghai", "Rotterdam").mode(Mode::Sea))
        .unwrap();
    assert!(via_suez.passes(Passage::Suez), "{}", show(&via_suez));
    assert!(route.totals.distance.get() > via_suez.totals.distance.get() + 3000.0);
}

#[test]
fn the_cheapest_china_to_europe_option_is_by_sea() {
    for (from, to) in [
        ("Shanghai", "Rotterdam"),
        ("Xi'an", "Duisburg"),
        ("Chongqing", "Hamburg"),
    ] {
        let route = router()
            .best(&RouteRequest::new(from, to).objective(Objective::Cost))
            .unwrap();
        let sea_km: f64 = route
            .legs
            .iter()
            .filter(|l| l.mode == silkroute_core::Mode::Sea)
            .map(|l| l.distance.get())
            .sum();
        assert!(
            sea_km > 0.5 * route.totals.distance.get(),
            "{from} → {to}: {}",
            show(&route)
        );
    }
}

#[test]
fn compare_xian_to_duisburg_lists_middle_northern_and_sea() {
    let options = router()
        .compare(&RouteRequest::new("Xi'an", "Duisburg").objective(Objective::Time))
        .unwrap();
    let ok = |id: &str| {
        options
            .iter()
            .any(|o| o.corridor.id.as_str() == id && o.result.is_ok())
    };
    for id in ["middle-corridor", "northern", "sea-suez", "sea-cape"] {
        assert!(
            ok(id),
            "{id} missing: {:?}",
            options
                .iter()
                .map(|o| (
                    o.corridor.id.to_string(),
                    o.result.as_ref().map(show).map_err(|e| e.to_string())
                ))
                .collect::<Vec<_>>()
        );
    }
    // Corridors that cannot serve the pair say why.
    for o in &options {
        if let Err(e) = &o.result {
            assert!(!e.to_string().is_empty());
        }
    }
}

#[test]
fn rail_only_with_russia_and_belarus_avoided_says_what_cuts_it_off() {
    // Rail only cannot cross the Caspian: the error names the cut.
    let err = router()
        .best(
            &RouteRequest::new("Xi'an", "Duisburg")
                .mode(Mode::Rail)
                .avoid_country(cc("RU"))
                .avoid_country(cc("BY")),
        )
        .unwrap_err();
    let msg = err.to_string();
    assert_eq!(err.kind(), "no_route", "{msg}");
    assert!(
        msg.contains("RU") && msg.contains("BY") && msg.contains("rail"),
        "{msg}"
    );
}

#[test]
fn the_astar_bound_is_tight_enough_to_matter_and_never_above_the_optimum() {
    let net = router().network();
    let (a, b) = (net.find("Xi'an").unwrap(), net.find("Duisburg").unwrap());
    let gc = silkroute_core::great_circle(a.lat, a.lon, b.lat, b.lon).get();
    // The bound measures straight through the Earth (the chord), which is
    // never longer than the arc.
    let r = silkroute_core::EARTH_RADIUS_KM;
    let chord = 2.0 * r * (gc / (2.0 * r)).sin();
    let req = RouteRequest::new("Xi'an", "Duisburg").objective(Objective::Distance);
    let bound = router().lower_bound(&req).unwrap();
    let best = router().best(&req).unwrap();
    // Every leg is at least 98 % of its great-circle length, so the distance
    // bound is at least 98 % of the chord.
    assert!(bound >= 0.97 * chord, "bound {bound} vs chord {chord}");
    assert!(bound <= best.objective_value);
    for o in [
        Objective::Time,
        Objective::Cost,
        Objective::Co2e,
        Objective::Generalized,
    ] {
        let req = RouteRequest::new("Xi'an", "Duisburg").objective(o);
        let bound = router().lower_bound(&req).unwrap();
        assert!(
            bound > 0.0 && bound <= router().best(&req).unwrap().objective_value,
            "{o}"
        );
    }
}

#[test]
fn a_misspelt_leg_or_corridor_is_refused_with_the_names_meant() {
    let base = || RouteRequest::new("Xi'an", "Duisburg");
    match router().best(&base().avoid_leg("xian-lanzhou-rial")) {
        Err(RoutingError::UnknownLeg { id, suggestions }) => {
            assert_eq!(id, "xian-lanzhou-rial");
            assert_eq!(
                suggestions.first().map(String::as_str),
                Some("xian-lanzhou-rail")
            );
            assert!(suggestions.len() <= silkroute_core::MAX_SUGGESTIONS);
        }
        other => panic!("expected an unknown leg, got {other:?}"),
    }
    match router().best(&base().avoid_corridor("midle-corridor")) {
        Err(e @ RoutingError::UnknownCorridor { .. }) => {
            assert_eq!(
                e.suggestions().first().map(String::as_str),
                Some("middle-corridor")
            );
            assert!(
                e.to_string().contains("did you mean middle-corridor"),
                "{e}"
            );
        }
        other => panic!("expected an unknown corridor, got {other:?}"),
    }
}
