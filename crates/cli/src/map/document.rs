//! The SVG document: the base map, the legs, the route, the terminals, the
//! labels, the legend and the captions, assembled with the `svg` crate.
//!
//! Coordinates are written with one decimal (line widths with two), which
//! keeps the file small and is finer than a pixel.

use super::basemap::Land;
use super::geometry::{leg_lines, route_points};
use super::labels;
use super::legend::Legend;
use super::projection::{Layout, Projection};
use super::style::{BORDER, CorridorColors, FONT, LAND, OCEAN, ROUTE, TERMINAL, mode_color};
use super::{ColorBy, Extent};
use silkroute_core::{Mode, Network};
use silkroute_routing::Route;
use std::fmt::Write as _;
use svg::Document;
use svg::node::element::path::Data;
use svg::node::element::{
    Circle, ClipPath, Definitions, Element, Group, Path, Polyline, Rectangle, Title,
};
use svg::node::{self, Node as _};

/// What to draw.
pub(super) struct MapSpec<'a> {
    /// The network, every leg and terminal of which is drawn.
    pub net: &'a Network,
    /// The route to highlight, if any.
    pub route: Option<&'a Route>,
    /// What colours the legs.
    pub color_by: ColorBy,
    /// What the frame covers.
    pub extent: Extent,
    /// The image's width in pixels.
    pub width: f64,
    /// The title.
    pub title: &'a str,
    /// The line under the title.
    pub subtitle: &'a str,
}

/// A number with one decimal, as coordinates are written.
pub(super) fn n1(v: f64) -> String {
    format!("{v:.1}")
}

/// A number with two decimals, as line widths are written.
pub(super) fn n2(v: f64) -> String {
    format!("{v:.2}")
}

/// Attribute setting for a plain [`Element`], chainable like the crate's
/// typed elements.
pub(super) trait Attrs: Sized {
    /// The element with the attribute set.
    fn attr(self, name: &str, value: impl Into<node::Value>) -> Self;
}

impl Attrs for Element {
    fn attr(mut self, name: &str, value: impl Into<node::Value>) -> Self {
        self.assign(name, value);
        self
    }
}

/// A `<text>` element with its content on the element's line. (The
/// crate's `Text` element puts the content on lines of its own, white
/// space that renderers strip but that is not the text given.)
pub(super) fn text(content: &str) -> Element {
    let mut e = Element::new("text");
    e.append(node::Text::new(content));
    e
}

/// A rectangle at `(x, y)`, `w` by `h`.
pub(super) fn rect(x: f64, y: f64, w: f64, h: f64) -> Rectangle {
    Rectangle::new()
        .set("x", n1(x))
        .set("y", n1(y))
        .set("width", n1(w))
        .set("height", n1(h))
}

/// The `points` of a polyline through `(lat, lon)` points.
fn points(proj: &Projection, line: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (k, &(lat, lon)) in line.iter().enumerate() {
        let (x, y) = proj.xy(lat, lon);
        let _ = write!(s, "{}{x:.1},{y:.1}", if k == 0 { "" } else { " " });
    }
    s
}

