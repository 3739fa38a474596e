//! # silkroute for Python
//!
//! The `silkroute` extension module: a thin layer over the API v1
//! [`Engine`] of `silkroute-bindings`. Every method builds an API v1
//! request, calls the engine and parses the JSON it returns, so results are
//! plain dicts with the same fields as `silkroute ... --json`, and
//! `Network.call` returns that JSON text byte for byte.
//!
//! Build with maturin from `crates/python` (`maturin develop --release`);
//! the tests are in `crates/python/tests` (pytest), because an extension
//! module does not link libpython and so cannot be tested by `cargo test`.
//!
//! ```python
//! import silkroute
//! net = silkroute.Network.eurasia()
//! best = net.route("Xi'an", "Duisburg", objective="time", avoid_countries=["RU", "BY"])
//! print(best["routes"][0]["totals"]["time_h"] / 24, "days")
//! ```
#![warn(missing_docs)]

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;
use silkroute_bindings::{Engine, to_json, v1};

create_exception!(
    silkroute,
    SilkrouteError,
    PyException,
    "Any failure of a silkroute request.\n\n\
     Attributes: ``kind`` (a stable snake_case string such as \
     ``unknown_terminal``, ``no_route``, ``invalid_request``; new kinds may \
     appear), ``message`` (a sentence for people) and ``suggestions`` (a list \
     of closest names, possibly empty)."
);

/// A Python exception from an API v1 error body.
fn py_error(py: Python<'_>, e: &v1::ErrorBody) -> PyErr {
    let err = SilkrouteError::new_err(e.message.clone());
    let value = err.value(py);
    let set = value
        .setattr("kind", &e.kind)
        .and_then(|()| value.setattr("message", &e.message))
        .and_then(|()| value.setattr("suggestions", PyList::new(py, &e.suggestions)?));
    match set {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// Parses JSON text into Python objects with the standard `json` module, so
/// results are exactly what `json.loads` gives for the CLI's output.
fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

/// The keyword arguments shared by `route`, `compare`, `pareto` and `matrix`.
struct Filters {
    objective: String,
    via: Option<Vec<String>>,
    modes: Option<Vec<String>>,
    avoid_countries: Option<Vec<String>>,
    avoid_passages: Option<Vec<String>>,
    avoid_terminals: Option<Vec<String>>,
    avoid_legs: Option<Vec<String>>,
    avoid_corridors: Option<Vec<String>>,
    max_transfers: Option<u32>,
    container: u32,
    value_of_time: Option<f64>,
    carbon_price: Option<f64>,
    scenarios: Option<Vec<String>>,
}

impl Filters {
    /// The API request; scenario files the caller names are read here (the
    /// caller owns them) and passed inline, as the engine reads no files.
    fn request(&self, origin: &str, destination: &str) -> Result<v1::RouteRequest, v1::ErrorBody> {
        let mut r = v1::RouteRequest::new(origin, destination);
        r.objective = Some(self.objective.clone());
        r.via = self.via.clone().unwrap_or_default();
        r.modes = self.modes.clone().unwrap_or_default();
        r.avoid_countries = self.avoid_countries.clone().unwrap_or_default();
        r.avoid_passages = self.avoid_passages.clone().unwrap_or_default();
        r.avoid_terminals = self.avoid_terminals.clone().unwrap_or_default();
        r.avoid_legs = self.avoid_legs.clone().unwrap_or_default();
        r.avoid_corridors = self.avoid_corridors.clone().unwrap_or_default();
        r.max_transfers = self.max_transfers;
        r.container = Some(self.container);
        r.value_of_time = self.value_of_time;
        r.carbon_price = self.carbon_price;
        r.scenarios =
            silkroute_bindings::inline_scenario_files(&self.scenarios.clone().unwrap_or_default())?;
        Ok(r)
    }
}

/// Builds [`Filters`] from a method's keyword arguments (one list, kept in
/// step with the `signature` attributes below).
macro_rules! filters {
    ($($field:ident),* $(,)?) => {
        Filters { $($field),* }
    };
}

/// A loaded freight network, ready to route.
///
/// Thread-safe: methods release the GIL while routing, and one network may
/// be shared by many threads.
#[pyclass(frozen, module = "silkroute")]
struct Network {
    engine: Engine,
}

impl Network {
    /// Runs one engine operation without the GIL and parses the result.
    fn run<'py>(
        &self,
        py: Python<'py>,
        op: impl FnOnce(&Engine) -> Result<String, v1::ErrorBody> + Send,
    ) -> PyResult<Bound<'py, PyAny>> {
        let engine = &self.engine;
        match py.detach(|| op(engine)) {
            Ok(json) => loads(py, &json),
            Err(e) => Err(py_error(py, &e)),
        }
    }
}

