#!/usr/bin/env bash
# Builds the runtime and its unit tests with ThreadSanitizer (build-tsan/) and
# runs them. Used by the test suite; fails on any race report.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -G Ninja -S . -B build-tsan -DGOL_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build-tsan -j2 test_runtime
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" GOL_TEST_SHORT=1 ./build-tsan/tests/unit/runtime/test_runtime "$@"
