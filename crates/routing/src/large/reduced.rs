//! Degree-2 chain bypass: the search graph of the unpreprocessed A*.
//!
//! Most nodes of a railway network lie inside chains (degree 2, one track in
//! and one out). The reduced graph keeps the other nodes (degree ≠ 2, a
//! self-loop, or one arbitrary node of each isolated cycle) and replaces every
//! chain by one undirected edge carrying the exact sum of its integer
//! weights, as scgraph's `reduce` does. Kept nodes are renumbered along a
//! Hilbert curve on (lon, lat) so that nodes near each other on the map are
//! near each other in memory (labels, arcs, unit vectors).
//!
//! Queries stay exact:
//! - an endpoint inside a chain attaches to the chain's two ends with the
//!   partial sums (a side containing a closed edge is not attached);
//! - two endpoints inside the same chain also get the direct distance along
//!   the chain (when no closed edge lies between them);
//! - a chain containing a closed edge is cut as a whole (its arc is skipped).
//!
//! Every shortest path either stays inside one chain or leaves the chain of
//! its source through a chain end, crosses whole chains between kept nodes,
//! and enters the chain of its target through a chain end; the reduced
//! search covers exactly these walks.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use silkroute_core::netgraph::EARTH_RADIUS_KM;

use super::graph::{EdgeClosure, EdgeIdx, GreatCircleBound, UNITS_PER_KM};
use super::search::Labels;

/// No id.
pub(crate) const NONE: u32 = u32::MAX;

/// One arc of the reduced graph, packed so a relaxation touches one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RArc {
    pub(crate) head: u32,
    pub(crate) chain: u32,
    pub(crate) weight: u64,
}

/// The reduced graph (derived from the CSR arrays of a [`super::LargeGraph`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reduced {
    /// Per original node: its reduced id when kept, else [`NONE`].
    rid: Vec<u32>,
    /// Per original node: its chain when interior, else [`NONE`].
    chain_of: Vec<u32>,
    /// Per original node: its index among the interior nodes of its chain.
    pos: Vec<u32>,
    /// Per original node: its distance from the chain's `a` end.
    off: Vec<u64>,
    /// Per chain: reduced ids of its ends, its length and its edges (in order
    /// from `a` to `b`, as offsets into `chain_edges`).
    chain_a: Vec<u32>,
    chain_b: Vec<u32>,
    chain_len: Vec<u64>,
    chain_first_edge: Vec<u32>,
    chain_edges: Vec<u32>,
    /// Per original edge: its chain.
    edge_chain: Vec<u32>,
    /// CSR of the reduced graph.
    first_out: Vec<u32>,
    arcs: Vec<RArc>,
    /// Unit vectors of the kept nodes (reduced order), for the A* bound.
    unit: Vec<[f64; 3]>,
}

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

struct Builder<'a> {
    first_out: &'a [u32],
    head: &'a [u32],
    weight: &'a [u64],
    arc_edge: &'a [u32],
    kept: Vec<bool>,
    chain_of: Vec<u32>,
    pos: Vec<u32>,
    off: Vec<u64>,
    chain_a: Vec<u32>,
    chain_b: Vec<u32>,
    chain_len: Vec<u64>,
    chain_first_edge: Vec<u32>,
    chain_edges: Vec<u32>,
    edge_chain: Vec<u32>,
}

impl Builder<'_> {
    #[allow(clippy::cast_possible_truncation)] // counts fit u32: chains ≤ edges
    fn walk(&mut self, u: usize, a0: usize) {
        let c = self.chain_a.len() as u32;
        let mut e = self.arc_edge[a0];
        let mut cur = self.head[a0] as usize;
        let mut len = self.weight[a0];
        self.edge_chain[e as usize] = c;
        self.chain_edges.push(e);
        let mut i = 0u32;
        while !self.kept[cur] {
            self.chain_of[cur] = c;
            self.pos[cur] = i;
            self.off[cur] = len;
            i += 1;
            // Degree exactly 2 and no self-loop: leave by the other edge.
            let a1 = self.first_out[cur] as usize;
            let next = if self.arc_edge[a1] == e { a1 + 1 } else { a1 };
            e = self.arc_edge[next];
            cur = self.head[next] as usize;
            len = len.saturating_add(self.weight[next]);
            self.edge_chain[e as usize] = c;
            self.chain_edges.push(e);
        }
        self.chain_a.push(u as u32);
        self.chain_b.push(cur as u32);
        self.chain_len.push(len);
        self.chain_first_edge.push(self.chain_edges.len() as u32);
    }

    fn walk_all(&mut self, u: usize) {
        for a in self.first_out[u] as usize..self.first_out[u + 1] as usize {
            if self.edge_chain[self.arc_edge[a] as usize] == NONE {
                self.walk(u, a);
            }
        }
    }
}

