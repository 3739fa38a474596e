//! Random small networks and requests from fuzzer bytes, and the invariants
//! every answer must satisfy: the body of the `route_invariants` fuzz
//! target, here so that its findings replay in the normal test suite on the
//! stable toolchain (`tests/fuzz_regressions.rs` runs every input kept in
//! `fuzz/corpus/route_invariants/`).
//!
//! [`run`] decodes the bytes as libFuzzer's typed targets do
//! (`Arbitrary::arbitrary_take_rest`), builds the network with
//! `NetworkBuilder`, and for up to four requests checks:
//!
//! - A* and Dijkstra agree exactly: equal objective values (whole
//!   thousandths, see `silkroute_routing::fixed`), or the same error kind;
//! - every route satisfies every constraint of the request and its totals
//!   are its legs and transfers ([`invariants::check_route`]);
//! - the first of `route` (with alternatives) is as good as `best`, and
//!   every alternative respects the constraints too;
//! - every Pareto route is feasible and none dominates another
//!   ([`invariants::check_pareto_set`]).
//!
//! Figures are whole numbers half the time and costs may be zero, so ties and
//! zero-cost cycles are common.

use crate::invariants;
use arbitrary::{Arbitrary, Unstructured};
use silkroute_core::*;
use silkroute_routing::{
    Algorithm, Objective, ParetoOptions, Route, RouteRequest, Router, RoutingError,
};

const COUNTRIES: [&str; 4] = ["AZ", "GE", "KZ", "TR"];
const PASSAGES: [Passage; 2] = [Passage::Suez, Passage::Bosporus];

/// A terminal.
#[derive(Debug, Arbitrary)]
pub struct T {
    country: u8,
    lat: u8,
    lon: u8,
    handling: Option<(u8, u8)>,
}

/// A leg.
#[derive(Debug, Arbitrary)]
pub struct L {
    a: u8,
    z: u8,
    mode: u8,
    broad: bool,
    stretch: u8,
    speed: u8,
    wait: u8,
    cost: u8,
    one_way: bool,
    passages: u8,
}

/// A request.
#[derive(Debug, Arbitrary)]
pub struct Req {
    from: u8,
    to: u8,
    via: Option<u8>,
    objective: u8,
    modes: u8,
    avoid_countries: u8,
    avoid_passages: u8,
    avoid_terminal: Option<u8>,
    max_transfers: Option<u8>,
    twenty: bool,
    alternatives: u8,
}

/// A fuzz input: terminals, legs and requests.
#[derive(Debug, Arbitrary)]
pub struct Input {
    /// Up to 8 are used.
    pub terminals: Vec<T>,
    /// Up to 16 are used.
    pub legs: Vec<L>,
    /// Up to 4 are asked.
    pub requests: Vec<Req>,
}

fn cc(s: &str) -> CountryCode {
    s.parse().expect("assigned code")
}

/// The network of an input, or `None` when the builder refuses it.
pub fn build(input: &Input) -> Option<Network> {
    let n = input.terminals.len().clamp(0, 8);
    if n < 2 {
        return None;
    }
    let mut b = NetworkBuilder::new()
        .source(Source::new("src", "Fuzz source", "fuzz", 2024, Grade::A))
        .emission_factor(EmissionFactor::new(
            "ef",
            20.0,
            EmissionUnit::GPerTkm,
            "src",
        ));
    let mut gauges: Vec<Vec<Gauge>> = vec![Vec::new(); n];
    let pos: Vec<(f64, f64)> = input.terminals[..n]
        .iter()
        .map(|t| (35.0 + f64::from(t.lat % 16), 20.0 + f64::from(t.lon % 60)))
        .collect();
    let mut legs = Vec::new();
    for (j, l) in input.legs.iter().take(16).enumerate() {
        let a = usize::from(l.a) % n;
        let z = usize::from(l.z) % n;
        if a == z {
            continue;
        }
        let mode = Mode::ALL[usize::from(l.mode) % 4];
        let gc = great_circle(pos[a].0, pos[a].1, pos[z].0, pos[z].1).get();
        let distance = (gc * (1.0 + f64::from(l.stretch) / 128.0)).ceil() + 1.0;
        let speed = 10.0 + f64::from(l.speed) % (mode.max_speed_kmh() * 0.9 - 10.0);
        let time = (distance / speed).max(0.1);
        let cost = f64::from(l.cost % 8) * 100.0; // often zero: zero-cost cycles
        let mut leg = Leg::new(
            format!("l{j}"),
            format!("t{a}"),
            format!("t{z}"),
            mode,
            Km(distance),
            Hours(time),
        )
        .wait(Hours(f64::from(l.wait % 4) * 12.0))
        .cost(Usd(cost), Usd(cost))
        .emission_factor("ef")
        .source("src");
        if mode == Mode::Rail {
            let g = if l.broad {
                Gauge::RUSSIAN
            } else {
                Gauge::STANDARD
            };
            for t in [a, z] {
                if !gauges[t].contains(&g) {
                    gauges[t].push(g);
                }
            }
            leg = leg.gauge(g);
        }
        if l.one_way {
            leg = leg.one_way();
        }
        for (k, p) in PASSAGES.iter().enumerate() {
            if l.passages & (1 << k) != 0 {
                leg = leg.passage(*p);
            }
        }
        let (ca, cz) = (
            COUNTRIES[usize::from(input.terminals[a].country) % 4],
            COUNTRIES[usize::from(input.terminals[z].country) % 4],
        );
        if ca != cz {
            leg = leg.border(cc(ca), cc(cz));
        }
        legs.push(leg);
    }
    for (i, t) in input.terminals[..n].iter().enumerate() {
        let country = COUNTRIES[usize::from(t.country) % 4];
        let mut term = Terminal::new(
            format!("t{i}"),
            format!("T{i}"),
            cc(country),
            TerminalKind::RailTerminal,
            pos[i].0,
            pos[i].1,
        )
        .source("src");
        for g in &gauges[i] {
            term = term.gauge(*g);
        }
        if let Some((c, h)) = t.handling {
            let c = f64::from(c % 4) * 50.0;
            term = term.handling(Handling::new(
                PerContainer::new(Usd(c), Usd(c)),
                Hours(f64::from(h % 3) * 6.0),
            ));
        }
        b = b.terminal(term);
    }
    for l in legs {
        b = b.leg(l);
    }
    // A network the builder refuses is not interesting here (the
    // network_file target covers validation).
    b.build().ok()
}

