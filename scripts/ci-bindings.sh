#!/usr/bin/env bash
# The bindings check: the C example (normally, dynamically linked, and under
# AddressSanitizer + UBSan) and the Python package (maturin + pytest).
# `.ci/run` calls it; run it yourself from anywhere in the repository:
#
#   bash scripts/ci-bindings.sh
#
# Environment:
#   SILKROUTE_CI_PROFILE  debug (default: reuses the test build) or release
#   SILKROUTE_CI_VENV     virtualenv to (re)use (default: target/ci-bindings-venv)
#   SILKROUTE_CI_PANDAS   1 to install pandas and test Network.matrix(as_dataframe=True)
#   PYTHON                interpreter for the virtualenv (default: python3, >= 3.9)
#   CC                    C compiler (default: cc)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

profile=${SILKROUTE_CI_PROFILE:-debug}
case $profile in
  debug) cargo_profile=() ;;
  release) cargo_profile=(--release) ;;
  *) echo "SILKROUTE_CI_PROFILE must be debug or release, not $profile" >&2; exit 2 ;;
esac
target_dir=${CARGO_TARGET_DIR:-$root/target}
venv=${SILKROUTE_CI_VENV:-$target_dir/ci-bindings-venv}
python=${PYTHON:-python3}
export CC=${CC:-cc}

start=$SECONDS
step_start=$SECONDS
timings=()
step() {
  if [[ -n ${step_name:-} ]]; then timings+=("$(printf '%4ds  %s' $((SECONDS - step_start)) "$step_name")"); fi
  step_name=$1
  step_start=$SECONDS
  printf '\n==> %s\n' "$1"
}

# The CLI, for pytest's byte-identity check. The C library is built by the
# Makefile on its own: cargo names cdylib/staticlib outputs without a hash, so
# building it together with other packages would only be rebuilt afterwards.
step "cargo build -p silkroute-cli ($profile)"
cargo build --locked -p silkroute-cli "${cargo_profile[@]}"

# route.c exits non-zero if a call does not return the status it expects.
check_c_output() {
  local out=$1
  grep -q '^version [0-9.]* api 1$' "$out"
  grep -q '^route OK {"api_version":1,"routes":\[' "$out"
  grep -q '^route ERROR {"api_version":1,"error":{"kind":"unknown_terminal"' "$out"
  grep -q '^call INVALID_ARGUMENT {"api_version":1,"error":{"kind":"invalid_argument"' "$out"
  cut -c1-110 "$out"
}
make_c() { make --silent --no-print-directory -C examples/c PROFILE="$profile" CARGOFLAGS="${cargo_profile[*]:-}" "$@"; }

step "C example, static library"
make_c clean
make_c run >"$target_dir/ci-c-static.out"
check_c_output "$target_dir/ci-c-static.out"

step "C example, shared library"
make_c clean
make_c run LINK=dynamic >"$target_dir/ci-c-dynamic.out"
check_c_output "$target_dir/ci-c-dynamic.out"
cmp "$target_dir/ci-c-static.out" "$target_dir/ci-c-dynamic.out"

step "C example under AddressSanitizer and UndefinedBehaviorSanitizer"
make_c asan >"$target_dir/ci-c-asan.out"
check_c_output "$target_dir/ci-c-asan.out"
cmp "$target_dir/ci-c-static.out" "$target_dir/ci-c-asan.out"
make_c clean

step "Python virtualenv ($venv)"
if [[ ! -x $venv/bin/python ]]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.5,<2" pytest
if [[ ${SILKROUTE_CI_PANDAS:-0} == 1 ]]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check pandas
fi

step "maturin develop ($profile)"
maturin_profile=()
[[ $profile == release ]] && maturin_profile=(--release)
(cd crates/python && VIRTUAL_ENV=$venv PATH="$venv/bin:$PATH" maturin develop --locked "${maturin_profile[@]}")

step "pytest crates/python/tests"
set +e
SILKROUTE_CLI="$target_dir/$profile/silkroute" "$venv/bin/python" -m pytest -p no:cacheprovider -q -rs crates/python/tests
status=$?
set -e
if [[ $status == 5 ]]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
elif [[ $status != 0 ]]; then
  exit "$status"
fi

step "examples/python/compare_corridors.py"
"$venv/bin/python" examples/python/compare_corridors.py >/dev/null

timings+=("$(printf '%4ds  %s' $((SECONDS - step_start)) "$step_name")")
printf '\n==> ci-bindings: all passed in %ds\n' $((SECONDS - start))
printf '%s\n' "${timings[@]}"
