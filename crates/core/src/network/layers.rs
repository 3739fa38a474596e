//! The parts of the virtual network routing runs on: mode layers, places
//! (a terminal on one layer) and links (a leg traversal or a transfer).

use super::index::{LegIdx, PlaceIdx, TerminalIdx};
use crate::model::{Gauge, Mode};

/// A mode layer at a terminal. Containers move along a layer for free and
/// pay the terminal's handling to change layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Layer {
    /// Rail on one gauge.
    Rail(Gauge),
    /// Road.
    Road,
    /// Sea.
    Sea,
    /// Ferry.
    Ferry,
}

impl Layer {
    /// The layer a leg of a mode (and gauge, for rail) runs on.
    pub fn of(mode: Mode, gauge: Option<Gauge>) -> Layer {
        match mode {
            Mode::Rail => Layer::Rail(gauge.unwrap_or(Gauge::STANDARD)),
            Mode::Road => Layer::Road,
            Mode::Sea => Layer::Sea,
            Mode::Ferry => Layer::Ferry,
        }
    }

    /// The mode of the legs on this layer.
    ///
    /// ```
    /// use silkroute_core::{Gauge, Layer, Mode};
    /// for mode in Mode::ALL {
    ///     assert_eq!(Layer::of(mode, Some(Gauge::RUSSIAN)).mode(), mode);
    /// }
    /// ```
    pub fn mode(self) -> Mode {
        match self {
            Layer::Rail(_) => Mode::Rail,
            Layer::Road => Mode::Road,
            Layer::Sea => Mode::Sea,
            Layer::Ferry => Mode::Ferry,
        }
    }

    /// The track gauge, for a rail layer.
    pub fn gauge(self) -> Option<Gauge> {
        match self {
            Layer::Rail(g) => Some(g),
            Layer::Road | Layer::Sea | Layer::Ferry => None,
        }
    }
}

/// A terminal on one mode layer: a node of the virtual network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Place {
    /// The terminal.
    pub terminal: TerminalIdx,
    /// The layer.
    pub layer: Layer,
}

/// What an edge of the virtual network stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkKind {
    /// Travel along a leg, forward (`from` → `to`) or in reverse.
    Leg {
        /// The leg.
        leg: LegIdx,
        /// Whether the leg is travelled from its `to` end to its `from` end.
        reverse: bool,
    },
    /// A change of mode or gauge at a terminal, paying its handling.
    Transfer {
        /// The terminal.
        terminal: TerminalIdx,
    },
}

impl LinkKind {
    /// The leg travelled, for a leg link.
    pub fn leg(self) -> Option<LegIdx> {
        match self {
            LinkKind::Leg { leg, .. } => Some(leg),
            LinkKind::Transfer { .. } => None,
        }
    }

    /// The terminal where the transfer happens, for a transfer link.
    pub fn transfer_terminal(self) -> Option<TerminalIdx> {
        match self {
            LinkKind::Transfer { terminal } => Some(terminal),
            LinkKind::Leg { .. } => None,
        }
    }
}

/// An edge of the virtual network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Link {
    /// Tail place.
    pub from: PlaceIdx,
    /// Head place.
    pub to: PlaceIdx,
    /// What it stands for.
    pub kind: LinkKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layer_gives_back_its_mode_and_gauge() {
        assert_eq!(Layer::of(Mode::Rail, None), Layer::Rail(Gauge::STANDARD));
        assert_eq!(Layer::Rail(Gauge::RUSSIAN).gauge(), Some(Gauge::RUSSIAN));
        assert_eq!(Layer::Sea.gauge(), None);
        assert_eq!(Layer::Ferry.mode(), Mode::Ferry);
    }

    #[test]
    fn link_kinds_answer_leg_and_terminal() {
        let leg = LinkKind::Leg {
            leg: LegIdx::new(3),
            reverse: true,
        };
        let tr = LinkKind::Transfer {
            terminal: TerminalIdx::new(4),
        };
        assert_eq!(leg.leg(), Some(LegIdx::new(3)));
        assert_eq!(leg.transfer_terminal(), None);
        assert_eq!(tr.leg(), None);
        assert_eq!(tr.transfer_terminal(), Some(TerminalIdx::new(4)));
    }
}
