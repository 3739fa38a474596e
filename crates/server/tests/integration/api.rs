//! Every endpoint answers what the engine's formatters (the ones the
//! command line prints with) give for the same request, byte for byte.

use super::*;
use silkroute_bindings::format::{diff_json, matrix_json};
use silkroute_bindings::v1::{self, Request};
use silkroute_bindings::{Engine, routes_geojson};
use silkroute_server::{DiffResponse, FeatureCollection, Health, ScenarioInfo};

/// (path, request) pairs answered as `Engine::call` answers them.
const CALLS: &[(&str, &str, &str)] = &[
    (
        "/v1/route",
        "route",
        r#"{"from":"Xi'an","to":"Duisburg","objective":"time","avoid_countries":["RU","BY"]}"#,
    ),
    (
        "/v1/route",
        "route",
        r#"{"from":"Shanghai","to":"Rotterdam","alternatives":2,"container":20}"#,
    ),
    (
        "/v1/compare",
        "compare",
        r#"{"from":"Xi'an","to":"Duisburg","objective":"co2e"}"#,
    ),
    (
        "/v1/pareto",
        "pareto",
        r#"{"from":"Xi'an","to":"Duisburg","epsilon":0.05}"#,
    ),
    (
        "/v1/emissions",
        "emissions",
        r#"{"from":"Baku","to":"Duisburg","cargo_tonnes":14,"scenarios":["green-rail-az-kz"]}"#,
    ),
    (
        "/v1/route",
        "route",
        r#"{"from":"Shanghai","to":"Rotterdam","scenarios":["red-sea-closure"]}"#,
    ),
];

#[tokio::test]
async fn routing_bodies_are_engine_call_text_plus_newline() {
    let s = Running::start(ServerConfig::default()).await;
    let engine = Engine::eurasia();
    for (path, op, request) in CALLS {
        let (status, ct, body) = post(&s, path, request).await;
        assert_eq!(status, 200, "{path} {request}: {body}");
        assert_eq!(ct, "application/json");
        let want = engine.call(op, request).expect("the engine answers");
        assert_eq!(body, format!("{want}\n"), "{path} {request}");
    }
}

