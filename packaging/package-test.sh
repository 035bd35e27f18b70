#!/usr/bin/env bash
# The package test (`make package-test`, run by .ci/run):
#   1. builds the .deb (packaging/build-deb.sh);
#   2. lints and validates it: lintian, desktop-file-validate, appstreamcli,
#      the MIME entry, the man pages; checks the Flatpak manifest;
#   3. installs it with apt-get into a clean Debian 12 root (mmdebstrap,
#      variant apt, from Debian's archive; the tarball is cached);
#   4. runs litehouse-cli and litehouse there (a query on a new database; the
#      window under Xvfb with QT_QPA_PLATFORM=xcb);
#   5. purges it and checks that the root holds the same files as before.
# Usage: packaging/package-test.sh [BUILD_DIR]   (default build-package)
# LITEHOUSE_PACKAGE_TEST_REFRESH=1 makes the clean root anew;
# LITEHOUSE_PACKAGE_TEST_KEEP=1 keeps the used root for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-package}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/litehouse/package-test
suite=bookworm
t_start=$(date +%s)
t_step=$t_start

step() {
  local now; now=$(date +%s)
  echo
  echo "==== package-test: step $1 ($(( now - t_start )) s so far) ===="
  t_step=$now
}
say() { echo "package-test: $*"; }
die() { echo "package-test: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (a chroot, mounts and apt-get); run it as root or with sudo"

# The tools, from Debian's archive when missing (CI machines start fresh).
tools=(lintian mmdebstrap desktop-file-utils appstream shared-mime-info libglib2.0-bin man-db
  dpkg-dev binutils python3 python3-yaml flatpak-builder)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------------------
step "1/5: build the .deb"
deb=$(nice -n 10 bash packaging/build-deb.sh "$build" | tail -n1)
[ -f "$deb" ] || die "packaging/build-deb.sh made no .deb"
deb=$(readlink -f "$deb")
version=$(dpkg-deb --field "$deb" Version)
say "built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --contents "$deb" | awk '{print "  " $6 ($7 ? " " $7 " " $8 : "")}'

# ---------------------------------------------------------------------------
step "2/5: lintian, desktop-file-validate, appstreamcli, MIME, man pages, Flatpak manifest"
tree=$(mktemp -d)
root=
cleanup() {
  rm -rf "$tree"
  # Every mount of the clean root lives in a private mount namespace that
  # ends with its command, so the root is plain files; --one-file-system
  # keeps rm inside it regardless.
  if [ "${LITEHOUSE_PACKAGE_TEST_KEEP:-0}" = 1 ]; then echo "package-test: kept the root $root"
  elif [ -n "$root" ] && [ -d "$root" ]; then rm -rf --one-file-system "$root" "$root".before "$root".after; fi
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$tree"

lint=$(lintian --tag-display-limit 0 --display-info "$deb" 2>&1 | grep -v 'running with root privileges' || true)
errors=$(grep -c '^E:' <<<"$lint" || true)
warnings=$(grep -c '^W:' <<<"$lint" || true)
[ -n "$lint" ] && sed 's/^/  /' <<<"$lint"
say "lintian: $errors errors, $warnings warnings"
[ "$errors" -eq 0 ] || die "lintian reports errors"

desktop=$tree/usr/share/applications/io.litehouse.Litehouse.desktop
desktop-file-validate "$desktop" || die "desktop-file-validate: $desktop"
say "desktop-file-validate: io.litehouse.Litehouse.desktop is valid"

appstreamcli validate --no-net --explain "$tree/usr/share/metainfo/io.litehouse.Litehouse.metainfo.xml" \
  || die "appstreamcli validate"
appstreamcli validate-tree --no-net "$tree" || die "appstreamcli validate-tree"
say "appstreamcli: the metainfo and the installed tree validate"

# The MIME entry, with Debian's own database: names and content.
mime=$(mktemp -d)
mkdir -p "$mime/mime/packages" "$mime/files"
cp /usr/share/mime/packages/freedesktop.org.xml "$tree"/usr/share/mime/packages/io.litehouse.Litehouse.xml \
  "$mime/mime/packages/"
out=$(update-mime-database "$mime/mime" 2>&1) || die "update-mime-database rejects the MIME entry: $out"
# Only real.db is a database: the others match by name, or not at all.
printf 'SQLite format 3\000' >"$mime/files/real.db"
printf 'not a database' >"$mime/files/thumbs.db"
for f in data.sqlite data.sqlite3 data.db3; do printf 'not a database' >"$mime/files/$f"; done
for f in data.sqlite data.sqlite3 data.db3 real.db thumbs.db; do
  type=$(XDG_DATA_HOME=/nonexistent XDG_DATA_DIRS=$mime gio info -a standard::content-type "$mime/files/$f" \
    | sed -n 's/.*content-type: //p')
  want=application/vnd.sqlite3
  [ "$f" = thumbs.db ] && want=text/plain
  [ "$type" = "$want" ] || die "MIME: $f is $type, want $want"
  say "MIME: $f -> $type"
done
rm -rf "$mime"

for page in "$tree"/usr/share/man/man1/*.1.gz; do
  out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
  [ -z "$out" ] || die "man ${page##*/}: $out"
done
say "man pages: $(cd "$tree"/usr/share/man/man1 && echo *) render without warnings"

bash packaging/flatpak/check.sh "$tree/usr" || die "the Flatpak manifest"

# ---------------------------------------------------------------------------
step "3/5: install into a clean Debian 12 root"
mkdir -p "$cache/apt-archives/partial"
tarball=$cache/$suite-apt.tar
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
security=${mirror%/debian}/debian-security
if [ ! -s "$tarball" ] || [ "${LITEHOUSE_PACKAGE_TEST_REFRESH:-0}" = 1 ]; then
  say "making the clean root: mmdebstrap --variant=apt $suite (cached in $tarball)"
  mmdebstrap --quiet --variant=apt --mode=root --format=tar "$suite" "$tarball.tmp" \
    "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $security $suite-security main"
  mv "$tarball.tmp" "$tarball"
else
  say "clean root from the cache: $tarball ($(date -r "$tarball" '+%F %R'))"
fi
root=$(mktemp -d "${TMPDIR:-/var/tmp}/litehouse-root.XXXXXX")
tar -xf "$tarball" -C "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# apt downloads into the cache folder bind-mounted from outside, as root.
echo 'APT::Sandbox::User "root";' >"$root/etc/apt/apt.conf.d/99litehouse-package-test"
cp "$deb" "$root/tmp/"
mkdir -p "$root/tmp/home" "$root/tmp/run"
chmod 700 "$root/tmp/run"

# Runs a script as root inside the clean root, in a mount namespace of its
# own: /proc, /dev, /dev/shm and the cached .debs are mounted there and gone
# when the script ends.
inroot() {
  unshare --mount --propagation private -- /bin/sh -c '
    set -e
    root=$1 archives=$2; shift 2
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 shm "$root/dev/shm"
    mount --bind "$archives" "$root/var/cache/apt/archives"
    exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp/home XDG_RUNTIME_DIR=/tmp/run \
      LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/bash -euo pipefail -c "$@"
  ' inroot "$root" "$cache/apt-archives" "$@"
}

# Every path in the root, but pseudo-filesystems, /tmp (the test's HOME),
# /var/cache (apt's and fontconfig's caches), apt's own state (its lists,
# and extended_states, which apt makes at the first install) and the logs.
# /var/lib/dpkg is compared: a package's files there go with its purge.
snapshot() {
  (cd "$root" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev -o -path ./run -o -path ./tmp \
      -o -path ./var/cache -o -path ./var/lib/apt -o -path ./var/log \) -prune -o -print) | LC_ALL=C sort
}
before=$root.before
snapshot >"$before"

