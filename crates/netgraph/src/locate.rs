//! Nearest-node snapping with an R-tree on the unit sphere.

use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::sphere::{great_circle_km, unit_vector};

/// The result of snapping a coordinate to the network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeSnap {
    /// The nearest node (index).
    pub node: u32,
    /// Great-circle distance from the query point to that node (km).
    pub distance_km: f64,
}

type Indexed = GeomWithData<[f64; 3], u32>;

/// Nearest-node lookup over node coordinates (an `rstar` R-tree).
///
/// Points are indexed on the unit sphere in 3-D, where the Euclidean chord
/// grows monotonically with the great-circle distance, so the nearest node is
/// exact across the antimeridian and near the poles.
#[derive(Debug, Clone)]
pub struct NodeLocator {
    tree: RTree<Indexed>,
    coords: Vec<[f64; 2]>,
}

impl NodeLocator {
    /// Builds the index (bulk load, O(n log n)) over `[lat, lon]` nodes.
    #[must_use]
    pub fn new(nodes: &[[f64; 2]]) -> Self {
        let items = nodes
            .iter()
            .zip(0u32..)
            .map(|(&[lat, lon], i)| Indexed::new(unit_vector(lat, lon), i))
            .collect();
        Self {
            tree: RTree::bulk_load(items),
            coords: nodes.to_vec(),
        }
    }

    /// The node nearest to (`lat`, `lon`) with its distance, or `None` when the
    /// network is empty or the coordinate is not finite.
    ///
    /// # Complexity
    /// O(log n) expected.
    #[must_use]
    pub fn nearest(&self, lat: f64, lon: f64) -> Option<NodeSnap> {
        if !(lat.is_finite() && lon.is_finite()) {
            return None;
        }
        let hit = self.tree.nearest_neighbor(&unit_vector(lat, lon))?;
        let node = hit.data;
        let [nlat, nlon] = self.coords[node as usize];
        let distance_km = great_circle_km(lat, lon, nlat, nlon);
        Some(NodeSnap { node, distance_km })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snap_across_antimeridian() {
        let loc = NodeLocator::new(&[[0.0, 179.9], [0.0, 170.0]]);
        let s = loc.nearest(0.0, -179.95).unwrap();
        assert_eq!(s.node, 0);
        assert!(s.distance_km < 20.0);
        assert!(loc.nearest(f64::NAN, 0.0).is_none());
        assert!(NodeLocator::new(&[]).nearest(0.0, 0.0).is_none());
    }
}
