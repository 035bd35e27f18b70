# Litehouse: the two commands are `make run` and `make test`.
# Both install what is missing (apt), build, then launch or test.

BUILD     ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS      ?= $(shell nproc)
CMAKE_ARGS ?=
DEMO_DB   ?=

.PHONY: all deps configure build run test bench fuzz asan tsan clean translations package package-test

all: build

# deps.sh prints "prefix=<dir>" last: the private KSyntaxHighlighting prefix.
deps:
	@bash scripts/deps.sh | tail -n1 | sed 's/^prefix=//' > .deps-prefix.tmp && mkdir -p $(BUILD) && mv .deps-prefix.tmp $(BUILD)/.deps-prefix

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DLITEHOUSE_WERROR=ON \
	  -DCMAKE_PREFIX_PATH="$$(cat $(BUILD)/.deps-prefix)" $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

run: build
	@QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-} ./$(BUILD)/app/gui/litehouse --demo $(DEMO_DB)

test: build
	@cd $(BUILD) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j$(JOBS) --timeout 600
	@DEPS_PREFIX_FILE=$(BUILD)/.deps-prefix JOBS=$(JOBS) FUZZ_SECONDS=$${FUZZ_SECONDS:-5} bash tests/fuzz/run.sh

# Each libFuzzer target for FUZZ_SECONDS (default 300) on its corpus.
fuzz: deps
	@DEPS_PREFIX_FILE=$(BUILD)/.deps-prefix JOBS=$(JOBS) FUZZ_SECONDS=$${FUZZ_SECONDS:-300} FUZZ_MERGE=1 bash tests/fuzz/run.sh

# Every area's benchmark: build/bench/<area>/litehouse-bench-<area>.
bench: build
	@set -e; for b in $(BUILD)/bench/*/litehouse-bench-*; do \
	  if [ -f "$$b" ] && [ -x "$$b" ]; then echo "== $$b"; "$$b"; fi; done

# Sanitizer builds of the core and its tests (see CMakePresets.json and
# docs/reliability.md): asan also runs the fault sweeps, so that error paths
# are checked for leaks. tsan runs with tests/tsan.supp, which only covers
# the uninstrumented Qt and GLib libraries' own accesses; the hand-offs
# through Qt's thread pool, event queue and futures are annotated in
# core/tsan_p.h, so what TSan still reports (the test exits 66) is in our code.
asan: deps
	@LITEHOUSE_DEPS_PREFIX="$$(cat $(BUILD)/.deps-prefix)" cmake --preset asan >/dev/null
	@cmake --build --preset asan -j$(JOBS) --target litehouse-core-tests tst_faultsweep
	@cd build-asan && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j$(JOBS) -L core --timeout 900
	@cd build-asan && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -R '^tst_faultsweep$$' --timeout 900

tsan: deps
	@LITEHOUSE_DEPS_PREFIX="$$(cat $(BUILD)/.deps-prefix)" cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j$(JOBS) --target litehouse-core-tests
	@cd build-tsan && TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp die_after_fork=0 $${TSAN_OPTIONS:-}" \
	  QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j$(JOBS) -L core --timeout 900

# The .deb: build-package/litehouse_<version>_amd64.deb (packaging/README.md).
package:
	@bash packaging/build-deb.sh build-package

# Builds the .deb, lints and validates it, installs it into a clean Debian 12
# root, runs both programs there, purges it and checks nothing is left.
package-test:
	@bash packaging/package-test.sh build-package

# Re-reads every tr() string into translations/*.ts, then fills in the German
# text from translations/fill_de.py (which fails on any string without one).
translations:
	@/usr/lib/qt6/bin/lupdate -silent -locations none -no-obsolete ui app/gui -ts translations/litehouse_de.ts
	@python3 translations/fill_de.py translations/litehouse_de.ts

clean:
	rm -rf $(BUILD) build-asan build-tsan build-release build-fuzz build-package
