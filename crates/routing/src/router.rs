//! The router: a compact copy of the virtual network, and the compilation
//! of a request into per-query link weights, filters and requirements.

use crate::error::RoutingError;
use crate::objective::{
    DEFAULT_CARBON_PRICE, DEFAULT_VALUE_OF_TIME, Measures, Objective, Weigh, Weighting,
};
use crate::request::{Endpoint, RouteRequest};
use silkroute_core::{
    ContainerSize, CorridorRule, CountryCode, Km, LegIdx, LinkKind, Mode, Network, Passage,
    PlaceIdx, TerminalIdx, great_circle,
};
use std::sync::Arc;

/// Limits that keep one request from exhausting memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RouterLimits {
    /// Most alternatives one request may ask for (default 20).
    pub max_alternatives: usize,
    /// Most waypoints (default 16).
    pub max_via: usize,
    /// Most search states (places × stages × transfer counts × requirement
    /// combinations) of one search (default 4,000,000: about 100 MB of
    /// search memory per thread).
    pub max_states: u64,
    /// Most labels a Pareto search may create (default 500,000).
    pub max_pareto_labels: usize,
    /// Most origin–destination pairs of one matrix (origins × destinations,
    /// default 100,000), checked by [`Router::try_matrix`].
    pub max_matrix_pairs: usize,
}

impl Default for RouterLimits {
    fn default() -> Self {
        RouterLimits {
            max_alternatives: 20,
            max_via: 16,
            max_states: 4_000_000,
            max_pareto_labels: 500_000,
            max_matrix_pairs: 100_000,
        }
    }
}

impl RouterLimits {
    /// Sets the alternatives limit.
    pub fn max_alternatives(mut self, n: usize) -> Self {
        self.max_alternatives = n;
        self
    }
    /// Sets the waypoint limit.
    pub fn max_via(mut self, n: usize) -> Self {
        self.max_via = n;
        self
    }
    /// Sets the search-state limit.
    pub fn max_states(mut self, n: u64) -> Self {
        self.max_states = n;
        self
    }
    /// Sets the Pareto label limit.
    pub fn max_pareto_labels(mut self, n: usize) -> Self {
        self.max_pareto_labels = n;
        self
    }
    /// Sets the matrix pair limit.
    pub fn max_matrix_pairs(mut self, n: usize) -> Self {
        self.max_matrix_pairs = n;
        self
    }
}

/// Longest name (bytes) for which "did you mean" suggestions are computed.
const MAX_SUGGEST_QUERY: usize = 256;

/// One link of the compact graph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CLink {
    pub from: u32,
    pub to: u32,
    pub kind: LinkKind,
}

impl CLink {
    pub(crate) fn leg(&self) -> Option<LegIdx> {
        match self.kind {
            LinkKind::Leg { leg, .. } => Some(leg),
            _ => None,
        }
    }
}

/// Routes containers over a [`Network`].
///
/// Building a router copies the virtual network into compact arrays once;
/// the router is then immutable, `Send + Sync`, and answers any number of
/// queries from any number of threads.
///
/// ```
/// use silkroute_routing::{Objective, RouteRequest, Router};
/// let router = Router::new(silkroute_core::Network::eurasia());
/// let route = router.best(&RouteRequest::new("Xi'an", "Duisburg").objective(Objective::Time))?;
/// assert!(route.totals.time.get() > 24.0 * 5.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Router {
    pub(crate) net: Arc<Network>,
    pub(crate) limits: RouterLimits,
    /// CSR: links of place `p` are `links[first[p]..first[p + 1]]`.
    pub(crate) first: Vec<u32>,
    pub(crate) links: Vec<CLink>,
    pub(crate) place_terminal: Vec<u32>,
    /// Measures per link, per container size (index 0: 20ft, 1: 40ft).
    pub(crate) measures: [Vec<Measures>; 2],
    /// Great-circle km between the terminals at the ends of each link.
    pub(crate) link_gc: Vec<f64>,
    /// Every corridor tag carried by a leg.
    pub(crate) tags: Vec<String>,
    /// Terminal positions as 3-D points on a sphere of the Earth's radius (km).
    pub(crate) xyz: Vec<[f64; 3]>,
    /// Tables of unrestricted queries, per objective (default parameters)
    /// and container size, shared by every such query.
    pub(crate) base: Vec<Arc<Tables>>,
}

