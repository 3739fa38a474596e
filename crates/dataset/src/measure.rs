//! `measure`: distances of the legs with rule `measured-rail` or
//! `measured-sea`, measured on the shared plain networks
//! (`railways_world.json.gz`, `marnet.json.gz`) with the project's
//! plain-network engine, written to `measured_distances.csv`.
//!
//! The rules (rules.toml `[measure]`): each end snaps, for every network
//! component among its nearest nodes, to the nearest node of that component;
//! the component shared by both ends with the shortest snaps is used. Rail:
//! failed when a snap is too long or no path is short enough, rejected when
//! the path is a detour through a gap. Sea: the Arctic and a leg's own
//! avoided passages are closed; the passages on the path are recorded (a
//! passage is on it when closing it makes the path longer).
//!
//! The engine is `silkroute_core::netgraph` (loading, haversine) and
//! `silkroute_routing::large` (search with closures); only this file names
//! them.

use crate::error::Error;
use crate::tables::{
    DistanceRule, MEASURED_FILE, MeasureRules, MeasureStatus, MeasuredRow, Tables,
};
use petgraph::unionfind::UnionFind;
use rstar::RTree;
use rstar::primitives::GeomWithData;
use silkroute_netgraph::sphere::great_circle_km;
use silkroute_netgraph::{
    Distance, EdgeClosure, LoadOptions, NodeIdx, PlainGraph, PlainNetwork, Searcher,
};

/// Great-circle km between two `[lat, lon]` points.
fn haversine_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    great_circle_km(a[0], a[1], b[0], b[1])
}
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A leg to measure: its id, the `[lat, lon]` of its ends, and the marnet
/// passages it avoids.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Leg id.
    pub leg: String,
    /// First end, `[lat, lon]`.
    pub from: [f64; 2],
    /// Other end, `[lat, lon]`.
    pub to: [f64; 2],
    /// marnet passages closed for this leg (sea only).
    pub avoid: Vec<String>,
}

/// A shared network prepared for measuring: the engine's graph, node
/// positions for snapping, components under a closure.
struct Prepared<'n> {
    net: &'n PlainNetwork,
    graph: PlainGraph,
    tree: RTree<GeomWithData<[f64; 3], u32>>,
}

/// A snap: distance (km) to a node, and the node.
type Snap = (f64, u32);

/// Per component, the nearest node of that component and its distance.
type Snaps = BTreeMap<u32, Snap>;

fn unit_vector([lat, lon]: [f64; 2]) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

impl<'n> Prepared<'n> {
    fn new(net: &'n PlainNetwork) -> Result<Self, String> {
        let graph = PlainGraph::from_network(net).map_err(|e| e.to_string())?;
        let items = net
            .nodes
            .iter()
            .zip(0u32..)
            .map(|(&p, i)| GeomWithData::new(unit_vector(p), i))
            .collect();
        Ok(Prepared {
            net,
            graph,
            tree: RTree::bulk_load(items),
        })
    }

    /// Component label of every node and the size of every label, over the
    /// edges not in a closed passage.
    fn components(&self, closed: &[String]) -> (Vec<u32>, BTreeMap<u32, usize>) {
        let shut: BTreeSet<u32> = closed
            .iter()
            .filter_map(|p| self.net.passages.get(p))
            .flatten()
            .copied()
            .collect();
        let mut uf = UnionFind::<u32>::new(self.net.nodes.len());
        for (i, e) in (0u32..).zip(&self.net.edges) {
            if !shut.contains(&i) {
                uf.union(e.u, e.v);
            }
        }
        let labels = uf.into_labeling();
        let mut sizes = BTreeMap::new();
        for &l in &labels {
            *sizes.entry(l).or_default() += 1;
        }
        (labels, sizes)
    }

    /// The nearest node of each component among the `k` nodes nearest to `p`.
    fn snaps(&self, labels: &[u32], p: [f64; 2], k: usize) -> Snaps {
        let mut out = Snaps::new();
        for hit in self.tree.nearest_neighbor_iter(&unit_vector(p)).take(k) {
            let node = hit.data;
            out.entry(labels[node as usize])
                .or_insert_with(|| (haversine_km(p, self.net.nodes[node as usize]), node));
        }
        out
    }

    fn closure(&self, passages: &[String]) -> Result<EdgeClosure, String> {
        self.graph.closure(passages).map_err(|e| e.to_string())
    }

    fn km(
        &self,
        search: &mut Searcher<'_>,
        (a, b): (u32, u32),
        closure: &EdgeClosure,
    ) -> Result<Option<Distance>, String> {
        let (a, b) = (NodeIdx::new(a), NodeIdx::new(b));
        search.astar(a, b, Some(closure)).map_err(|e| e.to_string())
    }
}

