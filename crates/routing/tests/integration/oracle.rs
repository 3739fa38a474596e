//! Deliberately simple reference searches: Bellman–Ford on an explicitly
//! built product graph, and brute-force enumeration of simple paths. They
//! share no code with the router.
//!
//! They follow the router's documented arithmetic (`silkroute_routing::fixed`):
//! every figure rounded to thousandths once, per link, then added exactly.
//! Here the units are integers held in `f64`, exact below 2^53.

use silkroute_core::*;
use silkroute_routing::{Objective, RouteRequest};

/// A request in terms the oracle understands.
#[derive(Debug, Clone)]
pub struct Spec {
    pub origin: usize,
    pub dest: usize,
    pub via: Vec<usize>,
    pub objective: Objective,
    pub vot: f64,
    pub cp: f64,
    pub size: ContainerSize,
    pub modes: Vec<Mode>,
    pub avoid_countries: Vec<CountryCode>,
    pub avoid_passages: Vec<Passage>,
    pub avoid_terminals: Vec<usize>,
    pub max_transfers: Option<u32>,
}

impl Spec {
    pub fn request(&self, net: &Network) -> RouteRequest {
        let id = |t: usize| net.terminals()[t].id.to_string();
        let mut r = RouteRequest::new(id(self.origin).as_str(), id(self.dest).as_str())
            .objective(self.objective)
            .value_of_time(self.vot)
            .carbon_price(self.cp)
            .container(self.size);
        for &v in &self.via {
            r = r.via(id(v).as_str());
        }
        for m in &self.modes {
            r = r.mode(*m);
        }
        for c in &self.avoid_countries {
            r = r.avoid_country(*c);
        }
        for p in &self.avoid_passages {
            r = r.avoid_passage(*p);
        }
        for &t in &self.avoid_terminals {
            r = r.avoid_terminal(id(t));
        }
        if let Some(m) = self.max_transfers {
            r = r.max_transfers(m);
        }
        r
    }
}

/// What the oracle expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    Cost(f64),
    NoRoute,
    Contradictory,
    SameOriginDestination,
}

/// A figure in thousandths, rounded to the nearest (the documented rule).
pub fn units(x: f64) -> f64 {
    (x * 1000.0).round()
}

/// The (km, hours, usd, kg) of a link in thousandths, read straight from
/// the model: a leg's kg is its tank-to-wheel and well-to-tank parts each
/// rounded, a transfer's kg its terminal's hub emissions.
pub fn link_measures(net: &Network, link: &Link, size: ContainerSize) -> [f64; 4] {
    match link.kind {
        LinkKind::Leg { leg, .. } => {
            let l = &net[leg];
            [
                units(l.distance.get()),
                units(l.time.get()) + units(l.wait.get()),
                units(l.cost.get(size).get()),
                units(l.co2e_split.get(size).ttw.get()) + units(l.co2e_split.get(size).wtt.get()),
            ]
        }
        LinkKind::Transfer { terminal } => {
            let t = &net[terminal];
            let h = t.handling.expect("transfers exist only with handling");
            let hub = t.hub_co2e.get(size);
            [
                0.0,
                units(h.time_h.get()),
                units(h.cost_usd.get(size).get()),
                units(hub.ttw.get()) + units(hub.wtt.get()),
            ]
        }
        _ => unreachable!("no other link kinds"),
    }
}

/// The weight of a step in thousandths, from its measures in thousandths:
/// the generalized cost is rounded once per step.
pub fn weigh(spec: &Spec, m: [f64; 4]) -> f64 {
    match spec.objective {
        Objective::Distance => m[0],
        Objective::Time => m[1],
        Objective::Cost => m[2],
        Objective::Co2e => m[3],
        _ => (m[2] + spec.vot * m[1] + spec.cp * m[3] / 1000.0).round(),
    }
}

fn leg_of(link: &Link) -> Option<LegIdx> {
    match link.kind {
        LinkKind::Leg { leg, .. } => Some(leg),
        _ => None,
    }
}