#[tokio::test]
async fn route_with_alternatives_returns_them() {
    let s = Running::start(ServerConfig::default()).await;
    let (status, _, body) = post(
        &s,
        "/v1/route",
        r#"{"from":"Xi'an","to":"Duisburg","alternatives":2}"#,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let r: v1::RouteResponse = serde_json::from_str(&body).expect("a RouteResponse");
    assert!(r.routes.len() >= 2, "{} routes", r.routes.len());
}

#[tokio::test]
async fn geojson_on_request_is_the_geojson_formatter() {
    let s = Running::start(ServerConfig::default()).await;
    let request = r#"{"from":"Xi'an","to":"Duisburg","objective":"time"}"#;
    let r = client()
        .post(s.url("/v1/route"))
        .header("content-type", "application/json")
        .header("accept", "application/geo+json")
        .body(request)
        .send()
        .await
        .expect("send");
    let (status, ct, body) = parts(r).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(ct, "application/geo+json");
    let engine = Engine::eurasia();
    let req: v1::RouteRequest = serde_json::from_str(request).expect("request");
    let routes = engine
        .route(&Request::try_from(&req).expect("valid"))
        .expect("a route");
    assert_eq!(body, format!("{}\n", routes_geojson(&routes)));
    let fc: FeatureCollection = serde_json::from_str(&body).expect("GeoJSON");
    assert_eq!(fc.kind, "FeatureCollection");
    assert!(fc.features.len() > 1);
    for path in ["/v1/compare", "/v1/pareto"] {
        let r = client()
            .post(s.url(path))
            .header("content-type", "application/json")
            .header("accept", "application/geo+json")
            .body(request)
            .send()
            .await
            .expect("send");
        let (status, ct, body) = parts(r).await;
        assert_eq!(
            (status, ct.as_str()),
            (200, "application/geo+json"),
            "{path}: {body}"
        );
        serde_json::from_str::<FeatureCollection>(&body).expect("GeoJSON");
    }
}

#[tokio::test]
async fn matrix_keeps_pairs_without_a_route_as_null_with_a_status() {
    let s = Running::start(ServerConfig::default()).await;
    let request = r#"{"origins":["Xi'an","Chongqing"," "],"destinations":["Duisburg","Xi'an"],"objective":"time"}"#;
    let (status, ct, body) = post(&s, "/v1/matrix", request).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(ct, "application/json");
    let engine = Engine::eurasia();
    let mut req = v1::RouteRequest::new("Xi'an", "Duisburg");
    req.objective = Some("time".into());
    let r = Request::try_from(&req).expect("valid");
    let origins = ["Xi'an".to_string(), "Chongqing".to_string()];
    let destinations = ["Duisburg".to_string(), "Xi'an".to_string()];
    let table = engine
        .matrix(&r, &origins, &destinations, |_| {})
        .expect("a table");
    assert_eq!(body, format!("{}\n", matrix_json(&table)));
    let m: v1::MatrixResponse = serde_json::from_str(&body).expect("a MatrixResponse");
    assert_eq!(m.rows.len(), 4);
    let same = &m.rows[1];
    assert_eq!(same.status, "same_origin_destination");
    assert_eq!(same.cost_usd, None);
    let v: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert!(v["rows"][1]["cost_usd"].is_null());
}

#[tokio::test]
async fn diff_is_the_diff_formatter() {
    let s = Running::start(ServerConfig::default()).await;
    let request = r#"{"from":"Shanghai","to":"Rotterdam","scenarios":["red-sea-closure"]}"#;
    let (status, _, body) = post(&s, "/v1/diff", request).await;
    assert_eq!(status, 200, "{body}");
    let engine = Engine::eurasia();
    let req: v1::RouteRequest = serde_json::from_str(request).expect("request");
    let d = engine
        .diff(&Request::try_from(&req).expect("valid"))
        .expect("a diff");
    assert_eq!(
        body,
        format!("{}\n", diff_json(&d, "Shanghai", "Rotterdam"))
    );
    let parsed: DiffResponse = serde_json::from_str(&body).expect("the DiffResponse schema");
    assert_eq!(parsed.scenarios[0].id, "red-sea-closure");
    assert!(parsed.best.is_some());
}

#[tokio::test]
async fn terminals_filter_by_search_country_and_kind() {
    let s = Running::start(ServerConfig::default()).await;
    let engine = Engine::eurasia();
    let (status, _, all) = get(&s, "/v1/terminals").await;
    assert_eq!(status, 200);
    assert_eq!(
        all,
        format!("{}\n", engine.call("terminals", "{}").expect("list"))
    );
    let (_, _, baku) = get(&s, "/v1/terminals?search=baku").await;
    assert_eq!(
        baku,
        format!(
            "{}\n",
            engine
                .call("terminals", r#"{"search":"baku"}"#)
                .expect("list")
        )
    );
    let (_, _, az) = get(&s, "/v1/terminals?country=az&kind=sea_port").await;
    let list: Vec<v1::TerminalInfo> = serde_json::from_str(&az).expect("a list");
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|t| t.country == "AZ" && t.kind == "sea_port")
    );
    let (_, _, none) = get(&s, "/v1/terminals?country=QQ").await;
    assert_eq!(none, "[]\n");
}

#[tokio::test]
async fn scenarios_version_and_health() {
    let s = Running::start(ServerConfig::default()).await;
    let (status, _, body) = get(&s, "/v1/scenarios").await;
    assert_eq!(status, 200, "{body}");
    let list: Vec<ScenarioInfo> = serde_json::from_str(&body).expect("the ScenarioInfo schema");
    assert!(
        list.iter()
            .any(|s| s.id == "red-sea-closure" && s.effect.is_some())
    );
    // Computed once: the second answer is the same text.
    assert_eq!(get(&s, "/v1/scenarios").await.2, body);
    let engine = Engine::eurasia();
    let (_, _, version) = get(&s, "/v1/version").await;
    assert_eq!(
        version,
        format!("{}\n", engine.call("version", "{}").expect("v"))
    );
    let (status, _, health) = get(&s, "/health").await;
    assert_eq!(status, 200);
    let h: Health = serde_json::from_str(&health).expect("the Health schema");
    assert_eq!((h.status.as_str(), h.api_version), ("ok", 1));
    assert!(h.scenarios.is_empty());
}

