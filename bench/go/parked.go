// parked: 200k goroutines parked on one channel, released together by
// closing it; each reports on a channel of completions.
package main

import "fmt"

func main() {
	const n = 200000
	gate := make(chan struct{})
	started := make(chan struct{}, 1024)
	done := make(chan int, 1024)
	for i := 0; i < n; i++ {
		go func(id int) {
			started <- struct{}{}
			<-gate
			done <- id
		}(i)
	}
	for i := 0; i < n; i++ {
		<-started
	}
	close(gate)
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-done
	}
	fmt.Println(n, sum)
}
