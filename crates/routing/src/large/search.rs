//! Point-to-point searches without preprocessing: Dijkstra, bidirectional
//! Dijkstra and A* with a great-circle bound.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::LargeError;
use super::graph::{Distance, EdgeClosure, EdgeIdx, LargeGraph, NodeIdx};
use super::reduced::{self, ReducedState};

/// One node's label: distance, parent and the generation that wrote them,
/// side by side so a lookup touches one cache line.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    dist: u64,
    stamp: u32,
    parent: u32,
}

/// Tentative distances with generation stamps: starting a new search is O(1)
/// (bump the generation), not O(n).
#[derive(Debug, Clone)]
pub(crate) struct Labels {
    slots: Vec<Slot>,
    generation: u32,
    pub(crate) heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Labels {
    pub(crate) fn new(n: usize) -> Self {
        Self {
            slots: vec![Slot::default(); n],
            generation: 0,
            heap: BinaryHeap::new(),
        }
    }

    pub(crate) fn start(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.slots.iter_mut().for_each(|s| s.stamp = 0);
            self.generation = 1;
        }
        self.heap.clear();
    }

    #[inline]
    pub(crate) fn get(&self, v: usize) -> Option<u64> {
        let s = &self.slots[v];
        (s.stamp == self.generation).then_some(s.dist)
    }

    #[inline]
    pub(crate) fn dist_or_max(&self, v: usize) -> u64 {
        let s = &self.slots[v];
        if s.stamp == self.generation {
            s.dist
        } else {
            u64::MAX
        }
    }

    #[inline]
    pub(crate) fn set(&mut self, v: usize, d: u64, parent: u32) {
        self.slots[v] = Slot {
            dist: d,
            stamp: self.generation,
            parent,
        };
    }

    #[inline]
    pub(crate) fn parent(&self, v: usize) -> u32 {
        self.slots[v].parent
    }

    #[inline]
    pub(crate) fn top(&self) -> u64 {
        self.heap.peek().map_or(u64::MAX, |Reverse((d, _))| *d)
    }
}

/// Reusable state for searches on one [`LargeGraph`]: create one per thread
/// and run any number of queries; no per-query O(n) reset.
#[derive(Debug, Clone)]
pub struct Searcher<'g> {
    g: &'g LargeGraph,
    fwd: Labels,
    bwd: Labels,
    red: ReducedState,
}

#[inline]
fn open(c: Option<&EdgeClosure>, e: u32) -> bool {
    c.is_none_or(|c| !c.is_closed(EdgeIdx::new(e)))
}

impl<'g> Searcher<'g> {
    /// Allocates search state for `g` (O(n) once).
    #[must_use]
    pub fn new(g: &'g LargeGraph) -> Self {
        let n = g.node_count();
        Self {
            g,
            fwd: Labels::new(n),
            bwd: Labels::new(n),
            red: ReducedState::new(&g.reduced),
        }
    }

    /// The graph searched.
    #[must_use]
    pub fn graph(&self) -> &'g LargeGraph {
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
    /// [`LargeError::NodeOutOfRange`].
    ///
    /// # Complexity
    /// O((n + m) log n).
    pub fn dijkstra(
        &mut self,
        s: NodeIdx,
        t: NodeIdx,
        closure: Option<&EdgeClosure>,
    ) -> Result<Option<Distance>, LargeError> {
        let (s, t) = (self.g.check(s)?, self.g.check(t)?);
        let g = self.g;
        let l = &mut self.fwd;
        l.start();
        l.set(s, 0, 0);
        l.heap.push(Reverse((0, s as u32)));
        while let Some(Reverse((d, u))) = l.heap.pop() {
            let u = u as usize;
            if d > l.dist_or_max(u) {
                continue;
            }
            if u == t {
                return Ok(Some(Distance::from_units(d)));
            }
            for a in g.arcs(u) {
                if !open(closure, g.arc_edge[a]) {
                    continue;
                }
                let v = g.head[a] as usize;
                let nd = d + g.weight[a];
                if nd < l.dist_or_max(v) {
                    l.set(v, nd, u as u32);
                    l.heap.push(Reverse((nd, v as u32)));
                }
            }
        }
        Ok(None)
    }

