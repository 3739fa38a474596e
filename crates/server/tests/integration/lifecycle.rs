//! Shutdown, slow clients and clients that go away.

use super::*;
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;

async fn matrix_body(s: &Running, n: usize) -> String {
    let (_, _, text) = get(s, "/v1/terminals").await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).expect("terminals");
    let ids: Vec<serde_json::Value> = list.iter().take(n).map(|t| t["id"].clone()).collect();
    serde_json::json!({"origins": ids, "destinations": ids}).to_string()
}

fn send_matrix(s: &Running, body: String) -> tokio::task::JoinHandle<(u16, String)> {
    let url = s.url("/v1/matrix");
    tokio::spawn(async move {
        let r = client()
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("an answer, not a reset");
        let status = r.status().as_u16();
        (status, r.text().await.expect("the whole body"))
    })
}

#[tokio::test]
async fn shutdown_finishes_the_requests_in_flight() {
    let mut s = Running::start(ServerConfig::default()).await;
    let body = matrix_body(&s, 25).await;
    let in_flight = send_matrix(&s, body);
    tokio::time::sleep(Duration::from_millis(150)).await;
    s.signal();
    let (status, text) = in_flight.await.expect("the request");
    assert_eq!(status, 200, "{text}");
    let m: silkroute_bindings::v1::MatrixResponse =
        serde_json::from_str(&text).expect("complete JSON");
    assert_eq!(m.rows.len(), 625);
    let addr = s.addr;
    s.stop().await.expect("a clean stop");
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "the listener is closed"
    );
}

#[tokio::test]
async fn while_draining_new_requests_get_503_and_health_too() {
    let mut s =
        Running::start(ServerConfig::default().drain_delay(Duration::from_millis(800))).await;
    let body = matrix_body(&s, 20).await;
    let in_flight = send_matrix(&s, body);
    tokio::time::sleep(Duration::from_millis(100)).await;
    s.signal();
    tokio::time::sleep(Duration::from_millis(100)).await;
    for path in ["/health", "/v1/terminals"] {
        let r = client()
            .get(s.url(path))
            .send()
            .await
            .expect("still listening");
        assert_eq!(r.status(), 503, "{path}");
        assert_eq!(r.headers()["connection"], "close");
        assert_error(&parts(r).await.2, "unavailable");
    }
    let (status, _) = in_flight.await.expect("the request");
    assert_eq!(status, 200);
    s.stop().await.expect("a clean stop");
}

#[tokio::test]
async fn the_grace_period_bounds_the_shutdown() {
    let mut s =
        Running::start(ServerConfig::default().shutdown_grace(Duration::from_millis(200))).await;
    // A client that sends half a body and waits: the server does not wait
    // for it past the grace period.
    let mut c = tokio::net::TcpStream::connect(s.addr)
        .await
        .expect("connect");
    c.write_all(b"POST /v1/route HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"from\"")
        .await
        .expect("write");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let start = Instant::now();
    s.signal();
    let task = s.task.take().expect("running");
    task.await.expect("task").expect("stops");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_slow_body_is_408_and_does_not_block_others() {
    let s = Running::start(ServerConfig::default().body_timeout(Duration::from_millis(300))).await;
    let addr = s.addr;
    let slow = tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        let mut c = tokio::net::TcpStream::connect(addr).await.expect("connect");
        c.write_all(b"POST /v1/route HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 60\r\n\r\n{\"from\": \"Xi'an\",")
            .await
            .expect("write");
        let mut out = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), c.read_to_end(&mut out)).await;
        String::from_utf8_lossy(&out).into_owned()
    });
    // Meanwhile others are served at once.
    for _ in 0..5 {
        let (status, _, _) = post(&s, "/v1/route", r#"{"from":"Xi'an","to":"Duisburg"}"#).await;
        assert_eq!(status, 200);
    }
    let answer = slow.await.expect("the slow client");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_error(answer.split("\r\n\r\n").nth(1).expect("a body"), "timeout");
}

#[tokio::test]
async fn idle_and_vanishing_clients_leave_the_server_healthy() {
    let s = Running::start(ServerConfig::default()).await;
    // Connections that send nothing.
    let mut idle = Vec::new();
    for _ in 0..50 {
        idle.push(
            tokio::net::TcpStream::connect(s.addr)
                .await
                .expect("connect"),
        );
    }
    // Clients that leave in the middle of a request: half a header, half a
    // body, and a whole request whose answer they do not wait for.
    let body = matrix_body(&s, 20).await;
    for bytes in [
        b"POST /v1/route HTTP/1.1\r\nhost: x\r\ncontent-ty".to_vec(),
        b"POST /v1/route HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{\"fr".to_vec(),
        format!(
            "POST /v1/matrix HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    ] {
        let mut c = tokio::net::TcpStream::connect(s.addr).await.expect("connect");
        c.write_all(&bytes).await.expect("write");
        tokio::time::sleep(Duration::from_millis(50)).await;
        drop(c);
    }
    for _ in 0..5 {
        let (status, _, _) = post(&s, "/v1/route", r#"{"from":"Xi'an","to":"Duisburg"}"#).await;
        assert_eq!(status, 200);
    }
    drop(idle);
    // The abandoned computations end and nothing stays in flight but the
    // scrape itself.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, _, m) = get(&s, "/metrics").await;
        if m.contains("silkroute_http_requests_in_flight 1\n") {
            break;
        }
        assert!(Instant::now() < deadline, "requests stay in flight:\n{m}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, _, _) = get(&s, "/health").await;
    assert_eq!(status, 200);
}
