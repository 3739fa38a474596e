//! Positions of terminals, legs and places in a [`Network`](super::Network).

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        ///
        /// A network hands out its own positions (`terminal_idx`, `find_idx`,
        /// `terminal_indices`, …); one can also be made from a `usize` with
        /// `try_from`, which fails past `u32::MAX`. A position the network
        /// does not have (taken from another network, or made up) is answered
        /// with `None` or nothing by the network's accessors, never a panic.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The position as a `usize`, for indexing arrays sized by the network.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The index for a position the caller knows to fit (a position in
            /// a network, whose sizes are checked when it is assembled).
            #[inline]
            pub(crate) fn new(i: usize) -> Self {
                debug_assert!(u32::try_from(i).is_ok(), "{} {i} overflows u32", $what);
                $name(i as u32)
            }
        }

        impl TryFrom<usize> for $name {
            type Error = IndexOutOfRange;

            /// # Errors
            /// [`IndexOutOfRange`] past `u32::MAX`.
            fn try_from(i: usize) -> Result<Self, IndexOutOfRange> {
                u32::try_from(i).map($name).map_err(|_| IndexOutOfRange {
                    what: $what,
                    index: i,
                })
            }
        }

        impl From<u32> for $name {
            /// Every `u32` is a position (the network's accessors answer
            /// `None` for one it does not have).
            #[inline]
            fn from(i: u32) -> Self {
                $name(i)
            }
        }

        impl From<$name> for u32 {
            #[inline]
            fn from(i: $name) -> u32 {
                i.0
            }
        }

        impl From<$name> for usize {
            fn from(i: $name) -> usize {
                i.index()
            }
        }
    };
}

index_type!(
    /// The position of a terminal in a [`Network`](super::Network) (stable for the network's lifetime).
    TerminalIdx,
    "terminal index"
);
index_type!(
    /// The position of a leg in a [`Network`](super::Network).
    LegIdx,
    "leg index"
);
index_type!(
    /// The position of a place (a terminal on one mode layer) in a [`Network`](super::Network).
    PlaceIdx,
    "place index"
);

/// A position too large for a network index (they are 32-bit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{what} {index} is out of range (at most {})", u32::MAX)]
pub struct IndexOutOfRange {
    /// Which kind of index ("terminal index", "leg index", "place index").
    pub what: &'static str,
    /// The position given.
    pub index: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn try_from_refuses_what_does_not_fit() {
        assert_eq!(TerminalIdx::try_from(7usize).map(TerminalIdx::index), Ok(7));
        assert_eq!(
            PlaceIdx::try_from(u32::MAX as usize).map(usize::from),
            Ok(u32::MAX as usize)
        );
        if let Some(big) = (u32::MAX as usize).checked_add(1) {
            let e = LegIdx::try_from(big).expect_err("does not fit");
            assert_eq!(e.index, big);
            assert!(
                e.to_string()
                    .starts_with("leg index 4294967296 is out of range"),
                "{e}"
            );
        }
    }
}
