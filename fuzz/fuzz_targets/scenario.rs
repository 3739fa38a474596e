//! `Scenario::from_slice` on arbitrary bytes, and `Scenario::apply` of what
//! parses to the mini fixture network and to the embedded Eurasian network.
//!
//! Invariants: no panic; a scenario that applies gives a network that is
//! valid (on the mini base: it exports and loads again) and that routes
//! without panicking;
//! applying never changes the base network.
#![no_main]

use libfuzzer_sys::fuzz_target;
use silkroute_core::{Network, Scenario};
use silkroute_routing::{RouteRequest, Router};
use std::sync::OnceLock;

const MINI: &[u8] = include_bytes!("../../crates/core/tests/data/mini.geojson");

fn bases() -> &'static [Network; 2] {
    static BASES: OnceLock<[Network; 2]> = OnceLock::new();
    BASES.get_or_init(|| {
        [
            Network::from_slice(MINI).expect("mini fixture loads"),
            Network::eurasia(),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let scenario = match Scenario::from_slice(data) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let _ = scenario.summaries();
    for (k, base) in bases().iter().enumerate() {
        let terminals = base.terminals().len();
        let legs = base.legs().len();
        let Ok(net) = scenario.apply(base) else {
            continue;
        };
        assert_eq!(
            (base.terminals().len(), base.legs().len()),
            (terminals, legs),
            "apply changed its base"
        );
        // The export round trip is checked on the small base only: on the
        // embedded network it would cost most of the run's time.
        if k == 0 {
            let mut text = Vec::new();
            net.write_geojson(&mut text).expect("export to memory");
            if let Err(e) = Network::from_slice(&text) {
                panic!("a scenario produced a network that does not load again: {e}");
            }
        }
        if net.terminals().len() >= 2 {
            let router = Router::new(net);
            let t = router.network().terminals();
            let _ = router.best(&RouteRequest::new(
                t[0].id.as_str(),
                t[t.len() - 1].id.as_str(),
            ));
        }
    }
});
