//! `silkroute map`: the network (and a chosen route) drawn over a base map
//! of country borders and coastlines, as SVG or PNG.
//!
//! The SVG is built by hand: an equidistant cylindrical projection, the
//! Natural Earth 1:110m countries embedded from `assets/` (public domain),
//! legs coloured by mode or corridor, terminals as dots, the busiest hubs
//! labelled, a legend and a title. The PNG is that SVG rendered by `resvg`
//! with the system fonts; without any font it keeps everything but the text.
//!
//! Legs carry only their end points, so a sea leg drawn straight would cut
//! across continents (Colombo–Port Said over Arabia). A sea or ferry leg
//! whose straight line crosses land is drawn along a small schematic graph
//! of sea lanes instead, through the passages the leg declares (Suez, the
//! Cape, Malacca…) and none that it does not.

use crate::output::CliError;
use crate::route_cmds::RouteOptions;
use clap::{Args, ValueEnum};
use silkroute_core::{Leg, Mode, Network, Passage};
use silkroute_routing::Route;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Natural Earth 1:110m countries, clipped to Europe, Africa and Asia.
const BASEMAP: &str = include_str!("../assets/ne_110m_countries.geojson");

/// What colours the legs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorBy {
    /// Rail, road, sea and ferry.
    Mode,
    /// The leg's most specific corridor tag.
    Corridor,
}

/// What the map's frame covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Extent {
    /// Every leg and terminal of the network.
    Network,
    /// The route, with a margin (the network when there is no route).
    Route,
}

/// Arguments of `silkroute map`.
#[derive(Debug, Clone, Args)]
pub struct MapArgs {
    /// Origin of a route to highlight (with --to).
    #[arg(
        long,
        value_name = "TERMINAL",
        requires = "to",
        allow_hyphen_values = true
    )]
    pub from: Option<String>,
    /// Destination of the route to highlight (with --from).
    #[arg(
        long,
        value_name = "TERMINAL",
        requires = "from",
        allow_hyphen_values = true
    )]
    pub to: Option<String>,
    #[command(flatten)]
    pub options: RouteOptions,
    /// What colours the legs.
    #[arg(long, value_enum, default_value = "mode")]
    pub color_by: ColorBy,
    /// The file to write: FILE.svg or FILE.png.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Width of the image in pixels.
    #[arg(long, value_name = "PX", default_value_t = 1600,
          value_parser = clap::value_parser!(u32).range(400..=8000))]
    pub width: u32,
    /// What the map shows: the whole network, or the route and its
    /// surroundings [default: route when --from/--to are given].
    #[arg(long, value_enum)]
    pub extent: Option<Extent>,
    /// Title (default: the route's endpoints, or the network's name).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// Runs `silkroute map`.
///
/// # Errors
/// A usage error for an unknown terminal, a bad option or an unsupported
/// extension; a no-result error when no route exists; a file error when the
/// image cannot be written.
pub fn run(args: &MapArgs, out: crate::output::Out<'_>) -> Result<(), CliError> {
    let kind = match args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
    {
        Some(e) if e == "svg" => ImageKind::Svg,
        Some(e) if e == "png" => ImageKind::Png,
        _ => {
            return Err(CliError::Usage(format!(
                "cannot tell the image format of {}: name it FILE.svg or FILE.png",
                args.output.display()
            )));
        }
    };
    let engine = args
        .options
        .engine(silkroute_routing::RouterLimits::default())?;
    let route = match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let req = args.options.routing_request(&engine, from, to)?;
            match engine.router().best(&req) {
                Ok(r) => Some(r),
                Err(e) if e.kind() == "no_route" => return Err(CliError::NoResult(e.to_string())),
                Err(e) => return Err(CliError::Usage(e.to_string())),
            }
        }
        _ => None,
    };
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| default_title(engine.network(), route.as_ref(), args));
    let subtitle = subtitle(engine.network(), route.as_ref(), args);
    let svg = render_svg(&MapSpec {
        net: engine.network(),
        route: route.as_ref(),
        color_by: args.color_by,
        extent: args.extent.unwrap_or(if route.is_some() {
            Extent::Route
        } else {
            Extent::Network
        }),
        width: f64::from(args.width),
        title: &title,
        subtitle: &subtitle,
    });
    let bytes = match kind {
        ImageKind::Svg => svg.into_bytes(),
        ImageKind::Png => {
            let (png, fonts) = svg_to_png(&svg)?;
            if !fonts {
                writeln!(
                    std::io::stderr(),
                    "note: no system font found, so the PNG has no text; the SVG version keeps it"
                )?;
            }
            png
        }
    };
    write_file(&args.output, &bytes)?;
    writeln!(out, "wrote {}", args.output.display())?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImageKind {
    Svg,
    Png,
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|source| CliError::File {
        path: path.to_path_buf(),
        source,
    })
}

fn objective_word(objective: &str) -> &'static str {
    match objective {
        "time" => "fastest",
        "distance" => "shortest",
        "co2e" => "lowest-CO2e",
        "generalized" => "best generalized-cost",
        _ => "cheapest",
    }
}

