//! Random small networks (built with `NetworkBuilder`) and random requests;
//! checks what every route must satisfy rather than only "no crash". The
//! decoding and the checks are `silkroute_testkit::route_fuzz`, so that every
//! input kept in `fuzz/corpus/route_invariants/` also replays in the normal
//! test suite (`cargo test -p silkroute-testkit`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = silkroute_testkit::route_fuzz::run(data) {
        panic!("{e}");
    }
});
