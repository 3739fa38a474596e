//! The network: terminals and legs, the virtual multimodal graph routing runs
//! on, the spatial index and the name index.

use crate::error::{Error, Issue, Location};
use crate::model::*;
use crate::names::{NameIndex, did_you_mean_id};
use crate::units::{KgCo2e, Km, great_circle};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Bfs;
use rstar::RTree;
use rstar::primitives::GeomWithData;
use std::collections::{BTreeSet, HashMap, HashSet};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The position as a `usize`, for indexing arrays sized by the network.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The index for a position (callers keep it below the count).
            #[inline]
            pub fn from_index(i: usize) -> Self {
                $name(i as u32)
            }
        }
    };
}

index_type!(
    /// The position of a terminal in a [`Network`] (stable for the network's lifetime).
    TerminalIdx
);
index_type!(
    /// The position of a leg in a [`Network`].
    LegIdx
);
index_type!(
    /// The position of a place (a terminal on one mode layer) in a [`Network`].
    PlaceIdx
);

/// A mode layer at a terminal. Containers move along a layer for free and
/// pay the terminal's handling to change layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Layer {
    /// Rail on one gauge.
    Rail(Gauge),
    /// Road.
    Road,
    /// Sea.
    Sea,
    /// Ferry.
    Ferry,
}

impl Layer {
    /// The layer a leg of a mode (and gauge, for rail) runs on.
    pub fn of(mode: Mode, gauge: Option<Gauge>) -> Layer {
        match mode {
            Mode::Rail => Layer::Rail(gauge.unwrap_or(Gauge::STANDARD)),
            Mode::Road => Layer::Road,
            Mode::Sea => Layer::Sea,
            Mode::Ferry => Layer::Ferry,
        }
    }
}

/// A terminal on one mode layer: a node of the virtual network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Place {
    /// The terminal.
    pub terminal: TerminalIdx,
    /// The layer.
    pub layer: Layer,
}

/// What an edge of the virtual network stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkKind {
    /// Travel along a leg, forward (`from` → `to`) or in reverse.
    Leg {
        /// The leg.
        leg: LegIdx,
        /// Whether the leg is travelled from its `to` end to its `from` end.
        reverse: bool,
    },
    /// A change of mode or gauge at a terminal, paying its handling.
    Transfer {
        /// The terminal.
        terminal: TerminalIdx,
    },
}

/// An edge of the virtual network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Link {
    /// Tail place.
    pub from: PlaceIdx,
    /// Head place.
    pub to: PlaceIdx,
    /// What it stands for.
    pub kind: LinkKind,
}

/// Descriptive metadata of a network.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct NetworkMeta {
    /// Name of the network.
    pub name: Option<String>,
    /// Version of the dataset.
    pub dataset_version: Option<String>,
    /// Per-container assumptions.
    pub assumptions: Assumptions,
}

/// Builds a [`Network`] from parts, validating everything on [`build`](NetworkBuilder::build).
///
/// ```
/// use silkroute_core::*;
/// let kz: CountryCode = "KZ".parse()?;
/// let az: CountryCode = "AZ".parse()?;
/// let net = NetworkBuilder::new()
///     .source(Source::new("enc-2011", "Azerbaijan National Encyclopedia", "ANE", 2011, Grade::A))
///     .emission_factor(EmissionFactor::new("ropax", 124.8, EmissionUnit::GPerTkm, "enc-2011"))
///     .terminal(Terminal::new("aktau", "Aktau", kz, TerminalKind::SeaPort, 43.6, 51.2))
///     .terminal(Terminal::new("alat", "Alat", az, TerminalKind::SeaPort, 39.976, 49.441))
///     .leg(Leg::new("aktau-alat", "aktau", "alat", Mode::Ferry, Km(470.0), Hours(22.0))
///         .wait(Hours(48.0)).cost(Usd(900.0), Usd(1300.0)).emission_factor("ropax")
///         .border(kz, az).source("enc-2011"))
///     .build()?;
/// assert_eq!(net.find("Aktau")?.name, "Aktau");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct NetworkBuilder {
    meta: NetworkMeta,
    sources: Vec<Source>,
    emission_factors: Vec<EmissionFactor>,
    corridors: Vec<Corridor>,
    terminals: Vec<Terminal>,
    legs: Vec<Leg>,
    /// Feature index of each terminal and leg in the file it came from.
    pub(crate) terminal_features: Vec<Option<usize>>,
    pub(crate) leg_features: Vec<Option<usize>>,
    /// Issues found while parsing, reported together with validation ones.
    pub(crate) issues: Vec<Issue>,
}

