//! The web map in a real browser: headless Chromium driven through
//! chromedriver (W3C WebDriver, spoken over HTTP here), asking Xi'an →
//! Duisburg as a person would.
//!
//! Ignored by `cargo test` (it needs Chromium and chromedriver);
//! `scripts/ci-server.sh` installs them and runs it against the release
//! server it started:
//!
//! ```sh
//! SILKROUTE_SERVER_URL=http://127.0.0.1:8080 cargo test -p silkroute-server --test integration browser -- --ignored
//! ```
//!
//! Environment: `SILKROUTE_SERVER_URL` (default: a server started here),
//! `CHROMEDRIVER` (default `chromedriver`), `CHROMIUM` (default
//! `/usr/bin/chromium`). The screenshot goes to `target/browser-map.png`.

use super::*;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// chromedriver, stopped when dropped.
struct Driver(std::process::Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn start_driver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let child = std::process::Command::new(&bin)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e} (install chromium-driver)"));
    let driver = Driver(child, port);
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen on {port}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    driver
}

/// A WebDriver session (W3C WebDriver over HTTP: the few commands this
/// test needs, so it needs no WebDriver crate).
struct Browser {
    http: reqwest::Client,
    session: String,
}

/// The key of an element reference in W3C WebDriver.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    async fn start(driver: &Driver, profile: &std::path::Path) -> Browser {
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let http = client();
        let caps = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--window-size=1400,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        }}}});
        let base = format!("http://127.0.0.1:{}", driver.1);
        let r: Value = http
            .post(format!("{base}/session"))
            .json(&caps)
            .send()
            .await
            .expect("chromedriver answers")
            .json()
            .await
            .expect("JSON");
        let id = r["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {r}"));
        Browser {
            http,
            session: format!("{base}/session/{id}"),
        }
    }

    async fn cmd(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let mut r = self.http.request(method, format!("{}{path}", self.session));
        if !body.is_null() {
            r = r.json(&body);
        }
        let v: Value = r.send().await.expect("send").json().await.expect("JSON");
        assert!(v["value"]["error"].is_null(), "WebDriver {path}: {v}");
        v["value"].clone()
    }

    async fn goto(&self, url: &str) {
        self.cmd(reqwest::Method::POST, "/url", json!({"url": url}))
            .await;
    }

    async fn eval(&self, script: &str) -> Value {
        self.cmd(
            reqwest::Method::POST,
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
        .await
    }

    async fn find(&self, css: &str) -> String {
        let v = self
            .cmd(
                reqwest::Method::POST,
                "/element",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        v[ELEMENT].as_str().expect("an element").to_string()
    }

    async fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css).await;
        self.cmd(
            reqwest::Method::POST,
            &format!("/element/{e}/clear"),
            json!({}),
        )
        .await;
        self.cmd(
            reqwest::Method::POST,
            &format!("/element/{e}/value"),
            json!({"text": text}),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let e = self.find(css).await;
        self.cmd(
            reqwest::Method::POST,
            &format!("/element/{e}/click"),
            json!({}),
        )
        .await;
    }

    async fn screenshot(&self, path: &std::path::Path) {
        let v = self
            .cmd(reqwest::Method::GET, "/screenshot", Value::Null)
            .await;
        let png = base64_decode(v.as_str().expect("base64"));
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, png).expect("write the screenshot");
    }

    async fn close(self) {
        self.cmd(reqwest::Method::DELETE, "", Value::Null).await;
    }

    /// Waits until `script` returns true (at most `secs` seconds).
    async fn wait_for(&self, script: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if self.eval(script).await == Value::Bool(true) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for: {script}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Standard base64 (the screenshot's encoding).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .map(value)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, &d) in chunk.iter().enumerate() {
            n |= u32::from(d) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

fn target_dir() -> std::path::PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target")),
        std::path::PathBuf::from,
    );
    dir.canonicalize().unwrap_or(dir)
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver: scripts/ci-server.sh runs it"]
async fn browser_map_routes_xian_to_duisburg() {
    let local;
    let base = match std::env::var("SILKROUTE_SERVER_URL") {
        Ok(url) => url.trim_end_matches('/').to_string(),
        Err(_) => {
            local = Running::start(ServerConfig::default()).await;
            local.base.clone()
        }
    };
    let driver = start_driver().await;
    let profile = std::env::temp_dir().join(format!("silkroute-browser-{}", std::process::id()));
    let c = Browser::start(&driver, &profile).await;
    c.goto(&format!("{base}/")).await;
    // The base map and the terminals are drawn.
    c.wait_for(
        "return document.querySelectorAll('.leaflet-overlay-pane path').length > 150",
        20,
    )
    .await;
    c.wait_for(
        "return document.querySelectorAll('#terminal-names option').length > 50",
        20,
    )
    .await;
    c.type_into("#from", "Xi'an").await;
    c.type_into("#to", "Duisburg").await;
    c.click("#go").await;
    c.wait_for(
        "return ['done', 'error'].includes(document.body.dataset.state)",
        30,
    )
    .await;
    let status = c
        .eval("return document.getElementById('status').textContent")
        .await;
    assert_eq!(
        c.eval("return document.body.dataset.state").await,
        "done",
        "{status}"
    );
    assert!(
        status
            .as_str()
            .is_some_and(|s| s.contains("Xi'an → Duisburg")),
        "{status}"
    );
    // Every corridor with a route is drawn and listed.
    let drawn = c
        .eval("return Number(document.getElementById('map').dataset.routes)")
        .await
        .as_u64()
        .expect("a count");
    let rows = c
        .eval("return [...document.querySelectorAll('#table tbody tr')].map(r => r.textContent)")
        .await;
    let rows: Vec<String> = serde_json::from_value(rows).expect("rows");
    assert!(drawn >= 5, "{drawn} routes drawn");
    assert!(rows.len() as u64 >= drawn, "{rows:?}");
    let middle = rows
        .iter()
        .find(|r| r.starts_with("Middle Corridor (TITR)"))
        .expect("the Middle Corridor row");
    assert!(middle.contains("CN KZ"), "{middle}");
    assert!(
        rows.iter().any(|r| r.contains("Deep sea via Suez")),
        "{rows:?}"
    );
    // The figures are the API's, rounded as the command line rounds them.
    let api = client()
        .post(format!("{base}/v1/compare"))
        .header("content-type", "application/json")
        .body(r#"{"from":"Xi'an","to":"Duisburg","objective":"cost"}"#)
        .send()
        .await
        .expect("send")
        .json::<Value>()
        .await
        .expect("JSON");
    let usd = format!(
        "{:.0}",
        api["routes"][0]["totals"]["cost_usd"]
            .as_f64()
            .expect("a cost")
    );
    assert!(rows[0].contains(&usd), "{usd} not in {}", rows[0]);
    // A click on a row highlights its route.
    c.click("#table tbody tr:nth-child(2)").await;
    c.wait_for(
        "return document.querySelector('#table tbody tr.selected') !== null",
        5,
    )
    .await;
    // Nothing was loaded from another origin, and nothing names one.
    let loaded = c
        .eval("return performance.getEntriesByType('resource').map(e => e.name)")
        .await;
    let loaded: Vec<String> = serde_json::from_value(loaded).expect("names");
    assert!(loaded.len() >= 5, "{loaded:?}");
    for url in &loaded {
        assert!(url.starts_with(&base), "{url} is not from {base}");
    }
    let external = c
        .eval("return [...document.querySelectorAll('[src],[href]')].map(e => e.src || e.href).filter(u => !u.startsWith(location.origin))")
        .await;
    assert_eq!(external, json!([]), "elements naming another origin");
    c.screenshot(&target_dir().join("browser-map.png")).await;
    // The API reference renders the document.
    c.goto(&format!("{base}/docs")).await;
    c.wait_for("return document.body.dataset.state === 'done'", 20)
        .await;
    let text = c.eval("return document.body.textContent").await;
    let text = text.as_str().expect("text");
    assert!(
        text.contains("/v1/route") && text.contains("RouteRequest") && text.contains("Kilometres")
    );
    c.screenshot(&target_dir().join("browser-docs.png")).await;
    c.close().await;
    let _ = std::fs::remove_dir_all(&profile);
    drop(driver);
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGk="), b"hi");
    assert_eq!(base64_decode("YWJj"), b"abc");
}