# Without Recommends: the Depends alone must be enough.
inroot 'apt-get update -qq
  echo "$ apt-get install --no-install-recommends ./$(basename "$1")   (in /tmp)"
  cd /tmp && apt-get install -y -q --no-install-recommends "./$(basename "$1")" >/tmp/install.log 2>&1 \
    || { cat /tmp/install.log; exit 1; }
  grep -E "^(Setting up|Unpacking) litehouse|newly installed" /tmp/install.log
  dpkg-query -W -f="\${Package} \${Version} \${Status}\nDepends: \${Depends}\n" litehouse' _ "$deb" \
  || die "apt-get install ./$(basename "$deb") in the clean root"
say "installed in the clean root $root"

# ---------------------------------------------------------------------------
step "4/5: run litehouse-cli and litehouse in the clean root"
inroot 'want=$1
  for bin in /usr/bin/litehouse /usr/bin/litehouse-cli; do
    if ldd "$bin" | grep -q "not found"; then ldd "$bin"; echo "$bin: a library is missing"; exit 1; fi
    libs=$(ldd "$bin" | awk "/=>/ {print \$3}")
    if grep -vE "^/(usr/)?lib/" <<<"$libs"; then echo "$bin: a library from outside /usr/lib"; exit 1; fi
    echo "ldd $bin: $(wc -l <<<"$libs") libraries, all under /usr/lib, from:" \
      "$(for l in $libs; do dpkg -S "$l" "/usr$l" "${l#/usr}" 2>/dev/null || true; done \
         | cut -d: -f1 | sort -u | tr "\n" " ")"
  done
  got=$(litehouse-cli --version)
  echo "$ litehouse-cli --version"; echo "$got"
  [ "$got" = "litehouse-cli $want" ] || { echo "want: litehouse-cli $want"; exit 1; }
  got=$(QT_QPA_PLATFORM=offscreen litehouse --version)
  echo "$ litehouse --version"; echo "$got"
  [ "$got" = "litehouse $want" ] || { echo "want: litehouse $want"; exit 1; }
  mkdir -p /tmp/work
  sql=$2
  echo "$ litehouse-cli query --create /tmp/work/new.db \"$sql\" --format csv"
  out=$(litehouse-cli query --create /tmp/work/new.db "$sql" --format csv)
  echo "$out"
  [ "$out" = "$(printf "name,lit\nPharos,-280\nEddystone,1759")" ] || { echo "unexpected query output"; exit 1; }
  echo "$ litehouse-cli query /tmp/work/new.db \"SELECT count(*) AS n FROM lights\""
  litehouse-cli query /tmp/work/new.db "SELECT count(*) AS n FROM lights"
  echo "$ litehouse-cli history list --limit 3"
  litehouse-cli history list --limit 3' _ "$version" \
  "CREATE TABLE lights(name TEXT, lit INTEGER); INSERT INTO lights VALUES ('Pharos', -280), ('Eddystone', 1759); SELECT name, lit FROM lights ORDER BY lit" \
  || die "litehouse-cli in the clean root"
