//! Your own network: build one in code with `NetworkBuilder`, or load one
//! from a `silkroute-network` GeoJSON string or file, and route on it.
//!
//! ```text
//! cargo run --release --example custom_network
//! ```
#![allow(clippy::print_stdout)]

use silkroute::core::{
    CountryCode, EmissionFactor, EmissionUnit, Gauge, Grade, Handling, Hours, Km, Leg, Mode,
    Network, NetworkBuilder, PerContainer, Source, Terminal, TerminalKind, Usd,
};
use silkroute::routing::{Objective, RouteRequest, Router};

/// A tiny trans-Caspian network, built in code (figures illustrative).
fn built_in_code() -> Result<Network, Box<dyn std::error::Error>> {
    let kz: CountryCode = "KZ".parse()?;
    let az: CountryCode = "AZ".parse()?;
    let ge: CountryCode = "GE".parse()?;
    let handling = Handling::new(PerContainer::new(Usd(100.0), Usd(150.0)), Hours(12.0));
    let net = NetworkBuilder::new()
        .name("trans-caspian demo")
        .source(Source::new(
            "demo",
            "Illustrative figures",
            "silkroute examples",
            2026,
            Grade::D,
        ))
        .emission_factor(EmissionFactor::new(
            "rail",
            18.0,
            EmissionUnit::GPerTkm,
            "demo",
        ))
        .emission_factor(EmissionFactor::new(
            "ropax",
            124.8,
            EmissionUnit::GPerTkm,
            "demo",
        ))
        .terminal(
            Terminal::new("aktau", "Aktau", kz, TerminalKind::SeaPort, 43.6, 51.2)
                .handling(handling)
                .source("demo"),
        )
        .terminal(
            Terminal::new("alat", "Alat", az, TerminalKind::SeaPort, 39.976, 49.441)
                .gauge(Gauge::RUSSIAN)
                .handling(handling)
                .source("demo"),
        )
        .terminal(
            Terminal::new(
                "tbilisi",
                "Tbilisi",
                ge,
                TerminalKind::RailTerminal,
                41.72,
                44.79,
            )
            .gauge(Gauge::RUSSIAN),
        )
        .leg(
            Leg::new(
                "aktau-alat",
                "aktau",
                "alat",
                Mode::Ferry,
                Km(470.0),
                Hours(22.0),
            )
            .wait(Hours(48.0))
            .cost(Usd(900.0), Usd(1300.0))
            .emission_factor("ropax")
            .border(kz, az)
            .source("demo"),
        )
        .leg(
            Leg::new(
                "alat-tbilisi",
                "alat",
                "tbilisi",
                Mode::Rail,
                Km(560.0),
                Hours(20.0),
            )
            .gauge(Gauge::RUSSIAN)
            .cost(Usd(400.0), Usd(600.0))
            .emission_factor("rail")
            .border(az, ge)
            .source("demo"),
        )
        .build()?;
    Ok(net)
}

/// The same kind of network as a GeoJSON document (`Network::from_path`
/// reads the same from a file, plain or gzip-compressed).
const GEOJSON: &str = r#"{
  "type": "FeatureCollection", "format": "silkroute-network", "format_version": 1,
  "name": "two ports",
  "sources": [{"id": "demo", "title": "Illustrative figures", "publisher": "silkroute examples", "year": 2026, "grade": "D"}],
  "emission_factors": [{"id": "feeder", "value": 160.0, "unit": "g_per_teu_km", "scope": "wtw", "source": "demo"}],
  "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [41.67, 42.15]},
     "properties": {"kind": "terminal", "id": "poti", "name": "Poti", "country": "GE", "terminal_kind": "sea_port"}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [28.65, 44.17]},
     "properties": {"kind": "terminal", "id": "constanta", "name": "Constanța", "aliases": ["Constanta"], "country": "RO", "terminal_kind": "sea_port"}},
    {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[41.67, 42.15], [28.65, 44.17]]},
     "properties": {"kind": "leg", "id": "poti-constanta", "from": "poti", "to": "constanta", "mode": "sea",
                    "distance_km": 1096, "time_h": 48, "wait_h": 36, "cost_usd": {"20": 700, "40": 1000},
                    "emission_factor": "feeder", "border": ["GE", "RO"], "corridors": ["black-sea"], "sources": ["demo"]}}
  ]
}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let router = Router::new(built_in_code()?);
    let r = router.best(&RouteRequest::new("Aktau", "Tbilisi").objective(Objective::Time))?;
    println!(
        "Built in code: {} → {}: {:.1} days, {:.0} USD, {:.0} kg CO2e, {} transfer(s), via {}",
        r.origin.name,
        r.destination.name,
        r.totals.time.get() / 24.0,
        r.totals.cost.get(),
        r.totals.co2e.get(),
        r.totals.transfers,
        r.stops().join(" › ")
    );

    let router = Router::new(Network::from_slice(GEOJSON.as_bytes())?);
    let r = router.best(&RouteRequest::new("Poti", "Constanta"))?;
    println!(
        "From GeoJSON:  {} → {}: {:.1} days, {:.0} USD, {:.0} kg CO2e",
        r.origin.name,
        r.destination.name,
        r.totals.time.get() / 24.0,
        r.totals.cost.get(),
        r.totals.co2e.get()
    );
    Ok(())
}
