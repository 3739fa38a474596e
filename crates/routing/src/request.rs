//! Route requests.

use crate::objective::{DEFAULT_CARBON_PRICE, DEFAULT_VALUE_OF_TIME, Objective};
use silkroute_core::{ContainerSize, CountryCode, Mode, Passage};
use std::fmt;
use std::str::FromStr;

/// Where a route starts, passes or ends: a terminal query (id, name or
/// alias) or a WGS84 position snapped to the nearest suitable terminal.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Endpoint {
    /// A terminal id, name or alias ("Xi'an", "alat", "Port of Baku").
    Terminal(String),
    /// A position, latitude and longitude in degrees.
    Position {
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
    },
}

impl Endpoint {
    /// Reads `LAT,LON` (such as `40.41,49.87`) as a position, anything else
    /// as a terminal query.
    ///
    /// ```
    /// use silkroute_routing::Endpoint;
    /// assert_eq!(Endpoint::parse("40.41,49.87"), Endpoint::Position { lat: 40.41, lon: 49.87 });
    /// assert_eq!(Endpoint::parse("Alat"), Endpoint::Terminal("Alat".into()));
    /// ```
    pub fn parse(s: &str) -> Endpoint {
        if let Some((a, b)) = s.split_once(',')
            && let (Ok(lat), Ok(lon)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>())
        {
            return Endpoint::Position { lat, lon };
        }
        Endpoint::Terminal(s.to_string())
    }
}

impl From<&str> for Endpoint {
    fn from(s: &str) -> Self {
        Endpoint::parse(s)
    }
}

impl From<String> for Endpoint {
    fn from(s: String) -> Self {
        Endpoint::parse(&s)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Terminal(q) => f.write_str(q),
            Endpoint::Position { lat, lon } => write!(f, "{lat},{lon}"),
        }
    }
}

/// A request for a route, built with methods.
///
/// ```
/// use silkroute_core::{CountryCode, Mode};
/// use silkroute_routing::{Objective, RouteRequest};
/// let req = RouteRequest::new("Xi'an", "Duisburg")
///     .objective(Objective::Time)
///     .avoid_country("RU".parse::<CountryCode>()?)
///     .avoid_country("BY".parse::<CountryCode>()?)
///     .mode(Mode::Rail)
///     .alternatives(2);
/// assert_eq!(req.objective_value(), Objective::Time);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Modes, countries, passages, the objective and the container size are
/// typed values, parsed where they enter (the command line, API v1 JSON,
/// Python keywords). Terminals, legs and corridors are references into a
/// network, resolved when the request is routed, so that every front end
/// reports the same errors for them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RouteRequest {
    pub(crate) from: Endpoint,
    pub(crate) to: Endpoint,
    pub(crate) via: Vec<Endpoint>,
    pub(crate) objective: Objective,
    pub(crate) value_of_time: f64,
    pub(crate) carbon_price: f64,
    pub(crate) modes: Vec<Mode>,
    pub(crate) avoid_countries: Vec<CountryCode>,
    pub(crate) avoid_passages: Vec<Passage>,
    pub(crate) avoid_terminals: Vec<String>,
    pub(crate) avoid_legs: Vec<String>,
    pub(crate) avoid_corridors: Vec<String>,
    pub(crate) max_transfers: Option<u32>,
    pub(crate) container: ContainerSize,
    pub(crate) alternatives: usize,
}

impl RouteRequest {
    /// A request from `from` to `to`, minimising cost for a 40ft container.
    pub fn new(from: impl Into<Endpoint>, to: impl Into<Endpoint>) -> Self {
        RouteRequest {
            from: from.into(),
            to: to.into(),
            via: Vec::new(),
            objective: Objective::Cost,
            value_of_time: DEFAULT_VALUE_OF_TIME,
            carbon_price: DEFAULT_CARBON_PRICE,
            modes: Vec::new(),
            avoid_countries: Vec::new(),
            avoid_passages: Vec::new(),
            avoid_terminals: Vec::new(),
            avoid_legs: Vec::new(),
            avoid_corridors: Vec::new(),
            max_transfers: None,
            container: ContainerSize::Forty,
            alternatives: 0,
        }
    }

    /// Sets what the route minimises.
    pub fn objective(mut self, objective: Objective) -> Self {
        self.objective = objective;
        self
    }

    /// Sets the value of time for the generalized cost, USD per container-hour.
    pub fn value_of_time(mut self, usd_per_hour: f64) -> Self {
        self.value_of_time = usd_per_hour;
        self
    }

