//! The network: terminals and legs, the virtual multimodal graph routing runs
//! on, the spatial index and the name index.
//!
//! [`NetworkBuilder`] (in `builder`) collects the parts, `validate` finds
//! every problem, `assemble` builds the look-up tables and the virtual
//! network, and [`Network`] (here) answers queries on the result.

mod assemble;
mod builder;
mod index;
mod layers;
mod validate;

pub use builder::{NetworkBuilder, NetworkMeta};
pub use index::{IndexOutOfRange, LegIdx, PlaceIdx, TerminalIdx};
pub use layers::{Layer, Link, LinkKind, Place};
pub use validate::GREAT_CIRCLE_TOLERANCE;
pub(crate) use validate::{Issues, MAX_GRID_G, MAX_HOURS, MAX_USD};

use crate::country::CountryCode;
use crate::error::Error;
use crate::model::*;
use crate::units::{Km, great_circle};
use assemble::{NetworkData, unit_vector};
use petgraph::graph::NodeIndex;
use petgraph::visit::Bfs;
use std::sync::Arc;

/// A validated multimodal freight network.
///
/// Terminals are split into one [`Place`] per mode layer (rail per gauge,
/// road, sea, ferry); legs join places of the same layer and transfers join
/// the layers of a terminal that has handling. Routing is then a plain
/// shortest path on this virtual network (see `DESIGN.md`).
///
/// A network is immutable and its clones share its data: cloning is a
/// reference-count increment, whatever the network's size.
#[derive(Debug, Clone)]
pub struct Network {
    data: Arc<NetworkData>,
}

impl Network {
    fn from_data(data: NetworkData) -> Network {
        Network {
            data: Arc::new(data),
        }
    }

    /// The network's metadata.
    pub fn meta(&self) -> &NetworkMeta {
        &self.data.meta
    }

    /// Every terminal, in a stable order.
    pub fn terminals(&self) -> &[Terminal] {
        &self.data.terminals
    }

    /// Every leg, in a stable order.
    pub fn legs(&self) -> &[Leg] {
        &self.data.legs
    }

    /// The sources table.
    pub fn sources(&self) -> &[Source] {
        &self.data.sources
    }

