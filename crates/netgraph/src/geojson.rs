//! The GeoJSON line-network loader.

use std::collections::HashMap;

use crate::error::{Limit, NetgraphError, Problem};
use crate::network::{LoadOptions, PlainEdge, PlainNetwork, Problems, check_limits, coord_ok};
use crate::sphere::great_circle_km;

impl PlainNetwork {
    /// Builds a network from the `features` of a GeoJSON line network (see
    /// [`PlainNetwork::from_geojson_slice`]).
    pub(crate) fn from_geojson_features(
        features: Vec<serde_json::Value>,
        opts: &LoadOptions,
    ) -> Result<Self, NetgraphError> {
        let mut problems = Problems::new();
        let mut index: HashMap<(u64, u64), u32> = HashMap::new();
        let mut net = PlainNetwork::default();
        for (fi, f) in features.iter().enumerate() {
            let Some(geom) = f.get("geometry").filter(|g| !g.is_null()) else {
                problems.push(Problem::BadFeature {
                    feature: fi,
                    reason: "no geometry".into(),
                });
                continue;
            };
            let coords = geom.get("coordinates");
            let parts: Vec<&serde_json::Value> = match geom.get("type").and_then(|t| t.as_str()) {
                Some("LineString") => coords.into_iter().collect(),
                Some("MultiLineString") => coords
                    .and_then(|c| c.as_array())
                    .map(|a| a.iter().collect())
                    .unwrap_or_default(),
                _ => continue,
            };
            let passage = f
                .get("properties")
                .and_then(|p| p.get("passage"))
                .and_then(|p| p.as_str())
                .filter(|p| !p.is_empty());
            for part in parts {
                let Some(points) = part.as_array() else {
                    problems.push(Problem::BadFeature {
                        feature: fi,
                        reason: "coordinates is not an array of positions".into(),
                    });
                    continue;
                };
                if points.len() < 2 {
                    problems.push(Problem::BadFeature {
                        feature: fi,
                        reason: format!(
                            "a line needs at least 2 positions, found {}",
                            points.len()
                        ),
                    });
                    continue;
                }
                let mut prev: Option<u32> = None;
                for (pi, p) in points.iter().enumerate() {
                    let pos = p
                        .as_array()
                        .and_then(|a| Some([a.first()?.as_f64()?, a.get(1)?.as_f64()?]));
                    let Some([lon, lat]) = pos else {
                        problems.push(Problem::BadFeature {
                            feature: fi,
                            reason: format!("position {pi} is not [lon, lat]"),
                        });
                        prev = None;
                        continue;
                    };
                    if !coord_ok(lat, lon) {
                        problems.push(Problem::BadFeature {
                            feature: fi,
                            reason: format!("position {pi} [{lon}, {lat}] out of range"),
                        });
                        prev = None;
                        continue;
                    }
                    let key = ((lon + 0.0).to_bits(), (lat + 0.0).to_bits());
                    let next_id = u32::try_from(net.nodes.len()).unwrap_or(u32::MAX);
                    let node = *index.entry(key).or_insert_with(|| {
                        net.nodes.push([lat, lon]);
                        next_id
                    });
                    if net.nodes.len() > opts.max_nodes {
                        return Err(NetgraphError::TooLarge {
                            limit: Limit::Nodes,
                            max: opts.max_nodes,
                            found: net.nodes.len(),
                        });
                    }
                    if let Some(u) = prev.filter(|&u| u != node) {
                        let [ulat, ulon] = net.nodes[u as usize];
                        let km = great_circle_km(ulat, ulon, lat, lon);
                        if let Some(name) = passage {
                            let e = u32::try_from(net.edges.len()).unwrap_or(u32::MAX);
                            net.passages.entry(name.to_owned()).or_default().push(e);
                        }
                        net.edges.push(PlainEdge { u, v: node, km });
                        if net.edges.len() > opts.max_edges {
                            return Err(NetgraphError::TooLarge {
                                limit: Limit::Edges,
                                max: opts.max_edges,
                                found: net.edges.len(),
                            });
                        }
                    }
                    prev = Some(node);
                }
            }
        }
        check_limits(net.nodes.len(), net.edges.len(), opts)?;
        problems.finish(net)
    }
}
