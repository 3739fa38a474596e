//! The plain network and its `netgraph-v1` loader.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use crate::error::{Limit, NetgraphError, Problem};
use crate::io::{self, ReadOptions};

/// The value of `meta.format` that identifies the interchange format.
pub const NETGRAPH_FORMAT: &str = "netgraph-v1";

/// At most this many problems are collected in one
/// [`NetgraphError::Invalid`].
pub const MAX_REPORTED_PROBLEMS: usize = 100;

/// Default limit on nodes and on edges (50 million each).
pub const DEFAULT_MAX_ELEMENTS: usize = 50_000_000;

/// Default limit on the bytes of a network file, after gzip decompression
/// (4 GiB: room for [`DEFAULT_MAX_ELEMENTS`] nodes and edges as JSON).
pub const DEFAULT_MAX_BYTES: u64 = 4 << 30;

/// Largest accepted edge weight (km): longer than any route on Earth many
/// times over, small enough that scaled integer sums cannot overflow.
pub const MAX_EDGE_KM: f64 = 1.0e7;

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
///
/// Nodes are `[lat, lon]`, edges undirected and weighted in km, and
/// *passages* are named sets of edge indices (such as `suez`); there are no
/// terminals or modes. [`PlainGraph::from_network`](crate::PlainGraph::from_network)
/// turns it into the search representation.
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
    pub(crate) max_nodes: usize,
    pub(crate) max_edges: usize,
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
    /// The bounded read of a network file.
    pub(crate) fn read(&self) -> ReadOptions {
        ReadOptions::new(self.max_bytes)
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

/// Collects validation problems, keeping the first
/// [`MAX_REPORTED_PROBLEMS`].
pub(crate) struct Problems(Vec<Problem>);

impl Problems {
    pub(crate) fn new() -> Self {
        Self(Vec::new())
    }
    pub(crate) fn push(&mut self, p: Problem) {
        if self.0.len() < MAX_REPORTED_PROBLEMS {
            self.0.push(p);
        }
    }
    pub(crate) fn finish<T>(self, ok: T) -> Result<T, NetgraphError> {
        if self.0.is_empty() {
            Ok(ok)
        } else {
            Err(NetgraphError::Invalid { problems: self.0 })
        }
    }
}

/// Whether a coordinate is in range (lat in [-90, 90], lon in [-180, 180]).
pub(crate) fn coord_ok(lat: f64, lon: f64) -> bool {
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
        let bytes = io::read_path(path.as_ref(), opts.read())?;
        Self::from_json(&bytes, opts)
    }

    /// Parses a network from bytes (gzip detected by its magic bytes).
    ///
    /// # Errors
    /// [`NetgraphError::Gzip`], [`NetgraphError::Json`] (with line and column),
    /// [`NetgraphError::WrongFormat`], [`NetgraphError::MissingField`],
    /// [`NetgraphError::TooLarge`], and [`NetgraphError::Invalid`] listing
    /// every bad coordinate, node id, weight, self-loop and passage index.
    pub fn from_slice(bytes: &[u8], opts: &LoadOptions) -> Result<Self, NetgraphError> {
        let bytes = io::read_bytes(bytes, opts.read())?;
        Self::from_json(&bytes, opts)
    }

    /// Parses a GeoJSON `FeatureCollection` line network (plain JSON only).
    ///
    /// Each `LineString` (or each part of a `MultiLineString`) is a chain of
    /// edges; vertices are shared between features by exact coordinate
    /// equality; edge weights are great-circle km
    /// ([`sphere::great_circle_km`](crate::sphere::great_circle_km));
    /// repeated consecutive vertices are skipped. A string property
    /// `passage` puts the feature's edges into that passage. Features of
    /// other geometry types (e.g. `Point`) are ignored.
    ///
    /// # Errors
    /// As [`PlainNetwork::from_slice`]; bad features are
    /// [`Problem::BadFeature`] with the feature index.
    pub fn from_geojson_slice(bytes: &[u8], opts: &LoadOptions) -> Result<Self, NetgraphError> {
        let bytes = io::read_bytes(bytes, opts.read().gzip(false))?;
        let raw: RawNetgraph =
            serde_json::from_slice(&bytes).map_err(|e| NetgraphError::json(&e))?;
        if raw.kind.as_deref() != Some("FeatureCollection") {
            return Err(NetgraphError::WrongFormat { found: raw.kind });
        }
        Self::from_geojson_features(raw.features.unwrap_or_default(), opts)
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

        let mut problems = Problems::new();
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
}

/// Checks node and edge counts against the options and against 32-bit ids.
pub(crate) fn check_limits(
    nodes: usize,
    edges: usize,
    opts: &LoadOptions,
) -> Result<(), NetgraphError> {
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
