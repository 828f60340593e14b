#!/usr/bin/env bash
# gol run refuses inputs it cannot or should not read, quickly and with a
# message in Go's style: input_limits.sh GOL
set -u
gol=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0

# expect CODE STDERR-LINE gol-args...
expect() {
  local code=$1 want=$2
  shift 2
  (cd "$dir" && timeout 30 "$gol" "$@" >/dev/null 2>"$dir/stderr")
  local rc=$? got
  got=$(head -n 1 "$dir/stderr")
  if [ "$rc" != "$code" ] || [ "$got" != "$want" ]; then
    echo "FAIL: gol $*: exit $rc, stderr '$got'; want exit $code, '$want'"
    fails=$((fails + 1))
  fi
}

mkdir "$dir/pkg"
# sparse: takes no disk space
truncate -s $((64 << 20 + 1)) "$dir/huge.gol"
printf 'package main\n\nfunc main() { println("ok") }\n' > "$dir/ok.gol"

expect 1 "gol: open missing.gol: no such file or directory" run missing.gol
expect 1 "gol: read pkg: is a directory" run pkg
expect 1 "gol: /dev/zero: not a regular file" run /dev/zero
expect 1 "gol: huge.gol: source file larger than 64 MB" run huge.gol
expect 0 "ok" run ok.gol

[ $fails = 0 ] && echo "input limits: all cases pass"
exit $((fails != 0))
