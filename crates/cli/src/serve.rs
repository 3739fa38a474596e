//! `silkroute serve`: the HTTP engine (API v1, OpenAPI 3.1, metrics, the
//! web map), from the `silkroute-server` crate.

use crate::output::{CliError, NetworkArgs, Out};
use clap::{Args, ValueEnum};
use silkroute_bindings::Engine;
use silkroute_server::ServerConfig;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// Log format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line per event, for people.
    Text,
    /// One JSON object per event, for log collectors.
    Json,
}

/// Arguments of `silkroute serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (0.0.0.0 or :: to accept other machines).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Port to listen on (0: any free port, printed at start).
    #[arg(long, value_name = "PORT", default_value_t = 8080)]
    pub port: u16,
    #[command(flatten)]
    pub network: NetworkArgs,
    /// What-if scenario applied to the served network: a built-in id or a
    /// scenario file; repeatable, applied in order. Requests may add more.
    #[arg(long, value_name = "NAME|FILE")]
    pub scenario: Vec<String>,
    /// Open the web map in a browser once the server listens.
    #[arg(long)]
    pub open: bool,
    /// Largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = silkroute_server::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Most origin–destination pairs in one matrix request.
    #[arg(long, value_name = "N", default_value_t = silkroute_server::DEFAULT_MAX_MATRIX_PAIRS)]
    pub max_matrix_pairs: usize,
    /// Routing computations at once [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub max_concurrent: Option<u16>,
    /// Requests waiting for a computation before new ones get 429.
    #[arg(long, value_name = "N", default_value_t = silkroute_server::DEFAULT_MAX_QUEUED)]
    pub max_queued: usize,
    /// Time limit of one request, in seconds (503 past it).
    #[arg(long, value_name = "SECS", default_value_t = silkroute_server::DEFAULT_REQUEST_TIMEOUT.as_secs_f64())]
    pub request_timeout: f64,
    /// Time a client has to send its request body, in seconds (408 past it).
    #[arg(long, value_name = "SECS", default_value_t = silkroute_server::DEFAULT_BODY_TIMEOUT.as_secs_f64())]
    pub body_timeout: f64,
    /// On shutdown: seconds during which new requests get 503 before the listener closes.
    #[arg(long, value_name = "SECS", default_value_t = 0.0)]
    pub drain_delay: f64,
    /// On shutdown: seconds in-flight requests have to finish.
    #[arg(long, value_name = "SECS", default_value_t = silkroute_server::DEFAULT_SHUTDOWN_GRACE.as_secs_f64())]
    pub shutdown_grace: f64,
    /// Log format (logs go to standard error; RUST_LOG sets the level, default info).
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormat,
}

fn seconds(flag: &str, s: f64) -> Result<Duration, CliError> {
    Duration::try_from_secs_f64(s)
        .map_err(|_| CliError::Usage(format!("--{flag} must be a number of seconds ≥ 0, not {s}")))
}

impl ServeArgs {
    fn config(&self, scenarios: Vec<String>) -> Result<ServerConfig, CliError> {
        let mut c = ServerConfig::default()
            .max_body_bytes(self.max_body_bytes)
            .max_matrix_pairs(self.max_matrix_pairs)
            .max_queued(self.max_queued)
            .request_timeout(seconds("request-timeout", self.request_timeout)?)
            .body_timeout(seconds("body-timeout", self.body_timeout)?)
            .drain_delay(seconds("drain-delay", self.drain_delay)?)
            .shutdown_grace(seconds("shutdown-grace", self.shutdown_grace)?)
            .scenarios(scenarios);
        if let Some(n) = self.max_concurrent {
            c = c.max_concurrent(usize::from(n));
        }
        Ok(c)
    }
}

fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    // A subscriber already set (there is none in the binary) is not worth failing for.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Opens `url` in the desktop's browser; a machine without one only logs it.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    match std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(_) => tracing::info!(%url, "opened the web map"),
        Err(e) => {
            tracing::warn!(%url, error = %e, "cannot open a browser ({opener}); open the URL yourself")
        }
    }
}

/// Runs `silkroute serve` until Ctrl-C or SIGTERM.
///
/// # Errors
/// A network or scenario that does not load, an address that cannot be
/// bound, bad limits.
pub fn run(args: &ServeArgs, out: Out<'_>) -> Result<(), CliError> {
    let scenarios = silkroute_bindings::inline_scenario_files(&args.scenario)
        .map_err(|e| CliError::Usage(e.message))?;
    let config = args.config(scenarios)?;
    init_logs(args.log_format);
    let engine = Engine::new(args.network.load()?);
    let addr = SocketAddr::new(args.host, args.port);
    silkroute_server::run(addr, engine, config, |bound| {
        let host = if bound.ip().is_unspecified() {
            "127.0.0.1".to_string()
        } else {
            match bound.ip() {
                IpAddr::V6(ip) => format!("[{ip}]"),
                IpAddr::V4(ip) => ip.to_string(),
            }
        };
        let url = format!("http://{host}:{}/", bound.port());
        // The address goes to standard output (scripts read it, e.g. with
        // --port 0), flushed at once; logs go to standard error.
        let _ = writeln!(
            out,
            "silkroute serving on {url} (map: {url}, API docs: {url}docs); Ctrl-C stops"
        );
        let _ = out.flush();
        tracing::info!(%bound, "listening");
        if args.open {
            open_browser(&url);
        }
    })
    .map_err(|e| CliError::Usage(format!("cannot serve on {addr}: {e}")))
}
