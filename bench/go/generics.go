// generics: generic Map/Filter/Reduce over 10 M ints, a generic binary heap
// (push 2 M keys, pop them all) and a generic Max/Sum over []int, next to
// their hand-written non-generic loops (the instances must be as fast).
package main

import "fmt"

type Number interface {
	~int | ~int64 | ~float64
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	out := xs[:0:0]
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Max[T Number](xs []T) T {
	m := xs[0]
	for _, x := range xs[1:] {
		if x > m {
			m = x
		}
	}
	return m
}

func sumInts(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

type Heap[T any] struct {
	items []T
	less  func(a, b T) bool
}

func (h *Heap[T]) Push(v T) {
	h.items = append(h.items, v)
	i := len(h.items) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(h.items[i], h.items[p]) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *Heap[T]) Pop() T {
	top := h.items[0]
	n := len(h.items) - 1
	h.items[0] = h.items[n]
	h.items = h.items[:n]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && h.less(h.items[l], h.items[m]) {
			m = l
		}
		if r < n && h.less(h.items[r], h.items[m]) {
			m = r
		}
		if m == i {
			return top
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}

func main() {
	const n = 10_000_000
	xs := make([]int, n)
	for i := range xs {
		xs[i] = (i * 7919) % 1000003
	}
	sq := Map(xs, func(x int) int { return x * x % 1000 })
	even := Filter(sq, func(x int) bool { return x%2 == 0 })
	total := Reduce(even, int64(0), func(a int64, x int) int64 { return a + int64(x) })
	fmt.Println(len(sq), len(even), total)

	s := 0
	for r := 0; r < 20; r++ {
		s += Sum(xs) - sumInts(xs) + Max(xs)
	}
	fmt.Println(s)

	h := &Heap[int]{less: func(a, b int) bool { return a < b }}
	for i := 0; i < 2_000_000; i++ {
		h.Push((i * 104729) % 2000003)
	}
	prev, ok := -1, true
	for len(h.items) > 0 {
		v := h.Pop()
		ok = ok && v >= prev
		prev = v
	}
	fmt.Println(ok, prev)
}
