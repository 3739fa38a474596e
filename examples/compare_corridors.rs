//! China → Europe by every corridor: the fastest route each corridor
//! allows from Xi'an to Duisburg and from Chongqing to Hamburg.
//!
//! ```text
//! cargo run --release --example compare_corridors
//! ```
#![allow(clippy::print_stdout)]

use silkroute::core::Network;
use silkroute::routing::{Objective, RouteRequest, Router};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let router = Router::new(Network::eurasia());
    for (from, to) in [("Xi'an", "Duisburg"), ("Chongqing", "Hamburg")] {
        let req = RouteRequest::new(from, to).objective(Objective::Time);
        println!("\n{from} → {to}, fastest by corridor (40ft container)");
        println!(
            "{:<36} {:>6} {:>7} {:>8}",
            "corridor", "days", "USD", "t CO2e"
        );
        for option in router.compare(&req)? {
            // "Northern route (Trans-Siberian / …)" → "Northern route"
            let name = option.corridor.name.split(" (").next().unwrap_or_default();
            match option.result {
                Ok(r) => println!(
                    "{name:<36} {:>6.1} {:>7.0} {:>8.2}",
                    r.totals.time.get() / 24.0,
                    r.totals.cost.get(),
                    r.totals.co2e.get() / 1000.0
                ),
                Err(e) => println!(
                    "{name:<36} {:>6} {:>7} {:>8}   ({})",
                    "—",
                    "—",
                    "—",
                    e.kind()
                ),
            }
        }
    }
    Ok(())
}
