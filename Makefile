# Pulse: the two commands are `make demo` and `make test`. Both install missing Debian packages.
PRESET ?= default
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test test-unit demo bench format check-format check-layers clean

all: build

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja:
	cmake --preset $(PRESET)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Every tier: unit, integration, contract (SQLite and a real PostgreSQL 15), e2e (the real
# binary), then the layer and format checks.
test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) --timeout 600
	$(MAKE) --no-print-directory check-layers check-format

check-layers:
	tools/check_layers
	tools/check_layers_test

check-format:
	tools/check_format

format:
	tools/check_format --fix

demo: build
	scripts/demo $(BUILD_DIR)/src/app/pulse

bench: deps
	cmake --preset bench
	cmake --build build/bench -j $(JOBS)
	scripts/run-benchmarks build/bench

clean:
	rm -rf build var
