// Differential test: the gol source of bufio, compiled by Go, against Go's
// own: Scanner with every split function, Reader.ReadString, Writer (run.sh).
package main

import (
	"bufio"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	my "u8t/mybufio"
)

func TestBufio(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	parts := []string{"a", "bc", " ", "\n", "\r\n", "é", "\xff", "\t", "word", "\n\n"}
	for iter := 0; iter < 2000; iter++ {
		var sb strings.Builder
		for i := 0; i < r.Intn(40); i++ {
			sb.WriteString(parts[r.Intn(len(parts))])
		}
		in := sb.String()
		for k, pair := range [][2]any{{bufio.ScanLines, my.ScanLines}, {bufio.ScanWords, my.ScanWords}, {bufio.ScanRunes, my.ScanRunes}, {bufio.ScanBytes, my.ScanBytes}} {
			s1 := bufio.NewScanner(strings.NewReader(in))
			s2 := my.NewScanner(strings.NewReader(in))
			s1.Split(pair[0].(func([]byte, bool) (int, []byte, error)))
			s2.Split(pair[1].(func([]byte, bool) (int, []byte, error)))
			if iter%2 == 0 {
				s1.Buffer(make([]byte, 2), 8)
				s2.Buffer(make([]byte, 2), 8)
			}
			var t1, t2 []string
			for s1.Scan() {
				t1 = append(t1, s1.Text())
			}
			for s2.Scan() {
				t2 = append(t2, s2.Text())
			}
			if !reflect.DeepEqual(t1, t2) || (s1.Err() == nil) != (s2.Err() == nil) {
				t.Fatalf("split %d on %q: go %q %v, gol %q %v", k, in, t1, s1.Err(), t2, s2.Err())
			}
		}
		r1 := bufio.NewReader(strings.NewReader(in))
		r2 := my.NewReader(strings.NewReader(in))
		for {
			a, e1 := r1.ReadString('\n')
			b, e2 := r2.ReadString('\n')
			if a != b || e1 != e2 {
				t.Fatalf("ReadString on %q: go %q %v, gol %q %v", in, a, e1, b, e2)
			}
			if e1 != nil {
				break
			}
		}
		var w1, w2 strings.Builder
		b1, b2 := bufio.NewWriterSize(&w1, 16), my.NewWriterSize(&w2, 16)
		b1.WriteString(in)
		b2.WriteString(in)
		b1.WriteRune('é')
		b2.WriteRune('é')
		b1.Flush()
		b2.Flush()
		if w1.String() != w2.String() {
			t.Fatalf("Writer on %q", in)
		}
	}
}
