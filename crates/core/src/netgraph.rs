//! Plain, continental-scale networks: the `netgraph-v1` interchange format and
//! GeoJSON line networks.
//!
//! A [`PlainNetwork`] is nodes (`[lat, lon]`), undirected weighted edges (km)
//! and named *passages* (sets of edge indices such as `suez`), with no
//! terminals or modes. It is what the large-network searches of
//! `silkroute-routing` are built from.
//!
//! - [`PlainNetwork::from_path`] reads `netgraph-v1` (gzip or plain JSON,
//!   detected by the gzip magic bytes) or a GeoJSON `FeatureCollection` of
//!   `LineString`s (detected by its `"type"` member).
//! - Every load is validated; all problems found (up to
//!   [`MAX_REPORTED_PROBLEMS`]) are reported together, each with its location
//!   ([`Problem`]).
//! - [`NodeLocator`] snaps arbitrary coordinates to the nearest node with an
//!   R-tree and reports the snap distance in km.
//!
//! # Example
//! ```
//! use silkroute_core::netgraph::{LoadOptions, NodeLocator, PlainNetwork};
//! let json = br#"{"meta": {"format": "netgraph-v1"},
//!   "nodes": [[31.2, 121.5], [1.3, 103.8], [51.9, 4.5]],
//!   "edges": [[0, 1, 3800.0], [1, 2, 15500.0]],
//!   "passages": {"malacca": [0]}}"#;
//! let net = PlainNetwork::from_slice(json, &LoadOptions::default())?;
//! assert_eq!(net.node_count(), 3);
//! let locator = NodeLocator::new(&net.nodes);
//! let snap = locator.nearest(51.95, 4.14).ok_or("empty network")?;
//! assert_eq!(snap.node, 2);
//! assert!(snap.distance_km < 30.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use rstar::RTree;
use rstar::primitives::GeomWithData;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

/// Mean Earth radius used for haversine distances (km), as searoute does.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The value of `meta.format` that identifies the interchange format.
pub const NETGRAPH_FORMAT: &str = "netgraph-v1";

/// At most this many problems are collected in one [`NetgraphError::Invalid`].
pub const MAX_REPORTED_PROBLEMS: usize = 100;

/// Default limit on nodes and on edges (50 million each).
pub const DEFAULT_MAX_ELEMENTS: usize = 50_000_000;

/// Default limit on the bytes of a network file, after gzip decompression
/// (4 GiB: room for [`DEFAULT_MAX_ELEMENTS`] nodes and edges as JSON).
pub const DEFAULT_MAX_BYTES: u64 = 4 << 30;

/// Largest accepted edge weight (km): longer than any route on Earth many
/// times over, small enough that scaled integer sums cannot overflow.
pub const MAX_EDGE_KM: f64 = 1.0e7;

/// Great-circle distance between two `[lat, lon]` points in km
/// (haversine, R = [`EARTH_RADIUS_KM`]).
#[must_use]
pub fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (la1, lo1) = (a[0].to_radians(), a[1].to_radians());
    let (la2, lo2) = (b[0].to_radians(), b[1].to_radians());
    let s1 = ((la2 - la1) / 2.0).sin();
    let s2 = ((lo2 - lo1) / 2.0).sin();
    let h = (s1 * s1 + la1.cos() * la2.cos() * s2 * s2).clamp(0.0, 1.0);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

/// One undirected edge of a [`PlainNetwork`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlainEdge {
    /// First end (node index).
    pub u: u32,
    /// Second end (node index).
    pub v: u32,
    /// Length in km (finite, non-negative).
    pub km: f64,
}

/// A validated plain network: nodes, undirected edges, passages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlainNetwork {
    /// Node coordinates as `[lat, lon]` in degrees; node id = index.
    pub nodes: Vec<[f64; 2]>,
    /// Undirected edges; edge id = index.
    pub edges: Vec<PlainEdge>,
    /// Named passages (e.g. `suez`): sorted, deduplicated edge indices.
    pub passages: BTreeMap<String, Vec<u32>>,
    /// The `meta` object of a netgraph file (empty for GeoJSON).
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// Limits applied while loading. Built with methods:
/// `LoadOptions::default().max_nodes(1_000_000)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadOptions {
    max_nodes: usize,
    max_edges: usize,
    max_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_nodes: DEFAULT_MAX_ELEMENTS,
            max_edges: DEFAULT_MAX_ELEMENTS,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

