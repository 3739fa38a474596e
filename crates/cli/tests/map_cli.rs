//! `silkroute map`: the SVG's structure and the PNG's size, checked by
//! parsing them.

use super::{assert_code, path_str, scratch, silkroute, stdout};

const ROUTE: [&str; 6] = [
    "--from",
    "Xi'an",
    "--to",
    "Duisburg",
    "--avoid-country",
    "RU,BY,IR",
];

/// The ids of the legs of the route `silkroute route` finds.
fn route_leg_ids() -> Vec<String> {
    let mut args = vec!["route"];
    args.extend(ROUTE);
    args.push("--json");
    let o = silkroute(&args);
    assert_code(&o, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    v["routes"][0]["legs"]
        .as_array()
        .expect("legs")
        .iter()
        .map(|l| l["id"].as_str().expect("leg id").to_string())
        .collect()
}

fn map(extra: &[&str], output: &str) {
    let mut args = vec!["map"];
    args.extend(ROUTE);
    args.extend(extra);
    args.extend(["--output", output]);
    assert_code(&silkroute(&args), 0);
}

fn by_id<'a>(doc: &'a roxmltree::Document<'_>, id: &str) -> roxmltree::Node<'a, 'a> {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no element with id {id}"))
}

/// The text of an element's `<title>` child.
fn title<'a>(n: roxmltree::Node<'a, '_>) -> Option<&'a str> {
    n.children().find(|c| c.has_tag_name("title"))?.text()
}

fn points<'a>(n: roxmltree::Node<'a, '_>) -> Vec<&'a str> {
    n.attribute("points").expect("points").split(' ').collect()
}

#[test]
fn the_route_svg_parses_with_one_path_per_leg_and_the_legend() {
    let legs = route_leg_ids();
    assert!(legs.len() >= 3, "{legs:?}");
    let dir = scratch("map-svg");
    let svg = dir.join("route.svg");
    map(&[], path_str(&svg));
    let text = std::fs::read_to_string(&svg).expect("SVG");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    assert!(doc.root_element().has_tag_name("svg"));
    assert_eq!(doc.root_element().attribute("width"), Some("1600"));

    // Each leg of the route is drawn once among the legs, and the route's
    // line runs through every point of each.
    let route = by_id(&doc, "route");
    assert!(route.has_tag_name("polyline"));
    let route_points = points(route);
    let drawn = by_id(&doc, "legs");
    for leg in &legs {
        let paths: Vec<_> = drawn
            .children()
            .filter(|n| n.has_tag_name("polyline") && title(*n) == Some(leg))
            .collect();
        assert_eq!(paths.len(), 1, "{leg}");
        for p in points(paths[0]) {
            assert!(route_points.contains(&p), "{leg}: {p} not on the route");
        }
    }
    // The route's stops: origin plus one per leg.
    let stops = by_id(&doc, "route-stops")
        .children()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(stops, legs.len() + 1);

    let legend: Vec<&str> = by_id(&doc, "legend")
        .children()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        legend,
        [
            "Legs by mode",
            "Chosen route",
            "Rail",
            "Road",
            "Ferry",
            "Sea (schematic)",
            "Terminal"
        ]
    );
    // One swatch per entry.
    let swatches = by_id(&doc, "legend")
        .children()
        .filter(|n| n.has_tag_name("line") || n.has_tag_name("circle"))
        .count();
    assert_eq!(swatches, legend.len() - 1);

    // And it is an SVG the renderer reads, at its stated size.
    let tree =
        resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).expect("a valid SVG");
    let height: f32 = doc
        .root_element()
        .attribute("height")
        .and_then(|h| h.parse().ok())
        .expect("a height");
    assert_eq!(tree.size().width(), 1600.0);
    assert_eq!(tree.size().height(), height);
}

#[test]
fn the_route_png_decodes_at_the_svg_size() {
    let dir = scratch("map-png");
    let (svg, png) = (dir.join("route.svg"), dir.join("route.png"));
    map(&["--width", "800"], path_str(&svg));
    map(&["--width", "800"], path_str(&png));
    let text = std::fs::read_to_string(&svg).expect("SVG");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let height: u32 = doc
        .root_element()
        .attribute("height")
        .and_then(|h| h.parse().ok())
        .expect("a height");
    let bytes = std::fs::read(&png).expect("PNG");
    let img = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("a PNG");
    assert_eq!((img.width(), img.height()), (800, height));
    assert!(height > 300, "{height}");
    // Drawn, not blank: the corner is the white page, the middle is map.
    let white = img.pixel(1, 1).expect("a pixel");
    assert_eq!((white.red(), white.green(), white.blue()), (255, 255, 255));
    let distinct: std::collections::HashSet<_> = img
        .pixels()
        .iter()
        .map(|p| (p.red(), p.green(), p.blue()))
        .collect();
    assert!(distinct.len() > 20, "{} colours", distinct.len());
}
