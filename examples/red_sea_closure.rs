//! The Red Sea closure: Shanghai → Rotterdam by sea through Suez, by sea
//! round the Cape of Good Hope (Suez and Bab-el-Mandeb avoided), and
//! overland, side by side.
//!
//! ```text
//! cargo run --release --example red_sea_closure
//! ```
#![allow(clippy::print_stdout)]

use silkroute::core::{Mode, Network, Passage};
use silkroute::routing::{Route, RouteRequest, Router};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let router = Router::new(Network::eurasia());
    let base = RouteRequest::new("Shanghai", "Rotterdam");
    let options = [
        ("Sea via Suez", base.clone().mode(Mode::Sea)),
        (
            "Sea via the Cape",
            base.clone()
                .mode(Mode::Sea)
                .avoid_passage(Passage::Suez)
                .avoid_passage(Passage::BabElMandeb),
        ),
        (
            "Overland (rail, road, ferry)",
            base.clone()
                .mode(Mode::Rail)
                .mode(Mode::Road)
                .mode(Mode::Ferry),
        ),
    ];
    println!("Shanghai → Rotterdam, cheapest way for a 40ft container\n");
    println!(
        "{:<30} {:>6} {:>7} {:>7} {:>8}  passages",
        "", "days", "USD", "t CO2e", "km"
    );
    let mut suez: Option<Route> = None;
    for (name, req) in options {
        let r = router.best(&req)?;
        let passages: Vec<&str> = r.passages.iter().map(|p| p.as_str()).collect();
        println!(
            "{name:<30} {:>6.1} {:>7.0} {:>7.2} {:>8.0}  {}",
            r.totals.time.get() / 24.0,
            r.totals.cost.get(),
            r.totals.co2e.get() / 1000.0,
            r.totals.distance.get(),
            if passages.is_empty() {
                "none".to_string()
            } else {
                passages.join(", ")
            }
        );
        if let Some(s) = &suez {
            println!(
                "{:<30} {:>+6.1} {:>+7.0} {:>+7.2}    (compared with Suez)",
                "",
                (r.totals.time.get() - s.totals.time.get()) / 24.0,
                r.totals.cost.get() - s.totals.cost.get(),
                (r.totals.co2e.get() - s.totals.co2e.get()) / 1000.0
            );
        } else {
            suez = Some(r);
        }
    }
    Ok(())
}