impl LoadOptions {
    /// Refuse networks with more than `n` nodes ([`Limit::Nodes`]).
    #[must_use]
    pub fn max_nodes(mut self, n: usize) -> Self {
        self.max_nodes = n;
        self
    }
    /// Refuse networks with more than `n` edges ([`Limit::Edges`]).
    #[must_use]
    pub fn max_edges(mut self, n: usize) -> Self {
        self.max_edges = n;
        self
    }
    /// Refuse files of more than `n` bytes, after gzip decompression
    /// ([`Limit::Bytes`]; default [`DEFAULT_MAX_BYTES`]). This bounds the
    /// memory a gzip bomb can claim.
    #[must_use]
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = n;
        self
    }
}

/// Which size limit was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// [`LoadOptions::max_nodes`].
    Nodes,
    /// [`LoadOptions::max_edges`].
    Edges,
    /// [`LoadOptions::max_bytes`] (file size after decompression).
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

/// One validation problem, with its location.
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

/// Errors of loading a plain network.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NetgraphError {
    /// The file could not be read.
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
    /// [`MAX_REPORTED_PROBLEMS`]) are listed.
    #[error("{} problem(s) in network, first: {}", problems.len(), problems.first().map(ToString::to_string).unwrap_or_default())]
    Invalid {
        /// The problems, in file order.
        problems: Vec<Problem>,
    },
}

impl NetgraphError {
    fn json(e: &serde_json::Error) -> Self {
        NetgraphError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        }
    }
}

/// An edge weight as written: a number, or (as some exporters write
/// non-finite values) `null` / `"NaN"` / `"Infinity"`, so those are reported
/// as [`Problem::BadWeight`] rather than as a parse error.
struct RawWeight(f64);

impl<'de> Deserialize<'de> for RawWeight {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawWeight;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an edge weight in km")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawWeight, E> {
                Ok(RawWeight(v))
            }
            #[allow(clippy::cast_precision_loss)] // weights are km; exact below 2^53
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawWeight, E> {
                Ok(RawWeight(v as f64))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawWeight, E> {
                Ok(RawWeight(v as f64))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawWeight, E> {
                Ok(RawWeight(f64::NAN))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawWeight, E> {
                match v.to_ascii_lowercase().as_str() {
                    "nan" => Ok(RawWeight(f64::NAN)),
                    "infinity" | "inf" => Ok(RawWeight(f64::INFINITY)),
                    "-infinity" | "-inf" => Ok(RawWeight(f64::NEG_INFINITY)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
struct RawEdge(i64, i64, RawWeight);

#[derive(Deserialize)]
struct RawNetgraph {
    meta: Option<serde_json::Map<String, serde_json::Value>>,
    nodes: Option<Vec<[f64; 2]>>,
    edges: Option<Vec<RawEdge>>,
    #[serde(default)]
    passages: BTreeMap<String, Vec<i64>>,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "features_as_values")]
    features: Option<Vec<serde_json::Value>>,
}

fn features_as_values<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<serde_json::Value>>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<Vec<serde_json::Value>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of GeoJSON features")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(v) = seq.next_element()? {
                out.push(v);
            }
            Ok(Some(out))
        }
    }
    d.deserialize_seq(V)
}

struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, p: Problem) {
        if self.0.len() < MAX_REPORTED_PROBLEMS {
            self.0.push(p);
        }
    }
    fn finish<T>(self, ok: T) -> Result<T, NetgraphError> {
        if self.0.is_empty() {
            Ok(ok)
        } else {
            Err(NetgraphError::Invalid { problems: self.0 })
        }
    }
}

