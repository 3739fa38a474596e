#!/usr/bin/env bash
# The workspace's `rust-version` must be at least the highest `rust-version`
# any dependency declares (from `cargo metadata`), so that it states the real
# minimum. Run from anywhere in the repository: bash scripts/check-rust-version.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo metadata --format-version 1 --locked | python3 -c '
import json, sys
m = json.load(sys.stdin)
ws = set(m["workspace_members"])
# "1.88" and "1.88.0" are the same version: compare three components.
key = lambda v: (tuple(int(x) for x in v.split(".")) + (0, 0))[:3]
own = {p["rust_version"] for p in m["packages"] if p["id"] in ws}
if len(own) != 1:
    sys.exit(f"workspace members declare different rust-versions: {sorted(own)}")
own = own.pop()
deps = [(p["rust_version"], p["name"]) for p in m["packages"] if p["id"] not in ws and p.get("rust_version")]
need, who = max(deps, key=lambda d: key(d[0]))
if key(own) < key(need):
    sys.exit(f"rust-version = \"{own}\" but {who} needs {need}: raise [workspace.package] rust-version in Cargo.toml")
print(f"rust-version {own}: at least what every dependency needs (highest: {who} {need})")
'