fn default_title(net: &Network, route: Option<&Route>, args: &MapArgs) -> String {
    match route {
        Some(r) => format!(
            "{} → {}: the {} route",
            r.origin.name,
            r.destination.name,
            objective_word(&args.options.objective)
        ),
        None => match &net.meta().name {
            Some(name) => {
                let mut c = name.chars();
                let first: String = c
                    .next()
                    .map(|f| f.to_uppercase().collect())
                    .unwrap_or_default();
                format!("{first}{} freight network", c.as_str())
            }
            None => "Freight network".to_string(),
        },
    }
}

fn subtitle(net: &Network, route: Option<&Route>, args: &MapArgs) -> String {
    let o = &args.options;
    let mut limits = Vec::new();
    if !o.avoid_country.is_empty() {
        limits.push(format!("avoiding {}", o.avoid_country.join(", ")));
    }
    if !o.avoid_passage.is_empty() {
        limits.push(format!("avoiding {}", o.avoid_passage.join(", ")));
    }
    if !o.avoid_terminal.is_empty() {
        limits.push(format!("avoiding {}", o.avoid_terminal.join(", ")));
    }
    if !o.modes.is_empty() {
        limits.push(format!("by {} only", o.modes.join(", ")));
    }
    let limits = if limits.is_empty() {
        String::new()
    } else {
        format!("   ({})", limits.join("; "))
    };
    match route {
        Some(r) => {
            let t = &r.totals;
            format!(
                "{:.1} days · {} USD · {:.2} t CO2e · {} km · {} transfers · {}{limits}",
                t.time.get() / 24.0,
                thousands(t.cost.get()),
                t.co2e.get() / 1000.0,
                thousands(t.distance.get()),
                t.transfers,
                r.corridor_name.as_deref().unwrap_or("no named corridor"),
            )
        }
        None => format!(
            "{} terminals, {} legs{}",
            net.terminals().len(),
            net.legs().len(),
            net.meta()
                .dataset_version
                .as_ref()
                .map(|v| format!(" · dataset {v}"))
                .unwrap_or_default()
        ),
    }
}

/// Formats a number rounded to units with thin thousands separators.
fn thousands(v: f64) -> String {
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < -0.5 { format!("-{out}") } else { out }
}

// --- Base map and land test --------------------------------------------------

/// One ring of a country polygon, `(lon, lat)` points, with its bounding box.
struct Ring {
    pts: Vec<(f64, f64)>,
    outer: bool,
    min: (f64, f64),
    max: (f64, f64),
}

/// The countries of the base map.
struct Land {
    /// Per country, its rings.
    countries: Vec<Vec<Ring>>,
}

impl Land {
    fn load() -> Land {
        // invariant: the embedded asset is valid GeoJSON (checked by a test)
        let v: serde_json::Value = serde_json::from_str(BASEMAP).unwrap_or_default();
        let mut countries = Vec::new();
        for f in v["features"].as_array().into_iter().flatten() {
            let mut rings = Vec::new();
            for poly in f["geometry"]["coordinates"]
                .as_array()
                .into_iter()
                .flatten()
            {
                for (k, ring) in poly.as_array().into_iter().flatten().enumerate() {
                    let pts: Vec<(f64, f64)> = ring
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                        .collect();
                    if pts.len() < 4 {
                        continue;
                    }
                    let min = pts
                        .iter()
                        .fold((f64::MAX, f64::MAX), |m, p| (m.0.min(p.0), m.1.min(p.1)));
                    let max = pts
                        .iter()
                        .fold((f64::MIN, f64::MIN), |m, p| (m.0.max(p.0), m.1.max(p.1)));
                    rings.push(Ring {
                        pts,
                        outer: k == 0,
                        min,
                        max,
                    });
                }
            }
            countries.push(rings);
        }
        Land { countries }
    }

    /// Whether a point is inside a country's outer ring.
    fn contains(&self, lat: f64, lon: f64) -> bool {
        self.countries.iter().flatten().any(|r| {
            if !r.outer || lon < r.min.0 || lon > r.max.0 || lat < r.min.1 || lat > r.max.1 {
                return false;
            }
            let mut inside = false;
            for w in r.pts.windows(2) {
                let ((xa, ya), (xb, yb)) = (w[0], w[1]);
                if (ya > lat) != (yb > lat) && lon < xa + (lat - ya) * (xb - xa) / (yb - ya) {
                    inside = !inside;
                }
            }
            inside
        })
    }