/// A path length in km with one decimal, rounded half to even from its
/// exact value (the engine sums the 3-decimal edge weights exactly).
fn tenths(d: Distance) -> String {
    const UNITS_PER_TENTH: u64 = 100_000_000;
    let (mut t, rest) = (d.units() / UNITS_PER_TENTH, d.units() % UNITS_PER_TENTH);
    let half = UNITS_PER_TENTH / 2;
    if rest > half || (rest == half && t % 2 == 1) {
        t += 1;
    }
    format!("{}.{}", t / 10, t % 10)
}

/// The shared component with the shortest snaps of both ends.
fn best_shared(a: &Snaps, b: &Snaps) -> Option<(u32, Snap, Snap)> {
    let mut best: Option<(f64, u32)> = None;
    for (c, sa) in a {
        if let Some(sb) = b.get(c) {
            let total = sa.0 + sb.0;
            if best.is_none_or(|(t, _)| total < t) {
                best = Some((total, *c));
            }
        }
    }
    best.map(|(_, c)| (c, a[&c], b[&c]))
}

fn nearest_km(s: &Snaps) -> f64 {
    s.values().map(|v| v.0).fold(f64::INFINITY, f64::min)
}

fn row(leg: &str, km: Option<f64>, status: MeasureStatus, note: String) -> MeasuredRow {
    MeasuredRow {
        leg_id: leg.to_string(),
        km: km.map(|k| format!("{k:.1}").parse().unwrap_or(k)),
        status,
        note,
    }
}

/// Measures rail legs on `net`.
///
/// # Errors
/// A message when the engine fails.
pub fn measure_rail(
    net: &PlainNetwork,
    targets: &[Target],
    rules: &MeasureRules,
) -> Result<Vec<MeasuredRow>, String> {
    let p = Prepared::new(net)?;
    let (labels, sizes) = p.components(&[]);
    let open = p.closure(&[] as &[String])?;
    let mut search = Searcher::new(&p.graph);
    let mut rows = Vec::new();
    for t in targets {
        let sa = p.snaps(&labels, t.from, rules.rail_candidates);
        let sb = p.snaps(&labels, t.to, rules.rail_candidates);
        let gc = haversine_km(t.from, t.to);
        let shared = best_shared(&sa, &sb)
            .filter(|(_, a, b)| a.0 <= rules.rail_max_snap_km && b.0 <= rules.rail_max_snap_km);
        let Some((c, a, b)) = shared else {
            let note = format!(
                "no common OSM component within {} km of both ends (nearest: {:.1} / {:.1} km)",
                rules.rail_max_snap_km,
                nearest_km(&sa),
                nearest_km(&sb)
            );
            rows.push(row(&t.leg, None, MeasureStatus::Failed, note));
            continue;
        };
        let limit = rules.rail_search_factor * gc + rules.rail_search_slack_km;
        let path = p
            .km(&mut search, (a.1, b.1), &open)?
            .filter(|d| d.km() <= limit);
        let Some(path) = path else {
            let note = format!(
                "no OSM path within {}x great circle",
                rules.rail_search_factor
            );
            rows.push(row(&t.leg, None, MeasureStatus::Failed, note));
            continue;
        };
        let km = path.km() + a.0 + b.0;
        let ratio = if gc > 0.0 { km / gc } else { 1.0 };
        let mut note = format!(
            "OSM railways shortest path {} km + snap connectors {:.2} km / {:.2} km (component of {} nodes); {ratio:.2}x great circle",
            tenths(path),
            a.0,
            b.0,
            sizes[&c]
        );
        let status = if ratio <= rules.rail_max_detour {
            MeasureStatus::Ok
        } else {
            note.push_str("; rejected: detour through a gap in the OSM graph");
            MeasureStatus::Rejected
        };
        rows.push(row(&t.leg, Some(km), status, note));
    }
    Ok(rows)
}

