//! The compact search representation: CSR arrays with scaled integer weights.

use std::collections::BTreeMap;

use silkroute_core::netgraph::{PlainNetwork, haversine_km};

use super::LargeError;
use super::reduced::Reduced;

/// Weight units per km: weights are stored as integer micrometres
/// (1 unit = 1e-9 km), so every search sums exactly the same integers and
/// contraction hierarchies equal Dijkstra bit for bit. Rounding each edge to
/// 1e-9 km keeps distances within 1e-6 relative of an `f64` reference for any
/// path of fewer than a million edges longer than a metre.
pub const UNITS_PER_KM: f64 = 1.0e9;

/// Converts km to integer units (the weight is already validated finite,
/// non-negative and at most `MAX_EDGE_KM` by the loader).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub(crate) fn km_to_units(km: f64) -> u64 {
    (km * UNITS_PER_KM).round().max(0.0) as u64
}

/// A node of a [`LargeGraph`] (its index in the network file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeIdx(u32);

impl NodeIdx {
    /// Wraps a node index; it is checked against a graph when used.
    #[must_use]
    pub const fn new(index: u32) -> Self {
        Self(index)
    }
    /// The index as `u32`.
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }
    /// The index as `usize`.
    #[must_use]
    pub const fn index(self) -> usize {
        self.0 as usize
    }
}

/// An undirected edge of a [`LargeGraph`] (its index in the network file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdgeIdx(u32);

impl EdgeIdx {
    /// Wraps an edge index.
    #[must_use]
    pub const fn new(index: u32) -> Self {
        Self(index)
    }
    /// The index as `u32`.
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }
}

/// A shortest-path length, held exactly in integer units of 1e-9 km.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Distance(u64);

impl Distance {
    /// From integer units (1 unit = 1e-9 km).
    #[must_use]
    pub const fn from_units(units: u64) -> Self {
        Self(units)
    }
    /// Integer units (1 unit = 1e-9 km).
    #[must_use]
    pub const fn units(self) -> u64 {
        self.0
    }
    /// Kilometres.
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // exact below 2^53 units (9e6 km)
    pub fn km(self) -> f64 {
        self.0 as f64 / UNITS_PER_KM
    }
}

/// A set of closed edges (for example the edges of avoided passages).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EdgeClosure {
    bits: Vec<u64>,
    count: usize,
}

impl EdgeClosure {
    /// An empty closure for a graph of `edge_count` edges.
    #[must_use]
    pub fn new(edge_count: usize) -> Self {
        Self {
            bits: vec![0; edge_count.div_ceil(64)],
            count: 0,
        }
    }
    /// Closes one edge (indices past the graph are ignored by searches).
    pub fn close(&mut self, e: EdgeIdx) {
        let i = e.0 as usize;
        if i / 64 >= self.bits.len() {
            self.bits.resize(i / 64 + 1, 0);
        }
        let mask = 1u64 << (i % 64);
        if self.bits[i / 64] & mask == 0 {
            self.bits[i / 64] |= mask;
            self.count += 1;
        }
    }
    /// Whether `e` is closed.
    #[must_use]
    #[inline]
    pub fn is_closed(&self, e: EdgeIdx) -> bool {
        let i = e.0 as usize;
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }
    /// Number of closed edges.
    #[must_use]
    pub fn len(&self) -> usize {
        self.count
    }
    /// Whether no edge is closed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
    /// The closed edges, in increasing order.
    pub(crate) fn closed_edges(&self) -> impl Iterator<Item = u32> + '_ {
        (0u32..).zip(&self.bits).flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let b = w.trailing_zeros();
                    w &= w - 1;
                    i * 64 + b
                })
            })
        })
    }
}

