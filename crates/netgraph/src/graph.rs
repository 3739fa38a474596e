//! The compact search representation: CSR arrays with scaled integer
//! weights, node coordinates, passages and the derived search structures.

use std::collections::BTreeMap;

use crate::bound::GreatCircleBound;
use crate::bypass::ChainBypass;
use crate::csr::{self, CsrBuilder};
use crate::error::NetgraphError;
use crate::ids::{EdgeClosure, EdgeIdx, NodeIdx, km_to_units};
use crate::network::PlainNetwork;
use crate::sphere::unit_vector;

/// The arcs of an undirected graph in CSR form: each edge is two arcs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Csr {
    /// Per node `v`: its arcs are `first_out[v]..first_out[v + 1]`.
    pub(crate) first_out: Vec<u32>,
    /// Per arc: its head node.
    pub(crate) head: Vec<u32>,
    /// Per arc: its weight in units of 1e-9 km.
    pub(crate) weight: Vec<u64>,
    /// Per arc: its original edge.
    pub(crate) arc_edge: Vec<u32>,
}

impl Csr {
    /// Arcs out of `v`.
    #[inline]
    pub(crate) fn arcs(&self, v: usize) -> std::ops::Range<usize> {
        csr::row(&self.first_out, v)
    }

    /// Number of nodes.
    pub(crate) fn node_count(&self) -> usize {
        self.first_out.len().saturating_sub(1)
    }
}

/// A plain network in compressed sparse row form, built once for searching.
///
/// Each undirected edge is two arcs. Arrays: `first_out` (n + 1 offsets),
/// `head`, `weight` (integer units of 1e-9 km, see
/// [`UNITS_PER_KM`](crate::UNITS_PER_KM)) and `arc_edge` (the original edge
/// of each arc, for closures and paths). The graph also keeps node
/// coordinates (for A* and snapping), passages, an admissible great-circle
/// lower bound checked against every edge, and the degree-2 chain bypass
/// searched by A* and bidirectional Dijkstra.
#[derive(Debug, Clone, PartialEq)]
pub struct PlainGraph {
    pub(crate) coords: Vec<[f64; 2]>,
    pub(crate) csr: Csr,
    pub(crate) edge_count: u32,
    pub(crate) passages: BTreeMap<String, Vec<u32>>,
    pub(crate) bound: GreatCircleBound,
    /// Derived: unit vectors of the nodes (for the A* bound).
    pub(crate) unit: Vec<[f64; 3]>,
    /// Derived: the degree-2 chain bypass.
    pub(crate) bypass: ChainBypass,
}

impl PlainGraph {
    /// Builds the CSR representation of a validated network.
    ///
    /// # Errors
    /// [`NetgraphError::NodeOutOfRange`] if an edge refers to a missing node
    /// (impossible for a network from the loaders, which validate), and
    /// [`NetgraphError::IdOverflow`] beyond 32-bit node ids or 2^31 edges.
    ///
    /// # Complexity
    /// O(n + m) time and memory, plus the sort of the bypass nodes.
    pub fn from_network(net: &PlainNetwork) -> Result<Self, NetgraphError> {
        let n = net.nodes.len();
        let node_count = u32::try_from(n).map_err(|_| NetgraphError::IdOverflow {
            what: "nodes",
            found: n,
        })?;
        let m = net.edges.len();
        let edge_count = u32::try_from(m).ok().filter(|&m| m <= u32::MAX / 2).ok_or(
            NetgraphError::IdOverflow {
                what: "edges",
                found: m,
            },
        )?;
        for e in &net.edges {
            for x in [e.u, e.v] {
                if x >= node_count {
                    return Err(NetgraphError::NodeOutOfRange {
                        node: x,
                        node_count,
                    });
                }
            }
        }
        let mut b = CsrBuilder::new(
            n,
            net.edges.iter().flat_map(|e| [e.u as usize, e.v as usize]),
        );
        let arcs = b.len();
        let mut head = vec![0u32; arcs];
        let mut weight = vec![0u64; arcs];
        let mut arc_edge = vec![0u32; arcs];
        for (i, e) in (0u32..).zip(&net.edges) {
            let w = km_to_units(e.km);
            for (a, z) in [(e.u, e.v), (e.v, e.u)] {
                let p = b.slot(a as usize);
                head[p] = z;
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
        let csr = Csr {
            first_out: b.finish(),
            head,
            weight,
            arc_edge,
        };
        Ok(Self::assemble(
            net.nodes.clone(),
            csr,
            edge_count,
            net.passages.clone(),
            bound,
        ))
    }

    /// A graph from validated CSR arrays, with its derived structures.
    pub(crate) fn assemble(
        coords: Vec<[f64; 2]>,
        csr: Csr,
        edge_count: u32,
        passages: BTreeMap<String, Vec<u32>>,
        bound: GreatCircleBound,
    ) -> Self {
        let unit: Vec<[f64; 3]> = coords
            .iter()
            .map(|&[lat, lon]| unit_vector(lat, lon))
            .collect();
        let bypass = ChainBypass::build(&coords, &unit, &csr, edge_count);
        Self {
            coords,
            csr,
            edge_count,
            passages,
            bound,
            unit,
            bypass,
        }
    }

    /// Size of the chain bypass searched by A* and bidirectional Dijkstra:
    /// (kept nodes, chains).
    #[must_use]
    pub fn reduced_size(&self) -> (usize, usize) {
        (self.bypass.node_count(), self.bypass.chain_count())
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
    /// [`NetgraphError::NodeOutOfRange`].
    pub fn node(&self, index: u32) -> Result<NodeIdx, NetgraphError> {
        if (index as usize) < self.coords.len() {
            Ok(NodeIdx(index))
        } else {
            Err(NetgraphError::NodeOutOfRange {
                node: index,
                node_count: u32::try_from(self.coords.len()).unwrap_or(u32::MAX),
            })
        }
    }

    /// The index of `v`, checked against this graph.
    pub(crate) fn check(&self, v: NodeIdx) -> Result<usize, NetgraphError> {
        self.node(v.0).map(NodeIdx::index)
    }

    /// Names of the passages of this graph.
    pub fn passage_names(&self) -> impl Iterator<Item = &str> {
        self.passages.keys().map(String::as_str)
    }

    /// The closure of the named passages (every edge of each).
    ///
    /// # Errors
    /// [`NetgraphError::UnknownPassage`] for a name the network does not
    /// have: an avoided passage is never silently ignored.
    pub fn closure<S: AsRef<str>>(&self, passages: &[S]) -> Result<EdgeClosure, NetgraphError> {
        let mut c = EdgeClosure::new(self.edge_count());
        for name in passages {
            let name = name.as_ref();
            let edges = self
                .passages
                .get(name)
                .ok_or_else(|| NetgraphError::UnknownPassage {
                    name: name.to_owned(),
                    known: self.passages.keys().cloned().collect(),
                })?;
            for &e in edges {
                c.close(EdgeIdx(e));
            }
        }
        Ok(c)
    }
}
