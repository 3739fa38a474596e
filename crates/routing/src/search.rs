//! Point-to-point search (Dijkstra and A*) on the product of the virtual
//! network with the request's state: waypoint stage, transfers used and
//! requirements met.

use crate::graph::Graph;
use crate::query::Query;
use silkroute_core::LinkKind;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

/// The search algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Algorithm {
    /// Dijkstra's algorithm (Dijkstra 1959).
    Dijkstra,
    /// A* with an admissible great-circle lower bound (Hart, Nilsson and
    /// Raphael 1968). The default.
    #[default]
    AStar,
}

/// Marks the zero-cost step that advances the waypoint stage.
pub(crate) const ADVANCE: u32 = u32::MAX;
const NONE: u32 = u32::MAX;

/// A path in the state space: states, and the link taken into each state
/// (`ADVANCE` for a stage step; the first entry has `NONE`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StatePath {
    /// The objective in [fixed-point units](crate::fixed).
    pub cost: i64,
    pub states: Vec<u32>,
    pub via_link: Vec<u32>,
}

impl StatePath {
    /// The links of the path, without stage steps.
    pub(crate) fn links(&self) -> Vec<u32> {
        self.via_link
            .iter()
            .copied()
            .skip(1)
            .filter(|&l| l != ADVANCE)
            .collect()
    }
}

/// States and edges a spur search of Yen's algorithm may not use.
#[derive(Debug, Default)]
pub(crate) struct Bans {
    pub states: HashSet<u32>,
    pub edges: HashSet<(u32, u32)>,
    pub terminals: HashSet<silkroute_core::TerminalIdx>,
}

/// Per-thread search memory, reused across queries: arrays are stamped with
/// a query counter instead of being cleared, so a query costs what it
/// touches, not the size of the state space.
#[derive(Default)]
struct Scratch {
    epoch: u32,
    seen: Vec<u32>,
    done: Vec<u32>,
    dist: Vec<i64>,
    parent: Vec<(u32, u32)>,
    /// Keyed by (cost + bound, state): ties settle the lower state first.
    heap: BinaryHeap<Reverse<(i64, u32)>>,
}

impl Scratch {
    fn prepare(&mut self, n: usize) {
        if self.seen.len() < n {
            self.seen.resize(n, 0);
            self.done.resize(n, 0);
            self.dist.resize(n, 0);
            self.parent.resize(n, (NONE, NONE));
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.seen.iter_mut().for_each(|x| *x = 0);
            self.done.iter_mut().for_each(|x| *x = 0);
            self.epoch = 1;
        }
        self.heap.clear();
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The state a route starts in at each place of the origin.
pub(crate) fn start_states(g: &Graph, q: &Query) -> Vec<u32> {
    g.net
        .places_of(q.endpoints[0])
        .iter()
        .filter(|p| q.tables.place_ok[p.index()])
        .map(|p| {
            let place = p.index() as u32;
            q.state(
                place,
                0,
                0,
                q.tables.place_req[place as usize] & q.full_mask,
            )
        })
        .collect()
}

/// Whether a state is a goal: at the destination, all stages done,
/// every requirement met.
#[inline]
pub(crate) fn is_goal(g: &Graph, q: &Query, place: u32, stage: u32, mask: u32) -> bool {
    stage + 1 == q.n_stages
        && mask == q.full_mask
        && g.terminal_of_place(place) == q.endpoints[q.n_stages as usize]
}

/// The successors of a state: `(link or ADVANCE, next state, weight in
/// units)`.
#[inline]
pub(crate) fn for_each_successor(g: &Graph, q: &Query, s: u32, mut f: impl FnMut(u32, u32, i64)) {
    let (place, stage, tr, mask) = q.decode(s);
    // Reaching the next waypoint advances the stage at no cost.
    if stage + 1 < q.n_stages && g.terminal_of_place(place) == q.endpoints[stage as usize + 1] {
        f(ADVANCE, q.state(place, stage + 1, tr, mask), 0);
    }
    for i in g.out_links(place) {
        if !q.tables.link_ok[i] {
            continue;
        }
        let l = &g.links[i];
        let mut ntr = tr;
        if let LinkKind::Transfer { .. } = l.kind
            && let Some(max) = q.max_transfers
        {
            if tr + 1 > max {
                continue;
            }
            ntr = tr + 1;
        }
        let nmask = mask | q.tables.link_req[i] | q.tables.place_req[l.to as usize];
        f(
            i as u32,
            q.state(l.to, stage, ntr, nmask),
            q.tables.link_w[i],
        );
    }
}

/// The cheapest path from any of `starts` (with their initial costs) to
/// a goal state.
pub(crate) fn shortest(
    g: &Graph,
    q: &Query,
    starts: &[(u32, i64)],
    bans: Option<&Bans>,
    astar: bool,
) -> Option<StatePath> {
    let n = q.n_states(g.net.place_count()) as usize;
    SCRATCH.with(|cell| {
        let mut guard = cell.borrow_mut();
        let sc = &mut *guard;
        sc.prepare(n);
        let epoch = sc.epoch;
        let h = |s: u32| -> i64 {
            if astar {
                let (place, stage, _, _) = q.decode(s);
                q.heuristic(g.place_xyz(place), stage)
            } else {
                0
            }
        };
        for &(s, g0) in starts {
            if bans.is_some_and(|b| b.states.contains(&s)) {
                continue;
            }
            let si = s as usize;
            if sc.seen[si] != epoch || g0 < sc.dist[si] {
                sc.seen[si] = epoch;
                sc.dist[si] = g0;
                sc.parent[si] = (NONE, NONE);
                sc.heap.push(Reverse((g0.saturating_add(h(s)), s)));
            }
        }
        while let Some(Reverse((_, s))) = sc.heap.pop() {
            let si = s as usize;
            if sc.done[si] == epoch {
                continue;
            }
            sc.done[si] = epoch;
            let dist_s = sc.dist[si];
            let (place, stage, _, mask) = q.decode(s);
            if is_goal(g, q, place, stage, mask) {
                // Walk the parents back.
                let mut states = vec![s];
                let mut via = Vec::new();
                let mut cur = s;
                loop {
                    let (prev, link) = sc.parent[cur as usize];
                    via.push(link);
                    if prev == NONE {
                        break;
                    }
                    states.push(prev);
                    cur = prev;
                }
                states.reverse();
                via.reverse();
                return Some(StatePath {
                    cost: dist_s,
                    states,
                    via_link: via,
                });
            }
            let Scratch {
                seen,
                done,
                dist,
                parent,
                heap,
                ..
            } = sc;
            for_each_successor(g, q, s, |link, t, w| {
                let ti = t as usize;
                if done[ti] == epoch {
                    return;
                }
                if let Some(b) = bans
                    && (b.states.contains(&t)
                        || b.edges.contains(&(s, link))
                        || b.terminals.contains(&g.terminal_of_place(q.decode(t).0)))
                {
                    return;
                }
                let ng = dist_s.saturating_add(w);
                if seen[ti] != epoch || ng < dist[ti] {
                    seen[ti] = epoch;
                    dist[ti] = ng;
                    parent[ti] = (s, link);
                    heap.push(Reverse((ng.saturating_add(h(t)), t)));
                }
            });
        }
        None
    })
}

/// The best path of a compiled query.
pub(crate) fn best_path(g: &Graph, q: &Query, algorithm: Algorithm) -> Option<StatePath> {
    let starts: Vec<(u32, i64)> = start_states(g, q).into_iter().map(|s| (s, 0)).collect();
    shortest(g, q, &starts, None, algorithm == Algorithm::AStar)
}
