#!/usr/bin/env bash
# Runs one conformance program with gol and compares it with what Go produced
# (optional <name>.args, <name>.in and <name>.env: arguments, stdin, VAR=value
# environment; an optional third argument holds flags for `gol run`, such as
# -O0):
# stdout byte for byte, the exit code, and the first line of stderr.
set -u
gol=$(realpath "$1") prog=$(realpath "$2")
read -r -a flags <<< "${3:-}"
base=${prog%.gol}
dir=$(dirname "$prog")
want_code=0
[ -f "$base.code" ] && want_code=$(cat "$base.code")
args=()
[ -f "$base.args" ] && read -r -a args < "$base.args"
envs=()
[ -f "$base.env" ] && read -r -a envs < "$base.env"
input=/dev/null
[ -f "$base.in" ] && input=$base.in
# Programs that end by SIGABRT on purpose (GOTRACEBACK=crash) leave no core.
ulimit -c 0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
(cd "$dir" && env "${envs[@]}" timeout 60 "$gol" run "${flags[@]}" "$(basename "$prog")" "${args[@]}" <"$input" >"$out" 2>"$err")
code=$?
fail=0
if ! cmp -s "$out" "$base.out"; then
  echo "stdout differs from $base.out:"; diff "$base.out" "$out" | head -40; fail=1
fi
if [ "$code" != "$want_code" ]; then
  echo "exit code $code, want $want_code"; fail=1
fi
if [ -f "$base.err" ]; then
  want_err=$(head -n 1 "$base.err") got_err=$(head -n 1 "$err")
  if [ "$want_err" != "$got_err" ]; then
    echo "first stderr line: got '$got_err', want '$want_err'"; fail=1
  fi
fi
if [ $fail = 1 ]; then echo "--- stderr:"; head -30 "$err"; fi
exit $fail
