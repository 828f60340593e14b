// Goroutine creation: 1M goroutines each do a little work, record it
// atomically and call wg.Done().
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var wg sync.WaitGroup
	var sum int64
	const n = 1000000
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			atomic.AddInt64(&sum, int64(i%1000))
			wg.Done()
		}(i)
	}
	wg.Wait()
	fmt.Println(sum)
}
