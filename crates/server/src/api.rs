//! The API v1 operations over HTTP. Each handler parses its input once
//! (the body into the v1 request type, then `v1::Request::try_from`, as
//! `Engine::call` does), runs one engine operation on the blocking pool,
//! and formats the typed result with the bindings' formatters: the body is
//! the text `silkroute … --json` prints for the same request, byte for
//! byte (a trailing newline included).

use crate::error::{ApiError, json_response};
use crate::extract::{JsonBody, QueryParams, json_error};
use crate::openapi::*;
use crate::schemas::Health;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use silkroute_bindings::format::{diff_json, matrix_geojson, matrix_json, scenario_json};
use silkroute_bindings::v1::{self, ErrorBody, ErrorKind, Request};
use silkroute_bindings::{routes_geojson, to_json};
use silkroute_routing::Route;

const JSON: &str = "application/json";
const GEOJSON: &str = "application/geo+json";

/// Whether the client asked for GeoJSON (`Accept: application/geo+json`).
fn wants_geojson(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains(GEOJSON))
}

fn ok(text: String, geo: bool) -> Response {
    json_response(StatusCode::OK, text, if geo { GEOJSON } else { JSON })
}

/// The best route and up to `alternatives` meaningfully different others.
///
/// The body is the JSON `silkroute route --json` prints for the same
/// request; with `Accept: application/geo+json`, the GeoJSON of
/// `--format geojson` (routes and their legs as LineStrings).
#[utoipa::path(
    post, path = "/v1/route", tag = "routing",
    request_body(content = RouteRequestSchema, content_type = "application/json",
        description = "The trip and its options; `alternatives` asks for up to K alternatives besides the best route."),
    responses((status = 200, description = "The best route first, then the alternatives.",
        content((RouteResponseSchema = "application/json"), (GeoJsonSchema = "application/geo+json")))),
)]
pub async fn route(
    State(s): State<AppState>,
    headers: HeaderMap,
    JsonBody(req): JsonBody<v1::RouteRequest>,
) -> Result<Response, ApiError> {
    let geo = wants_geojson(&headers);
    let text = s
        .compute(move |e| {
            let routes = e.route(&Request::try_from(&req)?)?;
            Ok(if geo {
                routes_geojson(&routes).to_string()
            } else {
                to_json(&v1::RouteResponse::from_routes(&routes))
            })
        })
        .await?;
    Ok(ok(text, geo))
}

/// The best route of every corridor, side by side, and the corridors
/// without one with the reason (`silkroute compare --json`).
#[utoipa::path(
    post, path = "/v1/compare", tag = "routing",
    request_body(content = RouteRequestSchema, content_type = "application/json"),
    responses((status = 200, description = "One route per corridor that has one, in the network's order; the others in `unavailable`.",
        content((CompareResponseSchema = "application/json"), (GeoJsonSchema = "application/geo+json")))),
)]
pub async fn compare(
    State(s): State<AppState>,
    headers: HeaderMap,
    JsonBody(req): JsonBody<v1::RouteRequest>,
) -> Result<Response, ApiError> {
    let geo = wants_geojson(&headers);
    let text = s
        .compute(move |e| {
            let options = e.compare(&Request::try_from(&req)?)?;
            Ok(if geo {
                let routes: Vec<Route> = options
                    .iter()
                    .filter_map(|o| o.result.as_ref().ok().cloned())
                    .collect();
                routes_geojson(&routes).to_string()
            } else {
                to_json(&v1::CompareResponse::from_options(&options))
            })
        })
        .await?;
    Ok(ok(text, geo))
}

/// The routes no other route beats on cost, time and CO2e at once,
/// cheapest first (`silkroute pareto --json`); `epsilon` thins the set.
#[utoipa::path(
    post, path = "/v1/pareto", tag = "routing",
    request_body(content = RouteRequestSchema, content_type = "application/json"),
    responses((status = 200, description = "The Pareto set over (cost, time, CO2e), cheapest first.",
        content((RouteResponseSchema = "application/json"), (GeoJsonSchema = "application/geo+json")))),
)]
pub async fn pareto(
    State(s): State<AppState>,
    headers: HeaderMap,
    JsonBody(req): JsonBody<v1::RouteRequest>,
) -> Result<Response, ApiError> {
    let geo = wants_geojson(&headers);
    let text = s
        .compute(move |e| {
            let routes = e.pareto(&Request::try_from(&req)?)?;
            Ok(if geo {
                routes_geojson(&routes).to_string()
            } else {
                to_json(&v1::RouteResponse::from_routes(&routes))
            })
        })
        .await?;
    Ok(ok(text, geo))
}

