//! The records of a network: terminals, legs, sources, emission factors,
//! corridors and the per-field provenance of their figures.

use super::*;
use crate::country::CountryCode;
use crate::units::{Hours, KgCo2e, Km, Usd};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where one figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Provenance {
    /// How the figure was obtained.
    pub method: Method,
    /// The source it rests on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceId>,
    /// A short explanation (the rule, the arithmetic, the chosen value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The range of values found where sources disagree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
}

impl Provenance {
    /// A provenance record with a method and a source.
    pub fn new(method: Method, source: Option<SourceId>) -> Self {
        Provenance {
            method,
            source,
            note: None,
            range: None,
        }
    }
}

/// Per-field provenance, keyed by field name (`distance_km`, `time_h`, …).
pub type ProvenanceMap = BTreeMap<String, Provenance>;

/// A publication that figures come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// Stable id, referenced by legs, terminals and provenance records.
    pub id: SourceId,
    /// Title of the publication or page.
    pub title: String,
    /// Publisher or author.
    pub publisher: String,
    /// Year of publication.
    pub year: u16,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How much it can be trusted.
    pub grade: Grade,
}

impl Source {
    /// Creates a source record.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        publisher: impl Into<String>,
        year: u16,
        grade: Grade,
    ) -> Self {
        Source {
            id: SourceId::new(id),
            title: title.into(),
            publisher: publisher.into(),
            year,
            url: None,
            grade,
        }
    }

    /// Sets the URL.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
}

/// A well-to-wheel emission factor (ISO 14083 / GLEC) for a transport
/// operation category: the fuel-powered part as well-to-tank plus
/// tank-to-wheel grams per unit, and, for electric traction, the energy
/// per unit that the grid intensity of the country a leg runs in turns into
/// well-to-tank grams (electric traction has no tank-to-wheel emissions).
///
/// A leg's factor per unit is `(1 - electric_share) × value` for the fuel
/// part plus `electric_share × kwh_per_unit × grid g/kWh` for the electric
/// part; see `docs/EMISSIONS.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EmissionFactor {
    /// Stable id referenced by legs.
    pub id: EmissionFactorId,
    /// Well-to-wheel grams CO2e per unit of the fuel-powered part
    /// (`ttw + wtt` when the split is given). May be 0 only for a factor
    /// that is wholly electric (`electric_share` 1).
    pub value: f64,
    /// Per tonne-km or per TEU-km.
    pub unit: EmissionUnit,
    /// Always well-to-wheel.
    pub scope: EmissionScope,
    /// Tank-to-wheel grams per unit of the fuel-powered part (combustion).
    /// With `wtt`, splits `value`; without a split the whole `value` is
    /// reported as tank-to-wheel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttw: Option<f64>,
    /// Well-to-tank grams per unit of the fuel-powered part (fuel
    /// production and supply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wtt: Option<f64>,
    /// The energy carrier of the fuel-powered part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy: Option<EnergyCarrier>,
    /// Share of the activity hauled by electric traction, 0 to 1.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub electric_share: f64,
    /// Electricity per unit for the electric part, kWh (from the catenary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kwh_per_unit: Option<f64>,
    /// The range of published values `[low, high]` in grams per unit, where
    /// sources disagree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// How the factor was obtained (published, derived, estimate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// The source of the factor.
    pub source: SourceId,
    /// What the factor stands for (vessel class, traction, load factor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl EmissionFactor {
    /// Creates a well-to-wheel emission factor with no split and no
    /// electric part.
    pub fn new(
        id: impl Into<String>,
        value: f64,
        unit: EmissionUnit,
        source: impl Into<String>,
    ) -> Self {
        EmissionFactor {
            id: EmissionFactorId::new(id),
            value,
            unit,
            scope: EmissionScope::Wtw,
            ttw: None,
            wtt: None,
            energy: None,
            electric_share: 0.0,
            kwh_per_unit: None,
            range: None,
            method: None,
            source: SourceId::new(source),
            note: None,
        }
    }

    /// Splits the fuel-powered part into tank-to-wheel and well-to-tank
    /// grams per unit; `value` becomes their sum.
    pub fn split(mut self, ttw: f64, wtt: f64) -> Self {
        self.ttw = Some(ttw);
        self.wtt = Some(wtt);
        self.value = ttw + wtt;
        self
    }

    /// Sets the share hauled by electric traction and its energy per unit.
    pub fn electric(mut self, share: f64, kwh_per_unit: f64) -> Self {
        self.electric_share = share;
        self.kwh_per_unit = Some(kwh_per_unit);
        self
    }

    /// Sets the energy carrier of the fuel-powered part.
    pub fn energy(mut self, energy: EnergyCarrier) -> Self {
        self.energy = Some(energy);
        self
    }

    /// Tank-to-wheel and well-to-tank grams per unit of the fuel-powered
    /// part: the split if given, else all of `value` as tank-to-wheel.
    pub fn fuel_split(&self) -> (f64, f64) {
        match (self.ttw, self.wtt) {
            (Some(t), Some(w)) => (t, w),
            _ => (self.value, 0.0),
        }
    }
}

