//! Sphere math of the workspace: one Earth radius, great-circle distances,
//! unit vectors and chord ↔ arc conversions.
//!
//! Distances are on a sphere of radius [`EARTH_RADIUS_KM`] (the IUGG / GRS80
//! mean radius, the radius of `geo`'s [`Haversine`] and of searoute).
//! Positions are latitude and longitude in degrees (WGS84 read as a sphere).
//!
//! # Example
//! ```
//! use silkroute_netgraph::sphere;
//! // Aktau to Alat across the Caspian is about 430 km as the crow flies.
//! let km = sphere::great_circle_km(43.65, 51.17, 39.976, 49.441);
//! assert!((km - 430.0).abs() < 30.0);
//! // The chord between unit vectors converts back to the same arc.
//! let chord = sphere::chord(
//!     sphere::unit_vector(43.65, 51.17),
//!     sphere::unit_vector(39.976, 49.441),
//! );
//! assert!((sphere::chord_to_arc_km(chord) - km).abs() < 1e-6);
//! ```

use geo::{Distance as _, Haversine, Point};

/// Mean Earth radius (km): the IUGG / GRS80 mean radius, equal to the radius
/// of `geo`'s [`Haversine`] (6 371 008.8 m) and to searoute's.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Half the circumference of the sphere (km): the longest great-circle
/// distance.
pub const HALF_CIRCUMFERENCE_KM: f64 = std::f64::consts::PI * EARTH_RADIUS_KM;

/// Great-circle (haversine) distance in km between two positions given as
/// latitude and longitude in degrees.
///
/// Computed with `geo`'s [`Haversine`] on [`EARTH_RADIUS_KM`], so it is
/// exactly what `geo` gives, in km. Near-antipodal points, where rounding
/// can push the haversine term just past 1 (and `geo` would return NaN),
/// give [`HALF_CIRCUMFERENCE_KM`]. NaN only for non-finite input.
///
/// # Complexity
/// O(1).
#[must_use]
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let km = Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0;
    if km.is_nan() && [lat1, lon1, lat2, lon2].iter().all(|x| x.is_finite()) {
        HALF_CIRCUMFERENCE_KM
    } else {
        km
    }
}

/// The unit vector (x, y, z) of a position given in degrees: x towards
/// (0°, 0°), y towards (0°, 90° E), z towards the North Pole.
#[must_use]
#[inline]
pub fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

/// The Euclidean distance between two points in 3-D (for unit vectors: the
/// chord through the unit sphere, in [0, 2]).
#[must_use]
#[inline]
pub fn chord(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (dx, dy, dz) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    (dx * dx + dy * dy + dz * dz).sqrt()
}

/// The central angle (radians, in [0, π]) subtended by a chord of the unit
/// sphere; chords above 2 (rounding) count as 2.
#[must_use]
#[inline]
pub fn chord_to_angle(chord: f64) -> f64 {
    2.0 * (chord / 2.0).min(1.0).asin()
}

/// The great-circle distance (km) of a chord of the unit sphere.
#[must_use]
#[inline]
pub fn chord_to_arc_km(chord: f64) -> f64 {
    EARTH_RADIUS_KM * chord_to_angle(chord)
}

