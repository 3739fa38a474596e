//! Contraction hierarchies: the hierarchy and its preprocessing.
//!
//! Reference: R. Geisberger, P. Sanders, D. Schultes, D. Delling,
//! "Contraction Hierarchies: Faster and Simpler Hierarchical Routing in Road
//! Networks", WEA 2008.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::csr;
use crate::graph::PlainGraph;
use crate::labels::Labels;

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

/// A contraction hierarchy of a [`PlainGraph`].
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

/// Limits of one witness search: settled nodes, hops.
type WitnessLimits = (usize, u32);

/// Dijkstra from `src` in the remaining graph avoiding `skip`, limited by
/// distance, settled nodes and hops. Labels are lengths of real paths; the
/// parent slot of a label holds its hop count.
fn witness(
    l: &mut Labels,
    adj: &[Vec<Nbr>],
    src: u32,
    skip: u32,
    targets: &[Nbr],
    max_dist: u64,
    (settle, hops): WitnessLimits,
) {
    l.start_at(src);
    let mut settled = 0usize;
    let mut remaining = targets.len();
    while let Some((u, d)) = l.pop() {
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
        let h = l.parent(u) + 1;
        if h > hops {
            continue;
        }
        for x in &adj[u] {
            let nd = d + x.w;
            if x.node != skip && nd <= max_dist {
                l.improve(x.node as usize, nd, h);
            }
        }
    }
}

/// The state of a contraction in progress.
struct Contraction<'p> {
    adj: Vec<Vec<Nbr>>,
    deleted: Vec<u32>,
    labels: Labels,
    /// Shortcuts found by the last [`Contraction::shortcuts`]: (u, w, weight).
    buf: Vec<(u32, u32, u64)>,
    params: &'p ChParams,
}

impl Contraction<'_> {
    /// Shortcuts needed to contract `v` (into `buf`).
    fn shortcuts(&mut self, v: u32, limits: WitnessLimits) {
        self.buf.clear();
        let nb = &self.adj[v as usize];
        for i in 0..nb.len() {
            let (u, wu) = (nb[i].node, nb[i].w);
            let Some(max_w) = nb[i + 1..].iter().map(|x| x.w).max() else {
                continue;
            };
            let rest = &nb[i + 1..];
            witness(&mut self.labels, &self.adj, u, v, rest, wu + max_w, limits);
            for x in rest {
                let sc = wu + x.w;
                if self.labels.dist_or_max(x.node as usize) > sc {
                    self.buf.push((u, x.node, sc));
                }
            }
        }
    }

    /// The priority of `v` (edge difference plus deleted neighbours), from a
    /// simulated contraction with the simulation limits.
    fn priority(&mut self, v: u32) -> i64 {
        let p = self.params;
        self.shortcuts(v, (p.sim_settle_limit, p.sim_hop_limit));
        let degree = self.adj[v as usize].len() as i64;
        #[allow(clippy::cast_possible_wrap)]
        let sc = self.buf.len() as i64;
        2 * (sc - degree) + i64::from(self.deleted[v as usize])
    }

    /// Contracts `v` with the shortcuts in `buf`; returns its neighbours.
    fn contract(&mut self, v: u32) -> Vec<Nbr> {
        let nbrs = std::mem::take(&mut self.adj[v as usize]);
        for x in &nbrs {
            let list = &mut self.adj[x.node as usize];
            if let Some(pos) = list.iter().position(|y| y.node == v) {
                list.swap_remove(pos);
            }
            self.deleted[x.node as usize] += 1;
        }
        for &(a, b, w) in &self.buf {
            add_or_improve(&mut self.adj[a as usize], b, w, Via::Node(v));
            add_or_improve(&mut self.adj[b as usize], a, w, Via::Node(v));
        }
        nbrs
    }
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
    pub fn build(g: &PlainGraph, params: &ChParams) -> Self {
        let n = g.node_count();
        let mut adj: Vec<Vec<Nbr>> = vec![Vec::new(); n];
        for (u, list) in adj.iter_mut().enumerate() {
            for a in g.csr.arcs(u) {
                let v = g.csr.head[a];
                if v as usize != u {
                    add_or_improve(list, v, g.csr.weight[a], Via::Edge(g.csr.arc_edge[a]));
                }
            }
        }
        let mut c = Contraction {
            adj,
            deleted: vec![0u32; n],
            labels: Labels::new(n),
            buf: Vec::new(),
            params,
        };
        let mut prio = vec![0i64; n];
        let mut heap = BinaryHeap::with_capacity(n);
        for (v, p) in (0u32..).zip(prio.iter_mut()) {
            *p = c.priority(v);
            heap.push(Reverse((*p, v)));
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
            let np = c.priority(v);
            if np > p && heap.peek().is_some_and(|Reverse((top, _))| np > *top) {
                prio[vi] = np;
                heap.push(Reverse((np, v)));
                continue;
            }
            c.shortcuts(v, (params.settle_limit, params.hop_limit));
            rank[vi] = next_rank;
            next_rank += 1;
            let nbrs = c.contract(v);
            for x in &nbrs {
                let u = x.node;
                if c.adj[u as usize].len() > params.neighbor_update_max_degree {
                    continue;
                }
                let np = c.priority(u);
                if np != prio[u as usize] {
                    prio[u as usize] = np;
                    heap.push(Reverse((np, u)));
                }
            }
            up[vi] = nbrs;
        }
        Self::flatten(&rank, up)
    }

    /// The upward graph in rank order from per-node upward neighbour lists.
    #[allow(clippy::cast_possible_truncation)] // node ids fit u32
    fn flatten(rank: &[u32], mut up: Vec<Vec<Nbr>>) -> Self {
        let n = rank.len();
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
            rank: rank.to_vec(),
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

    /// Upward arcs of rank `r`.
    #[inline]
    pub(crate) fn up(&self, r: usize) -> std::ops::Range<usize> {
        csr::row(&self.first_up, r)
    }

    /// Collects the original edges of the arc between ranks `lo` < `hi`.
    pub(crate) fn unpack(&self, lo: u32, hi: u32, out: &mut Vec<u32>) {
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
