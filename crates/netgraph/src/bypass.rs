//! Degree-2 chain bypass: the search graph of A* and bidirectional Dijkstra.
//!
//! Most nodes of a railway network lie inside chains (degree 2, one track in
//! and one out). The bypass keeps the other nodes (degree ≠ 2, a self-loop,
//! or one arbitrary node of each isolated cycle) and replaces every chain by
//! one undirected edge carrying the exact sum of its integer weights, as
//! scgraph's `reduce` does. Kept nodes are renumbered along a Hilbert curve
//! on (lon, lat) so that nodes near each other on the map are near each
//! other in memory (labels, arcs, unit vectors).
//!
//! This module is data only; the searches on it are in `search`. They stay
//! exact:
//! - an endpoint inside a chain attaches to the chain's two ends with the
//!   partial sums (a side containing a closed edge is not attached);
//! - two endpoints inside the same chain also get the direct distance along
//!   the chain (when no closed edge lies between them);
//! - a chain containing a closed edge is cut as a whole (its arc is skipped).
//!
//! Every shortest path either stays inside one chain or leaves the chain of
//! its source through a chain end, crosses whole chains between kept nodes,
//! and enters the chain of its target through a chain end; the bypass
//! searches cover exactly these walks.

use crate::csr::{self, CsrBuilder};
use crate::graph::Csr;
use crate::ids::{BitSet, EdgeClosure};

/// No id.
pub(crate) const NONE: u32 = u32::MAX;

/// One arc of the bypass, packed so a relaxation touches one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BypassArc {
    pub(crate) head: u32,
    pub(crate) chain: u32,
    pub(crate) weight: u64,
}

/// The chains of a graph and where each interior node lies on its chain.
#[derive(Debug, Clone, PartialEq, Default)]
struct Chains {
    /// Per original node: its chain when interior, else [`NONE`].
    chain_of: Vec<u32>,
    /// Per original node: its index among the interior nodes of its chain.
    pos: Vec<u32>,
    /// Per original node: its distance from the chain's `a` end.
    off: Vec<u64>,
    /// Per chain: its ends (original ids while building, bypass ids after),
    /// its length and its edges (in order from `a` to `b`, as offsets into
    /// `edges`).
    a: Vec<u32>,
    b: Vec<u32>,
    len: Vec<u64>,
    first_edge: Vec<u32>,
    edges: Vec<u32>,
    /// Per original edge: its chain.
    edge_chain: Vec<u32>,
}

/// The bypass graph (derived from the CSR arrays of a
/// [`PlainGraph`](crate::PlainGraph)).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChainBypass {
    /// Per original node: its bypass id when kept, else [`NONE`].
    rid: Vec<u32>,
    chains: Chains,
    /// CSR of the bypass graph.
    first_out: Vec<u32>,
    arcs: Vec<BypassArc>,
    /// Unit vectors of the kept nodes (bypass order), for the A* bound.
    unit: Vec<[f64; 3]>,
}

/// The two ways an endpoint joins the bypass: (bypass node, distance);
/// [`NONE`] for a missing side.
pub(crate) type Attach = [(u32, u64); 2];

