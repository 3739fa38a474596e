//! Distance matrices, and the target buckets of many-to-many queries on a
//! contraction hierarchy.
//!
//! Reference: S. Knopp, P. Sanders, D. Schultes, F. Schulz, D. Wagner,
//! "Computing Many-to-Many Shortest Paths Using Highway Hierarchies",
//! ALENEX 2007 (buckets).

use crate::csr::{self, CsrBuilder};
use crate::ids::Distance;

/// A distance matrix in row-major order (`sources × targets`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistanceMatrix {
    pub(crate) cols: usize,
    pub(crate) data: Vec<Option<Distance>>,
}

impl DistanceMatrix {
    /// Number of rows (sources).
    #[must_use]
    pub fn rows(&self) -> usize {
        self.data.len().checked_div(self.cols).unwrap_or(0)
    }
    /// Number of columns (targets).
    #[must_use]
    pub fn cols(&self) -> usize {
        self.cols
    }
    /// Distance from source `i` to target `j` (`None`: unreachable or out of
    /// bounds).
    #[must_use]
    pub fn get(&self, i: usize, j: usize) -> Option<Distance> {
        if j >= self.cols {
            return None;
        }
        self.data.get(i * self.cols + j).copied().flatten()
    }
    /// One row.
    #[must_use]
    pub fn row(&self, i: usize) -> &[Option<Distance>] {
        self.data
            .get(i * self.cols..(i + 1) * self.cols)
            .unwrap_or(&[])
    }
}

/// A sorted bucket entry: (target column, distance to it).
type Bucket = (u32, u64);

/// Target-side buckets of a many-to-many query: per rank, the targets whose
/// upward search reached it, with the distance.
pub(crate) struct Buckets {
    first: Vec<u32>,
    entries: Vec<Bucket>,
}

impl Buckets {
    /// Builds buckets from the upward search spaces of the targets
    /// (`spaces[j]` = (rank, distance) pairs of target column `j`) over `n`
    /// ranks.
    pub(crate) fn new(n: usize, spaces: &[Vec<(u32, u64)>]) -> Self {
        let mut b = CsrBuilder::new(n, spaces.iter().flatten().map(|&(r, _)| r as usize));
        let mut entries = vec![(0u32, 0u64); b.len()];
        for (j, s) in (0u32..).zip(spaces) {
            for &(r, d) in s {
                entries[b.slot(r as usize)] = (j, d);
            }
        }
        Self {
            first: b.finish(),
            entries,
        }
    }

    /// Fills one matrix row from a source's upward search space.
    pub(crate) fn scan(&self, space: &[(u32, u64)], row: &mut [u64]) {
        row.fill(u64::MAX);
        for &(r, d) in space {
            for &(j, dt) in &self.entries[csr::row(&self.first, r as usize)] {
                let v = d + dt;
                if v < row[j as usize] {
                    row[j as usize] = v;
                }
            }
        }
    }
}
