#!/bin/sh
# Runs gol's strings package under real Go against Go's own on random inputs,
# its natives stood in for by Go code. Needs Go 1.19; not part of the ctest
# suite. (utf8, sort and bufio were tested so too until gol took them from
# GOROOT.)
set -e
here=$(cd "$(dirname "$0")" && pwd)
std=$here/../../../../../stdlib
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mystrings"
printf 'module u8t\ngo 1.19\n' > "$tmp/go.mod"
# Bodiless (native) declarations are dropped; natives.go supplies them.
for f in "$std"/strings/*.gol; do grep -v '^func .*[^{}]$' "$f" > "$tmp/mystrings/$(basename "$f" .gol).go"; done
cat > "$tmp/mystrings/natives.go" <<'GO'
package strings

import gostrings "strings"

func IndexByte(s string, c byte) int   { return gostrings.IndexByte(s, c) }
func countByte(s string, c byte) int   { return gostrings.Count(s, string([]byte{c})) }
func builderString(buf []byte) string { return string(buf) }
GO
cp "$here"/*_test.go "$tmp/"
cd "$tmp" && go test .
