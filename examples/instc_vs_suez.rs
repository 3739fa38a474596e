//! Mumbai → Moscow: the three branches of the International North–South
//! Transport Corridor (through Iran) against the sea route through Suez.
//!
//! ```text
//! cargo run --release --example instc_vs_suez
//! ```
#![allow(clippy::print_stdout)]

mod common;

use silkroute::core::Network;
use silkroute::routing::{RouteRequest, Router};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let router = Router::new(Network::eurasia());
    let req = RouteRequest::new("Mumbai", "Moscow");
    println!("Mumbai → Moscow, cheapest per corridor (40ft container)\n");
    println!(
        "{:<22} {:>6} {:>7} {:>7}  countries",
        "", "days", "USD", "t CO2e"
    );
    for option in router.compare(&req)? {
        let id = option.corridor.id.as_str();
        if !(id.starts_with("instc") || id == "sea-suez") {
            continue;
        }
        let name = option.corridor.name.split(" (").next().unwrap_or_default();
        match option.result {
            Ok(r) => {
                let (days, usd, tonnes) = common::days_usd_tonnes(&r);
                let countries = common::countries(&r);
                println!("{name:<22} {days:>6.1} {usd:>7.0} {tonnes:>7.2}  {countries}");
            }
            Err(e) => println!("{name:<22} no route: {e}"),
        }
    }
    Ok(())
}
