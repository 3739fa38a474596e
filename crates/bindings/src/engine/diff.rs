//! `diff`: the corridors of a trip on the baseline network and with
//! scenarios applied, side by side.

use super::Engine;
use crate::v1::{ErrorBody, ErrorKind, Request};
use silkroute_routing::{Objective, Route};

/// One side (baseline or scenario) of a [`DiffRow`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DiffSide {
    /// The best route on that side.
    Route(Box<Route>),
    /// Why that side has no route.
    NoRoute(ErrorBody),
    /// The corridor definition is gone: the scenario closed every leg
    /// carrying one of its required tags.
    Dropped,
}

impl DiffSide {
    /// The route, if this side has one.
    pub fn route(&self) -> Option<&Route> {
        match self {
            DiffSide::Route(r) => Some(r),
            _ => None,
        }
    }

    /// Why there is no route (empty when there is one).
    pub fn reason(&self) -> String {
        match self {
            DiffSide::Route(_) => String::new(),
            DiffSide::NoRoute(e) => e.message.clone(),
            DiffSide::Dropped => "the scenario closed every leg the corridor requires".into(),
        }
    }

    /// The error of this side, if it has no route.
    pub fn error(&self) -> Option<ErrorBody> {
        match self {
            DiffSide::Route(_) => None,
            DiffSide::NoRoute(e) => Some(e.clone()),
            DiffSide::Dropped => Some(ErrorBody::new(ErrorKind::CorridorClosed, self.reason())),
        }
    }
}

/// How a row changed from the baseline to the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DiffStatus {
    /// Same legs, same totals.
    Unchanged,
    /// Another route or other totals.
    Changed,
    /// A route on the baseline, none with the scenario.
    NowInfeasible,
    /// No route on the baseline, one with the scenario.
    NowFeasible,
    /// No route on either side.
    Infeasible,
}

impl DiffStatus {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DiffStatus::Unchanged => "unchanged",
            DiffStatus::Changed => "changed",
            DiffStatus::NowInfeasible => "now_infeasible",
            DiffStatus::NowFeasible => "now_feasible",
            DiffStatus::Infeasible => "infeasible",
        }
    }
}

/// One row of a [`Diff`]: the best route overall or a corridor's.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DiffRow {
    /// The corridor id (`None` for the best route overall).
    pub corridor: Option<String>,
    /// A label for people.
    pub name: String,
    /// The baseline side.
    pub baseline: DiffSide,
    /// The side with the scenarios applied.
    pub scenario: DiffSide,
}

impl DiffRow {
    /// How the row changed.
    pub fn status(&self) -> DiffStatus {
        match (self.baseline.route(), self.scenario.route()) {
            (Some(a), Some(b)) => {
                if a.leg_ids() == b.leg_ids() && a.totals == b.totals {
                    DiffStatus::Unchanged
                } else {
                    DiffStatus::Changed
                }
            }
            (Some(_), None) => DiffStatus::NowInfeasible,
            (None, Some(_)) => DiffStatus::NowFeasible,
            (None, None) => DiffStatus::Infeasible,
        }
    }

    /// Scenario minus baseline: (hours, USD, kg CO2e, km), when both sides
    /// have a route.
    pub fn delta(&self) -> Option<(f64, f64, f64, f64)> {
        let (a, b) = (self.baseline.route()?, self.scenario.route()?);
        Some((
            b.totals.time.get() - a.totals.time.get(),
            b.totals.cost.get() - a.totals.cost.get(),
            b.totals.co2e.get() - a.totals.co2e.get(),
            b.totals.distance.get() - a.totals.distance.get(),
        ))
    }
}

/// A trip on the baseline and with scenarios: the best route, then one row
/// per corridor of the baseline network, in its order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Diff {
    /// The scenarios applied: (id, name), in order.
    pub scenarios: Vec<(String, String)>,
    /// The objective minimised.
    pub objective: Objective,
    /// The best route overall first, then the corridors.
    pub rows: Vec<DiffRow>,
}

/// A side from a result: no route where the trip is infeasible on that
/// network; any other error is the request's and ends the diff.
fn side(result: Result<Route, ErrorBody>, infeasible: &[ErrorKind]) -> Result<DiffSide, ErrorBody> {
    match result {
        Ok(r) => Ok(DiffSide::Route(Box::new(r))),
        Err(e) if infeasible.contains(&e.kind) => Ok(DiffSide::NoRoute(e)),
        Err(e) => Err(e),
    }
}

/// The kinds that mean "no route on this network" on the scenario side: a
/// scenario may close the origin itself.
const SCENARIO_INFEASIBLE: [ErrorKind; 4] = [
    ErrorKind::UnknownTerminal,
    ErrorKind::NoRoute,
    ErrorKind::ContradictoryConstraints,
    ErrorKind::BadPosition,
];

pub(super) fn diff(engine: &Engine, r: &Request) -> Result<Diff, ErrorBody> {
    if r.scenarios.has_no_scenario() {
        return Err(ErrorBody::new(
            ErrorKind::InvalidRequest,
            "diff compares the baseline with scenarios: give at least one scenario",
        ));
    }
    // The baseline carries the request's cargo mass too: only the
    // scenarios differ between the two sides.
    let base = engine.router_for(&r.scenarios.baseline())?;
    let scen = engine.router_for(&r.scenarios)?;
    let best = |router: &silkroute_routing::Router| {
        router
            .best(&r.route.clone().alternatives(0))
            .map_err(|e| ErrorBody::from(&e))
    };
    let best_base = side(best(&base), &[ErrorKind::NoRoute])?;
    let best_scen = side(best(&scen), &SCENARIO_INFEASIBLE)?;
    let base_cmp = base.compare(&r.route).map_err(|e| ErrorBody::from(&e))?;
    let scen_cmp = match scen.compare(&r.route) {
        Ok(c) => Ok(c),
        Err(e) if SCENARIO_INFEASIBLE.contains(&ErrorKind::from(&e)) => Err(ErrorBody::from(&e)),
        Err(e) => return Err(ErrorBody::from(&e)),
    };
    let side_of = |cmp: &[silkroute_routing::CorridorOption], id: &str| -> DiffSide {
        match cmp.iter().find(|o| o.corridor.id.as_str() == id) {
            Some(o) => match &o.result {
                Ok(route) => DiffSide::Route(Box::new(route.clone())),
                Err(e) => DiffSide::NoRoute(ErrorBody::from(e)),
            },
            None => DiffSide::Dropped,
        }
    };
    let objective = r.route.objective_value();
    let mut rows = vec![DiffRow {
        corridor: None,
        name: format!("best route ({objective})"),
        baseline: best_base,
        scenario: best_scen,
    }];
    for c in base.network().corridors() {
        let id = c.id.as_str();
        rows.push(DiffRow {
            corridor: Some(id.to_string()),
            name: c.name.clone(),
            baseline: side_of(&base_cmp, id),
            scenario: match &scen_cmp {
                Ok(cmp) => side_of(cmp, id),
                Err(e) => DiffSide::NoRoute(e.clone()),
            },
        });
    }
    Ok(Diff {
        scenarios: r
            .scenarios
            .iter()
            .map(|s| (s.id().to_string(), s.name().to_string()))
            .collect(),
        objective,
        rows,
    })
}
