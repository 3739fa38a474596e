//! The state every handler shares: the engine (network and routers, built
//! once), the limits, the metrics, the OpenAPI document and the shutdown
//! flag.

use crate::ServerConfig;
use crate::error::ApiError;
use crate::metrics::Metrics;
use silkroute_bindings::Engine;
use silkroute_bindings::v1::{ErrorBody, ErrorKind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Semaphore;

/// What the handlers share, cheap to clone (an `Arc`).
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
pub struct Inner {
    pub engine: Engine,
    pub config: ServerConfig,
    pub metrics: Arc<Metrics>,
    /// Requests admitted: running or waiting for a worker.
    admitted: Arc<Semaphore>,
    /// Computations running.
    workers: Arc<Semaphore>,
    draining: AtomicBool,
    /// The OpenAPI document, rendered once.
    pub openapi: String,
    /// `/v1/scenarios`, computed on first use (the network never changes).
    pub scenarios: std::sync::OnceLock<String>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(engine: Engine, config: ServerConfig, openapi: String) -> AppState {
        let workers = config.max_concurrent.max(1);
        AppState(Arc::new(Inner {
            engine,
            admitted: Arc::new(Semaphore::new(workers.saturating_add(config.max_queued))),
            workers: Arc::new(Semaphore::new(workers)),
            config,
            metrics: Arc::default(),
            draining: AtomicBool::new(false),
            openapi,
            scenarios: std::sync::OnceLock::new(),
        }))
    }

    /// Whether shutdown has begun.
    pub fn draining(&self) -> bool {
        self.draining.load(Ordering::Acquire)
    }

    /// Marks the server as shutting down: new requests get 503.
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::Release);
    }

    /// Runs a CPU-bound computation on the blocking pool: admitted if the
    /// queue has room (429 otherwise), then run when a worker is free,
    /// within the request time limit (503 `timeout` past it).
    ///
    /// The permits move into the blocking task, so a computation whose
    /// client left, or that ran past its time limit, still counts against
    /// the limits until it ends: the limits bound the real work.
    pub async fn compute<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&Engine) -> Result<T, ErrorBody> + Send + 'static,
        T: Send + 'static,
    {
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| {
            self.metrics.reject("overloaded");
            ApiError::new(
                ErrorKind::Overloaded,
                format!(
                    "the server is busy: {} computations running and {} waiting (--max-concurrent, --max-queued); retry in a second",
                    self.config.max_concurrent, self.config.max_queued
                ),
            )
        })?;
        let timeout = self.config.request_timeout;
        let state = self.clone();
        let run =
            async move {
                let worker =
                    state.workers.clone().acquire_owned().await.map_err(|_| {
                        ApiError::new(ErrorKind::Unavailable, "the server is stopping")
                    })?;
                let engine = state.engine.clone();
                tokio::task::spawn_blocking(move || {
                    let _permits = (admitted, worker);
                    work(&engine)
                })
                .await
                .map_err(|e| {
                    let message = if e.is_panic() {
                        format!(
                            "silkroute panicked while answering: {}; please report it",
                            panic_message(e.into_panic())
                        )
                    } else {
                        "the computation was cancelled".to_string()
                    };
                    tracing::error!(%message, "computation failed");
                    ApiError::new(ErrorKind::Panic, message)
                })?
                .map_err(ApiError::from)
            };
        match tokio::time::timeout(timeout, run).await {
            Ok(result) => result,
            Err(_) => {
                self.metrics.reject("timeout");
                Err(ApiError::new(
                    ErrorKind::Timeout,
                    format!(
                        "the request took longer than the server's limit of {} ms (--request-timeout); ask for less (fewer pairs, fewer alternatives)",
                        timeout.as_millis()
                    ),
                ))
            }
        }
    }
}

/// The message of a caught panic.
pub fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}