fn coord_ok(lat: f64, lon: f64) -> bool {
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

fn weight_ok(km: f64) -> bool {
    km.is_finite() && (0.0..=MAX_EDGE_KM).contains(&km)
}

impl PlainNetwork {
    /// Number of nodes.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Number of edges.
    #[must_use]
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Reads a network file: `netgraph-v1` (gzip or plain JSON) or a GeoJSON
    /// `FeatureCollection` of `LineString`s.
    ///
    /// # Errors
    /// [`NetgraphError::Io`] when the file cannot be read, and every error of
    /// [`PlainNetwork::from_slice`].
    pub fn from_path(path: impl AsRef<Path>, opts: &LoadOptions) -> Result<Self, NetgraphError> {
        let path = path.as_ref();
        let io = |source| NetgraphError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .map_err(io)?
            .take(opts.max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        Self::from_slice(&bytes, opts)
    }

    /// Parses a network from bytes (gzip detected by its magic bytes).
    ///
    /// # Errors
    /// [`NetgraphError::Gzip`], [`NetgraphError::Json`] (with line and column),
    /// [`NetgraphError::WrongFormat`], [`NetgraphError::MissingField`],
    /// [`NetgraphError::TooLarge`], and [`NetgraphError::Invalid`] listing
    /// every bad coordinate, node id, weight, self-loop and passage index.
    pub fn from_slice(bytes: &[u8], opts: &LoadOptions) -> Result<Self, NetgraphError> {
        check_bytes(bytes.len(), opts)?;
        if bytes.starts_with(&[0x1f, 0x8b]) {
            let cap = bytes
                .len()
                .saturating_mul(4)
                .min(usize::try_from(opts.max_bytes).unwrap_or(usize::MAX));
            let mut out = Vec::with_capacity(cap);
            flate2::read::MultiGzDecoder::new(bytes)
                .take(opts.max_bytes.saturating_add(1))
                .read_to_end(&mut out)
                .map_err(NetgraphError::Gzip)?;
            check_bytes(out.len(), opts)?;
            return Self::from_json(&out, opts);
        }
        Self::from_json(bytes, opts)
    }

    fn from_json(bytes: &[u8], opts: &LoadOptions) -> Result<Self, NetgraphError> {
        let raw: RawNetgraph =
            serde_json::from_slice(bytes).map_err(|e| NetgraphError::json(&e))?;
        if raw.kind.as_deref() == Some("FeatureCollection") && raw.meta.is_none() {
            return Self::from_geojson_features(raw.features.unwrap_or_default(), opts);
        }
        let meta = raw.meta.ok_or(NetgraphError::WrongFormat { found: None })?;
        let tag = meta
            .get("format")
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
        if tag.as_deref() != Some(NETGRAPH_FORMAT) {
            return Err(NetgraphError::WrongFormat { found: tag });
        }
        let nodes = raw
            .nodes
            .ok_or(NetgraphError::MissingField { field: "nodes" })?;
        let raw_edges = raw
            .edges
            .ok_or(NetgraphError::MissingField { field: "edges" })?;
        check_limits(nodes.len(), raw_edges.len(), opts)?;

        let mut problems = Problems(Vec::new());
        for (i, &[lat, lon]) in nodes.iter().enumerate() {
            if !coord_ok(lat, lon) {
                problems.push(Problem::BadCoordinate { node: i, lat, lon });
            }
        }
        let n = nodes.len();
        let id = |x: i64| usize::try_from(x).ok().filter(|&x| x < n);
        let mut edges = Vec::with_capacity(raw_edges.len());
        for (i, RawEdge(u, v, RawWeight(km))) in raw_edges.into_iter().enumerate() {
            let (iu, iv) = (id(u), id(v));
            for (raw_id, ok) in [(u, iu), (v, iv)] {
                if ok.is_none() {
                    problems.push(Problem::NodeOutOfRange {
                        edge: i,
                        node: raw_id,
                        node_count: n,
                    });
                }
            }
            if !weight_ok(km) {
                problems.push(Problem::BadWeight { edge: i, km });
            }
            if let (Some(iu), Some(iv)) = (iu, iv) {
                if iu == iv {
                    problems.push(Problem::SelfLoop { edge: i, node: iu });
                }
                // cannot fail: iu, iv < n <= max_nodes was checked against u32 in check_limits
                let (u32u, u32v) = (
                    u32::try_from(iu).unwrap_or(0),
                    u32::try_from(iv).unwrap_or(0),
                );
                edges.push(PlainEdge {
                    u: u32u,
                    v: u32v,
                    km,
                });
            }
        }
        let m = edges.len();
        let mut passages = BTreeMap::new();
        for (name, list) in raw.passages {
            let mut ids = Vec::with_capacity(list.len());
            for e in list {
                match u32::try_from(e).ok().filter(|&x| (x as usize) < m) {
                    Some(x) => ids.push(x),
                    None => problems.push(Problem::PassageEdgeOutOfRange {
                        passage: name.clone(),
                        edge: e,
                        edge_count: m,
                    }),
                }
            }
            ids.sort_unstable();
            ids.dedup();
            passages.insert(name, ids);
        }
        problems.finish(PlainNetwork {
            nodes,
            edges,
            passages,
            meta,
        })
    }

    /// Parses a GeoJSON `FeatureCollection` line network.
    ///
    /// Each `LineString` (or each part of a `MultiLineString`) is a chain of
    /// edges; vertices are shared between features by exact coordinate
    /// equality; edge weights are haversine km; repeated consecutive vertices
    /// are skipped. A string property `passage` puts the feature's edges into
    /// that passage. Features of other geometry types (e.g. `Point`) are
    /// ignored.
    ///
    /// # Errors
    /// As [`PlainNetwork::from_slice`]; bad features are
    /// [`Problem::BadFeature`] with the feature index.
    pub fn from_geojson_slice(bytes: &[u8], opts: &LoadOptions) -> Result<Self, NetgraphError> {
        check_bytes(bytes.len(), opts)?;
        let raw: RawNetgraph =
            serde_json::from_slice(bytes).map_err(|e| NetgraphError::json(&e))?;
        if raw.kind.as_deref() != Some("FeatureCollection") {
            return Err(NetgraphError::WrongFormat { found: raw.kind });
        }
        Self::from_geojson_features(raw.features.unwrap_or_default(), opts)
    }

    fn from_geojson_features(
        features: Vec<serde_json::Value>,
        opts: &LoadOptions,
    ) -> Result<Self, NetgraphError> {
        let mut problems = Problems(Vec::new());
        let mut index: HashMap<(u64, u64), u32> = HashMap::new();
        let mut net = PlainNetwork::default();
        for (fi, f) in features.iter().enumerate() {
            let Some(geom) = f.get("geometry").filter(|g| !g.is_null()) else {
                problems.push(Problem::BadFeature {
                    feature: fi,
                    reason: "no geometry".into(),
                });
                continue;
            };
            let coords = geom.get("coordinates");
            let parts: Vec<&serde_json::Value> = match geom.get("type").and_then(|t| t.as_str()) {
                Some("LineString") => coords.into_iter().collect(),
                Some("MultiLineString") => coords
                    .and_then(|c| c.as_array())
                    .map(|a| a.iter().collect())
                    .unwrap_or_default(),
                _ => continue,
            };
            let passage = f
                .get("properties")
                .and_then(|p| p.get("passage"))
                .and_then(|p| p.as_str())
                .filter(|p| !p.is_empty());
            for part in parts {
                let Some(points) = part.as_array() else {
                    problems.push(Problem::BadFeature {
                        feature: fi,
                        reason: "coordinates is not an array of positions".into(),
                    });
                    continue;
                };
                if points.len() < 2 {
                    problems.push(Problem::BadFeature {
                        feature: fi,
                        reason: format!(
                            "a line needs at least 2 positions, found {}",
                            points.len()
                        ),
                    });
                    continue;
                }
                let mut prev: Option<u32> = None;
                for (pi, p) in points.iter().enumerate() {
                    let pos = p
                        .as_array()
                        .and_then(|a| Some([a.first()?.as_f64()?, a.get(1)?.as_f64()?]));
                    let Some([lon, lat]) = pos else {
                        problems.push(Problem::BadFeature {
                            feature: fi,
                            reason: format!("position {pi} is not [lon, lat]"),
                        });
                        prev = None;
                        continue;
                    };
                    if !coord_ok(lat, lon) {
                        problems.push(Problem::BadFeature {
                            feature: fi,
                            reason: format!("position {pi} [{lon}, {lat}] out of range"),
                        });
                        prev = None;
                        continue;
                    }
                    let key = ((lon + 0.0).to_bits(), (lat + 0.0).to_bits());
                    let next_id = u32::try_from(net.nodes.len()).unwrap_or(u32::MAX);
                    let node = *index.entry(key).or_insert_with(|| {
                        net.nodes.push([lat, lon]);
                        next_id
                    });
                    if net.nodes.len() > opts.max_nodes {
                        return Err(NetgraphError::TooLarge {
                            limit: Limit::Nodes,
                            max: opts.max_nodes,
                            found: net.nodes.len(),
                        });
                    }
                    if let Some(u) = prev.filter(|&u| u != node) {
                        let km = haversine_km(net.nodes[u as usize], [lat, lon]);
                        if let Some(name) = passage {
                            let e = u32::try_from(net.edges.len()).unwrap_or(u32::MAX);
                            net.passages.entry(name.to_owned()).or_default().push(e);
                        }
                        net.edges.push(PlainEdge { u, v: node, km });
                        if net.edges.len() > opts.max_edges {
                            return Err(NetgraphError::TooLarge {
                                limit: Limit::Edges,
                                max: opts.max_edges,
                                found: net.edges.len(),
                            });
                        }
                    }
                    prev = Some(node);
                }
            }
        }
        check_limits(net.nodes.len(), net.edges.len(), opts)?;
        problems.finish(net)
    }
}

fn check_bytes(len: usize, opts: &LoadOptions) -> Result<(), NetgraphError> {
    if len as u64 > opts.max_bytes {
        return Err(NetgraphError::TooLarge {
            limit: Limit::Bytes,
            max: usize::try_from(opts.max_bytes).unwrap_or(usize::MAX),
            found: len,
        });
    }
    Ok(())
}

fn check_limits(nodes: usize, edges: usize, opts: &LoadOptions) -> Result<(), NetgraphError> {
    // Node and edge ids are stored as u32 downstream.
    let hard = u32::MAX as usize;
    let max_nodes = opts.max_nodes.min(hard);
    let max_edges = opts.max_edges.min(hard);
    if nodes > max_nodes {
        return Err(NetgraphError::TooLarge {
            limit: Limit::Nodes,
            max: max_nodes,
            found: nodes,
        });
    }
    if edges > max_edges {
        return Err(NetgraphError::TooLarge {
            limit: Limit::Edges,
            max: max_edges,
            found: edges,
        });
    }
    Ok(())
}

/// The result of snapping a coordinate to the network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snap {
    /// The nearest node (index).
    pub node: u32,
    /// Great-circle distance from the query point to that node (km).
    pub distance_km: f64,
}

type Indexed = GeomWithData<[f64; 3], u32>;

/// Nearest-node lookup over node coordinates (an `rstar` R-tree).
///
/// Points are indexed on the unit sphere in 3-D, where the Euclidean chord
/// grows monotonically with the great-circle distance, so the nearest node is
/// exact across the antimeridian and near the poles.
#[derive(Debug, Clone)]
pub struct NodeLocator {
    tree: RTree<Indexed>,
    coords: Vec<[f64; 2]>,
}

fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

impl NodeLocator {
    /// Builds the index (bulk load, O(n log n)) over `[lat, lon]` nodes.
    #[must_use]
    pub fn new(nodes: &[[f64; 2]]) -> Self {
        let items = nodes
            .iter()
            .zip(0u32..)
            .map(|(&[lat, lon], i)| Indexed::new(unit_vector(lat, lon), i))
            .collect();
        Self {
            tree: RTree::bulk_load(items),
            coords: nodes.to_vec(),
        }
    }

    /// The node nearest to (`lat`, `lon`) with its distance, or `None` when the
    /// network is empty or the coordinate is not finite.
    #[must_use]
    pub fn nearest(&self, lat: f64, lon: f64) -> Option<Snap> {
        if !(lat.is_finite() && lon.is_finite()) {
            return None;
        }
        let hit = self.tree.nearest_neighbor(&unit_vector(lat, lon))?;
        let node = hit.data;
        let distance_km = haversine_km([lat, lon], self.coords[node as usize]);
        Some(Snap { node, distance_km })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_quarter_meridian() {
        let d = haversine_km([0.0, 0.0], [90.0, 0.0]);
        assert!((d - EARTH_RADIUS_KM * std::f64::consts::FRAC_PI_2).abs() < 1e-9);
    }

    #[test]
    fn snap_across_antimeridian() {
        let loc = NodeLocator::new(&[[0.0, 179.9], [0.0, 170.0]]);
        let s = loc.nearest(0.0, -179.95).unwrap();
        assert_eq!(s.node, 0);
        assert!(s.distance_km < 20.0);
    }
}
