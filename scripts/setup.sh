#!/usr/bin/env bash
# Installs what gol needs on Debian 12 (only the missing packages), builds
# build/gol, and runs examples/hello.gol.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build gol
./build/gol run examples/hello.gol