#[tokio::test]
async fn a_served_scenario_changes_the_network_and_health_says_so() {
    let config = ServerConfig::default().scenarios(vec!["red-sea-closure".into()]);
    let s = Running::start(config).await;
    let (_, _, health) = get(&s, "/health").await;
    let h: Health = serde_json::from_str(&health).expect("health");
    assert_eq!(h.scenarios, ["red-sea-closure"]);
    let (status, _, body) = post(
        &s,
        "/v1/route",
        r#"{"from":"Shanghai","to":"Rotterdam","modes":["sea"]}"#,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let r: v1::RouteResponse = serde_json::from_str(&body).expect("routes");
    assert!(!r.routes[0].passages.iter().any(|p| p == "suez"), "{body}");
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let s = Running::start(ServerConfig::default()).await;
    post(&s, "/v1/route", r#"{"from":"Xi'an","to":"Duisburg"}"#).await;
    post(&s, "/v1/route", r#"{"from":"Nowhere","to":"Duisburg"}"#).await;
    get(&s, "/no/such/path").await;
    let (status, ct, text) = get(&s, "/metrics").await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/plain"), "{ct}");
    for needle in [
        "silkroute_http_requests_total{route=\"/v1/route\",method=\"POST\",status=\"200\"} 1",
        "silkroute_http_requests_total{route=\"/v1/route\",method=\"POST\",status=\"422\"} 1",
        "silkroute_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1",
        "silkroute_http_request_duration_seconds_count{route=\"/v1/route\"} 2",
        "# TYPE silkroute_http_request_duration_seconds histogram",
        "silkroute_http_requests_in_flight 1",
        "process_resident_memory_bytes ",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_a_given_one() {
    let s = Running::start(ServerConfig::default()).await;
    let r = client().get(s.url("/health")).send().await.expect("send");
    let id = r
        .headers()
        .get("x-request-id")
        .expect("an id")
        .to_str()
        .expect("text");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let r = client()
        .get(s.url("/health"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .expect("send");
    assert_eq!(r.headers()["x-request-id"], "trace-me-42");
}

/// Whether a text names another origin (`http://`, `https://` or `//host`).
fn has_external_url(text: &str) -> Option<String> {
    for pat in ["http://", "https://", "url(//", "src=\"//", "href=\"//"] {
        if let Some(i) = text.find(pat) {
            return Some(text[i.saturating_sub(40)..(i + 60).min(text.len())].to_string());
        }
    }
    None
}

#[tokio::test]
async fn the_web_map_and_docs_pages_are_self_contained() {
    let s = Running::start(ServerConfig::default()).await;
    for path in ["/", "/docs"] {
        let r = client().get(s.url(path)).send().await.expect("send");
        assert_eq!(r.status(), 200);
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .expect("text")
            .to_string();
        assert!(
            csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"),
            "{csp}"
        );
        assert!(!csp.contains("http"), "{csp}");
        let (_, ct, html) = parts(r).await;
        assert!(ct.starts_with("text/html"), "{ct}");
        assert_eq!(has_external_url(&html), None, "{path}");
        for asset in html.split("=\"/assets/").skip(1) {
            let name = asset.split('"').next().expect("a path");
            let (status, _, _) = get(&s, &format!("/assets/{name}")).await;
            assert_eq!(status, 200, "{path} links /assets/{name}");
        }
    }
    // The project's own assets name no other origin. The vendored library
    // carries its project's address in comments and an attribution link
    // the page turns off; the browser test checks what is actually loaded.
    for name in silkroute_server::asset_paths() {
        let (status, ct, body) = get(&s, &format!("/assets/{name}")).await;
        assert_eq!(status, 200, "{name}");
        assert!(!ct.is_empty());
        if !name.starts_with("vendor/") && name != "land.geojson" {
            assert_eq!(has_external_url(&body), None, "{name}");
        }
    }
    let (_, _, land) = get(&s, "/assets/land.geojson").await;
    let fc: FeatureCollection = serde_json::from_str(&land).expect("GeoJSON");
    assert!(fc.features.len() > 50);
    let (status, _, body) = get(&s, "/assets/nope.js").await;
    assert_eq!(status, 404);
    assert_error(&body, "unknown_operation");
}
