#!/usr/bin/env bash
# Vendor the workbench's map library into src/claimweave/serve/static/vendor/ (run by hand when the
# pinned versions change; the copied files are committed, so neither CI nor users need npm).
#   scripts/vendor_assets.sh
# Leaflet 1.9.4 and Leaflet.markercluster 1.5.3 (BSD-2-Clause and MIT) are installed from the npm
# registry into a temporary folder; their dist files and LICENSE files are copied.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/src/claimweave/serve/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact leaflet@1.9.4 leaflet.markercluster@1.5.3 >/dev/null
rm -rf "$out"
mkdir -p "$out/leaflet" "$out/markercluster"
cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
   node_modules/leaflet/dist/images node_modules/leaflet/LICENSE "$out/leaflet/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
   node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/markercluster/"
{
  echo "Vendored by scripts/vendor_assets.sh from the npm registry:"
  echo "leaflet@$(node -p "require('./node_modules/leaflet/package.json').version") ($(node -p "require('./node_modules/leaflet/package.json').license"))"
  echo "leaflet.markercluster@$(node -p "require('./node_modules/leaflet.markercluster/package.json').version") ($(node -p "require('./node_modules/leaflet.markercluster/package.json').license"))"
} > "$out/README.txt"
ls -l "$out"/*