impl NetworkBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the network's name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.meta.name = Some(name.into());
        self
    }

    /// Sets the dataset version.
    pub fn dataset_version(mut self, version: impl Into<String>) -> Self {
        self.meta.dataset_version = Some(version.into());
        self
    }

    /// Sets the per-container assumptions.
    pub fn assumptions(mut self, assumptions: Assumptions) -> Self {
        self.meta.assumptions = assumptions;
        self
    }

    /// Adds a source.
    pub fn source(mut self, source: Source) -> Self {
        self.sources.push(source);
        self
    }

    /// Adds an emission factor.
    pub fn emission_factor(mut self, factor: EmissionFactor) -> Self {
        self.emission_factors.push(factor);
        self
    }

    /// Adds a corridor definition.
    pub fn corridor(mut self, corridor: Corridor) -> Self {
        self.corridors.push(corridor);
        self
    }

    /// Adds a terminal.
    pub fn terminal(mut self, terminal: Terminal) -> Self {
        self.push_terminal(terminal, None);
        self
    }

    /// Adds a leg.
    pub fn leg(mut self, leg: Leg) -> Self {
        self.push_leg(leg, None);
        self
    }

    pub(crate) fn push_terminal(&mut self, t: Terminal, feature: Option<usize>) {
        self.terminals.push(t);
        self.terminal_features.push(feature);
    }

    pub(crate) fn push_leg(&mut self, l: Leg, feature: Option<usize>) {
        self.legs.push(l);
        self.leg_features.push(feature);
    }

    pub(crate) fn meta_mut(&mut self) -> &mut NetworkMeta {
        &mut self.meta
    }

    pub(crate) fn sources_mut(&mut self) -> &mut Vec<Source> {
        &mut self.sources
    }

    pub(crate) fn emission_factors_mut(&mut self) -> &mut Vec<EmissionFactor> {
        &mut self.emission_factors
    }

    pub(crate) fn corridors_mut(&mut self) -> &mut Vec<Corridor> {
        &mut self.corridors
    }

    /// Validates the parts and builds the network.
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem found, each with its location.
    pub fn build(self) -> Result<Network, Error> {
        let mut v = Validator {
            b: &self,
            issues: self.issues.clone(),
        };
        v.run();
        if !v.issues.is_empty() {
            return Err(Error::Invalid { issues: v.issues });
        }
        Ok(Network::assemble(self))
    }
}

/// The validation pass of a builder.
struct Validator<'a> {
    b: &'a NetworkBuilder,
    issues: Vec<Issue>,
}

const MAX_KM: f64 = 40_000.0;
const MAX_HOURS: f64 = 24.0 * 365.0;
const MAX_USD: f64 = 1_000_000.0;
const MAX_EF_G: f64 = 5_000.0;
/// How much shorter than the great-circle distance a leg may claim to be.
pub const GREAT_CIRCLE_TOLERANCE: f64 = 0.02;

