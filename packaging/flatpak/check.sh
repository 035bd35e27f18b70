#!/usr/bin/env bash
# Checks the Flatpak manifest as far as a machine without Flathub allows
# (packaging/README.md says what is not checked). Usage:
#   packaging/flatpak/check.sh [INSTALLED_PREFIX]
# INSTALLED_PREFIX (e.g. the /usr of the unpacked .deb) is checked for the
# file names Flatpak exports: only names that start with the app id.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
manifest=$here/io.litehouse.Litehouse.yml
fail() { echo "flatpak-check: FAILED: $*" >&2; exit 1; }

# 1. YAML, and what Litehouse needs of it.
python3 - "$manifest" <<'PY' || fail "the manifest"
import sys, yaml
m = yaml.safe_load(open(sys.argv[1]))
problems = []
def want(cond, what):
    if not cond: problems.append(what)
want(m.get("id") == "io.litehouse.Litehouse", "id is io.litehouse.Litehouse")
want(m.get("runtime") == "org.kde.Platform" and m.get("sdk") == "org.kde.Sdk", "the KDE runtime and SDK")
want(str(m.get("runtime-version", "")).startswith("6."), "a KDE 6 runtime")
want(m.get("command") == "litehouse", "command: litehouse")
args = m.get("finish-args", [])
want(any(a in ("--filesystem=home", "--filesystem=host") for a in args),
     "--filesystem=home or host (SQLite creates -wal/-shm beside the database)")
want("--socket=wayland" in args and "--socket=fallback-x11" in args, "Wayland with X11 fallback")
names = [mod.get("name") if isinstance(mod, dict) else mod for mod in m.get("modules", [])]
want(names == ["litehouse"], "one module, litehouse: Qt and KSyntaxHighlighting come from the runtime")
for p in problems: print("flatpak-check: the manifest lacks: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
echo "flatpak-check: YAML parses; id, KDE 6 runtime, finish-args (--filesystem=home) and modules as intended"

# 2. flatpak-builder's own reading of it (unknown keys and source types are
#    only warnings there, so any warning fails here).
if command -v flatpak-builder >/dev/null; then
  work=$(mktemp -d)
  out=$(cd "$work" && flatpak-builder --show-manifest "$manifest" 2>&1 >/dev/null) || fail "flatpak-builder --show-manifest: $out"
  rm -rf "$work"
  [ -z "$out" ] || fail "flatpak-builder --show-manifest: $out"
  echo "flatpak-check: flatpak-builder $(flatpak-builder --version | cut -d' ' -f2) --show-manifest reads it without a warning"
else
  echo "flatpak-check: flatpak-builder not installed: --show-manifest not run"
fi

# 3. Exported files must carry the app id in their names.
if [ -n "${1:-}" ]; then
  prefix=$1
  bad=$(cd "$prefix" && find share/applications share/metainfo share/mime/packages share/icons -type f 2>/dev/null \
    | grep -v '/io\.litehouse\.Litehouse\(\.desktop\|\.metainfo\.xml\|\.xml\|\.png\|\.svg\)$' || true)
  [ -z "$bad" ] || fail "files Flatpak would refuse to export: $bad"
  echo "flatpak-check: every desktop, AppStream, MIME and icon file is named io.litehouse.Litehouse.*"
fi
