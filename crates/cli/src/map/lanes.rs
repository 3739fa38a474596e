//! A schematic graph of sea lanes, for drawing sea legs that would cross
//! land if drawn straight.
//!
//! The lane points and the lanes between them are data
//! (`assets/sea_lanes.json`), checked against the base map: no lane
//! crosses land except through the straits and the Suez Canal, which are
//! narrower than the 1:110m outlines. A leg is drawn along the shortest
//! lane path through the passages it declares and none that it does not.

use super::basemap::Land;
use super::geometry::km;
use petgraph::algo::astar;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::Deserialize;
use silkroute_core::Passage;

/// The sea-lane graph, as embedded.
const SEA_LANES: &str = include_str!("../../assets/sea_lanes.json");

/// `assets/sea_lanes.json`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LaneFile {
    /// The lane points.
    nodes: Vec<LanePoint>,
    /// The lanes, both ways, by point id.
    edges: Vec<(String, String)>,
}

/// A point of the lane graph; a passage's point is only used by legs
/// through that passage.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanePoint {
    id: String,
    lat: f64,
    lon: f64,
    passage: Option<Passage>,
}

/// The sea-lane graph.
pub(super) struct Lanes {
    /// `(lat, lon)` of each point.
    pos: Vec<(f64, f64)>,
    /// The passage each point stands for.
    passage: Vec<Option<Passage>>,
    /// The lanes, by point index.
    edges: Vec<(usize, usize)>,
}

impl Lanes {
    /// Loads the embedded lane graph; lanes naming an unknown point are
    /// left out (a test checks there are none).
    pub fn load() -> Lanes {
        // invariant: the embedded asset is valid (checked by a test)
        let file: LaneFile = serde_json::from_str(SEA_LANES).unwrap_or_default();
        let index = |id: &str| file.nodes.iter().position(|n| n.id == id);
        let edges = file
            .edges
            .iter()
            .filter_map(|(a, b)| Some((index(a)?, index(b)?)))
            .collect();
        Lanes {
            pos: file.nodes.iter().map(|n| (n.lat, n.lon)).collect(),
            passage: file.nodes.iter().map(|n| n.passage).collect(),
            edges,
        }
    }

    /// The `(lat, lon)` of the lane point with this id.
    #[cfg(test)]
    pub fn point(id: &str) -> Option<(f64, f64)> {
        let file: LaneFile = serde_json::from_str(SEA_LANES).ok()?;
        let n = file.nodes.iter().find(|n| n.id == id)?;
        Some((n.lat, n.lon))
    }

    /// The lane points a port at `p` joins: the nearest three whose
    /// connector stays at sea, or the nearest one.
    fn connectors(&self, land: &Land, p: (f64, f64), allowed: &[bool]) -> Vec<usize> {
        let mut by_distance: Vec<usize> = (0..self.pos.len()).filter(|&i| allowed[i]).collect();
        by_distance.sort_by(|&a, &b| km(p, self.pos[a]).total_cmp(&km(p, self.pos[b])));
        let clear: Vec<usize> = by_distance
            .iter()
            .copied()
            .take(8)
            .filter(|&i| !land.crosses(p, self.pos[i], 0.6))
            .take(3)
            .collect();
        if clear.is_empty() {
            by_distance.into_iter().take(1).collect()
        } else {
            clear
        }
    }

    /// The graph of one leg's drawing: the allowed lanes, and the two
    /// ports (nodes `n` and `n + 1`) joined to their connectors; edges
    /// weigh their great-circle km.
    fn leg_graph(
        &self,
        ends: [(f64, f64); 2],
        links: &[Vec<usize>; 2],
        allowed: &[bool],
    ) -> UnGraph<(f64, f64), f64> {
        let n = self.pos.len();
        let mut g = UnGraph::with_capacity(n + 2, self.edges.len() + 6);
        for &p in self.pos.iter().chain(&ends) {
            g.add_node(p);
        }
        for &(a, b) in &self.edges {
            if allowed[a] && allowed[b] {
                g.add_edge(
                    NodeIndex::new(a),
                    NodeIndex::new(b),
                    km(self.pos[a], self.pos[b]),
                );
            }
        }
        for (k, l) in links.iter().enumerate() {
            for &i in l {
                g.add_edge(
                    NodeIndex::new(n + k),
                    NodeIndex::new(i),
                    km(ends[k], self.pos[i]),
                );
            }
        }
        g
    }

