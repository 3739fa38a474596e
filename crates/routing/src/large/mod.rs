//! Search on large plain networks (netgraph-v1, GeoJSON line networks).
//!
//! Continental rail and sea networks (hundreds of thousands of nodes) loaded
//! by [`silkroute_core::netgraph`] are turned once into a [`LargeGraph`]: CSR
//! arrays with integer weights (1 unit = 1e-9 km), so every algorithm sums the
//! same integers and all of them agree exactly.
//!
//! - Without preprocessing ([`Searcher`]): Dijkstra, bidirectional Dijkstra
//!   and A* with an admissible great-circle bound. Bidirectional Dijkstra and
//!   A* search a degree-2 chain bypass built with the graph (chains of
//!   degree-2 nodes replaced by single edges of the exact summed weight, kept
//!   nodes in Hilbert order); plain Dijkstra searches the full graph. Search
//!   state is reused across queries (generation stamps: no O(n) reset per
//!   query).
//! - Preprocessed ([`ContractionHierarchy`], [`ChSearcher`]): contraction
//!   hierarchies with stall-on-demand, equal to Dijkstra exactly. **Closures**
//!   (avoided passages) are honoured by checking the unpacked path and
//!   falling back to an exact bidirectional Dijkstra with the closure when
//!   the path uses a closed edge.
//! - Batches and matrices ([`Router`]) across all cores with rayon;
//!   the matrix uses CH buckets (many-to-many).
//! - A binary cache ([`load_cached`]) so a second load is near-instant.
//!
//! # Example
//! ```
//! use silkroute_core::netgraph::{LoadOptions, PlainNetwork};
//! use silkroute_routing::large::{Algorithm, ChParams, LargeGraph, NodeIdx, Router};
//!
//! let json = br#"{"meta": {"format": "netgraph-v1"},
//!   "nodes": [[31.2, 121.5], [1.3, 103.8], [30.0, 32.5], [51.9, 4.5], [-34.4, 18.5]],
//!   "edges": [[0, 1, 3800.0], [1, 2, 8000.0], [2, 3, 6000.0], [1, 4, 9700.0], [4, 3, 11000.0]],
//!   "passages": {"suez": [2]}}"#;
//! let net = PlainNetwork::from_slice(json, &LoadOptions::default())?;
//! let mut router = Router::new(LargeGraph::from_network(&net)?);
//! router.prepare(&ChParams::default());
//! let (sh, rtm) = (NodeIdx::new(0), NodeIdx::new(3));
//! let via_suez = router.batch(&[(sh, rtm)], Algorithm::Ch, None)?;
//! assert_eq!(via_suez[0].as_ref().ok().copied().flatten().map(|d| d.km()), Some(17800.0));
//! let no_suez = router.graph().closure(&["suez"])?;
//! let via_cape = router.batch(&[(sh, rtm)], Algorithm::Ch, Some(&no_suez))?;
//! assert_eq!(via_cape[0].as_ref().ok().copied().flatten().map(|d| d.km()), Some(24500.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cache;
mod ch;
mod graph;
mod reduced;
mod router;
mod search;

use std::path::{Path, PathBuf};

use silkroute_core::netgraph::NetgraphError;

pub use cache::{
    CACHE_VERSION, CacheOutcome, SourceFingerprint, decode, encode, load_cached, read_cache,
    write_cache,
};
pub use ch::{ChParams, ChSearcher, ContractionHierarchy};
pub use graph::{Distance, EdgeClosure, EdgeIdx, LargeGraph, NodeIdx, UNITS_PER_KM};
pub use router::{Algorithm, DistanceMatrix, Router};
pub use search::Searcher;

/// Errors of large-network search.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LargeError {
    /// A node id is not in the graph.
    #[error("node {node} out of range (network has {node_count} nodes)")]
    NodeOutOfRange {
        /// The id given.
        node: u32,
        /// Number of nodes.
        node_count: u32,
    },
    /// An avoided passage the network does not have.
    #[error("unknown passage {name:?} (known: {})", known.join(", "))]
    UnknownPassage {
        /// The name given.
        name: String,
        /// The passages of the network.
        known: Vec<String>,
    },
    /// The network is too large for 32-bit ids.
    #[error("too many {what}: {found}")]
    TooLarge {
        /// `nodes` or `edges`.
        what: &'static str,
        /// Count found.
        found: usize,
    },
    /// [`Algorithm::Ch`] was asked of a router without a hierarchy.
    #[error("contraction hierarchy not prepared (call Router::prepare)")]
    NotPrepared,
    /// A hierarchy built for another graph.
    #[error("hierarchy has {hierarchy_nodes} nodes but the graph has {graph_nodes}")]
    HierarchyMismatch {
        /// Nodes of the graph.
        graph_nodes: usize,
        /// Nodes of the hierarchy.
        hierarchy_nodes: usize,
    },
    /// Loading the network failed.
    #[error(transparent)]
    Network(#[from] NetgraphError),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a silkroute graph cache (wrong magic bytes).
    #[error("not a silkroute graph cache")]
    CacheNotACache,
    /// The cache has another layout version.
    #[error("cache version {found}, expected {expected}: rebuild the cache")]
    CacheVersion {
        /// Version found.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// The cache was built from another network file.
    #[error("stale cache: built from a different network file; rebuild it")]
    CacheStale,
    /// The cache is damaged.
    #[error("corrupt cache: {reason}")]
    CacheCorrupt {
        /// What check failed.
        reason: String,
    },
}

impl LargeError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        LargeError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
