#!/usr/bin/env bash
# GODEBUG=leakcheck reports goroutines still alive when main returns, grouped
# by where they were created and what they wait for; =2 also makes the exit
# status 2: leakcheck.sh GOL
set -u
gol=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/leaky.gol" <<'PROG'
package main

import (
	"fmt"
	"time"
)

func worker(c chan int) {
	<-c
}

func startWorkers(c chan int, n int) {
	for i := 0; i < n; i++ {
		go worker(c)
	}
}

func main() {
	c := make(chan int)
	startWorkers(c, 3)
	go func() {
		time.Sleep(time.Hour)
	}()
	finished := make(chan bool)
	go func() { finished <- true }()
	<-finished
	time.Sleep(10 * time.Millisecond)
	fmt.Println("main done")
}
PROG
cat > "$dir/clean.gol" <<'PROG'
package main

import "fmt"

func main() {
	done := make(chan bool)
	go func() { done <- true }()
	<-done
	fmt.Println("main done")
}
PROG
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# run LEVEL PROGRAM: sets rc, out and err
run() {
  (cd "$dir" && GODEBUG=leakcheck=$1 timeout 60 "$gol" run "$2" >"$dir/out" 2>"$dir/err")
  rc=$?
  out=$(cat "$dir/out") err=$(cat "$dir/err")
}

run 1 leaky.gol
[ "$rc" = 0 ] || fail "leakcheck=1 changed the exit status to $rc"
[ "$out" = "main done" ] || fail "stdout: $out"
want='leakcheck: 4 goroutines still alive when main returned (2 kinds)

3 goroutines [chan receive]: 2, 3, 4
goroutine 2 [chan receive]:
main.worker(...)
	leaky.gol:9
created by main.startWorkers in goroutine 1
	leaky.gol:14
created at:
main.startWorkers(...)
	leaky.gol:14
main.main()
	leaky.gol:20

1 goroutine [sleep]: 5
goroutine 5 [sleep]:
main.main.func1()
	leaky.gol:22
created by main.main in goroutine 1
	leaky.gol:21
created at:
main.main()
	leaky.gol:21'
[ "$err" = "$want" ] || fail "report differs:
$err"

run 2 leaky.gol
[ "$rc" = 2 ] || fail "leakcheck=2 with leaks exited $rc, want 2"

for level in 0 2; do
  run $level clean.gol
  [ "$rc" = 0 ] && [ -z "$err" ] || fail "leakcheck=$level on a clean program: exit $rc, stderr '$err'"
done
run 0 leaky.gol
[ -z "$err" ] || fail "a report without leakcheck: $err"
[ "$fails" = 0 ] && echo "leakcheck: report, exit statuses and clean runs as expected"
exit "$fails"
