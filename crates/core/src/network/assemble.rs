//! Assembly of a validated builder into a network's data: per-container
//! emissions, default geometries, the look-up tables, the spatial index and
//! the virtual network of places and links.

use super::builder::NetworkBuilder;
use super::index::{LegIdx, PlaceIdx, TerminalIdx};
use super::layers::{Layer, Link, LinkKind, Place};
use crate::country::CountryCode;
use crate::model::*;
use crate::names::NameIndex;
use crate::units::KgCo2e;
use petgraph::graph::{DiGraph, NodeIndex};
use rstar::RTree;
use rstar::primitives::GeomWithData;
use std::collections::{BTreeSet, HashMap};

/// A point of the R-tree: a terminal's position on the unit sphere, so that
/// Euclidean nearest-neighbour order is great-circle order.
pub(super) type SpherePoint = GeomWithData<[f64; 3], u32>;

/// The virtual network: a node per place, an edge per link.
pub(super) type Graph = DiGraph<Place, Link, u32>;

pub(super) use silkroute_netgraph::sphere::unit_vector;

/// Everything a network holds; shared by its clones.
#[derive(Debug)]
pub(super) struct NetworkData {
    pub(super) meta: super::NetworkMeta,
    pub(super) sources: Vec<Source>,
    pub(super) emission_factors: Vec<EmissionFactor>,
    pub(super) grid_intensities: Vec<GridIntensity>,
    pub(super) hub_factors: Vec<HubFactor>,
    pub(super) corridors: Vec<Corridor>,
    pub(super) terminals: Vec<Terminal>,
    pub(super) legs: Vec<Leg>,
    pub(super) terminal_by_id: HashMap<TerminalId, TerminalIdx>,
    pub(super) leg_by_id: HashMap<LegId, LegIdx>,
    pub(super) names: NameIndex,
    pub(super) rtree: RTree<SpherePoint>,
    pub(super) graph: Graph,
    pub(super) places_of: Vec<Vec<PlaceIdx>>,
    pub(super) leg_from: Vec<TerminalIdx>,
    pub(super) leg_to: Vec<TerminalIdx>,
}

/// Assembles a builder that passed validation.
pub(super) fn assemble(b: NetworkBuilder) -> NetworkData {
    let NetworkBuilder {
        meta,
        sources,
        emission_factors,
        grid_intensities,
        hub_factors,
        corridors,
        mut terminals,
        mut legs,
        ..
    } = b;
    let terminal_by_id: HashMap<TerminalId, TerminalIdx> = terminals
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), TerminalIdx::new(i)))
        .collect();
    let mut names = NameIndex::default();
    for (i, t) in terminals.iter().enumerate() {
        for n in t.names() {
            names.insert(n, i);
        }
    }
    derive_figures(
        &Factors {
            assumptions: &meta.assumptions,
            emission: &emission_factors,
            grid: &grid_intensities,
            hub: &hub_factors,
        },
        &mut terminals,
        &terminal_by_id,
        &mut legs,
    );
    let leg_by_id = legs
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.clone(), LegIdx::new(i)))
        .collect();
    // invariant: validation guarantees both ends of every leg exist
    let leg_from: Vec<TerminalIdx> = legs.iter().map(|l| terminal_by_id[&l.from]).collect();
    let leg_to: Vec<TerminalIdx> = legs.iter().map(|l| terminal_by_id[&l.to]).collect();
    let (graph, places_of) = virtual_network(&terminals, &legs, &leg_from, &leg_to);
    let rtree = RTree::bulk_load(
        terminals
            .iter()
            .enumerate()
            .map(|(i, t)| GeomWithData::new(unit_vector(t.lat, t.lon), i as u32))
            .collect(),
    );
    NetworkData {
        meta,
        sources,
        emission_factors,
        grid_intensities,
        hub_factors,
        corridors,
        terminals,
        legs,
        terminal_by_id,
        leg_by_id,
        names,
        rtree,
        graph,
        places_of,
        leg_from,
        leg_to,
    }
}

/// The tables a leg's or a hub's emissions are derived from.
struct Factors<'a> {
    assumptions: &'a Assumptions,
    emission: &'a [EmissionFactor],
    grid: &'a [GridIntensity],
    hub: &'a [HubFactor],
}

