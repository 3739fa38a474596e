//! A request compiled against a graph: the [`Query`] every search runs on.
//!
//! [`compile`] turns a [`RouteRequest`](crate::RouteRequest) (optionally
//! intersected with a corridor rule) into a `Query`: endpoints resolved,
//! per-link filters and weights ([`Tables`]), requirement bits and the A*
//! bound. A [`Template`] is the part that does not depend on the origin and
//! destination, compiled once for a whole matrix.

mod compile;
mod tables;

pub(crate) use compile::{
    Template, check_matrix_size, check_request, compile, resolve_endpoint, same_endpoints,
};
pub(crate) use tables::{BaseTables, Tables};

use crate::graph::chord;
use crate::objective::Weighting;
use silkroute_core::{ContainerSize, CountryCode, Km, Mode, Passage, TerminalIdx};
use std::sync::Arc;

/// How an endpoint given as a position was snapped to a terminal.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Snap {
    /// The position given.
    pub lat: f64,
    /// The position given.
    pub lon: f64,
    /// The terminal chosen.
    pub terminal: TerminalIdx,
    /// Great-circle distance from the position to the terminal.
    pub distance: Km,
}

/// A condition a route must meet somewhere along its way.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Requirement {
    Passage(Passage),
    Country(CountryCode),
    AnyTag(Vec<String>),
}

impl Requirement {
    pub(crate) fn describe(&self) -> String {
        match self {
            Requirement::Passage(p) => format!("passes {p}"),
            Requirement::Country(c) => format!("crosses {c}"),
            Requirement::AnyTag(t) => format!("uses a leg tagged {}", or_list(t)),
        }
    }
}

/// Joins items as "A", "A or B", "A, B or C".
pub(crate) fn or_list<T: std::fmt::Display>(items: &[T]) -> String {
    let s: Vec<String> = items.iter().map(|i| i.to_string()).collect();
    match s.len() {
        0 => String::new(),
        1 => s[0].clone(),
        n => format!("{} or {}", s[..n - 1].join(", "), s[n - 1]),
    }
}

/// A request compiled against a graph: everything the searches need.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    pub endpoints: Vec<TerminalIdx>,
    pub snaps: Vec<Option<Snap>>,
    pub weighting: Weighting,
    pub size: ContainerSize,
    /// Filters, weights and requirement bits of links and places.
    pub tables: Arc<Tables>,
    pub requirements: Vec<Requirement>,
    pub full_mask: u32,
    pub n_masks: u32,
    pub n_stages: u32,
    pub n_tr: u32,
    pub max_transfers: Option<u32>,
    /// `rest[s]`: chord km from endpoint `s` through the later endpoints.
    pub rest: Vec<f64>,
    /// Positions of the endpoints (3-D, km), for the A* bound.
    pub endpoint_xyz: Vec<[f64; 3]>,
    // What the request restricted, for explanations.
    pub modes: Vec<Mode>,
    pub avoid_countries: Vec<CountryCode>,
    pub avoid_passages: Vec<Passage>,
    pub avoided_names: Vec<String>,
}

impl Query {
    pub(crate) fn n_states(&self, n_places: usize) -> u64 {
        n_places as u64 * self.n_stages as u64 * self.n_tr as u64 * self.n_masks as u64
    }

    #[inline]
    pub(crate) fn state(&self, place: u32, stage: u32, tr: u32, mask: u32) -> u32 {
        ((place * self.n_stages + stage) * self.n_tr + tr) * self.n_masks + mask
    }

    #[inline]
    pub(crate) fn decode(&self, s: u32) -> (u32, u32, u32, u32) {
        // Most queries have one stage, no transfer limit and no requirement:
        // then a state is a place, and the divisions can be skipped.
        if self.n_masks == 1 && self.n_tr == 1 && self.n_stages == 1 {
            return (s, 0, 0, 0);
        }
        let mask = s % self.n_masks;
        let r = s / self.n_masks;
        let tr = r % self.n_tr;
        let r = r / self.n_tr;
        (r / self.n_stages, r % self.n_stages, tr, mask)
    }

    /// Admissible lower bound of the remaining objective from a terminal
    /// at position `xyz` at a stage: the straight-line (chord) distance
    /// through the remaining endpoints times the smallest objective per
    /// great-circle km of any allowed leg. A chord is never longer than the
    /// great-circle arc and obeys the triangle inequality, so the bound is
    /// admissible and consistent, and costs a square root instead of
    /// trigonometry. In [fixed-point units](crate::fixed), rounded down:
    /// the floor of a consistent bound stays consistent for integer
    /// weights.
    #[inline]
    pub(crate) fn heuristic(&self, xyz: &[f64; 3], stage: u32) -> i64 {
        let next = stage as usize + 1;
        (self.tables.lb_rate * (chord(xyz, &self.endpoint_xyz[next]) + self.rest[next])).floor()
            as i64
    }
}
