#!/usr/bin/env bash
# Packages from a Go tree chosen by $GOROOT: gol version names the tree, a
# missing package is reported in go build's words, and a program's cached
# object follows edits to the tree's files: goroot.sh GOL
set -u
gol=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
check() {  # check WHAT GOT WANT
  if [ "$2" != "$3" ]; then
    echo "FAIL: $1: got '$2', want '$3'"
    fails=$((fails + 1))
  fi
}

tree=$dir/go
mkdir -p "$tree/src/greet" "$tree/src/internal/goversion"
printf 'go1.19.99\n' > "$tree/VERSION"
printf 'package greet\n\nfunc Hello() string { return "hello" }\n' > "$tree/src/greet/greet.go"
printf '//go:build windows\n\npackage greet\n\nfunc Hello() string { return "windows" }\n' > "$tree/src/greet/greet_other.go"
printf 'package main\n\nimport "greet"\n\nfunc main() { println(greet.Hello()) }\n' > "$dir/prog.gol"
printf 'package main\n\nimport "no/such"\n\nfunc main() { such.X() }\n' > "$dir/missing.gol"
export GOROOT=$tree GOLCACHE=$dir/cache

check version "$("$gol" version | sed -n 2p)" "GOROOT $tree (go1.19.99)"
check missing "$(cd "$dir" && "$gol" run missing.gol 2>&1)" "missing.gol:3:8: package no/such is not in GOROOT ($tree/src/no/such)"
check first "$(cd "$dir" && "$gol" run prog.gol 2>&1)" "hello"
check cached "$(cd "$dir" && "$gol" run prog.gol 2>&1)" "hello"
# same size, so only the modification time tells the cache
printf 'package greet\n\nfunc Hello() string { return "HELLO" }\n' > "$tree/src/greet/greet.go"
touch -d '+1 minute' "$tree/src/greet/greet.go"
check edited "$(cd "$dir" && "$gol" run prog.gol 2>&1)" "HELLO"
printf 'package greet\n\nfunc Bye() string { return "bye" }\n' > "$tree/src/greet/bye.go"
printf 'package main\n\nimport "greet"\n\nfunc main() { println(greet.Hello(), greet.Bye()) }\n' > "$dir/prog.gol"
check added "$(cd "$dir" && "$gol" run prog.gol 2>&1)" "HELLO bye"
rm "$tree/src/greet/bye.go"
check removed "$(cd "$dir" && "$gol" run prog.gol 2>&1 | head -n 1)" "prog.gol:5:44: undefined: greet.Bye"
exit $((fails > 0))
