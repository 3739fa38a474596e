//! The legend in the map's lower left corner: what the lines, the dashes
//! and the dots mean.

use super::ColorBy;
use super::document::{Attrs as _, MapSpec, dashes, n1, rect, text};
use super::style::{CorridorColors, ROUTE, TERMINAL, mode_color};
use silkroute_core::Mode;
use svg::node::element::{Circle, Group, Line};

/// How an entry is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Swatch {
    /// The chosen route's thick line.
    Route,
    /// A leg's line.
    Line,
    /// A sea leg's dashed line.
    Dash,
    /// A terminal's dot.
    Dot,
}

/// The legend's title and entries.
pub(super) struct Legend {
    title: &'static str,
    entries: Vec<(Swatch, &'static str, String)>,
}

impl Legend {
    /// The legend of a map: the route (if any), the leg colours, the
    /// terminals.
    pub fn new(spec: &MapSpec<'_>, colors: &CorridorColors) -> Legend {
        let mut entries = Vec::new();
        if spec.route.is_some() {
            entries.push((Swatch::Route, ROUTE, "Chosen route".to_string()));
        }
        match spec.color_by {
            ColorBy::Mode => {
                let present = |m: Mode| spec.net.legs().iter().any(|l| l.mode == m);
                for (m, text) in [
                    (Mode::Rail, "Rail"),
                    (Mode::Road, "Road"),
                    (Mode::Ferry, "Ferry"),
                    (Mode::Sea, "Sea (schematic)"),
                ] {
                    if present(m) {
                        let swatch = if m == Mode::Sea {
                            Swatch::Dash
                        } else {
                            Swatch::Line
                        };
                        entries.push((swatch, mode_color(m), text.to_string()));
                    }
                }
            }
            ColorBy::Corridor => {
                for (t, c) in &colors.legend {
                    entries.push((Swatch::Line, *c, t.clone()));
                }
            }
        }
        entries.push((Swatch::Dot, TERMINAL, "Terminal".to_string()));
        let title = match spec.color_by {
            ColorBy::Mode => "Legs by mode",
            ColorBy::Corridor => "Legs by corridor",
        };
        Legend { title, entries }
    }

    /// The legend's width and height at type scale `u`.
    pub fn size(&self, u: f64) -> (f64, f64) {
        let longest = self
            .entries
            .iter()
            .map(|e| e.2.chars().count())
            .max()
            .unwrap_or(8) as f64;
        (
            52.0 * u + longest * 13.0 * 0.6 * u + 16.0 * u,
            14.0 * u + 20.0 * u * self.entries.len() as f64 + 24.0 * u,
        )
    }

    /// The legend drawn in the corner above `bottom`, right of `left`.
    pub fn draw(&self, u: f64, left: f64, bottom: f64) -> Group {
        let (w, h) = self.size(u);
        let (x0, y0) = (left + 12.0 * u, bottom - 12.0 * u - h);
        let mut g = Group::new().set("id", "legend").add(
            rect(x0, y0, w, h)
                .set("rx", n1(4.0 * u))
                .set("fill", "#ffffff")
                .set("fill-opacity", 0.92)
                .set("stroke", "#95a5a6")
                .set("stroke-width", n1(0.8 * u)),
        );
        g = g.add(
            text(self.title)
                .attr("x", n1(x0 + 12.0 * u))
                .attr("y", n1(y0 + 22.0 * u))
                .attr("font-size", n1(13.5 * u))
                .attr("font-weight", "bold")
                .attr("fill", "#222222"),
        );
        for (k, (swatch, color, label)) in self.entries.iter().enumerate() {
            let y = y0 + 44.0 * u + 20.0 * u * k as f64;
            let (xa, xb) = (x0 + 12.0 * u, x0 + 42.0 * u);
            let line = || {
                Line::new()
                    .set("x1", n1(xa))
                    .set("y1", n1(y))
                    .set("x2", n1(xb))
                    .set("y2", n1(y))
                    .set("stroke", *color)
            };
            g = match swatch {
                Swatch::Dot => g.add(
                    Circle::new()
                        .set("cx", n1((xa + xb) / 2.0))
                        .set("cy", n1(y))
                        .set("r", n1(3.0 * u))
                        .set("fill", *color)
                        .set("stroke", "#ffffff")
                        .set("stroke-width", n1(0.8 * u)),
                ),
                Swatch::Route => g.add(
                    line()
                        .set("stroke-width", n1(4.2 * u))
                        .set("stroke-linecap", "round"),
                ),
                Swatch::Line => g.add(line().set("stroke-width", n1(2.4 * u))),
                Swatch::Dash => g.add(
                    line()
                        .set("stroke-width", n1(2.4 * u))
                        .set("stroke-dasharray", dashes(u)),
                ),
            };
            g = g.add(
                text(label)
                    .attr("x", n1(xb + 10.0 * u))
                    .attr("y", n1(y + 4.5 * u))
                    .attr("font-size", n1(13.0 * u))
                    .attr("fill", "#222222"),
            );
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use silkroute_core::Network;

    fn spec<'a>(net: &'a Network, color_by: ColorBy) -> MapSpec<'a> {
        MapSpec {
            net,
            route: None,
            color_by,
            extent: super::super::Extent::Network,
            width: 1600.0,
            title: "t",
            subtitle: "s",
        }
    }

    #[test]
    fn the_mode_legend_lists_the_modes_present_and_terminals() {
        let net = Network::eurasia();
        let colors = CorridorColors::of(net.legs());
        let l = Legend::new(&spec(&net, ColorBy::Mode), &colors);
        let texts: Vec<&str> = l.entries.iter().map(|e| e.2.as_str()).collect();
        assert_eq!(
            texts,
            ["Rail", "Road", "Ferry", "Sea (schematic)", "Terminal"]
        );
        assert_eq!(l.entries[3].0, Swatch::Dash);
        let (w, h) = l.size(1.0);
        assert_eq!(h, 14.0 + 20.0 * 5.0 + 24.0);
        assert!((w - (52.0 + 15.0 * 13.0 * 0.6 + 16.0)).abs() < 1e-9);
    }

    #[test]
    fn the_corridor_legend_lists_the_tags() {
        let net = Network::eurasia();
        let colors = CorridorColors::of(net.legs());
        let l = Legend::new(&spec(&net, ColorBy::Corridor), &colors);
        assert_eq!(l.entries.len(), colors.legend.len() + 1);
        assert_eq!(l.title, "Legs by corridor");
    }
}
