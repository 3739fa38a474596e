//! The compact graph: the virtual network of a [`Network`] copied once into
//! CSR arrays with per-link measures, shared by every query.

use crate::objective::Measures;
use silkroute_core::{ContainerSize, LegIdx, LinkKind, Network, TerminalIdx, great_circle};
use silkroute_netgraph::sphere;
use std::sync::Arc;

/// One link of the compact graph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CLink {
    pub from: u32,
    pub to: u32,
    pub kind: LinkKind,
}

impl CLink {
    pub(crate) fn leg(&self) -> Option<LegIdx> {
        match self.kind {
            LinkKind::Leg { leg, .. } => Some(leg),
            _ => None,
        }
    }
}

/// The virtual network in compact form: immutable once built.
#[derive(Debug)]
pub(crate) struct Graph {
    pub net: Arc<Network>,
    /// CSR: links of place `p` are `links[first[p]..first[p + 1]]`.
    first: Vec<u32>,
    pub links: Vec<CLink>,
    place_terminal: Vec<u32>,
    /// Measures per link, per container size (see [`size_index`]).
    pub measures: [Vec<Measures>; SIZES.len()],
    /// Great-circle km between the terminals at the ends of each link.
    pub link_gc: Vec<f64>,
    /// Every corridor tag carried by a leg, sorted.
    pub tags: Vec<String>,
    /// Terminal positions as 3-D points on a sphere of the Earth's radius (km).
    pub xyz: Vec<[f64; 3]>,
}

/// Straight-line distance between two 3-D points, km.
#[inline]
pub(crate) fn chord(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    sphere::chord(*a, *b)
}

/// A position as a 3-D point on the sphere of the Earth's radius (km).
fn sphere_point(lat: f64, lon: f64) -> [f64; 3] {
    sphere::unit_vector(lat, lon).map(|c| c * sphere::EARTH_RADIUS_KM)
}

/// The index of a container size in per-size tables.
pub(crate) fn size_index(size: ContainerSize) -> usize {
    size.index()
}

/// The container sizes of the per-size tables, in index order.
pub(crate) const SIZES: [ContainerSize; ContainerSize::ALL.len()] = ContainerSize::ALL;

impl Graph {
    /// Copies the virtual network of `net`.
    pub(crate) fn new(net: Arc<Network>) -> Graph {
        let n = net.place_count();
        let mut first = Vec::with_capacity(n + 1);
        let mut links = Vec::with_capacity(net.link_count());
        for p in net.place_indices() {
            first.push(links.len() as u32);
            for l in net.outgoing(p) {
                links.push(CLink {
                    from: p.into(),
                    to: l.to.index() as u32,
                    kind: l.kind,
                });
            }
        }
        first.push(links.len() as u32);
        let place_terminal: Vec<u32> = net
            .place_indices()
            .map(|p| net[p].terminal.into())
            .collect();
        let measures = SIZES.map(|size| {
            links
                .iter()
                .map(|l| match l.kind {
                    LinkKind::Leg { leg, .. } => Measures::of_leg(&net[leg], size),
                    LinkKind::Transfer { terminal } => Measures::of_transfer(&net[terminal], size),
                    _ => Measures::default(),
                })
                .collect()
        });
        let terminal = |place: u32| &net[TerminalIdx::from(place_terminal[place as usize])];
        let link_gc = links
            .iter()
            .map(|l| {
                let (a, b) = (terminal(l.from), terminal(l.to));
                great_circle(a.lat, a.lon, b.lat, b.lon).0
            })
            .collect();
        let mut tags: Vec<String> = net
            .legs()
            .iter()
            .flat_map(|l| l.corridors.iter().cloned())
            .collect();
        tags.sort();
        tags.dedup();
        let xyz = net
            .terminals()
            .iter()
            .map(|t| sphere_point(t.lat, t.lon))
            .collect();
        Graph {
            net,
            first,
            links,
            place_terminal,
            measures,
            link_gc,
            tags,
            xyz,
        }
    }

    /// The links leaving a place, as a range of link indices.
    #[inline]
    pub(crate) fn out_links(&self, place: u32) -> std::ops::Range<usize> {
        self.first[place as usize] as usize..self.first[place as usize + 1] as usize
    }

    /// The terminal a place belongs to.
    #[inline]
    pub(crate) fn terminal_of_place(&self, place: u32) -> TerminalIdx {
        TerminalIdx::from(self.place_terminal[place as usize])
    }

    /// The position of the terminal a place belongs to.
    #[inline]
    pub(crate) fn place_xyz(&self, place: u32) -> &[f64; 3] {
        &self.xyz[self.place_terminal[place as usize] as usize]
    }
}
