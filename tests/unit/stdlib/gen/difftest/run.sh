#!/bin/sh
# Runs the pure-gol std packages (no natives) under real Go against Go's own
# packages on random inputs. Needs Go 1.19; not part of the ctest suite.
set -e
here=$(cd "$(dirname "$0")" && pwd)
std=$here/../../../../../stdlib
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/myutf8" "$tmp/mystrings" "$tmp/mysort" "$tmp/mybufio"
printf 'module u8t\ngo 1.19\n' > "$tmp/go.mod"
cp "$std/unicode/utf8/utf8.gol" "$tmp/myutf8/utf8.go"
for f in "$std"/strings/*.gol; do cp "$f" "$tmp/mystrings/$(basename "$f" .gol).go"; done
# Bodiless (native) declarations are dropped; natives.go supplies them.
for f in "$std"/sort/*.gol; do grep -v '^func .*[^{}]$' "$f" > "$tmp/mysort/$(basename "$f" .gol).go"; done
cp "$std/bufio/bufio.gol" "$tmp/mybufio/bufio.go"
# sort's two natives, in reflect, for running under Go.
cp "$here/sort_natives_go.txt" "$tmp/mysort/natives.go"
cp "$here"/*_test.go "$tmp/"
cd "$tmp" && go test .
