//! Pareto sets over (cost, time, CO2e) by multi-criteria label setting.

use crate::error::RoutingError;
use crate::graph::{Graph, size_index};
use crate::query::Query;
use crate::search::{ADVANCE, StatePath, for_each_successor, is_goal, start_states};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Options of a Pareto search.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct ParetoOptions {
    /// Relative tolerance ε ≥ 0: a route is left out when another is within
    /// a factor (1 + ε) of it on every criterion. 0 gives the exact set.
    pub epsilon: f64,
}

impl Default for ParetoOptions {
    fn default() -> Self {
        ParetoOptions { epsilon: 0.0 }
    }
}

impl ParetoOptions {
    /// Sets ε.
    pub fn epsilon(mut self, epsilon: f64) -> Self {
        self.epsilon = epsilon;
        self
    }

    /// Checks ε: finite, between 0 and 10.
    pub(crate) fn check(&self) -> Result<(), RoutingError> {
        if !(self.epsilon.is_finite() && (0.0..=10.0).contains(&self.epsilon)) {
            return Err(RoutingError::InvalidNumber {
                field: "epsilon",
                value: self.epsilon.to_string(),
                reason: "expected a number between 0 and 10".into(),
            });
        }
        Ok(())
    }
}

/// (cost, time, CO2e) in [fixed-point units](crate::fixed).
type Crit = [i64; 3];

struct Label {
    crit: Crit,
    state: u32,
    prev: u32,
    link: u32,
}

const NONE: u32 = u32::MAX;

/// Whether `a` is at least as good as `b` on every criterion, within a
/// factor (1 + ε). With ε = 0 the comparison is exact (integers); with
/// ε > 0 it is made in `f64`, whose rounding (relative 1.1e-16) is far
/// below any ε a request may give.
#[inline]
fn dominates(a: &Crit, b: &Crit, eps: f64) -> bool {
    if eps == 0.0 {
        return a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2];
    }
    let f = 1.0 + eps;
    (0..3).all(|i| a[i] as f64 <= b[i] as f64 * f)
}

/// Every state path whose (cost, time, CO2e) no other beats at once, in
/// the order the labels settle (cheapest first); empty when the
/// destination cannot be reached.
///
/// Multi-criteria label setting (Martins 1984): labels are settled in
/// lexicographic order of (cost, time, CO2e), so a settled label is never
/// dominated by a later one; labels dominated at their state or by a
/// route already found are discarded. With `eps > 0`, ε-dominance bounds
/// the size of the set.
pub(crate) fn pareto_paths(
    g: &Graph,
    q: &Query,
    eps: f64,
    max_labels: usize,
) -> Result<Vec<StatePath>, RoutingError> {
    let si = size_index(q.size);
    let n = q.n_states(g.net.place_count()) as usize;
    let mut labels: Vec<Label> = Vec::new();
    let mut at: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut goals: Vec<u32> = Vec::new();
    // Lexicographic (cost, time, CO2e), ties by label: deterministic.
    let mut heap: BinaryHeap<Reverse<(Crit, u32)>> = BinaryHeap::new();
    for s in start_states(g, q) {
        labels.push(Label {
            crit: [0; 3],
            state: s,
            prev: NONE,
            link: NONE,
        });
        heap.push(Reverse(([0; 3], (labels.len() - 1) as u32)));
    }
    while let Some(Reverse((_, li))) = heap.pop() {
        let (crit, s) = (labels[li as usize].crit, labels[li as usize].state);
        if at[s as usize]
            .iter()
            .any(|&o| dominates(&labels[o as usize].crit, &crit, eps))
            || goals
                .iter()
                .any(|&gl| dominates(&labels[gl as usize].crit, &crit, eps))
        {
            continue;
        }
        at[s as usize].push(li);
        let (place, stage, _, mask) = q.decode(s);
        if is_goal(g, q, place, stage, mask) {
            goals.push(li);
            continue;
        }
        let mut next: Vec<(u32, u32, Crit)> = Vec::new();
        for_each_successor(g, q, s, |link, t, _| {
            let c = if link == ADVANCE {
                crit
            } else {
                let m = &g.measures[si][link as usize];
                [
                    crit[0].saturating_add(m.usd),
                    crit[1].saturating_add(m.hours),
                    crit[2].saturating_add(m.kg),
                ]
            };
            next.push((link, t, c));
        });
        for (link, t, c) in next {
            if at[t as usize]
                .iter()
                .any(|&o| dominates(&labels[o as usize].crit, &c, eps))
                || goals
                    .iter()
                    .any(|&gl| dominates(&labels[gl as usize].crit, &c, eps))
            {
                continue;
            }
            if labels.len() >= max_labels {
                return Err(RoutingError::TooLarge {
                    what: "the Pareto search (labels)",
                    found: labels.len() as u64,
                    limit: max_labels as u64,
                    hint: Some(
                        "set an epsilon (e.g. 0.01) to bound the set, or raise RouterLimits::max_pareto_labels",
                    ),
                });
            }
            labels.push(Label {
                crit: c,
                state: t,
                prev: li,
                link,
            });
            heap.push(Reverse((c, (labels.len() - 1) as u32)));
        }
    }
    let mut paths = Vec::with_capacity(goals.len());
    for goal in goals {
        let mut states = Vec::new();
        let mut via = Vec::new();
        let mut cur = goal;
        while cur != NONE {
            let l = &labels[cur as usize];
            states.push(l.state);
            via.push(l.link);
            cur = l.prev;
        }
        states.reverse();
        via.reverse();
        // The objective as the searches sum it: the links' weights.
        let cost = via
            .iter()
            .skip(1)
            .filter(|&&l| l != ADVANCE)
            .fold(0i64, |c, &l| c.saturating_add(q.tables.link_w[l as usize]));
        paths.push(StatePath {
            cost,
            states,
            via_link: via,
        });
    }
    Ok(paths)
}
