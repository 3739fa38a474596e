//! Place names: the route's ends, transfer points and border crossings
//! first, then the busiest hubs, each placed where it overlaps no other
//! label, the legend or the frame's edge.

use super::document::{Attrs as _, MapSpec, n1, text};
use super::projection::Layout;
use std::collections::HashSet;
use svg::node::element::Element;

/// A rough text box `(x0, y0, x1, y1)`, for keeping labels apart.
type Boxed = (f64, f64, f64, f64);

fn overlaps(a: Boxed, b: Boxed) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// A place to name: name, lat, lon, and whether it is one of the route's
/// ends (set larger, and always shown).
type Wanted = (String, f64, f64, bool);

/// The places to name, most important first.
fn wanted(spec: &MapSpec<'_>) -> Vec<Wanted> {
    let net = spec.net;
    let mut want: Vec<Wanted> = Vec::new();
    if let Some(r) = spec.route {
        want.push((r.origin.name.clone(), r.origin.lat, r.origin.lon, true));
        want.push((
            r.destination.name.clone(),
            r.destination.lat,
            r.destination.lon,
            true,
        ));
        for tr in &r.transfers {
            want.push((tr.at.name.clone(), tr.at.lat, tr.at.lon, false));
        }
        for l in &r.legs {
            if l.border.is_some() {
                want.push((l.to.name.clone(), l.to.lat, l.to.lon, false));
            }
        }
    }
    let mut degree = vec![0usize; net.terminals().len()];
    for (a, b) in net.leg_indices().filter_map(|l| net.leg_ends(l)) {
        degree[a.index()] += 1;
        degree[b.index()] += 1;
    }
    let mut hubs: Vec<usize> = (0..degree.len()).filter(|&i| degree[i] > 0).collect();
    hubs.sort_by(|&a, &b| degree[b].cmp(&degree[a]).then(a.cmp(&b)));
    let hub_count = if spec.route.is_some() { 24 } else { 40 };
    for &i in hubs.iter().take(hub_count) {
        let t = &net.terminals()[i];
        want.push((t.name.clone(), t.lat, t.lon, false));
    }
    want
}

/// The labels, placed: each name right of its point, else left, above or
/// below, wherever it fits; a name that fits nowhere is left out, unless it
/// is a route's end. `legend` is the legend's size, kept clear.
pub(super) fn place(spec: &MapSpec<'_>, lay: &Layout, legend: (f64, f64)) -> Vec<Element> {
    let (u, pad, bottom) = (lay.u, lay.pad, lay.header + lay.map_h);
    let mut taken: Vec<Boxed> = vec![(
        pad,
        bottom - legend.1 - 12.0 * u,
        pad + legend.0 + 12.0 * u,
        bottom,
    )];
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (name, lat, lon, strong) in wanted(spec) {
        if !seen.insert(name.clone()) {
            continue;
        }
        let (x, y) = lay.proj.xy(lat, lon);
        let size = if strong { 17.0 } else { 13.0 } * u;
        let w = size * 0.6 * name.chars().count() as f64;
        let gap = if strong { 10.0 } else { 6.0 } * u;
        let candidates = [
            (
                x + gap,
                y + size * 0.35,
                "start",
                (x + gap, y - size * 0.65, x + gap + w, y + size * 0.45),
            ),
            (
                x - gap,
                y + size * 0.35,
                "end",
                (x - gap - w, y - size * 0.65, x - gap, y + size * 0.45),
            ),
            (
                x,
                y - gap - 1.0 * u,
                "middle",
                (x - w / 2.0, y - gap - size, x + w / 2.0, y - gap),
            ),
            (
                x,
                y + gap + size * 0.8,
                "middle",
                (x - w / 2.0, y + gap, x + w / 2.0, y + gap + size),
            ),
        ];
        let pick = candidates
            .iter()
            .find(|c| lay.frames(c.3) && !taken.iter().any(|t| overlaps(*t, c.3)));
        let Some(&(lx, ly, anchor, bx)) = pick.or(if strong { candidates.first() } else { None })
        else {
            continue;
        };
        taken.push(bx);
        out.push(label(
            lx,
            ly,
            size,
            if strong { "bold" } else { "normal" },
            anchor,
            &name,
        ));
    }
    out
}

/// Text with a white halo, readable over lines and land.
fn label(x: f64, y: f64, size: f64, weight: &str, anchor: &str, name: &str) -> Element {
    text(name)
        .attr("x", n1(x))
        .attr("y", n1(y))
        .attr("font-size", size.to_string())
        .attr("font-weight", weight)
        .attr("text-anchor", anchor)
        .attr("fill", "#1b1b1b")
        .attr("stroke", "#ffffff")
        .attr("stroke-width", n1(size / 4.0))
        .attr("stroke-linejoin", "round")
        .attr("paint-order", "stroke")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_overlap_only_when_they_share_area() {
        let a = (0.0, 0.0, 10.0, 10.0);
        assert!(overlaps(a, (5.0, 5.0, 15.0, 15.0)));
        assert!(!overlaps(a, (10.0, 0.0, 20.0, 10.0)), "touching edges");
        assert!(!overlaps(a, (0.0, 11.0, 10.0, 20.0)));
    }

    #[test]
    fn the_network_map_names_the_busiest_hubs_once_each() {
        let net = silkroute_core::Network::eurasia();
        let spec = MapSpec {
            net: &net,
            route: None,
            color_by: super::super::ColorBy::Mode,
            extent: super::super::Extent::Network,
            width: 1600.0,
            title: "t",
            subtitle: "s",
        };
        let want = wanted(&spec);
        assert_eq!(want.len(), 40);
        assert!(want.iter().all(|w| !w.3));
        let pts: Vec<(f64, f64)> = net.terminals().iter().map(|t| (t.lat, t.lon)).collect();
        let lay = Layout::framing(&pts, 1600.0);
        let labels = place(&spec, &lay, (200.0, 150.0));
        assert!(!labels.is_empty() && labels.len() <= 40);
    }
}