/// The best route's emissions leg by leg and hub by hub, ISO 14083
/// (`silkroute emissions --json`).
#[utoipa::path(
    post, path = "/v1/emissions", tag = "routing",
    request_body(content = RouteRequestSchema, content_type = "application/json"),
    responses((status = 200, description = "The best route and its breakdown: activity, factor, source, well-to-tank and tank-to-wheel kg CO2e per leg and hub.",
        content((EmissionsResponseSchema = "application/json")))),
)]
pub async fn emissions(
    State(s): State<AppState>,
    JsonBody(req): JsonBody<v1::RouteRequest>,
) -> Result<Response, ApiError> {
    let text = s
        .compute(move |e| Ok(to_json(&e.emissions(&Request::try_from(&req)?)?)))
        .await?;
    Ok(ok(text, false))
}

/// A matrix request split into its lists and a v1 route request with the
/// options (its `from` and `to` are the first origin and destination, as
/// `silkroute matrix` builds it).
fn matrix_request(
    mut body: serde_json::Map<String, Value>,
) -> Result<(Vec<String>, Vec<String>, v1::RouteRequest), ApiError> {
    for k in ["from", "to", "via"] {
        if body.contains_key(k) {
            return Err(ApiError::new(
                ErrorKind::InvalidRequest,
                format!(
                    "invalid request JSON: a matrix takes `origins` and `destinations`, not `{k}`"
                ),
            ));
        }
    }
    let mut list = |k: &str| -> Result<Vec<String>, ApiError> {
        let v = body.remove(k).ok_or_else(|| {
            ApiError::new(
                ErrorKind::InvalidRequest,
                format!("invalid request JSON: missing field `{k}`"),
            )
        })?;
        let items: Vec<String> = serde_json::from_value(v).map_err(|e| {
            ApiError::new(
                ErrorKind::InvalidRequest,
                format!("invalid request JSON: `{k}` must be an array of strings: {e}"),
            )
        })?;
        // As `silkroute matrix` reads its lists: trimmed, blanks left out.
        Ok(items
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect())
    };
    let origins = list("origins")?;
    let destinations = list("destinations")?;
    if origins.is_empty() || destinations.is_empty() {
        return Err(ApiError::new(
            ErrorKind::InvalidRequest,
            "a matrix needs at least one origin and one destination",
        ));
    }
    body.insert("from".into(), Value::String(origins[0].clone()));
    body.insert("to".into(), Value::String(destinations[0].clone()));
    let req = serde_json::from_value(Value::Object(body)).map_err(|e| json_error(&e))?;
    Ok((origins, destinations, req))
}

/// The best route for every origin × destination pair, origins major
/// (`silkroute matrix --format json`). A pair without a route keeps its
/// row: `null` figures and a `status` saying why.
///
/// Unknown terminal names are refused (422), as the command line refuses
/// them; positions (`"LAT,LON"`) snap to the nearest terminal.
#[utoipa::path(
    post, path = "/v1/matrix", tag = "routing",
    request_body(content = MatrixRequestSchema, content_type = "application/json"),
    responses((status = 200, description = "One row per pair, in input order (origins major).",
        content((MatrixResponseSchema = "application/json"), (GeoJsonSchema = "application/geo+json")))),
)]
pub async fn matrix(
    State(s): State<AppState>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<serde_json::Map<String, Value>>,
) -> Result<Response, ApiError> {
    let geo = wants_geojson(&headers);
    let (origins, destinations, req) = matrix_request(body)?;
    let pairs = origins.len().saturating_mul(destinations.len());
    let max = s.config.max_matrix_pairs;
    if pairs > max {
        return Err(ApiError::new(
            ErrorKind::TooLarge,
            format!(
                "{} origins × {} destinations = {pairs} pairs, over the server's limit of {max} matrix pairs (--max-matrix-pairs); split the matrix into smaller requests",
                origins.len(),
                destinations.len()
            ),
        )
        .with_status(StatusCode::PAYLOAD_TOO_LARGE));
    }
    let text = s
        .compute(move |e| {
            let r = Request::try_from(&req)?;
            e.check_terminals(&origins)?;
            e.check_terminals(&destinations)?;
            let table = e.matrix(&r, &origins, &destinations, |_| {})?;
            Ok(if geo {
                matrix_geojson(&table).to_string()
            } else {
                matrix_json(&table)
            })
        })
        .await?;
    Ok(ok(text, geo))
}

/// The corridors of a trip on the network as served (the baseline) and
/// with the request's `scenarios` applied, side by side (`silkroute diff
/// --json`). At least one scenario is needed.
#[utoipa::path(
    post, path = "/v1/diff", tag = "scenarios",
    request_body(content = RouteRequestSchema, content_type = "application/json"),
    responses((status = 200, description = "The best route, then one row per corridor.", body = DiffResponseSchema, content_type = "application/json")),
)]
pub async fn diff(
    State(s): State<AppState>,
    JsonBody(req): JsonBody<v1::RouteRequest>,
) -> Result<Response, ApiError> {
    let text = s
        .compute(move |e| {
            let d = e.diff(&Request::try_from(&req)?)?;
            Ok(diff_json(&d, &req.from, &req.to).to_string())
        })
        .await?;
    Ok(ok(text, false))
}