/// Straight-line distance between two 3-D points, km.
#[inline]
pub(crate) fn chord(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let (x, y, z) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    (x * x + y * y + z * z).sqrt()
}

fn sphere_point(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    let r = silkroute_core::EARTH_RADIUS_KM;
    [
        r * la.cos() * lo.cos(),
        r * la.cos() * lo.sin(),
        r * la.sin(),
    ]
}

pub(crate) fn size_index(size: ContainerSize) -> usize {
    match size {
        ContainerSize::Twenty => 0,
        _ => 1,
    }
}

impl Router {
    /// Builds a router over a network.
    pub fn new(network: impl Into<Arc<Network>>) -> Router {
        Self::with_limits(network, RouterLimits::default())
    }

    /// Builds a router with explicit limits.
    pub fn with_limits(network: impl Into<Arc<Network>>, limits: RouterLimits) -> Router {
        let net: Arc<Network> = network.into();
        let n = net.place_count();
        let mut first = Vec::with_capacity(n + 1);
        let mut links = Vec::with_capacity(net.link_count());
        for p in 0..n {
            first.push(links.len() as u32);
            for l in net.outgoing(PlaceIdx::try_from(p).expect("index from this network")) {
                links.push(CLink {
                    from: p as u32,
                    to: l.to.index() as u32,
                    kind: l.kind,
                });
            }
        }
        first.push(links.len() as u32);
        let place_terminal: Vec<u32> = (0..n)
            .map(|p| {
                net.place(PlaceIdx::try_from(p).expect("index from this network"))
                    .expect("index from this network")
                    .terminal
                    .index() as u32
            })
            .collect();
        let mut measures = [
            Vec::with_capacity(links.len()),
            Vec::with_capacity(links.len()),
        ];
        let mut link_gc = Vec::with_capacity(links.len());
        for l in &links {
            for (k, size) in [ContainerSize::Twenty, ContainerSize::Forty]
                .into_iter()
                .enumerate()
            {
                measures[k].push(match l.kind {
                    LinkKind::Leg { leg, .. } => {
                        Measures::of_leg(net.leg_at(leg).expect("index from this network"), size)
                    }
                    LinkKind::Transfer { terminal } => net
                        .terminal_at(terminal)
                        .expect("index from this network")
                        .handling
                        .map(|h| Measures::of_transfer(&h, size))
                        .unwrap_or_default(),
                    _ => Measures::default(),
                });
            }
            let a = net
                .terminal_at(
                    TerminalIdx::try_from(place_terminal[l.from as usize] as usize)
                        .expect("index from this network"),
                )
                .expect("index from this network");
            let b = net
                .terminal_at(
                    TerminalIdx::try_from(place_terminal[l.to as usize] as usize)
                        .expect("index from this network"),
                )
                .expect("index from this network");
            link_gc.push(great_circle(a.lat, a.lon, b.lat, b.lon).0);
        }
        let mut tags: Vec<String> = net
            .legs()
            .iter()
            .flat_map(|l| l.corridors.iter().cloned())
            .collect();
        tags.sort();
        tags.dedup();
        let xyz = net
            .terminals()
            .iter()
            .map(|t| sphere_point(t.lat, t.lon))
            .collect();
        let mut router = Router {
            base: Vec::new(),
            xyz,
            net,
            limits,
            first,
            links,
            place_terminal,
            measures,
            link_gc,
            tags,
        };
        let mut base = Vec::with_capacity(Objective::ALL.len() * 2);
        for objective in Objective::ALL {
            for si in 0..2 {
                let weighting = Weighting {
                    objective,
                    value_of_time: DEFAULT_VALUE_OF_TIME,
                    carbon_price: DEFAULT_CARBON_PRICE,
                };
                let none = Filters {
                    modes: &[],
                    avoid_countries: &[],
                    avoid_passages: &[],
                    avoid_tags: &[],
                    avoid_terminal: &[],
                    avoid_leg: &[],
                    requirements: &[],
                };
                debug_assert_eq!(base.len(), base_index(objective, si));
                base.push(Arc::new(router.tables(&weighting, si, &none)));
            }
        }
        router.base = base;
        router
    }

