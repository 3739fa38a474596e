#!/usr/bin/env bash
# A fuzzing campaign: every target (or the ones named) runs until it has
# executed RUNS inputs (default 10 million), several targets at once, one
# libFuzzer process each. Prints one Markdown table row per target
# (executions, wall time, coverage, features, corpus size, peak RSS, result)
# for SECURITY.md. Run from anywhere; needs the nightly toolchain and
# cargo-fuzz, as scripts/ci-fuzz.sh does.
#
# Usage: bash scripts/fuzz-campaign.sh [TARGET...]
#   RUNS=10000000   executions per target
#   JOBS=$(nproc)   targets run at the same time
#   OUT=target/fuzz-campaign   logs and the corpus each run grows
#
# A crash, leak, timeout (10 s per input) or out-of-memory (2 GiB) stops that
# target; its input is saved under fuzz/artifacts/<target>/ and the row says
# "FOUND". The committed seeds (fuzz/corpus/<target>/) are read, never
# written.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10000000}
jobs=${JOBS:-$(nproc)}
out=$(realpath -m "${OUT:-target/fuzz-campaign}")
mkdir -p "$out"

cd fuzz
cargo +nightly fuzz build -a
if [ "$#" -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo +nightly fuzz list); fi

one() {
  local t=$1 log="$out/$1.log" start status
  mkdir -p "$out/corpus-$t"
  start=$(date +%s)
  if cargo +nightly fuzz run -a "$t" "$out/corpus-$t" "corpus/$t" -- \
      -runs="$runs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      >"$log" 2>&1; then status=none; else status="FOUND (fuzz/artifacts/$t/)"; fi
  local secs=$(( $(date +%s) - start ))
  local n cov ft rss files
  n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || true)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || true)
  rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  files=$(find "$out/corpus-$t" -type f | wc -l)
  printf '| `%s` | %s | %s s | %s | %s | %s | %s MB | %s |\n' \
    "$t" "${n:-?}" "$secs" "${cov:-?}" "${ft:-?}" "$files" "${rss:-?}" "$status" >"$out/$t.row"
}
export -f one
export out runs

printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'one "$@"' _ {}
echo "| target | executions | wall time | coverage (edges) | features | corpus files | peak RSS | findings |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for t in "${targets[@]}"; do cat "$out/$t.row"; done
! grep -l FOUND "$out"/*.row >/dev/null 2>&1
