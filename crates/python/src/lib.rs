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
use pyo3::types::{PyDict, PyList};
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
        .setattr("kind", e.kind.as_str())
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

/// The API v1 request from a method's keyword arguments: the keywords are
/// the fields of API v1 (`objective`, `avoid_countries`, `scenarios`, …),
/// deserialised once into the v1 type, then parsed into typed values; an
/// unknown keyword is refused with the accepted ones. Scenario files the
/// caller names are read here (the caller owns them) and passed inline, as
/// the engine reads no files.
fn request(
    py: Python<'_>,
    from: Option<&str>,
    to: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
    epsilon: Option<f64>,
) -> PyResult<v1::Request> {
    let fields = match options {
        Some(d) => d.copy()?,
        None => PyDict::new(py),
    };
    fields.set_item("from", from.unwrap_or(""))?;
    fields.set_item("to", to.unwrap_or(""))?;
    if let Some(eps) = epsilon {
        fields.set_item("epsilon", eps)?;
    }
    let text: String = py
        .import("json")?
        .call_method1("dumps", (fields,))?
        .extract()?;
    let invalid = |e: serde_json::Error| {
        v1::ErrorBody::new(
            v1::ErrorKind::InvalidRequest,
            format!("invalid keyword arguments: {e}"),
        )
    };
    let parsed = serde_json::from_str::<v1::RouteRequest>(&text)
        .map_err(invalid)
        .and_then(|mut r| {
            r.scenarios = silkroute_bindings::inline_scenario_files(&r.scenarios)?;
            v1::Request::try_from(&r)
        });
    parsed.map_err(|e| py_error(py, &e))
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
    /// Keyword arguments are the fields of an API v1 route request
    /// (``objective``, ``via``, ``modes``, ``avoid_countries``,
    /// ``avoid_passages``, ``avoid_terminals``, ``avoid_legs``,
    /// ``avoid_corridors``, ``max_transfers``, ``container``,
    /// ``alternatives``, ``value_of_time``, ``carbon_price``, ``scenarios``,
    /// ``cargo_tonnes``).
    /// Returns the API v1 route response as a dict:
    /// ``{"api_version": 1, "routes": [...]}``. Raises SilkrouteError.
    #[pyo3(signature = (origin, destination, **options))]
    fn route<'py>(
        &self,
        py: Python<'py>,
        origin: &str,
        destination: &str,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = request(py, Some(origin), Some(destination), options, None)?;
        self.run(py, |e| {
            e.route(&req)
                .map(|r| to_json(&v1::RouteResponse::from_routes(&r)))
        })
    }

    /// The best route of each corridor, and the corridors without one.
    ///
    /// Keyword arguments as for ``route``. Returns
    /// ``{"api_version": 1, "routes": [...], "unavailable": [...]}``.
    #[pyo3(signature = (origin, destination, **options))]
    fn compare<'py>(
        &self,
        py: Python<'py>,
        origin: &str,
        destination: &str,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = request(py, Some(origin), Some(destination), options, None)?;
        self.run(py, |e| {
            e.compare(&req)
                .map(|r| to_json(&v1::CompareResponse::from_options(&r)))
        })
    }

    /// The best route's emissions leg by leg and hub by hub (ISO 14083):
    /// activity, factor, source, well-to-tank and tank-to-wheel kg CO2e.
    ///
    /// Keyword arguments as for ``route`` (``cargo_tonnes`` sets the cargo
    /// mass). Returns ``{"api_version": 1, "route": {...},
    /// "cargo_tonnes": ..., "rows": [...]}``.
    #[pyo3(signature = (origin, destination, **options))]
    fn emissions<'py>(
        &self,
        py: Python<'py>,
        origin: &str,
        destination: &str,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = request(py, Some(origin), Some(destination), options, None)?;
        self.run(py, |e| e.emissions(&req).map(|r| to_json(&r)))
    }

    /// The routes no other route beats on cost, time and CO2e at once,
    /// cheapest first; ``epsilon`` > 0 thins the set.
    ///
    /// Keyword arguments as for ``route``. Returns
    /// ``{"api_version": 1, "routes": [...]}``.
    #[pyo3(signature = (origin, destination, epsilon = 0.0, **options))]
    fn pareto<'py>(
        &self,
        py: Python<'py>,
        origin: &str,
        destination: &str,
        epsilon: f64,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = request(py, Some(origin), Some(destination), options, Some(epsilon))?;
        self.run(py, |e| {
            e.pareto(&req)
                .map(|r| to_json(&v1::RouteResponse::from_routes(&r)))
        })
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
    /// Keyword arguments as for ``route``; invalid options (an unknown
    /// objective, a bad container size) raise SilkrouteError.
    #[pyo3(signature = (origins, destinations, as_dataframe = false, **options))]
    fn matrix<'py>(
        &self,
        py: Python<'py>,
        origins: Vec<String>,
        destinations: Vec<String>,
        as_dataframe: bool,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = request(py, None, None, options, None)?;
        let rows = self.run(py, |e| {
            e.matrix(&req, &origins, &destinations, |_| {})
                .map(|t| to_json(&v1::MatrixResponse::from_table(&t).rows))
        })?;
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
        self.run(py, |e| {
            let list: Vec<v1::TerminalInfo> = e
                .terminals(search.as_deref())
                .into_iter()
                .map(v1::TerminalInfo::from)
                .collect();
            Ok(to_json(&list))
        })
    }

    /// One terminal by id, name or alias, as a dict. Raises SilkrouteError
    /// of kind ``unknown_terminal`` with suggestions.
    fn find<'py>(&self, py: Python<'py>, query: String) -> PyResult<Bound<'py, PyAny>> {
        self.run(py, |e| {
            e.find(&query).map(|t| to_json(&v1::TerminalInfo::from(t)))
        })
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
