//! railways_world (275k nodes), not committed: ignored in the ordinary test
//! run, run by `scripts/test-large.sh`.

use std::path::PathBuf;

use silkroute_netgraph::{LoadOptions, NodeIdx, PlainNetwork};

use crate::common::{check_reference_pairs, close_enough, read_od};

/// railways_world: every algorithm, batch and a matrix against the
/// reference pairs.
#[test]
#[ignore = "needs SILKROUTE_BENCH_DATA with railways_world.json.gz; run scripts/test-large.sh"]
fn railways_world_reference_pairs() {
    let dir =
        PathBuf::from(std::env::var_os("SILKROUTE_BENCH_DATA").expect("SILKROUTE_BENCH_DATA"));
    let net = PlainNetwork::from_path(dir.join("railways_world.json.gz"), &LoadOptions::default())
        .unwrap();
    let od = read_od(&dir.join("railways_world_od_dev.csv"));
    assert_eq!(od.len(), 200);
    let (router, pairs) = check_reference_pairs(&net, &od);
    let (os, ds): (Vec<NodeIdx>, Vec<NodeIdx>) = pairs.iter().copied().unzip();
    let m = router.matrix(&os, &ds, None).unwrap();
    for (i, &(_, _, km)) in od.iter().enumerate() {
        assert!(close_enough(m.get(i, i).unwrap().km(), km));
    }
}
