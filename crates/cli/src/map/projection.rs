//! The map's extent and page layout, and the equidistant cylindrical
//! projection of `(lat, lon)` onto the image.

/// An equidistant cylindrical projection onto the image.
pub(super) struct Projection {
    lon0: f64,
    lat1: f64,
    scale: f64,
    kx: f64,
    left: f64,
    top: f64,
}

impl Projection {
    /// Image coordinates of a point.
    pub fn xy(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            self.left + (lon - self.lon0) * self.kx * self.scale,
            self.top + (self.lat1 - lat) * self.scale,
        )
    }
}

/// Where everything goes: the frame of the map in degrees and on the page,
/// the page's size and the type and line scale.
pub(super) struct Layout {
    /// The projection of the map frame.
    pub proj: Projection,
    /// Westernmost longitude shown.
    pub lon0: f64,
    /// Easternmost longitude shown.
    pub lon1: f64,
    /// Southernmost latitude shown.
    pub lat0: f64,
    /// Northernmost latitude shown.
    pub lat1: f64,
    /// Type and line scale: 1 at 1600 px wide.
    pub u: f64,
    /// The page's margin left and right of the map.
    pub pad: f64,
    /// The height above the map (title and subtitle).
    pub header: f64,
    /// The map's width on the page.
    pub map_w: f64,
    /// The map's height on the page.
    pub map_h: f64,
    /// The page's width.
    pub width: f64,
    /// The page's height.
    pub height: f64,
}

impl Layout {
    /// The layout of a page `width` pixels wide framing the `(lat, lon)`
    /// points given (with a margin, within the base map; a default frame
    /// when there are none).
    pub fn framing(points: &[(f64, f64)], width: f64) -> Layout {
        let (mut lat0, mut lat1, mut lon0, mut lon1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(lat, lon) in points {
            lat0 = lat0.min(lat);
            lat1 = lat1.max(lat);
            lon0 = lon0.min(lon);
            lon1 = lon1.max(lon);
        }
        if lat0 > lat1 {
            (lat0, lat1, lon0, lon1) = (30.0, 60.0, 0.0, 120.0);
        }
        let margin = 0.08 * (lon1 - lon0).max(lat1 - lat0).max(6.0);
        let (mut lat0, mut lat1) = ((lat0 - margin).max(-85.0), (lat1 + margin).min(85.0));
        let (lon0, lon1) = ((lon0 - margin).max(-180.0), (lon1 + margin).min(180.0));
        // No thinner than 2:1, so an east-west route still shows its surroundings.
        let min_lat_span =
            0.5 * (lon1 - lon0) * ((lat0 + lat1) / 2.0).clamp(25.0, 55.0).to_radians().cos();
        if lat1 - lat0 < min_lat_span {
            let grow = (min_lat_span - (lat1 - lat0)) / 2.0;
            (lat0, lat1) = ((lat0 - grow).max(-85.0), (lat1 + grow).min(85.0));
        }
        let kx = ((lat0 + lat1) / 2.0).clamp(25.0, 55.0).to_radians().cos();
        let u = width / 1600.0;
        let pad = 24.0 * u;
        let header = 96.0 * u;
        let footer = 30.0 * u;
        let map_w = width - 2.0 * pad;
        let scale = map_w / ((lon1 - lon0) * kx);
        let map_h = (lat1 - lat0) * scale;
        Layout {
            proj: Projection {
                lon0,
                lat1,
                scale,
                kx,
                left: pad,
                top: header,
            },
            lon0,
            lon1,
            lat0,
            lat1,
            u,
            pad,
            header,
            map_w,
            map_h,
            width,
            height: header + map_h + footer,
        }
    }

    /// Whether a box `(x0, y0, x1, y1)` lies within the map frame.
    pub fn frames(&self, b: (f64, f64, f64, f64)) -> bool {
        b.0 >= self.pad
            && b.2 <= self.pad + self.map_w
            && b.1 >= self.header
            && b.3 <= self.header + self.map_h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_holds_every_point_with_a_margin() {
        let pts = [(34.3, 108.9), (51.4, 6.8)];
        let l = Layout::framing(&pts, 1600.0);
        for &(lat, lon) in &pts {
            let (x, y) = l.proj.xy(lat, lon);
            assert!(l.frames((x, y, x, y)), "({lat}, {lon}) at ({x}, {y})");
        }
        assert!(l.lon0 < 6.8 - 5.0 && l.lon1 > 108.9 + 5.0);
        // Not thinner than 2:1.
        assert!(l.map_h >= l.map_w / 2.0 - 1e-9, "{} x {}", l.map_w, l.map_h);
        assert_eq!(l.height, l.header + l.map_h + 30.0);
    }

    #[test]
    fn no_points_frame_a_default_view() {
        let l = Layout::framing(&[], 800.0);
        assert!(l.lon0 < 0.0 && l.lon1 > 120.0);
        assert!((l.u - 0.5).abs() < 1e-12);
    }
}