/// The two ways an endpoint joins the reduced graph: (reduced node, distance);
/// [`NONE`] for a missing side.
type Attach = [(u32, u64); 2];

impl Reduced {
    /// Builds the reduced graph of a CSR graph. O(n + m) plus the sort of the
    /// kept nodes.
    #[allow(clippy::cast_possible_truncation)] // ids fit u32: checked by the graph
    pub(crate) fn build(
        coords: &[[f64; 2]],
        unit: &[[f64; 3]],
        first_out: &[u32],
        head: &[u32],
        weight: &[u64],
        arc_edge: &[u32],
        edge_count: u32,
    ) -> Self {
        let n = coords.len();
        let kept = (0..n)
            .map(|v| {
                let r = first_out[v] as usize..first_out[v + 1] as usize;
                r.len() != 2 || r.into_iter().any(|a| head[a] as usize == v)
            })
            .collect();
        let mut b = Builder {
            first_out,
            head,
            weight,
            arc_edge,
            kept,
            chain_of: vec![NONE; n],
            pos: vec![0; n],
            off: vec![0; n],
            chain_a: Vec::new(),
            chain_b: Vec::new(),
            chain_len: Vec::new(),
            chain_first_edge: vec![0],
            chain_edges: Vec::with_capacity(edge_count as usize),
            edge_chain: vec![NONE; edge_count as usize],
        };
        for u in 0..n {
            if b.kept[u] {
                b.walk_all(u);
            }
        }
        // What is left are isolated cycles of degree-2 nodes: keep one node
        // of each.
        for u in 0..n {
            if !b.kept[u] && b.chain_of[u] == NONE {
                b.kept[u] = true;
                b.walk_all(u);
            }
        }
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
            .filter(|&v| b.kept[v])
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
        let nr = order.len();
        let chain_a: Vec<u32> = b.chain_a.iter().map(|&v| rid[v as usize]).collect();
        let chain_b: Vec<u32> = b.chain_b.iter().map(|&v| rid[v as usize]).collect();
        let mut deg = vec![0u32; nr + 1];
        for (&x, &y) in chain_a.iter().zip(&chain_b) {
            if x != y {
                deg[x as usize] += 1;
                deg[y as usize] += 1;
            }
        }
        let mut first = vec![0u32; nr + 1];
        for i in 0..nr {
            first[i + 1] = first[i] + deg[i];
        }
        let mut fill = first.clone();
        let blank = RArc {
            head: 0,
            chain: 0,
            weight: 0,
        };
        let mut arcs = vec![blank; first[nr] as usize];
        for (c, ((&x, &y), &w)) in chain_a.iter().zip(&chain_b).zip(&b.chain_len).enumerate() {
            if x == y {
                continue; // a loop never shortens a path
            }
            for (p, q) in [(x, y), (y, x)] {
                let i = fill[p as usize] as usize;
                fill[p as usize] += 1;
                arcs[i] = RArc {
                    head: q,
                    chain: c as u32,
                    weight: w,
                };
            }
        }
        // Within a node, cheapest arcs first (no effect on results).
        for i in 0..nr {
            arcs[first[i] as usize..first[i + 1] as usize].sort_unstable_by_key(|a| a.weight);
        }
        Self {
            unit: order.iter().map(|&(_, v)| unit[v as usize]).collect(),
            rid,
            chain_of: b.chain_of,
            pos: b.pos,
            off: b.off,
            chain_a,
            chain_b,
            chain_len: b.chain_len,
            chain_first_edge: b.chain_first_edge,
            chain_edges: b.chain_edges,
            edge_chain: b.edge_chain,
            first_out: first,
            arcs,
        }
    }

    /// Number of kept nodes.
    pub(crate) fn node_count(&self) -> usize {
        self.unit.len()
    }

