//! Leaf types of the search representation: node and edge ids, exact
//! integer distances and edge closures.

/// Weight units per km: weights are stored as integer micrometres
/// (1 unit = 1e-9 km), so every search sums exactly the same integers and
/// contraction hierarchies equal Dijkstra bit for bit. Rounding each edge to
/// 1e-9 km keeps distances within 1e-6 relative of an `f64` reference for any
/// path of fewer than a million edges longer than a metre.
pub const UNITS_PER_KM: f64 = 1.0e9;

/// Converts km to integer units (the weight is already validated finite,
/// non-negative and at most `MAX_EDGE_KM` by the loader).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub(crate) fn km_to_units(km: f64) -> u64 {
    (km * UNITS_PER_KM).round().max(0.0) as u64
}

/// Defines a `u32` id newtype with `new` and `get`.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) u32);

        impl $name {
            #[doc = concat!("Wraps ", $what, " index; it is checked against a graph when used.")]
            #[must_use]
            pub const fn new(index: u32) -> Self {
                Self(index)
            }
            /// The index as `u32`.
            #[must_use]
            pub const fn get(self) -> u32 {
                self.0
            }
            /// The index as `usize`.
            #[must_use]
            pub const fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// A node of a [`PlainGraph`](crate::PlainGraph) (its index in the
    /// network file).
    NodeIdx,
    "a node"
);

id_type!(
    /// An undirected edge of a [`PlainGraph`](crate::PlainGraph) (its index
    /// in the network file).
    EdgeIdx,
    "an edge"
);

/// A shortest-path length, held exactly in integer units of 1e-9 km.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Distance(u64);

impl Distance {
    /// From integer units (1 unit = 1e-9 km).
    #[must_use]
    pub const fn from_units(units: u64) -> Self {
        Self(units)
    }
    /// Integer units (1 unit = 1e-9 km).
    #[must_use]
    pub const fn units(self) -> u64 {
        self.0
    }
    /// Kilometres.
    #[must_use]
    #[allow(clippy::cast_precision_loss)] // exact below 2^53 units (9e6 km)
    pub fn km(self) -> f64 {
        self.0 as f64 / UNITS_PER_KM
    }
}

/// One bit per index, in 64-bit words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct BitSet(Vec<u64>);

impl BitSet {
    /// An empty set for indices below `len`.
    pub(crate) fn with_len(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }
    /// Empties the set and sizes it for indices below `len`.
    pub(crate) fn reset(&mut self, len: usize) {
        self.0.clear();
        self.0.resize(len.div_ceil(64), 0);
    }
    /// Adds `i` (growing the set if needed); whether it was new.
    pub(crate) fn insert(&mut self, i: usize) -> bool {
        if i / 64 >= self.0.len() {
            self.0.resize(i / 64 + 1, 0);
        }
        let mask = 1u64 << (i % 64);
        let new = self.0[i / 64] & mask == 0;
        self.0[i / 64] |= mask;
        new
    }
    /// Whether `i` is in the set (indices past the end are not).
    #[inline]
    pub(crate) fn contains(&self, i: usize) -> bool {
        self.0
            .get(i / 64)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }
    /// The members, in increasing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0u32..).zip(&self.0).flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let b = w.trailing_zeros();
                    w &= w - 1;
                    i * 64 + b
                })
            })
        })
    }
}

/// A set of closed edges (for example the edges of avoided passages).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EdgeClosure {
    bits: BitSet,
    count: usize,
}

impl EdgeClosure {
    /// An empty closure for a graph of `edge_count` edges.
    #[must_use]
    pub fn new(edge_count: usize) -> Self {
        Self {
            bits: BitSet::with_len(edge_count),
            count: 0,
        }
    }
    /// Closes one edge (indices past the graph are ignored by searches).
    pub fn close(&mut self, e: EdgeIdx) {
        if self.bits.insert(e.index()) {
            self.count += 1;
        }
    }
    /// Whether `e` is closed.
    #[must_use]
    #[inline]
    pub fn is_closed(&self, e: EdgeIdx) -> bool {
        self.bits.contains(e.index())
    }
    /// Number of closed edges.
    #[must_use]
    pub fn len(&self) -> usize {
        self.count
    }
    /// Whether no edge is closed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
    /// The closed edges, in increasing order.
    pub(crate) fn closed_edges(&self) -> impl Iterator<Item = u32> + '_ {
        self.bits.iter()
    }
    /// Whether any of `edges` is closed.
    #[inline]
    pub(crate) fn any_closed(&self, edges: &[u32]) -> bool {
        edges.iter().any(|&e| self.bits.contains(e as usize))
    }
}

/// Whether edge `e` is open under an optional closure.
#[inline]
pub(crate) fn is_open(c: Option<&EdgeClosure>, e: u32) -> bool {
    c.is_none_or(|c| !c.bits.contains(e as usize))
}
