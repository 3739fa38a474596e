//! Queries on a contraction hierarchy: point-to-point with stall-on-demand
//! and a core distance table, with exact closure fallbacks.

use crate::ch::ContractionHierarchy;
use crate::error::NetgraphError;
use crate::graph::PlainGraph;
use crate::ids::{Distance, EdgeClosure, NodeIdx};
use crate::labels::{ChLabels, HeapItem};
use crate::matrix::Buckets;
use crate::search::Searcher;

/// The upward arcs of a rank: (heads, weights).
type UpArcs<'a> = (&'a [u32], &'a [u64]);

impl ContractionHierarchy {
    /// The upward arcs of rank `u`: (heads, weights).
    #[inline]
    fn up_arcs(&self, u: usize) -> UpArcs<'_> {
        let arcs = self.up(u);
        (&self.up_head[arcs.clone()], &self.up_weight[arcs])
    }

    /// Stall on demand: whether a higher neighbour of `u` reached it shorter
    /// than `d`.
    #[inline]
    fn stalled(l: &ChLabels, (heads, weights): UpArcs<'_>, d: u64) -> bool {
        heads
            .iter()
            .zip(weights)
            .any(|(&x, &w)| l.dist_or_max(x as usize).saturating_add(w) < d)
    }

    /// Settles the next node of `l`'s upward search (exhaustive, with
    /// stall-on-demand) and relaxes its upward arcs; returns it with its
    /// distance, or `None` when the queue is empty. Stalled nodes are
    /// skipped.
    #[inline]
    fn upward_step(&self, l: &mut ChLabels) -> Option<(usize, u64)> {
        while let Some(HeapItem(d, u)) = l.heap.pop() {
            if d > l.dist_or_max(u as usize) {
                continue;
            }
            let arcs = self.up_arcs(u as usize);
            if Self::stalled(l, arcs, d) {
                continue;
            }
            for (&x, &w) in arcs.0.iter().zip(arcs.1) {
                let nd = d + w;
                if nd < l.dist_or_max(x as usize) {
                    l.set(x as usize, nd, u);
                    l.heap.push(HeapItem(nd, x));
                }
            }
            return Some((u as usize, d));
        }
        None
    }

    /// Pops `this`'s queue minimum and relaxes its upward arcs, pruning
    /// labels not below `best` and updating `best`/`meet` when a new label
    /// meets `other`'s search. Nodes at or above `core_start` are labelled
    /// but not queued.
    #[inline]
    fn relax_up(
        &self,
        this: &mut ChLabels,
        other: &ChLabels,
        core_start: u32,
        best: &mut u64,
        meet: &mut usize,
    ) {
        let Some(HeapItem(d, u)) = this.heap.pop() else {
            return;
        };
        if d > this.dist_or_max(u as usize) {
            return;
        }
        let arcs = self.up_arcs(u as usize);
        if Self::stalled(this, arcs, d) {
            return;
        }
        for (&x, &w) in arcs.0.iter().zip(arcs.1) {
            let nd = d + w;
            let xi = x as usize;
            if nd < *best && nd < this.dist_or_max(xi) {
                this.set(xi, nd, u);
                if x < core_start {
                    this.heap.push(HeapItem(nd, x));
                }
                let o = other.dist_or_max(xi);
                if o != u64::MAX && nd + o < *best {
                    *best = nd + o;
                    *meet = xi;
                }
            }
        }
    }

    /// Starts an upward search at original node `node`; returns its rank.
    fn start(&self, l: &mut ChLabels, node: usize) -> usize {
        let r = self.rank[node];
        l.start_at(r);
        r as usize
    }
}

/// Reusable query state for one [`ContractionHierarchy`] (one per thread).
#[derive(Debug, Clone)]
pub struct ChSearcher<'a> {
    ch: &'a ContractionHierarchy,
    fwd: ChLabels,
    bwd: ChLabels,
    fallback: Searcher<'a>,
    edges: Vec<u32>,
    /// First rank of the core: the highest nodes, whose pairwise distances
    /// are in `core`; upward searches stop at them.
    core_start: u32,
    core: Vec<u64>,
    core_b: Vec<(usize, u64)>,
}

/// Nodes in the core table: the `CORE_NODES` highest-ranked nodes, whose
/// pairwise distances a searcher computes on its first point-to-point query
/// (bucket many-to-many among them; 512 KB).
const CORE_NODES: usize = 256;

impl<'a> ChSearcher<'a> {
    /// Allocates query state (O(n) once; the first point-to-point query
    /// without a closure also builds a 256 × 256 distance table of the core,
    /// about 2 ms). `g` must be the graph `ch` was built from; it serves
    /// closure fallbacks.
    ///
    /// # Errors
    /// [`NetgraphError::HierarchyMismatch`] when the node counts differ.
    pub fn new(ch: &'a ContractionHierarchy, g: &'a PlainGraph) -> Result<Self, NetgraphError> {
        check_pair(ch, g)?;
        Ok(Self::new_unchecked(ch, g))
    }

    /// As [`ChSearcher::new`], for a pair already known to match.
    pub(crate) fn new_unchecked(ch: &'a ContractionHierarchy, g: &'a PlainGraph) -> Self {
        let n = ch.node_count();
        let k = CORE_NODES.min(n);
        Self {
            ch,
            fwd: ChLabels::new(n),
            bwd: ChLabels::new(n),
            fallback: Searcher::new(g),
            edges: Vec::new(),
            core_start: u32::try_from(n - k).unwrap_or(u32::MAX),
            core: Vec::new(),
            core_b: Vec::new(),
        }
    }

