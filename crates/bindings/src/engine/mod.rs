//! The engine: a loaded network, its router, the scenario networks built
//! from it, and every operation of API v1 as a typed function.
//!
//! The front ends (the command line, C, Python) parse their input into a
//! [`v1::Request`], call an operation here, and format the typed result:
//! JSON with the [`v1`] response types, GeoJSON and CSV with
//! [`crate::format`], tables in the CLI. [`Engine::call`] is the JSON entry
//! point of the C and Python bindings (see `call.rs`).

mod call;
mod diff;
mod effect;
mod emissions;

pub use diff::{Diff, DiffRow, DiffSide, DiffStatus};
pub use effect::ScenarioEffect;

use crate::v1::{self, ErrorBody, ErrorKind, Request, Scenarios};
use silkroute_core::{Network, Terminal};
use silkroute_routing::{
    CorridorOption, Endpoint, MatrixCell, MatrixTable, Route, Router, RouterLimits,
};
use std::sync::{Arc, Mutex};

/// Default limit on the size of one request given to [`Engine::call`]
/// (1 MiB); raise it with [`Engine::max_request_bytes`].
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// How many scenario networks an engine keeps built (least recently used
/// dropped first).
const SCENARIO_CACHE: usize = 8;

/// What makes a scenario network: the scenario names and the cargo mass
/// (its bits, so that the key compares exactly).
type ScenarioKey = (Vec<String>, Option<(silkroute_core::ContainerSize, u64)>);

/// A router over a scenario network, with what made it.
type ScenarioRouter = (ScenarioKey, Router);

/// A loaded network with its router, answering API v1 operations.
///
/// `Engine` is `Send + Sync` and cheap to clone (clones share the network,
/// the router and the scenario networks): share one across threads.
#[derive(Debug, Clone)]
pub struct Engine {
    router: Router,
    max_request_bytes: usize,
    /// Routers over scenario networks, by scenario names, most recent last.
    scenario_routers: Arc<Mutex<Vec<ScenarioRouter>>>,
}

fn load_error(e: silkroute_core::Error) -> ErrorBody {
    let kind = match &e {
        silkroute_core::Error::Io { .. } => ErrorKind::Io,
        silkroute_core::Error::TooLarge { .. } => ErrorKind::TooLarge,
        _ => ErrorKind::InvalidNetwork,
    };
    let mut body = ErrorBody::new(kind, e.to_string());
    body.suggestions = e.issues().iter().take(20).map(|i| i.to_string()).collect();
    body
}

fn routing(e: silkroute_routing::RoutingError) -> ErrorBody {
    ErrorBody::from(&e)
}

impl Engine {
    /// An engine over the embedded Eurasian network.
    pub fn eurasia() -> Engine {
        Engine::new(Network::eurasia())
    }

    /// An engine over a network.
    pub fn new(network: impl Into<Arc<Network>>) -> Engine {
        Engine::with_limits(network, RouterLimits::default())
    }

    /// An engine over a network whose searches run under explicit limits
    /// (alternatives, waypoints, search states, Pareto labels, matrix pairs).
    pub fn with_limits(network: impl Into<Arc<Network>>, limits: RouterLimits) -> Engine {
        Engine {
            router: Router::with_limits(network, limits),
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            scenario_routers: Arc::default(),
        }
    }

    /// Sets the largest request text [`call`](Self::call) accepts, in bytes
    /// (default [`DEFAULT_MAX_REQUEST_BYTES`]); a longer request is refused
    /// with a `too_large` error before it is parsed.
    #[must_use]
    pub fn max_request_bytes(mut self, n: usize) -> Engine {
        self.max_request_bytes = n;
        self
    }

    /// An engine over a network file (plain or gzip-compressed GeoJSON).
    ///
    /// # Errors
    /// An [`ErrorBody`] of kind `io`, `too_large` or `invalid_network`
    /// (its suggestions list the first problems found).
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Engine, ErrorBody> {
        Network::from_path(path)
            .map(Engine::new)
            .map_err(load_error)
    }

    /// An engine over a network file's bytes.
    ///
    /// # Errors
    /// As [`from_path`](Self::from_path).
    pub fn from_bytes(bytes: &[u8]) -> Result<Engine, ErrorBody> {
        Network::from_slice(bytes)
            .map(Engine::new)
            .map_err(load_error)
    }

