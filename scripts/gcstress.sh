#!/usr/bin/env bash
# Runs every conformance program (or the ones given) under the GC stress
# mode: GODEBUG=gcstress=N collects at every Nth allocation and poisons what
# it frees, so a pointer the compiler or runtime failed to root turns into
# wrong output or a crash. Output must still match Go's exactly.
#
#   scripts/gcstress.sh [-n N] [-j JOBS] [-b BUILD_DIR] [PROGRAM.gol...]
#
# A program with a <name>.gcstress file runs at the N it holds instead: a
# collection scans every goroutine's stack, so programs with very deep or
# very many stacks cannot collect at every allocation within run_one.sh's
# timeout. Prints each failing program with run_one.sh's report, the slowest
# programs and a count; exits non-zero when any program fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
every=1 jobs=2 build=$root/build
while getopts "n:j:b:" opt; do
  case $opt in
    n) every=$OPTARG ;;
    j) jobs=$OPTARG ;;
    b) build=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
progs=("$@")
[ ${#progs[@]} -eq 0 ] && mapfile -t progs < <(find "$root/tests/conformance" -name '*.gol' | sort)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
export every gol=$build/gol runner=$root/tests/conformance/run_one.sh logs
printf '%s\n' "${progs[@]}" | xargs -P "$jobs" -I{} bash -c '
  prog={} n=$every
  [ -f "${prog%.gol}.gcstress" ] && n=$(cat "${prog%.gol}.gcstress")
  log=$logs/$(echo "$prog" | tr / _).log
  start=$(date +%s%N)
  GODEBUG=gcstress=$n bash "$runner" "$gol" "$prog" >"$log" 2>&1 || mv "$log" "$log.fail"
  echo "$(( ($(date +%s%N) - start) / 1000000 )) ms  gcstress=$n  ${prog#*/tests/conformance/}" >"$log.time"'
failed=0
for f in "$logs"/*.fail; do
  [ -e "$f" ] || continue
  failed=$((failed + 1))
  echo "=== FAIL ${f##*/}"; head -20 "$f"
done
echo "slowest:"; cat "$logs"/*.time | sort -rn | head -5
echo "gcstress: $(( ${#progs[@]} - failed )) of ${#progs[@]} programs pass"
[ $failed = 0 ]