/// The carbon intensity of a country's grid electricity, used for electric
/// traction in that country (life-cycle grams CO2e per kWh generated,
/// counted as well-to-tank under ISO 14083).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GridIntensity {
    /// The country.
    pub country: CountryCode,
    /// Grams CO2e per kWh.
    pub g_per_kwh: f64,
    /// The year the figure describes.
    pub year: u16,
    /// How the figure was obtained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// The source of the figure.
    pub source: SourceId,
    /// What the figure stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl GridIntensity {
    /// Creates a grid intensity.
    pub fn new(country: CountryCode, g_per_kwh: f64, year: u16, source: impl Into<String>) -> Self {
        GridIntensity {
            country,
            g_per_kwh,
            year,
            method: None,
            source: SourceId::new(source),
            note: None,
        }
    }
}

/// The emission intensity of a hub operation (ISO 14083 hub operation
/// category): what moving one TEU between modes or gauges at a terminal
/// emits, split into tank-to-wheel and well-to-tank kilograms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct HubFactor {
    /// Stable id referenced by terminals.
    pub id: HubFactorId,
    /// Tank-to-wheel kg CO2e per TEU handled (fuel burnt on site).
    pub ttw_kg_per_teu: f64,
    /// Well-to-tank kg CO2e per TEU handled (fuel supply and the
    /// electricity used on site).
    pub wtt_kg_per_teu: f64,
    /// The range of published values `[low, high]`, kg CO2e per TEU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    /// How the figure was obtained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// The source of the figure.
    pub source: SourceId,
    /// What the figure stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl HubFactor {
    /// Creates a hub factor.
    pub fn new(
        id: impl Into<String>,
        ttw_kg_per_teu: f64,
        wtt_kg_per_teu: f64,
        source: impl Into<String>,
    ) -> Self {
        HubFactor {
            id: HubFactorId::new(id),
            ttw_kg_per_teu,
            wtt_kg_per_teu,
            range: None,
            method: None,
            source: SourceId::new(source),
            note: None,
        }
    }
}

/// Emissions split by the standard's scopes: tank-to-wheel (combustion)
/// and well-to-tank (energy supply). Their sum is well-to-wheel.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Co2e {
    /// Tank-to-wheel.
    pub ttw: KgCo2e,
    /// Well-to-tank.
    pub wtt: KgCo2e,
}

impl Co2e {
    /// Creates a split.
    pub fn new(ttw: KgCo2e, wtt: KgCo2e) -> Self {
        Co2e { ttw, wtt }
    }

    /// Well-to-wheel: tank-to-wheel plus well-to-tank.
    pub fn wtw(&self) -> KgCo2e {
        self.ttw + self.wtt
    }
}

/// Assumptions that turn per-tonne figures into per-container ones.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Assumptions {
    /// Cargo tonnes in a loaded 20ft container (IMO MEPC.1/Circ.684: 10 t per TEU).
    #[serde(default = "default_t20")]
    pub cargo_tonnes_20ft: f64,
    /// Cargo tonnes in a loaded 40ft container (2 TEU: 20 t).
    #[serde(default = "default_t40")]
    pub cargo_tonnes_40ft: f64,
}

fn default_t20() -> f64 {
    10.0
}
fn default_t40() -> f64 {
    20.0
}

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            cargo_tonnes_20ft: default_t20(),
            cargo_tonnes_40ft: default_t40(),
        }
    }
}

impl Assumptions {
    /// Cargo tonnes assumed for a container size.
    pub fn cargo_tonnes(&self, size: ContainerSize) -> f64 {
        match size {
            ContainerSize::Twenty => self.cargo_tonnes_20ft,
            ContainerSize::Forty => self.cargo_tonnes_40ft,
        }
    }

    /// The assumptions with another cargo mass for one container size.
    pub fn with_cargo_tonnes(mut self, size: ContainerSize, tonnes: f64) -> Self {
        match size {
            ContainerSize::Twenty => self.cargo_tonnes_20ft = tonnes,
            ContainerSize::Forty => self.cargo_tonnes_40ft = tonnes,
        }
        self
    }
}

