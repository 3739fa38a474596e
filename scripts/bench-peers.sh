#!/usr/bin/env bash
# Compare silkroute's large-network searches with scgraph 3.6.0 (whole
# process and per query) on railways_world and marnet, plus a 1000 x 1000
# distance matrix, with peak memory from /usr/bin/time -v.
#
#   scripts/bench-peers.sh [OUT_DIR]                         # fetches what it needs
#   SILKROUTE_BENCH_DATA=DIR scripts/bench-peers.sh [OUT_DIR]
#
# DIR holds railways_world.json.gz, marnet.json.gz and *_od_dev.csv. Without
# SILKROUTE_BENCH_DATA the script makes target/bench-data: railways_world from
# PyPI (scripts/fetch-networks.sh), marnet and the reference pairs from the
# repository. fast_paths and petgraph are compared in the criterion bench:
# cargo bench --bench large.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
if [ -z "${SILKROUTE_BENCH_DATA:-}" ]; then
    data="$root/target/bench-data"
    mkdir -p "$data"
    if [ ! -f "$data/railways_world.json.gz" ]; then
        "$here/fetch-networks.sh" "$data"
    fi
    # The reference pairs name nodes of the committed marnet file.
    cp "$root/crates/netgraph/tests/data/marnet.json.gz" "$root/crates/netgraph/tests/data/marnet_od_dev.csv" "$data/"
    cp "$root/benches/data/railways_world_od_dev.csv" "$data/"
else
    data="$SILKROUTE_BENCH_DATA"
fi
out="${1:-target/bench-peers}"
mkdir -p "$out"
venv="${SCGRAPH_VENV:-$out/venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet scgraph==3.6.0
fi
cargo build --release --example large_bench
bin="target/release/examples/large_bench"
for net in marnet railways_world; do
    nodes="$out/${net}_matrix_nodes.csv"
    count=1000
    "$venv/bin/python" "$here/bench_scgraph.py" --matrix-nodes "$data/$net.json.gz" "$data/${net}_od_dev.csv" "$nodes" "$count"
    for side in silkroute scgraph; do
        log="$out/${net}_${side}.txt"
        if [ "$side" = silkroute ]; then
            cmd=("$bin" "$data/$net.json.gz" "$data/${net}_od_dev.csv" "$nodes")
        else
            cmd=("$venv/bin/python" "$here/bench_scgraph.py" "$data/$net.json.gz" "$data/${net}_od_dev.csv" "$nodes")
        fi
        /usr/bin/time -v "${cmd[@]}" >"$log" 2>"$log.time"
        grep -E "Elapsed|Maximum resident" "$log.time" | sed 's/^\s*/# /' >>"$log"
        echo "== $net / $side"; cat "$log"
    done
done
