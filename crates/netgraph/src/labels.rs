//! Label stores of the searches: tentative distances, parents and a queue,
//! reusable across queries without an O(n) reset.
//!
//! - [`Labels`]: generation stamps (starting a search is O(1)); used by
//!   Dijkstra, the chain-bypass searches and the contraction witnesses.
//! - [`ChLabels`]: plain arrays reset through the list of touched nodes
//!   (one load per lookup; reset is O(search space)); used by the upward
//!   searches of contraction hierarchies.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

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

    /// Forgets every label and empties the queue.
    pub(crate) fn start(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.slots.iter_mut().for_each(|s| s.stamp = 0);
            self.generation = 1;
        }
        self.heap.clear();
    }

    /// Forgets every label, then labels `v` with distance 0 and queues it.
    pub(crate) fn start_at(&mut self, v: u32) {
        self.start();
        self.set(v as usize, 0, 0);
        self.heap.push(Reverse((0, v)));
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

    /// Sets `v` to `d` and queues it when `d` improves its label; whether it
    /// did.
    #[inline]
    pub(crate) fn improve(&mut self, v: usize, d: u64, parent: u32) -> bool {
        if d < self.dist_or_max(v) {
            self.set(v, d, parent);
            #[allow(clippy::cast_possible_truncation)] // node ids fit u32
            self.heap.push(Reverse((d, v as u32)));
            true
        } else {
            false
        }
    }

    /// Pops the queue minimum that is still current: (node, distance).
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<(usize, u64)> {
        while let Some(Reverse((d, u))) = self.heap.pop() {
            let u = u as usize;
            if d <= self.dist_or_max(u) {
                return Some((u, d));
            }
        }
        None
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

/// A queue entry (distance, rank), ordered by distance only, reversed so
/// that [`BinaryHeap`] pops the minimum.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeapItem(pub(crate) u64, pub(crate) u32);

impl PartialEq for HeapItem {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for HeapItem {}
impl PartialOrd for HeapItem {
    #[inline]
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
pub(crate) struct ChLabels {
    pub(crate) dist: Vec<u64>,
    parent: Vec<u32>,
    pub(crate) touched: Vec<u32>,
    pub(crate) heap: BinaryHeap<HeapItem>,
}

impl ChLabels {
    pub(crate) fn new(n: usize) -> Self {
        Self {
            dist: vec![u64::MAX; n],
            parent: vec![0; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// Forgets every label, then labels rank `r` with distance 0 (its own
    /// parent) and queues it.
    pub(crate) fn start_at(&mut self, r: u32) {
        for &v in &self.touched {
            self.dist[v as usize] = u64::MAX;
        }
        self.touched.clear();
        self.heap.clear();
        self.set(r as usize, 0, r);
        self.heap.push(HeapItem(0, r));
    }

    #[inline]
    pub(crate) fn dist_or_max(&self, v: usize) -> u64 {
        self.dist[v]
    }

    #[inline]
    pub(crate) fn set(&mut self, v: usize, d: u64, parent: u32) {
        if self.dist[v] == u64::MAX {
            #[allow(clippy::cast_possible_truncation)] // ranks fit u32
            self.touched.push(v as u32);
        }
        self.dist[v] = d;
        self.parent[v] = parent;
    }

    #[inline]
    pub(crate) fn parent(&self, v: usize) -> u32 {
        self.parent[v]
    }

    #[inline]
    pub(crate) fn top(&self) -> u64 {
        self.heap.peek().map_or(u64::MAX, |x| x.0)
    }
}
