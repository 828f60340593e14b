// chanbuf: 20M ints through a 1024-slot buffered channel from one producer
// to one consumer.
package main

import "fmt"

func main() {
	const n = 20000000
	c := make(chan int, 1024)
	go func() {
		for i := 0; i < n; i++ {
			c <- i
		}
		close(c)
	}()
	sum, count := 0, 0
	for v := range c {
		sum += v
		count++
	}
	fmt.Println(count, sum)
}
