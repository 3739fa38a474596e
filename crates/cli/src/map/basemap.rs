//! The base map: Natural Earth 1:110m countries embedded from `assets/`,
//! for drawing and for telling land from sea.

use geo::{BoundingRect, Contains, Coord, Intersects, LineString, Point, Polygon, Rect};

/// Natural Earth 1:110m countries, clipped to Europe, Africa and Asia.
const BASEMAP: &str = include_str!("../../assets/ne_110m_countries.geojson");

/// One ring of a country polygon (x = longitude, y = latitude) with its
/// bounding box.
pub(super) struct Ring {
    /// The ring's points, closed.
    pub line: LineString<f64>,
    /// The ring's bounding box.
    pub bbox: Rect<f64>,
}

/// The countries of the base map.
pub(super) struct Land {
    /// Per country, its rings (outer and holes), for drawing.
    pub countries: Vec<Vec<Ring>>,
    /// The outer ring of every polygon as a polygon of its own, with its
    /// bounding box: what counts as land (the holes of the 1:110m data are
    /// enclaves, countries of their own).
    land: Vec<(Rect<f64>, Polygon<f64>)>,
}

impl Land {
    /// Loads the embedded base map.
    pub fn load() -> Land {
        // invariant: the embedded asset is valid GeoJSON (checked by a test)
        let v: serde_json::Value = serde_json::from_str(BASEMAP).unwrap_or_default();
        let mut countries = Vec::new();
        let mut land = Vec::new();
        for f in v["features"].as_array().into_iter().flatten() {
            let mut rings = Vec::new();
            for poly in f["geometry"]["coordinates"]
                .as_array()
                .into_iter()
                .flatten()
            {
                for (k, ring) in poly.as_array().into_iter().flatten().enumerate() {
                    let line: LineString<f64> = ring
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|p| {
                            Some(Coord {
                                x: p[0].as_f64()?,
                                y: p[1].as_f64()?,
                            })
                        })
                        .collect();
                    if line.0.len() < 4 {
                        continue;
                    }
                    let Some(bbox) = line.bounding_rect() else {
                        continue;
                    };
                    if k == 0 {
                        land.push((bbox, Polygon::new(line.clone(), Vec::new())));
                    }
                    rings.push(Ring { line, bbox });
                }
            }
            countries.push(rings);
        }
        Land { countries, land }
    }

    /// Whether a point is on land: inside a country's outer ring.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        let p = Point::new(lon, lat);
        self.land
            .iter()
            .any(|(bbox, poly)| bbox.intersects(&p) && poly.contains(&p))
    }

    /// Whether the straight (lat, lon) segment crosses land, ignoring the
    /// first and last `skip` degrees (ports sit on the coast, which the
    /// 1:110m outlines place only roughly). The segment is sampled every
    /// 0.1 degree.
    pub fn crosses(&self, a: (f64, f64), b: (f64, f64), skip: f64) -> bool {
        let len = (b.0 - a.0).hypot(b.1 - a.1);
        let n = ((len / 0.1).ceil() as usize).max(2);
        (0..=n).any(|i| {
            let t = i as f64 / n as f64;
            if t * len < skip || (1.0 - t) * len < skip {
                return false;
            }
            self.contains(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_map_loads() {
        let land = Land::load();
        assert!(land.countries.len() > 100);
        assert!(land.land.len() >= land.countries.len());
        // Ankara is on land, the middle of the Black Sea is not.
        assert!(land.contains(39.93, 32.85));
        assert!(!land.contains(43.3, 34.0));
    }

    #[test]
    fn a_segment_over_anatolia_crosses_land_and_one_over_the_black_sea_does_not() {
        let land = Land::load();
        // Samsun to Antalya, straight over Anatolia.
        assert!(land.crosses((41.3, 36.3), (36.9, 30.7), 0.6));
        // Along the middle of the Black Sea.
        assert!(!land.crosses((43.3, 31.0), (43.3, 37.0), 0.6));
        // Too short to test once the coastal ends are skipped.
        assert!(!land.crosses((39.9, 32.8), (40.0, 32.9), 0.6));
    }
}
