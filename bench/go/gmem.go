// gmem: the memory a parked goroutine costs. Parks n goroutines on one
// channel and prints the growth of the resident set divided by n, then the
// process's peak resident set (both from /proc/self/status).
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

func statusKB(field string) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		panic(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			v, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, field+":"), "kB")))
			return v
		}
	}
	panic("no " + field)
}

func main() {
	const n = 100000
	before := statusKB("VmRSS")
	gate := make(chan struct{})
	started := make(chan struct{}, 1024)
	for i := 0; i < n; i++ {
		go func() {
			started <- struct{}{}
			<-gate
		}()
	}
	for i := 0; i < n; i++ {
		<-started
	}
	after := statusKB("VmRSS")
	fmt.Printf("bytes/goroutine %d\n", (after-before)*1024/n)
	close(gate)
	fmt.Printf("peak_kB %d\n", statusKB("VmHWM"))
}
