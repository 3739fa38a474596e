//! # silkroute-server
//!
//! API v1 over HTTP: the [`Engine`] behind an axum router, with an
//! OpenAPI 3.1 document, Prometheus metrics, structured logs with request
//! ids, limits on everything a client controls, graceful shutdown, and an
//! offline web map. `silkroute serve` runs it.
//!
//! ```no_run
//! use silkroute_bindings::Engine;
//! use silkroute_server::{ServerConfig, serve};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! // Xi'an → Duisburg by time: POST /v1/route {"from": "Xi'an", "to": "Duisburg", "objective": "time"}
//! serve(listener, Engine::eurasia(), ServerConfig::default(), silkroute_server::shutdown_signal()).await?;
//! # Ok(())
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The routes:
//!
//! | route | answer |
//! |---|---|
//! | `POST /v1/route`, `/v1/compare`, `/v1/pareto`, `/v1/emissions`, `/v1/matrix`, `/v1/diff` | the JSON `silkroute … --json` prints for the same request, byte for byte (GeoJSON with `Accept: application/geo+json`) |
//! | `GET /v1/terminals?search=&country=&kind=`, `/v1/scenarios`, `/v1/version` | as `silkroute terminals --json`, `silkroute scenarios --json` |
//! | `GET /health`, `/metrics`, `/openapi.json` | liveness and what is served; Prometheus text; the OpenAPI 3.1 document |
//! | `GET /`, `/docs` | the web map; the API reference |
//!
//! Every failure is the API v1 error body (`{"api_version":1,"error":{"kind",
//! "message","suggestions"}}`) with a status: 400 malformed JSON, 404
//! unknown path, 405 wrong method, 408 slow body, 413 body or matrix over
//! the server's limits, 415 not JSON, 422 refused by the engine (a value
//! over a limit included), 429 busy, 503 shutting down or past the
//! time limit, 500 a fault of silkroute (panics are caught). The limits are
//! the fields of [`ServerConfig`].
//!
//! Routing is CPU-bound: handlers stay thin and run every computation on
//! tokio's blocking pool, at most [`ServerConfig::max_concurrent`] at once;
//! the network and its routers are built once and shared.
#![warn(missing_docs)]

mod api;
mod config;
mod error;
mod extract;
mod metrics;
mod openapi;
mod schemas;
mod state;
mod web;

pub use config::{
    DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MATRIX_PAIRS, DEFAULT_MAX_QUEUED,
    DEFAULT_REQUEST_TIMEOUT, DEFAULT_SHUTDOWN_GRACE, ServerConfig,
};
pub use error::status_of;
pub use schemas::{
    DiffDelta, DiffNoRoute, DiffResponse, DiffRow, DiffScenario, DiffSide, DiffTotals, Feature,
    FeatureCollection, Health, ScenarioEffect, ScenarioInfo, ScenarioSource,
};
pub use web::asset_paths;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use error::ApiError;
use silkroute_bindings::Engine;
use silkroute_bindings::v1::{ErrorBody, ErrorKind, Scenarios};
use state::AppState;
use std::future::Future;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa::OpenApi as _;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "silkroute API",
        description = "Multimodal freight routing across the Eurasian corridors, API v1 over HTTP. Units: distances in km, times in hours, money in USD per container, emissions in kg CO2e per container (well-to-wheel). Every failure answers the API v1 error body with a stable `kind`. Within version 1, new optional fields and new values of string enumerations (error kinds, modes, passages) may appear: ignore what you do not know.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    tags(
        (name = "routing", description = "Routes, corridor comparisons, Pareto sets and matrices."),
        (name = "scenarios", description = "What-if scenarios and their effect."),
        (name = "network", description = "The served network."),
        (name = "operations", description = "Health, metrics and this document."),
    )
)]
struct ApiDoc;

/// The documented routes, each registered once for routing and for the
/// OpenAPI document.
fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(api::route))
        .routes(routes!(api::compare))
        .routes(routes!(api::pareto))
        .routes(routes!(api::emissions))
        .routes(routes!(api::matrix))
        .routes(routes!(api::diff))
        .routes(routes!(api::terminals))
        .routes(routes!(api::scenarios))
        .routes(routes!(api::version))
        .routes(routes!(api::health))
        .routes(routes!(api::metrics))
        .routes(routes!(api::openapi))
}

