//! Avoiding Russia, Belarus and Iran between China and Europe: the Middle
//! Corridor across Kazakhstan, the Caspian, Azerbaijan and Georgia.
//!
//! ```text
//! cargo run --release --example sanctions_avoidance
//! ```
#![allow(clippy::print_stdout)]

mod common;

use silkroute::core::Network;
use silkroute::routing::{Objective, Route, RouteRequest, Router};

fn summary(r: &Route) -> String {
    let (days, usd, tonnes) = common::days_usd_tonnes(r);
    let countries = common::countries(r);
    format!("{days:.1} days, {usd:.0} USD, {tonnes:.2} t CO2e, through {countries}")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let router = Router::new(Network::eurasia());
    let req = RouteRequest::new("Xi'an", "Duisburg").objective(Objective::Time);
    let unrestricted = router.best(&req)?;
    println!("Xi'an → Duisburg, fastest:\n  {}\n", summary(&unrestricted));

    let avoiding = router.best(
        &req.clone()
            .avoid_country("RU".parse()?)
            .avoid_country("BY".parse()?)
            .avoid_country("IR".parse()?),
    )?;
    println!(
        "Avoiding RU, BY and IR: {}\n  {}\n",
        avoiding
            .corridor_name
            .as_deref()
            .unwrap_or("no named corridor"),
        summary(&avoiding)
    );
    for (i, l) in avoiding.legs.iter().enumerate() {
        let border = l
            .border
            .map(|(a, b)| format!("  border {a}→{b}"))
            .unwrap_or_default();
        println!(
            "  {:>2}. {:<14} → {:<14} {:<5} {:>6.0} km {:>6.1} h{border}",
            i + 1,
            l.from.name,
            l.to.name,
            l.mode.as_str(),
            l.distance.get(),
            (l.time + l.wait).get()
        );
    }
    Ok(())
}