/// A plain network in compressed sparse row form, built once for searching.
///
/// Each undirected edge is two arcs. Arrays: `first_out` (n + 1 offsets),
/// `head`, `weight` (integer units of 1e-9 km, see [`UNITS_PER_KM`]) and
/// `arc_edge` (the original edge of each arc, for closures and paths). The
/// graph also keeps node coordinates (for A* and snapping), passages, and an
/// admissible great-circle lower bound checked against every edge.
#[derive(Debug, Clone, PartialEq)]
pub struct LargeGraph {
    pub(crate) coords: Vec<[f64; 2]>,
    pub(crate) first_out: Vec<u32>,
    pub(crate) head: Vec<u32>,
    pub(crate) weight: Vec<u64>,
    pub(crate) arc_edge: Vec<u32>,
    pub(crate) edge_count: u32,
    pub(crate) passages: BTreeMap<String, Vec<u32>>,
    pub(crate) bound: GreatCircleBound,
    /// Derived: unit vectors of the nodes (for the A* bound).
    pub(crate) unit: Vec<[f64; 3]>,
    /// Derived: the degree-2 chain bypass searched by A*.
    pub(crate) reduced: Reduced,
}

pub(crate) fn unit_vectors(coords: &[[f64; 2]]) -> Vec<[f64; 3]> {
    coords
        .iter()
        .map(|&[lat, lon]| {
            let (la, lo) = (lat.to_radians(), lon.to_radians());
            [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
        })
        .collect()
}

/// A lower bound on path lengths: `factor * 1e9 * haversine_km - slack` units.
///
/// `factor` is the smallest ratio `weight / haversine` over the edges longer
/// than 10 m (at most 1, reduced by 1e-9 against rounding), and `slack` is the
/// sum, over all edges, of what `factor * haversine` exceeds the weight by (the
/// tiny or zero-length edges that rounding left shorter than their chord).
/// For any path P from v to t: `Σ w ≥ Σ (factor·hav(e) − δ_e) ≥
/// factor·hav(v, t) − slack`, so the bound is admissible by construction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GreatCircleBound {
    pub(crate) factor: f64,
    pub(crate) slack: u64,
}

impl GreatCircleBound {
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    fn compute(
        coords: &[[f64; 2]],
        edges: impl Iterator<Item = (usize, usize, u64)> + Clone,
    ) -> Self {
        let mut factor = 1.0f64;
        for (u, v, w) in edges.clone() {
            let h = haversine_km(coords[u], coords[v]);
            if h >= 0.01 {
                factor = factor.min(w as f64 / UNITS_PER_KM / h);
            }
        }
        let factor = (factor * (1.0 - 1e-9)).max(0.0);
        let mut slack = 0.0f64;
        for (u, v, w) in edges {
            let lb = factor * haversine_km(coords[u], coords[v]) * UNITS_PER_KM;
            slack += (lb - w as f64).max(0.0);
        }
        Self {
            factor,
            slack: slack.ceil() as u64 + 1,
        }
    }
}

impl LargeGraph {
    /// Builds the CSR representation of a validated network.
    ///
    /// # Errors
    /// [`LargeError::NodeOutOfRange`] if an edge refers to a missing node
    /// (impossible for a network from the `netgraph` loaders, which validate).
    ///
    /// # Complexity
    /// O(n + m) time and memory.
    pub fn from_network(net: &PlainNetwork) -> Result<Self, LargeError> {
        let n = net.nodes.len();
        let node_count = u32::try_from(n).map_err(|_| LargeError::TooLarge {
            what: "nodes",
            found: n,
        })?;
        let m = net.edges.len();
        let edge_count =
            u32::try_from(m)
                .ok()
                .filter(|&m| m <= u32::MAX / 2)
                .ok_or(LargeError::TooLarge {
                    what: "edges",
                    found: m,
                })?;
        for e in &net.edges {
            for x in [e.u, e.v] {
                if x >= node_count {
                    return Err(LargeError::NodeOutOfRange {
                        node: x,
                        node_count,
                    });
                }
            }
        }
        let mut deg = vec![0u32; n + 1];
        for e in &net.edges {
            deg[e.u as usize] += 1;
            deg[e.v as usize] += 1;
        }
        let mut first_out = vec![0u32; n + 1];
        for i in 0..n {
            first_out[i + 1] = first_out[i] + deg[i];
        }
        let arcs = 2 * m;
        let mut head = vec![0u32; arcs];
        let mut weight = vec![0u64; arcs];
        let mut arc_edge = vec![0u32; arcs];
        let mut pos = first_out.clone();
        for (i, e) in (0u32..).zip(&net.edges) {
            let w = km_to_units(e.km);
            for (a, b) in [(e.u, e.v), (e.v, e.u)] {
                let p = pos[a as usize] as usize;
                pos[a as usize] += 1;
                head[p] = b;
                weight[p] = w;
                arc_edge[p] = i;
            }
        }
        let bound = GreatCircleBound::compute(
            &net.nodes,
            net.edges
                .iter()
                .map(|e| (e.u as usize, e.v as usize, km_to_units(e.km))),
        );
        Ok(Self::assemble(
            net.nodes.clone(),
            first_out,
            head,
            weight,
            arc_edge,
            edge_count,
            net.passages.clone(),
            bound,
        ))
    }