#[pymethods]
impl Network {
    /// The embedded Eurasian network (102 terminals).
    #[staticmethod]
    fn eurasia(py: Python<'_>) -> Network {
        Network {
            engine: py.detach(Engine::eurasia),
        }
    }

    /// A network from a GeoJSON file (plain or gzip-compressed).
    ///
    /// Raises SilkrouteError of kind ``io``, ``too_large`` or
    /// ``invalid_network`` (its suggestions list the problems found).
    #[staticmethod]
    fn from_path(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Network> {
        match py.detach(|| Engine::from_path(&path)) {
            Ok(engine) => Ok(Network { engine }),
            Err(e) => Err(py_error(py, &e)),
        }
    }

    /// A network from the bytes of a GeoJSON file (plain or gzip-compressed).
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: Vec<u8>) -> PyResult<Network> {
        match py.detach(|| Engine::from_bytes(&data)) {
            Ok(engine) => Ok(Network { engine }),
            Err(e) => Err(py_error(py, &e)),
        }
    }

    /// The best route from ``origin`` to ``destination``, plus up to
    /// ``alternatives`` meaningfully different ones.
    ///
    /// Returns the API v1 route response as a dict:
    /// ``{"api_version": 1, "routes": [...]}``. Raises SilkrouteError.
    #[pyo3(signature = (origin, destination, objective = "cost".to_string(), via = None, modes = None,
        avoid_countries = None, avoid_passages = None, avoid_terminals = None, max_transfers = None,
        container = 40, alternatives = 0, value_of_time = None, carbon_price = None,
        avoid_legs = None, avoid_corridors = None, scenarios = None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments
    fn route<'py>(
        &self,
        py: Python<'py>,
        origin: &str,
        destination: &str,
        objective: String,
        via: Option<Vec<String>>,
        modes: Option<Vec<String>>,
        avoid_countries: Option<Vec<String>>,
        avoid_passages: Option<Vec<String>>,
        avoid_terminals: Option<Vec<String>>,
        max_transfers: Option<u32>,
        container: u32,
        alternatives: usize,
        value_of_time: Option<f64>,
        carbon_price: Option<f64>,
        avoid_legs: Option<Vec<String>>,
        avoid_corridors: Option<Vec<String>>,
        scenarios: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let f = filters!(
            objective,
            via,
            modes,
            avoid_countries,
            avoid_passages,
            avoid_terminals,
            avoid_legs,
            avoid_corridors,
            max_transfers,
            container,
            value_of_time,
            carbon_price,
            scenarios,
        );
        let mut req = f
            .request(origin, destination)
            .map_err(|e| py_error(py, &e))?;
        req.alternatives = Some(alternatives);
        self.run(py, |e| e.route(&req).map(|r| to_json(&r)))
    }

    /// The best route of each corridor, and the corridors without one.
    ///
    /// Returns ``{"api_version": 1, "routes": [...], "unavailable": [...]}``.
    #[pyo3(signature = (origin, destination, objective = "cost".to_string(), via = None, modes = None,
        avoid_countries = None, avoid_passages = None, avoid_terminals = None, max_transfers = None,
        container = 40, value_of_time = None, carbon_price = None, avoid_legs = None,
        avoid_corridors = None, scenarios = None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments
    fn compare<'py>(
        &self,
        py: Python<'py>,
        origin: &str,
        destination: &str,
        objective: String,
        via: Option<Vec<String>>,
        modes: Option<Vec<String>>,
        avoid_countries: Option<Vec<String>>,
        avoid_passages: Option<Vec<String>>,
        avoid_terminals: Option<Vec<String>>,
        max_transfers: Option<u32>,
        container: u32,
        value_of_time: Option<f64>,
        carbon_price: Option<f64>,
        avoid_legs: Option<Vec<String>>,
        avoid_corridors: Option<Vec<String>>,
        scenarios: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let f = filters!(
            objective,
            via,
            modes,
            avoid_countries,
            avoid_passages,
            avoid_terminals,
            avoid_legs,
            avoid_corridors,
            max_transfers,
            container,
            value_of_time,
            carbon_price,
            scenarios,
        );
        let req = f
            .request(origin, destination)
            .map_err(|e| py_error(py, &e))?;
        self.run(py, |e| e.compare(&req).map(|r| to_json(&r)))
    }

    /// The Pareto set over (cost, time, CO2e), cheapest first; ``epsilon``
    /// > 0 thins it (relative tolerance).
    ///
    /// Returns ``{"api_version": 1, "routes": [...]}``.
    #[pyo3(signature = (origin, destination, objective = "cost".to_string(), via = None, modes = None,
        avoid_countries = None, avoid_passages = None, avoid_terminals = None, max_transfers = None,
        container = 40, epsilon = 0.0, value_of_time = None, carbon_price = None, avoid_legs = None,
        avoid_corridors = None, scenarios = None))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments
    fn pareto<'py>(
        &self,
        py: Python<'py>,
        origin: &str,
        destination: &str,
        objective: String,
        via: Option<Vec<String>>,
        modes: Option<Vec<String>>,
        avoid_countries: Option<Vec<String>>,
        avoid_passages: Option<Vec<String>>,
        avoid_terminals: Option<Vec<String>>,
        max_transfers: Option<u32>,
        container: u32,
        epsilon: f64,
        value_of_time: Option<f64>,
        carbon_price: Option<f64>,
        avoid_legs: Option<Vec<String>>,
        avoid_corridors: Option<Vec<String>>,
        scenarios: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let f = filters!(
            objective,
            via,
            modes,
            avoid_countries,
            avoid_passages,
            avoid_terminals,
            avoid_legs,
            avoid_corridors,
            max_transfers,
            container,
            value_of_time,
            carbon_price,
            scenarios,
        );
        let mut req = f
            .request(origin, destination)
            .map_err(|e| py_error(py, &e))?;
        req.epsilon = Some(epsilon);
        self.run(py, |e| e.pareto(&req).map(|r| to_json(&r)))
    }

    /// The best route between every origin and every destination, computed
    /// in parallel.
    ///
    /// Returns one row per pair, origins major, as a list of dicts with the
    /// columns of ``silkroute matrix``: ``origin``, ``destination`` (terminal
    /// names), ``corridor``, ``distance_km``, ``time_h``, ``cost_usd``,
    /// ``co2e_kg``, ``transfers``, ``status`` (``"ok"``, or why the pair has no
    /// route: ``"no_route"``, ``"same_origin_destination"``,
    /// ``"unknown_terminal"``, …) and ``message`` (``None`` when ``ok``).
    /// With ``as_dataframe=True``, a pandas DataFrame of the same rows.
    /// Invalid options (an unknown objective, a bad container size) raise
    /// SilkrouteError.
    #[pyo3(signature = (origins, destinations, objective = "cost".to_string(), via = None, modes = None,
        avoid_countries = None, avoid_passages = None, avoid_terminals = None, max_transfers = None,
        container = 40, value_of_time = None, carbon_price = None, avoid_legs = None,
        avoid_corridors = None, scenarios = None, as_dataframe = false))]
    #[allow(clippy::too_many_arguments)] // Python keyword arguments
    fn matrix<'py>(
        &self,
        py: Python<'py>,
        origins: Vec<String>,
        destinations: Vec<String>,
        objective: String,
        via: Option<Vec<String>>,
        modes: Option<Vec<String>>,
        avoid_countries: Option<Vec<String>>,
        avoid_passages: Option<Vec<String>>,
        avoid_terminals: Option<Vec<String>>,
        max_transfers: Option<u32>,
        container: u32,
        value_of_time: Option<f64>,
        carbon_price: Option<f64>,
        avoid_legs: Option<Vec<String>>,
        avoid_corridors: Option<Vec<String>>,
        scenarios: Option<Vec<String>>,
        as_dataframe: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let f = filters!(
            objective,
            via,
            modes,
            avoid_countries,
            avoid_passages,
            avoid_terminals,
            avoid_legs,
            avoid_corridors,
            max_transfers,
            container,
            value_of_time,
            carbon_price,
            scenarios,
        );
        let rows = self.run(py, |e| matrix_rows(e, &f, &origins, &destinations))?;
        if as_dataframe {
            py.import("pandas")?.getattr("DataFrame")?.call1((rows,))
        } else {
            Ok(rows)
        }
    }

    /// Terminals whose name, alias or id contains ``search`` (all when
    /// ``None``), as a list of dicts.
    #[pyo3(signature = (search = None))]
    fn terminals<'py>(
        &self,
        py: Python<'py>,
        search: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run(py, |e| Ok(to_json(&e.terminals(search.as_deref()))))
    }

    /// One terminal by id, name or alias, as a dict. Raises SilkrouteError
    /// of kind ``unknown_terminal`` with suggestions.
    fn find<'py>(&self, py: Python<'py>, query: String) -> PyResult<Bound<'py, PyAny>> {
        self.run(py, |e| e.find(&query).map(|t| to_json(&t)))
    }

    /// Library, API and dataset versions, as a dict.
    fn version<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.run(py, |e| Ok(to_json(&e.version())))
    }

    /// Runs an API v1 operation (``route``, ``compare``, ``pareto``,
    /// ``terminals``, ``find``, ``version``) on a JSON request and returns
    /// the JSON text, byte-identical to ``silkroute ... --json``. Failures
    /// are returned as an error response, not raised.
    fn call(&self, py: Python<'_>, operation: String, request: String) -> String {
        let engine = &self.engine;
        py.detach(|| engine.call(&operation, &request))
            .unwrap_or_else(|e| e)
    }

    fn __repr__(&self) -> String {
        let meta = self.engine.network().meta();
        format!(
            "<silkroute.Network {} ({} terminals)>",
            meta.name.as_deref().unwrap_or("unnamed"),
            self.engine.network().terminals().len()
        )
    }
}

