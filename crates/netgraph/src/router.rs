//! A graph with its optional hierarchy: batch queries and matrices across
//! all cores.

use std::sync::Mutex;

use rayon::prelude::*;

use crate::ch::{ChParams, ContractionHierarchy};
use crate::ch_query::{ChSearcher, check_pair};
use crate::error::NetgraphError;
use crate::graph::PlainGraph;
use crate::ids::{Distance, EdgeClosure, NodeIdx};
use crate::matrix::{Buckets, DistanceMatrix};
use crate::search::Searcher;

/// A point-to-point algorithm of [`NetgraphRouter::batch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SearchAlgorithm {
    /// Dijkstra's algorithm ([`Searcher::dijkstra`]).
    Dijkstra,
    /// Bidirectional Dijkstra ([`Searcher::bidirectional`]).
    Bidirectional,
    /// A* with a great-circle lower bound ([`Searcher::astar`]).
    AStar,
    /// Contraction hierarchies ([`ChSearcher::query`]; needs
    /// [`NetgraphRouter::prepare`]).
    Ch,
}

/// A pool of per-thread search states: a worker takes one, runs any number
/// of queries, and gives it back, so states are allocated about once per
/// thread rather than once per query.
struct Pool<T> {
    items: Mutex<Vec<T>>,
}

impl<T> Pool<T> {
    fn new() -> Self {
        Self {
            items: Mutex::new(Vec::new()),
        }
    }
    fn take(&self, make: impl FnOnce() -> T) -> T {
        // A poisoned lock only means another worker panicked; the states are
        // still valid (each query restarts its state).
        let got = self
            .items
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        got.unwrap_or_else(make)
    }
    fn give(&self, t: T) {
        self.items
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(t);
    }
}

/// Owns a [`PlainGraph`] and, once prepared, its [`ContractionHierarchy`].
#[derive(Debug, Clone)]
pub struct NetgraphRouter {
    graph: PlainGraph,
    ch: Option<ContractionHierarchy>,
}

/// Work items per parallel chunk in batches.
const CHUNK: usize = 16;

impl NetgraphRouter {
    /// A router without preprocessing.
    #[must_use]
    pub fn new(graph: PlainGraph) -> Self {
        Self { graph, ch: None }
    }

    /// A router with an existing hierarchy (e.g. from a cache).
    ///
    /// # Errors
    /// [`NetgraphError::HierarchyMismatch`] when node counts differ.
    pub fn with_hierarchy(
        graph: PlainGraph,
        ch: ContractionHierarchy,
    ) -> Result<Self, NetgraphError> {
        check_pair(&ch, &graph)?;
        Ok(Self {
            graph,
            ch: Some(ch),
        })
    }

    /// Builds the contraction hierarchy (once; later calls keep it).
    pub fn prepare(&mut self, params: &ChParams) -> &ContractionHierarchy {
        self.ch
            .get_or_insert_with(|| ContractionHierarchy::build(&self.graph, params))
    }

    /// The graph.
    #[must_use]
    pub fn graph(&self) -> &PlainGraph {
        &self.graph
    }

    /// The hierarchy, if prepared.
    #[must_use]
    pub fn hierarchy(&self) -> Option<&ContractionHierarchy> {
        self.ch.as_ref()
    }

    fn need_ch(&self) -> Result<&ContractionHierarchy, NetgraphError> {
        self.ch.as_ref().ok_or(NetgraphError::NotPrepared)
    }