/// The OpenAPI 3.1 document of the server, as served at `/openapi.json`
/// and committed as `crates/server/openapi.json`.
///
/// # Examples
/// ```
/// let doc = silkroute_server::openapi();
/// assert_eq!(doc["openapi"], "3.1.0");
/// assert!(doc["paths"]["/v1/route"]["post"].is_object());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn openapi() -> serde_json::Value {
    let (_, api) = documented().split_for_parts();
    openapi::document(api)
}

/// Every path of the server, for the 404 answer's suggestions.
const PATHS: [&str; 15] = [
    "POST /v1/route",
    "POST /v1/compare",
    "POST /v1/pareto",
    "POST /v1/emissions",
    "POST /v1/matrix",
    "POST /v1/diff",
    "GET /v1/terminals",
    "GET /v1/scenarios",
    "GET /v1/version",
    "GET /health",
    "GET /metrics",
    "GET /openapi.json",
    "GET /docs",
    "GET /",
    "GET /assets/…",
];

async fn not_found(method: Method, uri: axum::http::Uri) -> ApiError {
    let mut body = ErrorBody::new(
        ErrorKind::UnknownOperation,
        format!(
            "no operation {method} {}: see /openapi.json or /docs",
            uri.path()
        ),
    );
    body.suggestions = PATHS.iter().map(|s| s.to_string()).collect();
    ApiError::from(body)
}

/// Gives axum's own bodiless 405 the v1 error body (keeping its `Allow`).
async fn method_not_allowed(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let response = next.run(req).await;
    if response.status() != StatusCode::METHOD_NOT_ALLOWED
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    // axum adds the `Allow` header itself, outside this layer.
    let allowed: Vec<&str> = PATHS
        .iter()
        .filter_map(|p| p.split_once(' '))
        .filter(|(_, p)| *p == path)
        .map(|(m, _)| m)
        .collect();
    let mut body = ErrorBody::new(
        ErrorKind::UnknownOperation,
        format!(
            "{method} is not allowed on {path}; allowed: {}",
            allowed.join(", ")
        ),
    );
    body.suggestions = allowed.iter().map(|m| format!("{m} {path}")).collect();
    ApiError::from(body)
        .with_status(StatusCode::METHOD_NOT_ALLOWED)
        .into_response()
}

/// Refuses new requests with 503 once shutdown has begun.
async fn refuse_while_draining(State(s): State<AppState>, req: Request, next: Next) -> Response {
    if s.draining() {
        s.metrics.reject("unavailable");
        return ApiError::new(
            ErrorKind::Unavailable,
            "the server is shutting down; retry on another instance",
        )
        .into_response();
    }
    next.run(req).await
}

fn panic_response(p: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = state::panic_message(p);
    tracing::error!(%message, "handler panicked");
    ApiError::new(
        ErrorKind::Panic,
        format!("silkroute panicked while answering: {message}; please report it"),
    )
    .into_response()
}

/// The engine a configuration serves: the scenarios of
/// [`ServerConfig::scenarios`] applied to `engine`'s network.
fn served_engine(engine: Engine, config: &ServerConfig) -> Result<Engine, ErrorBody> {
    if config.scenarios.is_empty() {
        return Ok(engine);
    }
    let net = engine.scenario_network(&Scenarios::parse(&config.scenarios)?)?;
    Ok(Engine::with_limits(net, engine.router().limits()))
}

/// A router and the state it shares, for [`serve`] (which needs the state
/// to start draining).
fn build(engine: Engine, config: ServerConfig) -> Result<(Router, AppState), ErrorBody> {
    let engine = served_engine(engine, &config)?;
    let (router, api) = documented().split_for_parts();
    let doc = openapi::document(api);
    let state = AppState::new(engine, config, doc.to_string());
    let router = router
        .route("/", get(web::index))
        .route("/docs", get(web::docs))
        .route("/assets/{*path}", get(web::asset))
        .fallback(not_found);
    Ok((layered(router, &state), state))
}

/// The routes with every layer, outermost last: the request id is set,
/// the request traced, counted, its panics caught, refused while
/// draining, and its body limited.
fn layered(router: Router<AppState>, state: &AppState) -> Router {
    router
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(middleware::from_fn(method_not_allowed))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_while_draining,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::track,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("");
                    tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state.clone())
}

/// The server's router over `engine` with `config`'s limits (for tests and
/// for embedding in a larger axum application).
///
/// # Errors
/// The error of a scenario of [`ServerConfig::scenarios`] that is unknown,
/// invalid, or does not apply to the network.
pub fn app(engine: Engine, config: ServerConfig) -> Result<Router, ErrorBody> {
    build(engine, config).map(|(router, _)| router)
}

