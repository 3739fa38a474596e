//! Per-link and per-place tables of a query, and the shared tables of
//! unrestricted queries.

use super::Requirement;
use crate::graph::{Graph, SIZES};
use crate::objective::{DEFAULT_CARBON_PRICE, DEFAULT_VALUE_OF_TIME, Objective, Weigh, Weighting};
use silkroute_core::{CountryCode, Mode, Passage};
use std::sync::Arc;

/// What restricts a query, for building its [`Tables`].
pub(crate) struct Filters<'a> {
    pub modes: &'a [Mode],
    pub avoid_countries: &'a [CountryCode],
    pub avoid_passages: &'a [Passage],
    pub avoid_tags: &'a [String],
    pub avoid_terminal: &'a [bool],
    pub avoid_leg: &'a [bool],
    pub requirements: &'a [Requirement],
}

impl Filters<'_> {
    /// No restriction at all.
    const NONE: Filters<'static> = Filters {
        modes: &[],
        avoid_countries: &[],
        avoid_passages: &[],
        avoid_tags: &[],
        avoid_terminal: &[],
        avoid_leg: &[],
        requirements: &[],
    };

    /// Whether the filters restrict nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.modes.is_empty()
            && self.avoid_countries.is_empty()
            && self.avoid_passages.is_empty()
            && self.avoid_tags.is_empty()
            && self.requirements.is_empty()
            && !self.avoid_terminal.contains(&true)
            && !self.avoid_leg.contains(&true)
    }
}

/// Per-link and per-place tables of a query: which may be used, what they
/// weigh, which requirement bits they set, and the A* rate.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    pub link_ok: Vec<bool>,
    /// Weights in [fixed-point units](crate::fixed).
    pub link_w: Vec<i64>,
    pub link_req: Vec<u32>,
    pub place_ok: Vec<bool>,
    pub place_req: Vec<u32>,
    /// Lower bound of the objective (units) per great-circle km (A*).
    pub lb_rate: f64,
}

impl Tables {
    /// Builds the tables of a query.
    pub(crate) fn build(g: &Graph, weighting: &Weighting, si: usize, f: &Filters<'_>) -> Tables {
        let net = &*g.net;
        let n_places = net.place_count();
        let mut place_ok = vec![true; n_places];
        let mut place_req = vec![0u32; n_places];
        for p in 0..n_places {
            let t = g.terminal_of_place(p as u32);
            let term = &net[t];
            if f.avoid_terminal.get(t.index()).copied().unwrap_or(false)
                || f.avoid_countries.contains(&term.country)
            {
                place_ok[p] = false;
            }
            for (bit, r) in f.requirements.iter().enumerate() {
                if let Requirement::Country(c) = r
                    && *c == term.country
                {
                    place_req[p] |= 1 << bit;
                }
            }
        }
        let mut link_ok = vec![true; g.links.len()];
        let mut link_w = vec![0i64; g.links.len()];
        let mut link_req = vec![0u32; g.links.len()];
        let mut lb_rate = f64::INFINITY;
        for (i, l) in g.links.iter().enumerate() {
            let w = weighting.weigh(&g.measures[si][i]);
            link_w[i] = w;
            let mut ok = place_ok[l.to as usize] && place_ok[l.from as usize];
            if let Some(leg) = l.leg() {
                let leg_data = &net[leg];
                if (!f.modes.is_empty() && !f.modes.contains(&leg_data.mode))
                    || f.avoid_leg.get(leg.index()).copied().unwrap_or(false)
                    || leg_data
                        .passages
                        .iter()
                        .any(|p| f.avoid_passages.contains(p))
                    || leg_data.corridors.iter().any(|t| f.avoid_tags.contains(t))
                {
                    ok = false;
                }
                for (bit, r) in f.requirements.iter().enumerate() {
                    let hit = match r {
                        Requirement::Passage(p) => leg_data.passages.contains(p),
                        Requirement::AnyTag(tags) => {
                            leg_data.corridors.iter().any(|t| tags.contains(t))
                        }
                        Requirement::Country(_) => false,
                    };
                    if hit {
                        link_req[i] |= 1 << bit;
                    }
                }
                if ok && g.link_gc[i] > 0.0 {
                    lb_rate = lb_rate.min(w as f64 / g.link_gc[i]);
                }
            }
            link_ok[i] = ok;
        }
        if !lb_rate.is_finite() {
            lb_rate = 0.0;
        }
        // Guard against rounding: a bound a hair too high would break optimality.
        lb_rate *= 1.0 - 1e-9;
        Tables {
            link_ok,
            link_w,
            link_req,
            place_ok,
            place_req,
            lb_rate,
        }
    }
}

/// The tables of unrestricted queries, per objective (default parameters)
/// and container size, built once per graph and shared by every such query.
#[derive(Debug)]
pub(crate) struct BaseTables(Vec<Arc<Tables>>);

impl BaseTables {
    pub(crate) fn new(g: &Graph) -> BaseTables {
        let mut base = Vec::with_capacity(Objective::ALL.len() * SIZES.len());
        for objective in Objective::ALL {
            for si in 0..SIZES.len() {
                let weighting = Weighting {
                    objective,
                    value_of_time: DEFAULT_VALUE_OF_TIME,
                    carbon_price: DEFAULT_CARBON_PRICE,
                };
                base.push(Arc::new(Tables::build(g, &weighting, si, &Filters::NONE)));
            }
        }
        BaseTables(base)
    }

    /// The shared tables of a query with these weights and filters, if it
    /// restricts nothing and uses the default parameters.
    pub(crate) fn get(&self, w: &Weighting, si: usize, f: &Filters<'_>) -> Option<Arc<Tables>> {
        let defaults = w.objective != Objective::Generalized
            || (w.value_of_time == DEFAULT_VALUE_OF_TIME && w.carbon_price == DEFAULT_CARBON_PRICE);
        if !defaults || !f.is_empty() {
            return None;
        }
        let o = Objective::ALL.iter().position(|x| *x == w.objective)?;
        self.0.get(o * SIZES.len() + si).cloned()
    }
}