    /// Shortest distance from `s` to `t`: bidirectional upward search with
    /// stall-on-demand below the core (the highest-ranked nodes), then the
    /// best combination of the core nodes both sides reached through the
    /// core distance table. Every label and table entry is the length of a
    /// real path, and the highest node of a shortest path is either met below
    /// the core or lies in it, so the result is exact.
    ///
    /// Closures: the hierarchy is built without them. When `closure` is
    /// non-empty, the path found is unpacked into original edges; if it uses
    /// no closed edge it is also shortest with the closure (closing edges
    /// never shortens a path), otherwise the query falls back to an exact
    /// bidirectional Dijkstra that honours the closure. A closure is never
    /// ignored.
    ///
    /// # Errors
    /// [`NetgraphError::NodeOutOfRange`].
    ///
    /// # Complexity
    /// The two upward search spaces (typically hundreds of nodes on
    /// continental networks) plus a scan of the core nodes they reach; with
    /// a closure that the path crosses, a bidirectional Dijkstra.
    pub fn query(
        &mut self,
        s: NodeIdx,
        t: NodeIdx,
        closure: Option<&EdgeClosure>,
    ) -> Result<Option<Distance>, NetgraphError> {
        let g = self.fallback.graph();
        let (si, ti) = (g.check(s)?, g.check(t)?);
        let ch = self.ch;
        if closure.is_none_or(EdgeClosure::is_empty) && self.core.is_empty() {
            // Built on the first query that needs it, so searchers used only
            // for many-to-many never pay for it.
            self.build_core();
        }
        let (f, b) = (&mut self.fwd, &mut self.bwd);
        let rs = ch.start(f, si);
        let rt = ch.start(b, ti);
        let (mut best, mut meet) = if rs == rt { (0, rs) } else { (u64::MAX, 0) };
        // With a closure the path is unpacked from the parents, so the core
        // table (which has no paths) is not used: plain upward searches.
        let core_start = if closure.is_some_and(|c| !c.is_empty()) {
            u32::MAX
        } else {
            self.core_start
        };
        // Settle the side with the smaller queue minimum, below the core;
        // stop once both minima reach `best`. Meetings are detected when a
        // label is set.
        loop {
            let (tf, tb) = (f.top(), b.top());
            if tf.min(tb) >= best {
                break;
            }
            let (this, other) = if tf <= tb {
                (&mut *f, &*b)
            } else {
                (&mut *b, &*f)
            };
            ch.relax_up(this, other, core_start, &mut best, &mut meet);
        }
        if core_start != u32::MAX {
            // Paths whose highest node is in the core: through the core
            // nodes each side reached (labels are lengths of real paths).
            let c0 = core_start as usize;
            let k = ch.node_count() - c0;
            self.core_b.clear();
            for &y in &b.touched {
                let y = y as usize;
                if y >= c0 {
                    self.core_b.push((y - c0, b.dist[y]));
                }
            }
            for &x in &f.touched {
                let x = x as usize;
                let dx = f.dist[x];
                if x < c0 || dx >= best {
                    continue;
                }
                let row = &self.core[(x - c0) * k..(x - c0 + 1) * k];
                for &(j, dy) in &self.core_b {
                    let v = dx.saturating_add(row[j]).saturating_add(dy);
                    if v < best {
                        best = v;
                    }
                }
            }
        }
        if best == u64::MAX {
            return Ok(None);
        }
        if let Some(c) = closure.filter(|c| !c.is_empty()) {
            self.edges.clear();
            for l in [&*f, &*b] {
                let mut x = meet;
                while l.parent(x) as usize != x {
                    let p = l.parent(x);
                    #[allow(clippy::cast_possible_truncation)] // ranks fit u32
                    ch.unpack(p, x as u32, &mut self.edges);
                    x = p as usize;
                }
            }
            if c.any_closed(&self.edges) {
                return self.fallback.bidirectional(s, t, Some(c));
            }
        }
        Ok(Some(Distance::from_units(best)))
    }

    /// Distances between the core nodes (ranks `core_start..n`), row-major:
    /// bucket many-to-many among them (exact, like the matrices).
    fn build_core(&mut self) {
        let ch = self.ch;
        let (c0, n) = (self.core_start as usize, ch.node_count());
        let k = n - c0;
        let mut spaces = vec![Vec::new(); k];
        for (r, space) in (self.core_start..).zip(&mut spaces) {
            self.fwd.start_at(r);
            while let Some((u, d)) = ch.upward_step(&mut self.fwd) {
                #[allow(clippy::cast_possible_truncation)] // ranks fit u32
                space.push((u as u32, d));
            }
        }
        let buckets = Buckets::new(n, &spaces);
        let mut core = vec![u64::MAX; k * k];
        for (space, row) in spaces.iter().zip(core.chunks_exact_mut(k)) {
            buckets.scan(space, row);
        }
        self.core = core;
    }

    /// Upward search space of `node` (rank, distance) with stall-on-demand.
    pub(crate) fn upward_all(&mut self, node: usize, out: &mut Vec<(u32, u64)>) {
        out.clear();
        self.ch.start(&mut self.fwd, node);
        while let Some((u, d)) = self.ch.upward_step(&mut self.fwd) {
            #[allow(clippy::cast_possible_truncation)] // ranks fit u32
            out.push((u as u32, d));
        }
    }
}

/// Checks that a hierarchy was built for a graph of the same size.
pub(crate) fn check_pair(ch: &ContractionHierarchy, g: &PlainGraph) -> Result<(), NetgraphError> {
    if ch.node_count() == g.node_count() {
        Ok(())
    } else {
        Err(NetgraphError::HierarchyMismatch {
            graph_nodes: g.node_count(),
            hierarchy_nodes: ch.node_count(),
        })
    }
}