    /// Number of chains (undirected reduced edges, loops included).
    pub(crate) fn chain_count(&self) -> usize {
        self.chain_a.len()
    }

    fn edges_of(&self, c: usize) -> &[u32] {
        &self.chain_edges[self.chain_first_edge[c] as usize..self.chain_first_edge[c + 1] as usize]
    }

    fn attach(&self, v: usize, closure: Option<&EdgeClosure>) -> Attach {
        let r = self.rid[v];
        if r != NONE {
            return [(r, 0), (NONE, 0)];
        }
        let c = self.chain_of[v] as usize;
        let p = self.pos[v] as usize;
        let edges = self.edges_of(c);
        let open = |es: &[u32]| {
            closure.is_none_or(|cl| !es.iter().any(|&e| cl.is_closed(EdgeIdx::new(e))))
        };
        let a = if open(&edges[..=p]) {
            self.chain_a[c]
        } else {
            NONE
        };
        let b = if open(&edges[p + 1..]) {
            self.chain_b[c]
        } else {
            NONE
        };
        [(a, self.off[v]), (b, self.chain_len[c] - self.off[v])]
    }

    /// Distance along one chain between two interior nodes of it, when no
    /// closed edge lies between them.
    fn direct(&self, s: usize, t: usize, closure: Option<&EdgeClosure>) -> u64 {
        let c = self.chain_of[s];
        if c == NONE || c != self.chain_of[t] {
            return u64::MAX;
        }
        let (ps, pt) = (self.pos[s] as usize, self.pos[t] as usize);
        let (lo, hi) = (ps.min(pt), ps.max(pt));
        let between = &self.edges_of(c as usize)[lo + 1..=hi];
        if closure.is_some_and(|cl| between.iter().any(|&e| cl.is_closed(EdgeIdx::new(e)))) {
            return u64::MAX;
        }
        self.off[s].abs_diff(self.off[t])
    }

    /// Marks the chains holding a closed edge in `bits` (one bit per chain).
    fn cut_chains(&self, closure: &EdgeClosure, bits: &mut Vec<u64>) {
        bits.clear();
        bits.resize(self.chain_count().div_ceil(64), 0);
        for e in closure.closed_edges() {
            if let Some(&c) = self.edge_chain.get(e as usize) {
                bits[c as usize / 64] |= 1u64 << (c % 64);
            }
        }
    }
}

/// Search state of the reduced A* (part of a [`super::Searcher`]).
#[derive(Debug, Clone)]
pub(crate) struct ReducedState {
    labels: Labels,
    back: Labels,
    heap: BinaryHeap<Reverse<(u64, u64, u32)>>,
    cut: Vec<u64>,
}

impl ReducedState {
    pub(crate) fn new(r: &Reduced) -> Self {
        Self {
            labels: Labels::new(r.node_count() + 1),
            back: Labels::new(r.node_count()),
            heap: BinaryHeap::new(),
            cut: Vec::new(),
        }
    }
}

