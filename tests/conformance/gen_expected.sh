#!/usr/bin/env bash
# Produces the expected files of conformance programs with real Go (Go 1.19
# from Debian's golang-go): gen_expected.sh FILE.gol...  Each program is built
# and run as a Go binary (not `go run`, which rewrites exit codes); stdout goes
# to .out, a non-zero exit code to .code and the first stderr line to .err, with
# Go's paths rewritten to gol's (prog.go:LINE -> prog.gol:LINE); <name>.args, .in and .env
# (VAR=value words) give its arguments, stdin and environment. Programs that
# need a newer Go than 1.19 (range over int, per-iteration loop variables,
# min/max/clear) carry hand-written expectations and a "// expect: manual" line;
# this script leaves them alone.
set -u
command -v go >/dev/null || { echo "gen_expected.sh needs Go: apt-get install golang-go" >&2; exit 1; }
# Programs that end by SIGABRT on purpose (GOTRACEBACK=crash) leave no core.
ulimit -c 0
for prog in "$@"; do
  prog=$(realpath "$prog")
  if grep -q '^// expect: manual' "$prog"; then echo "skip (manual): $prog"; continue; fi
  base=${prog%.gol} name=$(basename "$base") dir=$(dirname "$prog")
  work=$(mktemp -d)
  cp "$prog" "$work/$name.go"
  args=()
  [ -f "$base.args" ] && read -r -a args < "$base.args"
  envs=()
  [ -f "$base.env" ] && read -r -a envs < "$base.env"
  input=/dev/null
  [ -f "$base.in" ] && input=$base.in
  rm -f "$base.code" "$base.err"
  if ! (cd "$work" && GO111MODULE=off GOFLAGS= go build -o prog "$name.go" 2>build.err); then
    # A compile error: gol reports it as FILE.gol:LINE:COL: message, exit 1.
    grep -v '^#' "$work/build.err" | head -n 1 | sed "s#^\./##; s#$name\.go:#$name.gol:#" > "$base.err"
    : > "$base.out"; echo 1 > "$base.code"
    echo "compile error: $prog: $(cat "$base.err")"
  else
    (cd "$dir" && env "${envs[@]}" "$work/prog" "${args[@]}" <"$input" >"$base.out" 2>"$work/run.err")
    code=$?
    if [ $code != 0 ]; then
      echo $code > "$base.code"
      head -n 1 "$work/run.err" | sed "s#$work/$name\.go#$name.gol#g" > "$base.err"
    fi
    echo "ok ($code): $prog"
  fi
  rm -rf "$work"
done
