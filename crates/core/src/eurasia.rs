//! The embedded default network.

use crate::network::Network;
use std::sync::OnceLock;

/// The default dataset, embedded in the binary.
pub(crate) const EURASIA_GEOJSON: &str = include_str!("../data/eurasia.geojson");

static EURASIA: OnceLock<Network> = OnceLock::new();

pub(crate) fn network() -> &'static Network {
    EURASIA.get_or_init(|| match Network::from_json_str(EURASIA_GEOJSON) {
        Ok(n) => n,
        // invariant: the embedded dataset is validated by the test suite, so
        // this cannot fail in a released build
        Err(e) => panic!("the embedded eurasia dataset is invalid: {e}"),
    })
}

/// The embedded dataset's GeoJSON text, exactly as shipped.
pub fn eurasia_geojson() -> &'static str {
    EURASIA_GEOJSON
}
