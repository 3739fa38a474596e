//! Contraction hierarchies: preprocessing, point-to-point queries with
//! stall-on-demand, and bucket-based many-to-many.
//!
//! Reference: R. Geisberger, P. Sanders, D. Schultes, D. Delling,
//! "Contraction Hierarchies: Faster and Simpler Hierarchical Routing in Road
//! Networks", WEA 2008; S. Knopp et al., "Computing Many-to-Many Shortest
//! Paths Using Highway Hierarchies", ALENEX 2007 (buckets).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::LargeError;
use super::graph::{Distance, EdgeClosure, EdgeIdx, LargeGraph, NodeIdx};
use super::search::{Labels, Searcher};

/// How an arc of the hierarchy unpacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// An original edge (its index).
    Edge(u32),
    /// A shortcut through a lower node (its rank).
    Node(u32),
}

/// Parameters of contraction. Built with methods from `ChParams::default()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChParams {
    settle_limit: usize,
    hop_limit: u32,
    sim_settle_limit: usize,
    sim_hop_limit: u32,
    neighbor_update_max_degree: usize,
}

impl Default for ChParams {
    fn default() -> Self {
        Self {
            settle_limit: 500,
            hop_limit: 16,
            sim_settle_limit: 100,
            sim_hop_limit: 8,
            neighbor_update_max_degree: 6,
        }
    }
}

impl ChParams {
    /// Witness searches settle at most `n` nodes when contracting (default 500).
    #[must_use]
    pub fn settle_limit(mut self, n: usize) -> Self {
        self.settle_limit = n.max(1);
        self
    }
    /// Witness paths have at most `n` arcs when contracting (default 16).
    #[must_use]
    pub fn hop_limit(mut self, n: u32) -> Self {
        self.hop_limit = n.max(1);
        self
    }
    /// After a contraction, re-evaluate the priorities of neighbours of at
    /// most this degree at once (default 6); the others are re-evaluated
    /// lazily when they reach the top of the queue.
    #[must_use]
    pub fn neighbor_update_max_degree(mut self, d: usize) -> Self {
        self.neighbor_update_max_degree = d;
        self
    }
    /// Limits of the witness searches that estimate priorities
    /// (defaults 100 settled nodes, 8 hops).
    #[must_use]
    pub fn simulation_limits(mut self, settle: usize, hops: u32) -> Self {
        self.sim_settle_limit = settle.max(1);
        self.sim_hop_limit = hops.max(1);
        self
    }
}

/// A contraction hierarchy of a [`LargeGraph`].
///
/// Nodes are renumbered by rank (contraction order) so the upward graph is
/// one CSR array in rank order: the important nodes, which every query
/// touches, are stored together. Each undirected arc is stored once, at its
/// lower end.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractionHierarchy {
    pub(crate) rank: Vec<u32>,
    pub(crate) first_up: Vec<u32>,
    pub(crate) up_head: Vec<u32>,
    pub(crate) up_weight: Vec<u64>,
    pub(crate) up_via: Vec<Via>,
}

#[derive(Debug, Clone, Copy)]
struct Nbr {
    node: u32,
    w: u64,
    via: Via,
}

fn add_or_improve(list: &mut Vec<Nbr>, node: u32, w: u64, via: Via) {
    if let Some(x) = list.iter_mut().find(|x| x.node == node) {
        if w < x.w {
            x.w = w;
            x.via = via;
        }
    } else {
        list.push(Nbr { node, w, via });
    }
}

struct Witness {
    labels: Labels,
}

impl Witness {
    /// Dijkstra from `src` in the remaining graph avoiding `skip`, limited by
    /// distance, settled nodes and hops. Labels are lengths of real paths.
    fn run(
        &mut self,
        adj: &[Vec<Nbr>],
        src: u32,
        skip: u32,
        targets: &[Nbr],
        max_dist: u64,
        limits: (usize, u32),
    ) {
        let l = &mut self.labels;
        l.start();
        l.set(src as usize, 0, 0);
        l.heap.push(Reverse((0, src)));
        let (settle, hops) = limits;
        let mut settled = 0usize;
        let mut remaining = targets.len();
        while let Some(Reverse((d, u))) = l.heap.pop() {
            let u = u as usize;
            if d > l.dist_or_max(u) {
                continue;
            }
            if d > max_dist || settled >= settle {
                break;
            }
            settled += 1;
            // Once every target is settled their labels are final.
            if targets.iter().any(|t| t.node as usize == u) {
                remaining -= 1;
                if remaining == 0 {
                    break;
                }
            }
            let h = l.parent(u) + 1; // the parent slot holds the hop count here
            if h > hops {
                continue;
            }
            for x in &adj[u] {
                if x.node == skip {
                    continue;
                }
                let nd = d + x.w;
                if nd <= max_dist && nd < l.dist_or_max(x.node as usize) {
                    l.set(x.node as usize, nd, h);
                    l.heap.push(Reverse((nd, x.node)));
                }
            }
        }
    }
}

