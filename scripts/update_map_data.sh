#!/usr/bin/env bash
# Refresh the dashboard map's third-party parts from the npm registry (run from the repository root):
#   1. Leaflet, vendored into src/sitroom/web/static/vendor/leaflet/ (scripts/vendor_leaflet.sh);
#   2. the neighbouring countries of the af pack, derived from world-atlas (Natural Earth, public
#      domain) by scripts/build_neighbours.py into src/sitroom/data/gazetteer/af/neighbours.json.gz.
# Versions: LEAFLET_VERSION (default: vendor/leaflet/VERSION) and WORLD_ATLAS_VERSION below.
# After an update run: .venv/bin/python -m pytest tests/web/test_map_browser.py tests/api/test_map_layers.py
set -euo pipefail

WORLD_ATLAS_VERSION="${WORLD_ATLAS_VERSION:-2.0.2}"
# Iran, Turkmenistan, Uzbekistan, Tajikistan, China, Pakistan (ISO 3166-1 numeric)
AF_NEIGHBOURS="364,795,860,762,156,586"
PYTHON="${PYTHON:-.venv/bin/python}"

bash scripts/vendor_leaflet.sh ${LEAFLET_VERSION:-}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "world-atlas@$WORLD_ATLAS_VERSION" >/dev/null && tar xzf "world-atlas-$WORLD_ATLAS_VERSION.tgz")
"$PYTHON" scripts/build_neighbours.py --source "$work/package/countries-50m.json" \
    --pack src/sitroom/data/gazetteer/af --countries "$AF_NEIGHBOURS"
