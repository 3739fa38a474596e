//! Tests of the server over real sockets: each test starts a server on an
//! ephemeral loopback port and talks HTTP to it.

mod api;
mod browser;
mod errors;
mod lifecycle;
mod openapi;

use silkroute_bindings::Engine;
use silkroute_server::ServerConfig;
use std::net::SocketAddr;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A server running on a loopback port, stopped when dropped.
pub(crate) struct Running {
    pub(crate) addr: SocketAddr,
    pub(crate) base: String,
    stop: Option<oneshot::Sender<()>>,
    pub(crate) task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// Starts the server over the embedded network.
    pub(crate) async fn start(config: ServerConfig) -> Running {
        Running::with_engine(Engine::eurasia(), config).await
    }

    pub(crate) async fn with_engine(engine: Engine, config: ServerConfig) -> Running {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(silkroute_server::serve(listener, engine, config, async {
            let _ = rx.await;
        }));
        Running {
            addr,
            base: format!("http://{addr}"),
            stop: Some(tx),
            task: Some(task),
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends the shutdown signal.
    pub(crate) fn signal(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }

    /// Signals shutdown and waits for the server to stop.
    pub(crate) async fn stop(mut self) -> std::io::Result<()> {
        self.signal();
        match self.task.take() {
            Some(t) => t.await.expect("server task"),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.signal();
    }
}

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("HTTP client")
}

/// POSTs JSON text; returns (status, content type, body).
pub(crate) async fn post(s: &Running, path: &str, body: &str) -> (u16, String, String) {
    let r = client()
        .post(s.url(path))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("send");
    parts(r).await
}

pub(crate) async fn get(s: &Running, path: &str) -> (u16, String, String) {
    let r = client().get(s.url(path)).send().await.expect("send");
    parts(r).await
}

pub(crate) async fn parts(r: reqwest::Response) -> (u16, String, String) {
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, ct, r.text().await.expect("body"))
}

/// Asserts that a body is the API v1 error body of `kind`.
#[track_caller]
pub(crate) fn assert_error(body: &str, kind: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(v["api_version"], 1, "{body}");
    assert_eq!(v["error"]["kind"], kind, "{body}");
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(v["error"]["suggestions"].is_array(), "{body}");
    v
}

/// Whether `SILKROUTE_BLESS=1` asks to rewrite committed artefacts.
pub(crate) fn bless() -> bool {
    std::env::var_os("SILKROUTE_BLESS").is_some_and(|v| v == "1")
}

/// Sends raw bytes on a new connection and reads the answer until the
/// server closes it (at most 10 s).
pub(crate) async fn raw(addr: SocketAddr, bytes: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut c = tokio::net::TcpStream::connect(addr).await.expect("connect");
    c.write_all(bytes).await.expect("write");
    let mut out = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), c.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}
