//! Alternatives: Yen's k shortest loopless paths, filtered so that the
//! routes returned differ meaningfully.

use crate::graph::Graph;
use crate::query::Query;
use crate::search::{ADVANCE, Bans, StatePath, shortest};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashSet};

/// An alternative is dropped when more than this fraction of its objective
/// value lies on legs it shares with a route already returned.
pub const MAX_SHARED_FRACTION: f64 = 0.8;

/// A candidate path of Yen's algorithm: its cost (units), its legs (for
/// deterministic tie-breaking) and its position in the pool.
type Candidate = (i64, Vec<u32>, usize);

/// How many of Yen's paths are examined per route asked for, at most.
const EXAMINED_PER_ROUTE: usize = 12;

/// The legs of a path with their direction (link indices of legs only):
/// two paths that differ only by useless transfers are the same route.
fn leg_key(g: &Graph, p: &StatePath) -> Vec<u32> {
    p.links()
        .into_iter()
        .filter(|&l| g.links[l as usize].leg().is_some())
        .collect()
}

/// The objective value of a path's legs (transfers count as unshared).
fn leg_weights(g: &Graph, q: &Query, p: &StatePath) -> BTreeMap<u32, i64> {
    let mut m = BTreeMap::new();
    for link in p.links() {
        if let Some(leg) = g.links[link as usize].leg() {
            let w = m.entry(leg.index() as u32).or_insert(0i64);
            *w = w.saturating_add(q.tables.link_w[link as usize]);
        }
    }
    m
}

/// Yen's algorithm on the state space, returning up to `want` paths
/// (the best first) that pass the difference filter.
pub(crate) fn yen(g: &Graph, q: &Query, best: StatePath, want: usize) -> Vec<StatePath> {
    let mut found: Vec<StatePath> = vec![best];
    let mut kept: Vec<usize> = vec![0];
    let mut seen: HashSet<Vec<u32>> = HashSet::new();
    seen.insert(leg_key(g, &found[0]));
    let mut candidates: BinaryHeap<Reverse<Candidate>> = BinaryHeap::new();
    let mut pool: Vec<StatePath> = Vec::new();
    let budget = want.saturating_mul(EXAMINED_PER_ROUTE).min(400);
    while kept.len() < want && found.len() < budget {
        let last = found[found.len() - 1].clone();
        for i in 0..last.states.len().saturating_sub(1) {
            let spur = last.states[i];
            let root_states = &last.states[..=i];
            let root_links = &last.via_link[..=i];
            let root_cost = root_links
                .iter()
                .skip(1)
                .filter(|&&l| l != ADVANCE)
                .fold(0i64, |c, &l| c.saturating_add(q.tables.link_w[l as usize]));
            let mut bans = Bans::default();
            for p in &found {
                if p.states.len() > i + 1
                    && p.states[..=i] == *root_states
                    && p.via_link[..=i] == *root_links
                {
                    bans.edges.insert((p.states[i], p.via_link[i + 1]));
                }
            }
            // Loopless: the spur path may not return to a terminal of the root.
            let spur_terminal = g.terminal_of_place(q.decode(spur).0);
            let root_terminals: HashSet<_> = root_states[..i]
                .iter()
                .map(|&s| g.terminal_of_place(q.decode(s).0))
                .filter(|&t| t != spur_terminal)
                .collect();
            for &s in &root_states[..i] {
                bans.states.insert(s);
            }
            bans.terminals = root_terminals;
            if let Some(tail) = shortest(g, q, &[(spur, root_cost)], Some(&bans), true) {
                let mut states = root_states[..i].to_vec();
                states.extend_from_slice(&tail.states);
                let mut via = root_links.to_vec();
                via.extend_from_slice(&tail.via_link[1..]);
                let path = StatePath {
                    cost: tail.cost,
                    states,
                    via_link: via,
                };
                let key = leg_key(g, &path);
                if seen.insert(key.clone()) {
                    candidates.push(Reverse((path.cost, key, pool.len())));
                    pool.push(path);
                }
            }
        }
        let Some(Reverse((_, _, idx))) = candidates.pop() else {
            break;
        };
        let cand = pool[idx].clone();
        let cw = leg_weights(g, q, &cand);
        let differs = kept.iter().all(|&k| {
            let kw = leg_weights(g, q, &found[k]);
            let shared = cw
                .iter()
                .filter(|(leg, _)| kw.contains_key(leg))
                .fold(0i64, |s, (_, &w)| s.saturating_add(w));
            cand.cost <= 0 || shared as f64 / cand.cost as f64 <= MAX_SHARED_FRACTION
        });
        found.push(cand);
        if differs {
            kept.push(found.len() - 1);
        }
    }
    kept.into_iter().map(|k| found[k].clone()).collect()
}