    /// The network routed on.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// The shared network.
    pub fn network_arc(&self) -> &Arc<Network> {
        &self.net
    }

    /// The limits in force.
    pub fn limits(&self) -> RouterLimits {
        self.limits
    }

    /// Checks a matrix of `origins` × `destinations` pairs against
    /// [`RouterLimits::max_matrix_pairs`] before any work is done.
    ///
    /// # Errors
    /// [`RoutingError::TooLarge`] naming the limit.
    pub fn check_matrix_size(
        &self,
        origins: usize,
        destinations: usize,
    ) -> Result<(), RoutingError> {
        let pairs = (origins as u64).saturating_mul(destinations as u64);
        if pairs > self.limits.max_matrix_pairs as u64 {
            return Err(RoutingError::TooLarge {
                what: "the number of matrix pairs (origins × destinations)",
                found: pairs,
                limit: self.limits.max_matrix_pairs as u64,
                hint: Some(
                    "split the matrix, or raise RouterLimits::max_matrix_pairs (CLI: --max-pairs)",
                ),
            });
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn out_links(&self, place: u32) -> std::ops::Range<usize> {
        self.first[place as usize] as usize..self.first[place as usize + 1] as usize
    }

    pub(crate) fn terminal_of_place(&self, place: u32) -> TerminalIdx {
        TerminalIdx::try_from(self.place_terminal[place as usize] as usize)
            .expect("index from this network")
    }

    #[allow(dead_code)]
    pub(crate) fn gc_terminals(&self, a: TerminalIdx, b: TerminalIdx) -> f64 {
        let (a, b) = (
            self.net.terminal_at(a).expect("index from this network"),
            self.net.terminal_at(b).expect("index from this network"),
        );
        great_circle(a.lat, a.lon, b.lat, b.lon).0
    }
}

/// How an endpoint given as a position was snapped to a terminal.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Snap {
    /// The position given.
    pub lat: f64,
    /// The position given.
    pub lon: f64,
    /// The terminal chosen.
    pub terminal: TerminalIdx,
    /// Great-circle distance from the position to the terminal.
    pub distance: Km,
}

/// A condition a route must meet somewhere along its way.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Requirement {
    Passage(Passage),
    Country(CountryCode),
    AnyTag(Vec<String>),
}

impl Requirement {
    pub(crate) fn describe(&self) -> String {
        match self {
            Requirement::Passage(p) => format!("passes {p}"),
            Requirement::Country(c) => format!("crosses {c}"),
            Requirement::AnyTag(t) => format!("uses a leg tagged {}", or_list(t)),
        }
    }
}

/// Joins items as "A", "A or B", "A, B or C".
pub(crate) fn or_list<T: std::fmt::Display>(items: &[T]) -> String {
    let s: Vec<String> = items.iter().map(|i| i.to_string()).collect();
    match s.len() {
        0 => String::new(),
        1 => s[0].clone(),
        n => format!("{} or {}", s[..n - 1].join(", "), s[n - 1]),
    }
}

/// What restricts a query, for building its [`Tables`].
pub(crate) struct Filters<'a> {
    modes: &'a [Mode],
    avoid_countries: &'a [CountryCode],
    avoid_passages: &'a [Passage],
    avoid_tags: &'a [String],
    avoid_terminal: &'a [bool],
    avoid_leg: &'a [bool],
    requirements: &'a [Requirement],
}