/// Draws the map as an SVG document.
pub(super) fn render_svg(spec: &MapSpec<'_>) -> String {
    let net = spec.net;
    let land = Land::load();
    let lines = leg_lines(net, &land);
    let route_line = spec
        .route
        .map(|r| route_points(net, r, &lines))
        .unwrap_or_default();
    // Extent: everything drawn (or the route).
    let framed: Vec<(f64, f64)> = if spec.extent == Extent::Route && !route_line.is_empty() {
        route_line.clone()
    } else {
        let terminals = net.terminals().iter().map(|t| (t.lat, t.lon));
        lines.iter().flatten().copied().chain(terminals).collect()
    };
    let lay = Layout::framing(&framed, spec.width);
    let (u, pad, header, map_w, map_h) = (lay.u, lay.pad, lay.header, lay.map_w, lay.map_h);
    let colors = CorridorColors::of(net.legs());
    let legend = Legend::new(spec, &colors);

    let (width, height) = (format!("{:.0}", lay.width), format!("{:.0}", lay.height));
    let frame = || rect(pad, header, map_w, map_h);
    let clipped = Group::new()
        .set("clip-path", "url(#frame)")
        .add(frame().set("fill", OCEAN))
        .add(graticule(&lay))
        .add(basemap(&land, &lay))
        .add(legs(spec, &lines, &colors, &lay.proj, u))
        .add(route(&route_line, &lay.proj, u))
        .add(terminals(net, &lay.proj, u))
        .add(route_stops(spec.route, &lay.proj, u));
    let mut doc = Document::new()
        .set("width", width.as_str())
        .set("height", height.as_str())
        .set("viewBox", format!("0 0 {width} {height}"))
        .set("font-family", FONT)
        .add(Title::new(spec.title))
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "#ffffff"),
        )
        .add(Definitions::new().add(ClipPath::new().set("id", "frame").add(frame())))
        .add(clipped);
    for l in labels::place(spec, &lay, legend.size(u)) {
        doc.append(l);
    }
    doc.append(legend.draw(u, pad, header + map_h));
    // Frame, title, subtitle and credits.
    doc.append(
        frame()
            .set("fill", "none")
            .set("stroke", "#7f8c8d")
            .set("stroke-width", n1(1.0 * u)),
    );
    doc.append(caption(spec.title, pad, 44.0 * u, 28.0 * u, "#111111").attr("font-weight", "bold"));
    doc.append(caption(spec.subtitle, pad, 74.0 * u, 16.0 * u, "#444444"));
    doc.append(
        caption(
            "Base map: Natural Earth 1:110m (public domain). Sea legs drawn along schematic lanes. Made with silkroute.",
            pad + map_w,
            header + map_h + 20.0 * u,
            11.5 * u,
            "#666666",
        )
        .attr("text-anchor", "end"),
    );
    format!("{doc}\n")
}

/// A line of plain text.
fn caption(content: &str, x: f64, y: f64, size: f64, fill: &str) -> Element {
    text(content)
        .attr("x", n1(x))
        .attr("y", n1(y))
        .attr("font-size", n1(size))
        .attr("fill", fill)
}

/// A coordinate of path data: the number written with one decimal, as a
/// path's numbers are kept.
fn c1(v: f64) -> f32 {
    n1(v).parse().unwrap_or(v as f32)
}

/// The graticule every 10 degrees.
fn graticule(lay: &Layout) -> Path {
    let (pad, header) = (lay.pad, lay.header);
    let mut d = Data::new();
    let mut g = (lay.lon0 / 10.0).ceil() * 10.0;
    while g <= lay.lon1 {
        let (x, _) = lay.proj.xy(0.0, g);
        d = d
            .move_to((c1(x), c1(header)))
            .vertical_line_to(c1(header + lay.map_h));
        g += 10.0;
    }
    let mut g = (lay.lat0 / 10.0).ceil() * 10.0;
    while g <= lay.lat1 {
        let (_, y) = lay.proj.xy(g, 0.0);
        d = d
            .move_to((c1(pad), c1(y)))
            .horizontal_line_to(c1(pad + lay.map_w));
        g += 10.0;
    }
    Path::new()
        .set("d", d)
        .set("fill", "none")
        .set("stroke", "#c3d5e3")
        .set("stroke-width", n2(0.7 * lay.u))
}

/// The countries in the frame, one path each.
fn basemap(land: &Land, lay: &Layout) -> Group {
    let mut g = Group::new()
        .set("id", "basemap")
        .set("fill", LAND)
        .set("stroke", BORDER)
        .set("stroke-width", n2(0.7 * lay.u))
        .set("stroke-linejoin", "round")
        .set("fill-rule", "evenodd");
    for country in &land.countries {
        let mut d = Data::new();
        for r in country {
            let (min, max) = (r.bbox.min(), r.bbox.max());
            if max.x < lay.lon0 || min.x > lay.lon1 || max.y < lay.lat0 || min.y > lay.lat1 {
                continue;
            }
            for (k, c) in r.line.coords().enumerate() {
                let (x, y) = lay.proj.xy(c.y, c.x);
                let at = (c1(x), c1(y));
                d = if k == 0 { d.move_to(at) } else { d.line_to(at) };
            }
            d = d.close();
        }
        if !d.is_empty() {
            g = g.add(Path::new().set("d", d));
        }
    }
    g
}