/// Position of a point on a Hilbert curve over a 2^16 × 2^16 grid.
fn hilbert(mut x: u32, mut y: u32) -> u64 {
    const N: u32 = 1 << 16;
    let mut d = 0u64;
    let mut s = N / 2;
    while s > 0 {
        let rx = u32::from(x & s > 0);
        let ry = u32::from(y & s > 0);
        d += u64::from(s) * u64::from(s) * u64::from((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                x = N - 1 - x;
                y = N - 1 - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    d
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn grid(v: f64, lo: f64, span: f64) -> u32 {
    let t = ((v - lo) / span).clamp(0.0, 1.0);
    (t * 65535.0) as u32
}

/// Walks the chains of a CSR graph.
struct Walker<'a> {
    g: &'a Csr,
    kept: Vec<bool>,
    chains: Chains,
}

impl Walker<'_> {
    #[allow(clippy::cast_possible_truncation)] // counts fit u32: chains ≤ edges
    fn walk(&mut self, u: usize, a0: usize) {
        let (g, ch) = (self.g, &mut self.chains);
        let c = ch.a.len() as u32;
        let mut e = g.arc_edge[a0];
        let mut cur = g.head[a0] as usize;
        let mut len = g.weight[a0];
        ch.edge_chain[e as usize] = c;
        ch.edges.push(e);
        let mut i = 0u32;
        while !self.kept[cur] {
            ch.chain_of[cur] = c;
            ch.pos[cur] = i;
            ch.off[cur] = len;
            i += 1;
            // Degree exactly 2 and no self-loop: leave by the other edge.
            let a1 = g.first_out[cur] as usize;
            let next = if g.arc_edge[a1] == e { a1 + 1 } else { a1 };
            e = g.arc_edge[next];
            cur = g.head[next] as usize;
            len = len.saturating_add(g.weight[next]);
            ch.edge_chain[e as usize] = c;
            ch.edges.push(e);
        }
        ch.a.push(u as u32);
        ch.b.push(cur as u32);
        ch.len.push(len);
        ch.first_edge.push(ch.edges.len() as u32);
    }

    fn walk_all(&mut self, u: usize) {
        for a in self.g.arcs(u) {
            if self.chains.edge_chain[self.g.arc_edge[a] as usize] == NONE {
                self.walk(u, a);
            }
        }
    }
}

impl ChainBypass {
    /// Builds the bypass of a CSR graph. O(n + m) plus the sort of the kept
    /// nodes.
    #[allow(clippy::cast_possible_truncation)] // ids fit u32: checked by the graph
    pub(crate) fn build(coords: &[[f64; 2]], unit: &[[f64; 3]], g: &Csr, edge_count: u32) -> Self {
        let n = g.node_count();
        let kept = (0..n)
            .map(|v| {
                let r = g.arcs(v);
                r.len() != 2 || r.into_iter().any(|a| g.head[a] as usize == v)
            })
            .collect();
        let mut w = Walker {
            g,
            kept,
            chains: Chains {
                chain_of: vec![NONE; n],
                pos: vec![0; n],
                off: vec![0; n],
                first_edge: vec![0],
                edges: Vec::with_capacity(edge_count as usize),
                edge_chain: vec![NONE; edge_count as usize],
                ..Chains::default()
            },
        };
        for u in 0..n {
            if w.kept[u] {
                w.walk_all(u);
            }
        }
        // What is left are isolated cycles of degree-2 nodes: keep one node
        // of each.
        for u in 0..n {
            if !w.kept[u] && w.chains.chain_of[u] == NONE {
                w.kept[u] = true;
                w.walk_all(u);
            }
        }
        let Walker {
            kept, mut chains, ..
        } = w;
        // Hilbert order of the kept nodes.
        let (mut lat0, mut lat1, mut lon0, mut lon1) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
        for &[lat, lon] in coords {
            lat0 = lat0.min(lat);
            lat1 = lat1.max(lat);
            lon0 = lon0.min(lon);
            lon1 = lon1.max(lon);
        }
        let (lat_span, lon_span) = ((lat1 - lat0).max(1e-9), (lon1 - lon0).max(1e-9));
        let mut order: Vec<(u64, u32)> = (0..n)
            .filter(|&v| kept[v])
            .map(|v| {
                let [lat, lon] = coords[v];
                (
                    hilbert(grid(lon, lon0, lon_span), grid(lat, lat0, lat_span)),
                    v as u32,
                )
            })
            .collect();
        order.sort_unstable();
        let mut rid = vec![NONE; n];
        for (i, &(_, v)) in order.iter().enumerate() {
            rid[v as usize] = i as u32;
        }
        for x in chains.a.iter_mut().chain(chains.b.iter_mut()) {
            *x = rid[*x as usize];
        }
        let nr = order.len();
        let proper = || {
            chains
                .a
                .iter()
                .zip(&chains.b)
                .zip(&chains.len)
                .enumerate()
                .filter(|(_, ((x, y), _))| x != y) // a loop never shortens a path
        };
        let mut b = CsrBuilder::new(
            nr,
            proper().flat_map(|(_, ((&x, &y), _))| [x as usize, y as usize]),
        );
        let blank = BypassArc {
            head: 0,
            chain: 0,
            weight: 0,
        };
        let mut arcs = vec![blank; b.len()];
        for (c, ((&x, &y), &w)) in proper() {
            for (p, q) in [(x, y), (y, x)] {
                arcs[b.slot(p as usize)] = BypassArc {
                    head: q,
                    chain: c as u32,
                    weight: w,
                };
            }
        }
        let first_out = b.finish();
        // Within a node, cheapest arcs first (no effect on results).
        for i in 0..nr {
            arcs[csr::row(&first_out, i)].sort_unstable_by_key(|a| a.weight);
        }
        Self {
            unit: order.iter().map(|&(_, v)| unit[v as usize]).collect(),
            rid,
            chains,
            first_out,
            arcs,
        }
    }

    /// Number of kept nodes.
    pub(crate) fn node_count(&self) -> usize {
        self.unit.len()
    }

    /// Number of chains (undirected bypass edges, loops included).
    pub(crate) fn chain_count(&self) -> usize {
        self.chains.a.len()
    }

    /// Arcs out of kept node `u` (bypass id).
    #[inline]
    pub(crate) fn arcs(&self, u: usize) -> &[BypassArc] {
        &self.arcs[csr::row(&self.first_out, u)]
    }

    /// Unit vector of kept node `u` (bypass id).
    #[inline]
    pub(crate) fn unit(&self, u: usize) -> [f64; 3] {
        self.unit[u]
    }

    fn edges_of(&self, c: usize) -> &[u32] {
        &self.chains.edges[csr::row(&self.chains.first_edge, c)]
    }

    /// How original node `v` joins the bypass under `closure`.
    pub(crate) fn attach(&self, v: usize, closure: Option<&EdgeClosure>) -> Attach {
        let r = self.rid[v];
        if r != NONE {
            return [(r, 0), (NONE, 0)];
        }
        let ch = &self.chains;
        let c = ch.chain_of[v] as usize;
        let p = ch.pos[v] as usize;
        let edges = self.edges_of(c);
        let open = |es: &[u32]| closure.is_none_or(|cl| !cl.any_closed(es));
        let a = if open(&edges[..=p]) { ch.a[c] } else { NONE };
        let b = if open(&edges[p + 1..]) { ch.b[c] } else { NONE };
        [(a, ch.off[v]), (b, ch.len[c] - ch.off[v])]
    }

    /// Distance along one chain between two interior nodes of it, when no
    /// closed edge lies between them (else `u64::MAX`).
    pub(crate) fn direct(&self, s: usize, t: usize, closure: Option<&EdgeClosure>) -> u64 {
        let ch = &self.chains;
        let c = ch.chain_of[s];
        if c == NONE || c != ch.chain_of[t] {
            return u64::MAX;
        }
        let (ps, pt) = (ch.pos[s] as usize, ch.pos[t] as usize);
        let (lo, hi) = (ps.min(pt), ps.max(pt));
        let between = &self.edges_of(c as usize)[lo + 1..=hi];
        if closure.is_some_and(|cl| cl.any_closed(between)) {
            return u64::MAX;
        }
        ch.off[s].abs_diff(ch.off[t])
    }

    /// Puts the chains holding a closed edge in `cut`.
    pub(crate) fn cut_chains(&self, closure: &EdgeClosure, cut: &mut BitSet) {
        cut.reset(self.chain_count());
        for e in closure.closed_edges() {
            if let Some(&c) = self.chains.edge_chain.get(e as usize) {
                cut.insert(c as usize);
            }
        }
    }
}
