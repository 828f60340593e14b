#!/usr/bin/env bash
# GODEBUG=gctrace=1 prints one line per collection on stderr in Go 1.19's
# shape, numbered from 1, with " (forced)" on runtime.GC's: gctrace.sh GOL
set -u
gol=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/prog.gol" <<'PROG'
package main

import "runtime"

var sink []byte

func main() {
	runtime.GC()
	for i := 0; i < 200; i++ {
		sink = make([]byte, 1<<20)
	}
	runtime.GC()
	println("done")
}
PROG
(cd "$dir" && GODEBUG=gctrace=1 timeout 60 "$gol" run prog.gol >"$dir/out" 2>"$dir/err")
rc=$?
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
[ "$rc" = 0 ] || fail "exit $rc"
[ "$(cat "$dir/out")" = "" ] || fail "stdout: $(cat "$dir/out")"
ms='[0-9]+(\.[0-9]+)?'
shape="^gc [0-9]+ @[0-9]+\.[0-9]{3}s [0-9]+%: $ms\+$ms\+$ms ms clock, $ms\+$ms/$ms/$ms\+$ms ms cpu, [0-9]+->[0-9]+->[0-9]+ MB, [0-9]+ MB goal, [0-9]+ MB stacks, [0-9]+ MB globals, [0-9]+ P( \(forced\))?$"
n=0
while IFS= read -r line; do
  [ "$line" = done ] && continue
  n=$((n + 1))
  [[ "$line" =~ $shape ]] || fail "line $n has not Go's shape: $line"
  [[ "$line" == "gc $n @"* ]] || fail "line $n is not cycle $n: $line"
done < "$dir/err"
[ "$n" -ge 3 ] || fail "only $n collections traced"
[[ "$(grep -v '^done$' "$dir/err" | head -n 1)" == *" (forced)" ]] || fail "the first runtime.GC is not marked forced"
[[ "$(grep -v '^done$' "$dir/err" | tail -n 1)" == *" (forced)" ]] || fail "the last runtime.GC is not marked forced"
[ "$(grep -c ' (forced)$' "$dir/err")" = 2 ] || fail "want exactly 2 forced collections"
[ "$fails" = 0 ] && echo "gctrace: $n lines in Go's shape"
exit "$fails"