    /// Sets the carbon price for the generalized cost, USD per tonne CO2e.
    pub fn carbon_price(mut self, usd_per_tonne: f64) -> Self {
        self.carbon_price = usd_per_tonne;
        self
    }

    /// Adds a waypoint; waypoints are visited in the order given.
    pub fn via(mut self, via: impl Into<Endpoint>) -> Self {
        self.via.push(via.into());
        self
    }

    /// Allows a mode; when none is given, every mode is allowed. Transfers
    /// between allowed modes are always allowed. A mode given twice counts once.
    pub fn mode(mut self, mode: Mode) -> Self {
        push_new(&mut self.modes, mode);
        self
    }

    /// Avoids every terminal in a country.
    pub fn avoid_country(mut self, code: CountryCode) -> Self {
        push_new(&mut self.avoid_countries, code);
        self
    }

    /// Avoids legs through a passage.
    pub fn avoid_passage(mut self, passage: Passage) -> Self {
        push_new(&mut self.avoid_passages, passage);
        self
    }

    /// Avoids a terminal (id, name or alias).
    pub fn avoid_terminal(mut self, terminal: impl Into<String>) -> Self {
        self.avoid_terminals.push(terminal.into());
        self
    }

    /// Avoids a leg by id.
    pub fn avoid_leg(mut self, leg: impl Into<String>) -> Self {
        self.avoid_legs.push(leg.into());
        self
    }

    /// Avoids the legs of a corridor (a corridor id or a corridor tag of legs).
    pub fn avoid_corridor(mut self, corridor: impl Into<String>) -> Self {
        self.avoid_corridors.push(corridor.into());
        self
    }

    /// Limits the number of mode or gauge changes.
    pub fn max_transfers(mut self, n: u32) -> Self {
        self.max_transfers = Some(n);
        self
    }

    /// Sets the container size (default 40ft).
    pub fn container(mut self, size: ContainerSize) -> Self {
        self.container = size;
        self
    }

    /// Asks for up to `k` alternatives besides the best route.
    pub fn alternatives(mut self, k: usize) -> Self {
        self.alternatives = k;
        self
    }

    /// A copy of the request with another origin and destination, keeping
    /// the waypoints and every option: the template of a matrix.
    pub fn with_endpoints(
        &self,
        from: impl Into<Endpoint>,
        to: impl Into<Endpoint>,
    ) -> RouteRequest {
        RouteRequest {
            from: from.into(),
            to: to.into(),
            ..self.clone()
        }
    }

    /// The objective.
    pub fn objective_value(&self) -> Objective {
        self.objective
    }

    /// The origin.
    pub fn from_endpoint(&self) -> &Endpoint {
        &self.from
    }

    /// The destination.
    pub fn to_endpoint(&self) -> &Endpoint {
        &self.to
    }

    /// The container size.
    pub fn container_size(&self) -> ContainerSize {
        self.container
    }

    /// The number of alternatives asked for.
    pub fn alternatives_count(&self) -> usize {
        self.alternatives
    }

    /// The waypoints, in order.
    pub fn waypoints(&self) -> &[Endpoint] {
        &self.via
    }

    /// The modes allowed (empty: every mode).
    pub fn modes(&self) -> &[Mode] {
        &self.modes
    }

    /// The countries avoided.
    pub fn avoided_countries(&self) -> &[CountryCode] {
        &self.avoid_countries
    }

    /// The passages avoided.
    pub fn avoided_passages(&self) -> &[Passage] {
        &self.avoid_passages
    }

    /// The terminals avoided, as given (resolved when routed).
    pub fn avoided_terminals(&self) -> &[String] {
        &self.avoid_terminals
    }

    /// The legs avoided, by id.
    pub fn avoided_legs(&self) -> &[String] {
        &self.avoid_legs
    }

    /// The corridors (ids or tags) avoided.
    pub fn avoided_corridors(&self) -> &[String] {
        &self.avoid_corridors
    }

    /// The limit on transfers, if any.
    pub fn transfer_limit(&self) -> Option<u32> {
        self.max_transfers
    }

    /// The value of time, USD per container-hour.
    pub fn value_of_time_usd_per_hour(&self) -> f64 {
        self.value_of_time
    }

    /// The carbon price, USD per tonne CO2e.
    pub fn carbon_price_usd_per_tonne(&self) -> f64 {
        self.carbon_price
    }
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

impl FromStr for Endpoint {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Endpoint::parse(s))
    }
}