impl Validator<'_> {
    fn push(&mut self, location: Location, message: impl Into<String>) {
        self.issues.push(Issue {
            location,
            message: message.into(),
        });
    }

    fn terminal_loc(&self, i: usize) -> Location {
        match self.b.terminal_features.get(i).copied().flatten() {
            Some(f) => Location::new("features", Some(f)),
            None => Location::new("terminals", Some(i)),
        }
        .id(self.b.terminals[i].id.as_str())
    }

    fn leg_loc(&self, i: usize) -> Location {
        match self.b.leg_features.get(i).copied().flatten() {
            Some(f) => Location::new("features", Some(f)),
            None => Location::new("legs", Some(i)),
        }
        .id(self.b.legs[i].id.as_str())
    }

    /// Checks a number: finite, within `[min, max]`; `positive` excludes zero.
    fn number(&mut self, loc: &Location, field: &str, value: f64, positive: bool, max: f64) {
        let problem = if value.is_nan() {
            Some("is NaN".to_string())
        } else if value.is_infinite() {
            Some("is infinite".to_string())
        } else if value < 0.0 {
            Some(format!("is negative ({value})"))
        } else if positive && value == 0.0 {
            Some("must be greater than zero".to_string())
        } else if value > max {
            Some(format!("is {value}, implausibly large (limit {max})"))
        } else {
            None
        };
        if let Some(p) = problem {
            self.push(loc.clone().field(field), format!("`{field}` {p}"));
        }
    }

    fn run(&mut self) {
        let b = self.b;
        // Sources.
        let mut source_ids = HashSet::new();
        for (i, s) in b.sources.iter().enumerate() {
            let loc = Location::new("sources", Some(i)).id(s.id.as_str());
            if !is_valid_id(s.id.as_str()) {
                self.push(
                    loc.clone().field("id"),
                    "ids use lowercase ASCII letters, digits and '-'",
                );
            }
            if !source_ids.insert(s.id.as_str()) {
                self.push(
                    loc.clone().field("id"),
                    format!("duplicate source id \"{}\"", s.id),
                );
            }
            if s.title.trim().is_empty() {
                self.push(loc.clone().field("title"), "empty title");
            }
            if !(1800..=2100).contains(&s.year) {
                self.push(loc.field("year"), format!("implausible year {}", s.year));
            }
        }
        let check_source = |v: &mut Self, loc: &Location, field: &str, id: &SourceId| {
            if !source_ids.contains(id.as_str()) {
                v.push(
                    loc.clone().field(field),
                    format!("unknown source \"{id}\": add it to the `sources` table"),
                );
            }
        };
        // Emission factors.
        let mut ef_ids = HashSet::new();
        for (i, e) in b.emission_factors.iter().enumerate() {
            let loc = Location::new("emission_factors", Some(i)).id(e.id.as_str());
            if !ef_ids.insert(e.id.as_str()) {
                self.push(
                    loc.clone().field("id"),
                    format!("duplicate emission factor id \"{}\"", e.id),
                );
            }
            self.number(&loc, "value", e.value, true, MAX_EF_G);
            check_source(self, &loc, "source", &e.source);
        }
        // Terminals.
        let mut terminal_ids: HashMap<&str, usize> = HashMap::new();
        let mut names = NameIndex::default();
        for (i, t) in b.terminals.iter().enumerate() {
            let loc = self.terminal_loc(i);
            if !is_valid_id(t.id.as_str()) {
                self.push(
                    loc.clone().field("id"),
                    format!(
                        "invalid id \"{}\": use lowercase ASCII letters, digits and '-'",
                        t.id
                    ),
                );
            }
            if terminal_ids.insert(t.id.as_str(), i).is_some() {
                self.push(
                    loc.clone().field("id"),
                    format!("duplicate terminal id \"{}\"", t.id),
                );
            }
            if t.name.trim().is_empty() {
                self.push(loc.clone().field("name"), "empty name");
            }
            for n in t.names() {
                if let Some(other) = names.insert(n, i) {
                    self.push(
                        loc.clone().field("aliases"),
                        format!(
                            "name \"{n}\" also names terminal \"{}\": names must be unambiguous",
                            b.terminals[other].id
                        ),
                    );
                }
            }
            if !(t.lat.is_finite() && (-90.0..=90.0).contains(&t.lat)) {
                self.push(
                    loc.clone().field("coordinates"),
                    format!("latitude {} is outside [-90, 90]", t.lat),
                );
            }
            if !(t.lon.is_finite() && (-180.0..=180.0).contains(&t.lon)) {
                self.push(
                    loc.clone().field("coordinates"),
                    format!("longitude {} is outside [-180, 180]", t.lon),
                );
            }
            for g in &t.gauges {
                if !g.is_plausible() {
                    self.push(
                        loc.clone().field("gauges"),
                        format!("implausible gauge {} mm", g.0),
                    );
                }
            }
            if let Some(h) = &t.handling {
                self.number(
                    &loc,
                    "handling.cost_usd.20",
                    h.cost_usd.twenty.0,
                    false,
                    MAX_USD,
                );
                self.number(
                    &loc,
                    "handling.cost_usd.40",
                    h.cost_usd.forty.0,
                    false,
                    MAX_USD,
                );
                self.number(&loc, "handling.time_h", h.time_h.0, false, MAX_HOURS);
                if t.sources.is_empty() {
                    self.push(
                        loc.clone().field("sources"),
                        "handling figures without a source",
                    );
                }
            }
            for s in &t.sources {
                check_source(self, &loc, "sources", s);
            }
            for (field, p) in &t.provenance {
                if let Some(s) = &p.source {
                    check_source(self, &loc, &format!("provenance.{field}.source"), s);
                }
            }
        }
        // Legs.
        let mut leg_ids = HashSet::new();
        for (i, l) in b.legs.iter().enumerate() {
            let loc = self.leg_loc(i);
            if !is_valid_id(l.id.as_str()) {
                self.push(
                    loc.clone().field("id"),
                    format!(
                        "invalid id \"{}\": use lowercase ASCII letters, digits and '-'",
                        l.id
                    ),
                );
            }
            if !leg_ids.insert(l.id.as_str()) {
                self.push(
                    loc.clone().field("id"),
                    format!("duplicate leg id \"{}\"", l.id),
                );
            }
            let from = terminal_ids.get(l.from.as_str()).map(|&j| &b.terminals[j]);
            let to = terminal_ids.get(l.to.as_str()).map(|&j| &b.terminals[j]);
            for (field, id, t) in [("from", &l.from, from), ("to", &l.to, to)] {
                if t.is_none() {
                    let s = names.suggest(id.as_str(), 1, |j| b.terminals[j].id.to_string());
                    self.push(
                        loc.clone().field(field),
                        format!("unknown terminal \"{id}\"{}", did_you_mean_id(&s)),
                    );
                }
            }
            if l.from == l.to {
                self.push(
                    loc.clone().field("to"),
                    "self-loop: `from` and `to` are the same terminal",
                );
            }
            self.number(&loc, "distance_km", l.distance.0, true, MAX_KM);
            self.number(&loc, "time_h", l.time.0, true, MAX_HOURS);
            self.number(&loc, "wait_h", l.wait.0, false, MAX_HOURS);
            self.number(&loc, "cost_usd.20", l.cost.twenty.0, false, MAX_USD);
            self.number(&loc, "cost_usd.40", l.cost.forty.0, false, MAX_USD);
            if l.distance.0.is_finite() && l.time.0.is_finite() && l.time.0 > 0.0 {
                let speed = l.distance.0 / l.time.0;
                if speed > l.mode.max_speed_kmh() {
                    self.push(
                        loc.clone().field("time_h"),
                        format!(
                            "average speed {speed:.0} km/h is implausible for {} (limit {} km/h): check `distance_km` and `time_h`",
                            l.mode,
                            l.mode.max_speed_kmh()
                        ),
                    );
                }
            }
            if let (Some(f), Some(t)) = (from, to) {
                let gc = great_circle(f.lat, f.lon, t.lat, t.lon).0;
                if gc.is_finite() && l.distance.0 < gc * (1.0 - GREAT_CIRCLE_TOLERANCE) {
                    self.push(
                        loc.clone().field("distance_km"),
                        format!(
                            "{} km is shorter than the great-circle distance between its ends ({gc:.1} km)",
                            l.distance.0
                        ),
                    );
                }
                if l.mode == Mode::Rail {
                    match l.gauge {
                        None => self.push(loc.clone().field("gauge"), "rail leg without a `gauge`"),
                        Some(g) => {
                            for (end, t) in [("from", f), ("to", t)] {
                                if !t.gauges.contains(&g) {
                                    self.push(
                                        loc.clone().field("gauge"),
                                        format!("gauge {} mm is not among the gauges of its `{end}` terminal \"{}\"", g.0, t.id),
                                    );
                                }
                            }
                        }
                    }
                } else if l.gauge.is_some() {
                    self.push(
                        loc.clone().field("gauge"),
                        format!("a {} leg has no gauge", l.mode),
                    );
                }
                match l.border {
                    Some((a, c)) => {
                        if a != f.country || c != t.country {
                            self.push(
                                loc.clone().field("border"),
                                format!(
                                    "border [{a}, {c}] does not match the countries of its ends [{}, {}]",
                                    f.country, t.country
                                ),
                            );
                        } else if a == c {
                            self.push(loc.clone().field("border"), format!("border [{a}, {c}] is not a border"));
                        }
                    }
                    None if f.country != t.country => self.push(
                        loc.clone().field("border"),
                        format!(
                            "the leg goes from {} to {} but has no `border`: add \"border\": [\"{}\", \"{}\"]",
                            f.country, t.country, f.country, t.country
                        ),
                    ),
                    None => {}
                }
            }
            if !ef_ids.contains(l.emission_factor.as_str()) {
                self.push(
                    loc.clone().field("emission_factor"),
                    format!("unknown emission factor \"{}\"", l.emission_factor),
                );
            }
            if let Some(c) = &l.capacity {
                self.number(&loc, "capacity.value", c.value, true, 1e12);
            }
            if let Some(s) = l.sailings_per_week {
                self.number(&loc, "sailings_per_week", s, true, 1000.0);
            }
            if l.sources.is_empty() {
                self.push(
                    loc.clone().field("sources"),
                    "leg without a source: every figure needs one",
                );
            }
            for s in &l.sources {
                check_source(self, &loc, "sources", s);
            }
            for (field, p) in &l.provenance {
                if let Some(s) = &p.source {
                    check_source(self, &loc, &format!("provenance.{field}.source"), s);
                }
            }
            for (k, (lat, lon)) in l.geometry.iter().enumerate() {
                if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0)
                {
                    self.push(
                        loc.clone().field("geometry"),
                        format!("point {k} ({lat}, {lon}) is not a valid WGS84 coordinate"),
                    );
                }
            }
        }
        // Corridors.
        let tags: HashSet<&str> = b
            .legs
            .iter()
            .flat_map(|l| l.corridors.iter().map(String::as_str))
            .collect();
        let mut corridor_ids = HashSet::new();
        for (i, c) in b.corridors.iter().enumerate() {
            let loc = Location::new("corridors", Some(i)).id(c.id.as_str());
            if !is_valid_id(c.id.as_str()) {
                self.push(
                    loc.clone().field("id"),
                    "ids use lowercase ASCII letters, digits and '-'",
                );
            }
            if !corridor_ids.insert(c.id.as_str()) {
                self.push(
                    loc.clone().field("id"),
                    format!("duplicate corridor id \"{}\"", c.id),
                );
            }
            for t in &c.rule.require_tags {
                if !tags.contains(t.as_str()) {
                    self.push(
                        loc.clone().field("rule.require_tags"),
                        format!("no leg carries the tag \"{t}\""),
                    );
                }
            }
            if let Some(p) = c
                .rule
                .require_passages
                .iter()
                .find(|p| c.rule.avoid_passages.contains(p))
            {
                self.push(
                    loc.clone().field("rule"),
                    format!("passage {p} is both required and avoided"),
                );
            }
            if let Some(k) = c
                .rule
                .require_countries
                .iter()
                .find(|k| c.rule.avoid_countries.contains(k))
            {
                self.push(
                    loc.field("rule"),
                    format!("country {k} is both required and avoided"),
                );
            }
        }
    }
}