/// Shortcuts needed to contract `v`: (u, w, weight).
fn shortcuts(
    adj: &[Vec<Nbr>],
    v: u32,
    ws: &mut Witness,
    settle: usize,
    hops: u32,
    out: &mut Vec<(u32, u32, u64)>,
) {
    out.clear();
    let nb = &adj[v as usize];
    for i in 0..nb.len() {
        let (u, wu) = (nb[i].node, nb[i].w);
        let Some(max_w) = nb[i + 1..].iter().map(|x| x.w).max() else {
            continue;
        };
        ws.run(adj, u, v, &nb[i + 1..], wu + max_w, (settle, hops));
        for x in &nb[i + 1..] {
            let sc = wu + x.w;
            if ws.labels.dist_or_max(x.node as usize) > sc {
                out.push((u, x.node, sc));
            }
        }
    }
}

fn priority(adj: &[Vec<Nbr>], deleted: &[u32], v: u32, shortcut_count: usize) -> i64 {
    let degree = adj[v as usize].len() as i64;
    #[allow(clippy::cast_possible_wrap)]
    let sc = shortcut_count as i64;
    2 * (sc - degree) + i64::from(deleted[v as usize])
}

impl ContractionHierarchy {
    /// Contracts every node of `g`: node ordering by edge difference plus
    /// deleted neighbours (lazy updates when a node reaches the top of the
    /// queue, and immediate updates of low-degree neighbours after each
    /// contraction), witness searches with settle and hop limits that stop
    /// once every target is settled.
    ///
    /// Limits only ever add shortcuts (a shortcut is skipped only when a
    /// witness path of at most its length was actually found), so queries are
    /// exact whatever the parameters.
    ///
    /// # Complexity
    /// Depends on the network; seconds for 300 000 nodes of rail or sea.
    #[must_use]
    pub fn build(g: &LargeGraph, params: &ChParams) -> Self {
        let n = g.node_count();
        let mut adj: Vec<Vec<Nbr>> = vec![Vec::new(); n];
        for (u, list) in adj.iter_mut().enumerate() {
            for a in g.arcs(u) {
                let v = g.head[a];
                if v as usize != u {
                    add_or_improve(list, v, g.weight[a], Via::Edge(g.arc_edge[a]));
                }
            }
        }
        let mut ws = Witness {
            labels: Labels::new(n),
        };
        let mut deleted = vec![0u32; n];
        let mut prio = vec![0i64; n];
        let mut heap = BinaryHeap::with_capacity(n);
        let mut buf = Vec::new();
        for (v32, p) in (0u32..).zip(prio.iter_mut()) {
            shortcuts(
                &adj,
                v32,
                &mut ws,
                params.sim_settle_limit,
                params.sim_hop_limit,
                &mut buf,
            );
            *p = priority(&adj, &deleted, v32, buf.len());
            heap.push(Reverse((*p, v32)));
        }
        let mut rank = vec![u32::MAX; n];
        let mut up: Vec<Vec<Nbr>> = vec![Vec::new(); n];
        let mut next_rank = 0u32;
        while let Some(Reverse((p, v))) = heap.pop() {
            let vi = v as usize;
            if rank[vi] != u32::MAX || p != prio[vi] {
                continue;
            }
            // Lazy update: the key may be stale; re-evaluate and requeue if
            // the node is no longer the minimum.
            shortcuts(
                &adj,
                v,
                &mut ws,
                params.sim_settle_limit,
                params.sim_hop_limit,
                &mut buf,
            );
            let np = priority(&adj, &deleted, v, buf.len());
            if np > p && heap.peek().is_some_and(|Reverse((top, _))| np > *top) {
                prio[vi] = np;
                heap.push(Reverse((np, v)));
                continue;
            }
            shortcuts(
                &adj,
                v,
                &mut ws,
                params.settle_limit,
                params.hop_limit,
                &mut buf,
            );
            rank[vi] = next_rank;
            next_rank += 1;
            let nbrs = std::mem::take(&mut adj[vi]);
            for x in &nbrs {
                let list = &mut adj[x.node as usize];
                if let Some(pos) = list.iter().position(|y| y.node == v) {
                    list.swap_remove(pos);
                }
                deleted[x.node as usize] += 1;
            }
            for &(a, b, w) in &buf {
                add_or_improve(&mut adj[a as usize], b, w, Via::Node(v));
                add_or_improve(&mut adj[b as usize], a, w, Via::Node(v));
            }
            for x in &nbrs {
                let u = x.node;
                if adj[u as usize].len() > params.neighbor_update_max_degree {
                    continue;
                }
                shortcuts(
                    &adj,
                    u,
                    &mut ws,
                    params.sim_settle_limit,
                    params.sim_hop_limit,
                    &mut buf,
                );
                let np = priority(&adj, &deleted, u, buf.len());
                if np != prio[u as usize] {
                    prio[u as usize] = np;
                    heap.push(Reverse((np, u)));
                }
            }
            up[vi] = nbrs;
        }
        // Flatten into rank order.
        let mut node_of = vec![0u32; n];
        for (v, &r) in rank.iter().enumerate() {
            node_of[r as usize] = v as u32;
        }
        let mut first_up = Vec::with_capacity(n + 1);
        first_up.push(0u32);
        let total: usize = up.iter().map(Vec::len).sum();
        let (mut up_head, mut up_weight, mut up_via) = (
            Vec::with_capacity(total),
            Vec::with_capacity(total),
            Vec::with_capacity(total),
        );
        for &v in &node_of {
            let mut list = std::mem::take(&mut up[v as usize]);
            list.sort_unstable_by_key(|x| rank[x.node as usize]);
            for x in list {
                up_head.push(rank[x.node as usize]);
                up_weight.push(x.w);
                up_via.push(match x.via {
                    Via::Edge(e) => Via::Edge(e),
                    Via::Node(m) => Via::Node(rank[m as usize]),
                });
            }
            first_up.push(u32::try_from(up_head.len()).unwrap_or(u32::MAX));
        }
        Self {
            rank,
            first_up,
            up_head,
            up_weight,
            up_via,
        }
    }

