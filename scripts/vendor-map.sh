#!/usr/bin/env bash
# Vendors the web map's JavaScript library into the server crate, so that
# building silkroute needs no npm and the page loads nothing from elsewhere.
#
#   bash scripts/vendor-map.sh            # Leaflet at the version below
#   LEAFLET_VERSION=1.9.4 bash scripts/vendor-map.sh
#
# It runs `npm pack` in a temporary folder, checks the tarball against the
# registry's integrity hash, and copies the built JS and CSS and the licence
# into crates/server/assets/vendor/, with a VERSIONS file saying what is there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=${LEAFLET_VERSION:-1.9.4}
dest=crates/server/assets/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "leaflet@$version" >/dev/null)
tarball=$(ls "$tmp"/leaflet-*.tgz)
want=$(npm view "leaflet@$version" dist.integrity)
have="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ $want != "$have" ]]; then
  echo "integrity mismatch for leaflet@$version: registry $want, tarball $have" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$tmp"
mkdir -p "$dest"
cp "$tmp/package/dist/leaflet.js" "$dest/leaflet.js"
cp "$tmp/package/dist/leaflet.css" "$dest/leaflet.css"
cp "$tmp/package/LICENSE" "$dest/LICENSE-leaflet.txt"
cat > "$dest/VERSIONS" <<INFO
leaflet $version (npm), BSD-2-Clause, $want
files: dist/leaflet.js, dist/leaflet.css, LICENSE (as LICENSE-leaflet.txt)
regenerate: bash scripts/vendor-map.sh
INFO
ls -l "$dest"
