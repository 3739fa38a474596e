//! The server's limits, each with its default and the reason for it.

use std::time::Duration;

/// Default largest request body, in bytes (1 MiB, the same as
/// [`silkroute_bindings::DEFAULT_MAX_REQUEST_BYTES`]).
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;
/// Default limit on the origin–destination pairs of one matrix request.
pub const DEFAULT_MAX_MATRIX_PAIRS: usize = 2_500;
/// Default number of requests waiting for a worker before new ones are
/// refused with 429.
pub const DEFAULT_MAX_QUEUED: usize = 256;
/// Default time limit of one request's computation, queueing included.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time a client has to send its request body.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time in-flight requests have to finish once shutdown begins.
pub const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// The limits of a server. Every request that would go past one is refused
/// with an API v1 error body and a 4xx status (503 for a computation over
/// its time limit), never served partly.
///
/// Build it with [`ServerConfig::default`] and the setter methods:
///
/// ```
/// use std::time::Duration;
/// let config = silkroute_server::ServerConfig::default()
///     .max_matrix_pairs(400)
///     .request_timeout(Duration::from_secs(5));
/// assert_eq!(config.max_body_bytes, 1024 * 1024);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerConfig {
    /// Largest request body in bytes; a longer one is refused with 413
    /// before it is parsed. Default [`DEFAULT_MAX_BODY_BYTES`] (1 MiB).
    pub max_body_bytes: usize,
    /// Most origin–destination pairs in one `/v1/matrix` request (413
    /// above). Default [`DEFAULT_MAX_MATRIX_PAIRS`].
    pub max_matrix_pairs: usize,
    /// Routing computations run at once, each on a blocking thread.
    /// Default: the number of cores, since routing is CPU-bound.
    pub max_concurrent: usize,
    /// Requests waiting for a computation slot; one more is refused with
    /// 429 and `Retry-After: 1`. Default [`DEFAULT_MAX_QUEUED`].
    pub max_queued: usize,
    /// Time limit of one computation, waiting for a slot included (503
    /// with kind `timeout` past it). Default 30 s.
    pub request_timeout: Duration,
    /// Time a client has to send its whole body (408 with kind `timeout`
    /// past it), so that slow clients cannot hold a request open.
    /// Default 10 s.
    pub body_timeout: Duration,
    /// After a shutdown signal: how long the server keeps its listener
    /// open, answering new requests with 503 and `/health` with 503, so
    /// that a load balancer stops sending traffic. Default 0.
    pub drain_delay: Duration,
    /// After a shutdown signal and the drain delay: how long in-flight
    /// requests have to finish before the server stops anyway. Default 30 s.
    pub shutdown_grace: Duration,
    /// What-if scenarios (built-in ids or inline scenario JSON) applied to
    /// the network before serving it, in order; `/health` lists them.
    /// Requests may apply more. Default: none.
    pub scenarios: Vec<String>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_matrix_pairs: DEFAULT_MAX_MATRIX_PAIRS,
            max_concurrent: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_queued: DEFAULT_MAX_QUEUED,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            drain_delay: Duration::ZERO,
            shutdown_grace: DEFAULT_SHUTDOWN_GRACE,
            scenarios: Vec::new(),
        }
    }
}

impl ServerConfig {
    /// Sets [`max_body_bytes`](Self::max_body_bytes).
    #[must_use]
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.max_body_bytes = n;
        self
    }

    /// Sets [`max_matrix_pairs`](Self::max_matrix_pairs).
    #[must_use]
    pub fn max_matrix_pairs(mut self, n: usize) -> Self {
        self.max_matrix_pairs = n;
        self
    }

    /// Sets [`max_concurrent`](Self::max_concurrent) (at least 1).
    #[must_use]
    pub fn max_concurrent(mut self, n: usize) -> Self {
        self.max_concurrent = n.max(1);
        self
    }

    /// Sets [`max_queued`](Self::max_queued).
    #[must_use]
    pub fn max_queued(mut self, n: usize) -> Self {
        self.max_queued = n;
        self
    }

    /// Sets [`request_timeout`](Self::request_timeout).
    #[must_use]
    pub fn request_timeout(mut self, d: Duration) -> Self {
        self.request_timeout = d;
        self
    }

    /// Sets [`body_timeout`](Self::body_timeout).
    #[must_use]
    pub fn body_timeout(mut self, d: Duration) -> Self {
        self.body_timeout = d;
        self
    }

    /// Sets [`drain_delay`](Self::drain_delay).
    #[must_use]
    pub fn drain_delay(mut self, d: Duration) -> Self {
        self.drain_delay = d;
        self
    }

    /// Sets [`scenarios`](Self::scenarios).
    #[must_use]
    pub fn scenarios(mut self, names: Vec<String>) -> Self {
        self.scenarios = names;
        self
    }

    /// Sets [`shutdown_grace`](Self::shutdown_grace).
    #[must_use]
    pub fn shutdown_grace(mut self, d: Duration) -> Self {
        self.shutdown_grace = d;
        self
    }
}