/// Bellman–Ford over (place, stage, transfers, requirements met).
pub fn bellman_ford(net: &Network, spec: &Spec, rule: Option<&CorridorRule>) -> Expect {
    let empty = CorridorRule::default();
    let rule = rule.unwrap_or(&empty);
    // Every endpoint the same terminal: an empty route is an error.
    if spec.origin == spec.dest && spec.via.iter().all(|&v| v == spec.origin) {
        return Expect::SameOriginDestination;
    }
    // Merge the rule into the request.
    let modes: Vec<Mode> = match (spec.modes.is_empty(), rule.modes.is_empty()) {
        (true, _) => rule.modes.clone(),
        (false, true) => spec.modes.clone(),
        (false, false) => {
            let both: Vec<Mode> = spec
                .modes
                .iter()
                .copied()
                .filter(|m| rule.modes.contains(m))
                .collect();
            if both.is_empty() {
                return Expect::Contradictory;
            }
            both
        }
    };
    let mut avoid_c = spec.avoid_countries.clone();
    avoid_c.extend(rule.avoid_countries.iter().copied());
    let mut avoid_p = spec.avoid_passages.clone();
    avoid_p.extend(rule.avoid_passages.iter().copied());
    let mut ends = vec![spec.origin];
    ends.extend(spec.via.iter().copied());
    ends.push(spec.dest);
    for &e in &ends {
        let t = &net.terminals()[e];
        if spec.avoid_terminals.contains(&e) || avoid_c.contains(&t.country) {
            return Expect::Contradictory;
        }
    }
    if rule.require_passages.iter().any(|p| avoid_p.contains(p))
        || rule.require_countries.iter().any(|c| avoid_c.contains(c))
    {
        return Expect::Contradictory;
    }
    // Requirement bits: passages, countries, then one for the tags.
    let np = rule.require_passages.len();
    let nc = rule.require_countries.len();
    let nt = usize::from(!rule.require_tags.is_empty());
    let nbits = np + nc + nt;
    let full = (1u32 << nbits) - 1;
    let country_bits = |c: CountryCode| -> u32 {
        rule.require_countries
            .iter()
            .enumerate()
            .filter(|(_, x)| **x == c)
            .map(|(i, _)| 1u32 << (np + i))
            .sum()
    };
    let link_bits = |link: &Link| -> u32 {
        let Some(leg) = leg_of(link) else { return 0 };
        let l = net.leg_at(leg).expect("index from this network");
        let mut b = 0;
        for (i, p) in rule.require_passages.iter().enumerate() {
            if l.passages.contains(p) {
                b |= 1 << i;
            }
        }
        if nt == 1 && l.corridors.iter().any(|t| rule.require_tags.contains(t)) {
            b |= 1 << (np + nc);
        }
        b
    };
    let term_of = |p: usize| {
        net.place(PlaceIdx::try_from(p).expect("index from this network"))
            .expect("index from this network")
            .terminal
    };
    let place_ok = |p: usize| {
        let t = term_of(p);
        !spec.avoid_terminals.contains(&t.index())
            && !avoid_c.contains(&net.terminal_at(t).expect("index from this network").country)
    };
    let stages = ends.len() - 1;
    let ntr = spec.max_transfers.map(|m| m as usize + 1).unwrap_or(1);
    let nm = 1usize << nbits;
    let np_ = net.place_count();
    let idx = |p: usize, s: usize, t: usize, m: usize| ((p * stages + s) * ntr + t) * nm + m;
    let n = np_ * stages * ntr * nm;
    let mut dist = vec![f64::INFINITY; n];
    for &p in net.places_of(TerminalIdx::try_from(spec.origin).expect("index from this network")) {
        if place_ok(p.index()) {
            let m = country_bits(net.terminals()[spec.origin].country) as usize;
            dist[idx(p.index(), 0, 0, m)] = 0.0;
        }
    }
    // Edges of the product graph.
    let mut edges: Vec<(usize, usize, f64)> = Vec::new();
    for p in 0..np_ {
        if !place_ok(p) {
            continue;
        }
        for s in 0..stages {
            for t in 0..ntr {
                for m in 0..nm {
                    let from = idx(p, s, t, m);
                    if s + 1 < stages && term_of(p).index() == ends[s + 1] {
                        edges.push((from, idx(p, s + 1, t, m), 0.0));
                    }
                    for link in
                        net.outgoing(PlaceIdx::try_from(p).expect("index from this network"))
                    {
                        let q = link.to.index();
                        if !place_ok(q) {
                            continue;
                        }
                        let mut nt_ = t;
                        match link.kind {
                            LinkKind::Leg { leg, .. } => {
                                let l = net.leg_at(leg).expect("index from this network");
                                if !modes.is_empty() && !modes.contains(&l.mode) {
                                    continue;
                                }
                                if l.passages.iter().any(|x| avoid_p.contains(x)) {
                                    continue;
                                }
                            }
                            _ => {
                                if let Some(max) = spec.max_transfers {
                                    if t as u32 + 1 > max {
                                        continue;
                                    }
                                    nt_ = t + 1;
                                }
                            }
                        }
                        let nmask = m as u32
                            | link_bits(link)
                            | country_bits(
                                net.terminal_at(term_of(q))
                                    .expect("index from this network")
                                    .country,
                            );
                        let w = weigh(spec, link_measures(net, link, spec.size));
                        edges.push((from, idx(q, s, nt_, nmask as usize), w));
                    }
                }
            }
        }
    }
    for _ in 0..n {
        let mut changed = false;
        for &(a, b, w) in &edges {
            if dist[a] + w < dist[b] {
                dist[b] = dist[a] + w;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut best = f64::INFINITY;
    for &p in net.places_of(TerminalIdx::try_from(spec.dest).expect("index from this network")) {
        for t in 0..ntr {
            best = best.min(dist[idx(p.index(), stages - 1, t, full as usize)]);
        }
    }
    if best.is_finite() {
        Expect::Cost(best / 1000.0)
    } else {
        Expect::NoRoute
    }
}

/// Every criteria vector (usd, hours, kg, in thousandths) of a simple path
/// from origin to destination satisfying the spec's filters (no waypoints),
/// reduced to the non-dominated ones, sorted.
pub fn pareto_brute_force(net: &Network, spec: &Spec) -> Vec<[f64; 3]> {
    let mut all: Vec<[f64; 3]> = Vec::new();
    let ok_place = |p: PlaceIdx| {
        let t = net.place(p).expect("index from this network").terminal;
        !spec.avoid_terminals.contains(&t.index())
            && !spec
                .avoid_countries
                .contains(&net.terminal_at(t).expect("index from this network").country)
    };
    // The recursion's whole state is in its arguments; that is the point of
    // a deliberately plain oracle.
    #[allow(clippy::too_many_arguments)]
    fn dfs(
        net: &Network,
        spec: &Spec,
        p: PlaceIdx,
        on: &mut Vec<bool>,
        acc: [f64; 3],
        transfers: u32,
        all: &mut Vec<[f64; 3]>,
        ok_place: &dyn Fn(PlaceIdx) -> bool,
    ) {
        if net
            .place(p)
            .expect("index from this network")
            .terminal
            .index()
            == spec.dest
        {
            all.push(acc);
            return;
        }
        for link in net.outgoing(p) {
            let q = link.to;
            if on[q.index()] || !ok_place(q) {
                continue;
            }
            let mut tr = transfers;
            match link.kind {
                LinkKind::Leg { leg, .. } => {
                    let l = net.leg_at(leg).expect("index from this network");
                    if !spec.modes.is_empty() && !spec.modes.contains(&l.mode) {
                        continue;
                    }
                    if l.passages.iter().any(|x| spec.avoid_passages.contains(x)) {
                        continue;
                    }
                }
                _ => {
                    tr += 1;
                    if spec.max_transfers.is_some_and(|m| tr > m) {
                        continue;
                    }
                }
            }
            let m = link_measures(net, link, spec.size);
            on[q.index()] = true;
            dfs(
                net,
                spec,
                q,
                on,
                [acc[0] + m[2], acc[1] + m[1], acc[2] + m[3]],
                tr,
                all,
                ok_place,
            );
            on[q.index()] = false;
        }
    }
    let mut on = vec![false; net.place_count()];
    for &p in net.places_of(TerminalIdx::try_from(spec.origin).expect("index from this network")) {
        if ok_place(p) {
            on[p.index()] = true;
            dfs(net, spec, p, &mut on, [0.0; 3], 0, &mut all, &ok_place);
            on[p.index()] = false;
        }
    }
    let dominated =
        |a: &[f64; 3], b: &[f64; 3]| a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2] && a != b;
    let mut front: Vec<[f64; 3]> = all
        .iter()
        .copied()
        .filter(|v| !all.iter().any(|o| dominated(o, v)))
        .collect();
    front.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
    front.dedup();
    front
}
