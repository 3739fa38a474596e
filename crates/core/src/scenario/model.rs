//! The typed changes of a scenario, as [`parse`](super::parse) leaves them:
//! every name and number checked, ready to [apply](super::apply).

use crate::country::CountryCode;
use crate::model::{Gauge, Leg, Mode, Passage, PerContainer, Terminal};

/// One change and the note that explains it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Step {
    pub(super) change: Change,
    pub(super) note: Option<String>,
}

/// A change to a network.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Change {
    Close(Close),
    Scale(Scale),
    AddDwell(AddDwell),
    AddTerminal(Box<Terminal>),
    AddLeg(Box<Leg>),
    AddGauges {
        terminal: String,
        gauges: Vec<Gauge>,
    },
    SetGrid(SetGrid),
}

/// What a `set_grid_intensity` change sets: the grid intensity electric
/// traction uses in these countries.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SetGrid {
    pub(super) countries: Vec<CountryCode>,
    pub(super) g_per_kwh: f64,
    pub(super) year: u16,
    pub(super) source: String,
}

/// What a `close` change removes.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Close {
    pub(super) legs: Vec<String>,
    pub(super) terminals: Vec<String>,
    pub(super) countries: Vec<CountryCode>,
    pub(super) passages: Vec<Passage>,
    pub(super) corridors: Vec<String>,
}

/// The leg figure a `scale` change scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    Cost,
    Time,
    Wait,
    Emissions,
}

impl Measure {
    pub(super) const ALL: [Measure; 4] = [
        Measure::Cost,
        Measure::Time,
        Measure::Wait,
        Measure::Emissions,
    ];

    pub(super) fn as_str(self) -> &'static str {
        match self {
            Measure::Cost => "cost",
            Measure::Time => "time",
            Measure::Wait => "wait",
            Measure::Emissions => "emissions",
        }
    }

    pub(super) fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// The provenance key of the leg field the measure scales.
    pub(super) fn field(self) -> &'static str {
        match self {
            Measure::Cost => "cost_usd",
            Measure::Time => "time_h",
            Measure::Wait => "wait_h",
            Measure::Emissions => "emission_factor",
        }
    }
}

/// Which legs a scaling applies to: every non-empty list must match (AND);
/// within a list any entry matches (OR).
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Selector {
    pub(super) modes: Vec<Mode>,
    pub(super) tags: Vec<String>,
    pub(super) countries: Vec<CountryCode>,
    pub(super) legs: Vec<String>,
}

/// A `scale` change: `new = old × factor + add_h` on the selected legs.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scale {
    pub(super) what: Measure,
    pub(super) factor: f64,
    pub(super) add_h: f64,
    pub(super) select: Selector,
}

/// An `add_dwell` change: handling time and cost added at terminals.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct AddDwell {
    pub(super) terminals: Vec<String>,
    pub(super) countries: Vec<CountryCode>,
    pub(super) hours: f64,
    pub(super) cost: PerContainer<f64>,
}