    /// Distances from `s` to each of `targets` (one Dijkstra, stopped when the
    /// last target is settled).
    ///
    /// # Errors
    /// [`LargeError::NodeOutOfRange`] for `s` or any target.
    pub fn one_to_many(
        &mut self,
        s: NodeIdx,
        targets: &[NodeIdx],
        closure: Option<&EdgeClosure>,
    ) -> Result<Vec<Option<Distance>>, LargeError> {
        let s = self.g.check(s)?;
        // The backward labels mark the targets still to be settled.
        self.bwd.start();
        let mut remaining = 0usize;
        for &t in targets {
            let t = self.g.check(t)?;
            if self.bwd.get(t).is_none() {
                self.bwd.set(t, 0, 0);
                remaining += 1;
            }
        }
        let g = self.g;
        let l = &mut self.fwd;
        l.start();
        l.set(s, 0, 0);
        l.heap.push(Reverse((0, s as u32)));
        while let Some(Reverse((d, u))) = l.heap.pop() {
            let u = u as usize;
            if d > l.dist_or_max(u) {
                continue;
            }
            if self.bwd.get(u) == Some(0) {
                self.bwd.set(u, 1, 0);
                remaining -= 1;
                if remaining == 0 {
                    break;
                }
            }
            for a in g.arcs(u) {
                if !open(closure, g.arc_edge[a]) {
                    continue;
                }
                let v = g.head[a] as usize;
                let nd = d + g.weight[a];
                if nd < l.dist_or_max(v) {
                    l.set(v, nd, u as u32);
                    l.heap.push(Reverse((nd, v as u32)));
                }
            }
        }
        // Settled targets hold final labels; unsettled ones are unreachable.
        Ok(targets
            .iter()
            .map(|t| match self.bwd.get(t.index()) {
                Some(1) => self.fwd.get(t.index()).map(Distance::from_units),
                _ => None,
            })
            .collect())
    }

    /// Bidirectional Dijkstra on the degree-2 chain bypass (see
    /// [`Searcher::astar`]): searches from `s` and `t`, the side with the
    /// smaller queue advancing, stopped when the sum of the two queue minima
    /// reaches the best meeting.
    ///
    /// # Errors
    /// [`LargeError::NodeOutOfRange`].
    ///
    /// # Complexity
    /// O((n + m) log n); in practice about half of Dijkstra's search space.
    pub fn bidirectional(
        &mut self,
        s: NodeIdx,
        t: NodeIdx,
        closure: Option<&EdgeClosure>,
    ) -> Result<Option<Distance>, LargeError> {
        let (s, t) = (self.g.check(s)?, self.g.check(t)?);
        Ok(
            reduced::bidirectional(&self.g.reduced, &mut self.red, s, t, closure)
                .map(Distance::from_units),
        )
    }

    /// A* with a great-circle lower bound, on the degree-2 chain bypass.
    ///
    /// The search runs on the reduced graph of the nodes of degree ≠ 2 (chains
    /// replaced by single edges of the exact summed weight; an endpoint inside
    /// a chain attaches to both chain ends with the partial sums; a chain with
    /// a closed edge is cut), numbered along a Hilbert curve.
    ///
    /// The bound is `factor · haversine(v, t) − slack`, where `factor` and
    /// `slack` are computed from every edge when the graph is built, so it is
    /// admissible even on networks whose rounded weights fall below the chord
    /// (see [`LargeGraph`]). Nodes are re-opened when improved, so the result
    /// is exact.
    ///
    /// # Errors
    /// [`LargeError::NodeOutOfRange`].
    ///
    /// # Complexity
    /// O((n + m) log n) in the worst case.
    pub fn astar(
        &mut self,
        s: NodeIdx,
        t: NodeIdx,
        closure: Option<&EdgeClosure>,
    ) -> Result<Option<Distance>, LargeError> {
        let (s, t) = (self.g.check(s)?, self.g.check(t)?);
        let g = self.g;
        Ok(
            reduced::astar(&g.reduced, g.bound, &mut self.red, s, t, g.unit[t], closure)
                .map(Distance::from_units),
        )
    }
}
