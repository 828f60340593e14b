// selectfan: 4 producers, each on its own unbuffered channel, fanned into
// one consumer's select loop; 4M messages in total.
package main

import "fmt"

func produce(id, n int, out chan<- int) {
	for i := 0; i < n; i++ {
		out <- id
	}
	close(out)
}

func main() {
	const per = 1000000
	var cs [4]chan int
	for i := range cs {
		cs[i] = make(chan int)
		go produce(i, per, cs[i])
	}
	var counts [4]int
	a, b, c, d := cs[0], cs[1], cs[2], cs[3]
	for open := 4; open > 0; {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				open--
				continue
			}
			counts[v]++
		case v, ok := <-b:
			if !ok {
				b = nil
				open--
				continue
			}
			counts[v]++
		case v, ok := <-c:
			if !ok {
				c = nil
				open--
				continue
			}
			counts[v]++
		case v, ok := <-d:
			if !ok {
				d = nil
				open--
				continue
			}
			counts[v]++
		}
	}
	fmt.Println(counts)
}
