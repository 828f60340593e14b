#!/usr/bin/env bash
# Collector pauses side by side with Go: bench/gcpause at 100 MB and 1 GiB of
# live heap (or the sizes given), printing the worst and 99th-percentile
# wake-up lateness of a 1 ms sleeper, the allocation loop's time, the whole
# run's time and peak RSS.
#   bench/gcpause.sh [MB...]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null || { echo "gcpause.sh needs Go: apt-get install golang-go" >&2; exit 1; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1024)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && cp "$OLDPWD/bench/go/gcpause.go" . && GO111MODULE=off go build -o gcpause gcpause.go)
run() {  # prints: worst p99 loop total peak_MB
  /usr/bin/env time -f "%e %M" -o "$tmp/t" "$@" >"$tmp/out"
  local w p l
  w=$(awk '$1 == "worst_ms" {print $2}' "$tmp/out") p=$(awk '$1 == "p99_ms" {print $2}' "$tmp/out")
  l=$(awk '$1 == "alloc_loop_s" {print $2}' "$tmp/out")
  awk -v w="$w" -v p="$p" -v l="$l" '{printf "%10s %8s %8s %8.2f %8d", w, p, l, $1, $2/1024}' "$tmp/t"
}
printf "%-6s %-4s %10s %8s %8s %8s %8s\n" live_MB who worst_ms p99_ms loop_s total_s peak_MB
for mb in "${sizes[@]}"; do
  printf "%-6s %-4s %s\n" "$mb" gol "$(run build/gol run bench/gcpause.gol "$mb")"
  printf "%-6s %-4s %s\n" "$mb" go "$(run "$tmp/gcpause" "$mb")"
done
