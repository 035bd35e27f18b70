#!/usr/bin/env bash
# Installs what Litehouse needs to build and test, only what is missing, and
# builds KSyntaxHighlighting for Qt 6 into a private, cached prefix when the
# distribution has no KF6 package. Prints the prefix to use on its last line
# ("prefix=<dir>", empty when the system package is used).
#
# LITEHOUSE_KSH_STATIC=1 builds a static KSyntaxHighlighting instead, in a
# prefix of its own, for the .deb (`make package`, see packaging/README.md):
# the packaged `litehouse` carries it inside, so nothing of the private
# build is installed or pointed at.
set -euo pipefail

KSH_VERSION=5.116.0
KSH_STATIC=${LITEHOUSE_KSH_STATIC:-0}
CACHE_ROOT=${LITEHOUSE_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/litehouse/deps}
KSH_PREFIX=$CACHE_ROOT/ksyntaxhighlighting-$KSH_VERSION-qt6
[ "$KSH_STATIC" = 1 ] && KSH_PREFIX=$KSH_PREFIX-static

log() { echo "deps: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else log "need root to run: $* (install sudo or run as root)"; exit 1
  fi
}

PACKAGES=(cmake ninja-build g++ make perl pkg-config extra-cmake-modules
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite
  libgl-dev libsqlite3-dev sqlite3 python3 xz-utils
  xvfb xauth imagemagick x11-utils
  clang-14 libclang-rt-14-dev)  # the libFuzzer targets (tests/fuzz/run.sh)
[ -n "${LITEHOUSE_EXTRA_PACKAGES:-}" ] && read -r -a extra <<<"$LITEHOUSE_EXTRA_PACKAGES" && PACKAGES+=("${extra[@]}")

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
apt_updated=0
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  as_root apt-get update -qq
  apt_updated=1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# A distribution KF6 build is the normal route where it exists (Debian 13+).
if dpkg-query -W -f='${Status}' libkf6syntaxhighlighting-dev 2>/dev/null | grep -q 'install ok installed'; then
  echo "prefix="; exit 0
fi
if apt-cache show libkf6syntaxhighlighting-dev >/dev/null 2>&1; then
  log "installing libkf6syntaxhighlighting-dev"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libkf6syntaxhighlighting-dev >&2
  echo "prefix="; exit 0
fi

if [ -f "$KSH_PREFIX/.complete" ]; then
  echo "prefix=$KSH_PREFIX"; exit 0
fi

# Debian 12 ships KSyntaxHighlighting for Qt 5 only. The KF5 5.116 upstream
# tarball builds against Qt 6; take it from Debian's trixie sources.
log "building KSyntaxHighlighting $KSH_VERSION for Qt 6 into $KSH_PREFIX (static: $KSH_STATIC)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$CACHE_ROOT/ksyntax-highlighting_$KSH_VERSION.orig.tar.xz
mkdir -p "$CACHE_ROOT"
if [ ! -s "$tarball" ]; then
  src_list=/etc/apt/sources.list.d/litehouse-trixie-src.sources
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  uri=${uri:-http://deb.debian.org/debian}
  as_root tee "$src_list" >/dev/null <<SRC
Types: deb-src
URIs: $uri
Suites: trixie
Components: main
Signed-By: $keyring
SRC
  cleanup_src() { as_root rm -f "$src_list"; as_root apt-get update -qq || true; }
  if ! as_root apt-get update -qq; then cleanup_src; log "apt-get update with trixie sources failed"; exit 1; fi
  (cd "$work" && apt-get source --tar-only "ksyntax-highlighting=$KSH_VERSION-1" >&2) || {
    cleanup_src
    log "cannot download the KSyntaxHighlighting source. Install libkf6syntaxhighlighting-dev (KF6), or place $tarball by hand."
    exit 1; }
  cleanup_src
  cp "$work"/ksyntax-highlighting_"$KSH_VERSION".orig.tar.xz "$tarball"
fi
tar -xf "$tarball" -C "$work"
src=$(find "$work" -maxdepth 1 -type d -name 'syntax-highlighting-*' | head -1)
[ -n "$src" ] || { log "unexpected tarball layout in $tarball"; exit 1; }
# Its CMakeLists asks for ECM 5.116; bookworm's 5.103 builds it fine.
sed -i -E 's/find_package\(ECM [0-9.]+/find_package(ECM 5.100.0/' "$src/CMakeLists.txt"
cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_WITH_QT6=ON \
  -DBUILD_TESTING=OFF -DBUILD_QCH=OFF -DCMAKE_INSTALL_PREFIX="$KSH_PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
  -DBUILD_SHARED_LIBS="$([ "$KSH_STATIC" = 1 ] && echo OFF || echo ON)" -DCMAKE_POSITION_INDEPENDENT_CODE=ON >&2
cmake --build "$work/build" -j"$(nproc)" >&2
cmake --install "$work/build" >&2
touch "$KSH_PREFIX/.complete"
echo "prefix=$KSH_PREFIX"