    /// A source by id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.data.sources.iter().find(|s| &s.id == id)
    }

    /// The emission factors table.
    pub fn emission_factors(&self) -> &[EmissionFactor] {
        &self.data.emission_factors
    }

    /// The emission factor with this id.
    pub fn emission_factor(&self, id: &EmissionFactorId) -> Option<&EmissionFactor> {
        self.data.emission_factors.iter().find(|e| &e.id == id)
    }

    /// The grid intensities, by country, for electric traction.
    pub fn grid_intensities(&self) -> &[GridIntensity] {
        &self.data.grid_intensities
    }

    /// The grid intensity of a country, if the network has one.
    pub fn grid_intensity(&self, country: CountryCode) -> Option<&GridIntensity> {
        self.data
            .grid_intensities
            .iter()
            .find(|g| g.country == country)
    }

    /// The hub operation emission factors.
    pub fn hub_factors(&self) -> &[HubFactor] {
        &self.data.hub_factors
    }

    /// The hub factor with this id.
    pub fn hub_factor(&self, id: &HubFactorId) -> Option<&HubFactor> {
        self.data.hub_factors.iter().find(|h| &h.id == id)
    }

    /// The corridor definitions.
    pub fn corridors(&self) -> &[Corridor] {
        &self.data.corridors
    }

    /// A terminal by its id.
    pub fn terminal(&self, id: &str) -> Option<&Terminal> {
        self.terminal_idx(id).and_then(|i| self.terminal_at(i))
    }

    /// The position of a terminal by its id.
    pub fn terminal_idx(&self, id: &str) -> Option<TerminalIdx> {
        self.data.terminal_by_id.get(id).copied()
    }

    /// A terminal by position; `None` for a position this network does not
    /// have (one taken from a larger network).
    pub fn terminal_at(&self, i: TerminalIdx) -> Option<&Terminal> {
        self.data.terminals.get(i.index())
    }

    /// The position of every terminal, in order.
    pub fn terminal_indices(&self) -> impl ExactSizeIterator<Item = TerminalIdx> + use<> {
        (0..self.data.terminals.len()).map(TerminalIdx::new)
    }

    /// A leg by its id.
    pub fn leg(&self, id: &str) -> Option<&Leg> {
        self.leg_idx(id).and_then(|i| self.leg_at(i))
    }

    /// The position of a leg by its id.
    pub fn leg_idx(&self, id: &str) -> Option<LegIdx> {
        self.data.leg_by_id.get(id).copied()
    }

    /// A leg by position; `None` for a position this network does not have.
    pub fn leg_at(&self, i: LegIdx) -> Option<&Leg> {
        self.data.legs.get(i.index())
    }

    /// The position of every leg, in order.
    pub fn leg_indices(&self) -> impl ExactSizeIterator<Item = LegIdx> + use<> {
        (0..self.data.legs.len()).map(LegIdx::new)
    }

    /// The terminals at the `from` and `to` ends of a leg; `None` for a
    /// position this network does not have.
    pub fn leg_ends(&self, i: LegIdx) -> Option<(TerminalIdx, TerminalIdx)> {
        let d = &self.data;
        Some((*d.leg_from.get(i.index())?, *d.leg_to.get(i.index())?))
    }

    /// Finds a terminal by id, name or alias, ignoring case, accents,
    /// spaces and punctuation ("xian", "Xi'an" and "XI AN" all find Xi'an).
    ///
    /// # Errors
    /// [`Error::UnknownTerminal`] with up to three closest names.
    pub fn find(&self, query: &str) -> Result<&Terminal, Error> {
        self.find_idx(query)
            .map(|i| &self.data.terminals[i.index()])
    }

    /// Like [`find`](Self::find), returning the terminal's position.
    ///
    /// # Errors
    /// [`Error::UnknownTerminal`] with up to three closest names.
    pub fn find_idx(&self, query: &str) -> Result<TerminalIdx, Error> {
        let d = &self.data;
        match d.names.get(query) {
            Some(i) => Ok(TerminalIdx::new(i)),
            None => Err(Error::UnknownTerminal {
                query: query.to_string(),
                suggestions: d.names.suggest(query, crate::names::MAX_SUGGESTIONS, |i| {
                    d.terminals[i].name.clone()
                }),
            }),
        }
    }

    /// Terminals whose name, alias or id contains the query (normalised as
    /// in [`find`](Self::find)), in network order. An empty query matches all.
    pub fn search(&self, query: &str) -> Vec<&Terminal> {
        let q = crate::names::normalize_name(query);
        self.data
            .terminals
            .iter()
            .filter(|t| {
                t.names()
                    .any(|n| crate::names::normalize_name(n).contains(&q))
            })
            .collect()
    }

    /// The nearest terminal to a WGS84 position that passes `filter`, with
    /// its great-circle distance. `None` if no terminal passes or the
    /// position is not finite.
    ///
    /// ```
    /// let net = silkroute_core::Network::eurasia();
    /// // A point in central Baku snaps to a terminal a few km away.
    /// let (t, d) = net.nearest(40.41, 49.87, |_| true).expect("some terminal");
    /// assert!(d.get() < 50.0, "{} is {d} away", t.name);
    /// ```
    pub fn nearest(
        &self,
        lat: f64,
        lon: f64,
        filter: impl Fn(&Terminal) -> bool,
    ) -> Option<(&Terminal, Km)> {
        if !(lat.is_finite() && lon.is_finite()) {
            return None;
        }
        let p = unit_vector(lat, lon);
        self.data
            .rtree
            .nearest_neighbor_iter(&p)
            .map(|g| &self.data.terminals[g.data as usize])
            .find(|t| filter(t))
            .map(|t| (t, great_circle(lat, lon, t.lat, t.lon)))
    }

    // --- The virtual network -------------------------------------------------

    /// Number of places (terminal × layer nodes) in the virtual network.
    pub fn place_count(&self) -> usize {
        self.data.graph.node_count()
    }

    /// The position of every place, in order.
    pub fn place_indices(&self) -> impl ExactSizeIterator<Item = PlaceIdx> + use<> {
        (0..self.place_count()).map(PlaceIdx::new)
    }

    /// A place by position; `None` for a position this network does not have.
    pub fn place(&self, p: PlaceIdx) -> Option<Place> {
        self.data
            .graph
            .node_weight(NodeIndex::new(p.index()))
            .copied()
    }

    /// The places of a terminal, one per layer it is served by (none for a
    /// position this network does not have).
    pub fn places_of(&self, t: TerminalIdx) -> &[PlaceIdx] {
        self.data
            .places_of
            .get(t.index())
            .map_or(&[], Vec::as_slice)
    }

    /// The links leaving a place (none for a position this network does
    /// not have).
    pub fn outgoing(&self, p: PlaceIdx) -> impl Iterator<Item = &Link> + '_ {
        // petgraph yields no edges for a node it does not have
        self.data
            .graph
            .edges(NodeIndex::new(p.index()))
            .map(|e| e.weight())
    }

    /// Number of links (directed leg traversals and transfers).
    pub fn link_count(&self) -> usize {
        self.data.graph.edge_count()
    }

    /// Every link of the virtual network.
    pub fn links(&self) -> impl Iterator<Item = &Link> + '_ {
        self.data.graph.edge_references().map(|e| e.weight())
    }

    /// Which terminals can be reached from `from` over legs and transfers,
    /// by terminal position (`from` itself included). All `false` for a
    /// position this network does not have.
    pub fn reachable_from(&self, from: TerminalIdx) -> Vec<bool> {
        let d = &self.data;
        let mut seen = vec![false; d.terminals.len()];
        let Some(start) = seen.get_mut(from.index()) else {
            return seen;
        };
        *start = true;
        for &p in self.places_of(from) {
            let mut bfs = Bfs::new(&d.graph, NodeIndex::new(p.index()));
            while let Some(n) = bfs.next(&d.graph) {
                seen[d.graph[n].terminal.index()] = true;
            }
        }
        seen
    }

    /// Turns the network back into a builder, e.g. to add or change parts.
    pub fn to_builder(&self) -> NetworkBuilder {
        let d = &self.data;
        let mut b = NetworkBuilder::new();
        b.meta = d.meta.clone();
        b.sources = d.sources.clone();
        b.emission_factors = d.emission_factors.clone();
        b.grid_intensities = d.grid_intensities.clone();
        b.hub_factors = d.hub_factors.clone();
        b.corridors = d.corridors.clone();
        for t in &d.terminals {
            b.push_terminal(t.clone(), None);
        }
        for l in &d.legs {
            b.push_leg(l.clone(), None);
        }
        b
    }
}