    /// A drawing of a sea leg from `a` to `b` along the lanes, through the
    /// passages it declares and none of the others: `(lat, lon)` points,
    /// `a` first and `b` last. `None` when the lanes do not join them.
    pub fn path(
        &self,
        land: &Land,
        a: (f64, f64),
        b: (f64, f64),
        passages: &[Passage],
    ) -> Option<Vec<(f64, f64)>> {
        let n = self.pos.len();
        let allowed: Vec<bool> = self
            .passage
            .iter()
            .map(|p| p.is_none_or(|p| passages.contains(&p)))
            .collect();
        let required: Vec<usize> = (0..n)
            .filter(|&i| self.passage[i].is_some_and(|p| passages.contains(&p)))
            .collect();
        let links = [
            self.connectors(land, a, &allowed),
            self.connectors(land, b, &allowed),
        ];
        let g = self.leg_graph([a, b], &links, &allowed);
        let shortest = |from: usize, to: usize| {
            let goal = NodeIndex::new(to);
            astar(
                &g,
                NodeIndex::new(from),
                |v| v == goal,
                |e| *e.weight(),
                |v| km(g[v], g[goal]),
            )
        };
        let mut best: Option<(f64, Vec<NodeIndex>)> = None;
        for order in permutations(&required) {
            let stops: Vec<usize> = std::iter::once(n)
                .chain(order)
                .chain(std::iter::once(n + 1))
                .collect();
            let mut total = 0.0;
            let mut nodes = vec![NodeIndex::new(n)];
            let mut ok = true;
            for w in stops.windows(2) {
                let Some((d, p)) = shortest(w[0], w[1]) else {
                    ok = false;
                    break;
                };
                total += d;
                nodes.extend(&p[1..]);
            }
            if ok && best.as_ref().is_none_or(|(d, _)| total < *d) {
                best = Some((total, nodes));
            }
        }
        let (_, nodes) = best?;
        Some(nodes.into_iter().map(|i| g[i]).collect())
    }
}

/// Every order of a few items (at most 4 passages per leg in practice;
/// more than 5 are kept in their order).
fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.len() <= 1 || items.len() > 5 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first);
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lane_asset_loads_and_every_lane_joins_known_points() {
        let file: LaneFile = serde_json::from_str(SEA_LANES).expect("valid sea_lanes.json");
        let lanes = Lanes::load();
        assert_eq!(lanes.pos.len(), file.nodes.len());
        assert_eq!(
            lanes.edges.len(),
            file.edges.len(),
            "a lane names an unknown point"
        );
        let mut ids: Vec<&str> = file.nodes.iter().map(|n| n.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), file.nodes.len(), "duplicate point ids");
        for (i, node) in file.nodes.iter().enumerate() {
            assert!(
                lanes.edges.iter().any(|&(a, b)| a == i || b == i),
                "{} has no lane",
                node.id
            );
        }
    }

    #[test]
    fn a_cape_leg_goes_round_africa_and_a_suez_leg_through_suez() {
        let land = Land::load();
        let lanes = Lanes::load();
        let colombo = (6.95, 79.85);
        let rotterdam = (51.95, 4.05);
        let cape = lanes
            .path(&land, colombo, rotterdam, &[Passage::CapeOfGoodHope])
            .expect("a path");
        assert!(cape.iter().any(|p| p.0 < -30.0), "{cape:?}");
        let suez = lanes
            .path(
                &land,
                colombo,
                rotterdam,
                &[Passage::Suez, Passage::BabElMandeb, Passage::Gibraltar],
            )
            .expect("a path");
        assert!(
            suez.iter().all(|p| p.0 > 0.0) && suez.contains(&(29.9, 32.6)),
            "{suez:?}"
        );
        assert_eq!(suez.first(), Some(&colombo));
        assert_eq!(suez.last(), Some(&rotterdam));
    }

    #[test]
    fn permutations_of_three() {
        let p = permutations(&[1, 2, 3]);
        assert_eq!(p.len(), 6);
        assert_eq!(p[0], vec![1, 2, 3]);
        assert_eq!(p[5], vec![3, 2, 1]);
        assert_eq!(permutations(&[7]), vec![vec![7]]);
    }
}
