//! The network model: terminals, legs, corridors and their sources.

use crate::country::CountryCode;
use crate::units::{Hours, KgCo2e, Km, Usd};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub(crate) String);

        impl $name {
            /// Wraps a string as an id (no validation; loading validates).
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Ids hash and compare as their strings, so maps keyed by ids can be
        // queried with a `&str` without allocating.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    };
}

string_id!(
    /// The stable id of a terminal, e.g. `alat`.
    TerminalId
);
string_id!(
    /// The stable id of a leg, e.g. `aktau-alat-ferry`.
    LegId
);
string_id!(
    /// The id of a source in the network's sources table.
    SourceId
);
string_id!(
    /// The id of a corridor definition, e.g. `middle-corridor`.
    CorridorId
);
string_id!(
    /// The id of an emission factor in the network's table.
    EmissionFactorId
);

/// Whether an id is well formed: lowercase ASCII letters, digits and `-`,
/// not empty, at most 64 characters.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A transport mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Mode {
    /// Rail, on a given track gauge.
    Rail,
    /// Road haulage by truck.
    Road,
    /// Deep-sea or short-sea container shipping.
    Sea,
    /// Rail or Ro-Ro ferry (the Caspian crossings, Black Sea train ferries).
    Ferry,
}

impl Mode {
    /// Every mode, in a fixed order.
    pub const ALL: [Mode; 4] = [Mode::Rail, Mode::Road, Mode::Sea, Mode::Ferry];

    /// The lowercase name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Rail => "rail",
            Mode::Road => "road",
            Mode::Sea => "sea",
            Mode::Ferry => "ferry",
        }
    }

    /// The highest plausible average moving speed of the mode in km/h; a leg
    /// faster than this is rejected when a network is loaded.
    pub fn max_speed_kmh(self) -> f64 {
        match self {
            Mode::Rail => 120.0,
            Mode::Road => 100.0,
            Mode::Sea => 60.0,
            Mode::Ferry => 50.0,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for an unknown mode, passage or other enumerated name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{value}\": expected one of {}", expected.join(", "))]
pub struct UnknownName {
    /// What kind of name was expected ("mode", "passage", …).
    pub what: &'static str,
    /// The rejected input.
    pub value: String,
    /// The accepted names.
    pub expected: Vec<&'static str>,
}

impl FromStr for Mode {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str() == t)
            .ok_or_else(|| UnknownName {
                what: "mode",
                value: s.to_string(),
                expected: Mode::ALL.iter().map(|m| m.as_str()).collect(),
            })
    }
}

/// A maritime chokepoint or strait a leg passes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Passage {
    /// The Suez Canal.
    Suez,
    /// The Bab-el-Mandeb strait (Red Sea – Gulf of Aden).
    BabElMandeb,
    /// The Bosporus (Istanbul).
    Bosporus,
    /// The Dardanelles.
    Dardanelles,
    /// The Strait of Gibraltar.
    Gibraltar,
    /// The Strait of Malacca.
    Malacca,
    /// The Strait of Hormuz.
    Hormuz,
    /// Around the Cape of Good Hope.
    CapeOfGoodHope,
    /// The Panama Canal.
    Panama,
    /// The Sunda Strait.
    Sunda,
}

impl Passage {
    /// Every passage, in a fixed order.
    pub const ALL: [Passage; 10] = [
        Passage::Suez,
        Passage::BabElMandeb,
        Passage::Bosporus,
        Passage::Dardanelles,
        Passage::Gibraltar,
        Passage::Malacca,
        Passage::Hormuz,
        Passage::CapeOfGoodHope,
        Passage::Panama,
        Passage::Sunda,
    ];

    /// The kebab-case name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Passage::Suez => "suez",
            Passage::BabElMandeb => "bab-el-mandeb",
            Passage::Bosporus => "bosporus",
            Passage::Dardanelles => "dardanelles",
            Passage::Gibraltar => "gibraltar",
            Passage::Malacca => "malacca",
            Passage::Hormuz => "hormuz",
            Passage::CapeOfGoodHope => "cape-of-good-hope",
            Passage::Panama => "panama",
            Passage::Sunda => "sunda",
        }
    }
}

impl fmt::Display for Passage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Passage {
    type Err = UnknownName;

    /// Accepts the kebab-case names and the spellings of other tools
    /// (searoute's `babalmandab`, `ormuz`, `south_africa`; `cape`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t: String = s
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let p = match t.as_str() {
            "suez" | "suezcanal" => Passage::Suez,
            "babelmandeb" | "babalmandab" | "babalmandeb" | "redsea" => Passage::BabElMandeb,
            "bosporus" | "bosphorus" => Passage::Bosporus,
            "dardanelles" => Passage::Dardanelles,
            "gibraltar" => Passage::Gibraltar,
            "malacca" => Passage::Malacca,
            "hormuz" | "ormuz" => Passage::Hormuz,
            "capeofgoodhope" | "cape" | "southafrica" | "goodhope" => Passage::CapeOfGoodHope,
            "panama" | "panamacanal" => Passage::Panama,
            "sunda" => Passage::Sunda,
            _ => {
                return Err(UnknownName {
                    what: "passage",
                    value: s.to_string(),
                    expected: Passage::ALL.iter().map(|p| p.as_str()).collect(),
                });
            }
        };
        Ok(p)
    }
}

