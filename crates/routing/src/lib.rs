//! # silkroute-routing
//!
//! Routes containers over a [`silkroute_core::Network`]: the cheapest,
//! fastest, shortest or lowest-CO2e way, or the best by a generalized cost;
//! with waypoints, allowed modes, avoided countries, passages, terminals,
//! legs and corridors, and a limit on transfers; with alternatives, Pareto
//! sets over (cost, time, CO2e), and a side-by-side comparison of corridors.
//!
//! ```
//! use silkroute_routing::{Objective, RouteRequest, Router};
//!
//! let router = Router::new(silkroute_core::Network::eurasia());
//! let req = RouteRequest::new("Xi'an", "Duisburg")
//!     .objective(Objective::Time)
//!     .avoid_country("RU".parse()?)
//!     .avoid_country("BY".parse()?);
//! let route = router.best(&req)?;
//! // Avoiding Russia and Belarus, the fastest way crosses the Caspian through Alat.
//! assert!(route.stops().contains(&"Alat"));
//! println!("{:.1} days, {:.0}", route.totals.time.get() / 24.0, route.totals.cost);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Searches run on the network's virtual graph (one place per terminal and
//! mode layer, transfers between layers) times the request's state
//! (waypoint stage, transfers used, corridor requirements met), so every
//! constraint is exact and a route is a plain shortest path.
#![warn(missing_docs)]

mod alternatives;
mod compare;
mod error;
mod explain;
pub mod fixed;
mod graph;
mod matrix;
mod objective;
mod pareto;
mod query;
mod request;
mod route;
mod router;
mod search;

pub use alternatives::MAX_SHARED_FRACTION;
pub use compare::CorridorOption;
pub use error::RoutingError;
pub use matrix::{MatrixCell, MatrixTable};
pub use objective::{DEFAULT_CARBON_PRICE, DEFAULT_VALUE_OF_TIME, Objective};
pub use pareto::ParetoOptions;
pub use query::Snap;
pub use request::{Endpoint, RouteRequest};
pub use route::{MIN_CORRIDOR_SHARE, Route, RouteLeg, Stop, Totals, Transfer};
pub use router::{Router, RouterLimits};
pub use search::Algorithm;
