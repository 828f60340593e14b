// gcpause: how late a goroutine that sleeps 1 ms wakes while the collector
// works. main keeps a live heap of N MB of 32-byte nodes (argument, default
// 100) and allocates garbage for a fixed amount of work; a second goroutine
// sleeps 1 ms in a loop and records how late each wake-up is. Prints the
// worst and 99th-percentile lateness and the number of collections.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"time"
)

type node struct {
	next *node
	a, b int64
	c    *node
}

func main() {
	mb := 100
	if len(os.Args) > 1 {
		mb, _ = strconv.Atoi(os.Args[1])
	}
	live := make([]*node, mb<<20/32/64)
	for i := range live {
		var head *node
		for j := 0; j < 64; j++ {
			head = &node{next: head, a: int64(j)}
		}
		live[i] = head
	}
	var late []time.Duration
	stop := make(chan bool)
	done := make(chan bool)
	go func() {
		for {
			select {
			case <-stop:
				done <- true
				return
			default:
			}
			t := time.Now()
			time.Sleep(time.Millisecond)
			late = append(late, time.Since(t)-time.Millisecond)
		}
	}()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	var sink *node
	for i := 0; i < 50000000; i++ {
		n := &node{a: int64(i)}
		if i%1000 == 0 {
			n.next = sink
			sink = n
		}
		if i%100000 == 0 {
			sink = nil
		}
	}
	elapsed := time.Since(start)
	close(stop)
	<-done
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	sort.Slice(late, func(i, j int) bool { return late[i] < late[j] })
	p99 := late[len(late)*99/100]
	fmt.Printf("live_MB %d\n", mb)
	fmt.Printf("worst_ms %.2f\n", float64(late[len(late)-1])/1e6)
	fmt.Printf("p99_ms %.2f\n", float64(p99)/1e6)
	fmt.Printf("alloc_loop_s %.2f\n", elapsed.Seconds())
	fmt.Printf("collections %d\n", after.NumGC-before.NumGC)
	fmt.Println(len(live) > 0, sink == nil)
}
