#!/usr/bin/env bash
# Measures gol against compiled Go side by side: for each bench/*.gol, the Go
# twin in bench/go/ is built once, then both run alternately (hyperfine when
# available, else 3 timed runs each) and the median wall-time ratio gol/go is
# printed. gol's time includes parsing, checking, JIT compilation and start-up.
#   bench/compare.sh [name...]     (default: every benchmark but the memory
#   ones, gmem and churn (bench/memory.sh), and gcpause (bench/gcpause.sh))
set -euo pipefail
cd "$(dirname "$0")/.."
gol=build/gol
command -v go >/dev/null || { echo "compare.sh needs Go: apt-get install golang-go" >&2; exit 1; }
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(ls bench/*.gol | xargs -n1 basename | sed 's/\.gol$//' | grep -vx -e gmem -e churn -e gcpause))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
printf "%-10s %10s %10s %8s\n" benchmark gol_s go_s ratio
for n in "${names[@]}"; do
  (cd "$tmp" && cp "$OLDPWD/bench/go/$n.go" . && GO111MODULE=off go build -o "$n" "$n.go")
  g=() o=()
  for i in 1 2 3; do
    g+=($(timeit "$gol" run "bench/$n.gol"))
    o+=($(timeit "$tmp/$n"))
  done
  gm=$(printf "%s\n" "${g[@]}" | median) om=$(printf "%s\n" "${o[@]}" | median)
  printf "%-10s %10.3f %10.3f %8.2f\n" "$n" "$gm" "$om" "$(echo "$gm / $om" | bc -l)"
done
