//! Every failure is the API v1 error body with the right status, and bad
//! input is never a server error.

use super::*;
use std::time::Duration;

#[tokio::test]
async fn malformed_json_is_400() {
    let s = Running::start(ServerConfig::default()).await;
    for body in ["{", "", "not json", "{\"from\": \"Xi'an\",}", "\u{feff}{}"] {
        let (status, ct, text) = post(&s, "/v1/route", body).await;
        assert_eq!(status, 400, "{body:?}: {text}");
        assert_eq!(ct, "application/json");
        assert_error(&text, "invalid_request");
    }
}

#[tokio::test]
async fn json_of_the_wrong_shape_and_refused_values_are_422() {
    let s = Running::start(ServerConfig::default()).await;
    for (path, body, kind) in [
        (
            "/v1/route",
            r#"{"from": 1, "to": "Duisburg"}"#,
            "invalid_request",
        ),
        ("/v1/route", r#"{"to": "Duisburg"}"#, "invalid_request"),
        ("/v1/route", r#"[]"#, "invalid_request"),
        (
            "/v1/route",
            r#"{"from":"Xi'an","to":"Duisburg","colour":"red"}"#,
            "invalid_request",
        ),
        (
            "/v1/route",
            r#"{"from":"Xi'an","to":"Duisburg","container":-1}"#,
            "invalid_request",
        ),
        (
            "/v1/route",
            r#"{"from":"Xi'an","to":"Duisburg","container":30}"#,
            "invalid_request",
        ),
        (
            "/v1/route",
            r#"{"from":"Xian","to":"Duisberg"}"#,
            "unknown_terminal",
        ),
        (
            "/v1/route",
            r#"{"from":"Xi'an","to":"Duisburg","avoid_countries":["XX"]}"#,
            "unknown_country",
        ),
        (
            "/v1/route",
            r#"{"from":"Xi'an","to":"Duisburg","objective":"speed"}"#,
            "unknown_name",
        ),
        (
            "/v1/route",
            r#"{"from":"Xi'an","to":"Duisburg","value_of_time":-5}"#,
            "invalid_number",
        ),
        (
            "/v1/route",
            r#"{"from":"Xi'an","to":"Xi'an"}"#,
            "same_origin_destination",
        ),
        (
            "/v1/route",
            r#"{"from":"Xi'an","to":"Duisburg","modes":["sea"],"max_transfers":0}"#,
            "no_route",
        ),
        (
            "/v1/compare",
            r#"{"from":"Xi'an","to":"Duisburg","scenarios":["no-such-scenario"]}"#,
            "unknown_scenario",
        ),
        (
            "/v1/pareto",
            r#"{"from":"Xi'an","to":"Duisburg","scenarios":["{\"not\": \"a scenario\"}"]}"#,
            "invalid_scenario",
        ),
        (
            "/v1/emissions",
            r#"{"from":"Xi'an","to":"Duisburg","cargo_tonnes":40}"#,
            "invalid_request",
        ),
        (
            "/v1/diff",
            r#"{"from":"Xi'an","to":"Duisburg"}"#,
            "invalid_request",
        ),
        ("/v1/matrix", r#"{"origins":["Xi'an"]}"#, "invalid_request"),
        (
            "/v1/matrix",
            r#"{"origins":"Xi'an","destinations":["Duisburg"]}"#,
            "invalid_request",
        ),
        (
            "/v1/matrix",
            r#"{"origins":[],"destinations":["Duisburg"]}"#,
            "invalid_request",
        ),
        (
            "/v1/matrix",
            r#"{"origins":["Xi'an"],"destinations":["Duisburg"],"from":"Xi'an"}"#,
            "invalid_request",
        ),
        (
            "/v1/matrix",
            r#"{"origins":["Nowhereville"],"destinations":["Duisburg"]}"#,
            "unknown_terminal",
        ),
    ] {
        let (status, _, text) = post(&s, path, body).await;
        assert_eq!(status, 422, "{path} {body}: {text}");
        assert_error(&text, kind);
    }
    let (status, _, text) = post(&s, "/v1/route", r#"{"from":"Xiian","to":"Duisburg"}"#).await;
    assert_eq!(status, 422);
    let v = assert_error(&text, "unknown_terminal");
    assert!(
        v["error"]["suggestions"]
            .as_array()
            .is_some_and(|s| !s.is_empty()),
        "{text}"
    );
    let (status, _, text) = get(&s, "/v1/terminals?colour=red").await;
    assert_eq!(status, 422, "{text}");
    assert_error(&text, "invalid_request");
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405() {
    let s = Running::start(ServerConfig::default()).await;
    for path in ["/v2/route", "/v1/assign", "/v1/eta", "/nope"] {
        let (status, _, text) = get(&s, path).await;
        assert_eq!(status, 404, "{path}");
        let v = assert_error(&text, "unknown_operation");
        assert!(
            v["error"]["suggestions"]
                .to_string()
                .contains("POST /v1/route")
        );
    }
    let r = client().get(s.url("/v1/route")).send().await.expect("send");
    assert_eq!(r.status(), 405);
    assert_eq!(r.headers()["allow"], "POST");
    let (_, _, text) = parts(r).await;
    let v = assert_error(&text, "unknown_operation");
    assert_eq!(v["error"]["suggestions"][0], "POST /v1/route");
    let r = client()
        .delete(s.url("/v1/terminals"))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 405);
    assert!(r.headers()["allow"].to_str().expect("text").contains("GET"));
    assert_error(&parts(r).await.2, "unknown_operation");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let s = Running::start(ServerConfig::default()).await;
    let body = r#"{"from":"Xi'an","to":"Duisburg"}"#;
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut r = client().post(s.url("/v1/route")).body(body);
        if let Some(ct) = ct {
            r = r.header("content-type", ct);
        }
        let (status, _, text) = parts(r.send().await.expect("send")).await;
        assert_eq!(status, 415, "{ct:?}: {text}");
        assert_error(&text, "invalid_request");
    }
    let r = client()
        .post(s.url("/v1/route"))
        .header("content-type", "application/json; charset=utf-8")
        .body(body)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn bodies_and_matrices_over_the_limits_are_413() {
    let s = Running::start(
        ServerConfig::default()
            .max_body_bytes(1000)
            .max_matrix_pairs(4),
    )
    .await;
    let big = format!(
        r#"{{"from":"Xi'an","to":"Duisburg","via":["{}"]}}"#,
        "x".repeat(2000)
    );
    let (status, _, text) = post(&s, "/v1/route", &big).await;
    assert_eq!(status, 413, "{text}");
    let v = assert_error(&text, "too_large");
    assert!(
        v["error"]["message"]
            .as_str()
            .expect("text")
            .contains("1000 bytes"),
        "{text}"
    );
    // A chunked body (no Content-Length) is cut at the limit too.
    let mut req = String::from(
        "POST /v1/route HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n",
    );
    for c in big.as_bytes().chunks(100) {
        req.push_str(&format!(
            "{:x}\r\n{}\r\n",
            c.len(),
            std::str::from_utf8(c).expect("ASCII")
        ));
    }
    req.push_str("0\r\n\r\n");
    let answer = raw(s.addr, req.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert_error(
        answer.split("\r\n\r\n").nth(1).expect("a body"),
        "too_large",
    );
    let (status, _, text) = post(
        &s,
        "/v1/matrix",
        r#"{"origins":["Xi'an","Chongqing","Almaty"],"destinations":["Duisburg","Hamburg"]}"#,
    )
    .await;
    assert_eq!(status, 413, "{text}");
    let v = assert_error(&text, "too_large");
    let msg = v["error"]["message"].as_str().expect("text");
    assert!(
        msg.contains("6 pairs") && msg.contains("limit of 4") && msg.contains("--max-matrix-pairs"),
        "{msg}"
    );
    let many: Vec<String> = (0..17).map(|_| "\"red-sea-closure\"".to_string()).collect();
    let (status, _, text) = post(
        &s,
        "/v1/route",
        &format!(
            r#"{{"from":"Xi'an","to":"Duisburg","scenarios":[{}]}}"#,
            many.join(",")
        ),
    )
    .await;
    assert_eq!(status, 422, "{text}");
    assert_error(&text, "too_large");
}

/// A request whose computation takes a while: every pair of 50 terminals.
async fn slow_matrix_body(s: &Running) -> String {
    let (_, _, text) = get(s, "/v1/terminals").await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).expect("terminals");
    let ids: Vec<serde_json::Value> = list.iter().take(50).map(|t| t["id"].clone()).collect();
    serde_json::json!({"origins": ids, "destinations": ids}).to_string()
}

#[tokio::test]
async fn a_full_queue_is_429_with_retry_after() {
    let s = Running::start(ServerConfig::default().max_concurrent(1).max_queued(0)).await;
    let body = slow_matrix_body(&s).await;
    let url = s.url("/v1/matrix");
    let slow = tokio::spawn(async move {
        let start = std::time::Instant::now();
        let r = client()
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("send");
        (r.status().as_u16(), start.elapsed())
    });
    // Wait until the matrix is in flight (the scrape is the other one).
    loop {
        let (_, _, m) = get(&s, "/metrics").await;
        if m.contains("silkroute_http_requests_in_flight 2\n") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let start = std::time::Instant::now();
    let r = client()
        .post(s.url("/v1/route"))
        .header("content-type", "application/json")
        .body(r#"{"from":"Xi'an","to":"Duisburg"}"#)
        .send()
        .await
        .expect("send");
    let quick = start.elapsed();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "1");
    let v = assert_error(&parts(r).await.2, "overloaded");
    assert!(
        v["error"]["message"]
            .as_str()
            .expect("text")
            .contains("--max-concurrent")
    );
    let (status, took) = slow.await.expect("the slow request");
    assert_eq!(status, 200);
    assert!(
        took > quick,
        "the slow request ({took:?}) was running when the quick one ({quick:?}) was refused"
    );
    // Once the slot is free, requests are served again.
    let (status, _, _) = post(&s, "/v1/route", r#"{"from":"Xi'an","to":"Duisburg"}"#).await;
    assert_eq!(status, 200);
    let (_, _, m) = get(&s, "/metrics").await;
    assert!(
        m.contains("silkroute_requests_rejected_total{reason=\"overloaded\"} 1"),
        "{m}"
    );
}

#[tokio::test]
async fn a_computation_past_the_time_limit_is_503_timeout() {
    let s = Running::start(ServerConfig::default().request_timeout(Duration::from_millis(1))).await;
    let body = slow_matrix_body(&s).await;
    let (status, _, text) = post(&s, "/v1/matrix", &body).await;
    assert_eq!(status, 503, "{text}");
    let v = assert_error(&text, "timeout");
    assert!(
        v["error"]["message"]
            .as_str()
            .expect("text")
            .contains("--request-timeout")
    );
}