    /// Number of nodes.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.rank.len()
    }

    /// Number of arcs of the hierarchy (original edges plus shortcuts).
    #[must_use]
    pub fn arc_count(&self) -> usize {
        self.up_head.len()
    }

    #[inline]
    fn up(&self, r: usize) -> std::ops::Range<usize> {
        self.first_up[r] as usize..self.first_up[r + 1] as usize
    }

    /// Settles `l`'s queue upward with stall-on-demand; calls `visit` for
    /// every settled, non-stalled node. `bound`: stop once the queue minimum
    /// reaches it (exhaustive with `u64::MAX`).
    #[inline]
    fn upward_step(&self, l: &mut ChLabels) -> Option<(usize, u64)> {
        while let Some(HeapItem(d, u)) = l.heap.pop() {
            let u = u as usize;
            if d > l.dist_or_max(u) {
                continue;
            }
            let arcs = self.up(u);
            // Stall on demand: a higher neighbour reached this node shorter.
            if arcs.clone().any(|a| {
                l.dist_or_max(self.up_head[a] as usize)
                    .saturating_add(self.up_weight[a])
                    < d
            }) {
                continue;
            }
            for a in arcs {
                let x = self.up_head[a] as usize;
                let nd = d + self.up_weight[a];
                if nd < l.dist_or_max(x) {
                    l.set(x, nd, u as u32);
                    l.heap.push(HeapItem(nd, x as u32));
                }
            }
            return Some((u, d));
        }
        None
    }

    /// Pops `this`'s queue minimum and relaxes its upward arcs, pruning
    /// labels not below `best` and updating `best`/`meet` when a new label
    /// meets `other`'s search.
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
        let ui = u as usize;
        if d > this.dist_or_max(ui) {
            return;
        }
        let arcs = self.up(ui);
        let heads = &self.up_head[arcs.clone()];
        let weights = &self.up_weight[arcs];
        // Stall on demand: a higher neighbour reached this node shorter.
        if heads
            .iter()
            .zip(weights)
            .any(|(&x, &w)| this.dist_or_max(x as usize).saturating_add(w) < d)
        {
            return;
        }
        for (&x, &w) in heads.iter().zip(weights) {
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

    fn start(&self, l: &mut ChLabels, node: usize) -> usize {
        self.start_rank(l, self.rank[node] as usize)
    }

    fn start_rank(&self, l: &mut ChLabels, r: usize) -> usize {
        l.start();
        l.set(r, 0, r as u32);
        l.heap.push(HeapItem(0, r as u32));
        r
    }

    /// Collects the original edges of the arc between ranks `lo` < `hi`.
    fn unpack(&self, lo: u32, hi: u32, out: &mut Vec<u32>) {
        let mut stack = vec![(lo, hi)];
        while let Some((a, b)) = stack.pop() {
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            let Some(i) = self.up(a as usize).find(|&i| self.up_head[i] == b) else {
                continue; // cannot happen: every shortcut's halves exist
            };
            match self.up_via[i] {
                Via::Edge(e) => out.push(e),
                Via::Node(m) => {
                    stack.push((m, a));
                    stack.push((m, b));
                }
            }
        }
    }
}