/// `net[t]` is the terminal at a position this network handed out, as
/// `slice[i]` is: it panics on a position of another network. Use
/// [`Network::terminal_at`] where the position may be foreign.
impl std::ops::Index<TerminalIdx> for Network {
    type Output = Terminal;

    fn index(&self, i: TerminalIdx) -> &Terminal {
        &self.data.terminals[i.index()]
    }
}

/// `net[p]` is the place at a position this network handed out; it panics
/// on a position of another network. Use [`Network::place`] where the
/// position may be foreign.
impl std::ops::Index<PlaceIdx> for Network {
    type Output = Place;

    fn index(&self, p: PlaceIdx) -> &Place {
        &self.data.graph[NodeIndex::new(p.index())]
    }
}

/// `net[l]` is the leg at a position this network handed out; it panics on
/// a position of another network. Use [`Network::leg_at`] where the
/// position may be foreign.
impl std::ops::Index<LegIdx> for Network {
    type Output = Leg;

    fn index(&self, i: LegIdx) -> &Leg {
        &self.data.legs[i.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_their_data() {
        let a = Network::eurasia();
        let b = Network::eurasia();
        assert!(Arc::ptr_eq(&a.data, &b.data));
        let c = a.clone();
        assert!(std::ptr::eq(a.legs(), c.legs()));
    }

    #[test]
    fn positions_of_another_network_answer_none() {
        let net = Network::eurasia();
        let far = |n: usize| n + 1_000_000;
        let t = TerminalIdx::new(far(net.terminals().len()));
        let l = LegIdx::new(far(net.legs().len()));
        let p = PlaceIdx::new(far(net.place_count()));
        assert!(net.terminal_at(t).is_none());
        assert!(net.leg_at(l).is_none());
        assert!(net.leg_ends(l).is_none());
        assert!(net.place(p).is_none());
        assert!(net.places_of(t).is_empty());
        assert_eq!(net.outgoing(p).count(), 0);
        assert!(net.reachable_from(t).iter().all(|&r| !r));
        // And every position it hands out answers.
        assert!(net.terminal_indices().all(|t| net.terminal_at(t).is_some()));
        assert!(net.leg_indices().all(|l| net.leg_ends(l).is_some()));
        assert!(net.place_indices().all(|p| net.place(p).is_some()));
        assert_eq!(net.place_indices().len(), net.place_count());
        // Indexing agrees with the checked accessors.
        assert!(
            net.terminal_indices()
                .all(|t| Some(&net[t]) == net.terminal_at(t))
        );
        assert!(net.leg_indices().all(|l| Some(&net[l]) == net.leg_at(l)));
    }

    #[test]
    #[should_panic]
    fn indexing_with_a_foreign_position_panics_like_a_slice() {
        let net = Network::eurasia();
        let _ = &net[TerminalIdx::new(net.terminals().len())];
    }
}