/// A point of the R-tree: a terminal's position on the unit sphere, so that
/// Euclidean nearest-neighbour order is great-circle order.
type SpherePoint = GeomWithData<[f64; 3], u32>;

fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

/// A validated multimodal freight network.
///
/// Terminals are split into one [`Place`] per mode layer (rail per gauge,
/// road, sea, ferry); legs join places of the same layer and transfers join
/// the layers of a terminal that has handling. Routing is then a plain
/// shortest path on this virtual network (see `DESIGN.md`).
#[derive(Debug, Clone)]
pub struct Network {
    meta: NetworkMeta,
    sources: Vec<Source>,
    emission_factors: Vec<EmissionFactor>,
    corridors: Vec<Corridor>,
    terminals: Vec<Terminal>,
    legs: Vec<Leg>,
    terminal_by_id: HashMap<TerminalId, TerminalIdx>,
    leg_by_id: HashMap<LegId, LegIdx>,
    names: NameIndex,
    rtree: RTree<SpherePoint>,
    graph: DiGraph<Place, Link, u32>,
    places_of: Vec<Vec<PlaceIdx>>,
    leg_from: Vec<TerminalIdx>,
    leg_to: Vec<TerminalIdx>,
}

impl Network {
    fn assemble(b: NetworkBuilder) -> Network {
        let NetworkBuilder {
            meta,
            sources,
            emission_factors,
            corridors,
            terminals,
            mut legs,
            ..
        } = b;
        let terminal_by_id: HashMap<TerminalId, TerminalIdx> = terminals
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), TerminalIdx::from_index(i)))
            .collect();
        let mut names = NameIndex::default();
        for (i, t) in terminals.iter().enumerate() {
            for n in t.names() {
                names.insert(n, i);
            }
        }
        // Per-container emissions from the factor and the tonnage assumption.
        let ef: HashMap<&EmissionFactorId, &EmissionFactor> =
            emission_factors.iter().map(|e| (&e.id, e)).collect();
        for l in &mut legs {
            if let Some(e) = ef.get(&l.emission_factor) {
                let per = |size: ContainerSize| {
                    let payload = match e.unit {
                        EmissionUnit::GPerTkm => meta.assumptions.cargo_tonnes(size),
                        EmissionUnit::GPerTeuKm => size.teu(),
                    };
                    KgCo2e(e.value * l.distance.0 * payload / 1000.0)
                };
                l.co2e = PerContainer::new(per(ContainerSize::Twenty), per(ContainerSize::Forty));
            }
            if l.geometry.is_empty() {
                // invariant: validation guarantees both ends exist
                let (f, t) = (
                    &terminals[terminal_by_id[&l.from].index()],
                    &terminals[terminal_by_id[&l.to].index()],
                );
                l.geometry = vec![(f.lat, f.lon), (t.lat, t.lon)];
            }
        }
        let leg_by_id = legs
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.clone(), LegIdx::from_index(i)))
            .collect();
        let leg_from: Vec<TerminalIdx> = legs.iter().map(|l| terminal_by_id[&l.from]).collect();
        let leg_to: Vec<TerminalIdx> = legs.iter().map(|l| terminal_by_id[&l.to]).collect();

        // Places: one per (terminal, layer) used by a leg, in a deterministic order.
        let mut layers: Vec<BTreeSet<Layer>> = vec![BTreeSet::new(); terminals.len()];
        for (i, l) in legs.iter().enumerate() {
            let layer = Layer::of(l.mode, l.gauge);
            layers[leg_from[i].index()].insert(layer);
            layers[leg_to[i].index()].insert(layer);
        }
        let mut graph: DiGraph<Place, Link, u32> = DiGraph::default();
        let mut places_of: Vec<Vec<PlaceIdx>> = vec![Vec::new(); terminals.len()];
        let mut place_at: HashMap<(TerminalIdx, Layer), NodeIndex<u32>> = HashMap::new();
        for (t, ls) in layers.iter().enumerate() {
            let ti = TerminalIdx::from_index(t);
            for &layer in ls {
                let n = graph.add_node(Place {
                    terminal: ti,
                    layer,
                });
                places_of[t].push(PlaceIdx::from_index(n.index()));
                place_at.insert((ti, layer), n);
            }
        }
        for (i, l) in legs.iter().enumerate() {
            let layer = Layer::of(l.mode, l.gauge);
            let a = place_at[&(leg_from[i], layer)];
            let z = place_at[&(leg_to[i], layer)];
            let leg = LegIdx::from_index(i);
            let pa = PlaceIdx::from_index(a.index());
            let pz = PlaceIdx::from_index(z.index());
            graph.add_edge(
                a,
                z,
                Link {
                    from: pa,
                    to: pz,
                    kind: LinkKind::Leg {
                        leg,
                        reverse: false,
                    },
                },
            );
            if l.bidirectional {
                graph.add_edge(
                    z,
                    a,
                    Link {
                        from: pz,
                        to: pa,
                        kind: LinkKind::Leg { leg, reverse: true },
                    },
                );
            }
        }
        for (t, ps) in places_of.iter().enumerate() {
            if terminals[t].handling.is_none() {
                continue;
            }
            for &a in ps {
                for &z in ps {
                    if a != z {
                        graph.add_edge(
                            NodeIndex::new(a.index()),
                            NodeIndex::new(z.index()),
                            Link {
                                from: a,
                                to: z,
                                kind: LinkKind::Transfer {
                                    terminal: TerminalIdx::from_index(t),
                                },
                            },
                        );
                    }
                }
            }
        }
        let rtree = RTree::bulk_load(
            terminals
                .iter()
                .enumerate()
                .map(|(i, t)| GeomWithData::new(unit_vector(t.lat, t.lon), i as u32))
                .collect(),
        );
        Network {
            meta,
            sources,
            emission_factors,
            corridors,
            terminals,
            legs,
            terminal_by_id,
            leg_by_id,
            names,
            rtree,
            graph,
            places_of,
            leg_from,
            leg_to,
        }
    }

    /// The network's metadata.
    pub fn meta(&self) -> &NetworkMeta {
        &self.meta
    }

    /// Every terminal, in a stable order.
    pub fn terminals(&self) -> &[Terminal] {
        &self.terminals
    }

    /// Every leg, in a stable order.
    pub fn legs(&self) -> &[Leg] {
        &self.legs
    }

    /// The sources table.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// A source by id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// The emission factors table.
    pub fn emission_factors(&self) -> &[EmissionFactor] {
        &self.emission_factors
    }

    /// The corridor definitions.
    pub fn corridors(&self) -> &[Corridor] {
        &self.corridors
    }

    /// A terminal by its id.
    pub fn terminal(&self, id: &str) -> Option<&Terminal> {
        self.terminal_idx(id).map(|i| &self.terminals[i.index()])
    }

    /// The position of a terminal by its id.
    pub fn terminal_idx(&self, id: &str) -> Option<TerminalIdx> {
        self.terminal_by_id.get(id).copied()
    }

    /// A terminal by position.
    pub fn terminal_at(&self, i: TerminalIdx) -> &Terminal {
        &self.terminals[i.index()]
    }

    /// A leg by its id.
    pub fn leg(&self, id: &str) -> Option<&Leg> {
        self.leg_by_id.get(id).map(|i| &self.legs[i.index()])
    }

    /// The position of a leg by its id.
    pub fn leg_idx(&self, id: &str) -> Option<LegIdx> {
        self.leg_by_id.get(id).copied()
    }

    /// A leg by position.
    pub fn leg_at(&self, i: LegIdx) -> &Leg {
        &self.legs[i.index()]
    }

    /// The terminals at the `from` and `to` ends of a leg.
    pub fn leg_ends(&self, i: LegIdx) -> (TerminalIdx, TerminalIdx) {
        (self.leg_from[i.index()], self.leg_to[i.index()])
    }

    /// Finds a terminal by id, name or alias, ignoring case, accents,
    /// spaces and punctuation ("xian", "Xi'an" and "XI AN" all find Xi'an).
    ///
    /// # Errors
    /// [`Error::UnknownTerminal`] with up to three closest names.
    pub fn find(&self, query: &str) -> Result<&Terminal, Error> {
        self.find_idx(query).map(|i| &self.terminals[i.index()])
    }

    /// Like [`find`](Self::find), returning the terminal's position.
    ///
    /// # Errors
    /// [`Error::UnknownTerminal`] with up to three closest names.
    pub fn find_idx(&self, query: &str) -> Result<TerminalIdx, Error> {
        match self.names.get(query) {
            Some(i) => Ok(TerminalIdx::from_index(i)),
            None => Err(Error::UnknownTerminal {
                query: query.to_string(),
                suggestions: self
                    .names
                    .suggest(query, crate::names::MAX_SUGGESTIONS, |i| {
                        self.terminals[i].name.clone()
                    }),
            }),
        }
    }

    /// Terminals whose name, alias or id contains the query (normalised as
    /// in [`find`](Self::find)), in network order. An empty query matches all.
    pub fn search(&self, query: &str) -> Vec<&Terminal> {
        let q = crate::names::normalize_name(query);
        self.terminals
            .iter()
            .filter(|t| {
                t.names()
                    .any(|n| crate::names::normalize_name(n).contains(&q))
            })
            .collect()
    }

    /// The nearest terminal to a WGS84 position that passes `filter`, with
    /// its great-circle distance. `None` if no terminal passes or the
    /// position is not finite.
    ///
    /// ```
    /// let net = silkroute_core::Network::eurasia();
    /// // A point in central Baku snaps to a terminal a few km away.
    /// let (t, d) = net.nearest(40.41, 49.87, |_| true).expect("some terminal");
    /// assert!(d.get() < 50.0, "{} is {d} away", t.name);
    /// ```
    pub fn nearest(
        &self,
        lat: f64,
        lon: f64,
        filter: impl Fn(&Terminal) -> bool,
    ) -> Option<(&Terminal, Km)> {
        if !(lat.is_finite() && lon.is_finite()) {
            return None;
        }
        let p = unit_vector(lat, lon);
        self.rtree
            .nearest_neighbor_iter(&p)
            .map(|g| &self.terminals[g.data as usize])
            .find(|t| filter(t))
            .map(|t| (t, great_circle(lat, lon, t.lat, t.lon)))
    }

    // --- The virtual network -------------------------------------------------

    /// Number of places (terminal × layer nodes) in the virtual network.
    pub fn place_count(&self) -> usize {
        self.graph.node_count()
    }

    /// A place by position.
    pub fn place(&self, p: PlaceIdx) -> Place {
        self.graph[NodeIndex::new(p.index())]
    }

    /// The places of a terminal, one per layer it is served by.
    pub fn places_of(&self, t: TerminalIdx) -> &[PlaceIdx] {
        &self.places_of[t.index()]
    }

    /// The links leaving a place.
    pub fn outgoing(&self, p: PlaceIdx) -> impl Iterator<Item = &Link> + '_ {
        self.graph
            .edges(NodeIndex::new(p.index()))
            .map(|e| e.weight())
    }

    /// Number of links (directed leg traversals and transfers).
    pub fn link_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every link of the virtual network.
    pub fn links(&self) -> impl Iterator<Item = &Link> + '_ {
        self.graph.edge_references().map(|e| e.weight())
    }

    /// Which terminals can be reached from `from` over legs and transfers.
    pub fn reachable_from(&self, from: TerminalIdx) -> Vec<bool> {
        let mut seen = vec![false; self.terminals.len()];
        seen[from.index()] = true;
        for &p in self.places_of(from) {
            let mut bfs = Bfs::new(&self.graph, NodeIndex::new(p.index()));
            while let Some(n) = bfs.next(&self.graph) {
                seen[self.graph[n].terminal.index()] = true;
            }
        }
        seen
    }

    /// Turns the network back into a builder, e.g. to add or change parts.
    pub fn to_builder(&self) -> NetworkBuilder {
        let mut b = NetworkBuilder::new();
        b.meta = self.meta.clone();
        b.sources = self.sources.clone();
        b.emission_factors = self.emission_factors.clone();
        b.corridors = self.corridors.clone();
        for t in &self.terminals {
            b.push_terminal(t.clone(), None);
        }
        for l in &self.legs {
            b.push_leg(l.clone(), None);
        }
        b
    }
}
