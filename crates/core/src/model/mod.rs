//! The network model: terminals, legs, corridors and their sources.
//!
//! Ids and the naming helpers are here; the closed enums (modes, passages,
//! container sizes, …) are in `kinds` and the records (terminals, legs,
//! sources, …) in `records`.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub(crate) String);

        impl $name {
            /// Wraps a string as an id (no validation; loading validates).
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Ids hash and compare as their strings, so maps keyed by ids can be
        // queried with a `&str` without allocating.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    };
}

string_id!(
    /// The stable id of a terminal, e.g. `alat`.
    TerminalId
);
string_id!(
    /// The stable id of a leg, e.g. `aktau-alat-ferry`.
    LegId
);
string_id!(
    /// The id of a source in the network's sources table.
    SourceId
);
string_id!(
    /// The id of a corridor definition, e.g. `middle-corridor`.
    CorridorId
);
string_id!(
    /// The id of an emission factor in the network's table.
    EmissionFactorId
);
string_id!(
    /// The id of a hub (terminal operation) emission factor.
    HubFactorId
);

/// The names of a closed enum: `ALL` (every value, in declaration order),
/// `as_str` (the name used in files, as serde writes it) and `index` (the
/// position in `ALL`, to size arrays by the enum so that a new value fails
/// to compile instead of falling into a catch-all arm downstream).
macro_rules! enum_names {
    ($name:ident, [$($variant:ident => $text:literal),+ $(,)?]) => {
        impl $name {
            /// Every value, in a fixed order.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The name used in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The position in [`ALL`](Self::ALL).
            pub fn index(self) -> usize {
                self as usize
            }
        }
    };
}

/// `Display` as [`as_str`](Mode::as_str) and `FromStr` accepting any
/// [`as_str`](Mode::as_str) name, ignoring case and surrounding spaces, with
/// an [`UnknownName`] listing the valid names.
macro_rules! display_and_parse {
    ($name:ident, $what:literal) => {
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $name::ALL
                    .into_iter()
                    .find(|v| v.as_str().eq_ignore_ascii_case(t))
                    .ok_or_else(|| UnknownName::new($what, s, &$name::ALL.map($name::as_str)))
            }
        }
    };
}

/// Whether an id is well formed: lowercase ASCII letters, digits and `-`,
/// not empty, at most 64 characters.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The error for an unknown mode, passage or other enumerated name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{value}\": expected one of {}", expected.join(", "))]
pub struct UnknownName {
    /// What kind of name was expected ("mode", "passage", …).
    pub what: &'static str,
    /// The rejected input.
    pub value: String,
    /// The accepted names.
    pub expected: Vec<&'static str>,
}

impl UnknownName {
    fn new(what: &'static str, value: &str, expected: &[&'static str]) -> Self {
        UnknownName {
            what,
            value: value.to_string(),
            expected: expected.to_vec(),
        }
    }
}

mod kinds;
mod records;

pub use kinds::*;
pub use records::*;
