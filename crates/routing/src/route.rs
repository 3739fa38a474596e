//! Routes: the itinerary a search returns, leg by leg, with totals.

use crate::fixed::{from_units, to_units};
use crate::graph::{Graph, size_index};
use crate::objective::Objective;
use crate::query::{Query, Snap};
use crate::search::StatePath;
use silkroute_core::{
    ContainerSize, Corridor, CorridorId, CountryCode, EmissionFactorId, Gauge, Hours, KgCo2e, Km,
    Layer, LegId, LinkKind, Mode, Network, Passage, SourceId, TerminalId, TerminalIdx, Usd,
};

/// The share of a route's distance that must lie on a corridor's tagged
/// legs for the route to be labelled with that corridor (see
/// [`Route::mostly_on`]).
pub const MIN_CORRIDOR_SHARE: f64 = 0.2;

/// A terminal as it appears in a route.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Stop {
    /// Position in the network.
    pub idx: TerminalIdx,
    /// Stable id.
    pub id: TerminalId,
    /// Display name.
    pub name: String,
    /// Country.
    pub country: CountryCode,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

impl Stop {
    pub(crate) fn of(net: &Network, idx: TerminalIdx) -> Stop {
        let t = &net[idx];
        Stop {
            idx,
            id: t.id.clone(),
            name: t.name.clone(),
            country: t.country,
            lat: t.lat,
            lon: t.lon,
        }
    }
}

/// One leg of a route, in the direction travelled.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RouteLeg {
    /// The leg's id in the network.
    pub leg: LegId,
    /// Where this part starts.
    pub from: Stop,
    /// Where it ends.
    pub to: Stop,
    /// The mode.
    pub mode: Mode,
    /// Rail gauge, for rail.
    pub gauge: Option<Gauge>,
    /// Distance.
    pub distance: Km,
    /// Moving time.
    pub time: Hours,
    /// Expected waiting time.
    pub wait: Hours,
    /// Cost for the request's container.
    pub cost: Usd,
    /// Well-to-wheel emissions for the request's container.
    pub co2e: KgCo2e,
    /// The tank-to-wheel part of `co2e` (the rest is well-to-tank).
    pub co2e_ttw: KgCo2e,
    /// The well-to-tank part of `co2e`.
    pub co2e_wtt: KgCo2e,
    /// The emission factor the leg's emissions come from.
    pub emission_factor: EmissionFactorId,
    /// Corridor tags.
    pub corridors: Vec<String>,
    /// Passages.
    pub passages: Vec<Passage>,
    /// Border crossed, in the direction travelled.
    pub border: Option<(CountryCode, CountryCode)>,
    /// Sources of the leg's figures.
    pub sources: Vec<SourceId>,
    /// Drawing geometry `(lat, lon)` in the direction travelled.
    pub geometry: Vec<(f64, f64)>,
}

/// A change of mode or gauge at a terminal.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Transfer {
    /// Where.
    pub at: Stop,
    /// The mode (and gauge) arrived on.
    pub from_mode: Mode,
    /// Gauge arrived on, for rail.
    pub from_gauge: Option<Gauge>,
    /// The mode left on.
    pub to_mode: Mode,
    /// Gauge left on, for rail.
    pub to_gauge: Option<Gauge>,
    /// Handling time.
    pub time: Hours,
    /// Handling cost for the request's container.
    pub cost: Usd,
    /// Hub emissions (well-to-wheel) of the change for the request's
    /// container, counted in the route's totals.
    pub co2e: KgCo2e,
    /// The tank-to-wheel part of `co2e`.
    pub co2e_ttw: KgCo2e,
    /// The well-to-tank part of `co2e`.
    pub co2e_wtt: KgCo2e,
    /// Position of the transfer among the route's steps: it happens after
    /// this many legs.
    pub after_legs: usize,
}

/// The totals of a route: legs plus transfers.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct Totals {
    /// Distance.
    pub distance: Km,
    /// Door-to-door time: moving, waiting and transfers.
    pub time: Hours,
    /// Moving time only.
    pub moving_time: Hours,
    /// Waiting time only (legs' waits).
    pub wait_time: Hours,
    /// Transfer (handling) time only.
    pub transfer_time: Hours,
    /// Cost.
    pub cost: Usd,
    /// Well-to-wheel emissions: legs plus hubs (transfers).
    pub co2e: KgCo2e,
    /// The tank-to-wheel part of `co2e`.
    pub co2e_ttw: KgCo2e,
    /// The well-to-tank part of `co2e`.
    pub co2e_wtt: KgCo2e,
    /// The part of `co2e` emitted at hubs (transfers).
    pub co2e_hubs: KgCo2e,
    /// Number of mode or gauge changes.
    pub transfers: u32,
    /// Number of borders crossed.
    pub border_crossings: u32,
}

