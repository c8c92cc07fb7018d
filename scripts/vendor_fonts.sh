#!/usr/bin/env bash
# Vendor the DejaVu Sans fonts of the reports and the dashboard into
# src/sitroom/web/static/fonts/, so a PDF report looks the same on every machine and needs no
# system font (DejaVu Sans covers Latin, Dari and Pashto script). Run from the repository root:
#
#   bash scripts/vendor_fonts.sh      # from Debian's fonts-dejavu-core (installed with apt-get if missing)
#
# Copies the regular, bold and oblique faces, their licence (Bitstream Vera / DejaVu: free to copy
# and redistribute) and the package version. NOTICE names the fonts and their licence.
set -euo pipefail

target="src/sitroom/web/static/fonts"
source_dir="/usr/share/fonts/truetype/dejavu"
if [ ! -f "$source_dir/DejaVuSans.ttf" ]; then
  bash scripts/install_system_deps.sh fonts-dejavu-core
fi
mkdir -p "$target"
for face in DejaVuSans DejaVuSans-Bold DejaVuSans-Oblique; do
  cp "$source_dir/$face.ttf" "$target/$face.ttf"
done
cp /usr/share/doc/fonts-dejavu-core/copyright "$target/LICENSE"
dpkg-query -W -f='fonts-dejavu-core ${Version}\n' fonts-dejavu-core > "$target/VERSION"
echo "DejaVu Sans ($(cat "$target/VERSION")) vendored into $target"
