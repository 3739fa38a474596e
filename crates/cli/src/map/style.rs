//! The map's colours and fonts, and which colour each leg gets.

use silkroute_core::{Leg, Mode};
use std::collections::BTreeMap;

/// The font families asked for (the PNG uses the first one found).
pub(super) const FONT: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
/// Sea.
pub(super) const OCEAN: &str = "#d8e6f0";
/// Land.
pub(super) const LAND: &str = "#f3f0e8";
/// Borders and coastlines.
pub(super) const BORDER: &str = "#bdb6a8";
/// The chosen route.
pub(super) const ROUTE: &str = "#111111";
/// A terminal's dot.
pub(super) const TERMINAL: &str = "#333333";
/// A leg without a colour of its own.
pub(super) const UNTAGGED: &str = "#999999";

/// The colour of a mode's legs.
pub(super) fn mode_color(m: Mode) -> &'static str {
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

/// Corridor colours: each leg's corridor tag for colouring (its least
/// common tag, the most specific), and the tags in legend order with their
/// colours.
pub(super) struct CorridorColors {
    /// Per leg, by index, its tag.
    pub tags: Vec<Option<String>>,
    /// The tags used, most used first, with their colours.
    pub legend: Vec<(String, &'static str)>,
}

impl CorridorColors {
    /// The colours of these legs.
    pub fn of(legs: &[Leg]) -> CorridorColors {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for l in legs {
            for t in &l.corridors {
                *count.entry(t.as_str()).or_default() += 1;
            }
        }
        let tags: Vec<Option<String>> = legs
            .iter()
            .map(|l| {
                l.corridors
                    .iter()
                    .min_by(|a, b| count[a.as_str()].cmp(&count[b.as_str()]).then(a.cmp(b)))
                    .cloned()
            })
            .collect();
        let mut used: BTreeMap<&str, usize> = BTreeMap::new();
        for t in tags.iter().flatten() {
            *used.entry(t.as_str()).or_default() += 1;
        }
        let mut order: Vec<(&str, usize)> = used.into_iter().collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let legend = order
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (t.to_string(), PALETTE.get(i).copied().unwrap_or(UNTAGGED)))
            .collect();
        CorridorColors { tags, legend }
    }

    /// The colour of the leg with this index.
    pub fn of_leg(&self, i: usize) -> &'static str {
        self.tags
            .get(i)
            .and_then(Option::as_ref)
            .and_then(|t| self.legend.iter().find(|(n, _)| n == t))
            .map_or(UNTAGGED, |(_, c)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use silkroute_core::Network;

    #[test]
    fn every_tagged_leg_gets_a_legend_colour() {
        let net = Network::eurasia();
        let c = CorridorColors::of(net.legs());
        assert!(!c.legend.is_empty());
        assert_eq!(c.tags.len(), net.legs().len());
        for (i, l) in net.legs().iter().enumerate() {
            match &c.tags[i] {
                None => {
                    assert!(l.corridors.is_empty());
                    assert_eq!(c.of_leg(i), UNTAGGED);
                }
                Some(t) => {
                    assert!(l.corridors.contains(t));
                    let k = c
                        .legend
                        .iter()
                        .position(|(n, _)| n == t)
                        .expect("in the legend");
                    assert_eq!(c.of_leg(i), PALETTE.get(k).copied().unwrap_or(UNTAGGED));
                }
            }
        }
        // Most used first.
        let uses = |t: &str| c.tags.iter().flatten().filter(|x| *x == t).count();
        assert!(c.legend.windows(2).all(|w| uses(&w[0].0) >= uses(&w[1].0)));
    }
}