/// Per-link and per-place tables of a query: which may be used, what they
/// weigh, which requirement bits they set, and the A* rate.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    pub link_ok: Vec<bool>,
    pub link_w: Vec<f64>,
    pub link_req: Vec<u32>,
    pub place_ok: Vec<bool>,
    pub place_req: Vec<u32>,
    /// Lower bound of the objective per great-circle km (A*).
    pub lb_rate: f64,
}

fn base_index(objective: Objective, si: usize) -> usize {
    let o = Objective::ALL
        .iter()
        .position(|x| *x == objective)
        .unwrap_or(0);
    o * 2 + si
}

impl Router {
    /// Builds the tables of a query.
    fn tables(&self, weighting: &Weighting, si: usize, f: &Filters<'_>) -> Tables {
        let net = &*self.net;
        let n_places = net.place_count();
        let mut place_ok = vec![true; n_places];
        let mut place_req = vec![0u32; n_places];
        for p in 0..n_places {
            let t = self.terminal_of_place(p as u32);
            let term = net.terminal_at(t).expect("index from this network");
            if f.avoid_terminal.get(t.index()).copied().unwrap_or(false)
                || f.avoid_countries.contains(&term.country)
            {
                place_ok[p] = false;
            }
            for (bit, r) in f.requirements.iter().enumerate() {
                if let Requirement::Country(c) = r {
                    if *c == term.country {
                        place_req[p] |= 1 << bit;
                    }
                }
            }
        }
        let mut link_ok = vec![true; self.links.len()];
        let mut link_w = vec![0.0; self.links.len()];
        let mut link_req = vec![0u32; self.links.len()];
        let mut lb_rate = f64::INFINITY;
        for (i, l) in self.links.iter().enumerate() {
            let w = weighting.weigh(&self.measures[si][i]);
            link_w[i] = w;
            let mut ok = place_ok[l.to as usize] && place_ok[l.from as usize];
            if let Some(leg) = l.leg() {
                let leg_data = net.leg_at(leg).expect("index from this network");
                if (!f.modes.is_empty() && !f.modes.contains(&leg_data.mode))
                    || f.avoid_leg.get(leg.index()).copied().unwrap_or(false)
                    || leg_data
                        .passages
                        .iter()
                        .any(|p| f.avoid_passages.contains(p))
                    || leg_data.corridors.iter().any(|t| f.avoid_tags.contains(t))
                {
                    ok = false;
                }
                for (bit, r) in f.requirements.iter().enumerate() {
                    let hit = match r {
                        Requirement::Passage(p) => leg_data.passages.contains(p),
                        Requirement::AnyTag(tags) => {
                            leg_data.corridors.iter().any(|t| tags.contains(t))
                        }
                        Requirement::Country(_) => false,
                    };
                    if hit {
                        link_req[i] |= 1 << bit;
                    }
                }
                if ok && self.link_gc[i] > 0.0 {
                    lb_rate = lb_rate.min(w / self.link_gc[i]);
                }
            }
            link_ok[i] = ok;
        }
        if !lb_rate.is_finite() {
            lb_rate = 0.0;
        }
        // Guard against rounding: a bound a hair too high would break optimality.
        lb_rate *= 1.0 - 1e-9;
        Tables {
            link_ok,
            link_w,
            link_req,
            place_ok,
            place_req,
            lb_rate,
        }
    }
}

/// A request compiled against a router: everything the searches need.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    pub endpoints: Vec<TerminalIdx>,
    pub snaps: Vec<Option<Snap>>,
    pub weighting: Weighting,
    pub size: ContainerSize,
    /// Filters, weights and requirement bits of links and places.
    pub tables: Arc<Tables>,
    pub requirements: Vec<Requirement>,
    pub full_mask: u32,
    pub n_masks: u32,
    pub n_stages: u32,
    pub n_tr: u32,
    pub max_transfers: Option<u32>,
    /// `rest[s]`: chord km from endpoint `s` through the later endpoints.
    pub rest: Vec<f64>,
    /// Positions of the endpoints (3-D, km), for the A* bound.
    pub endpoint_xyz: Vec<[f64; 3]>,
    // What the request restricted, for explanations.
    pub modes: Vec<Mode>,
    pub avoid_countries: Vec<CountryCode>,
    pub avoid_passages: Vec<Passage>,
    pub avoided_names: Vec<String>,
}

