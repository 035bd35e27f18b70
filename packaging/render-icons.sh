#!/usr/bin/env bash
# Renders the hicolor PNG icons from resources/icons/io.litehouse.Litehouse.svg
# into resources/icons/litehouse-<size>.png. The PNGs are committed, so that
# building Litehouse (and the Flatpak) needs no SVG renderer; run this again
# after changing the SVG and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || {
  echo "render-icons: rsvg-convert not found (apt-get install librsvg2-bin)" >&2; exit 1; }
# Keep in step with LITEHOUSE_ICON_SIZES in packaging/CMakeLists.txt.
for size in 16 22 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" resources/icons/io.litehouse.Litehouse.svg \
    -o "resources/icons/litehouse-$size.png"
done
echo "render-icons: wrote resources/icons/litehouse-{16,22,24,32,48,64,128,256}.png"
