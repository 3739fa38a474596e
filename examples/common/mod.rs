//! Helpers shared by the examples. Cargo builds `examples/*.rs` and
//! `examples/*/main.rs` as examples, so this folder is not one; an example
//! uses it with `mod common;`.

use silkroute::routing::Route;

/// A route's totals as the examples print them: days, USD and tonnes of CO2e.
pub fn days_usd_tonnes(r: &Route) -> (f64, f64, f64) {
    (
        r.totals.time.get() / 24.0,
        r.totals.cost.get(),
        r.totals.co2e.get() / 1000.0,
    )
}

/// The countries a route passes through, as codes separated by spaces.
pub fn countries(r: &Route) -> String {
    r.countries
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
