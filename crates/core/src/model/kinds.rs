//! The closed enums of the model and the values tied to them: modes,
//! passages, gauges, container sizes, terminal kinds, methods, grades and
//! units. Each has `ALL`, `as_str` and `index`, so callers never need a
//! catch-all arm.

use super::UnknownName;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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

enum_names!(Mode, [Rail => "rail", Road => "road", Sea => "sea", Ferry => "ferry"]);
display_and_parse!(Mode, "mode");

impl Mode {
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

enum_names!(Passage, [
    Suez => "suez",
    BabElMandeb => "bab-el-mandeb",
    Bosporus => "bosporus",
    Dardanelles => "dardanelles",
    Gibraltar => "gibraltar",
    Malacca => "malacca",
    Hormuz => "hormuz",
    CapeOfGoodHope => "cape-of-good-hope",
    Panama => "panama",
    Sunda => "sunda",
]);

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
                return Err(UnknownName::new(
                    "passage",
                    s,
                    &Passage::ALL.map(Passage::as_str),
                ));
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

enum_names!(ContainerSize, [Twenty => "20", Forty => "40"]);

impl ContainerSize {
    /// Twenty-foot equivalent units of the container.
    pub fn teu(self) -> f64 {
        match self {
            ContainerSize::Twenty => 1.0,
            ContainerSize::Forty => 2.0,
        }
    }

    /// The nominal length in feet: 20 or 40.
    pub fn feet(self) -> u16 {
        match self {
            ContainerSize::Twenty => 20,
            ContainerSize::Forty => 40,
        }
    }

    /// The size of a nominal length in feet, if there is one.
    ///
    /// ```
    /// use silkroute_core::ContainerSize;
    /// for size in ContainerSize::ALL {
    ///     assert_eq!(ContainerSize::from_feet(size.feet()), Some(size));
    /// }
    /// assert_eq!(ContainerSize::from_feet(45), None);
    /// ```
    pub fn from_feet(feet: u16) -> Option<ContainerSize> {
        ContainerSize::ALL.into_iter().find(|s| s.feet() == feet)
    }
}

impl FromStr for ContainerSize {
    type Err = UnknownName;

    /// Accepts `20` and `40`, with or without `ft`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let t = t.trim_end_matches("ft");
        ContainerSize::ALL
            .into_iter()
            .find(|c| c.as_str() == t)
            .ok_or_else(|| {
                UnknownName::new(
                    "container size",
                    s,
                    &ContainerSize::ALL.map(ContainerSize::as_str),
                )
            })
    }
}

impl fmt::Display for ContainerSize {
    /// `20ft` or `40ft`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}ft", self.feet())
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

enum_names!(TerminalKind, [
    SeaPort => "sea_port",
    RiverPort => "river_port",
    RailTerminal => "rail_terminal",
    DryPort => "dry_port",
    BorderStation => "border_station",
    LogisticsCentre => "logistics_centre",
]);
display_and_parse!(TerminalKind, "terminal kind");

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

enum_names!(Method, [
    Published => "published",
    Derived => "derived",
    Network => "network",
    Estimate => "estimate",
]);
display_and_parse!(Method, "method");

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

enum_names!(Grade, [A => "A", B => "B", C => "C", D => "D"]);
display_and_parse!(Grade, "grade");

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

enum_names!(EmissionUnit, [GPerTkm => "g_per_tkm", GPerTeuKm => "g_per_teu_km"]);
display_and_parse!(EmissionUnit, "emission unit");

/// The energy carrier of a transport operation's fuel-powered part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EnergyCarrier {
    /// Diesel (road, diesel traction).
    Diesel,
    /// Marine diesel oil / marine gas oil.
    Mdo,
    /// Very-low-sulphur fuel oil.
    Vlsfo,
    /// Heavy fuel oil.
    Hfo,
    /// Liquefied natural gas.
    Lng,
    /// A fleet average of several fuels.
    Mixed,
}

enum_names!(EnergyCarrier, [
    Diesel => "diesel",
    Mdo => "mdo",
    Vlsfo => "vlsfo",
    Hfo => "hfo",
    Lng => "lng",
    Mixed => "mixed",
]);
display_and_parse!(EnergyCarrier, "energy carrier");

/// The scope of an emission factor. Only well-to-wheel is accepted, as
/// ISO 14083 and the GLEC Framework require for reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EmissionScope {
    /// Well-to-wheel: fuel production plus combustion.
    Wtw,
}

enum_names!(EmissionScope, [Wtw => "wtw"]);
display_and_parse!(EmissionScope, "emission scope");

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

enum_names!(CapacityUnit, [
    TeuPerYear => "teu_per_year",
    TrainsPerDay => "trains_per_day",
    TonnesPerYear => "tonnes_per_year",
]);
display_and_parse!(CapacityUnit, "capacity unit");

#[cfg(test)]
mod tests {
    use super::*;

    /// `ALL`, `index`, `as_str`, the serde name and `FromStr` agree for
    /// every value of an enum.
    fn agree<T>(all: &[T], as_str: fn(T) -> &'static str, index: fn(T) -> usize)
    where
        T: Copy + PartialEq + fmt::Debug + Serialize + FromStr,
        <T as FromStr>::Err: fmt::Debug,
    {
        for (i, &v) in all.iter().enumerate() {
            assert_eq!(index(v), i, "{v:?}");
            assert_eq!(
                serde_json::to_value(v).ok(),
                Some(serde_json::json!(as_str(v)))
            );
            assert_eq!(as_str(v).parse::<T>().ok(), Some(v), "{v:?}");
        }
    }

    #[test]
    fn enum_names_agree_with_serde_and_parse() {
        agree(&Mode::ALL, Mode::as_str, Mode::index);
        agree(&Passage::ALL, Passage::as_str, Passage::index);
        agree(
            &ContainerSize::ALL,
            ContainerSize::as_str,
            ContainerSize::index,
        );
        agree(
            &TerminalKind::ALL,
            TerminalKind::as_str,
            TerminalKind::index,
        );
        agree(&Method::ALL, Method::as_str, Method::index);
        agree(&Grade::ALL, Grade::as_str, Grade::index);
        agree(
            &EmissionUnit::ALL,
            EmissionUnit::as_str,
            EmissionUnit::index,
        );
        agree(
            &EmissionScope::ALL,
            EmissionScope::as_str,
            EmissionScope::index,
        );
        agree(
            &CapacityUnit::ALL,
            CapacityUnit::as_str,
            CapacityUnit::index,
        );
    }

    #[test]
    fn unknown_names_list_the_valid_ones() {
        let e = "45ft".parse::<ContainerSize>().expect_err("no 45ft box");
        assert_eq!(
            e.to_string(),
            "unknown container size \"45ft\": expected one of 20, 40"
        );
        let e = "air".parse::<Mode>().expect_err("no air mode");
        assert_eq!(e.expected, ["rail", "road", "sea", "ferry"]);
        assert_eq!(" RAIL ".parse::<Mode>(), Ok(Mode::Rail));
        assert_eq!("40FT".parse::<ContainerSize>(), Ok(ContainerSize::Forty));
        assert_eq!(ContainerSize::Forty.to_string(), "40ft");
        assert_eq!(ContainerSize::Twenty.feet(), 20);
    }
}
