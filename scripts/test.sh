#!/usr/bin/env bash
# Every check of the project, the same locally and in CI:
#   format, lints, tests (unit, property, golden, CLI), docs, bench smoke,
#   examples, README commands, bindings (C and Python), the HTTP server.
# Usage: bash scripts/test.sh [--quick]   (--quick skips bindings and examples)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "rust-version covers every dependency"
bash scripts/check-rust-version.sh

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test"
cargo test --workspace

step "embedded dataset: eurasia.geojson is what its tables build"
cargo run -p silkroute-dataset --quiet -- check

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

step "benches compile and run once (untimed)"
for b in benches/*.rs; do
  cargo bench --bench "$(basename "$b" .rs)" -- --test
done

if [ "$quick" != "--quick" ]; then
  step "examples"
  for e in examples/*.rs; do
    name=$(basename "$e" .rs)
    [ "$name" = "large_bench" ] && continue   # needs a benchmark network path
    cargo run --release --quiet --example "$name" > /dev/null
    echo "example $name: ok"
  done

  step "README main command"
  cargo run --release --quiet -p silkroute-cli -- compare --from "Xi'an" --to Duisburg

  if [ -f scripts/ci-bindings.sh ]; then
    step "bindings: C and Python"
    bash scripts/ci-bindings.sh
  fi
  if [ -f scripts/ci-server.sh ]; then
    step "server: README serve command, Schemathesis, web map in Chromium"
    bash scripts/ci-server.sh
  fi
  if [ -f scripts/ci-fuzz.sh ]; then
    step "fuzz targets: build and short runs"
    bash scripts/ci-fuzz.sh
  fi
fi

step "all checks passed"
