// preemptwake: the Go twin of bench/preemptwake.gol.
// while main sleeps 1 ms, 200 times. Each wake-up waits until the spinner is
// stopped (asynchronous preemption); prints the median and worst latency
// beyond the 1 ms asked for.
package main

import (
	"fmt"
	"runtime"
	"sort"
	"sync/atomic"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	var stop, started int32
	go func() {
		atomic.StoreInt32(&started, 1)
		for atomic.LoadInt32(&stop) == 0 {
		}
	}()
	for atomic.LoadInt32(&started) == 0 {
		runtime.Gosched()
	}
	const n = 200
	late := make([]time.Duration, n)
	for i := range late {
		t := time.Now()
		time.Sleep(time.Millisecond)
		late[i] = time.Since(t) - time.Millisecond
	}
	atomic.StoreInt32(&stop, 1)
	sort.Slice(late, func(i, j int) bool { return late[i] < late[j] })
	fmt.Printf("wake-up latency beyond 1ms: median %.1fms, worst %.1fms\n",
		float64(late[n/2])/1e6, float64(late[n-1])/1e6)
}