/// A rule that says which routes belong to a corridor. Members combine with AND.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CorridorRule {
    /// Only legs of these modes (empty: any mode).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<Mode>,
    /// No terminal in these countries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid_countries: Vec<CountryCode>,
    /// No leg through these passages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid_passages: Vec<Passage>,
    /// The route passes every one of these passages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require_passages: Vec<Passage>,
    /// The route has a terminal in every one of these countries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require_countries: Vec<CountryCode>,
    /// The route uses at least one leg tagged with one of these tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require_tags: Vec<String>,
}

/// A named corridor definition, such as the Middle Corridor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Corridor {
    /// Stable id.
    pub id: CorridorId,
    /// Display name.
    pub name: String,
    /// A sentence on what the corridor is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Which routes belong to it.
    #[serde(default)]
    pub rule: CorridorRule,
}

impl Corridor {
    /// Creates a corridor definition.
    pub fn new(id: impl Into<String>, name: impl Into<String>, rule: CorridorRule) -> Self {
        Corridor {
            id: CorridorId::new(id),
            name: name.into(),
            description: None,
            rule,
        }
    }
}

/// What it costs to move a container between modes or gauges at a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Handling {
    /// Handling cost per container (lift, transhipment, bogie exchange).
    pub cost_usd: PerContainer<Usd>,
    /// Handling time per container, hours (dwell included).
    pub time_h: Hours,
}

impl Handling {
    /// Creates a handling record.
    pub fn new(cost_usd: PerContainer<Usd>, time_h: Hours) -> Self {
        Handling { cost_usd, time_h }
    }
}

/// A place where containers start, end or change mode: a port, a rail
/// terminal, a border station.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Terminal {
    /// Stable id.
    pub id: TerminalId,
    /// Display name.
    pub name: String,
    /// Other spellings and transliterations.
    pub aliases: Vec<String>,
    /// Country.
    pub country: CountryCode,
    /// What kind of place it is.
    pub kind: TerminalKind,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// Rail gauges present.
    pub gauges: Vec<Gauge>,
    /// Mode and gauge change; `None` if containers cannot change mode here.
    pub handling: Option<Handling>,
    /// The hub operation emission factor of a mode or gauge change here
    /// (an id of the network's hub factors); `None`: not counted.
    pub hub_factor: Option<HubFactorId>,
    /// Per-container emissions of one mode or gauge change here, derived
    /// from `hub_factor` on loading (zero without one).
    pub hub_co2e: PerContainer<Co2e>,
    /// Sources of the terminal's figures.
    pub sources: Vec<SourceId>,
    /// Per-field provenance.
    pub provenance: ProvenanceMap,
}

impl Terminal {
    /// Creates a terminal with no gauges, no handling and no sources.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        country: CountryCode,
        kind: TerminalKind,
        lat: f64,
        lon: f64,
    ) -> Self {
        Terminal {
            id: TerminalId::new(id),
            name: name.into(),
            aliases: Vec::new(),
            country,
            kind,
            lat,
            lon,
            gauges: Vec::new(),
            handling: None,
            hub_factor: None,
            hub_co2e: PerContainer::default(),
            sources: Vec::new(),
            provenance: ProvenanceMap::new(),
        }
    }

    /// The name, the aliases and the id: every string the terminal is found by.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(std::iter::once(self.id.as_str()))
    }

    /// Adds an alias.
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// Adds a rail gauge.
    pub fn gauge(mut self, gauge: Gauge) -> Self {
        self.gauges.push(gauge);
        self
    }

    /// Sets the handling cost and time for mode and gauge changes.
    pub fn handling(mut self, handling: Handling) -> Self {
        self.handling = Some(handling);
        self
    }

    /// Sets the hub operation emission factor of a mode or gauge change.
    pub fn hub_factor(mut self, id: impl Into<String>) -> Self {
        self.hub_factor = Some(HubFactorId::new(id));
        self
    }

    /// Adds a source.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.sources.push(SourceId::new(source));
        self
    }
}

/// Capacity of a leg.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Capacity {
    /// The amount.
    pub value: f64,
    /// Per what.
    pub unit: CapacityUnit,
}

impl Capacity {
    /// Creates a capacity figure.
    pub fn new(value: f64, unit: CapacityUnit) -> Self {
        Capacity { value, unit }
    }
}