    /// The router over the network as loaded.
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// The network as loaded.
    pub fn network(&self) -> &Network {
        self.router.network()
    }

    /// The engine's network with what-if scenarios applied in order.
    ///
    /// # Errors
    /// `invalid_scenario` for a scenario that does not apply (its
    /// suggestions list the first problems found).
    pub fn scenario_network(&self, scenarios: &Scenarios) -> Result<Network, ErrorBody> {
        let mut net = self.network().clone();
        for s in scenarios.iter() {
            net = s.apply(&net).map_err(|e| v1::scenario_error(s.id(), e))?;
        }
        if let Some((size, tonnes)) = scenarios.cargo_tonnes() {
            let a = net.meta().assumptions.with_cargo_tonnes(size, tonnes);
            net = net
                .to_builder()
                .assumptions(a)
                .build()
                .map_err(load_error)?;
        }
        Ok(net)
    }

    /// The router a request runs on: the engine's own, or the router over
    /// the network its scenarios make, built once and kept for the next
    /// request with the same scenarios.
    ///
    /// # Errors
    /// As [`scenario_network`](Self::scenario_network).
    pub fn router_for(&self, scenarios: &Scenarios) -> Result<Router, ErrorBody> {
        if scenarios.is_empty() {
            return Ok(self.router.clone());
        }
        let key: ScenarioKey = (
            scenarios.key().to_vec(),
            scenarios.cargo_tonnes().map(|(s, t)| (s, t.to_bits())),
        );
        // A poisoned cache only means another thread panicked while holding
        // it: the routers in it are still valid.
        let cached = {
            let mut cache = self
                .scenario_routers
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            cache.iter().position(|(k, _)| *k == key).map(|i| {
                let hit = cache.remove(i);
                let router = hit.1.clone();
                cache.push(hit);
                router
            })
        };
        if let Some(router) = cached {
            return Ok(router);
        }
        let router = Router::with_limits(self.scenario_network(scenarios)?, self.router.limits());
        let mut cache = self
            .scenario_routers
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if cache.len() >= SCENARIO_CACHE {
            cache.remove(0);
        }
        cache.push((key, router.clone()));
        Ok(router)
    }

    /// The best route and the alternatives asked for.
    ///
    /// # Errors
    /// The request's errors, each with a stable [`ErrorKind`].
    pub fn route(&self, r: &Request) -> Result<Vec<Route>, ErrorBody> {
        self.router_for(&r.scenarios)?
            .route(&r.route)
            .map_err(routing)
    }

    /// The best route of each corridor, and the corridors without one.
    ///
    /// # Errors
    /// Errors of the request itself.
    pub fn compare(&self, r: &Request) -> Result<Vec<CorridorOption>, ErrorBody> {
        self.router_for(&r.scenarios)?
            .compare(&r.route)
            .map_err(routing)
    }

    /// The Pareto set over (cost, time, CO2e), cheapest first.
    ///
    /// # Errors
    /// The request's errors.
    pub fn pareto(&self, r: &Request) -> Result<Vec<Route>, ErrorBody> {
        self.router_for(&r.scenarios)?
            .pareto(&r.route, r.pareto)
            .map_err(routing)
    }

    /// The best route for every pair of `origins` × `destinations` with the
    /// options of `r` (its own origin and destination are not used), calling
    /// `on_cell` as each pair is done (for progress reports).
    ///
    /// Errors that no pair could escape are reported once, before any
    /// search: too many pairs, and options that are wrong whatever the pair
    /// (an unknown leg or corridor, a bad number). Pairs without a route,
    /// unknown terminals included, keep their cell with the reason (use
    /// [`check_terminals`](Self::check_terminals) first to refuse unknown
    /// names instead).
    ///
    /// # Errors
    /// `too_large` and the option errors above.
    pub fn matrix<F>(
        &self,
        r: &Request,
        origins: &[String],
        destinations: &[String],
        on_cell: F,
    ) -> Result<MatrixTable, ErrorBody>
    where
        F: Fn(&MatrixCell) + Sync,
    {
        let router = self.router_for(&r.scenarios)?;
        router
            .check_matrix_size(origins.len(), destinations.len())
            .map_err(routing)?;
        if origins.is_empty() || destinations.is_empty() {
            return Err(ErrorBody::new(
                ErrorKind::InvalidRequest,
                "a matrix needs at least one origin and one destination",
            ));
        }
        // Options no pair can satisfy are reported once, before any search.
        if let Err(e) = router.check_template(&r.route) {
            let whatever_the_pair = matches!(
                ErrorKind::from(&e),
                ErrorKind::UnknownCountry
                    | ErrorKind::UnknownName
                    | ErrorKind::UnknownCorridor
                    | ErrorKind::UnknownLeg
                    | ErrorKind::InvalidNumber
                    | ErrorKind::TooLarge
            );
            if whatever_the_pair {
                return Err(routing(e));
            }
        }
        let origins: Vec<Endpoint> = origins.iter().map(|s| Endpoint::parse(s)).collect();
        let destinations: Vec<Endpoint> = destinations.iter().map(|s| Endpoint::parse(s)).collect();
        router
            .try_matrix_with(&origins, &destinations, &r.route, on_cell)
            .map_err(routing)
    }

