#!/usr/bin/env bash
# Builds litehouse_<version>_<arch>.deb into BUILD_DIR (default build-package),
# then checks that no installed binary points into a build or cache folder.
# `make package` runs it. Usage: packaging/build-deb.sh [BUILD_DIR]
#
# KSyntaxHighlighting is linked statically (packaging/README.md says why):
# scripts/deps.sh builds the static variant with LITEHOUSE_KSH_STATIC=1.
# Where the distribution has KF6 (Debian 13+) that is used instead, and
# dpkg-shlibdeps turns it into a Depends like any other library.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
build=${1:-build-package}
jobs=${JOBS:-$(nproc)}
log() { echo "build-deb: $*" >&2; }

# dpkg-dev: dpkg-buildflags and dpkg-shlibdeps (CPack's Depends); binutils: readelf.
prefix=$(LITEHOUSE_KSH_STATIC=1 LITEHOUSE_EXTRA_PACKAGES="dpkg-dev binutils ${LITEHOUSE_EXTRA_PACKAGES:-}" \
  bash scripts/deps.sh | tail -n1 | sed 's/^prefix=//')

# Debian's own compiler and linker flags (all hardening, and
# -ffile-prefix-map so that no source or build path is compiled in), plus
# --as-needed: the static KSyntaxHighlighting names Qt6::Network for a part
# Litehouse never uses. Given on the command line, so that they also apply
# to a build folder configured before.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cxxflags="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags="$(dpkg-buildflags --get LDFLAGS) -Wl,--as-needed"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" \
  -DLITEHOUSE_WERROR=ON -DLITEHOUSE_BUILD_TESTS=OFF -DLITEHOUSE_BUILD_BENCH=OFF \
  -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$build" -j"$jobs"
rm -f "$build"/litehouse_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/litehouse_*.deb)

# Nothing installed may point into this tree, the build folder or the cache.
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
dpkg-deb -x "$deb" "$check"
cache=${LITEHOUSE_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/litehouse}
bad=0
for bin in "$check"/usr/bin/*; do
  name=${bin##*/}
  dyn=$(readelf -d "$bin")
  if grep -qE 'R(UN)?PATH' <<<"$dyn"; then
    log "$name has a search path: $(grep -E 'R(UN)?PATH' <<<"$dyn")"; bad=1
  fi
  log "$name needs: $(sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p' <<<"$dyn" | tr '\n' ' ')"
  if ldd "$bin" | grep -E 'not found|/root/|/home/|/work/|/tmp/' ; then
    log "$name resolves a library outside the system"; bad=1
  fi
  for dir in "$src" "$(readlink -f "$build")" "$cache" "$prefix"; do
    if [ -n "$dir" ] && grep -qaF "$dir" "$bin"; then
      log "$name contains the path $dir"; bad=1
    fi
  done
done
[ "$bad" -eq 0 ] || { log "FAILED: $deb points into a build or cache folder"; exit 1; }
log "no RPATH/RUNPATH, every library from the system, no build or cache path inside"
dpkg-deb --field "$deb" Package Version Architecture Depends >&2
echo "$deb"
