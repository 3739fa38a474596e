//! # silkroute
//!
//! Multimodal freight routing across the Eurasian corridors: the Middle
//! Corridor (Trans-Caspian), the Northern route, the North–South corridor
//! (INSTC) and deep sea via Suez or the Cape.
//!
//! This facade re-exports the workspace crates:
//! - [`core`] (`silkroute-core`): the network model, its data format and the
//!   embedded default dataset;
//! - [`routing`] (`silkroute-routing`): shortest paths, alternatives, Pareto
//!   sets and corridor comparison;
//! - [`netgraph`] (`silkroute-netgraph`): plain continental networks
//!   (`netgraph-v1`, GeoJSON lines) with Dijkstra, A*, contraction
//!   hierarchies, matrices and a binary cache.
//!
//! The README's "library in ten lines", compiled and run as a doc test so
//! that it cannot drift:
//!
//! ```
//! use silkroute::core::Network;
//! use silkroute::routing::{Objective, RouteRequest, Router};
//!
//! let router = Router::new(Network::eurasia());
//! let req = RouteRequest::new("Xi'an", "Duisburg")
//!     .objective(Objective::Time)
//!     .avoid_country("RU".parse()?).avoid_country("BY".parse()?).avoid_country("IR".parse()?);
//! let route = router.best(&req)?;
//! println!("{:.1} days, {:.0} USD, {:.1} t CO2e via {}", route.totals.time.get() / 24.0,
//!          route.totals.cost.get(), route.totals.co2e.get() / 1000.0, route.stops().join(" > "));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

pub use silkroute_core as core;
pub use silkroute_netgraph as netgraph;
pub use silkroute_routing as routing;
