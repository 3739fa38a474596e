//! The engine: one router and the API v1 operations on it.

use crate::v1::{self, ErrorBody};
use serde::Serialize;
use silkroute_core::{ContainerSize, Network, Scenario};
use silkroute_routing::{Endpoint, Objective, ParetoOptions, RouteRequest, Router, RouterLimits};
use std::borrow::Cow;
use std::sync::Arc;

/// Most what-if scenarios one request may apply.
const MAX_SCENARIOS: usize = 16;

/// Default limit on the size of one request given to [`Engine::call`]
/// (1 MiB); raise it with [`Engine::max_request_bytes`].
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// A loaded network with its router, answering API v1 operations.
///
/// `Engine` is `Send + Sync`: share one across threads.
#[derive(Debug, Clone)]
pub struct Engine {
    router: Router,
    max_request_bytes: usize,
}

fn load_error(e: silkroute_core::Error) -> ErrorBody {
    let kind = match &e {
        silkroute_core::Error::Io { .. } => "io",
        silkroute_core::Error::TooLarge { .. } => "too_large",
        _ => "invalid_network",
    };
    let mut body = ErrorBody::new(kind, e.to_string());
    body.suggestions = e.issues().iter().take(20).map(|i| i.to_string()).collect();
    body
}

/// The API error for a scenario that cannot be found, read or applied.
fn scenario_error(name: &str, e: silkroute_core::Error) -> ErrorBody {
    let kind = match &e {
        silkroute_core::Error::UnknownScenario { .. } => "unknown_scenario",
        silkroute_core::Error::Io { .. } => "io",
        silkroute_core::Error::TooLarge { .. } => "too_large",
        _ => "invalid_scenario",
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

    /// The router.
    pub fn router(&self) -> &Router {
        &self.router
    }

    /// The network.
    pub fn network(&self) -> &Network {
        self.router.network()
    }

    /// The engine's network with what-if scenarios applied in order (see
    /// [`v1::RouteRequest::scenarios`] for how they are named).
    ///
    /// # Errors
    /// `unknown_scenario` (with the closest built-in ids), `invalid_scenario`
    /// (its suggestions list the first problems found), `io`, `too_large`.
    pub fn scenario_network(&self, scenarios: &[String]) -> Result<Network, ErrorBody> {
        if scenarios.len() > MAX_SCENARIOS {
            return Err(ErrorBody::new(
                "too_large",
                format!(
                    "{} scenarios, over the limit of {MAX_SCENARIOS}",
                    scenarios.len()
                ),
            ));
        }
        let mut net = self.network().clone();
        for name in scenarios {
            let s = Scenario::resolve_inline(name).map_err(|e| scenario_error(name, e))?;
            net = s.apply(&net).map_err(|e| scenario_error(s.id(), e))?;
        }
        Ok(net)
    }

    /// The router a request runs on: the engine's own, or, when the request
    /// names scenarios, a router over the network they make.
    ///
    /// # Errors
    /// As [`scenario_network`](Self::scenario_network).
    pub fn router_for(&self, r: &v1::RouteRequest) -> Result<Cow<'_, Router>, ErrorBody> {
        if r.scenarios.is_empty() {
            return Ok(Cow::Borrowed(&self.router));
        }
        let net = self.scenario_network(&r.scenarios)?;
        Ok(Cow::Owned(Router::with_limits(net, self.router.limits())))
    }

    /// Turns an API request into a routing request.
    ///
    /// # Errors
    /// `invalid_request` for an unknown objective or container size;
    /// `invalid_number` for NaN or out-of-range numbers.
    pub fn request(&self, r: &v1::RouteRequest) -> Result<RouteRequest, ErrorBody> {
        let mut req = RouteRequest::new(Endpoint::parse(&r.from), Endpoint::parse(&r.to));
        for v in &r.via {
            req = req.via(Endpoint::parse(v));
        }
        if let Some(o) = &r.objective {
            let o: Objective = o
                .parse()
                .map_err(|e: silkroute_routing::RoutingError| ErrorBody::from(&e))?;
            req = req.objective(o);
        }
        if let Some(v) = r.value_of_time {
            req = req.value_of_time(v);
        }
        if let Some(v) = r.carbon_price {
            req = req.carbon_price(v);
        }
        for m in &r.modes {
            req = req.mode(m.as_str());
        }
        for c in &r.avoid_countries {
            req = req.avoid_country(c.as_str());
        }
        for p in &r.avoid_passages {
            req = req.avoid_passage(p.as_str());
        }
        for t in &r.avoid_terminals {
            req = req.avoid_terminal(t.as_str());
        }
        for l in &r.avoid_legs {
            req = req.avoid_leg(l.as_str());
        }
        for c in &r.avoid_corridors {
            req = req.avoid_corridor(c.as_str());
        }
        if let Some(m) = r.max_transfers {
            req = req.max_transfers(m);
        }
        match r.container {
            None | Some(40) => {}
            Some(20) => req = req.container(ContainerSize::Twenty),
            Some(other) => {
                return Err(ErrorBody::new(
                    "invalid_request",
                    format!("unknown container size {other}: expected 20 or 40"),
                ));
            }
        }
        if let Some(k) = r.alternatives {
            req = req.alternatives(k);
        }
        Ok(req)
    }

    /// The best route and the alternatives asked for.
    ///
    /// # Errors
    /// The request's errors, each with a stable `kind`.
    pub fn route(&self, r: &v1::RouteRequest) -> Result<v1::RouteResponse, ErrorBody> {
        let req = self.request(r)?;
        let routes = self
            .router_for(r)?
            .route(&req)
            .map_err(|e| ErrorBody::from(&e))?;
        Ok(v1::RouteResponse::from_routes(&routes))
    }

    /// The best route of each corridor, and the corridors without one.
    ///
    /// # Errors
    /// Errors of the request itself.
    pub fn compare(&self, r: &v1::RouteRequest) -> Result<v1::CompareResponse, ErrorBody> {
        let req = self.request(r)?;
        let options = self
            .router_for(r)?
            .compare(&req)
            .map_err(|e| ErrorBody::from(&e))?;
        Ok(v1::CompareResponse::from_options(&options))
    }

    /// The Pareto set over (cost, time, CO2e), cheapest first.
    ///
    /// # Errors
    /// The request's errors.
    pub fn pareto(&self, r: &v1::RouteRequest) -> Result<v1::RouteResponse, ErrorBody> {
        let req = self.request(r)?;
        let opts = ParetoOptions::default().epsilon(r.epsilon.unwrap_or(0.0));
        let routes = self
            .router_for(r)?
            .pareto(&req, opts)
            .map_err(|e| ErrorBody::from(&e))?;
        Ok(v1::RouteResponse::from_routes(&routes))
    }

    /// Terminals whose name, alias or id contains `search` (all when `None`).
    pub fn terminals(&self, search: Option<&str>) -> Vec<v1::TerminalInfo> {
        let net = self.network();
        let list: Vec<&silkroute_core::Terminal> = match search {
            Some(q) => net.search(q),
            None => net.terminals().iter().collect(),
        };
        list.into_iter().map(terminal_info).collect()
    }

    /// One terminal by id, name or alias.
    ///
    /// # Errors
    /// `unknown_terminal` with suggestions.
    pub fn find(&self, query: &str) -> Result<v1::TerminalInfo, ErrorBody> {
        self.network()
            .find(query)
            .map(terminal_info)
            .map_err(|e| ErrorBody::from(&silkroute_routing::RoutingError::from(e)))
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

    /// The routes of a request as a GeoJSON FeatureCollection: one
    /// LineString per route with its totals, plus one per leg.
    ///
    /// # Errors
    /// The request's errors.
    pub fn route_geojson(&self, r: &v1::RouteRequest) -> Result<serde_json::Value, ErrorBody> {
        let req = self.request(r)?;
        let routes = self
            .router_for(r)?
            .route(&req)
            .map_err(|e| ErrorBody::from(&e))?;
        Ok(routes_geojson(&routes))
    }

    /// Runs an operation on a JSON request and returns the JSON response
    /// text; failures come back as an API v1 error response. This is the
    /// one entry point of the C and Python bindings.
    ///
    /// Operations: `route`, `compare`, `pareto` (request: a
    /// [`v1::RouteRequest`]), `terminals` (request: `{"search": ".."}` or
    /// `{}`), `find` (`{"query": ".."}`), `version` (`{}`).
    pub fn call(&self, operation: &str, request: &str) -> Result<String, String> {
        fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, ErrorBody> {
            serde_json::from_str(s).map_err(|e| {
                ErrorBody::new("invalid_request", format!("invalid request JSON: {e}"))
            })
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Search {
            #[serde(default)]
            search: Option<String>,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Find {
            query: String,
        }
        if request.len() > self.max_request_bytes {
            return Err(error_json(&ErrorBody::new(
                "too_large",
                format!(
                    "the request is {} bytes, over the limit of {} (max_request_bytes); raise it with Engine::max_request_bytes if the input is trusted",
                    request.len(),
                    self.max_request_bytes
                ),
            )));
        }
        let result: Result<String, ErrorBody> = match operation {
            "route" => parse(request)
                .and_then(|r| self.route(&r))
                .map(|v| to_json(&v)),
            "compare" => parse(request)
                .and_then(|r| self.compare(&r))
                .map(|v| to_json(&v)),
            "pareto" => parse(request)
                .and_then(|r| self.pareto(&r))
                .map(|v| to_json(&v)),
            "terminals" => parse::<Search>(if request.trim().is_empty() {
                "{}"
            } else {
                request
            })
            .map(|s| to_json(&self.terminals(s.search.as_deref()))),
            "find" => parse::<Find>(request)
                .and_then(|f| self.find(&f.query))
                .map(|v| to_json(&v)),
            "version" => Ok(to_json(&self.version())),
            other => Err(ErrorBody::new(
                "unknown_operation",
                format!(
                    "unknown operation \"{other}\": expected route, compare, pareto, terminals, find or version"
                ),
            )),
        };
        result.map_err(|e| error_json(&e))
    }
}

fn terminal_info(t: &silkroute_core::Terminal) -> v1::TerminalInfo {
    v1::TerminalInfo {
        id: t.id.to_string(),
        name: t.name.clone(),
        aliases: t.aliases.clone(),
        country: t.country.to_string(),
        kind: t.kind.to_string(),
        lat: t.lat,
        lon: t.lon,
    }
}

/// The canonical JSON text of a response: compact, fields in declaration
/// order. Every front-end prints exactly this.
pub fn to_json<T: Serialize>(value: &T) -> String {
    // invariant: the API types hold only strings, finite numbers, and
    // sequences, so serialisation cannot fail
    serde_json::to_string(value).unwrap_or_else(|e| {
        error_json(&ErrorBody::new(
            "internal",
            format!("cannot serialise the response: {e}"),
        ))
    })
}

/// The canonical JSON text of an error response.
pub fn error_json(e: &ErrorBody) -> String {
    serde_json::to_string(&v1::ErrorResponse::from(e.clone())).unwrap_or_else(|_| {
        "{\"api_version\":1,\"error\":{\"kind\":\"internal\",\"message\":\"unserialisable error\",\"suggestions\":[]}}"
            .to_string()
    })
}

/// Routes as a GeoJSON FeatureCollection.
pub fn routes_geojson(routes: &[silkroute_routing::Route]) -> serde_json::Value {
    let mut features = Vec::new();
    for (i, r) in routes.iter().enumerate() {
        let coords: Vec<[f64; 2]> = r.geometry().iter().map(|&(lat, lon)| [lon, lat]).collect();
        features.push(serde_json::json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": {
                "kind": "route",
                "rank": i,
                "corridor": r.corridor.as_ref().map(|c| c.to_string()),
                "from": r.origin.name, "to": r.destination.name,
                "distance_km": r.totals.distance.get(),
                "time_h": r.totals.time.get(),
                "time_days": r.totals.time.get() / 24.0,
                "cost_usd": r.totals.cost.get(),
                "co2e_kg": r.totals.co2e.get(),
                "transfers": r.totals.transfers,
            }
        }));
        for l in &r.legs {
            let coords: Vec<[f64; 2]> = l.geometry.iter().map(|&(lat, lon)| [lon, lat]).collect();
            features.push(serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords},
                "properties": {
                    "kind": "leg", "rank": i, "id": l.leg.to_string(), "mode": l.mode.to_string(),
                    "from": l.from.name, "to": l.to.name,
                    "distance_km": l.distance.get(), "time_h": l.time.get(), "wait_h": l.wait.get(),
                    "cost_usd": l.cost.get(), "co2e_kg": l.co2e.get(),
                }
            }));
        }
    }
    serde_json::json!({"type": "FeatureCollection", "features": features})
}

/// Replaces the scenario names that are paths of existing files by the
/// files' contents (inline JSON), for front-ends run by the user who owns
/// the files (the command line, Python). The [`Engine`] itself never reads
/// files named in a request.
///
/// # Errors
/// `io` when a named file cannot be read.
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
                silkroute_core::Scenario::from_path(path).map_err(|e| scenario_error(n, e))?;
                std::fs::read_to_string(path).map_err(|e| ErrorBody::new("io", format!("{n}: {e}")))
            } else {
                Ok(n.clone())
            }
        })
        .collect()
}
