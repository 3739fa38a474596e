//! # silkroute-netgraph
//!
//! Plain, continental-scale networks: loading, shortest distances and
//! matrices on rail and sea networks of hundreds of thousands of nodes.
//!
//! A [`PlainNetwork`] is nodes (`[lat, lon]`), undirected weighted edges (km)
//! and named *passages* (sets of edge indices such as `suez`), with no
//! terminals or modes. It is turned once into a [`PlainGraph`]: CSR arrays
//! with integer weights (1 unit = 1e-9 km, [`UNITS_PER_KM`]), so every
//! algorithm sums the same integers and all of them agree exactly.
//!
//! This crate depends on no other silkroute crate.
//!
//! ## Loading
//! - [`PlainNetwork::from_path`] / [`PlainNetwork::from_slice`] read
//!   `netgraph-v1` (gzip or plain JSON, detected by the gzip magic bytes) or
//!   a GeoJSON `FeatureCollection` of `LineString`s (detected by its
//!   `"type"` member); [`PlainNetwork::from_geojson_slice`] reads GeoJSON
//!   only.
//! - Every load is bounded ([`LoadOptions`]: nodes, edges, bytes after
//!   decompression) and validated; all problems found (up to
//!   [`MAX_REPORTED_PROBLEMS`]) are reported together, each with its
//!   location ([`Problem`] in [`NetgraphError::Invalid`]).
//! - [`NodeLocator`] snaps coordinates to the nearest node (R-tree on the
//!   unit sphere) and reports the snap distance in km.
//!
//! ## Algorithms
//! | algorithm | entry point | preprocessing | query | closures |
//! |---|---|---|---|---|
//! | Dijkstra | [`Searcher::dijkstra`], [`Searcher::one_to_many`] | none | O((n + m) log n) | honoured |
//! | bidirectional Dijkstra | [`Searcher::bidirectional`] | none (chain bypass built with the graph) | O((n + m) log n), about half of Dijkstra's space | honoured |
//! | A* (great-circle bound) | [`Searcher::astar`] | none (chain bypass, admissible bound) | O((n + m) log n) worst case | honoured |
//! | contraction hierarchies | [`ChSearcher::query`] | [`ContractionHierarchy::build`] (seconds on 300 000 nodes) | two upward searches plus a core table | checked on the unpacked path, exact fallback |
//! | many-to-many | [`NetgraphRouter::matrix`] | as CH, or none | CH buckets, or one Dijkstra per source | Dijkstra per source |
//!
//! - Search state is reused across queries (generation stamps or touched
//!   lists: no O(n) reset per query); create one [`Searcher`] or
//!   [`ChSearcher`] per thread.
//! - Bidirectional Dijkstra and A* search a **degree-2 chain bypass**:
//!   chains of degree-2 nodes replaced by single edges of the exact summed
//!   weight, kept nodes in Hilbert order. Plain Dijkstra searches the full
//!   graph.
//! - **Closures** (avoided passages, [`PlainGraph::closure`]) are never
//!   ignored: contraction hierarchies check the unpacked path and fall back
//!   to an exact bidirectional Dijkstra with the closure when the path uses a
//!   closed edge.
//! - [`NetgraphRouter`] runs batches and matrices across all cores with
//!   rayon.
//! - A binary cache ([`load_cached`]) makes a second load near-instant; a
//!   stale or corrupt cache is an error, never a wrong graph.
//!
//! ## Errors
//! One type, [`NetgraphError`]: loading errors say where (file, line and
//! column, node, edge, passage or feature), search errors name the node or
//! passage, cache errors say which check failed. Library code never panics
//! on user data.
//!
//! ## Shared helpers
//! - [`sphere`]: the Earth radius, great-circle distances, unit vectors and
//!   chord ↔ arc conversions of the workspace.
//! - [`io`]: bounded reading of files and bytes with gzip detection.
//!
//! # Example
//! ```
//! use silkroute_netgraph::{
//!     ChParams, LoadOptions, NetgraphRouter, NodeIdx, NodeLocator, PlainGraph, PlainNetwork,
//!     SearchAlgorithm,
//! };
//!
//! let json = br#"{"meta": {"format": "netgraph-v1"},
//!   "nodes": [[31.2, 121.5], [1.3, 103.8], [30.0, 32.5], [51.9, 4.5], [-34.4, 18.5]],
//!   "edges": [[0, 1, 3800.0], [1, 2, 8000.0], [2, 3, 6000.0], [1, 4, 9700.0], [4, 3, 11000.0]],
//!   "passages": {"suez": [2]}}"#;
//! let net = PlainNetwork::from_slice(json, &LoadOptions::default())?;
//! assert_eq!(net.node_count(), 5);
//!
//! // Snap Rotterdam's coordinates to the nearest node.
//! let rtm = NodeLocator::new(&net.nodes).nearest(51.95, 4.14).ok_or("empty network")?;
//! assert_eq!(rtm.node, 3);
//! assert!(rtm.distance_km < 30.0);
//!
//! let mut router = NetgraphRouter::new(PlainGraph::from_network(&net)?);
//! router.prepare(&ChParams::default());
//! let pair = [(NodeIdx::new(0), NodeIdx::new(rtm.node))];
//! let via_suez = router.batch(&pair, SearchAlgorithm::Ch, None)?;
//! assert_eq!(via_suez[0].as_ref().ok().copied().flatten().map(|d| d.km()), Some(17800.0));
//! let no_suez = router.graph().closure(&["suez"])?;
//! let via_cape = router.batch(&pair, SearchAlgorithm::AStar, Some(&no_suez))?;
//! assert_eq!(via_cape[0].as_ref().ok().copied().flatten().map(|d| d.km()), Some(24500.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

pub mod io;
pub mod sphere;

mod bound;
mod bypass;
mod cache;
mod ch;
mod ch_query;
mod csr;
mod error;
mod geojson;
mod graph;
mod ids;
mod labels;
mod locate;
mod matrix;
mod network;
mod router;
mod search;

pub use cache::{
    CACHE_VERSION, CacheOutcome, SourceFingerprint, decode_cache, encode_cache, load_cached,
    read_cache, write_cache,
};
pub use ch::{ChParams, ContractionHierarchy};
pub use ch_query::ChSearcher;
pub use error::{Limit, NetgraphError, Problem};
pub use graph::PlainGraph;
pub use ids::{Distance, EdgeClosure, EdgeIdx, NodeIdx, UNITS_PER_KM};
pub use locate::{NodeLocator, NodeSnap};
pub use matrix::DistanceMatrix;
pub use network::{
    DEFAULT_MAX_BYTES, DEFAULT_MAX_ELEMENTS, LoadOptions, MAX_EDGE_KM, MAX_REPORTED_PROBLEMS,
    NETGRAPH_FORMAT, PlainEdge, PlainNetwork,
};
pub use router::{NetgraphRouter, SearchAlgorithm};
pub use search::Searcher;