/// A* from original node `s` to original node `t` on the reduced graph.
/// `t_unit` is the unit vector of `t`. Exact: see the module notes.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]
pub(crate) fn astar(
    r: &Reduced,
    bound: GreatCircleBound,
    st: &mut ReducedState,
    s: usize,
    t: usize,
    t_unit: [f64; 3],
    closure: Option<&EdgeClosure>,
) -> Option<u64> {
    if s == t {
        return Some(0);
    }
    let closure = closure.filter(|c| !c.is_empty());
    let cut: Option<&[u64]> = match closure {
        Some(c) => {
            r.cut_chains(c, &mut st.cut);
            Some(&st.cut)
        }
        None => None,
    };
    let direct = r.direct(s, t, closure);
    let sources = r.attach(s, closure);
    let targets = r.attach(t, closure);
    let goal = r.node_count() as u32;
    let scale = 2.0 * EARTH_RADIUS_KM * UNITS_PER_KM * bound.factor;
    let slack = bound.slack as f64;
    let h = |v: usize| -> u64 {
        let p = r.unit[v];
        let (dx, dy, dz) = (p[0] - t_unit[0], p[1] - t_unit[1], p[2] - t_unit[2]);
        let chord = (dx * dx + dy * dy + dz * dz).sqrt();
        let lb = scale * (chord / 2.0).min(1.0).asin() - slack;
        if lb > 0.0 { lb as u64 } else { 0 }
    };
    let l = &mut st.labels;
    let heap = &mut st.heap;
    l.start();
    heap.clear();
    for (v, d) in sources {
        if v != NONE && d < l.dist_or_max(v as usize) {
            l.set(v as usize, d, NONE);
            heap.push(Reverse((d.saturating_add(h(v as usize)), d, v)));
        }
    }
    while let Some(Reverse((f, d, u))) = heap.pop() {
        // Every remaining walk is at least f long.
        if f >= direct {
            break;
        }
        if u == goal {
            return Some(d);
        }
        let u = u as usize;
        if d > l.dist_or_max(u) {
            continue;
        }
        for (v, tail) in targets {
            if v as usize == u {
                let nd = d + tail;
                if nd < l.dist_or_max(goal as usize) {
                    l.set(goal as usize, nd, u as u32);
                    heap.push(Reverse((nd, nd, goal)));
                }
            }
        }
        for a in &r.arcs[r.first_out[u] as usize..r.first_out[u + 1] as usize] {
            if cut.is_some_and(|bits| bits[a.chain as usize / 64] & (1u64 << (a.chain % 64)) != 0) {
                continue;
            }
            let v = a.head as usize;
            let nd = d + a.weight;
            if nd < l.dist_or_max(v) {
                l.set(v, nd, u as u32);
                heap.push(Reverse((nd.saturating_add(h(v)), nd, a.head)));
            }
        }
    }
    (direct != u64::MAX).then_some(direct)
}

/// Bidirectional Dijkstra from `s` to `t` on the reduced graph: the forward
/// search starts from the attachments of `s`, the backward one from those of
/// `t` (the graph is undirected); the side with the smaller queue advances,
/// and the search stops when the sum of the queue minima reaches the best
/// meeting. Exact: see the module notes.
pub(crate) fn bidirectional(
    r: &Reduced,
    st: &mut ReducedState,
    s: usize,
    t: usize,
    closure: Option<&EdgeClosure>,
) -> Option<u64> {
    if s == t {
        return Some(0);
    }
    let closure = closure.filter(|c| !c.is_empty());
    let cut: Option<&[u64]> = match closure {
        Some(c) => {
            r.cut_chains(c, &mut st.cut);
            Some(&st.cut)
        }
        None => None,
    };
    let mut best = r.direct(s, t, closure);
    let (f, b) = (&mut st.labels, &mut st.back);
    f.start();
    b.start();
    for (l, seeds) in [
        (&mut *f, r.attach(s, closure)),
        (&mut *b, r.attach(t, closure)),
    ] {
        for (v, d) in seeds {
            if v != NONE && d < l.dist_or_max(v as usize) {
                l.set(v as usize, d, NONE);
                l.heap.push(Reverse((d, v)));
            }
        }
    }
    // A node seeded on both sides is a meeting already.
    for (v, _) in r.attach(s, closure) {
        if v != NONE {
            let (x, y) = (f.dist_or_max(v as usize), b.dist_or_max(v as usize));
            if y != u64::MAX {
                best = best.min(x + y);
            }
        }
    }
    loop {
        let (ft, bt) = (f.top(), b.top());
        if ft == u64::MAX || bt == u64::MAX || ft.saturating_add(bt) >= best {
            break;
        }
        let (this, other) = if f.heap.len() <= b.heap.len() {
            (&mut *f, &*b)
        } else {
            (&mut *b, &*f)
        };
        let Some(Reverse((d, u))) = this.heap.pop() else {
            break;
        };
        let u = u as usize;
        if d > this.dist_or_max(u) {
            continue;
        }
        for a in &r.arcs[r.first_out[u] as usize..r.first_out[u + 1] as usize] {
            if cut.is_some_and(|bits| bits[a.chain as usize / 64] & (1u64 << (a.chain % 64)) != 0) {
                continue;
            }
            let v = a.head as usize;
            let nd = d + a.weight;
            if nd < this.dist_or_max(v) {
                #[allow(clippy::cast_possible_truncation)] // reduced ids fit u32
                this.set(v, nd, u as u32);
                this.heap.push(Reverse((nd, a.head)));
                let o = other.dist_or_max(v);
                if o != u64::MAX {
                    best = best.min(nd + o);
                }
            }
        }
    }
    (best != u64::MAX).then_some(best)
}
