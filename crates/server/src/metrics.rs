//! Prometheus text metrics: requests by route, method and status, a
//! latency histogram by route, requests in flight, resident memory.
//!
//! A few counters behind one mutex, rendered by hand in the text
//! exposition format 0.0.4: the server answers in milliseconds, so the lock
//! is not contended enough to need more.

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Debug, Default)]
struct Histogram {
    /// Observations at or under each bound (not cumulative; summed when
    /// rendered).
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Debug, Default)]
struct Tables {
    /// (route, method, status) → requests.
    requests: BTreeMap<(String, &'static str, u16), u64>,
    /// route → latency.
    latency: BTreeMap<String, Histogram>,
}

/// The server's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    tables: Mutex<Tables>,
    in_flight: AtomicI64,
    rejected: Mutex<BTreeMap<&'static str, u64>>,
}

/// The method as a label, with one value for methods outside the standard
/// ones (so a client cannot grow the label set).
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Decrements the in-flight gauge when a request ends, also when its
/// client went away and the future was dropped.
struct InFlight<'a>(&'a AtomicI64);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    fn record(&self, route: String, method: &'static str, status: u16, seconds: f64) {
        let mut t = self.tables.lock().unwrap_or_else(|p| p.into_inner());
        *t.requests
            .entry((route.clone(), method, status))
            .or_default() += 1;
        let h = t.latency.entry(route).or_default();
        if let Some(i) = BUCKETS.iter().position(|&b| seconds <= b) {
            h.counts[i] += 1;
        }
        h.count += 1;
        h.sum += seconds;
    }

    /// Counts a request refused before any work, by reason (`overloaded`,
    /// `timeout`, `unavailable`).
    pub fn reject(&self, reason: &'static str) {
        let mut r = self.rejected.lock().unwrap_or_else(|p| p.into_inner());
        *r.entry(reason).or_default() += 1;
    }

    /// Requests being answered now.
    pub fn in_flight(&self) -> i64 {
        self.in_flight.load(Ordering::Relaxed)
    }

    /// The metrics in the Prometheus text format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let t = self.tables.lock().unwrap_or_else(|p| p.into_inner());
        out.push_str("# HELP silkroute_http_requests_total HTTP requests answered, by route template, method and status.\n");
        out.push_str("# TYPE silkroute_http_requests_total counter\n");
        for ((route, method, status), n) in &t.requests {
            let _ = writeln!(
                out,
                "silkroute_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP silkroute_http_request_duration_seconds Time from the request's headers to its response, by route template.\n");
        out.push_str("# TYPE silkroute_http_request_duration_seconds histogram\n");
        for (route, h) in &t.latency {
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(h.counts) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "silkroute_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "silkroute_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "silkroute_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "silkroute_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
        drop(t);
        out.push_str("# HELP silkroute_http_requests_in_flight HTTP requests being answered.\n");
        out.push_str("# TYPE silkroute_http_requests_in_flight gauge\n");
        let _ = writeln!(
            out,
            "silkroute_http_requests_in_flight {}",
            self.in_flight()
        );
        out.push_str("# HELP silkroute_requests_rejected_total Requests refused before any work, by reason.\n");
        out.push_str("# TYPE silkroute_requests_rejected_total counter\n");
        let r = self.rejected.lock().unwrap_or_else(|p| p.into_inner());
        for reason in ["overloaded", "timeout", "unavailable"] {
            let _ = writeln!(
                out,
                "silkroute_requests_rejected_total{{reason=\"{reason}\"}} {}",
                r.get(reason).copied().unwrap_or(0)
            );
        }
        if let Some(rss) = resident_bytes() {
            out.push_str("# HELP process_resident_memory_bytes Resident memory size in bytes.\n");
            out.push_str("# TYPE process_resident_memory_bytes gauge\n");
            let _ = writeln!(out, "process_resident_memory_bytes {rss}");
        }
        out
    }
}

/// The process's resident memory, from `/proc/self/statm` (Linux only).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // The page size is 4 KiB on the platforms this is read on (x86-64,
    // aarch64 Linux with 4K pages); a wrong guess only scales a gauge.
    Some(pages * 4096)
}

/// The middleware that counts every request, its status and its latency.
pub async fn track(
    State(metrics): State<std::sync::Arc<Metrics>>,
    req: Request,
    next: Next,
) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let method = method_label(req.method());
    metrics.in_flight.fetch_add(1, Ordering::Relaxed);
    let guard = InFlight(&metrics.in_flight);
    let response = next.run(req).await;
    drop(guard);
    metrics.record(
        route,
        method,
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::default();
        m.record("/v1/route".into(), "POST", 200, 0.003);
        m.record("/v1/route".into(), "POST", 200, 0.2);
        m.record("/v1/route".into(), "POST", 422, 100.0);
        let text = m.render();
        assert!(text.contains(
            "silkroute_http_requests_total{route=\"/v1/route\",method=\"POST\",status=\"200\"} 2"
        ));
        assert!(text.contains(
            "silkroute_http_request_duration_seconds_bucket{route=\"/v1/route\",le=\"0.005\"} 1"
        ));
        assert!(text.contains(
            "silkroute_http_request_duration_seconds_bucket{route=\"/v1/route\",le=\"0.25\"} 2"
        ));
        assert!(text.contains(
            "silkroute_http_request_duration_seconds_bucket{route=\"/v1/route\",le=\"+Inf\"} 3"
        ));
        assert!(
            text.contains("silkroute_http_request_duration_seconds_count{route=\"/v1/route\"} 3")
        );
    }
}
