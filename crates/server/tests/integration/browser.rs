//! The browser test lives in `browser_map.rs` (run by scripts/ci-server.sh).
