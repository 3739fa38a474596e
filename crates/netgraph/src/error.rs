//! The error type of the crate, the validation problems of a network file,
//! and the load limits they name.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::io::ReadError;
use crate::network::MAX_EDGE_KM;

/// Which size limit was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// [`LoadOptions::max_nodes`](crate::LoadOptions::max_nodes).
    Nodes,
    /// [`LoadOptions::max_edges`](crate::LoadOptions::max_edges).
    Edges,
    /// [`LoadOptions::max_bytes`](crate::LoadOptions::max_bytes) (file size
    /// after decompression).
    Bytes,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::Nodes => "max_nodes",
            Limit::Edges => "max_edges",
            Limit::Bytes => "max_bytes",
        })
    }
}

/// One validation problem of a network file, with its location.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// A node's coordinates are not finite or out of range
    /// (lat ∉ [-90, 90] or lon ∉ [-180, 180]).
    #[error(
        "node {node}: coordinates [{lat}, {lon}] out of range (lat in [-90, 90], lon in [-180, 180])"
    )]
    BadCoordinate {
        /// Node index.
        node: usize,
        /// Latitude as read.
        lat: f64,
        /// Longitude as read.
        lon: f64,
    },
    /// An edge refers to a node id that does not exist.
    #[error("edge {edge}: node id {node} out of range (network has {node_count} nodes)")]
    NodeOutOfRange {
        /// Edge index.
        edge: usize,
        /// The node id as written.
        node: i64,
        /// Number of nodes.
        node_count: usize,
    },
    /// An edge weight is NaN, infinite, negative or above [`MAX_EDGE_KM`].
    #[error(
        "edge {edge}: weight {km} km is not a finite non-negative length (max {MAX_EDGE_KM} km)"
    )]
    BadWeight {
        /// Edge index.
        edge: usize,
        /// The weight as read.
        km: f64,
    },
    /// An edge joins a node to itself.
    #[error("edge {edge}: self-loop on node {node}")]
    SelfLoop {
        /// Edge index.
        edge: usize,
        /// The node.
        node: usize,
    },
    /// A passage lists an edge index that does not exist.
    #[error("passage {passage:?}: edge index {edge} out of range (network has {edge_count} edges)")]
    PassageEdgeOutOfRange {
        /// Passage name.
        passage: String,
        /// Edge index as written.
        edge: i64,
        /// Number of edges.
        edge_count: usize,
    },
    /// A GeoJSON feature that cannot be read as a line network element.
    #[error("feature {feature}: {reason}")]
    BadFeature {
        /// Feature index in `features`.
        feature: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Errors of loading, searching and caching plain networks.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NetgraphError {
    /// The network file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The gzip stream is corrupt.
    #[error("corrupt gzip stream: {0}")]
    Gzip(std::io::Error),
    /// The bytes are not JSON of the expected shape.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser says.
        message: String,
    },
    /// `meta.format` is missing or not `netgraph-v1`.
    #[error("wrong format tag: meta.format is {found:?}, expected \"netgraph-v1\"")]
    WrongFormat {
        /// The tag found (`None` when missing).
        found: Option<String>,
    },
    /// A required top-level field is missing.
    #[error("missing field `{field}`")]
    MissingField {
        /// Field name.
        field: &'static str,
    },
    /// The network is larger than a configured limit.
    #[error(
        "network exceeds {limit} = {max}: it has {found} (raise LoadOptions::{limit} if the input is trusted)"
    )]
    TooLarge {
        /// Which limit.
        limit: Limit,
        /// The limit value.
        max: usize,
        /// The size found.
        found: usize,
    },
    /// Validation found problems; all of them (up to
    /// [`MAX_REPORTED_PROBLEMS`](crate::MAX_REPORTED_PROBLEMS)) are listed.
    #[error("{} problem(s) in network, first: {}", problems.len(), problems.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// The problems, in file order.
        problems: Vec<Problem>,
    },
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
    IdOverflow {
        /// `nodes` or `edges`.
        what: &'static str,
        /// Count found.
        found: usize,
    },
    /// [`SearchAlgorithm::Ch`](crate::SearchAlgorithm::Ch) was asked of a
    /// router without a hierarchy.
    #[error("contraction hierarchy not prepared (call NetgraphRouter::prepare)")]
    NotPrepared,
    /// A hierarchy built for another graph.
    #[error("hierarchy has {hierarchy_nodes} nodes but the graph has {graph_nodes}")]
    HierarchyMismatch {
        /// Nodes of the graph.
        graph_nodes: usize,
        /// Nodes of the hierarchy.
        hierarchy_nodes: usize,
    },
    /// A cache file, or the network file read for a cache, could not be read
    /// or written.
    #[error("{path}: {source}")]
    File {
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

impl NetgraphError {
    pub(crate) fn json(e: &serde_json::Error) -> Self {
        NetgraphError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }
    }

    pub(crate) fn file(path: &Path, source: std::io::Error) -> Self {
        NetgraphError::File {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn corrupt(reason: impl Into<String>) -> Self {
        NetgraphError::CacheCorrupt {
            reason: reason.into(),
        }
    }
}

impl From<ReadError> for NetgraphError {
    /// The loader's view of a bounded read: the byte limit is
    /// [`Limit::Bytes`].
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io { path, source } => NetgraphError::Io {
                path: path.unwrap_or_default(),
                source,
            },
            ReadError::Gzip { source, .. } => NetgraphError::Gzip(source),
            ReadError::TooLarge { limit, found, .. } => NetgraphError::TooLarge {
                limit: Limit::Bytes,
                max: usize::try_from(limit).unwrap_or(usize::MAX),
                found: usize::try_from(found).unwrap_or(usize::MAX),
            },
        }
    }
}
