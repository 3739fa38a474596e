//! The invariants of a route, checked independently of the router: totals
//! are the sums of legs and transfers, the objective is the totals weighed,
//! legs chain from the origin through the waypoints to the destination, and
//! no constraint of the request is broken.
//!
//! The router adds whole thousandths (`silkroute_routing::fixed`), so its
//! totals, objective values and Pareto criteria are exact; what is checked
//! here in `f64` (sums of the figures a route reports) holds within
//! [`TOLERANCE`], and the generalized cost, rounded once per step, within
//! half a unit per step.

use silkroute_core::{Network, TerminalIdx};
use silkroute_routing::fixed::{UNITS_PER_ONE, to_units};
use silkroute_routing::{Endpoint, Objective, Route, RouteRequest};

/// Relative tolerance of the floating-point identities: sums of the same
/// figures in another order differ by far less.
pub const TOLERANCE: f64 = 1e-9;

/// Whether two sums agree within [`TOLERANCE`] (relative; absolute below 1).
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE * a.abs().max(b.abs()).max(1.0)
}

/// The objective value of a route's totals under the request's weights.
pub fn objective_of(req: &RouteRequest, route: &Route) -> f64 {
    let t = &route.totals;
    match req.objective_value() {
        Objective::Cost => t.cost.get(),
        Objective::Time => t.time.get(),
        Objective::Distance => t.distance.get(),
        Objective::Co2e => t.co2e.get(),
        _ => {
            t.cost.get()
                + req.value_of_time_usd_per_hour() * t.time.get()
                + req.carbon_price_usd_per_tonne() * t.co2e.get() / 1000.0
        }
    }
}

fn terminal(net: &Network, e: &Endpoint) -> Option<TerminalIdx> {
    match e {
        Endpoint::Terminal(q) => net.find_idx(q).ok(),
        _ => None,
    }
}

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