    /// A graph from validated CSR arrays, with its derived structures.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn assemble(
        coords: Vec<[f64; 2]>,
        first_out: Vec<u32>,
        head: Vec<u32>,
        weight: Vec<u64>,
        arc_edge: Vec<u32>,
        edge_count: u32,
        passages: BTreeMap<String, Vec<u32>>,
        bound: GreatCircleBound,
    ) -> Self {
        let unit = unit_vectors(&coords);
        let reduced = Reduced::build(
            &coords, &unit, &first_out, &head, &weight, &arc_edge, edge_count,
        );
        Self {
            coords,
            first_out,
            head,
            weight,
            arc_edge,
            edge_count,
            passages,
            bound,
            unit,
            reduced,
        }
    }

    /// Size of the reduced graph searched by A*: (kept nodes, chains).
    #[must_use]
    pub fn reduced_size(&self) -> (usize, usize) {
        (self.reduced.node_count(), self.reduced.chain_count())
    }

    /// Number of nodes.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.coords.len()
    }

    /// Number of undirected edges.
    #[must_use]
    pub fn edge_count(&self) -> usize {
        self.edge_count as usize
    }

    /// Node coordinates `[lat, lon]`.
    #[must_use]
    pub fn coords(&self) -> &[[f64; 2]] {
        &self.coords
    }

    /// Checks a raw node index against this graph.
    ///
    /// # Errors
    /// [`LargeError::NodeOutOfRange`].
    pub fn node(&self, index: u32) -> Result<NodeIdx, LargeError> {
        if (index as usize) < self.coords.len() {
            Ok(NodeIdx(index))
        } else {
            Err(self.out_of_range(index))
        }
    }

    pub(crate) fn out_of_range(&self, node: u32) -> LargeError {
        LargeError::NodeOutOfRange {
            node,
            node_count: u32::try_from(self.coords.len()).unwrap_or(u32::MAX),
        }
    }

    pub(crate) fn check(&self, v: NodeIdx) -> Result<usize, LargeError> {
        self.node(v.0).map(NodeIdx::index)
    }

    /// Names of the passages of this graph.
    pub fn passage_names(&self) -> impl Iterator<Item = &str> {
        self.passages.keys().map(String::as_str)
    }

    /// The closure of the named passages (every edge of each).
    ///
    /// # Errors
    /// [`LargeError::UnknownPassage`] for a name the network does not have:
    /// an avoided passage is never silently ignored.
    pub fn closure<S: AsRef<str>>(&self, passages: &[S]) -> Result<EdgeClosure, LargeError> {
        let mut c = EdgeClosure::new(self.edge_count());
        for name in passages {
            let name = name.as_ref();
            let edges = self
                .passages
                .get(name)
                .ok_or_else(|| LargeError::UnknownPassage {
                    name: name.to_owned(),
                    known: self.passages.keys().cloned().collect(),
                })?;
            for &e in edges {
                c.close(EdgeIdx(e));
            }
        }
        Ok(c)
    }

    /// Arcs out of `v`: (head, weight units, original edge).
    #[inline]
    pub(crate) fn arcs(&self, v: usize) -> std::ops::Range<usize> {
        self.first_out[v] as usize..self.first_out[v + 1] as usize
    }
}
