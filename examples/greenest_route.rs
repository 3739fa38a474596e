//! The lowest-CO2e route against the cheapest and the fastest, and the
//! generalized cost (USD + value of time + carbon price) at a few carbon
//! prices, showing where the choice flips.
//!
//! ```text
//! cargo run --release --example greenest_route
//! ```
#![allow(clippy::print_stdout)]

use silkroute::core::Network;
use silkroute::routing::{Objective, Route, RouteRequest, Router};

fn line(label: &str, r: &Route) {
    println!(
        "{label:<16} {:>6.1} {:>7.0} {:>7.2}  {}",
        r.totals.time.get() / 24.0,
        r.totals.cost.get(),
        r.totals.co2e.get() / 1000.0,
        r.corridor_name.as_deref().unwrap_or("no named corridor")
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let router = Router::new(Network::eurasia());
    let req = RouteRequest::new("Shanghai", "Duisburg");
    println!("Shanghai → Duisburg, 40ft container\n");
    println!(
        "{:<16} {:>6} {:>7} {:>7}  corridor",
        "", "days", "USD", "t CO2e"
    );
    for (label, objective) in [
        ("lowest CO2e", Objective::Co2e),
        ("cheapest", Objective::Cost),
        ("fastest", Objective::Time),
    ] {
        line(label, &router.best(&req.clone().objective(objective))?);
    }

    println!("\nBest by generalized cost (value of time 1.5 USD/h) as the carbon price rises:");
    println!(
        "{:<16} {:>6} {:>7} {:>7}  corridor",
        "USD per t CO2e", "days", "USD", "t CO2e"
    );
    let mut previous: Option<Vec<String>> = None;
    for price in [0.0, 90.0, 250.0, 500.0, 1000.0, 2000.0] {
        let r = router.best(
            &req.clone()
                .objective(Objective::Generalized)
                .carbon_price(price),
        )?;
        let legs: Vec<String> = r.leg_ids().iter().map(|s| s.to_string()).collect();
        let flipped = previous.as_ref().is_some_and(|p| *p != legs);
        line(
            &format!("{price:>6.0}{}", if flipped { "  ← flips" } else { "" }),
            &r,
        );
        previous = Some(legs);
    }
    Ok(())
}