    /// Whether the straight (lat, lon) segment crosses land, ignoring the
    /// first and last `skip` degrees (ports sit on the coast, which the
    /// 1:110m outlines place only roughly).
    fn crosses(&self, a: (f64, f64), b: (f64, f64), skip: f64) -> bool {
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

// --- Sea lanes ---------------------------------------------------------------

/// Points of a schematic sea-lane graph `(id, lat, lon, passage)`, checked
/// against the base map: no lane crosses land except through the straits
/// and the Suez Canal, which are narrower than the 1:110m outlines.
const LANE_NODES: &[(&str, f64, f64, Option<Passage>)] = &[
    ("ecs", 30.5, 124.0, None),
    ("yel", 34.3, 121.0, None),
    ("twn", 24.3, 119.9, None),
    ("scs-n", 19.5, 115.5, None),
    ("scs-s", 9.0, 109.8, None),
    ("sgp-e", 1.3, 104.8, None),
    ("sgp", 1.0, 103.9, None),
    ("sgp-w", 1.0, 103.3, None),
    ("malacca", 2.5, 101.2, Some(Passage::Malacca)),
    ("andaman", 6.5, 96.8, None),
    ("dondra", 5.3, 80.3, None),
    ("comorin", 7.4, 77.0, None),
    ("arab-e", 18.0, 71.3, None),
    ("arab-c", 15.0, 63.0, None),
    ("ras-hadd", 22.3, 60.5, None),
    ("gulf-oman", 24.6, 58.6, None),
    ("hormuz", 26.4, 56.6, Some(Passage::Hormuz)),
    ("socotra", 13.5, 54.0, None),
    ("aden", 12.0, 47.5, None),
    ("bab", 12.6, 43.3, Some(Passage::BabElMandeb)),
    ("red-s", 15.5, 41.6, None),
    ("red-c", 20.0, 38.6, None),
    ("red-n", 24.0, 36.2, None),
    ("gulf-suez", 27.7, 33.9, None),
    ("suez", 29.9, 32.6, Some(Passage::Suez)),
    ("ps-n", 31.7, 32.3, None),
    ("cyprus-e", 35.5, 35.0, None),
    ("crete-e", 35.0, 26.8, None),
    ("crete-s", 34.5, 24.5, None),
    ("crete-sw", 34.9, 23.2, None),
    ("ionian", 35.8, 16.0, None),
    ("malea", 35.9, 23.5, None),
    ("saronic", 37.4, 23.9, None),
    ("aegean", 38.6, 25.0, None),
    ("dardanelles", 40.05, 26.2, Some(Passage::Dardanelles)),
    ("marmara", 40.75, 28.0, None),
    ("bosporus", 41.15, 29.07, Some(Passage::Bosporus)),
    ("black-sw", 42.3, 29.4, None),
    ("black-c", 43.3, 33.5, None),
    ("black-e", 42.5, 39.5, None),
    ("sicily-ch", 37.2, 11.6, None),
    ("sardinia-s", 37.9, 9.0, None),
    ("w-sardinia", 39.6, 7.6, None),
    ("w-corsica", 42.2, 7.9, None),
    ("ligurian", 43.6, 8.8, None),
    ("balearic-s", 37.8, 2.0, None),
    ("alboran", 36.1, -2.5, None),
    ("gibraltar", 35.95, -5.6, Some(Passage::Gibraltar)),
    ("st-vincent", 36.5, -9.8, None),
    ("finisterre", 43.3, -10.0, None),
    ("ushant", 48.5, -6.0, None),
    ("channel-w", 49.6, -3.5, None),
    ("channel-c", 50.2, -1.0, None),
    ("dover", 51.0, 1.5, None),
    ("north-sea-s", 52.5, 3.0, None),
    ("german-bight", 54.2, 7.8, None),
    ("north-sea-n", 57.5, 7.0, None),
    ("skagen", 58.0, 10.5, None),
    ("kattegat", 57.0, 11.6, None),
    ("sound", 55.6, 12.8, None),
    ("baltic-sw", 55.0, 14.5, None),
    ("baltic-c", 56.5, 19.5, None),
    ("baltic-n", 58.5, 20.3, None),
    ("gulf-fin-w", 59.4, 22.5, None),
    ("gulf-fin-e", 59.95, 27.0, None),
    ("karimata", -1.5, 107.5, None),
    ("java-w", -5.0, 106.8, None),
    ("sunda", -6.0, 105.8, Some(Passage::Sunda)),
    ("io-s", -15.0, 85.0, None),
    ("io-w", -5.0, 70.0, None),
    ("sw-io", -24.0, 60.0, None),
    ("s-madagascar", -28.5, 46.0, None),
    ("agulhas", -36.0, 22.0, None),
    ("cape", -35.3, 18.0, Some(Passage::CapeOfGoodHope)),
    ("se-atl", -25.0, 5.0, None),
    ("cape-verde", 15.0, -20.0, None),
    ("canaries", 28.5, -19.0, None),
    ("casp-n", 44.3, 49.3, None),
    ("casp-c", 42.3, 50.6, None),
    ("absheron", 40.1, 50.9, None),
    ("casp-s", 38.3, 50.6, None),
    ("casp-se", 39.5, 52.3, None),
];

/// The lanes, both ways.
const LANE_EDGES: &[(&str, &str)] = &[
    ("ecs", "yel"),
    ("ecs", "twn"),
    ("twn", "scs-n"),
    ("scs-n", "scs-s"),
    ("scs-s", "sgp-e"),
    ("sgp-e", "sgp"),
    ("sgp", "sgp-w"),
    ("sgp-w", "malacca"),
    ("malacca", "andaman"),
    ("andaman", "dondra"),
    ("dondra", "comorin"),
    ("comorin", "arab-e"),
    ("comorin", "arab-c"),
    ("dondra", "socotra"),
    ("arab-e", "arab-c"),
    ("arab-e", "ras-hadd"),
    ("arab-c", "ras-hadd"),
    ("ras-hadd", "gulf-oman"),
    ("gulf-oman", "hormuz"),
    ("arab-c", "socotra"),
    ("arab-e", "socotra"),
    ("socotra", "aden"),
    ("aden", "bab"),
    ("bab", "red-s"),
    ("red-s", "red-c"),
    ("red-c", "red-n"),
    ("red-n", "gulf-suez"),
    ("gulf-suez", "suez"),
    ("suez", "ps-n"),
    ("ps-n", "cyprus-e"),
    ("ps-n", "crete-e"),
    ("ps-n", "crete-s"),
    ("crete-e", "aegean"),
    ("crete-e", "saronic"),
    ("crete-s", "crete-sw"),
    ("crete-sw", "malea"),
    ("malea", "saronic"),
    ("saronic", "aegean"),
    ("aegean", "dardanelles"),
    ("dardanelles", "marmara"),
    ("marmara", "bosporus"),
    ("bosporus", "black-sw"),
    ("black-sw", "black-c"),
    ("black-c", "black-e"),
    ("crete-sw", "ionian"),
    ("malea", "ionian"),
    ("ionian", "sicily-ch"),
    ("sicily-ch", "sardinia-s"),
    ("sardinia-s", "w-sardinia"),
    ("w-sardinia", "w-corsica"),
    ("w-corsica", "ligurian"),
    ("sardinia-s", "balearic-s"),
    ("w-sardinia", "balearic-s"),
    ("balearic-s", "alboran"),
    ("alboran", "gibraltar"),
    ("gibraltar", "st-vincent"),
    ("st-vincent", "finisterre"),
    ("finisterre", "ushant"),
    ("ushant", "channel-w"),
    ("channel-w", "channel-c"),
    ("channel-c", "dover"),
    ("dover", "north-sea-s"),
    ("north-sea-s", "german-bight"),
    ("north-sea-s", "north-sea-n"),
    ("german-bight", "north-sea-n"),
    ("north-sea-n", "skagen"),
    ("skagen", "kattegat"),
    ("kattegat", "sound"),
    ("sound", "baltic-sw"),
    ("baltic-sw", "baltic-c"),
    ("baltic-c", "baltic-n"),
    ("baltic-n", "gulf-fin-w"),
    ("gulf-fin-w", "gulf-fin-e"),
    ("sgp-e", "karimata"),
    ("karimata", "java-w"),
    ("java-w", "sunda"),
    ("sunda", "io-s"),
    ("io-s", "sw-io"),
    ("dondra", "io-w"),
    ("io-w", "sw-io"),
    ("sw-io", "s-madagascar"),
    ("s-madagascar", "agulhas"),
    ("agulhas", "cape"),
    ("cape", "se-atl"),
    ("se-atl", "cape-verde"),
    ("cape-verde", "canaries"),
    ("canaries", "finisterre"),
    ("canaries", "st-vincent"),
    ("casp-n", "casp-c"),
    ("casp-c", "absheron"),
    ("absheron", "casp-s"),
    ("absheron", "casp-se"),
    ("casp-c", "casp-se"),
    ("casp-s", "casp-se"),
];

/// Approximate km between two (lat, lon) points, for lane lengths.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    silkroute_core::great_circle(a.0, a.1, b.0, b.1).get()
}

/// The sea-lane graph.
struct Lanes {
    pos: Vec<(f64, f64)>,
    passage: Vec<Option<Passage>>,
    adj: Vec<Vec<usize>>,
}

impl Lanes {
    fn new() -> Lanes {
        let index: HashMap<&str, usize> = LANE_NODES
            .iter()
            .enumerate()
            .map(|(i, n)| (n.0, i))
            .collect();
        let mut adj = vec![Vec::new(); LANE_NODES.len()];
        for (a, b) in LANE_EDGES {
            if let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) {
                adj[a].push(b);
                adj[b].push(a);
            }
        }
        Lanes {
            pos: LANE_NODES.iter().map(|n| (n.1, n.2)).collect(),
            passage: LANE_NODES.iter().map(|n| n.3).collect(),
            adj,
        }
    }

