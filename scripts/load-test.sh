#!/usr/bin/env bash
# Load test of `silkroute serve` on loopback, bounded in count and time
# (not run by CI: about two minutes). The figures go in BENCHMARKS.md.
#
#   bash scripts/load-test.sh            # 100,000 requests at 64 connections
#   LOAD_REQUESTS=20000 bash scripts/load-test.sh
#
# Needs oha (`cargo install oha --locked`; installed if missing) and
# python3. Four runs, each against a fresh release server on a free port:
#   1. throughput and latency of POST /v1/route at 64 connections, RSS
#      before and after;
#   2. the same load while 200 clients connect and go away in the middle
#      of their requests, and 100 hold idle connections;
#   3. SIGTERM under load: every request the server accepted is answered;
#   4. (printed) the server's own request counters.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
requests=${LOAD_REQUESTS:-100000}
connections=${LOAD_CONNECTIONS:-64}
out=$target_dir/load-test
mkdir -p "$out"
body='{"from":"Xi'"'"'an","to":"Duisburg","objective":"time","avoid_countries":["RU","BY"]}'

command -v oha >/dev/null || cargo install oha --locked
cargo build --locked --release -p silkroute-cli
bin=$target_dir/release/silkroute

server_pid=
stop_server() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; server_pid=; }
trap stop_server EXIT

start_server() {
  "$bin" serve --port 0 --log-format json "$@" >"$out/server.out" 2>"$out/server.log" &
  server_pid=$!
  for _ in $(seq 100); do grep -q 'serving on' "$out/server.out" 2>/dev/null && break; sleep 0.1; done
  url=$(grep -o 'http://[0-9.:]*' "$out/server.out" | head -1)
  curl -fsS -o /dev/null "$url/health"
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }

# oha's JSON summary as one line: requests/s, p50, p99 (ms), statuses, errors.
summary() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s, lat = r["summary"], r["latencyPercentiles"]
codes = r.get("statusCodeDistribution", {})
errors = r.get("errorDistribution", {})
print(f"requests/s {s['requestsPerSec']:.0f}  p50 {lat['p50']*1000:.2f} ms  p99 {lat['p99']*1000:.2f} ms  "
      f"statuses {json.dumps(codes, sort_keys=True)}  errors {json.dumps(errors, sort_keys=True)}")
PY
}

load() {  # load NAME N-OR--z ...
  local name=$1; shift
  timeout 600 oha --no-tui --output-format json -c "$connections" -m POST \
    -H 'content-type: application/json' -d "$body" "$@" "$url/v1/route" >"$out/$name.json"
}

echo "== machine: $(nproc) cores, $(uname -sr); oha $(oha --version | awk '{print $2}')"

echo "== 1. $requests requests, $connections connections, POST /v1/route (Xi'an → Duisburg, time, RU/BY avoided)"
start_server
load warmup -n 2000 >/dev/null
before=$(rss_kib)
load steady -n "$requests"
after=$(rss_kib)
echo "   $(summary "$out/steady.json")"
echo "   RSS after warm-up ${before} KiB, after $requests requests ${after} KiB"
load steady2 -n "$requests"
echo "   again: $(summary "$out/steady2.json"), RSS $(rss_kib) KiB"
stop_server

echo "== 2. 20,000 requests while 200 clients vanish mid-request and 100 hold idle connections"
start_server --body-timeout 2
python3 - "$url" >"$out/vanish.txt" <<'PY' &
import socket, sys, time, random
host, port = sys.argv[1].removeprefix("http://").split(":")
idle = [socket.create_connection((host, int(port))) for _ in range(100)]
random.seed(7)
for i in range(200):
    s = socket.create_connection((host, int(port)))
    body = b'{"from":"Xi\'an","to":"Duisburg"}'
    whole = b"POST /v1/route HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body)
    cut = random.randrange(1, len(whole) + 1)
    s.sendall(whole[:cut])
    time.sleep(0.01)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST, not FIN
    s.close()
time.sleep(1)
for s in idle:
    s.close()
print("200 vanished, 100 idle closed")
PY
vanish=$!
load vanish -n 20000
wait "$vanish"
echo "   $(summary "$out/vanish.json")"
sleep 3
inflight=$(curl -fsS "$url/metrics" | awk '/^silkroute_http_requests_in_flight/ {print $2}')
echo "   in flight afterwards (the scrape itself): $inflight; health: $(curl -fsS -o /dev/null -w '%{http_code}' "$url/health")"
stop_server

echo "== 3. SIGTERM after 3 s of a 10 s load (drain delay 1 s): what was accepted is answered"
start_server --drain-delay 1
load shutdown -z 10s &
loader=$!
sleep 3
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=
wait "$loader" || true
echo "   $(summary "$out/shutdown.json")"
grep -c '"message":"finished processing request"' "$out/server.log" | sed 's/^/   responses the server logged: /'
if grep -q 'dropping the requests still running' "$out/server.log"; then
  echo "   the grace period ran out: requests were dropped"
else
  echo "   every accepted request was answered before exit ($(grep -o 'shutdown: [a-z ,-]*' "$out/server.log" | tr '\n' ';'))"
fi
