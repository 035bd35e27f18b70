#!/usr/bin/env bash
# Takes the README's screenshots under Xvfb (needs xvfb xauth imagemagick
# x11-utils; scripts/deps.sh installs them). Usage: scripts/screenshots.sh [BUILD]
set -euo pipefail
build=${1:-build}
shot=${SCREENSHOT_TOOL:-../shared/tools/screenshot}
out=docs/screenshots
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
for spec in "workbench-light editor" "workbench-dark editor --dark" "browser browser" "browser-dark browser --dark" "editing editing" "celleditor celleditor" "transactions transactions" \
            "transactions-dark transactions --dark" "maintenance maintenance" "migrations migrations" "import import" \
            "designer designer"; do
  set -- $spec
  name=$1; shift
  "$shot" "$out/$name.png" --wait 6 --size 1400x860 -- "$build/bench/ui/litehouse-screenshots" "$@" "$tmp/demo-$name.db"
done