/// Checks every invariant of `route` as an answer to `req` on `net`.
///
/// # Errors
/// The first invariant broken, in words.
pub fn check_route(net: &Network, req: &RouteRequest, route: &Route) -> Result<(), String> {
    let t = &route.totals;
    let legs =
        |f: &dyn Fn(&silkroute_routing::RouteLeg) -> f64| route.legs.iter().map(f).sum::<f64>();
    let transfer_h: f64 = route.transfers.iter().map(|x| x.time.get()).sum();
    let transfer_usd: f64 = route.transfers.iter().map(|x| x.cost.get()).sum();
    ensure!(
        close(t.distance.get(), legs(&|l| l.distance.get())),
        "distance {} is not the sum of the legs",
        t.distance.get()
    );
    ensure!(
        close(t.moving_time.get(), legs(&|l| l.time.get())),
        "moving time is not the sum of the legs"
    );
    ensure!(
        close(t.wait_time.get(), legs(&|l| l.wait.get())),
        "waiting time is not the sum of the legs"
    );
    ensure!(
        close(t.transfer_time.get(), transfer_h),
        "transfer time is not the sum of the transfers"
    );
    ensure!(
        close(
            t.time.get(),
            t.moving_time.get() + t.wait_time.get() + t.transfer_time.get()
        ),
        "time is not moving + waiting + transfers"
    );
    ensure!(
        close(t.cost.get(), legs(&|l| l.cost.get()) + transfer_usd),
        "cost is not the sum of legs and transfers"
    );
    let transfer_kg: f64 = route.transfers.iter().map(|x| x.co2e.get()).sum();
    ensure!(
        close(t.co2e.get(), legs(&|l| l.co2e.get()) + transfer_kg),
        "CO2e is not the sum of the legs and the hubs"
    );
    ensure!(
        close(t.co2e_hubs.get(), transfer_kg),
        "hub CO2e is not the sum of the transfers"
    );
    ensure!(
        close(
            t.co2e_ttw.get(),
            legs(&|l| l.co2e_ttw.get())
                + route
                    .transfers
                    .iter()
                    .map(|x| x.co2e_ttw.get())
                    .sum::<f64>()
        ),
        "TTW CO2e is not the sum of the legs and the hubs"
    );
    // WTT + TTW = WTW, to the unit (both parts are exact multiples of it).
    let parts = |wtw: f64, ttw: f64, wtt: f64| (wtw - ttw - wtt).abs() <= 1e-9 * wtw.abs().max(1.0);
    ensure!(
        parts(t.co2e.get(), t.co2e_ttw.get(), t.co2e_wtt.get())
            && route
                .legs
                .iter()
                .all(|l| parts(l.co2e.get(), l.co2e_ttw.get(), l.co2e_wtt.get()))
            && route.transfers.iter().all(|x| parts(
                x.co2e.get(),
                x.co2e_ttw.get(),
                x.co2e_wtt.get()
            )),
        "WTT + TTW is not WTW"
    );
    ensure!(
        route.transfers.iter().all(|x| {
            let hub = net[x.at.idx].hub_co2e.get(route.container);
            (x.co2e.get() - hub.wtw().get()).abs() <= 1e-3
        }),
        "a transfer's CO2e is not its terminal's hub emissions"
    );
    ensure!(
        t.transfers as usize == route.transfers.len(),
        "transfer count"
    );
    ensure!(
        t.border_crossings as usize == route.legs.iter().filter(|l| l.border.is_some()).count(),
        "border count"
    );
    let w = objective_of(req, route);
    // Each step's generalized cost is rounded to the unit: half a unit each.
    let steps = (route.legs.len() + route.transfers.len()) as f64;
    let slack = match req.objective_value() {
        Objective::Generalized => steps * 0.5 / UNITS_PER_ONE as f64,
        _ => 0.0,
    };
    // A step's weight may round up by exactly half a unit, so the slack is
    // met with equality, up to the float error of the two sums.
    let within = (route.objective_value - w).abs()
        <= slack + TOLERANCE * route.objective_value.abs().max(w.abs()).max(1.0);
    ensure!(
        within,
        "objective {} but the totals weigh {w}",
        route.objective_value
    );
    // Endpoints, chaining, waypoints in order.
    ensure!(!route.legs.is_empty(), "a route without legs");
    if let Some(o) = terminal(net, req.from_endpoint()) {
        ensure!(
            route.origin.idx == o,
            "starts at {} not at the origin",
            route.origin.name
        );
    }
    if let Some(d) = terminal(net, req.to_endpoint()) {
        ensure!(
            route.destination.idx == d,
            "ends at {} not at the destination",
            route.destination.name
        );
    }
    ensure!(
        route.legs[0].from.idx == route.origin.idx,
        "the first leg does not leave the origin"
    );
    ensure!(
        route.legs[route.legs.len() - 1].to.idx == route.destination.idx,
        "the last leg does not reach the destination"
    );
    for w in route.legs.windows(2) {
        ensure!(
            w[0].to.idx == w[1].from.idx,
            "legs {} and {} do not chain",
            w[0].leg,
            w[1].leg
        );
    }
    let mut stops = vec![route.origin.idx];
    stops.extend(route.legs.iter().map(|l| l.to.idx));
    let via: Vec<TerminalIdx> = req
        .waypoints()
        .iter()
        .filter_map(|v| terminal(net, v))
        .collect();
    let mut k = 0;
    for s in &stops {
        if k < via.len() && *s == via[k] {
            k += 1;
        }
    }
    ensure!(
        k == via.len(),
        "waypoints not visited in order ({k} of {})",
        via.len()
    );
    // Constraints.
    let avoided: Vec<TerminalIdx> = req
        .avoided_terminals()
        .iter()
        .filter_map(|q| net.find_idx(q).ok())
        .collect();
    for l in &route.legs {
        ensure!(
            req.modes().is_empty() || req.modes().contains(&l.mode),
            "leg {} by {} is not an allowed mode",
            l.leg,
            l.mode
        );
        ensure!(
            !l.passages
                .iter()
                .any(|p| req.avoided_passages().contains(p)),
            "leg {} passes an avoided passage",
            l.leg
        );
        ensure!(
            !req.avoided_legs().iter().any(|a| a == l.leg.as_str()),
            "avoided leg {} used",
            l.leg
        );
        for s in [&l.from, &l.to] {
            ensure!(
                !req.avoided_countries().contains(&s.country),
                "{} is in an avoided country",
                s.name
            );
            ensure!(
                !avoided.contains(&s.idx),
                "avoided terminal {} used",
                s.name
            );
        }
    }
    if let Some(m) = req.transfer_limit() {
        ensure!(
            t.transfers <= m,
            "{} transfers, over the limit of {m}",
            t.transfers
        );
    }
    for x in &route.transfers {
        ensure!(
            net[x.at.idx].handling.is_some(),
            "transfer at {} which has no handling",
            x.at.name
        );
        ensure!(
            (x.from_mode, x.from_gauge) != (x.to_mode, x.to_gauge),
            "transfer at {} changes nothing",
            x.at.name
        );
    }
    Ok(())
}

/// The criteria a Pareto set is built on: cost, time, CO2e.
pub fn criteria(route: &Route) -> [f64; 3] {
    [
        route.totals.cost.get(),
        route.totals.time.get(),
        route.totals.co2e.get(),
    ]
}

/// Checks that no route of a Pareto set dominates another under the
/// router's documented comparison: criteria in whole thousandths, exactly.
/// A route no worse than another on every criterion dominates it; so two
/// routes with equal criteria are one too many.
///
/// # Errors
/// The first pair where one route dominates another.
pub fn check_pareto_set(set: &[Route]) -> Result<(), String> {
    let units = |r: &Route| criteria(r).map(to_units);
    for (i, a) in set.iter().enumerate() {
        for (j, b) in set.iter().enumerate() {
            let (ca, cb) = (units(a), units(b));
            ensure!(
                i == j || !ca.iter().zip(&cb).all(|(x, y)| x <= y),
                "Pareto route {i} {:?} dominates route {j} {:?}",
                criteria(a),
                criteria(b)
            );
        }
    }
    Ok(())
}
