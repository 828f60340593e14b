// churn: a million short-lived goroutines, at most 1000 alive at once, each
// recursing 300 frames deep before it exits: stack growth and the reuse and
// release of stack memory. Prints the peak resident set.
package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
)

func depth(n int) int {
	if n == 0 {
		return 0
	}
	var pad [8]int
	pad[n%8] = n
	return depth(n-1) + pad[n%8] - n + 1
}

func main() {
	const total = 1000000
	var wg sync.WaitGroup
	var mu sync.Mutex
	sum := 0
	slots := make(chan struct{}, 1000)
	for i := 0; i < total; i++ {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			r := depth(300)
			mu.Lock()
			sum += r
			mu.Unlock()
			<-slots
			wg.Done()
		}()
	}
	wg.Wait()
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Println(sum, strings.Join(strings.Fields(line)[1:], " "))
		}
	}
}
