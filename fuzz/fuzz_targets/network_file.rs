//! `Network::from_slice` on arbitrary bytes (plain or gzip JSON).
//!
//! Invariants: loading never panics; a network that loads exports to GeoJSON
//! that loads again into the same terminals and legs, and exports to the
//! same text (export is deterministic and a fixed point).
#![no_main]

use libfuzzer_sys::fuzz_target;
use silkroute_core::{Limits, Network};

fuzz_target!(|data: &[u8]| {
    // Small limits keep a gzip bomb from spending the run decompressing.
    let limits = Limits::default().max_bytes(4 << 20).max_features(10_000);
    let net = match Network::from_slice_with(data, limits) {
        Ok(net) => net,
        Err(e) => {
            // Every error renders, and names something.
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let mut text = Vec::new();
    net.write_geojson(&mut text).expect("export to memory");
    let again = Network::from_slice(&text)
        .unwrap_or_else(|e| panic!("an exported network does not load again: {e}"));
    assert_eq!(net.terminals(), again.terminals());
    assert_eq!(net.legs().len(), again.legs().len());
    for (a, b) in net.legs().iter().zip(again.legs()) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.distance, b.distance);
        assert_eq!(a.cost, b.cost);
    }
    let mut text2 = Vec::new();
    again.write_geojson(&mut text2).expect("export to memory");
    assert!(text == text2, "export is not a fixed point");
});
