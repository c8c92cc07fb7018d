#!/usr/bin/env bash
# Vendor the Leaflet map library into src/sitroom/web/static/vendor/leaflet/ from the npm registry,
# so the dashboard serves it itself (no CDN). Run from the repository root:
#
#   bash scripts/vendor_leaflet.sh            # the version recorded in vendor/leaflet/VERSION
#   bash scripts/vendor_leaflet.sh 1.9.5      # update: then run the browser tests (tests/web/test_map_browser.py)
#
# Copies the ES-module build, the stylesheet, its images and the LICENSE; the source-map comment is
# removed (the map file is not shipped). NOTICE names the library and its licence.
set -euo pipefail

target="src/sitroom/web/static/vendor/leaflet"
version="${1:-$(cat "$target/VERSION" 2>/dev/null || echo 1.9.4)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "leaflet@$version" >/dev/null && tar xzf "leaflet-$version.tgz")
dist="$work/package/dist"
mkdir -p "$target/images"
sed '/^\/\/# sourceMappingURL=/d' "$dist/leaflet-src.esm.js" > "$target/leaflet-src.esm.js"
cp "$dist/leaflet.css" "$target/leaflet.css"
cp "$dist"/images/*.png "$target/images/"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$version" > "$target/VERSION"
echo "Leaflet $version vendored into $target"
