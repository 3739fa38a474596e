#!/usr/bin/env bash
# Large-network checks (ignored in the ordinary test run): every algorithm
# against the 200 railways_world reference pairs, in release mode.
#
#   SILKROUTE_BENCH_DATA=DIR scripts/test-large.sh
set -euo pipefail
: "${SILKROUTE_BENCH_DATA:?set SILKROUTE_BENCH_DATA to the directory holding railways_world.json.gz}"
cargo test --release -p silkroute-netgraph --test integration railways:: -- --ignored --nocapture
