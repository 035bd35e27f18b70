#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each one
# for FUZZ_SECONDS (default 5) on a copy of its seed corpus.
#   tests/fuzz/run.sh            short run (part of `make test`)
#   FUZZ_SECONDS=300 tests/fuzz/run.sh   long run (`make fuzz`)
# A crash stops the run with the target's output and the crashing input in
# build-fuzz/artifacts/; turn it into a regression test and a seed.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-5}
BUILD_DIR=${FUZZ_BUILD:-build-fuzz}
JOBS=${JOBS:-$(nproc)}
CC_BIN=${FUZZ_CC:-$(command -v clang || command -v clang-14 || true)}
CXX_BIN=${FUZZ_CXX:-$(command -v clang++ || command -v clang++-14 || true)}
if [ -z "$CC_BIN" ] || [ -z "$CXX_BIN" ]; then
  # A fuzz run that cannot run must not look like one that passed.
  echo "fuzz: FAILED: clang is not installed (scripts/deps.sh installs clang-14 and libclang-rt-14-dev)" >&2
  exit 1
fi
PREFIX=""
PREFIX_FILE=${DEPS_PREFIX_FILE:-build/.deps-prefix}
[ -f "$PREFIX_FILE" ] && PREFIX=$(cat "$PREFIX_FILE")
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  CC=$CC_BIN CXX=$CXX_BIN cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLITEHOUSE_FUZZ=ON -DLITEHOUSE_BUILD_UI=OFF -DLITEHOUSE_BUILD_BENCH=OFF -DLITEHOUSE_BUILD_TESTS=OFF \
    -DLITEHOUSE_WERROR=OFF -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fsanitize=fuzzer-no-link -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
    >/dev/null
fi
TARGETS=(fuzz_script fuzz_migration_names fuzz_export_readers fuzz_querybuilder fuzz_sqlclassify fuzz_dbfile fuzz_import)
cmake --build "$BUILD_DIR" -j"$JOBS" --target "${TARGETS[@]}"
mkdir -p "$BUILD_DIR/artifacts"
BUILD_DIR=$(cd "$BUILD_DIR" && pwd) # absolute: a target may change its working directory
SEEDS=$PWD/tests/fuzz/corpus
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for t in "${TARGETS[@]}"; do
  work="$BUILD_DIR/corpus/$t"
  mkdir -p "$work"
  log="$BUILD_DIR/$t.log"
  if ! "$BUILD_DIR/tests/fuzz/$t" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$BUILD_DIR/artifacts/$t-" "$work" "$SEEDS/$t" >"$log" 2>&1; then
    cat "$log" >&2
    echo "fuzz: $t FAILED (input in $BUILD_DIR/artifacts/)" >&2
    exit 1
  fi
  echo "fuzz: $t: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n1 || true)s ($(ls "$work" | wc -l) corpus files)"
  # FUZZ_MERGE=1 (make fuzz): what the run found that covers new code goes
  # into the repository's seed corpus, minimised, to be committed.
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    mkdir -p "$SEEDS/$t"
    "$BUILD_DIR/tests/fuzz/$t" -merge=1 -timeout=10 -rss_limit_mb=2048 "$SEEDS/$t" "$work" >"$log.merge" 2>&1 \
      || { cat "$log.merge" >&2; echo "fuzz: merging $t's corpus FAILED" >&2; exit 1; }
    echo "fuzz: $t: seed corpus now $(ls "$SEEDS/$t" | wc -l) files"
  fi
done
