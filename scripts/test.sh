#!/usr/bin/env bash
# Builds everything and runs every test: unit tests (GoogleTest), conformance
# programs, the bounded fuzz run and the ThreadSanitizer runtime tests, all as
# CTest tests so one summary line reports them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build
ctest --test-dir build --output-on-failure -j2 "$@"
