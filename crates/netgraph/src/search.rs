//! Point-to-point searches without preprocessing: Dijkstra on the full
//! graph, and bidirectional Dijkstra and A* on the degree-2 chain bypass.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::bypass::{BypassArc, ChainBypass, NONE};
use crate::error::NetgraphError;
use crate::graph::{Csr, PlainGraph};
use crate::ids::{BitSet, Distance, EdgeClosure, NodeIdx, is_open};
use crate::labels::Labels;

/// Search state on the chain bypass.
#[derive(Debug, Clone)]
struct BypassState {
    /// Forward labels (one extra slot: the A* goal).
    labels: Labels,
    /// Backward labels of the bidirectional search.
    back: Labels,
    /// The A* queue: (estimate, distance, node).
    heap: BinaryHeap<Reverse<(u64, u64, u32)>>,
    /// Chains cut by the current closure.
    cut: BitSet,
}

/// Reusable state for searches on one [`PlainGraph`]: create one per thread
/// and run any number of queries; no per-query O(n) reset.
#[derive(Debug, Clone)]
pub struct Searcher<'g> {
    g: &'g PlainGraph,
    fwd: Labels,
    bwd: Labels,
    bypass: BypassState,
}

impl<'g> Searcher<'g> {
    /// Allocates search state for `g` (O(n) once).
    #[must_use]
    pub fn new(g: &'g PlainGraph) -> Self {
        let n = g.node_count();
        let r = g.bypass.node_count();
        Self {
            g,
            fwd: Labels::new(n),
            bwd: Labels::new(n),
            bypass: BypassState {
                labels: Labels::new(r + 1),
                back: Labels::new(r),
                heap: BinaryHeap::new(),
                cut: BitSet::default(),
            },
        }
    }

    /// The graph searched.
    #[must_use]
    pub fn graph(&self) -> &'g PlainGraph {
        self.g
    }

    /// Dijkstra's algorithm from `s`, stopping when `t` is settled.
    ///
    /// # Arguments
    /// `closure`: edges that may not be used (`None`: all open).
    ///
    /// # Returns
    /// The shortest distance, or `None` when `t` is unreachable.
    ///
    /// # Errors
    /// [`NetgraphError::NodeOutOfRange`].
    ///
    /// # Complexity
    /// O((n + m) log n).
    pub fn dijkstra(
        &mut self,
        s: NodeIdx,
        t: NodeIdx,
        closure: Option<&EdgeClosure>,
    ) -> Result<Option<Distance>, NetgraphError> {
        let (s, t) = (self.g.check(s)?, self.g.check(t)?);
        let mut found = None;
        settle_until(&self.g.csr, &mut self.fwd, s, closure, |u, d| {
            let at = u == t;
            if at {
                found = Some(Distance::from_units(d));
            }
            at
        });
        Ok(found)
    }

    /// Distances from `s` to each of `targets` (one Dijkstra, stopped when the
    /// last target is settled).
    ///
    /// # Errors
    /// [`NetgraphError::NodeOutOfRange`] for `s` or any target.
    ///
    /// # Complexity
    /// O((n + m) log n).
    pub fn one_to_many(
        &mut self,
        s: NodeIdx,
        targets: &[NodeIdx],
        closure: Option<&EdgeClosure>,
    ) -> Result<Vec<Option<Distance>>, NetgraphError> {
        let s = self.g.check(s)?;
        // The backward labels mark the targets still to be settled (0) and
        // those settled (1).
        let pending = &mut self.bwd;
        pending.start();
        let mut remaining = 0usize;
        for &t in targets {
            let t = self.g.check(t)?;
            if pending.get(t).is_none() {
                pending.set(t, 0, 0);
                remaining += 1;
            }
        }
        settle_until(&self.g.csr, &mut self.fwd, s, closure, |u, _| {
            if pending.get(u) == Some(0) {
                pending.set(u, 1, 0);
                remaining -= 1;
            }
            remaining == 0
        });
        // Settled targets hold final labels; unsettled ones are unreachable.
        let out = targets
            .iter()
            .map(|t| match pending.get(t.index()) {
                Some(1) => self.fwd.get(t.index()).map(Distance::from_units),
                _ => None,
            })
            .collect();
        Ok(out)
    }

    /// Bidirectional Dijkstra on the degree-2 chain bypass (see
    /// [`Searcher::astar`]): searches from `s` and `t`, the side with the
    /// smaller queue advancing, stopped when the sum of the two queue minima
    /// reaches the best meeting.
    ///
    /// # Errors
    /// [`NetgraphError::NodeOutOfRange`].
    ///
    /// # Complexity
    /// O((n + m) log n); in practice about half of Dijkstra's search space.
    pub fn bidirectional(
        &mut self,
        s: NodeIdx,
        t: NodeIdx,
        closure: Option<&EdgeClosure>,
    ) -> Result<Option<Distance>, NetgraphError> {
        let (s, t) = (self.g.check(s)?, self.g.check(t)?);
        Ok(
            bypass_bidirectional(&self.g.bypass, &mut self.bypass, s, t, closure)
                .map(Distance::from_units),
        )
    }

    /// A* with a great-circle lower bound, on the degree-2 chain bypass.
    ///
    /// The search runs on the bypass graph of the nodes of degree ≠ 2 (chains
    /// replaced by single edges of the exact summed weight; an endpoint inside
    /// a chain attaches to both chain ends with the partial sums; a chain with
    /// a closed edge is cut), numbered along a Hilbert curve.
    ///
    /// The bound is `factor · great_circle(v, t) − slack`, where `factor` and
    /// `slack` are computed from every edge when the graph is built, so it is
    /// admissible even on networks whose rounded weights fall below the chord
    /// (see [`PlainGraph`]). Nodes are re-opened when improved, so the result
    /// is exact.
    ///
    /// # Errors
    /// [`NetgraphError::NodeOutOfRange`].
    ///
    /// # Complexity
    /// O((n + m) log n) in the worst case.
    pub fn astar(
        &mut self,
        s: NodeIdx,
        t: NodeIdx,
        closure: Option<&EdgeClosure>,
    ) -> Result<Option<Distance>, NetgraphError> {
        let (s, t) = (self.g.check(s)?, self.g.check(t)?);
        let g = self.g;
        let h = g.bound.towards(g.unit[t]);
        Ok(bypass_astar(&g.bypass, h, &mut self.bypass, s, t, closure).map(Distance::from_units))
    }
}