/// A queue entry (distance, rank), ordered by distance only, reversed so
/// that [`BinaryHeap`] pops the minimum.
#[derive(Debug, Clone, Copy)]
struct HeapItem(u64, u32);

impl PartialEq for HeapItem {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for HeapItem {}
impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapItem {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.cmp(&self.0)
    }
}

/// Labels of one upward search: plain distance and parent arrays (no
/// generation stamps, so a lookup is one load) reset through the list of
/// touched nodes, which is O(search space) per query.
#[derive(Debug, Clone)]
struct ChLabels {
    dist: Vec<u64>,
    parent: Vec<u32>,
    touched: Vec<u32>,
    heap: BinaryHeap<HeapItem>,
}

impl ChLabels {
    fn new(n: usize) -> Self {
        Self {
            dist: vec![u64::MAX; n],
            parent: vec![0; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn start(&mut self) {
        for &v in &self.touched {
            self.dist[v as usize] = u64::MAX;
        }
        self.touched.clear();
        self.heap.clear();
    }

    #[inline]
    fn dist_or_max(&self, v: usize) -> u64 {
        self.dist[v]
    }

    #[inline]
    fn set(&mut self, v: usize, d: u64, parent: u32) {
        if self.dist[v] == u64::MAX {
            self.touched.push(v as u32);
        }
        self.dist[v] = d;
        self.parent[v] = parent;
    }

    #[inline]
    fn parent(&self, v: usize) -> u32 {
        self.parent[v]
    }

    #[inline]
    fn top(&self) -> u64 {
        self.heap.peek().map_or(u64::MAX, |x| x.0)
    }
}

/// A sorted bucket entry: (target column, distance to it).
type Bucket = (u32, u64);

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
    /// without a closure also builds a 128 × 128 distance table of the core,
    /// about 1 ms). `g` must be the graph `ch` was built from; it serves
    /// closure fallbacks.
    ///
    /// # Errors
    /// [`LargeError::HierarchyMismatch`] when the node counts differ.
    pub fn new(ch: &'a ContractionHierarchy, g: &'a LargeGraph) -> Result<Self, LargeError> {
        if ch.node_count() != g.node_count() {
            return Err(LargeError::HierarchyMismatch {
                graph_nodes: g.node_count(),
                hierarchy_nodes: ch.node_count(),
            });
        }
        Ok(Self::new_unchecked(ch, g))
    }

    /// As [`ChSearcher::new`], for a pair already known to match.
    pub(crate) fn new_unchecked(ch: &'a ContractionHierarchy, g: &'a LargeGraph) -> Self {
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
    /// [`LargeError::NodeOutOfRange`].
    pub fn query(
        &mut self,
        s: NodeIdx,
        t: NodeIdx,
        closure: Option<&EdgeClosure>,
    ) -> Result<Option<Distance>, LargeError> {
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
                    ch.unpack(p, x as u32, &mut self.edges);
                    x = p as usize;
                }
            }
            if self.edges.iter().any(|&e| c.is_closed(EdgeIdx::new(e))) {
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
        for (r, space) in (c0..n).zip(&mut spaces) {
            ch.start_rank(&mut self.fwd, r);
            while let Some((u, d)) = ch.upward_step(&mut self.fwd) {
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
            out.push((u as u32, d));
        }
    }
}

/// Target-side buckets of a many-to-many query.
pub(crate) struct Buckets {
    first: Vec<u32>,
    entries: Vec<Bucket>,
}

impl Buckets {
    /// Builds buckets from the upward search spaces of the targets
    /// (`spaces[j]` = (rank, distance) pairs of target column `j`).
    pub(crate) fn new(n: usize, spaces: &[Vec<(u32, u64)>]) -> Self {
        let mut first = vec![0u32; n + 1];
        for s in spaces {
            for &(r, _) in s {
                first[r as usize + 1] += 1;
            }
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut pos = first.clone();
        let mut entries = vec![(0u32, 0u64); first[n] as usize];
        for (j, s) in (0u32..).zip(spaces) {
            for &(r, d) in s {
                let p = &mut pos[r as usize];
                entries[*p as usize] = (j, d);
                *p += 1;
            }
        }
        Self { first, entries }
    }

    /// Fills one matrix row from a source's upward search space.
    pub(crate) fn scan(&self, space: &[(u32, u64)], row: &mut [u64]) {
        row.fill(u64::MAX);
        for &(r, d) in space {
            let r = r as usize;
            for &(j, dt) in &self.entries[self.first[r] as usize..self.first[r + 1] as usize] {
                let v = d + dt;
                if v < row[j as usize] {
                    row[j as usize] = v;
                }
            }
        }
    }
}
