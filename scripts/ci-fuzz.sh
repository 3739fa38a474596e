#!/usr/bin/env bash
# Fuzz targets (fuzz/, cargo-fuzz layout): build every target and run each
# for a short time from its committed seed corpus. scripts/test.sh calls
# this; scripts/fuzz-campaign.sh is the long run (see SECURITY.md).
#
# Usage: bash scripts/ci-fuzz.sh [SECONDS_PER_TARGET]    (default 10, or $FUZZ_SECONDS)
#   route_invariants, which checks the router's invariants on structured
#   inputs, runs 15 times as long (150 s by default: about 90,000 executions
#   on one core of the CI machine, against about 6,000 in 10 s); the others
#   run SECONDS_PER_TARGET each. scripts/fuzz-campaign.sh is the long run.
#   SKIP_FUZZ=1  skip on purpose (say so in the log) when no nightly is at hand.
#
# Needs the nightly toolchain (libFuzzer's sanitizer flags are nightly-only);
# installs cargo-fuzz when it is missing. Any crash, leak, timeout (10 s per
# input) or out-of-memory (2 GiB) fails the script; the input is saved under
# fuzz/artifacts/<target>/ and becomes a regression test (see SECURITY.md).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-${FUZZ_SECONDS:-10}}

if [ "${SKIP_FUZZ:-}" = "1" ]; then
  echo "ci-fuzz: SKIP_FUZZ=1, fuzz targets NOT built or run"
  exit 0
fi
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "ci-fuzz: ERROR: the nightly toolchain is missing; fuzzing needs it." >&2
  echo "  install it with: rustup toolchain install nightly" >&2
  echo "  (or set SKIP_FUZZ=1 to skip fuzzing knowingly)" >&2
  exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "ci-fuzz: cargo-fuzz is missing; installing it (cargo install cargo-fuzz --locked)"
  cargo install cargo-fuzz --locked
fi

cd fuzz
# -a: debug assertions on, so integer overflow is a crash too.
cargo +nightly fuzz build -a
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total_start=$(date +%s)
budget() {
  case "$1" in
    route_invariants) echo $(( secs * 15 )) ;;
    *) echo "$secs" ;;
  esac
}
for t in $(cargo +nightly fuzz list); do
  mkdir -p "$work/$t"
  log="$work/$t.log"
  start=$(date +%s)
  # New inputs go to the scratch directory (first), seeds are read from the
  # committed corpus, which the run leaves untouched.
  if ! cargo +nightly fuzz run -a "$t" "$work/$t" "corpus/$t" -- \
      -max_total_time="$(budget "$t")" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "ci-fuzz: FAILED: target $t; the input is in fuzz/artifacts/$t/" >&2
    echo "  replay: cargo +nightly fuzz run -a $t fuzz/artifacts/$t/<file>" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || true)
  rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  slow=$(grep -o 'stat::slowest_unit_time_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  echo "fuzz $t: ${runs:-?} executions in $(( $(date +%s) - start )) s (coverage ${cov:-?}, peak RSS ${rss:-?} MB, slowest input ${slow:-?} s), no crash"
done
echo "ci-fuzz: all targets passed in $(( $(date +%s) - total_start )) s"