/// Measures sea legs on `net` (marnet), recording the passages on the path.
///
/// # Errors
/// A message when the engine fails or a passage is unknown.
pub fn measure_sea(
    net: &PlainNetwork,
    targets: &[Target],
    rules: &MeasureRules,
) -> Result<Vec<MeasuredRow>, String> {
    let p = Prepared::new(net)?;
    let mut search = Searcher::new(&p.graph);
    let mut components = BTreeMap::new();
    let mut rows = Vec::new();
    for t in targets {
        let avoid: Vec<String> = t
            .avoid
            .iter()
            .chain(&rules.sea_always_avoid)
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let (labels, _) = components
            .entry(avoid.clone())
            .or_insert_with(|| p.components(&avoid));
        let sa = p.snaps(labels, t.from, rules.sea_candidates);
        let sb = p.snaps(labels, t.to, rules.sea_candidates);
        let Some((_, a, b)) = best_shared(&sa, &sb) else {
            let note = "no common marnet component".to_string();
            rows.push(row(&t.leg, None, MeasureStatus::Failed, note));
            continue;
        };
        if a.0 > rules.sea_max_snap_km || b.0 > rules.sea_max_snap_km {
            let note = format!("marnet snap too far ({:.0} / {:.0} km)", a.0, b.0);
            rows.push(row(&t.leg, None, MeasureStatus::Failed, note));
            continue;
        }
        let closure = p.closure(&avoid)?;
        let Some(path) = p.km(&mut search, (a.1, b.1), &closure)? else {
            // invariant: both ends are in one component of the open edges
            return Err(format!("{}: no path inside a component", t.leg));
        };
        // a passage is on the shortest path when closing it lengthens the path
        let mut on_path = BTreeSet::new();
        for (marnet, name) in &rules.passage_names {
            if avoid.contains(marnet) || !net.passages.contains_key(marnet) {
                continue;
            }
            let mut closed = avoid.clone();
            closed.push(marnet.clone());
            let without = p.km(&mut search, (a.1, b.1), &p.closure(&closed)?)?;
            if without.is_none_or(|d| d > path) {
                on_path.insert(name.as_str());
            }
        }
        let own: Vec<&str> = avoid
            .iter()
            .filter(|a| !rules.sea_always_avoid.contains(a))
            .map(String::as_str)
            .collect();
        let removed = if own.is_empty() {
            String::new()
        } else {
            format!("; edges of {} removed", own.join(", "))
        };
        let passages = if on_path.is_empty() {
            "none".to_string()
        } else {
            on_path.into_iter().collect::<Vec<_>>().join("|")
        };
        let note = format!(
            "marnet shortest path {} km + snap connectors {:.1} / {:.1} km{removed}; passages: {passages}",
            tenths(path),
            a.0,
            b.0
        );
        let km = path.km() + a.0 + b.0;
        rows.push(row(&t.leg, Some(km), MeasureStatus::Ok, note));
    }
    Ok(rows)
}

/// The legs of the tables measured on each network: (rail, sea).
fn targets(t: &Tables) -> (Vec<Target>, Vec<Target>) {
    let position = |id: &str| {
        t.terminals
            .iter()
            .find(|r| r.data.id == id)
            .map_or([f64::NAN, f64::NAN], |r| [r.data.lat, r.data.lon])
    };
    let (mut rail, mut sea) = (Vec::new(), Vec::new());
    for l in &t.legs {
        let l = &l.data;
        let target = Target {
            leg: l.id.clone(),
            from: position(&l.from),
            to: position(&l.to),
            avoid: l.avoid(),
        };
        match l.distance {
            Some(DistanceRule::MeasuredRail) => rail.push(target),
            Some(DistanceRule::MeasuredSea) => sea.push(target),
            _ => {}
        }
    }
    (rail, sea)
}

/// Writes measured rows as measured_distances.csv (sorted by leg id).
///
/// # Errors
/// [`Error::Io`] when writing fails.
pub fn write_rows(path: &Path, mut rows: Vec<MeasuredRow>) -> Result<(), Error> {
    rows.sort_by(|a, b| a.leg_id.cmp(&b.leg_id));
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| io(std::io::Error::other(e));
    w.write_record(["leg_id", "km", "status", "note"])
        .map_err(csv_err)?;
    for r in &rows {
        let km = r.km.map(|k| format!("{k:.1}")).unwrap_or_default();
        w.write_record([r.leg_id.as_str(), &km, r.status.as_str(), &r.note])
            .map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| io(std::io::Error::other(e.to_string())))?;
    std::fs::write(path, bytes).map_err(io)
}

/// Measures every leg of the tables in `dir` on the networks in `shared` and
/// rewrites `dir/measured_distances.csv`.
///
/// # Errors
/// [`Error::Table`] for unreadable tables, [`Error::Measure`] when a network
/// cannot be loaded or searched, [`Error::Io`] when writing fails.
pub fn measure_tables(dir: &Path, shared: &Path) -> Result<String, Error> {
    let t = Tables::read(dir)?;
    let rules = &t.rules.measure;
    let (rail, sea) = targets(&t);
    let load = |name: &str| {
        let path = shared.join(name);
        PlainNetwork::from_path(&path, &LoadOptions::default())
            .map_err(|e| Error::Measure {
                message: e.to_string(),
                path: path.clone(),
            })
            .map(|n| (n, path))
    };
    let (rail_net, rail_path) = load("railways_world.json.gz")?;
    let mut rows = measure_rail(&rail_net, &rail, rules).map_err(|message| Error::Measure {
        path: rail_path,
        message,
    })?;
    drop(rail_net);
    let (sea_net, sea_path) = load("marnet.json.gz")?;
    rows.extend(
        measure_sea(&sea_net, &sea, rules).map_err(|message| Error::Measure {
            path: sea_path,
            message,
        })?,
    );
    let count = |s: MeasureStatus| rows.iter().filter(|r| r.status == s).count();
    let report = format!(
        "measured {} legs ({} ok, {} rejected, {} failed) -> {}; run `build` next",
        rows.len(),
        count(MeasureStatus::Ok),
        count(MeasureStatus::Rejected),
        count(MeasureStatus::Failed),
        dir.join(MEASURED_FILE).display()
    );
    write_rows(&dir.join(MEASURED_FILE), rows)?;
    Ok(report)
}
