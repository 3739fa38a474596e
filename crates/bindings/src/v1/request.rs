//! The API v1 request parsed once into typed values.

use super::{ErrorBody, ErrorKind, RouteRequest as V1Request};
use silkroute_core::{ContainerSize, CountryCode, Mode, Passage, Scenario};
use silkroute_routing::{Endpoint, Objective, ParetoOptions, RouteRequest, RoutingError};
use std::str::FromStr;
use std::sync::Arc;

/// Most what-if scenarios one request may apply.
pub const MAX_SCENARIOS: usize = 16;

/// What-if scenarios parsed from their names (built-in ids or inline
/// JSON), in the order they apply. The key (the names as given) identifies
/// the scenario network they make, so an engine builds it once.
#[derive(Debug, Clone, Default)]
pub struct Scenarios {
    key: Vec<String>,
    list: Vec<Arc<Scenario>>,
    /// The cargo mass a request sets for its container size, applied to
    /// the network's assumptions after the scenarios.
    cargo: Option<(ContainerSize, f64)>,
}

/// Largest cargo mass accepted for a container size, tonnes: ISO 668's
/// maximum gross mass of 30.48 t less a typical tare (2.3 t for a 20ft,
/// 3.8 t for a 40ft box).
pub const MAX_CARGO_TONNES: [(ContainerSize, f64); 2] = [
    (ContainerSize::Twenty, 28.18),
    (ContainerSize::Forty, 26.68),
];

fn max_cargo(size: ContainerSize) -> f64 {
    MAX_CARGO_TONNES
        .iter()
        .find(|(s, _)| *s == size)
        .map_or(f64::INFINITY, |(_, t)| *t)
}

/// The API error for a scenario that cannot be found, read or applied.
pub(crate) fn scenario_error(name: &str, e: silkroute_core::Error) -> ErrorBody {
    let kind = match &e {
        silkroute_core::Error::UnknownScenario { .. } => ErrorKind::UnknownScenario,
        silkroute_core::Error::Io { .. } => ErrorKind::Io,
        silkroute_core::Error::TooLarge { .. } => ErrorKind::TooLarge,
        _ => ErrorKind::InvalidScenario,
    };
    // An inline scenario can be a megabyte of JSON: show its start only.
    let name: String = if name.chars().count() > 80 {
        format!("{}…", name.chars().take(60).collect::<String>())
    } else {
        name.to_string()
    };
    let mut body = ErrorBody::new(kind, format!("scenario {name}: {e}"));
    body.suggestions = if e.issues().is_empty() {
        e.suggestions().to_vec()
    } else {
        e.issues().iter().take(20).map(|i| i.to_string()).collect()
    };
    body
}

impl Scenarios {
    /// No scenario: the network as loaded.
    pub fn none() -> Scenarios {
        Scenarios::default()
    }

    /// Parses scenario names: built-in ids or inline scenario JSON (the
    /// engine never reads files; front ends run by the files' owner inline
    /// them first, see [`inline_scenario_files`](crate::inline_scenario_files)).
    ///
    /// # Errors
    /// `too_large` over [`MAX_SCENARIOS`]; `unknown_scenario` (with the
    /// closest built-in ids); `invalid_scenario` (its suggestions list the
    /// first problems found).
    pub fn parse(names: &[String]) -> Result<Scenarios, ErrorBody> {
        if names.len() > MAX_SCENARIOS {
            return Err(ErrorBody::new(
                ErrorKind::TooLarge,
                format!(
                    "{} scenarios, over the limit of {MAX_SCENARIOS}",
                    names.len()
                ),
            ));
        }
        let list = names
            .iter()
            .map(|n| {
                Scenario::resolve_inline(n)
                    .map(Arc::new)
                    .map_err(|e| scenario_error(n, e))
            })
            .collect::<Result<_, _>>()?;
        Ok(Scenarios {
            key: names.to_vec(),
            list,
            cargo: None,
        })
    }

    /// Sets the cargo tonnes of one container size (checked: finite,
    /// above 0, at most the payload in [`MAX_CARGO_TONNES`]).
    ///
    /// # Errors
    /// `invalid_request` for an impossible mass.
    pub fn with_cargo_tonnes(
        mut self,
        size: ContainerSize,
        tonnes: f64,
    ) -> Result<Scenarios, ErrorBody> {
        let max = max_cargo(size);
        if !(tonnes.is_finite() && tonnes > 0.0 && tonnes <= max) {
            let mut e = ErrorBody::new(
                ErrorKind::InvalidRequest,
                format!(
                    "cargo_tonnes {tonnes} is not a cargo mass for a {}ft container: give \
                     more than 0 and at most {max} t (30.48 t gross under ISO 668 less the tare)",
                    size.feet()
                ),
            );
            e.suggestions = vec![format!(
                "omit it for the network's assumption ({} t)",
                silkroute_core::Assumptions::default().cargo_tonnes(size)
            )];
            return Err(e);
        }
        self.cargo = Some((size, tonnes));
        Ok(self)
    }

    /// The network as loaded with the same cargo mass: what a diff compares
    /// these scenarios against.
    pub fn baseline(&self) -> Scenarios {
        Scenarios {
            cargo: self.cargo,
            ..Scenarios::default()
        }
    }

