#!/usr/bin/env bash
# What a fatal panic and SIGQUIT print at each GOTRACEBACK level, and the
# headers of goroutines locked to their threads, compared
# in the parts that are stable (Go 1.19's own output fixed these): the panic
# and signal lines, the goroutine headers with their numbers masked, the
# exit status (134: SIGABRT under crash). traceback_levels.sh GOL
set -u
gol=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
ulimit -c 0
fails=0

cat > "$dir/panic.gol" <<'PROG'
package main

import (
	"os"
	"runtime/debug"
	"time"
)

func main() {
	if len(os.Args) > 1 {
		debug.SetTraceback(os.Args[1])
	}
	go func() { time.Sleep(time.Hour) }()
	time.Sleep(10 * time.Millisecond)
	panic("boom")
}
PROG

cat > "$dir/quit.gol" <<'PROG'
package main

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

func main() {
	go func() { time.Sleep(time.Hour) }()
	c := make(chan int)
	if len(os.Args) > 1 {
		// Signalled from outside once "waiting" is out.
		fmt.Println("waiting")
		<-c
	}
	go func() {
		time.Sleep(10 * time.Millisecond)
		syscall.Kill(syscall.Getpid(), syscall.SIGQUIT)
	}()
	fmt.Println("waiting")
	<-c
}
PROG

cat > "$dir/lockdead.gol" <<'PROG'
package main

import "runtime"

func main() {
	c := make(chan int)
	go func() {
		runtime.LockOSThread()
		<-c
	}()
	runtime.LockOSThread()
	<-c
}
PROG

# The stable lines of a report: panic and SIGQUIT lines, goroutine headers
# with N for their numbers, "PC=" and "rip" lines with their values masked.
stable() {
  sed -nE -e '/^(panic|SIGQUIT|fatal error):/p' \
    -e 's/^goroutine [0-9]+ (\[[^]]*\]:)$/goroutine N \1/p' \
    -e 's/^PC=0x[0-9a-f]+ m=[0-9]+ sigcode=(-?[0-9]+)$/PC=X m=M sigcode=\1/p' \
    -e 's/^rip +0x[0-9a-f]+$/rip X/p' "$1"
}

# check NAME WANT-STATUS WANT-STABLE-LINES (\n-separated) [env...] -- gol-args
check() {
  local name=$1 code=$2 want=$3
  shift 3
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  (cd "$dir" && env "${envs[@]}" timeout 60 "$gol" "$@" >"$dir/stdout" 2>"$dir/stderr")
  local rc=$? got
  got=$(stable "$dir/stderr")
  if [ "$rc" != "$code" ] || [ "$got" != "$(printf '%b' "$want")" ]; then
    echo "FAIL $name: exit $rc (want $code); stable stderr:"
    echo "$got"
    echo "--- want:"
    printf '%b\n' "$want"
    echo "--- stderr:"
    head -20 "$dir/stderr"
    fails=$((fails + 1))
  fi
}

one='panic: boom\ngoroutine N [running]:'
all="$one\ngoroutine N [sleep]:"
check none 2 'panic: boom' GOTRACEBACK=none -- run panic.gol
check single 2 "$one" GOTRACEBACK=single -- run panic.gol
check default 2 "$one" -- run panic.gol
check all 2 "$all" GOTRACEBACK=all -- run panic.gol
check level2 2 "$all" GOTRACEBACK=2 -- run panic.gol
check system 2 "$all" GOTRACEBACK=system -- run panic.gol
check crash 134 "$all" GOTRACEBACK=crash -- run panic.gol
check unknown 2 'panic: boom' GOTRACEBACK=bogus -- run panic.gol
check set-all 2 "$all" -- run panic.gol all
# Without GOTRACEBACK the floor is "single".
check set-none 2 "$one" -- run panic.gol none
check set-none-env 2 'panic: boom' GOTRACEBACK=none -- run panic.gol none
check set-above-env 2 "$all" GOTRACEBACK=none -- run panic.gol all
check set-below-env 2 "$all" GOTRACEBACK=all -- run panic.gol none
check set-crash 134 "$all" -- run panic.gol crash

locked='goroutine N [chan receive, locked to thread]:'
dead='fatal error: all goroutines are asleep - deadlock!'
check locked-deadlock 2 "$dead\n$locked\n$locked" -- run lockdead.gol
check deadlock-none 2 "$dead" GOTRACEBACK=none -- run lockdead.gol
check deadlock-crash 134 "$dead\n$locked\n$locked" GOTRACEBACK=crash -- run lockdead.gol

quit='SIGQUIT: quit\nPC=X m=M sigcode=0\ngoroutine N [chan receive]:\ngoroutine N [sleep]:\nrip X'
check quit 2 "$quit" -- run quit.gol
check quit-none 2 "$quit" GOTRACEBACK=none -- run quit.gol
check quit-crash 134 "$quit" GOTRACEBACK=crash -- run quit.gol

# SIGQUIT from another process, whichever thread takes it.
rm -f "$dir/stdout"
(cd "$dir" && exec "$gol" run quit.gol wait >"$dir/stdout" 2>"$dir/stderr") &
pid=$!
for _ in $(seq 600); do
  grep -q waiting "$dir/stdout" 2>/dev/null && break
  sleep 0.05
done
kill -QUIT $pid
( sleep 60; kill -KILL $pid 2>/dev/null ) &
watchdog=$!
wait $pid
rc=$?
kill $watchdog 2>/dev/null
got=$(stable "$dir/stderr")
if [ "$rc" != 2 ] || [ "$got" != "$(printf '%b' "$quit")" ]; then
  echo "FAIL external SIGQUIT: exit $rc; stable stderr:"
  echo "$got"
  fails=$((fails + 1))
fi

[ $fails = 0 ] && echo "traceback_levels: all passed"
exit $((fails > 0))