    /// The lane nodes a port at `p` joins: the nearest three whose
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

    /// Dijkstra over the lanes plus the two ports (`n` and `n + 1`).
    fn shortest(
        &self,
        ends: [(f64, f64); 2],
        links: &[Vec<usize>; 2],
        allowed: &[bool],
        from: usize,
        to: usize,
    ) -> Option<(f64, Vec<usize>)> {
        let n = self.pos.len();
        let at = |i: usize| if i < n { self.pos[i] } else { ends[i - n] };
        let neighbours = |i: usize| -> Vec<usize> {
            if i >= n {
                return links[i - n].clone();
            }
            let mut v: Vec<usize> = self.adj[i]
                .iter()
                .copied()
                .filter(|&j| allowed[j])
                .collect();
            for (k, l) in links.iter().enumerate() {
                if l.contains(&i) {
                    v.push(n + k);
                }
            }
            v
        };
        let mut dist = vec![f64::INFINITY; n + 2];
        let mut prev = vec![usize::MAX; n + 2];
        let mut done = vec![false; n + 2];
        dist[from] = 0.0;
        loop {
            let u = (0..n + 2)
                .filter(|&i| !done[i] && dist[i].is_finite())
                .min_by(|&a, &b| dist[a].total_cmp(&dist[b]))?;
            if u == to {
                break;
            }
            done[u] = true;
            for v in neighbours(u) {
                let d = dist[u] + km(at(u), at(v));
                if d < dist[v] {
                    dist[v] = d;
                    prev[v] = u;
                }
            }
        }
        let mut path = vec![to];
        while let Some(&p) = path.last().map(|&l| &prev[l]) {
            if p == usize::MAX {
                break;
            }
            path.push(p);
        }
        path.reverse();
        Some((dist[to], path))
    }

