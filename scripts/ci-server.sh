#!/usr/bin/env bash
# The server check: the README's serve command, Schemathesis against the
# live server (every check), and the web map in headless Chromium.
# `scripts/test.sh` calls it; run it yourself from anywhere in the repository:
#
#   bash scripts/ci-server.sh
#
# It installs what it needs: Debian's chromium and chromium-driver when
# missing (with sudo when not root), and Schemathesis in a virtualenv.
#
# Environment:
#   SILKROUTE_CI_VENV        virtualenv to (re)use (default: target/ci-server-venv)
#   SILKROUTE_CI_EXAMPLES    Schemathesis examples per operation (default 25)
#   PYTHON                   interpreter for the virtualenv (default: python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-$root/target}
venv=${SILKROUTE_CI_VENV:-$target_dir/ci-server-venv}
python=${PYTHON:-python3}
examples=${SILKROUTE_CI_EXAMPLES:-25}

start=$SECONDS
step_start=$SECONDS
timings=()
step() {
  if [[ -n ${step_name:-} ]]; then timings+=("$(printf '%4ds  %s' $((SECONDS - step_start)) "$step_name")"); fi
  step_name=$1
  step_start=$SECONDS
  printf '\n==> %s\n' "$1"
}

server_pid=
readme_pgid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n $readme_pgid ]] && kill -- "-$readme_pgid" 2>/dev/null || true
}
trap cleanup EXIT

# Waits until URL/health answers 200 (at most $2 seconds).
wait_healthy() {
  local url=$1 limit=$2 waited=0
  until curl -fsS -o /dev/null "$url/health"; do
    sleep 0.5
    waited=$((waited + 1))
    if ((waited > limit * 2)); then
      echo "no answer from $url/health after ${limit}s" >&2
      return 1
    fi
  done
}

step "Chromium and chromedriver"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  sudo=()
  [[ $(id -u) != 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null
fi
chromium --version
chromedriver --version

step "Schemathesis virtualenv ($venv)"
if [[ ! -x $venv/bin/python ]]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis>=4.3,<5"
"$venv/bin/schemathesis" --version

step "cargo build --release -p silkroute-cli"
cargo build --locked --release -p silkroute-cli

step "README serve command"
# The exact line of the README, run as pasted (BROWSER=echo: no desktop to open here).
readme_cmd=$(grep -m1 -- '-p silkroute-cli -- serve' README.md | sed 's/ *#.*$//')
[[ -n $readme_cmd ]] || { echo "README has no serve command" >&2; exit 1; }
echo "$readme_cmd"
BROWSER=echo setsid bash -c "$readme_cmd" >"$target_dir/ci-readme-serve.out" 2>&1 &
readme_pgid=$!
wait_healthy http://127.0.0.1:8080 120
curl -fsS http://127.0.0.1:8080/ | grep -q '<title>silkroute'
curl -fsS -X POST -H 'content-type: application/json' \
  -d "{\"from\":\"Xi'an\",\"to\":\"Duisburg\"}" http://127.0.0.1:8080/v1/route | grep -q '"api_version":1'
kill -TERM -- "-$readme_pgid"
wait "$readme_pgid" || true
readme_pgid=
grep -q 'shutdown: done' "$target_dir/ci-readme-serve.out" || { cat "$target_dir/ci-readme-serve.out"; exit 1; }

step "start the server (release, any free port)"
server_log=$target_dir/ci-server.log
"$target_dir/release/silkroute" serve --port 0 --log-format json >"$target_dir/ci-server.out" 2>"$server_log" &
server_pid=$!
for _ in $(seq 100); do
  grep -q 'serving on' "$target_dir/ci-server.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://[0-9.:]*' "$target_dir/ci-server.out" | head -1)
wait_healthy "$url" 30
echo "serving on $url"

step "Schemathesis: every check, $examples examples per operation"
# Run from target/: Schemathesis keeps its cache in .schemathesis/ where it runs.
(cd "$target_dir" && "$venv/bin/schemathesis" --config-file "$root/crates/server/schemathesis.toml" \
  run "$url/openapi.json" --checks all --max-examples "$examples" --seed 1 --workers 2 \
  --request-timeout 30 --no-color)

step "web map in headless Chromium (Xi'an → Duisburg)"
# --workspace: the same features as `cargo test --workspace`, so nothing is rebuilt.
SILKROUTE_SERVER_URL=$url cargo test --locked --workspace --test integration browser -- --ignored
ls -l "$target_dir/browser-map.png"

step "stop the server (SIGTERM, graceful)"
kill -TERM "$server_pid"
wait "$server_pid"
server_pid=
grep -q 'shutdown: done' "$server_log"
if grep -Eq '"status":5[0-9]{2}' "$server_log"; then
  echo "the server answered a 5xx during the checks:" >&2
  grep -E '"status":5[0-9]{2}' "$server_log" | head >&2
  exit 1
fi

timings+=("$(printf '%4ds  %s' $((SECONDS - step_start)) "$step_name")")
printf '\n==> ci-server: all passed in %ds\n' $((SECONDS - start))
printf '%s\n' "${timings[@]}"