impl Query {
    pub(crate) fn n_states(&self, n_places: usize) -> u64 {
        n_places as u64 * self.n_stages as u64 * self.n_tr as u64 * self.n_masks as u64
    }

    #[inline]
    pub(crate) fn state(&self, place: u32, stage: u32, tr: u32, mask: u32) -> u32 {
        ((place * self.n_stages + stage) * self.n_tr + tr) * self.n_masks + mask
    }

    #[inline]
    pub(crate) fn decode(&self, s: u32) -> (u32, u32, u32, u32) {
        // Most queries have one stage, no transfer limit and no requirement:
        // then a state is a place, and the divisions can be skipped.
        if self.n_masks == 1 && self.n_tr == 1 && self.n_stages == 1 {
            return (s, 0, 0, 0);
        }
        let mask = s % self.n_masks;
        let r = s / self.n_masks;
        let tr = r % self.n_tr;
        let r = r / self.n_tr;
        (r / self.n_stages, r % self.n_stages, tr, mask)
    }

    /// Admissible lower bound of the remaining objective from a terminal
    /// at position `xyz` at a stage: the straight-line (chord) distance
    /// through the remaining endpoints times the smallest objective per
    /// great-circle km of any allowed leg. A chord is never longer than the
    /// great-circle arc and obeys the triangle inequality, so the bound is
    /// admissible and consistent, and costs a square root instead of
    /// trigonometry.
    #[inline]
    pub(crate) fn heuristic(&self, xyz: &[f64; 3], stage: u32) -> f64 {
        let next = stage as usize + 1;
        self.tables.lb_rate * (chord(xyz, &self.endpoint_xyz[next]) + self.rest[next])
    }
}

fn check_number(field: &'static str, v: f64, max: f64) -> Result<(), RoutingError> {
    if !v.is_finite() || v < 0.0 || v > max {
        return Err(RoutingError::InvalidNumber {
            field,
            value: v.to_string(),
            reason: format!("expected a finite number between 0 and {max}"),
        });
    }
    Ok(())
}

