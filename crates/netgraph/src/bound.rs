//! The admissible great-circle lower bound of the A* search.

use crate::ids::UNITS_PER_KM;
use crate::sphere::{EARTH_RADIUS_KM, chord, chord_to_angle, great_circle_km};

/// A lower bound on path lengths: `factor * 1e9 * great_circle_km - slack`
/// units.
///
/// `factor` is the smallest ratio `weight / great circle` over the edges
/// longer than 10 m (at most 1, reduced by 1e-9 against rounding), and
/// `slack` is the sum, over all edges, of what `factor * great circle`
/// exceeds the weight by (the tiny or zero-length edges that rounding left
/// shorter than their chord). For any path P from v to t:
/// `Σ w ≥ Σ (factor·gc(e) − δ_e) ≥ factor·gc(v, t) − slack`, so the bound is
/// admissible by construction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GreatCircleBound {
    pub(crate) factor: f64,
    pub(crate) slack: u64,
}

fn edge_km(coords: &[[f64; 2]], u: usize, v: usize) -> f64 {
    let ([a0, a1], [b0, b1]) = (coords[u], coords[v]);
    great_circle_km(a0, a1, b0, b1)
}

impl GreatCircleBound {
    /// The bound of a graph with node `coords` and undirected `edges`
    /// (u, v, weight units). O(m).
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    pub(crate) fn compute(
        coords: &[[f64; 2]],
        edges: impl Iterator<Item = (usize, usize, u64)> + Clone,
    ) -> Self {
        let mut factor = 1.0f64;
        for (u, v, w) in edges.clone() {
            let h = edge_km(coords, u, v);
            if h >= 0.01 {
                factor = factor.min(w as f64 / UNITS_PER_KM / h);
            }
        }
        let factor = (factor * (1.0 - 1e-9)).max(0.0);
        let mut slack = 0.0f64;
        for (u, v, w) in edges {
            let lb = factor * edge_km(coords, u, v) * UNITS_PER_KM;
            slack += (lb - w as f64).max(0.0);
        }
        Self {
            factor,
            slack: slack.ceil() as u64 + 1,
        }
    }

    /// The heuristic towards a target with unit vector `target`: the bound
    /// in units from a node with unit vector `from`, computed on the chord.
    pub(crate) fn towards(self, target: [f64; 3]) -> impl Fn([f64; 3]) -> u64 {
        let scale = EARTH_RADIUS_KM * UNITS_PER_KM * self.factor;
        #[allow(clippy::cast_precision_loss)]
        let slack = self.slack as f64;
        move |from| {
            let lb = scale * chord_to_angle(chord(from, target)) - slack;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            if lb > 0.0 { lb as u64 } else { 0 }
        }
    }
}