/// Every leg, sea first (underneath), then ferry, road, rail; faded under
/// a route.
fn legs(
    spec: &MapSpec<'_>,
    lines: &[Vec<(f64, f64)>],
    colors: &CorridorColors,
    proj: &Projection,
    u: f64,
) -> Group {
    let opacity = if spec.route.is_some() { 0.55 } else { 0.9 };
    let mut g = Group::new()
        .set("id", "legs")
        .set("fill", "none")
        .set("stroke-linecap", "round")
        .set("stroke-linejoin", "round")
        .set("opacity", opacity);
    for m in [Mode::Sea, Mode::Ferry, Mode::Road, Mode::Rail] {
        for (i, l) in spec
            .net
            .legs()
            .iter()
            .enumerate()
            .filter(|(_, l)| l.mode == m)
        {
            let color = match spec.color_by {
                ColorBy::Mode => mode_color(l.mode),
                ColorBy::Corridor => colors.of_leg(i),
            };
            let sea = matches!(l.mode, Mode::Sea);
            let mut p = Polyline::new()
                .set("points", points(proj, &lines[i]))
                .set("stroke", color)
                .set("stroke-width", n2(if sea { 1.6 } else { 2.2 } * u));
            if sea {
                p = p.set("stroke-dasharray", dashes(u));
            }
            g = g.add(p.add(Title::new(l.id.as_str())));
        }
    }
    g
}

/// The dash pattern of sea legs.
pub(super) fn dashes(u: f64) -> String {
    format!("{:.1} {:.1}", 6.0 * u, 4.0 * u)
}

/// The route: a white halo under a dark line, leg by leg in travel order
/// (nothing without a route).
fn route(line: &[(f64, f64)], proj: &Projection, u: f64) -> Group {
    let mut g = Group::new()
        .set("fill", "none")
        .set("stroke-linecap", "round")
        .set("stroke-linejoin", "round");
    if line.is_empty() {
        return g;
    }
    let pts = points(proj, line);
    g = g.add(
        Polyline::new()
            .set("id", "route-halo")
            .set("points", pts.as_str())
            .set("stroke", "#ffffff")
            .set("stroke-width", n1(9.0 * u))
            .set("opacity", 0.9),
    );
    g.add(
        Polyline::new()
            .set("id", "route")
            .set("points", pts)
            .set("stroke", ROUTE)
            .set("stroke-width", n1(4.2 * u)),
    )
}

/// Every terminal as a dot, named in its tooltip.
fn terminals(net: &Network, proj: &Projection, u: f64) -> Group {
    let mut g = Group::new()
        .set("id", "terminals")
        .set("fill", TERMINAL)
        .set("stroke", "#ffffff")
        .set("stroke-width", n2(0.8 * u));
    for t in net.terminals() {
        let (x, y) = proj.xy(t.lat, t.lon);
        g = g.add(
            Circle::new()
                .set("cx", n1(x))
                .set("cy", n1(y))
                .set("r", n1(2.6 * u))
                .add(Title::new(t.name.as_str())),
        );
    }
    g
}

/// The route's stops: its ends large and yellow, the others white.
fn route_stops(route: Option<&Route>, proj: &Projection, u: f64) -> Group {
    let mut g = Group::new().set("id", "route-stops");
    let Some(r) = route else {
        return g;
    };
    let mut stops = vec![&r.origin];
    stops.extend(r.legs.iter().map(|l| &l.to));
    for (k, s) in stops.iter().enumerate() {
        let (x, y) = proj.xy(s.lat, s.lon);
        let end = k == 0 || k + 1 == stops.len();
        g = g.add(
            Circle::new()
                .set("cx", n1(x))
                .set("cy", n1(y))
                .set("r", n1(if end { 6.5 } else { 3.6 } * u))
                .set("fill", if end { "#ffd400" } else { "#ffffff" })
                .set("stroke", ROUTE)
                .set("stroke-width", n1(if end { 2.2 } else { 1.6 } * u)),
        );
    }
    g
}
