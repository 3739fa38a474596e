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
#![warn(missing_docs)]

pub use silkroute_core as core;
pub use silkroute_netgraph as netgraph;
pub use silkroute_routing as routing;