/// One row of `Network.matrix`: the columns of `silkroute matrix`, in order.
#[derive(serde::Serialize)]
struct MatrixRow {
    origin: String,
    destination: String,
    corridor: Option<String>,
    distance_km: Option<f64>,
    time_h: Option<f64>,
    cost_usd: Option<f64>,
    co2e_kg: Option<f64>,
    transfers: Option<u32>,
    status: &'static str,
    message: Option<String>,
}

/// The rows of `Network.matrix`, as JSON text: the library's matrix (one
/// search per pair, in parallel), origins major.
fn matrix_rows(
    engine: &Engine,
    f: &Filters,
    origins: &[String],
    destinations: &[String],
) -> Result<String, v1::ErrorBody> {
    // The template's endpoints are replaced pair by pair.
    let request = f.request("", "")?;
    let template = engine.request(&request)?;
    let router = engine.router_for(&request)?;
    let table = router
        .try_matrix(origins, destinations, &template)
        .map_err(|e| v1::ErrorBody::from(&e))?;
    let rows: Vec<MatrixRow> = table
        .rows()
        .map(|r| MatrixRow {
            origin: r.origin,
            destination: r.destination,
            corridor: r.corridor,
            distance_km: r.distance_km,
            time_h: r.time_h,
            cost_usd: r.cost_usd,
            co2e_kg: r.co2e_kg,
            transfers: r.transfers,
            status: r.status,
            message: r.message,
        })
        .collect();
    Ok(to_json(&rows))
}

/// The library version (``"0.1.0"``) without loading a network.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Multimodal freight routing across the Eurasian corridors.
///
/// ``silkroute.Network.eurasia()`` loads the embedded network; its methods
/// return the API v1 JSON as dicts; failures raise ``SilkrouteError``.
#[pymodule]
fn silkroute(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Network>()?;
    m.add("SilkrouteError", m.py().get_type::<SilkrouteError>())?;
    m.add("API_VERSION", v1::API_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    Ok(())
}