say "litehouse-cli: version and query as expected"

inroot 'apt-get install -y -q --no-install-recommends xvfb xauth x11-utils xdotool >/tmp/x.log 2>&1 \
    || { cat /tmp/x.log; exit 1; }
  echo "installed for the window check: xvfb xauth x11-utils xdotool"
  trap "kill \$(jobs -p) 2>/dev/null || true" EXIT
  # -displayfd: Xvfb takes a free display number and writes it once it is up.
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>/tmp/display 2>/tmp/xvfb.log &
  xvfb=$!
  for i in $(seq 50); do [ -s /tmp/display ] && break; sleep 0.2; done
  [ -s /tmp/display ] || { cat /tmp/xvfb.log; echo "Xvfb did not start"; exit 1; }
  export DISPLAY=:$(cat /tmp/display)
  echo "Xvfb on $DISPLAY"
  QT_QPA_PLATFORM=xcb litehouse /tmp/work/new.db >/tmp/gui.log 2>&1 &
  gui=$!
  win=
  for i in $(seq 100); do # up to 20 s
    kill -0 "$gui" 2>/dev/null || { cat /tmp/gui.log; echo "litehouse exited before showing a window"; exit 1; }
    win=$(xdotool search --onlyvisible --class litehouse 2>/dev/null | head -n1) && [ -n "$win" ] && break
    sleep 0.2
  done
  [ -n "$win" ] || { cat /tmp/gui.log; xwininfo -root -tree; echo "no litehouse window after 20 s"; exit 1; }
  sleep 1 # the window is up: it must stay up
  kill -0 "$gui" 2>/dev/null || { cat /tmp/gui.log; echo "litehouse died after showing its window"; exit 1; }
  echo "window $win: \"$(xdotool getwindowname "$win")\", $(xwininfo -id "$win" | sed -nE "s/.*-geometry (.*)/\1/p")," \
    "$(xprop -id "$win" WM_CLASS | sed "s/.*= //"), pid $(xdotool getwindowpid "$win" 2>/dev/null || echo ?)"
  xdotool getwindowname "$win" | grep -q Litehouse || { echo "the window title does not name Litehouse"; exit 1; }
  if grep -v "^$" /tmp/gui.log; then echo "(litehouse printed the above)"; fi
  kill "$gui"; wait "$gui" 2>/dev/null || true
  kill "$xvfb"; wait "$xvfb" 2>/dev/null || true' \
  || die "litehouse under Xvfb in the clean root"
say "litehouse: a window under Xvfb (QT_QPA_PLATFORM=xcb)"

# ---------------------------------------------------------------------------
step "5/5: purge and compare"
inroot 'apt-get purge -y -q litehouse xvfb xauth x11-utils xdotool >/tmp/purge.log 2>&1 || { cat /tmp/purge.log; exit 1; }
  grep -E "^(Removing|Purging) litehouse" /tmp/purge.log
  apt-get autoremove --purge -y -q >/tmp/autoremove.log 2>&1 || { cat /tmp/autoremove.log; exit 1; }
  echo "autoremove: purged the $(grep -c "^Removing " /tmp/autoremove.log) packages pulled in for litehouse and the X tools"
  if dpkg-query -W litehouse 2>/dev/null | grep -q .; then dpkg -l litehouse; exit 1; fi
  echo "user data Litehouse wrote under HOME (not the package'"'"'s to remove):"
  (cd /tmp/home && find . -type f | sed "s/^/  /")' || die "apt-get purge"
after=$root.after
snapshot >"$after"
count=$(wc -l <"$before")
leftover=$(LC_ALL=C comm -13 "$before" "$after")
gone=$(LC_ALL=C comm -23 "$before" "$after")
rm -f "$before" "$after"
if [ -n "$leftover" ] || [ -n "$gone" ]; then
  [ -n "$leftover" ] && { echo "left behind:"; sed 's/^/  /' <<<"$leftover"; }
  [ -n "$gone" ] && { echo "removed, but there before:"; sed 's/^/  /' <<<"$gone"; }
  die "the root after the purge is not the root before the install"
fi
say "after purge and autoremove the root holds exactly the $count paths it held before the install"

echo
say "PASSED in $(( $(date +%s) - t_start )) s: lintian $errors errors/$warnings warnings; desktop entry, AppStream," \
  "MIME, man pages and Flatpak manifest checked; installed, run and purged cleanly in a clean $suite root"