/// Dijkstra from `s` on the full graph with labels `l`: settles nodes in
/// order of distance until `stop` returns true for a settled node.
fn settle_until(
    g: &Csr,
    l: &mut Labels,
    s: usize,
    closure: Option<&EdgeClosure>,
    mut stop: impl FnMut(usize, u64) -> bool,
) {
    #[allow(clippy::cast_possible_truncation)] // node ids fit u32
    l.start_at(s as u32);
    while let Some((u, d)) = l.pop() {
        if stop(u, d) {
            return;
        }
        for a in g.arcs(u) {
            if is_open(closure, g.arc_edge[a]) {
                #[allow(clippy::cast_possible_truncation)]
                l.improve(g.head[a] as usize, d + g.weight[a], u as u32);
            }
        }
    }
}

/// What both bypass searches start from: the closure when it closes
/// anything, the chains it cuts (computed into `cut`), and the distance
/// from `s` to `t` along their common chain (`u64::MAX` without one).
fn setup<'a, 'c>(
    r: &ChainBypass,
    cut: &'a mut BitSet,
    s: usize,
    t: usize,
    closure: Option<&'c EdgeClosure>,
) -> (Option<&'c EdgeClosure>, Option<&'a BitSet>, u64) {
    let closure = closure.filter(|c| !c.is_empty());
    let cut = closure.map(|c| {
        r.cut_chains(c, cut);
        &*cut
    });
    (closure, cut, r.direct(s, t, closure))
}

/// The arcs out of bypass node `u` whose chain is not cut.
#[inline]
fn open_arcs<'a>(
    r: &'a ChainBypass,
    u: usize,
    cut: Option<&'a BitSet>,
) -> impl Iterator<Item = &'a BypassArc> {
    r.arcs(u)
        .iter()
        .filter(move |a| !cut.is_some_and(|c| c.contains(a.chain as usize)))
}

/// A* from original node `s` to original node `t` on the bypass, with the
/// heuristic `bound` (of a bypass node's unit vector). Exact: see the bypass
/// module notes.
#[allow(clippy::cast_possible_truncation)] // bypass ids fit u32
fn bypass_astar(
    r: &ChainBypass,
    bound: impl Fn([f64; 3]) -> u64,
    st: &mut BypassState,
    s: usize,
    t: usize,
    closure: Option<&EdgeClosure>,
) -> Option<u64> {
    if s == t {
        return Some(0);
    }
    let (closure, cut, direct) = setup(r, &mut st.cut, s, t, closure);
    let sources = r.attach(s, closure);
    let targets = r.attach(t, closure);
    let goal = r.node_count() as u32;
    let h = |v: usize| bound(r.unit(v));
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
        for a in open_arcs(r, u, cut) {
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

/// Bidirectional Dijkstra from `s` to `t` on the bypass: the forward
/// search starts from the attachments of `s`, the backward one from those of
/// `t` (the graph is undirected); the side with the smaller queue advances,
/// and the search stops when the sum of the queue minima reaches the best
/// meeting. Exact: see the bypass module notes.
fn bypass_bidirectional(
    r: &ChainBypass,
    st: &mut BypassState,
    s: usize,
    t: usize,
    closure: Option<&EdgeClosure>,
) -> Option<u64> {
    if s == t {
        return Some(0);
    }
    let (closure, cut, mut best) = setup(r, &mut st.cut, s, t, closure);
    let (f, b) = (&mut st.labels, &mut st.back);
    f.start();
    b.start();
    let from_s = r.attach(s, closure);
    for (l, seeds) in [(&mut *f, from_s), (&mut *b, r.attach(t, closure))] {
        for (v, d) in seeds {
            if v != NONE && d < l.dist_or_max(v as usize) {
                l.set(v as usize, d, NONE);
                l.heap.push(Reverse((d, v)));
            }
        }
    }
    // A node seeded on both sides is a meeting already.
    for (v, _) in from_s {
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
        for a in open_arcs(r, u, cut) {
            let v = a.head as usize;
            #[allow(clippy::cast_possible_truncation)] // bypass ids fit u32
            if this.improve(v, d + a.weight, u as u32) {
                let o = other.dist_or_max(v);
                if o != u64::MAX {
                    best = best.min(d + a.weight + o);
                }
            }
        }
    }
    (best != u64::MAX).then_some(best)
}
