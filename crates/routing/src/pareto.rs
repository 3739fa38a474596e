//! Pareto sets over (cost, time, CO2e) by multi-criteria label setting.

use crate::error::RoutingError;
use crate::graph::{Graph, size_index};
use crate::objective::Weigh;
use crate::query::Query;
use crate::search::{ADVANCE, StatePath, for_each_successor, is_goal, start_states};
use ordered_float::OrderedFloat;
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

type Crit = [f64; 3];

struct Label {
    crit: Crit,
    state: u32,
    prev: u32,
    link: u32,
}

const NONE: u32 = u32::MAX;

#[inline]
fn dominates(a: &Crit, b: &Crit, eps: f64) -> bool {
    let f = 1.0 + eps;
    a[0] <= b[0] * f && a[1] <= b[1] * f && a[2] <= b[2] * f
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
    let mut heap: BinaryHeap<Reverse<([OrderedFloat<f64>; 3], u32)>> = BinaryHeap::new();
    let key = |c: &Crit| [OrderedFloat(c[0]), OrderedFloat(c[1]), OrderedFloat(c[2])];
    for s in start_states(g, q) {
        labels.push(Label {
            crit: [0.0; 3],
            state: s,
            prev: NONE,
            link: NONE,
        });
        heap.push(Reverse((key(&[0.0; 3]), (labels.len() - 1) as u32)));
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
                [crit[0] + m.usd, crit[1] + m.hours, crit[2] + m.kg]
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
            heap.push(Reverse((key(&c), (labels.len() - 1) as u32)));
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
        let links: Vec<u32> = via
            .iter()
            .copied()
            .skip(1)
            .filter(|&l| l != ADVANCE)
            .collect();
        let mut total = crate::objective::Measures::default();
        for l in &links {
            let m = &g.measures[si][*l as usize];
            total.km += m.km;
            total.hours += m.hours;
            total.usd += m.usd;
            total.kg += m.kg;
        }
        let path = StatePath {
            cost: q.weighting.weigh(&total),
            states,
            via_link: via,
        };
        paths.push(path);
    }
    Ok(paths)
}
