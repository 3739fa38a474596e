//! Limits that keep hostile input from exhausting memory or time: each has a
//! default, a way to raise it, and an error naming it. Regression inputs
//! found by fuzzing (`fuzz/`) live in `tests/data/fuzz/` and are loaded here.

use crate::common::{MINI, mini_value};
use silkroute_core::{Error, Limits, Network, Scenario};
use std::io::Write;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).expect("in memory");
    e.finish().expect("in memory")
}

#[track_caller]
fn too_large(e: Error, how: &str) {
    let msg = e.to_string();
    assert!(matches!(e, Error::TooLarge { .. }), "{msg}");
    assert!(msg.contains(how), "{msg}");
}

#[test]
fn network_bytes_limit() {
    assert_eq!(Limits::default().max_bytes, 256 * 1024 * 1024);
    let limits = Limits::default().max_bytes(1000);
    too_large(
        Network::from_slice_with(MINI.as_bytes(), limits).unwrap_err(),
        "Limits::max_bytes",
    );
    // Decompressed size counts: a small gzip bomb is refused without being
    // inflated whole.
    let bomb = gzip(&vec![b' '; 8 * 1024 * 1024]);
    assert!(bomb.len() < 20_000);
    let limits = Limits::default().max_bytes(1024 * 1024);
    too_large(
        Network::from_slice_with(&bomb, limits).unwrap_err(),
        "Limits::max_bytes",
    );
    // The library names its own setting, never a CLI flag.
    let e = Network::from_reader_with(&bomb[..], limits).unwrap_err();
    assert!(!e.to_string().contains("--"), "{e}");
    too_large(e, "Limits::max_bytes");
    let e = Network::from_reader(&bomb[..bomb.len() / 2]).unwrap_err();
    assert!(e.to_string().contains("corrupt gzip"), "{e}");
    // Raised, the fixture loads (plain and gzip).
    let limits = Limits::default().max_bytes(MINI.len() as u64);
    assert!(Network::from_slice_with(MINI.as_bytes(), limits).is_ok());
    assert!(Network::from_slice_with(&gzip(MINI.as_bytes()), limits).is_ok());
}

#[test]
fn network_feature_limit() {
    assert_eq!(Limits::default().max_features, 1_000_000);
    let n = mini_value()["features"].as_array().expect("features").len();
    let e = Network::from_slice_with(MINI.as_bytes(), Limits::default().max_features(n - 1))
        .unwrap_err();
    too_large(e, "Limits::max_features");
    assert!(Network::from_slice_with(MINI.as_bytes(), Limits::default().max_features(n)).is_ok());
}

#[test]
fn scenario_file_limit() {
    let dir = std::env::temp_dir().join(format!("silkroute-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("huge-scenario.json");
    // 17 MiB of whitespace: over the 16 MiB limit, refused after reading
    // at most one byte more than the limit.
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(17 * 1024 * 1024).expect("sparse file");
    let e = Scenario::from_path(&path).unwrap_err();
    assert!(matches!(e, Error::TooLarge { .. }), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}