impl Router {
    /// Resolves an endpoint to a terminal.
    pub(crate) fn resolve_endpoint(
        &self,
        e: &Endpoint,
    ) -> Result<(TerminalIdx, Option<Snap>), RoutingError> {
        match e {
            Endpoint::Terminal(q) => Ok((self.net.find_idx(q)?, None)),
            Endpoint::Position { lat, lon } => {
                let input = format!("{lat},{lon}");
                if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0)
                {
                    return Err(RoutingError::BadPosition {
                        input,
                        reason:
                            "latitude must be within [-90, 90] and longitude within [-180, 180]"
                                .into(),
                    });
                }
                // A suitable terminal is one that some leg serves.
                let (t, d) = self
                    .net
                    .nearest(*lat, *lon, |t| {
                        self.net
                            .terminal_idx(t.id.as_str())
                            .is_some_and(|i| !self.net.places_of(i).is_empty())
                    })
                    .ok_or_else(|| RoutingError::BadPosition {
                        input,
                        reason: "the network has no terminal served by a leg".into(),
                    })?;
                let idx = self.net.terminal_idx(t.id.as_str()).ok_or_else(|| {
                    RoutingError::BadPosition {
                        input: format!("{lat},{lon}"),
                        reason: "internal index mismatch".into(),
                    }
                })?;
                Ok((
                    idx,
                    Some(Snap {
                        lat: *lat,
                        lon: *lon,
                        terminal: idx,
                        distance: d,
                    }),
                ))
            }
        }
    }

    /// Compiles a request, optionally intersected with a corridor rule.
    pub(crate) fn compile(
        &self,
        req: &RouteRequest,
        rule: Option<&CorridorRule>,
    ) -> Result<Query, RoutingError> {
        let net = &*self.net;
        check_number("value of time (USD per hour)", req.value_of_time, 1e6)?;
        check_number("carbon price (USD per tonne)", req.carbon_price, 1e6)?;
        if req.via.len() > self.limits.max_via {
            return Err(RoutingError::TooLarge {
                what: "the number of waypoints",
                found: req.via.len() as u64,
                limit: self.limits.max_via as u64,
                hint: Some("raise RouterLimits::max_via"),
            });
        }
        if req.alternatives > self.limits.max_alternatives {
            return Err(RoutingError::TooLarge {
                what: "the number of alternatives",
                found: req.alternatives as u64,
                limit: self.limits.max_alternatives as u64,
                hint: Some("ask for fewer, or raise RouterLimits::max_alternatives"),
            });
        }
        // Endpoints.
        let mut endpoints = Vec::new();
        let mut snaps = Vec::new();
        for e in std::iter::once(&req.from)
            .chain(&req.via)
            .chain(std::iter::once(&req.to))
        {
            let (t, s) = self.resolve_endpoint(e)?;
            endpoints.push(t);
            snaps.push(s);
        }
        let o = endpoints[0];
        // Every endpoint the same terminal (`X via X to X` included) would be
        // an empty route: an error, not a route of no legs.
        if endpoints.iter().all(|&e| e == o) {
            return Err(RoutingError::SameOriginDestination {
                terminal: net
                    .terminal_at(o)
                    .expect("index from this network")
                    .name
                    .clone(),
            });
        }
        // Modes.
        let mut modes: Vec<Mode> = Vec::new();
        for m in &req.modes {
            for part in m.split(',').filter(|s| !s.trim().is_empty()) {
                let mode: Mode = part.parse().map_err(|e: silkroute_core::UnknownName| {
                    RoutingError::UnknownName {
                        what: "mode",
                        value: e.value,
                        expected: e.expected.iter().map(|s| s.to_string()).collect(),
                    }
                })?;
                if !modes.contains(&mode) {
                    modes.push(mode);
                }
            }
        }
        if let Some(rule) = rule {
            if !rule.modes.is_empty() {
                if modes.is_empty() {
                    modes = rule.modes.clone();
                } else {
                    let both: Vec<Mode> = modes
                        .iter()
                        .copied()
                        .filter(|m| rule.modes.contains(m))
                        .collect();
                    if both.is_empty() {
                        return Err(RoutingError::Contradictory {
                            reason: format!(
                                "the corridor allows only {} but the request allows only {}",
                                or_list(&rule.modes),
                                or_list(&modes)
                            ),
                        });
                    }
                    modes = both;
                }
            }
        }
        // Countries.
        let mut avoid_countries: Vec<CountryCode> = Vec::new();
        for c in &req.avoid_countries {
            for part in c.split(',').filter(|s| !s.trim().is_empty()) {
                let code: CountryCode = part.parse().map_err(|_| RoutingError::UnknownCountry {
                    code: part.trim().to_string(),
                })?;
                if !avoid_countries.contains(&code) {
                    avoid_countries.push(code);
                }
            }
        }
        if let Some(rule) = rule {
            for c in &rule.avoid_countries {
                if !avoid_countries.contains(c) {
                    avoid_countries.push(*c);
                }
            }
        }
        // Passages.
        let mut avoid_passages: Vec<Passage> = Vec::new();
        for p in &req.avoid_passages {
            for part in p.split(',').filter(|s| !s.trim().is_empty()) {
                let passage: Passage = part.parse().map_err(|e: silkroute_core::UnknownName| {
                    RoutingError::UnknownName {
                        what: "passage",
                        value: e.value,
                        expected: e.expected.iter().map(|s| s.to_string()).collect(),
                    }
                })?;
                if !avoid_passages.contains(&passage) {
                    avoid_passages.push(passage);
                }
            }
        }
        if let Some(rule) = rule {
            for p in &rule.avoid_passages {
                if !avoid_passages.contains(p) {
                    avoid_passages.push(*p);
                }
            }
        }
        // Terminals, legs and corridors to avoid.
        let mut avoid_terminal = vec![false; net.terminals().len()];
        let mut avoided_names = Vec::new();
        for q in &req.avoid_terminals {
            for part in q.split(',').filter(|s| !s.trim().is_empty()) {
                let t = net.find_idx(part.trim())?;
                avoid_terminal[t.index()] = true;
                avoided_names.push(
                    net.terminal_at(t)
                        .expect("index from this network")
                        .name
                        .clone(),
                );
            }
        }
        let mut avoid_leg = vec![false; net.legs().len()];
        for q in &req.avoid_legs {
            for part in q.split(',').filter(|s| !s.trim().is_empty()) {
                let part = part.trim();
                match net.leg_idx(part) {
                    Some(l) => {
                        avoid_leg[l.index()] = true;
                        avoided_names.push(format!("leg {part}"));
                    }
                    None => {
                        // No fuzzy matching for absurdly long input (its cost
                        // grows with the length).
                        let mut close: Vec<(f64, &str)> = net
                            .legs()
                            .iter()
                            .filter(|_| part.len() <= MAX_SUGGEST_QUERY)
                            .map(|l| (strsim::jaro_winkler(part, l.id.as_str()), l.id.as_str()))
                            .filter(|(s, _)| *s > 0.8)
                            .collect();
                        close.sort_by(|a, b| b.0.total_cmp(&a.0));
                        return Err(RoutingError::UnknownLeg {
                            id: part.to_string(),
                            suggestions: close.iter().take(3).map(|(_, s)| s.to_string()).collect(),
                        });
                    }
                }
            }
        }
        let mut avoid_tags: Vec<String> = Vec::new();
        for q in &req.avoid_corridors {
            for part in q.split(',').filter(|s| !s.trim().is_empty()) {
                let part = part.trim();
                let known = self.tags.iter().any(|t| t == part)
                    || net.corridors().iter().any(|c| c.id.as_str() == part);
                if !known {
                    let mut names: Vec<&str> = self.tags.iter().map(String::as_str).collect();
                    names.extend(net.corridors().iter().map(|c| c.id.as_str()));
                    let mut close: Vec<(f64, &str)> = names
                        .into_iter()
                        .filter(|_| part.len() <= MAX_SUGGEST_QUERY)
                        .map(|n| (strsim::jaro_winkler(part, n), n))
                        .filter(|(s, _)| *s > 0.75)
                        .collect();
                    close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
                    close.dedup_by(|a, b| a.1 == b.1);
                    return Err(RoutingError::UnknownCorridor {
                        name: part.to_string(),
                        suggestions: close.iter().take(3).map(|(_, s)| s.to_string()).collect(),
                    });
                }
                avoid_tags.push(part.to_string());
                avoided_names.push(format!("corridor {part}"));
            }
        }
        // Contradictions between endpoints and avoidances.
        for (k, &t) in endpoints.iter().enumerate() {
            let term = net.terminal_at(t).expect("index from this network");
            let role = if k == 0 {
                "the origin"
            } else if k == endpoints.len() - 1 {
                "the destination"
            } else {
                "a waypoint"
            };
            if avoid_terminal[t.index()] {
                return Err(RoutingError::Contradictory {
                    reason: format!("{} is {role} and also avoided", term.name),
                });
            }
            if avoid_countries.contains(&term.country) {
                let by_request = req
                    .avoid_countries
                    .iter()
                    .flat_map(|c| c.split(','))
                    .any(|c| c.trim().eq_ignore_ascii_case(term.country.as_str()));
                let reason = if by_request {
                    format!(
                        "{} is {role} but its country {} is avoided",
                        term.name, term.country
                    )
                } else {
                    format!(
                        "the corridor keeps out of {}, the country of {} ({role})",
                        term.country, term.name
                    )
                };
                return Err(RoutingError::Contradictory { reason });
            }
        }
        // Requirements.
        let mut requirements = Vec::new();
        if let Some(rule) = rule {
            for p in &rule.require_passages {
                if avoid_passages.contains(p) {
                    return Err(RoutingError::Contradictory {
                        reason: format!(
                            "the corridor requires passing {p}, which the request avoids"
                        ),
                    });
                }
                requirements.push(Requirement::Passage(*p));
            }
            for c in &rule.require_countries {
                if avoid_countries.contains(c) {
                    return Err(RoutingError::Contradictory {
                        reason: format!("the corridor crosses {c}, which the request avoids"),
                    });
                }
                requirements.push(Requirement::Country(*c));
            }
            if !rule.require_tags.is_empty() {
                requirements.push(Requirement::AnyTag(rule.require_tags.clone()));
            }
        }
        if requirements.len() > 12 {
            return Err(RoutingError::TooLarge {
                what: "the number of route requirements",
                found: requirements.len() as u64,
                limit: 12,
                hint: None,
            });
        }
        let n_masks = 1u32 << requirements.len();
        let full_mask = n_masks - 1;

        // Per-place and per-link tables: shared, precomputed ones when the
        // request restricts nothing, else built for this query.
        let weighting = Weighting {
            objective: req.objective,
            value_of_time: req.value_of_time,
            carbon_price: req.carbon_price,
        };
        let si = size_index(req.container);
        let unrestricted = modes.is_empty()
            && avoid_countries.is_empty()
            && avoid_passages.is_empty()
            && avoid_tags.is_empty()
            && requirements.is_empty()
            && !avoid_terminal.contains(&true)
            && !avoid_leg.contains(&true)
            && (req.objective != Objective::Generalized
                || (req.value_of_time == DEFAULT_VALUE_OF_TIME
                    && req.carbon_price == DEFAULT_CARBON_PRICE));
        let tables = if unrestricted {
            self.base[base_index(req.objective, si)].clone()
        } else {
            Arc::new(self.tables(
                &weighting,
                si,
                &Filters {
                    modes: &modes,
                    avoid_countries: &avoid_countries,
                    avoid_passages: &avoid_passages,
                    avoid_tags: &avoid_tags,
                    avoid_terminal: &avoid_terminal,
                    avoid_leg: &avoid_leg,
                    requirements: &requirements,
                },
            ))
        };
        let n_places = net.place_count();
        let n_stages = (endpoints.len() - 1) as u32;
        let max_transfers = req.max_transfers;
        let n_tr = match max_transfers {
            Some(m) if (m as usize) < n_places => m + 1,
            _ => 1,
        };
        let max_transfers = if n_tr == 1 && max_transfers != Some(0) {
            None
        } else {
            max_transfers
        };
        let mut rest = vec![0.0; endpoints.len() + 1];
        for s in (0..endpoints.len().saturating_sub(1)).rev() {
            rest[s] = rest[s + 1]
                + chord(
                    &self.xyz[endpoints[s].index()],
                    &self.xyz[endpoints[s + 1].index()],
                );
        }
        let mut endpoint_xyz: Vec<[f64; 3]> =
            endpoints.iter().map(|e| self.xyz[e.index()]).collect();
        endpoint_xyz.push([0.0; 3]);
        let q = Query {
            endpoints,
            snaps,
            weighting,
            size: req.container,
            tables,
            requirements,
            full_mask,
            n_masks,
            n_stages,
            n_tr,
            max_transfers,
            rest,
            endpoint_xyz,
            modes,
            avoid_countries,
            avoid_passages,
            avoided_names,
        };
        let states = q.n_states(n_places);
        if states > self.limits.max_states || states > u32::MAX as u64 / 2 {
            return Err(RoutingError::TooLarge {
                what: "the search space (states)",
                found: states,
                limit: self.limits.max_states,
                hint: Some(
                    "use fewer waypoints, a lower --max-transfers, or raise RouterLimits::max_states",
                ),
            });
        }
        Ok(q)
    }
}

impl Objective {
    /// Whether the objective's unit is money (used for display).
    pub fn is_monetary(self) -> bool {
        matches!(self, Objective::Cost | Objective::Generalized)
    }
}