/// A railway track gauge in millimetres (1435 standard, 1520 Russian, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Gauge(pub u16);

impl Gauge {
    /// Standard gauge, 1435 mm (China, Iran, Türkiye, most of Europe).
    pub const STANDARD: Gauge = Gauge(1435);
    /// Russian gauge, 1520 mm (the former Soviet Union, Finland 1524 aside).
    pub const RUSSIAN: Gauge = Gauge(1520);

    /// Whether the value is a plausible track gauge (600–1700 mm).
    pub fn is_plausible(self) -> bool {
        (600..=1700).contains(&self.0)
    }
}

impl fmt::Display for Gauge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} mm", self.0)
    }
}

/// The size of a container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ContainerSize {
    /// A 20-foot container (1 TEU).
    #[serde(rename = "20")]
    Twenty,
    /// A 40-foot container (2 TEU, one FEU). The default.
    #[default]
    #[serde(rename = "40")]
    Forty,
}

impl ContainerSize {
    /// Twenty-foot equivalent units of the container.
    pub fn teu(self) -> f64 {
        match self {
            ContainerSize::Twenty => 1.0,
            ContainerSize::Forty => 2.0,
        }
    }
}

impl FromStr for ContainerSize {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().trim_end_matches("ft") {
            "20" => Ok(ContainerSize::Twenty),
            "40" => Ok(ContainerSize::Forty),
            _ => Err(UnknownName {
                what: "container size",
                value: s.to_string(),
                expected: vec!["20", "40"],
            }),
        }
    }
}

impl fmt::Display for ContainerSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ContainerSize::Twenty => "20ft",
            ContainerSize::Forty => "40ft",
        })
    }
}

/// A value for each container size.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PerContainer<T> {
    /// For a 20-foot container.
    #[serde(rename = "20")]
    pub twenty: T,
    /// For a 40-foot container.
    #[serde(rename = "40")]
    pub forty: T,
}

impl<T: Copy> PerContainer<T> {
    /// Creates a value from the 20ft and 40ft figures.
    pub fn new(twenty: T, forty: T) -> Self {
        PerContainer { twenty, forty }
    }

    /// The value for a container size.
    pub fn get(&self, size: ContainerSize) -> T {
        match size {
            ContainerSize::Twenty => self.twenty,
            ContainerSize::Forty => self.forty,
        }
    }
}

/// What kind of place a terminal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TerminalKind {
    /// A sea port (or a Caspian port).
    SeaPort,
    /// An inland waterway port.
    RiverPort,
    /// A rail freight terminal or junction.
    RailTerminal,
    /// An inland container depot or dry port.
    DryPort,
    /// A border station (customs, gauge change).
    BorderStation,
    /// A logistics centre or free zone.
    LogisticsCentre,
}

impl TerminalKind {
    /// The snake_case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            TerminalKind::SeaPort => "sea_port",
            TerminalKind::RiverPort => "river_port",
            TerminalKind::RailTerminal => "rail_terminal",
            TerminalKind::DryPort => "dry_port",
            TerminalKind::BorderStation => "border_station",
            TerminalKind::LogisticsCentre => "logistics_centre",
        }
    }
}

impl fmt::Display for TerminalKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a figure was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// As a source publishes it.
    Published,
    /// Simple arithmetic on published figures.
    Derived,
    /// Measured on a network (OSM railways, a maritime network).
    Network,
    /// No published figure: a documented estimation rule.
    Estimate,
}

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

/// The grade of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Grade {
    /// Official or primary (railway, port, ministry, IFI, standard).
    A,
    /// Trade press quoting officials or carriers.
    B,
    /// Blog, forwarder marketing, traveller report: a sanity range only.
    C,
    /// This project's own documented estimation rule.
    D,
}

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

/// The unit of an emission factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EmissionUnit {
    /// Grams CO2e per tonne-km of cargo.
    GPerTkm,
    /// Grams CO2e per TEU-km (a 40ft container counts 2 TEU).
    GPerTeuKm,
}

/// The scope of an emission factor. Only well-to-wheel is accepted, as
/// ISO 14083 and the GLEC Framework require for reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EmissionScope {
    /// Well-to-wheel: fuel production plus combustion.
    Wtw,
}

/// A well-to-wheel emission factor (ISO 14083 / GLEC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EmissionFactor {
    /// Stable id referenced by legs.
    pub id: EmissionFactorId,
    /// The factor, in grams CO2e per unit.
    pub value: f64,
    /// Per tonne-km or per TEU-km.
    pub unit: EmissionUnit,
    /// Always well-to-wheel.
    pub scope: EmissionScope,
    /// The source of the factor.
    pub source: SourceId,
    /// What the factor stands for (vessel class, traction, load factor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl EmissionFactor {
    /// Creates a well-to-wheel emission factor.
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
            source: SourceId::new(source),
            note: None,
        }
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

/// The unit of a capacity figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CapacityUnit {
    /// Twenty-foot equivalent units per year.
    TeuPerYear,
    /// Trains per day.
    TrainsPerDay,
    /// Tonnes per year.
    TonnesPerYear,
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
    /// Per-container emissions, derived from the factor on loading.
    pub co2e: PerContainer<KgCo2e>,
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
