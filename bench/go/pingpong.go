// pingpong: 2M round trips of an int between two goroutines over unbuffered
// channels (4M hand-offs, each a park and a wake-up).
package main

import "fmt"

func main() {
	const rounds = 2000000
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < rounds; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	<-pong
	fmt.Println(sum)
}
