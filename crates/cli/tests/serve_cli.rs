//! `silkroute serve`: the binary serves over HTTP exactly what the same
//! binary prints with `--json` for the same request, and stops cleanly on
//! SIGTERM.

use super::*;
use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;

/// `silkroute serve --port 0`, killed when dropped.
struct Server {
    child: std::process::Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(extra: &[&str]) -> Server {
    let mut child = Command::new(BIN)
        .args(["serve", "--port", "0"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start silkroute serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    // "silkroute serving on http://127.0.0.1:PORT/ (…"
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr }
}

/// One HTTP/1.1 request; returns (status, body).
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut c = TcpStream::connect(addr).expect("connect");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    c.write_all(req.as_bytes()).expect("write");
    let mut out = String::new();
    c.read_to_string(&mut out).expect("read");
    let (head, body) = out.split_once("\r\n\r\n").expect("a response");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head}"));
    (status, body.to_string())
}

const JSON: (&str, &str) = ("content-type", "application/json");

/// A command line and the HTTP request that asks the same.
struct Case {
    args: Vec<&'static str>,
    method: &'static str,
    path: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: &'static str,
    status: u16,
}

fn case(
    args: Vec<&'static str>,
    method: &'static str,
    path: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: &'static str,
    status: u16,
) -> Case {
    Case {
        args,
        method,
        path,
        headers,
        body,
        status,
    }
}

#[test]
fn serve_bodies_are_the_cli_json_output_byte_for_byte() {
    let s = serve(&[]);
    let cases = vec![
        case(
            vec![
                "route",
                "--from",
                "Xi'an",
                "--to",
                "Duisburg",
                "--objective",
                "time",
                "--avoid-country",
                "RU,BY",
                "--json",
            ],
            "POST",
            "/v1/route",
            vec![JSON],
            r#"{"from":"Xi'an","to":"Duisburg","objective":"time","avoid_countries":["RU","BY"]}"#,
            200,
        ),
        case(
            vec![
                "route",
                "--from",
                "Shanghai",
                "--to",
                "Rotterdam",
                "--alternatives",
                "2",
                "--container",
                "20",
                "--json",
            ],
            "POST",
            "/v1/route",
            vec![JSON],
            r#"{"from":"Shanghai","to":"Rotterdam","alternatives":2,"container":20}"#,
            200,
        ),
        case(
            vec![
                "compare",
                "--from",
                "Xi'an",
                "--to",
                "Duisburg",
                "--objective",
                "co2e",
                "--json",
            ],
            "POST",
            "/v1/compare",
            vec![JSON],
            r#"{"from":"Xi'an","to":"Duisburg","objective":"co2e"}"#,
            200,
        ),
        case(
            vec![
                "pareto",
                "--from",
                "Xi'an",
                "--to",
                "Duisburg",
                "--epsilon",
                "0.05",
                "--json",
            ],
            "POST",
            "/v1/pareto",
            vec![JSON],
            r#"{"from":"Xi'an","to":"Duisburg","epsilon":0.05}"#,
            200,
        ),
        case(
            vec![
                "route", "--from", "Xi'an", "--to", "Duisburg", "--format", "geojson",
            ],
            "POST",
            "/v1/route",
            vec![JSON, ("accept", "application/geo+json")],
            r#"{"from":"Xi'an","to":"Duisburg"}"#,
            200,
        ),
        case(
            vec![
                "matrix",
                "--from",
                "Xi'an,Chongqing",
                "--to",
                "Duisburg,Hamburg,Chongqing",
                "--objective",
                "time",
                "--format",
                "json",
            ],
            "POST",
            "/v1/matrix",
            vec![JSON],
            r#"{"origins":["Xi'an","Chongqing"],"destinations":["Duisburg","Hamburg","Chongqing"],"objective":"time"}"#,
            200,
        ),
        case(
            vec![
                "diff",
                "--scenario",
                "red-sea-closure",
                "--from",
                "Shanghai",
                "--to",
                "Rotterdam",
                "--json",
            ],
            "POST",
            "/v1/diff",
            vec![JSON],
            r#"{"from":"Shanghai","to":"Rotterdam","scenarios":["red-sea-closure"]}"#,
            200,
        ),
        case(
            vec!["terminals", "--search", "baku", "--json"],
            "GET",
            "/v1/terminals?search=baku",
            vec![],
            "",
            200,
        ),
        case(
            vec!["terminals", "--json"],
            "GET",
            "/v1/terminals",
            vec![],
            "",
            200,
        ),
        case(
            vec!["scenarios", "--json"],
            "GET",
            "/v1/scenarios",
            vec![],
            "",
            200,
        ),
        case(
            vec!["route", "--from", "Xiian", "--to", "Duisburg", "--json"],
            "POST",
            "/v1/route",
            vec![JSON],
            r#"{"from":"Xiian","to":"Duisburg"}"#,
            422,
        ),
    ];
    for c in cases {
        let cli = silkroute(&c.args);
        let (status, served) = http(&s.addr, c.method, c.path, &c.headers, c.body);
        let (method, path, body) = (c.method, c.path, c.body);
        assert_eq!(status, c.status, "{method} {path} {body}: {served}");
        assert_eq!(
            served,
            stdout(&cli),
            "{method} {path} {body} vs silkroute {:?}",
            c.args
        );
    }
}

#[test]
fn serve_stops_cleanly_on_sigterm() {
    let mut s = serve(&["--scenario", "red-sea-closure", "--log-format", "json"]);
    let (status, health) = http(&s.addr, "GET", "/health", &[], "");
    assert_eq!(status, 200);
    assert!(
        health.contains(r#""scenarios":["red-sea-closure"]"#),
        "{health}"
    );
    let killed = Command::new("kill")
        .args(["-TERM", &s.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = s.child.wait().expect("the server exits");
    assert!(status.success(), "{status:?}");
    let mut logs = String::new();
    s.child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut logs)
        .expect("logs");
    // JSON logs: one object per line, with the request id of each request.
    let request_line = logs
        .lines()
        .find(|l| l.contains("/health"))
        .unwrap_or_else(|| panic!("no request logged:\n{logs}"));
    let v: serde_json::Value = serde_json::from_str(request_line).expect("a JSON log line");
    assert!(request_line.contains("request_id"), "{v}");
    assert!(logs.contains("shutdown: done"), "{logs}");
}

#[test]
fn serve_refuses_a_bad_scenario_before_listening() {
    let o = silkroute(&["serve", "--port", "0", "--scenario", "no-such-scenario"]);
    assert_code(&o, 2);
    assert!(stderr(&o).contains("no-such-scenario"), "{}", stderr(&o));
    assert!(!stdout(&o).contains("serving"), "{}", stdout(&o));
}
