#!/usr/bin/env bash
# Goroutine memory side by side with Go: bytes per parked goroutine (gmem)
# and the time and peak RSS of a churn of short-lived, deep goroutines.
#   bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null || { echo "memory.sh needs Go: apt-get install golang-go" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in gmem churn; do
  (cd "$tmp" && cp "$OLDPWD/bench/go/$n.go" . && GO111MODULE=off go build -o "$n" "$n.go")
done
field() { awk -v k="$1" '$1 == k {print $2}'; }
printf "%-28s %12s %12s\n" measure gol go
g=$(build/gol run bench/gmem.gol) o=$("$tmp/gmem")
printf "%-28s %12s %12s\n" "bytes per parked goroutine" "$(field bytes/goroutine <<<"$g")" "$(field bytes/goroutine <<<"$o")"
secs() { local s e; s=$(date +%s.%N); "$@" >"$tmp/out"; e=$(date +%s.%N); printf "%.2f" "$(echo "$e - $s" | bc -l)"; }
gt=$(secs build/gol run bench/churn.gol); gk=$(awk '{print $2}' "$tmp/out")
ot=$(secs "$tmp/churn"); ok=$(awk '{print $2}' "$tmp/out")
printf "%-28s %12s %12s\n" "churn seconds" "$gt" "$ot" "churn peak RSS kB" "$gk" "$ok"