/// The chord of the unit sphere of a great-circle distance in km (clamped
/// to [0, [`HALF_CIRCUMFERENCE_KM`]]): the inverse of [`chord_to_arc_km`].
#[must_use]
#[inline]
pub fn arc_km_to_chord(km: f64) -> f64 {
    2.0 * (km.clamp(0.0, HALF_CIRCUMFERENCE_KM) / (2.0 * EARTH_RADIUS_KM)).sin()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The formula the netgraph loaders used before this module: haversine
    /// with the term clamped to [0, 1].
    fn clamped_haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
        let (la1, lo1) = (a[0].to_radians(), a[1].to_radians());
        let (la2, lo2) = (b[0].to_radians(), b[1].to_radians());
        let s1 = ((la2 - la1) / 2.0).sin();
        let s2 = ((lo2 - lo1) / 2.0).sin();
        let h = (s1 * s1 + la1.cos() * la2.cos() * s2 * s2).clamp(0.0, 1.0);
        2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
    }

    /// The formula of `silkroute_core::great_circle` (geo in metres, / 1000).
    fn core_great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
        Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0
    }

    /// A deterministic spread of positions, poles and antimeridian included.
    fn positions() -> Vec<[f64; 2]> {
        let mut out = vec![
            [90.0, 0.0],
            [-90.0, 0.0],
            [0.0, 180.0],
            [0.0, -180.0],
            [0.0, 0.0],
        ];
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..400 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            #[allow(clippy::cast_precision_loss)]
            let u = (x >> 11) as f64 / (1u64 << 53) as f64;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            #[allow(clippy::cast_precision_loss)]
            let v = (x >> 11) as f64 / (1u64 << 53) as f64;
            out.push([u * 180.0 - 90.0, v * 360.0 - 180.0]);
        }
        out
    }

    fn rel(a: f64, b: f64) -> f64 {
        (a - b).abs() / a.abs().max(b.abs()).max(1e-300)
    }

    #[test]
    fn radius_is_geos_mean_radius() {
        assert!((EARTH_RADIUS_KM * 1000.0 - Haversine.radius()).abs() < 1e-9);
        assert_eq!(EARTH_RADIUS_KM, 6371.0088);
    }

    #[test]
    fn equals_the_previous_formulas() {
        let ps = positions();
        let mut compared = 0;
        for (i, a) in ps.iter().enumerate() {
            for b in &ps[i..] {
                let got = great_circle_km(a[0], a[1], b[0], b[1]);
                let core = core_great_circle_km(a[0], a[1], b[0], b[1]);
                if !core.is_nan() {
                    assert_eq!(got.to_bits(), core.to_bits(), "{a:?} {b:?}");
                }
                let old = clamped_haversine_km(*a, *b);
                // Below a metre the relative error of either formula is
                // meaningless; compare absolutely there.
                if old > 1e-3 {
                    assert!(rel(got, old) <= 1e-12, "{a:?} {b:?}: {got} vs {old}");
                } else {
                    assert!((got - old).abs() < 1e-9, "{a:?} {b:?}: {got} vs {old}");
                }
                compared += 1;
            }
        }
        assert!(compared > 80_000);
    }

    #[test]
    fn quarter_meridian_and_antipodes() {
        let d = great_circle_km(0.0, 0.0, 90.0, 0.0);
        assert!(rel(d, EARTH_RADIUS_KM * std::f64::consts::FRAC_PI_2) < 1e-15);
        let d = great_circle_km(0.0, 0.0, 0.0, 180.0);
        assert!(rel(d, HALF_CIRCUMFERENCE_KM) < 1e-15);
        // Near-antipodal points are finite, never NaN.
        for lat in [0.1, 1e-7, 33.3, 89.9] {
            let d = great_circle_km(lat, 10.0, -lat, -170.0);
            assert!(d.is_finite() && d <= HALF_CIRCUMFERENCE_KM, "{lat}: {d}");
            assert!(rel(d, HALF_CIRCUMFERENCE_KM) < 1e-12, "{lat}: {d}");
        }
        assert!(great_circle_km(f64::NAN, 0.0, 0.0, 0.0).is_nan());
    }

    #[test]
    fn unit_vectors_and_chords_agree_with_great_circles() {
        let ps = positions();
        for w in ps.windows(2) {
            let (a, b) = (w[0], w[1]);
            let u = unit_vector(a[0], a[1]);
            assert!((chord(u, [0.0; 3]) - 1.0).abs() < 1e-15);
            let c = chord(u, unit_vector(b[0], b[1]));
            let gc = great_circle_km(a[0], a[1], b[0], b[1]);
            assert!((chord_to_arc_km(c) - gc).abs() < 1e-6, "{a:?} {b:?}");
            assert!((arc_km_to_chord(gc) - c).abs() < 1e-12, "{a:?} {b:?}");
        }
        assert_eq!(chord_to_angle(2.0 + 1e-15), std::f64::consts::PI);
        assert_eq!(arc_km_to_chord(-1.0), 0.0);
        assert!((arc_km_to_chord(1e9) - 2.0).abs() < 1e-15);
    }
}