/// A route: an itinerary with its legs, transfers and totals.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Route {
    /// The corridor the route belongs to: the corridor it was asked for in
    /// a comparison, else the first corridor of the network whose rule it
    /// satisfies.
    pub corridor: Option<CorridorId>,
    /// The corridor's display name.
    pub corridor_name: Option<String>,
    /// The objective minimised.
    pub objective: Objective,
    /// The objective's value (USD, hours, km, kg or generalized USD).
    pub objective_value: f64,
    /// The container size.
    pub container: ContainerSize,
    /// Origin.
    pub origin: Stop,
    /// Destination.
    pub destination: Stop,
    /// The legs, in order.
    pub legs: Vec<RouteLeg>,
    /// The transfers, in order.
    pub transfers: Vec<Transfer>,
    /// Totals.
    pub totals: Totals,
    /// Countries with a terminal on the route, in order of first visit.
    pub countries: Vec<CountryCode>,
    /// Passages used, in order.
    pub passages: Vec<Passage>,
    /// How positions given as endpoints were snapped (origin, waypoints,
    /// destination; `None` for endpoints given as terminals).
    pub snaps: Vec<Option<Snap>>,
}

fn layer_mode(layer: Layer) -> (Mode, Option<Gauge>) {
    (layer.mode(), layer.gauge())
}

impl Route {
    /// The route's line as `(lat, lon)` points, legs joined end to end.
    pub fn geometry(&self) -> Vec<(f64, f64)> {
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for l in &self.legs {
            for &p in &l.geometry {
                if pts.last() != Some(&p) {
                    pts.push(p);
                }
            }
        }
        pts
    }

    /// The ids of the legs, in order.
    pub fn leg_ids(&self) -> Vec<&str> {
        self.legs.iter().map(|l| l.leg.as_str()).collect()
    }

    /// Whether the route has a terminal in a country.
    pub fn crosses(&self, country: &str) -> bool {
        self.countries
            .iter()
            .any(|c| c.as_str().eq_ignore_ascii_case(country))
    }

    /// Whether the route passes a passage.
    pub fn passes(&self, passage: Passage) -> bool {
        self.passages.contains(&passage)
    }

    /// The names of the terminals visited, in order.
    pub fn stops(&self) -> Vec<&str> {
        let mut out = vec![self.origin.name.as_str()];
        for l in &self.legs {
            out.push(l.to.name.as_str());
        }
        out
    }

    /// Whether a corridor defined by leg tags carries a fair share of the
    /// route: at least [`MIN_CORRIDOR_SHARE`] of its distance on legs tagged
    /// with the corridor's id or required tags. Corridors defined only by
    /// passages, countries or modes always qualify. This keeps a Xi'an →
    /// Aktau rail run from being labelled an INSTC branch because its last
    /// leg is shared with one.
    pub fn mostly_on(&self, corridor: &Corridor) -> bool {
        let r = &corridor.rule;
        if r.require_tags.is_empty() {
            return true;
        }
        let tagged: f64 = self
            .legs
            .iter()
            .filter(|l| {
                l.corridors
                    .iter()
                    .any(|t| t == corridor.id.as_str() || r.require_tags.contains(t))
            })
            .map(|l| l.distance.get())
            .sum();
        let total = self.totals.distance.get();
        total <= 0.0 || tagged / total >= MIN_CORRIDOR_SHARE
    }

    /// Whether the route satisfies a corridor's rule.
    pub fn satisfies(&self, corridor: &Corridor) -> bool {
        let r = &corridor.rule;
        (r.modes.is_empty() || self.legs.iter().all(|l| r.modes.contains(&l.mode)))
            && !self.countries.iter().any(|c| r.avoid_countries.contains(c))
            && !self.passages.iter().any(|p| r.avoid_passages.contains(p))
            && r.require_passages.iter().all(|p| self.passages.contains(p))
            && r.require_countries
                .iter()
                .all(|c| self.countries.contains(c))
            && (r.require_tags.is_empty()
                || self
                    .legs
                    .iter()
                    .any(|l| l.corridors.iter().any(|t| r.require_tags.contains(t))))
    }
}

/// A route's sums in [fixed-point units](crate::fixed): distance, moving,
/// waiting and transfer time, cost, CO2e, its tank-to-wheel part, its hub
/// part.
#[derive(Default)]
struct UnitTotals([i64; 8]);

impl UnitTotals {
    fn add(&mut self, step: &[i64; 8]) {
        for (s, x) in self.0.iter_mut().zip(step) {
            *s = s.saturating_add(*x);
        }
    }
}