    /// A drawing of a sea leg from `a` to `b` along the lanes, through the
    /// passages it declares and none of the others.
    fn path(
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
        let mut best: Option<(f64, Vec<usize>)> = None;
        for order in permutations(&required) {
            let stops: Vec<usize> = std::iter::once(n)
                .chain(order)
                .chain(std::iter::once(n + 1))
                .collect();
            let mut total = 0.0;
            let mut nodes = vec![n];
            let mut ok = true;
            for w in stops.windows(2) {
                match self.shortest([a, b], &links, &allowed, w[0], w[1]) {
                    Some((d, p)) => {
                        total += d;
                        nodes.extend(&p[1..]);
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && best.as_ref().is_none_or(|(d, _)| total < *d) {
                best = Some((total, nodes));
            }
        }
        let (_, nodes) = best?;
        Some(
            nodes
                .into_iter()
                .map(|i| if i < n { self.pos[i] } else { [a, b][i - n] })
                .collect(),
        )
    }
}

/// The route's drawing, leg by leg in travel order.
fn route_points(net: &Network, r: &Route, lines: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for rl in &r.legs {
        let Some(idx) = net.leg_idx(rl.leg.as_str()) else {
            continue;
        };
        let mut pts = lines[idx.index()].clone();
        if net.leg_ends(idx).expect("index from this network").0 != rl.from.idx {
            pts.reverse();
        }
        for p in pts {
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// Every order of a few items (at most 4 passages per leg in practice).
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

/// How each leg is drawn, `(lat, lon)` points from its `from` to its `to` end.
fn leg_lines(net: &Network, land: &Land) -> Vec<Vec<(f64, f64)>> {
    let lanes = Lanes::new();
    net.legs()
        .iter()
        .map(|l| {
            let g = l.geometry.clone();
            if !matches!(l.mode, Mode::Sea | Mode::Ferry)
                || g.len() != 2
                || !land.crosses(g[0], g[1], 0.6)
            {
                return g;
            }
            match lanes.path(land, g[0], g[1], &l.passages) {
                // A lane drawing far longer than the leg is a worse lie than a straight line.
                Some(p) if polyline_km(&p) <= 2.0 * l.distance.get().max(km(g[0], g[1])) => p,
                _ => g,
            }
        })
        .collect()
}

fn polyline_km(p: &[(f64, f64)]) -> f64 {
    p.windows(2).map(|w| km(w[0], w[1])).sum()
}

// --- Drawing -----------------------------------------------------------------

/// What to draw.
struct MapSpec<'a> {
    net: &'a Network,
    route: Option<&'a Route>,
    color_by: ColorBy,
    extent: Extent,
    width: f64,
    title: &'a str,
    subtitle: &'a str,
}

/// An equidistant cylindrical projection onto the image.
struct Projection {
    lon0: f64,
    lat1: f64,
    scale: f64,
    kx: f64,
    left: f64,
    top: f64,
}

impl Projection {
    fn xy(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            self.left + (lon - self.lon0) * self.kx * self.scale,
            self.top + (self.lat1 - lat) * self.scale,
        )
    }
}

const FONT: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
const OCEAN: &str = "#d8e6f0";
const LAND: &str = "#f3f0e8";
const BORDER: &str = "#bdb6a8";
const ROUTE: &str = "#111111";

fn mode_color(m: Mode) -> &'static str {
    match m {
        Mode::Rail => "#c0392b",
        Mode::Road => "#e67e22",
        Mode::Sea => "#2471a3",
        _ => "#7d3c98",
    }
}

/// A palette for corridor tags, most used first.
const PALETTE: [&str; 16] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#393b79", "#637939", "#e7969c", "#843c39", "#31a354", "#6baed6", "#7f7f7f",
];

/// Each leg's corridor tag for colouring: its least common tag (the most
/// specific), and the tags in legend order with their colours.
fn corridor_colors(legs: &[Leg]) -> (Vec<Option<String>>, Vec<(String, &'static str)>) {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for l in legs {
        for t in &l.corridors {
            *count.entry(t.as_str()).or_default() += 1;
        }
    }
    let pick: Vec<Option<String>> = legs
        .iter()
        .map(|l| {
            l.corridors
                .iter()
                .min_by(|a, b| count[a.as_str()].cmp(&count[b.as_str()]).then(a.cmp(b)))
                .cloned()
        })
        .collect();
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for t in pick.iter().flatten() {
        *used.entry(t.as_str()).or_default() += 1;
    }
    let mut order: Vec<(&str, usize)> = used.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let legend = order
        .iter()
        .enumerate()
        .map(|(i, (t, _))| (t.to_string(), PALETTE.get(i).copied().unwrap_or("#999999")))
        .collect();
    (pick, legend)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn points(proj: &Projection, line: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (k, &(lat, lon)) in line.iter().enumerate() {
        let (x, y) = proj.xy(lat, lon);
        let _ = write!(s, "{}{x:.1},{y:.1}", if k == 0 { "" } else { " " });
    }
    s
}

/// Text with a white halo, readable over lines and land.
fn label(svg: &mut String, x: f64, y: f64, size: f64, weight: &str, anchor: &str, text: &str) {
    let _ = writeln!(
        svg,
        r##"<text x="{x:.1}" y="{y:.1}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" fill="#1b1b1b" stroke="#ffffff" stroke-width="{:.1}" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
        size / 4.0,
        esc(text)
    );
}

/// A rough text box, for keeping labels apart.
type Boxed = (f64, f64, f64, f64);

fn overlaps(a: Boxed, b: Boxed) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Draws the map as an SVG document.
fn render_svg(spec: &MapSpec<'_>) -> String {
    let net = spec.net;
    let land = Land::load();
    let lines = leg_lines(net, &land);
    // Extent: everything drawn (or the route), plus a margin, within the base map.
    let route_line = spec
        .route
        .map(|r| route_points(net, r, &lines))
        .unwrap_or_default();
    let terminals: Vec<(f64, f64)> = net.terminals().iter().map(|t| (t.lat, t.lon)).collect();
    let framed: Vec<(f64, f64)> = if spec.extent == Extent::Route && !route_line.is_empty() {
        route_line.clone()
    } else {
        lines.iter().flatten().copied().chain(terminals).collect()
    };
    let (mut lat0, mut lat1, mut lon0, mut lon1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(lat, lon) in &framed {
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
    let width = spec.width;
    let u = width / 1600.0; // type and line scale
    let pad = 24.0 * u;
    let header = 96.0 * u;
    let footer = 30.0 * u;
    let map_w = width - 2.0 * pad;
    let scale = map_w / ((lon1 - lon0) * kx);
    let map_h = (lat1 - lat0) * scale;
    let height = header + map_h + footer;
    let proj = Projection {
        lon0,
        lat1,
        scale,
        kx,
        left: pad,
        top: header,
    };

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONT}">"#
    );
    let _ = writeln!(svg, r#"<title>{}</title>"#, esc(spec.title));
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r#"<defs><clipPath id="frame"><rect x="{pad:.1}" y="{header:.1}" width="{map_w:.1}" height="{map_h:.1}"/></clipPath></defs>"#
    );
    let _ = writeln!(svg, r#"<g clip-path="url(#frame)">"#);
    let _ = writeln!(
        svg,
        r#"<rect x="{pad:.1}" y="{header:.1}" width="{map_w:.1}" height="{map_h:.1}" fill="{OCEAN}"/>"#
    );
    // Graticule every 10 degrees.
    let mut grid = String::new();
    let mut g = (lon0 / 10.0).ceil() * 10.0;
    while g <= lon1 {
        let (x, _) = proj.xy(0.0, g);
        let _ = write!(grid, "M{x:.1},{header:.1}V{:.1}", header + map_h);
        g += 10.0;
    }
    let mut g = (lat0 / 10.0).ceil() * 10.0;
    while g <= lat1 {
        let (_, y) = proj.xy(g, 0.0);
        let _ = write!(grid, "M{pad:.1},{y:.1}H{:.1}", pad + map_w);
        g += 10.0;
    }
    let _ = writeln!(
        svg,
        r##"<path d="{grid}" fill="none" stroke="#c3d5e3" stroke-width="{:.2}"/>"##,
        0.7 * u
    );
    // Countries.
    let _ = writeln!(
        svg,
        r#"<g id="basemap" fill="{LAND}" stroke="{BORDER}" stroke-width="{:.2}" stroke-linejoin="round" fill-rule="evenodd">"#,
        0.7 * u
    );
    for country in &land.countries {
        let mut d = String::new();
        for r in country {
            if r.max.0 < lon0 || r.min.0 > lon1 || r.max.1 < lat0 || r.min.1 > lat1 {
                continue;
            }
            for (k, &(lon, lat)) in r.pts.iter().enumerate() {
                let (x, y) = proj.xy(lat, lon);
                let _ = write!(d, "{}{x:.1},{y:.1}", if k == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        if !d.is_empty() {
            let _ = writeln!(svg, r#"<path d="{d}"/>"#);
        }
    }
    let _ = writeln!(svg, "</g>");

    // Legs: sea first (underneath), then ferry, road, rail.
    let faded = spec.route.is_some();
    let opacity = if faded { 0.55 } else { 0.9 };
    let (tags, tag_legend) = corridor_colors(net.legs());
    let _ = writeln!(
        svg,
        r#"<g id="legs" fill="none" stroke-linecap="round" stroke-linejoin="round" opacity="{opacity}">"#
    );
    let layer_order = [Mode::Sea, Mode::Ferry, Mode::Road, Mode::Rail];
    for m in layer_order {
        for (i, l) in net.legs().iter().enumerate().filter(|(_, l)| l.mode == m) {
            let color = match spec.color_by {
                ColorBy::Mode => mode_color(l.mode),
                ColorBy::Corridor => tags[i]
                    .as_ref()
                    .and_then(|t| tag_legend.iter().find(|(n, _)| n == t))
                    .map_or("#999999", |(_, c)| c),
            };
            let dash = if matches!(l.mode, Mode::Sea) {
                format!(r#" stroke-dasharray="{:.1} {:.1}""#, 6.0 * u, 4.0 * u)
            } else {
                String::new()
            };
            let w = if matches!(l.mode, Mode::Sea) {
                1.6
            } else {
                2.2
            } * u;
            let _ = writeln!(
                svg,
                r#"<polyline points="{}" stroke="{color}" stroke-width="{w:.2}"{dash}><title>{}</title></polyline>"#,
                points(&proj, &lines[i]),
                esc(l.id.as_str())
            );
        }
    }
    let _ = writeln!(svg, "</g>");

    // The route: a white halo under a dark line, leg by leg in travel order.
    if spec.route.is_some() {
        let pts = points(&proj, &route_line);
        let _ = writeln!(
            svg,
            r##"<polyline id="route-halo" points="{pts}" fill="none" stroke="#ffffff" stroke-width="{:.1}" stroke-linecap="round" stroke-linejoin="round" opacity="0.9"/>"##,
            9.0 * u
        );
        let _ = writeln!(
            svg,
            r#"<polyline id="route" class="route" points="{pts}" fill="none" stroke="{ROUTE}" stroke-width="{:.1}" stroke-linecap="round" stroke-linejoin="round"/>"#,
            4.2 * u
        );
    }

    // Terminals.
    let _ = writeln!(
        svg,
        r##"<g id="terminals" fill="#333333" stroke="#ffffff" stroke-width="{:.2}">"##,
        0.8 * u
    );
    for t in net.terminals() {
        let (x, y) = proj.xy(t.lat, t.lon);
        let _ = writeln!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}"><title>{}</title></circle>"#,
            2.6 * u,
            esc(&t.name)
        );
    }
    let _ = writeln!(svg, "</g>");
    if let Some(r) = spec.route {
        let mut stops = vec![&r.origin];
        stops.extend(r.legs.iter().map(|l| &l.to));
        for (k, s) in stops.iter().enumerate() {
            let (x, y) = proj.xy(s.lat, s.lon);
            let end = k == 0 || k + 1 == stops.len();
            let _ = writeln!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{}" stroke="{ROUTE}" stroke-width="{:.1}"/>"##,
                if end { 6.5 } else { 3.6 } * u,
                if end { "#ffd400" } else { "#ffffff" },
                if end { 2.2 } else { 1.6 } * u
            );
        }
    }
    let _ = writeln!(svg, "</g>");

    // Labels: the route's ends and transfer points first, then the busiest hubs.
    let mut taken: Vec<Boxed> = Vec::new();
    let mut want: Vec<(String, f64, f64, bool)> = Vec::new();
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
    for i in 0..net.legs().len() {
        let (a, b) = net
            .leg_ends(silkroute_core::LegIdx::try_from(i).expect("index from this network"))
            .expect("index from this network");
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
    // Keep labels off the legend and the title.
    let legend_box = legend_size(spec, &tag_legend, u);
    taken.push((
        pad,
        header + map_h - legend_box.1 - 12.0 * u,
        pad + legend_box.0 + 12.0 * u,
        header + map_h,
    ));
    let mut seen = std::collections::HashSet::new();
    for (name, lat, lon, strong) in want {
        if !seen.insert(name.clone()) {
            continue;
        }
        let (x, y) = proj.xy(lat, lon);
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
        let inside =
            |b: &Boxed| b.0 >= pad && b.2 <= pad + map_w && b.1 >= header && b.3 <= header + map_h;
        let pick = candidates
            .iter()
            .find(|c| inside(&c.3) && !taken.iter().any(|t| overlaps(*t, c.3)));
        let Some(&(lx, ly, anchor, bx)) = pick.or(if strong { candidates.first() } else { None })
        else {
            continue;
        };
        taken.push(bx);
        label(
            &mut svg,
            lx,
            ly,
            size,
            if strong { "bold" } else { "normal" },
            anchor,
            &name,
        );
    }

    draw_legend(&mut svg, spec, &tag_legend, u, pad, header + map_h);

    // Title, subtitle, frame and credits.
    let _ = writeln!(
        svg,
        r##"<rect x="{pad:.1}" y="{header:.1}" width="{map_w:.1}" height="{map_h:.1}" fill="none" stroke="#7f8c8d" stroke-width="{:.1}"/>"##,
        1.0 * u
    );
    let _ = writeln!(
        svg,
        r##"<text x="{pad:.1}" y="{:.1}" font-size="{:.1}" font-weight="bold" fill="#111111">{}</text>"##,
        44.0 * u,
        28.0 * u,
        esc(spec.title)
    );
    let _ = writeln!(
        svg,
        r##"<text x="{pad:.1}" y="{:.1}" font-size="{:.1}" fill="#444444">{}</text>"##,
        74.0 * u,
        16.0 * u,
        esc(spec.subtitle)
    );
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="end" fill="#666666">Base map: Natural Earth 1:110m (public domain). Sea legs drawn along schematic lanes. Made with silkroute.</text>"##,
        pad + map_w,
        header + map_h + 20.0 * u,
        11.5 * u
    );
    svg.push_str("</svg>\n");
    svg
}

/// The legend's entries: (kind, colour, text). Kinds: `line`, `dash`,
/// `route`, `dot`.
fn legend_entries(
    spec: &MapSpec<'_>,
    tags: &[(String, &'static str)],
) -> Vec<(&'static str, &'static str, String)> {
    let mut e = Vec::new();
    if spec.route.is_some() {
        e.push(("route", ROUTE, "Chosen route".to_string()));
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
                    e.push((
                        if m == Mode::Sea { "dash" } else { "line" },
                        mode_color(m),
                        text.to_string(),
                    ));
                }
            }
        }
        ColorBy::Corridor => {
            for (t, c) in tags {
                e.push(("line", *c, t.clone()));
            }
        }
    }
    e.push(("dot", "#333333", "Terminal".to_string()));
    e
}

fn legend_size(spec: &MapSpec<'_>, tags: &[(String, &'static str)], u: f64) -> (f64, f64) {
    let entries = legend_entries(spec, tags);
    let longest = entries
        .iter()
        .map(|e| e.2.chars().count())
        .max()
        .unwrap_or(8) as f64;
    (
        52.0 * u + longest * 13.0 * 0.6 * u + 16.0 * u,
        14.0 * u + 20.0 * u * entries.len() as f64 + 24.0 * u,
    )
}

fn draw_legend(
    svg: &mut String,
    spec: &MapSpec<'_>,
    tags: &[(String, &'static str)],
    u: f64,
    left: f64,
    bottom: f64,
) {
    let entries = legend_entries(spec, tags);
    let (w, h) = legend_size(spec, tags, u);
    let (x0, y0) = (left + 12.0 * u, bottom - 12.0 * u - h);
    let _ = writeln!(
        svg,
        r##"<g id="legend"><rect x="{x0:.1}" y="{y0:.1}" width="{w:.1}" height="{h:.1}" rx="{:.1}" fill="#ffffff" fill-opacity="0.92" stroke="#95a5a6" stroke-width="{:.1}"/>"##,
        4.0 * u,
        0.8 * u
    );
    let title = match spec.color_by {
        ColorBy::Mode => "Legs by mode",
        ColorBy::Corridor => "Legs by corridor",
    };
    let _ = writeln!(
        svg,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" font-weight="bold" fill="#222222">{title}</text>"##,
        x0 + 12.0 * u,
        y0 + 22.0 * u,
        13.5 * u
    );
    for (k, (kind, color, text)) in entries.iter().enumerate() {
        let y = y0 + 44.0 * u + 20.0 * u * k as f64;
        let (xa, xb) = (x0 + 12.0 * u, x0 + 42.0 * u);
        match *kind {
            "dot" => {
                let _ = writeln!(
                    svg,
                    r##"<circle cx="{:.1}" cy="{y:.1}" r="{:.1}" fill="{color}" stroke="#ffffff" stroke-width="{:.1}"/>"##,
                    (xa + xb) / 2.0,
                    3.0 * u,
                    0.8 * u
                );
            }
            "route" => {
                let _ = writeln!(
                    svg,
                    r#"<line x1="{xa:.1}" y1="{y:.1}" x2="{xb:.1}" y2="{y:.1}" stroke="{color}" stroke-width="{:.1}" stroke-linecap="round"/>"#,
                    4.2 * u
                );
            }
            _ => {
                let dash = if *kind == "dash" {
                    format!(r#" stroke-dasharray="{:.1} {:.1}""#, 6.0 * u, 4.0 * u)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    svg,
                    r#"<line x1="{xa:.1}" y1="{y:.1}" x2="{xb:.1}" y2="{y:.1}" stroke="{color}" stroke-width="{:.1}"{dash}/>"#,
                    2.4 * u
                );
            }
        }
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#222222">{}</text>"##,
            xb + 10.0 * u,
            y + 4.5 * u,
            13.0 * u,
            esc(text)
        );
    }
    let _ = writeln!(svg, "</g>");
}

/// Renders an SVG to PNG bytes with the system fonts; also says whether any
/// font was found (without one, text is left out).
fn svg_to_png(svg: &str) -> Result<(Vec<u8>, bool), CliError> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    let fonts = !opt.fontdb.is_empty();
    opt.font_family = "DejaVu Sans".to_string();
    let tree = usvg::Tree::from_str(svg, &opt)
        .map_err(|e| CliError::Usage(format!("cannot render the map: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| CliError::Usage("cannot render the map: image too large".to_string()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let png = pixmap
        .encode_png()
        .map_err(|e| CliError::Usage(format!("cannot encode the PNG: {e}")))?;
    Ok((png, fonts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_map_loads() {
        let land = Land::load();
        assert!(land.countries.len() > 100);
        // Ankara is on land, the middle of the Black Sea is not.
        assert!(land.contains(39.93, 32.85));
        assert!(!land.contains(43.3, 34.0));
    }

    #[test]
    fn lanes_connect_every_node() {
        let lanes = Lanes::new();
        let names: Vec<&str> = LANE_NODES.iter().map(|n| n.0).collect();
        for (a, b) in LANE_EDGES {
            assert!(names.contains(a) && names.contains(b), "{a}-{b}");
        }
        assert!(lanes.adj.iter().all(|a| !a.is_empty()));
    }

    #[test]
    fn a_cape_leg_goes_round_africa_and_a_suez_leg_through_suez() {
        let land = Land::load();
        let lanes = Lanes::new();
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
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(999.0), "999");
    }
}