/// Serves `engine` on `listener` until `shutdown` completes, then shuts
/// down gracefully: new requests are refused with 503 for
/// [`ServerConfig::drain_delay`], the listener closes, and in-flight
/// requests have [`ServerConfig::shutdown_grace`] to finish (each is
/// answered in full; a request still running after the grace is dropped
/// and logged).
///
/// # Errors
/// A scenario that does not apply (as [`app`], as an `io::Error` of kind
/// `InvalidInput`), or an I/O error of the listener.
pub async fn serve(
    listener: tokio::net::TcpListener,
    engine: Engine,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (router, state) = build(engine, config).map_err(invalid_input)?;
    serve_built(listener, router, state, shutdown).await
}

fn invalid_input(e: ErrorBody) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, e.message)
}

async fn serve_built(
    listener: tokio::net::TcpListener,
    router: Router,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (drained_tx, drained_rx) = tokio::sync::watch::channel(false);
    let drain = {
        let state = state.clone();
        async move {
            shutdown.await;
            tracing::info!(
                in_flight = state.metrics.in_flight(),
                "shutdown: refusing new requests"
            );
            state.start_draining();
            tokio::time::sleep(state.config.drain_delay).await;
            tracing::info!(
                in_flight = state.metrics.in_flight(),
                "shutdown: listener closed, finishing in-flight requests"
            );
            let _ = drained_tx.send(true);
        }
    };
    let server = axum::serve(listener, router).with_graceful_shutdown(drain);
    let grace = state.config.shutdown_grace;
    let deadline = async move {
        let mut rx = drained_rx;
        // Wait for the drain to begin, then for the grace period.
        while !*rx.borrow() {
            if rx.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        r = server => {
            tracing::info!("shutdown: done");
            r
        }
        () = deadline => {
            tracing::warn!(
                in_flight = state.metrics.in_flight(),
                "shutdown: grace period over, dropping the requests still running"
            );
            Ok(())
        }
    }
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Runs the server on its own tokio runtime until Ctrl-C or SIGTERM: what
/// `silkroute serve` calls. `on_ready` is given the bound address once the
/// server listens (port 0 picks a free port).
///
/// # Errors
/// The address cannot be bound, a scenario does not apply, or the runtime
/// cannot start.
pub fn run(
    addr: std::net::SocketAddr,
    engine: Engine,
    config: ServerConfig,
    on_ready: impl FnOnce(std::net::SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("silkroute-server")
        .build()?;
    // Scenarios are applied before the port is bound: a bad one is
    // reported without ever listening.
    let (router, state) = build(engine, config).map_err(invalid_input)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        on_ready(listener.local_addr()?);
        serve_built(listener, router, state, shutdown_signal()).await
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt as _;

    fn state() -> AppState {
        AppState::new(Engine::eurasia(), ServerConfig::default(), "{}".into())
    }

    async fn body_of(r: Response) -> serde_json::Value {
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 20)
            .await
            .expect("a body");
        serde_json::from_slice(&bytes).expect("JSON")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_500_with_the_v1_body() {
        let s = state();
        async fn boom() -> &'static str {
            panic!("boom")
        }
        let router: Router<AppState> = Router::new().route("/boom", get(boom));
        let app = layered(router, &s);
        let r = app
            .oneshot(Request::get("/boom").body(Body::empty()).expect("request"))
            .await
            .expect("an answer");
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let v = body_of(r).await;
        assert_eq!(v["error"]["kind"], "panic");
        assert!(
            v["error"]["message"]
                .as_str()
                .expect("text")
                .contains("boom")
        );
        assert!(
            s.metrics
                .render()
                .contains("route=\"/boom\",method=\"GET\",status=\"500\"} 1")
        );
    }

    #[tokio::test]
    async fn a_panicking_computation_answers_500_and_frees_its_slot() {
        let s = state();
        let e = s
            .compute(|_| -> Result<(), ErrorBody> { panic!("in the blocking pool") })
            .await
            .expect_err("a panic");
        assert_eq!(e.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(e.body.kind, ErrorKind::Panic);
        assert!(e.body.message.contains("in the blocking pool"));
        for _ in 0..(s.config.max_concurrent + s.config.max_queued + 1) {
            s.compute(|_| Ok::<_, ErrorBody>(()))
                .await
                .expect("slots are free again");
        }
    }
}