/// Per-container emissions of each leg (from its factor, the tonnage
/// assumptions and, for electric traction, the grid intensity of its end
/// countries, half each) and of each terminal's hub operation, and a
/// straight geometry for legs without one.
fn derive_figures(
    f: &Factors<'_>,
    terminals: &mut [Terminal],
    terminal_by_id: &HashMap<TerminalId, TerminalIdx>,
    legs: &mut [Leg],
) {
    let ef: HashMap<&EmissionFactorId, &EmissionFactor> =
        f.emission.iter().map(|e| (&e.id, e)).collect();
    let grid: HashMap<CountryCode, f64> = f.grid.iter().map(|g| (g.country, g.g_per_kwh)).collect();
    let hubs: HashMap<&HubFactorId, &HubFactor> = f.hub.iter().map(|h| (&h.id, h)).collect();
    for l in legs.iter_mut() {
        // invariant: validation guarantees both ends exist
        let (a, b) = (
            &terminals[terminal_by_id[&l.from].index()],
            &terminals[terminal_by_id[&l.to].index()],
        );
        if let Some(e) = ef.get(&l.emission_factor) {
            let grid_g = {
                let g = |c: CountryCode| grid.get(&c).copied().unwrap_or(0.0);
                (g(a.country) + g(b.country)) / 2.0
            };
            let per = |size: ContainerSize| leg_co2e(e, f.assumptions, size, l.distance.0, grid_g);
            l.co2e_split = PerContainer::new(per(ContainerSize::Twenty), per(ContainerSize::Forty));
            l.co2e = PerContainer::new(l.co2e_split.twenty.wtw(), l.co2e_split.forty.wtw());
        }
        if l.geometry.is_empty() {
            l.geometry = vec![(a.lat, a.lon), (b.lat, b.lon)];
        }
    }
    for t in terminals.iter_mut() {
        if let Some(h) = t.hub_factor.as_ref().and_then(|id| hubs.get(id)) {
            let per = |size: ContainerSize| {
                Co2e::new(
                    KgCo2e(h.ttw_kg_per_teu * size.teu()),
                    KgCo2e(h.wtt_kg_per_teu * size.teu()),
                )
            };
            t.hub_co2e = PerContainer::new(per(ContainerSize::Twenty), per(ContainerSize::Forty));
        }
    }
}

/// One container's emissions over `km` under factor `e`: the fuel part's
/// tank-to-wheel and well-to-tank grams, and the electric part's energy at
/// `grid_g` grams per kWh as well-to-tank.
pub(crate) fn leg_co2e(
    e: &EmissionFactor,
    assumptions: &Assumptions,
    size: ContainerSize,
    km: f64,
    grid_g: f64,
) -> Co2e {
    let payload = match e.unit {
        EmissionUnit::GPerTkm => assumptions.cargo_tonnes(size),
        EmissionUnit::GPerTeuKm => size.teu(),
    };
    let activity = km * payload;
    let s = e.electric_share;
    let (ttw, wtt) = e.fuel_split();
    let electric = e.kwh_per_unit.unwrap_or(0.0) * grid_g;
    Co2e::new(
        KgCo2e((1.0 - s) * ttw * activity / 1000.0),
        KgCo2e(((1.0 - s) * wtt + s * electric) * activity / 1000.0),
    )
}

/// The places (one per terminal and layer used by a leg, in a deterministic
/// order) and links (leg traversals, transfers at terminals with handling).
fn virtual_network(
    terminals: &[Terminal],
    legs: &[Leg],
    leg_from: &[TerminalIdx],
    leg_to: &[TerminalIdx],
) -> (Graph, Vec<Vec<PlaceIdx>>) {
    let mut layers: Vec<BTreeSet<Layer>> = vec![BTreeSet::new(); terminals.len()];
    for (i, l) in legs.iter().enumerate() {
        let layer = Layer::of(l.mode, l.gauge);
        layers[leg_from[i].index()].insert(layer);
        layers[leg_to[i].index()].insert(layer);
    }
    let mut graph = Graph::default();
    let mut places_of: Vec<Vec<PlaceIdx>> = vec![Vec::new(); terminals.len()];
    let mut place_at: HashMap<(TerminalIdx, Layer), NodeIndex<u32>> = HashMap::new();
    for (t, ls) in layers.iter().enumerate() {
        let ti = TerminalIdx::new(t);
        for &layer in ls {
            let n = graph.add_node(Place {
                terminal: ti,
                layer,
            });
            places_of[t].push(PlaceIdx::new(n.index()));
            place_at.insert((ti, layer), n);
        }
    }
    for (i, l) in legs.iter().enumerate() {
        let layer = Layer::of(l.mode, l.gauge);
        let a = place_at[&(leg_from[i], layer)];
        let z = place_at[&(leg_to[i], layer)];
        let leg = LegIdx::new(i);
        let (pa, pz) = (PlaceIdx::new(a.index()), PlaceIdx::new(z.index()));
        let kind = LinkKind::Leg {
            leg,
            reverse: false,
        };
        graph.add_edge(
            a,
            z,
            Link {
                from: pa,
                to: pz,
                kind,
            },
        );
        if l.bidirectional {
            let kind = LinkKind::Leg { leg, reverse: true };
            graph.add_edge(
                z,
                a,
                Link {
                    from: pz,
                    to: pa,
                    kind,
                },
            );
        }
    }
    for (t, ps) in places_of.iter().enumerate() {
        if terminals[t].handling.is_none() {
            continue;
        }
        let kind = LinkKind::Transfer {
            terminal: TerminalIdx::new(t),
        };
        for &a in ps {
            for &z in ps.iter().filter(|&&z| z != a) {
                let (na, nz) = (NodeIndex::new(a.index()), NodeIndex::new(z.index()));
                graph.add_edge(
                    na,
                    nz,
                    Link {
                        from: a,
                        to: z,
                        kind,
                    },
                );
            }
        }
    }
    (graph, places_of)
}