    /// Distances for many pairs, in input order, across the current rayon
    /// pool (each worker reuses its search state).
    ///
    /// # Errors
    /// The outer error: [`NetgraphError::NotPrepared`] for [`SearchAlgorithm::Ch`]
    /// without a hierarchy. Each pair has its own result
    /// ([`NetgraphError::NodeOutOfRange`] for bad ids), so no pair is dropped.
    #[allow(clippy::type_complexity)]
    pub fn batch(
        &self,
        pairs: &[(NodeIdx, NodeIdx)],
        algorithm: SearchAlgorithm,
        closure: Option<&EdgeClosure>,
    ) -> Result<Vec<Result<Option<Distance>, NetgraphError>>, NetgraphError> {
        let g = &self.graph;
        if algorithm == SearchAlgorithm::Ch {
            let ch = self.need_ch()?;
            // The hierarchy was built from (or checked against) this graph.
            let pool = Pool::new();
            return Ok(pairs
                .par_chunks(CHUNK)
                .flat_map_iter(|chunk| {
                    let mut st = pool.take(|| ChSearcher::new_unchecked(ch, g));
                    let out: Vec<_> = chunk
                        .iter()
                        .map(|&(s, t)| st.query(s, t, closure))
                        .collect();
                    pool.give(st);
                    out
                })
                .collect());
        }
        let pool = Pool::new();
        Ok(pairs
            .par_chunks(CHUNK)
            .flat_map_iter(|chunk| {
                let mut st = pool.take(|| Searcher::new(g));
                let out: Vec<_> = chunk
                    .iter()
                    .map(|&(s, t)| match algorithm {
                        SearchAlgorithm::Dijkstra => st.dijkstra(s, t, closure),
                        SearchAlgorithm::AStar => st.astar(s, t, closure),
                        _ => st.bidirectional(s, t, closure),
                    })
                    .collect();
                pool.give(st);
                out
            })
            .collect())
    }

    /// Distances from `s` to each target: CH buckets when prepared and no
    /// closure applies, otherwise one Dijkstra stopped at the last target.
    ///
    /// # Errors
    /// [`NetgraphError::NodeOutOfRange`].
    pub fn one_to_many(
        &self,
        s: NodeIdx,
        targets: &[NodeIdx],
        closure: Option<&EdgeClosure>,
    ) -> Result<Vec<Option<Distance>>, NetgraphError> {
        let m = self.matrix(&[s], targets, closure)?;
        Ok(m.data)
    }

    /// A `sources × targets` distance matrix across the current rayon pool.
    ///
    /// With a hierarchy and no closure: bucket-based many-to-many (one upward
    /// search per target filling buckets, then one upward search per source
    /// scanning them). Otherwise (no hierarchy, or a non-empty closure, which
    /// the hierarchy does not encode): one Dijkstra per source, honouring the
    /// closure, stopped at the last target.
    ///
    /// # Errors
    /// [`NetgraphError::NodeOutOfRange`] for any source or target.
    ///
    /// # Complexity
    /// Buckets: O((|S| + |T|) · upward search) plus the bucket scans.
    pub fn matrix(
        &self,
        sources: &[NodeIdx],
        targets: &[NodeIdx],
        closure: Option<&EdgeClosure>,
    ) -> Result<DistanceMatrix, NetgraphError> {
        let g = &self.graph;
        for &v in sources.iter().chain(targets) {
            g.check(v)?;
        }
        let cols = targets.len();
        let closure = closure.filter(|c| !c.is_empty());
        let data: Vec<Option<Distance>> = match (&self.ch, closure) {
            (Some(ch), None) => {
                let pool = Pool::new();
                let space = |v: NodeIdx| -> Vec<(u32, u64)> {
                    let mut st = pool.take(|| ChSearcher::new_unchecked(ch, g));
                    let mut out = Vec::new();
                    st.upward_all(v.index(), &mut out);
                    pool.give(st);
                    out
                };
                let spaces: Vec<Vec<(u32, u64)>> = targets.par_iter().map(|&t| space(t)).collect();
                let buckets = Buckets::new(g.node_count(), &spaces);
                drop(spaces);
                let mut raw = vec![u64::MAX; sources.len() * cols];
                if cols > 0 {
                    raw.par_chunks_mut(cols)
                        .zip(sources.par_iter())
                        .for_each(|(row, &s)| buckets.scan(&space(s), row));
                }
                raw.into_iter()
                    .map(|d| (d != u64::MAX).then_some(Distance::from_units(d)))
                    .collect()
            }
            _ => {
                let pool = Pool::new();
                let rows: Vec<Vec<Option<Distance>>> = sources
                    .par_iter()
                    .map(|&s| {
                        let mut st = pool.take(|| Searcher::new(g));
                        let r = st.one_to_many(s, targets, closure);
                        pool.give(st);
                        r
                    })
                    .collect::<Result<_, _>>()?;
                rows.into_iter().flatten().collect()
            }
        };
        Ok(DistanceMatrix { cols, data })
    }
}