/// The filters of `GET /v1/terminals`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalFilters {
    search: Option<String>,
    country: Option<String>,
    kind: Option<String>,
}

/// The terminals of the network, optionally filtered
/// (`silkroute terminals --json [--search Q]`).
#[utoipa::path(
    get, path = "/v1/terminals", tag = "network",
    params(
        ("search" = Option<String>, Query, description = "Only terminals whose name, alias or id contains this text (case, accents and punctuation ignored)."),
        ("country" = Option<String>, Query, description = "Only terminals in this country (ISO 3166-1 alpha-2, any case)."),
        ("kind" = Option<String>, Query, description = "Only terminals of this kind (`sea_port`, `rail_terminal`, …)."),
    ),
    responses((status = 200, description = "The terminals, in the network's order.", body = Vec<TerminalInfoSchema>, content_type = "application/json")),
)]
pub async fn terminals(
    State(s): State<AppState>,
    QueryParams(f): QueryParams<TerminalFilters>,
) -> Result<Response, ApiError> {
    let list: Vec<v1::TerminalInfo> = s
        .engine
        .terminals(f.search.as_deref())
        .into_iter()
        .filter(|t| {
            f.country
                .as_deref()
                .is_none_or(|c| t.country.as_str().eq_ignore_ascii_case(c.trim()))
        })
        .filter(|t| {
            f.kind
                .as_deref()
                .is_none_or(|k| t.kind.to_string().eq_ignore_ascii_case(k.trim()))
        })
        .map(v1::TerminalInfo::from)
        .collect();
    Ok(ok(to_json(&list), false))
}

/// The built-in what-if scenarios with their sources and their effect on
/// the served network (`silkroute scenarios --json`).
#[utoipa::path(
    get, path = "/v1/scenarios", tag = "scenarios",
    responses((status = 200, description = "Every built-in scenario.", body = Vec<ScenarioInfoSchema>, content_type = "application/json")),
)]
pub async fn scenarios(State(s): State<AppState>) -> Result<Response, ApiError> {
    if let Some(text) = s.scenarios.get() {
        return Ok(ok(text.clone(), false));
    }
    let text = s
        .compute(|e| {
            let items: Vec<Value> = silkroute_core::Scenario::builtins()
                .iter()
                .map(|sc| scenario_json(sc, &e.scenario_effect(sc)))
                .collect();
            Ok::<_, ErrorBody>(Value::Array(items).to_string())
        })
        .await?;
    Ok(ok(s.scenarios.get_or_init(|| text).clone(), false))
}

/// Library, API and dataset versions (the `version` operation of
/// `Engine::call`).
#[utoipa::path(
    get, path = "/v1/version", tag = "network",
    responses((status = 200, description = "The versions.", body = VersionInfoSchema, content_type = "application/json")),
)]
pub async fn version(State(s): State<AppState>) -> Response {
    ok(to_json(&s.engine.version()), false)
}

/// Whether the server is up, and what it serves. While it shuts down this
/// answers 503 (kind `unavailable`), like every other path.
#[utoipa::path(
    get, path = "/health", tag = "operations",
    responses((status = 200, description = "Serving.", body = HealthSchema, content_type = "application/json")),
)]
pub async fn health(State(s): State<AppState>) -> Response {
    let v = s.engine.version();
    let h = Health {
        status: "ok".into(),
        api_version: v.api_version,
        library_version: v.library_version,
        dataset_version: v.dataset_version,
        network: v.network,
        scenarios: s.config.scenarios.clone(),
    };
    ok(to_json(&h), false)
}

/// Prometheus text metrics: `silkroute_http_requests_total` (by route
/// template, method, status), `silkroute_http_request_duration_seconds`
/// (histogram by route), `silkroute_http_requests_in_flight`,
/// `silkroute_requests_rejected_total` (by reason),
/// `process_resident_memory_bytes`.
#[utoipa::path(
    get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "The metrics, in the Prometheus text exposition format 0.0.4.", body = String, content_type = "text/plain")),
)]
pub async fn metrics(State(s): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        s.metrics.render(),
    )
        .into_response()
}

/// This document.
#[utoipa::path(
    get, path = "/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI 3.1 document of this server.", body = Object, content_type = "application/json")),
)]
pub async fn openapi(State(s): State<AppState>) -> Response {
    ok(s.openapi.clone(), false)
}