/// A transport link between two terminals by one mode.
///
/// Per-container emissions are derived from the emission factor when the
/// leg is added to a network; see [`Leg::co2e`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Leg {
    /// Stable id.
    pub id: LegId,
    /// Where it starts.
    pub from: TerminalId,
    /// Where it ends.
    pub to: TerminalId,
    /// The mode.
    pub mode: Mode,
    /// Track gauge, for rail legs.
    pub gauge: Option<Gauge>,
    /// Whether the leg can be used from `to` to `from` with the same figures.
    pub bidirectional: bool,
    /// Length along the line or sea lane.
    pub distance: Km,
    /// Moving time.
    pub time: Hours,
    /// Expected waiting time (sailings, border processing, gauge-change queues).
    pub wait: Hours,
    /// Cost per container.
    pub cost: PerContainer<Usd>,
    /// The emission factor id.
    pub emission_factor: EmissionFactorId,
    /// Per-container well-to-wheel emissions, derived from the factor on
    /// loading: `co2e_split`'s tank-to-wheel plus well-to-tank.
    pub co2e: PerContainer<KgCo2e>,
    /// Per-container emissions split into tank-to-wheel and well-to-tank,
    /// derived from the factor (and, for electric traction, the grid
    /// intensity of the countries the leg runs in) on loading.
    pub co2e_split: PerContainer<Co2e>,
    /// Capacity, where known.
    pub capacity: Option<Capacity>,
    /// Sailings per week, for sea and ferry legs where known.
    pub sailings_per_week: Option<f64>,
    /// Corridor tags.
    pub corridors: Vec<String>,
    /// Chokepoints passed.
    pub passages: Vec<Passage>,
    /// The border crossed, `(from country, to country)`.
    pub border: Option<(CountryCode, CountryCode)>,
    /// Sources.
    pub sources: Vec<SourceId>,
    /// Per-field provenance.
    pub provenance: ProvenanceMap,
    /// Drawing geometry as `(lat, lon)` points from `from` to `to`.
    pub geometry: Vec<(f64, f64)>,
}

impl Leg {
    /// Creates a bidirectional leg with no waiting, no cost, no sources and
    /// a straight geometry; chain the builder methods to fill it in.
    pub fn new(
        id: impl Into<String>,
        from: impl Into<String>,
        to: impl Into<String>,
        mode: Mode,
        distance: Km,
        time: Hours,
    ) -> Self {
        Leg {
            id: LegId::new(id),
            from: TerminalId::new(from),
            to: TerminalId::new(to),
            mode,
            gauge: None,
            bidirectional: true,
            distance,
            time,
            wait: Hours::ZERO,
            cost: PerContainer::default(),
            emission_factor: EmissionFactorId::new(""),
            co2e: PerContainer::default(),
            co2e_split: PerContainer::default(),
            capacity: None,
            sailings_per_week: None,
            corridors: Vec::new(),
            passages: Vec::new(),
            border: None,
            sources: Vec::new(),
            provenance: ProvenanceMap::new(),
            geometry: Vec::new(),
        }
    }

    /// Sets the rail gauge.
    pub fn gauge(mut self, gauge: Gauge) -> Self {
        self.gauge = Some(gauge);
        self
    }

    /// Makes the leg one-way.
    pub fn one_way(mut self) -> Self {
        self.bidirectional = false;
        self
    }

    /// Sets the expected waiting time.
    pub fn wait(mut self, wait: Hours) -> Self {
        self.wait = wait;
        self
    }

    /// Sets the cost per 20ft and 40ft container.
    pub fn cost(mut self, twenty: Usd, forty: Usd) -> Self {
        self.cost = PerContainer::new(twenty, forty);
        self
    }

    /// Sets the emission factor id.
    pub fn emission_factor(mut self, id: impl Into<String>) -> Self {
        self.emission_factor = EmissionFactorId::new(id);
        self
    }

    /// Adds a corridor tag.
    pub fn corridor(mut self, tag: impl Into<String>) -> Self {
        self.corridors.push(tag.into());
        self
    }

    /// Adds a passage.
    pub fn passage(mut self, passage: Passage) -> Self {
        self.passages.push(passage);
        self
    }

    /// Sets the border crossed.
    pub fn border(mut self, from: CountryCode, to: CountryCode) -> Self {
        self.border = Some((from, to));
        self
    }

    /// Adds a source.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.sources.push(SourceId::new(source));
        self
    }

    /// Total time on the leg: moving plus waiting.
    pub fn total_time(&self) -> Hours {
        self.time + self.wait
    }

    /// Whether the leg carries a corridor tag.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.corridors.iter().any(|t| t == tag)
    }
}
