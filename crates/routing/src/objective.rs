//! What a route minimises.

use crate::fixed::to_units;
use silkroute_core::{ContainerSize, Leg, Terminal};
use std::fmt;
use std::str::FromStr;

/// Default value of time, USD per container-hour: the inventory carrying
/// cost of a 40ft box holding about 60,000 USD of goods at 20 % a year
/// (60,000 × 0.20 / 8,760 h ≈ 1.4 USD/h), rounded to 1.5.
pub const DEFAULT_VALUE_OF_TIME: f64 = 1.5;

/// Default carbon price, USD per tonne CO2e: about the 2025 average EU ETS
/// allowance price (≈ 80 EUR/t).
pub const DEFAULT_CARBON_PRICE: f64 = 90.0;

/// The quantity a route minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Objective {
    /// US dollars per container, transfers included. The default.
    #[default]
    Cost,
    /// Hours door to door: moving, waiting and transfers.
    Time,
    /// Kilometres.
    Distance,
    /// Kilograms CO2e per container (well-to-wheel).
    Co2e,
    /// USD + value of time × hours + carbon price × tonnes CO2e.
    Generalized,
}

impl Objective {
    /// Every objective.
    pub const ALL: [Objective; 5] = [
        Objective::Cost,
        Objective::Time,
        Objective::Distance,
        Objective::Co2e,
        Objective::Generalized,
    ];

    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Cost => "cost",
            Objective::Time => "time",
            Objective::Distance => "distance",
            Objective::Co2e => "co2e",
            Objective::Generalized => "generalized",
        }
    }
}

impl fmt::Display for Objective {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Objective {
    type Err = crate::RoutingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        Objective::ALL
            .into_iter()
            .find(|o| o.as_str() == t || (t == "co2" && *o == Objective::Co2e))
            .ok_or_else(|| crate::RoutingError::UnknownName {
                what: "objective",
                value: s.to_string(),
                expected: Objective::ALL
                    .iter()
                    .map(|o| o.as_str().to_string())
                    .collect(),
            })
    }
}

/// The four measured quantities of a leg, a transfer or a route, in
/// [fixed-point units](crate::fixed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Measures {
    pub km: i64,
    /// Moving time plus waiting time (a leg) or handling time (a transfer).
    pub hours: i64,
    pub usd: i64,
    pub kg: i64,
}

impl Measures {
    pub(crate) fn of_leg(leg: &Leg, size: ContainerSize) -> Self {
        Measures {
            km: to_units(leg.distance.0),
            // Each part rounded as the route reports it.
            hours: to_units(leg.time.0).saturating_add(to_units(leg.wait.0)),
            usd: to_units(leg.cost.get(size).0),
            kg: co2e_units(leg.co2e_split.get(size)),
        }
    }

    /// A mode or gauge change at `t`: its handling and its hub emissions.
    pub(crate) fn of_transfer(t: &Terminal, size: ContainerSize) -> Self {
        let kg = co2e_units(t.hub_co2e.get(size));
        match t.handling {
            Some(h) => Measures {
                km: 0,
                hours: to_units(h.time_h.0),
                usd: to_units(h.cost_usd.get(size).0),
                kg,
            },
            None => Measures {
                kg,
                ..Measures::default()
            },
        }
    }
}

/// Well-to-wheel emissions in units: tank-to-wheel and well-to-tank each
/// rounded as a route reports them, so that the parts add up exactly.
pub(crate) fn co2e_units(c: silkroute_core::Co2e) -> i64 {
    to_units(c.ttw.0).saturating_add(to_units(c.wtt.0))
}

/// An objective with its parameters: turns measures into one weight.
///
/// This is the metric trait every objective implements (as `geo`'s metric
/// spaces do for distances), so that one search serves them all.
pub(crate) trait Weigh {
    /// The weight in [fixed-point units](crate::fixed).
    fn weigh(&self, m: &Measures) -> i64;
}

/// An objective together with the generalized-cost parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Weighting {
    pub objective: Objective,
    pub value_of_time: f64,
    pub carbon_price: f64,
}

impl Weigh for Weighting {
    #[inline]
    fn weigh(&self, m: &Measures) -> i64 {
        match self.objective {
            Objective::Cost => m.usd,
            Objective::Time => m.hours,
            Objective::Distance => m.km,
            Objective::Co2e => m.kg,
            // Units of USD, plus USD/h × units of hours, plus USD/t × units
            // of kg / 1000 (units of tonnes): all in units of USD, rounded
            // once.
            Objective::Generalized => (m.usd as f64
                + self.value_of_time * m.hours as f64
                + self.carbon_price * m.kg as f64 / 1000.0)
                .round() as i64,
        }
    }
}
