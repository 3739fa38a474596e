//! The plain-network loaders of `silkroute_netgraph` on arbitrary bytes:
//! `PlainNetwork::from_slice` (netgraph-v1, gzip or plain, or a GeoJSON line
//! network) and `PlainNetwork::from_geojson_slice`.
//!
//! Invariants: no panic; a network that loads has every edge end in range,
//! every weight finite and non-negative, every passage edge in range, and
//! the node and edge limits hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use silkroute_netgraph::{LoadOptions, MAX_EDGE_KM, NodeLocator, PlainNetwork};

const MAX: usize = 10_000;

fn check(net: &PlainNetwork) {
    assert!(net.node_count() <= MAX && net.edge_count() <= MAX);
    for e in &net.edges {
        assert!((e.u as usize) < net.node_count() && (e.v as usize) < net.node_count());
        assert!(
            e.km.is_finite() && (0.0..=MAX_EDGE_KM).contains(&e.km),
            "{}",
            e.km
        );
    }
    for ids in net.passages.values() {
        assert!(ids.iter().all(|&e| (e as usize) < net.edge_count()));
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "passage edges sorted and unique"
        );
    }
    for &[lat, lon] in &net.nodes {
        assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
    }
    // Snapping works on whatever loaded.
    let loc = NodeLocator::new(&net.nodes);
    if let Some(s) = loc.nearest(10.0, 20.0) {
        assert!((s.node as usize) < net.node_count());
        assert!(s.distance_km.is_finite());
    }
}

fuzz_target!(|data: &[u8]| {
    let opts = LoadOptions::default()
        .max_nodes(MAX)
        .max_edges(MAX)
        .max_bytes(4 << 20);
    match PlainNetwork::from_slice(data, &opts) {
        Ok(net) => check(&net),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    match PlainNetwork::from_geojson_slice(data, &opts) {
        Ok(net) => check(&net),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
