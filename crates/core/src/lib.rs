//! # silkroute-core
//!
//! The network model of silkroute: terminals, legs and corridors of the
//! Eurasian freight network, the `silkroute-network` GeoJSON data format,
//! the embedded default dataset and the spatial and name indexes.
//!
//! ```
//! use silkroute_core::Network;
//!
//! let net = Network::eurasia();
//! let alat = net.find("port of baku")?;
//! assert_eq!(alat.name, "Alat");
//! // Names are matched without regard to case, accents or punctuation.
//! assert_eq!(net.find("Boyuk Kesik")?.id, net.find("böyük kəsik")?.id);
//! // Unknown names come back with suggestions.
//! let err = net.find("Aktao").unwrap_err();
//! assert!(err.to_string().contains("did you mean Aktau"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Routing lives in `silkroute-routing`; this crate owns the model and its
//! data. The virtual network that routing runs on (one [`Place`] per
//! terminal and mode layer, [`Link`]s for legs and transfers) is built once
//! when a [`Network`] is created.
#![warn(missing_docs)]

mod country;
mod error;
mod eurasia;
mod format;
mod model;
mod names;
mod network;
mod scenario;
mod units;

pub use country::{CountryCode, UnknownCountry};
pub use error::{Error, Issue, Location};
pub use eurasia::eurasia_geojson;
pub use format::{FORMAT_NAME, FORMAT_VERSION, Limits};
pub use model::*;
pub use names::{
    MAX_SUGGEST_QUERY, MAX_SUGGESTIONS, SUGGESTION_THRESHOLD, did_you_mean, normalize_name, suggest,
};
pub use network::{
    GREAT_CIRCLE_TOLERANCE, IndexOutOfRange, Layer, LegIdx, Link, LinkKind, Network,
    NetworkBuilder, NetworkMeta, Place, PlaceIdx, TerminalIdx,
};
pub use scenario::{SCENARIO_FORMAT_NAME, SCENARIO_FORMAT_VERSION, Scenario};
pub use units::{EARTH_RADIUS_KM, Hours, KgCo2e, Km, Usd, great_circle};