    /// Checks that every name among `names` (terminal queries or `LAT,LON`
    /// positions) is a known terminal.
    ///
    /// # Errors
    /// `unknown_terminal` for the first unknown name, with suggestions.
    pub fn check_terminals(&self, names: &[String]) -> Result<(), ErrorBody> {
        for q in names {
            if let Endpoint::Terminal(name) = Endpoint::parse(q) {
                self.find(&name)?;
            }
        }
        Ok(())
    }

    /// The corridors of a trip side by side, on the network as loaded and
    /// with the request's scenarios applied.
    ///
    /// # Errors
    /// `invalid_request` without scenarios; the request's and the
    /// scenarios' errors; `no_route` only when the request itself is wrong
    /// on the baseline (a trip that has no route is a row, not an error).
    pub fn diff(&self, r: &Request) -> Result<Diff, ErrorBody> {
        diff::diff(self, r)
    }

    /// The best route's emissions, leg by leg and hub by hub (ISO 14083):
    /// activity, factor, source, well-to-tank and tank-to-wheel.
    ///
    /// # Errors
    /// The request's errors, as [`route`](Self::route).
    pub fn emissions(&self, r: &Request) -> Result<v1::EmissionsResponse, ErrorBody> {
        emissions::emissions(self, r)
    }

    /// Terminals whose name, alias or id contains `search` (all when `None`).
    pub fn terminals(&self, search: Option<&str>) -> Vec<&Terminal> {
        let net = self.network();
        match search {
            Some(q) => net.search(q),
            None => net.terminals().iter().collect(),
        }
    }

    /// One terminal by id, name or alias.
    ///
    /// # Errors
    /// `unknown_terminal` with suggestions.
    pub fn find(&self, query: &str) -> Result<&Terminal, ErrorBody> {
        self.network()
            .find(query)
            .map_err(|e| routing(silkroute_routing::RoutingError::from(e)))
    }

    /// Library, API and dataset versions.
    pub fn version(&self) -> v1::VersionInfo {
        v1::VersionInfo {
            api_version: v1::API_VERSION,
            library_version: env!("CARGO_PKG_VERSION").to_string(),
            dataset_version: self.network().meta().dataset_version.clone(),
            network: self.network().meta().name.clone(),
        }
    }
}

/// Replaces the scenario names that are paths of existing files by the
/// files' contents (inline JSON), for front-ends run by the user who owns
/// the files (the command line, Python). The [`Engine`] itself never reads
/// files named in a request.
///
/// # Errors
/// `io` when a named file cannot be read, `invalid_scenario` when it is not
/// a valid scenario (its problems reported against its path).
pub fn inline_scenario_files(names: &[String]) -> Result<Vec<String>, ErrorBody> {
    names
        .iter()
        .map(|n| {
            let path = std::path::Path::new(n);
            if silkroute_core::Scenario::builtin(n).is_none()
                && !n.trim_start().starts_with('{')
                && path.is_file()
            {
                // Check the file as a file first, so that its problems are
                // reported against its path (an empty file is "not valid JSON").
                silkroute_core::Scenario::from_path(path).map_err(|e| v1::scenario_error(n, e))?;
                std::fs::read_to_string(path)
                    .map_err(|e| ErrorBody::new(ErrorKind::Io, format!("{n}: {e}")))
            } else {
                Ok(n.clone())
            }
        })
        .collect()
}
