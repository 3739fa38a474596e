//! # silkroute-testkit
//!
//! What silkroute's tests, fuzz targets and benches share: random
//! multimodal networks from a seed ([`netgen`]), and the invariants every
//! route must satisfy whatever the router did ([`invariants`]), checked
//! against the network and the request alone, and the body of the
//! `route_invariants` fuzz target ([`route_fuzz`]), so that its findings
//! replay as ordinary tests.
//!
//! ```
//! use silkroute_routing::{RouteRequest, Router};
//! let net = silkroute_testkit::netgen::network(7, 6, 12);
//! let req = RouteRequest::new("t0", "t1");
//! if let Ok(route) = Router::new(net.clone()).best(&req) {
//!     silkroute_testkit::invariants::check_route(&net, &req, &route)?;
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

pub mod invariants;
pub mod netgen;
pub mod route_fuzz;