    /// Whether no what-if scenario is named (a cargo mass alone is not one).
    pub fn has_no_scenario(&self) -> bool {
        self.list.is_empty()
    }

    /// The cargo tonnes set for a container size, if any.
    pub fn cargo_tonnes(&self) -> Option<(ContainerSize, f64)> {
        self.cargo
    }

    /// Whether the network is used as loaded: no scenario and no cargo
    /// mass set.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.cargo.is_none()
    }

    /// The scenarios, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Scenario> {
        self.list.iter().map(|s| &**s)
    }

    /// The names as given: the identity of the scenario network.
    pub fn key(&self) -> &[String] {
        &self.key
    }
}

/// An API request parsed once: the typed routing request, the scenarios it
/// runs under, and the Pareto options.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Request {
    /// The routing request (objective, avoidances, waypoints, …).
    pub route: RouteRequest,
    /// The what-if scenarios applied to the network first.
    pub scenarios: Scenarios,
    /// The Pareto options (`epsilon`), used by `pareto` only.
    pub pareto: ParetoOptions,
}

impl Request {
    /// A request under no scenario, with default Pareto options.
    pub fn new(route: RouteRequest) -> Request {
        Request {
            route,
            scenarios: Scenarios::none(),
            pareto: ParetoOptions::default(),
        }
    }
}

fn bad(e: &RoutingError) -> ErrorBody {
    ErrorBody::from(e)
}

/// The items of a list field, each item split on commas (API v1 accepts
/// `["RU,BY"]` as well as `["RU", "BY"]`).
fn items(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Parses the items of a list field with `FromStr`, mapping errors.
fn parse_all<T: FromStr>(
    list: &[String],
    err: impl Fn(&str, T::Err) -> RoutingError,
) -> Result<Vec<T>, ErrorBody> {
    items(list)
        .map(|s| s.parse::<T>().map_err(|e| bad(&err(s, e))))
        .collect()
}

fn unknown_name(what: &'static str) -> impl Fn(&str, silkroute_core::UnknownName) -> RoutingError {
    move |_, e| RoutingError::UnknownName {
        what,
        value: e.value,
        expected: e.expected.iter().map(|s| s.to_string()).collect(),
    }
}

impl TryFrom<&V1Request> for Request {
    type Error = ErrorBody;

    /// Parses every field once: unknown objectives, container sizes, modes,
    /// countries and passages are refused here, with the accepted values.
    fn try_from(r: &V1Request) -> Result<Request, ErrorBody> {
        let mut req = RouteRequest::new(Endpoint::parse(&r.from), Endpoint::parse(&r.to));
        for v in &r.via {
            req = req.via(Endpoint::parse(v));
        }
        if let Some(o) = &r.objective {
            req = req.objective(o.parse::<Objective>().map_err(|e| bad(&e))?);
        }
        if let Some(v) = r.value_of_time {
            req = req.value_of_time(v);
        }
        if let Some(v) = r.carbon_price {
            req = req.carbon_price(v);
        }
        for m in parse_all::<Mode>(&r.modes, unknown_name("mode"))? {
            req = req.mode(m);
        }
        let country = |s: &str, _| RoutingError::UnknownCountry {
            code: s.to_string(),
        };
        for c in parse_all::<CountryCode>(&r.avoid_countries, country)? {
            req = req.avoid_country(c);
        }
        for p in parse_all::<Passage>(&r.avoid_passages, unknown_name("passage"))? {
            req = req.avoid_passage(p);
        }
        for t in items(&r.avoid_terminals) {
            req = req.avoid_terminal(t);
        }
        for l in items(&r.avoid_legs) {
            req = req.avoid_leg(l);
        }
        for c in items(&r.avoid_corridors) {
            req = req.avoid_corridor(c);
        }
        if let Some(m) = r.max_transfers {
            req = req.max_transfers(m);
        }
        if let Some(feet) = r.container {
            let size = u16::try_from(feet)
                .ok()
                .and_then(ContainerSize::from_feet)
                .ok_or_else(|| {
                    let known: Vec<String> = ContainerSize::ALL
                        .iter()
                        .map(|s| s.feet().to_string())
                        .collect();
                    ErrorBody::new(
                        ErrorKind::InvalidRequest,
                        format!(
                            "unknown container size {feet}: expected {}",
                            known.join(" or ")
                        ),
                    )
                })?;
            req = req.container(size);
        }
        if let Some(k) = r.alternatives {
            req = req.alternatives(k);
        }
        // Checked here, not only by the Pareto search: a route or compare
        // request with a bad ε is refused too, not silently answered.
        let epsilon = r.epsilon.unwrap_or(0.0);
        if !(epsilon.is_finite() && (0.0..=10.0).contains(&epsilon)) {
            return Err(bad(&RoutingError::InvalidNumber {
                field: "epsilon",
                value: epsilon.to_string(),
                reason: "expected a number between 0 and 10".into(),
            }));
        }
        let mut scenarios = Scenarios::parse(&r.scenarios)?;
        if let Some(t) = r.cargo_tonnes {
            scenarios = scenarios.with_cargo_tonnes(req.container_size(), t)?;
        }
        Ok(Request {
            route: req,
            scenarios,
            pareto: ParetoOptions::default().epsilon(epsilon),
        })
    }
}
