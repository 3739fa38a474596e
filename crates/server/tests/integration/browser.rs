//! The web map in a real browser: headless Chromium driven through
//! chromedriver (WebDriver), asking Xi'an → Duisburg as a person would.
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
use fantoccini::{Client, ClientBuilder, Locator};
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

async fn browser(driver: &Driver, profile: &std::path::Path) -> Client {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--window-size=1400,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.1))
        .await
        .expect("a WebDriver session")
}

async fn eval(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.expect("script runs")
}

/// Waits until `script` returns true (at most `secs` seconds).
async fn wait_for(c: &Client, script: &str, secs: u64) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if eval(c, script).await == Value::Bool(true) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for: {script}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
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
    let c = browser(&driver, &profile).await;
    c.goto(&format!("{base}/")).await.expect("the page loads");
    // The base map and the terminals are drawn.
    wait_for(
        &c,
        "return document.querySelectorAll('.leaflet-overlay-pane path').length > 150",
        20,
    )
    .await;
    wait_for(
        &c,
        "return document.querySelectorAll('#terminal-names option').length > 50",
        20,
    )
    .await;
    for (id, value) in [("#from", "Xi'an"), ("#to", "Duisburg")] {
        let field = c.find(Locator::Css(id)).await.expect("the field");
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }
    c.find(Locator::Css("#go"))
        .await
        .expect("the button")
        .click()
        .await
        .expect("click");
    wait_for(
        &c,
        "return document.body.dataset.state === 'done' || document.body.dataset.state === 'error'",
        30,
    )
    .await;
    let status = eval(&c, "return document.getElementById('status').textContent").await;
    assert_eq!(
        eval(&c, "return document.body.dataset.state").await,
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
    let drawn: usize = eval(
        &c,
        "return Number(document.getElementById('map').dataset.routes)",
    )
    .await
    .as_u64()
    .expect("a count") as usize;
    let rows = eval(
        &c,
        "return [...document.querySelectorAll('#table tbody tr')].map(r => r.textContent)",
    )
    .await;
    let rows: Vec<String> = serde_json::from_value(rows).expect("rows");
    assert!(drawn >= 5, "{drawn} routes drawn");
    assert!(rows.len() >= drawn, "{rows:?}");
    let middle = rows
        .iter()
        .find(|r| r.starts_with("Middle Corridor (TITR)"))
        .expect("the Middle Corridor row");
    assert!(middle.contains("CN KZ"), "{middle}");
    assert!(
        rows.iter().any(|r| r.contains("Deep sea via Suez")),
        "{rows:?}"
    );
    // The figures are the API's, as the command line rounds them.
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
    let first = &api["routes"][0];
    let usd = format!(
        "{:.0}",
        first["totals"]["cost_usd"].as_f64().expect("a cost")
    );
    assert!(rows[0].contains(&usd), "{} not in {}", usd, rows[0]);
    // Click a row: its route is highlighted.
    c.find(Locator::Css("#table tbody tr:nth-child(2)"))
        .await
        .expect("a row")
        .click()
        .await
        .expect("click");
    wait_for(
        &c,
        "return document.querySelector('#table tbody tr.selected') !== null",
        5,
    )
    .await;
    // Nothing was loaded from another origin, and nothing links to one.
    let loaded = eval(
        &c,
        "return performance.getEntriesByType('resource').map(e => e.name)",
    )
    .await;
    let loaded: Vec<String> = serde_json::from_value(loaded).expect("names");
    assert!(loaded.len() >= 5, "{loaded:?}");
    for url in &loaded {
        assert!(url.starts_with(&base), "{url} is not from {base}");
    }
    let external = eval(
        &c,
        "return [...document.querySelectorAll('[src],[href]')].map(e => e.src || e.href).filter(u => !u.startsWith(location.origin))",
    )
    .await;
    assert_eq!(external, json!([]), "elements naming another origin");
    let png = c.screenshot().await.expect("a screenshot");
    let shot = target_dir().join("browser-map.png");
    std::fs::write(&shot, &png).expect("write the screenshot");
    // The API reference renders the document.
    c.goto(&format!("{base}/docs"))
        .await
        .expect("the docs load");
    wait_for(&c, "return document.body.dataset.state === 'done'", 20).await;
    let text = eval(&c, "return document.body.textContent").await;
    let text = text.as_str().expect("text");
    assert!(
        text.contains("/v1/route") && text.contains("RouteRequest") && text.contains("Kilometres")
    );
    let png = c.screenshot().await.expect("a screenshot");
    std::fs::write(target_dir().join("browser-docs.png"), &png).expect("write the screenshot");
    c.close().await.expect("close the browser");
    let _ = std::fs::remove_dir_all(&profile);
    drop(driver);
}