/// The request of an input on a network of `n` terminals.
pub fn request(r: &Req, n: usize) -> RouteRequest {
    let t = |x: u8| format!("t{}", usize::from(x) % n);
    let objective = Objective::ALL[usize::from(r.objective) % 5];
    let mut req = RouteRequest::new(t(r.from).as_str(), t(r.to).as_str()).objective(objective);
    if let Some(v) = r.via {
        req = req.via(t(v).as_str());
    }
    for (k, m) in Mode::ALL.iter().enumerate() {
        if r.modes & (1 << k) != 0 {
            req = req.mode(*m);
        }
    }
    for (k, c) in COUNTRIES.iter().enumerate() {
        if r.avoid_countries & (1 << k) != 0 {
            req = req.avoid_country(cc(c));
        }
    }
    for (k, p) in PASSAGES.iter().enumerate() {
        if r.avoid_passages & (1 << k) != 0 {
            req = req.avoid_passage(*p);
        }
    }
    if let Some(a) = r.avoid_terminal {
        req = req.avoid_terminal(t(a).as_str());
    }
    if let Some(m) = r.max_transfers {
        req = req.max_transfers(u32::from(m % 4));
    }
    if r.twenty {
        req = req.container(ContainerSize::Twenty);
    }
    req
}

/// Every constraint of the request and every totals identity.
fn check_route(net: &Network, req: &RouteRequest, route: &Route) -> Result<(), String> {
    invariants::check_route(net, req, route).map_err(|e| format!("{e}: {route:?}"))
}

fn kind(e: &RoutingError) -> &'static str {
    e.kind()
}

/// Decodes `data` and checks every invariant; `Ok` when the bytes make no
/// network or every answer holds.
///
/// # Errors
/// The first invariant broken, in words, with the request.
pub fn run(data: &[u8]) -> Result<(), String> {
    match decode(data) {
        Some(input) => check(&input),
        None => Ok(()),
    }
}

/// The input `data` makes, as libFuzzer's typed targets decode it; `None`
/// when the bytes do not make one.
pub fn decode(data: &[u8]) -> Option<Input> {
    Input::arbitrary_take_rest(Unstructured::new(data)).ok()
}

/// Checks every invariant on a decoded input.
///
/// # Errors
/// As [`run`].
pub fn check(input: &Input) -> Result<(), String> {
    let Some(net) = build(input) else {
        return Ok(());
    };
    let n = net.terminals().len();
    let router = Router::new(net);
    for r in input.requests.iter().take(4) {
        let req = request(r, n);
        check_request(&router, &req, usize::from(r.alternatives % 4))
            .map_err(|e| format!("{e}\nrequest: {req:?}"))?;
    }
    Ok(())
}

fn check_request(router: &Router, req: &RouteRequest, k: usize) -> Result<(), String> {
    let net = router.network();
    let astar = router.best_using(req, Algorithm::AStar);
    let dijkstra = router.best_using(req, Algorithm::Dijkstra);
    match (&astar, &dijkstra) {
        (Ok(a), Ok(d)) => {
            if a.objective_value != d.objective_value {
                return Err(format!(
                    "A* {} vs Dijkstra {}",
                    a.objective_value, d.objective_value
                ));
            }
            check_route(net, req, a)?;
            check_route(net, req, d)?;
        }
        (Err(a), Err(d)) if kind(a) == kind(d) => {}
        _ => {
            return Err(format!(
                "A* and Dijkstra disagree: {astar:?} / {dijkstra:?}"
            ));
        }
    }
    // Alternatives: the first is the best; all respect the constraints.
    match (router.route(&req.clone().alternatives(k)), &astar) {
        (Ok(routes), Ok(best)) => {
            if routes[0].objective_value != best.objective_value || routes.len() > k + 1 {
                return Err(format!(
                    "route with {k} alternatives: first {} of {} routes, best {}",
                    routes[0].objective_value,
                    routes.len(),
                    best.objective_value
                ));
            }
            for x in &routes {
                check_route(net, req, x)?;
                if x.objective_value < best.objective_value {
                    return Err(format!(
                        "alternative {} better than the best {}",
                        x.objective_value, best.objective_value
                    ));
                }
            }
        }
        (Ok(_), Err(e)) => return Err(format!("route found one where best failed ({e})")),
        (Err(e), Ok(_)) => return Err(format!("route failed ({e}) where best succeeded")),
        (Err(_), Err(_)) => {}
    }
    // Pareto: feasible and mutually non-dominated.
    if let Ok(set) = router.pareto(req, ParetoOptions::default()) {
        for a in &set {
            check_route(net, req, a)?;
        }
        invariants::check_pareto_set(&set)?;
    }
    Ok(())
}