/// Turns a state path into a route.
pub(crate) fn build_route(g: &Graph, q: &Query, path: &StatePath) -> Route {
    let net = &*g.net;
    let si = size_index(q.size);
    let mut legs = Vec::new();
    let mut transfers = Vec::new();
    // Sums in fixed-point units: exact, whatever the order of the steps.
    let mut sum = UnitTotals::default();
    let mut totals = Totals::default();
    for link in path.links() {
        let l = &g.links[link as usize];
        let m = &g.measures[si][link as usize];
        match l.kind {
            LinkKind::Leg { leg, reverse } => {
                let data = &net[leg];
                // The link runs in the direction travelled.
                let (from, to) = (g.terminal_of_place(l.from), g.terminal_of_place(l.to));
                let mut geometry = data.geometry.clone();
                if reverse {
                    geometry.reverse();
                }
                let border = data
                    .border
                    .map(|(x, y)| if reverse { (y, x) } else { (x, y) });
                // Distance as the graph holds it; moving and waiting apart,
                // rounded as `Measures::of_leg` rounds them.
                let (km, moving, wait) = (m.km, to_units(data.time.0), to_units(data.wait.0));
                // `m.kg` is the two parts rounded apart (`co2e_units`).
                let ttw = to_units(data.co2e_split.get(q.size).ttw.0);
                sum.add(&[km, moving, wait, 0, m.usd, m.kg, ttw, 0]);
                if border.is_some() {
                    totals.border_crossings += 1;
                }
                legs.push(RouteLeg {
                    leg: data.id.clone(),
                    from: Stop::of(net, from),
                    to: Stop::of(net, to),
                    mode: data.mode,
                    gauge: data.gauge,
                    distance: Km(from_units(km)),
                    time: Hours(from_units(moving)),
                    wait: Hours(from_units(wait)),
                    cost: Usd(from_units(m.usd)),
                    co2e: KgCo2e(from_units(m.kg)),
                    co2e_ttw: KgCo2e(from_units(ttw)),
                    co2e_wtt: KgCo2e(from_units(m.kg - ttw)),
                    emission_factor: data.emission_factor.clone(),
                    corridors: data.corridors.clone(),
                    passages: data.passages.clone(),
                    border,
                    sources: data.sources.clone(),
                    geometry,
                });
            }
            LinkKind::Transfer { terminal } => {
                let (fm, fg) = layer_mode(net[silkroute_core::PlaceIdx::from(l.from)].layer);
                let (tm, tg) = layer_mode(net[silkroute_core::PlaceIdx::from(l.to)].layer);
                let ttw = to_units(net[terminal].hub_co2e.get(q.size).ttw.0);
                sum.add(&[0, 0, 0, m.hours, m.usd, m.kg, ttw, m.kg]);
                totals.transfers += 1;
                transfers.push(Transfer {
                    at: Stop::of(net, terminal),
                    from_mode: fm,
                    from_gauge: fg,
                    to_mode: tm,
                    to_gauge: tg,
                    time: Hours(from_units(m.hours)),
                    cost: Usd(from_units(m.usd)),
                    co2e: KgCo2e(from_units(m.kg)),
                    co2e_ttw: KgCo2e(from_units(ttw)),
                    co2e_wtt: KgCo2e(from_units(m.kg - ttw)),
                    after_legs: legs.len(),
                });
            }
            _ => {}
        }
    }
    let [km, moving, wait, transfer, usd, kg, ttw, hubs] = sum.0;
    totals.distance = Km(from_units(km));
    totals.moving_time = Hours(from_units(moving));
    totals.wait_time = Hours(from_units(wait));
    totals.transfer_time = Hours(from_units(transfer));
    totals.time = Hours(from_units(
        moving.saturating_add(wait).saturating_add(transfer),
    ));
    totals.cost = Usd(from_units(usd));
    totals.co2e = KgCo2e(from_units(kg));
    totals.co2e_ttw = KgCo2e(from_units(ttw));
    totals.co2e_wtt = KgCo2e(from_units(kg - ttw));
    totals.co2e_hubs = KgCo2e(from_units(hubs));
    let origin = Stop::of(net, q.endpoints[0]);
    let destination = Stop::of(net, q.endpoints[q.endpoints.len() - 1]);
    let mut countries = vec![origin.country];
    for l in &legs {
        if !countries.contains(&l.to.country) {
            countries.push(l.to.country);
        }
    }
    let mut passages = Vec::new();
    for l in &legs {
        for p in &l.passages {
            if !passages.contains(p) {
                passages.push(*p);
            }
        }
    }
    let mut route = Route {
        corridor: None,
        corridor_name: None,
        objective: q.weighting.objective,
        objective_value: from_units(path.cost),
        container: q.size,
        origin,
        destination,
        legs,
        transfers,
        totals,
        countries,
        passages,
        snaps: q.snaps.clone(),
    };
    if let Some(c) = net
        .corridors()
        .iter()
        .find(|c| route.satisfies(c) && route.mostly_on(c))
    {
        route.corridor = Some(c.id.clone());
        route.corridor_name = Some(c.name.clone());
    }
    route
}
