//! Routing over silkroute networks.
#![warn(missing_docs)]

pub mod large;
