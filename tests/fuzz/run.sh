#!/bin/sh
# run.sh <build-dir> <seconds> — builds fuzz_frontend with clang 19 and runs it
# for a bounded time on the seed corpus. Exits non-zero on any crash, hang
# (-timeout), sanitizer report or leak.
set -eu
if [ $# -ne 2 ]; then
  echo "usage: $0 <build-dir> <seconds>" >&2
  exit 2
fi
build=$1
secs=$2
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
cmake -G Ninja -S "$src" -B "$build" -DGOL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19 >/dev/null
ninja -C "$build" -j 2 fuzz_frontend
work="$build/fuzz-corpus"
mkdir -p "$work"
cp "$here"/corpus/* "$work"/
# libFuzzer exits non-zero when it finds a crash, timeout or leak.
"$build/tests/fuzz/fuzz_frontend" "$work" -max_total_time="$secs" -max_len=4096 -timeout=5 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/"
