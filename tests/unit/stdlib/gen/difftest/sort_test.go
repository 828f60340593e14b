// Differential test: the gol source of sort, compiled by Go, against Go's
// own on inputs with many ties (run.sh): unstable results must match exactly.
package main

import (
	"math/rand"
	"reflect"
	"sort"
	"testing"
	my "u8t/mysort"
)

type item struct{ key, id int }

type byKey []item

func (x byKey) Len() int           { return len(x) }
func (x byKey) Less(i, j int) bool { return x[i].key < x[j].key }
func (x byKey) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }

func TestSort(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for iter := 0; iter < 3000; iter++ {
		n := r.Intn(400)
		keys := 1 + r.Intn(20)
		a := make([]item, n)
		for i := range a {
			a[i] = item{r.Intn(keys), i}
			if iter%3 == 0 {
				a[i].key = i / (1 + r.Intn(3))
			}
			if iter%5 == 0 {
				a[i].key = n - i
			}
		}
		b := append([]item{}, a...)
		c := append([]item{}, a...)
		d := append([]item{}, a...)
		sort.Sort(byKey(a))
		my.Sort(byKey(b))
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("Sort differs at iteration %d", iter)
		}
		sort.Slice(c, func(i, j int) bool { return c[i].key < c[j].key })
		my.Slice(d, func(i, j int) bool { return d[i].key < d[j].key })
		if !reflect.DeepEqual(a, c) || !reflect.DeepEqual(c, d) {
			t.Fatalf("Slice differs at iteration %d", iter)
		}
		e := append([]item{}, b...)
		sort.Stable(sort.Reverse(byKey(b)))
		my.Stable(my.Reverse(byKey(e)))
		if !reflect.DeepEqual(b, e) {
			t.Fatalf("Stable differs at iteration %d", iter)
		}
	}
}
