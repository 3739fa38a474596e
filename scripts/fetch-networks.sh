#!/usr/bin/env bash
# Download the public rail and sea networks from PyPI into a temporary venv
# and convert them to netgraph-v1: railways_world.json.gz (scgraph-data
# 2.0.0, MIT; OpenStreetMap data, ODbL 1.0) and marnet.json.gz (searoute
# 1.6.0, Apache-2.0).
#
#   scripts/fetch-networks.sh OUT_DIR
#
# The benchmark data sets this project uses (SILKROUTE_BENCH_DATA) are this
# conversion's output; the reference OD files (*_od_dev.csv) are produced
# separately with scgraph's Dijkstra (scripts/bench_scgraph.py --reference).
set -euo pipefail
out="${1:?usage: $0 OUT_DIR}"
here="$(cd "$(dirname "$0")" && pwd)"
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet scgraph-data==2.0.0 searoute==1.6.0
"$venv/bin/python" "$here/convert_networks.py" "$out"
