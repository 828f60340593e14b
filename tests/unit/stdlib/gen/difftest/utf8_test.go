// Differential test: the gol source of unicode/utf8, compiled by Go, against Go's own (run.sh).
package main

import (
	"math/rand"
	"testing"
	"unicode/utf8"
	my "u8t/myutf8"
)

func TestSame(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 300000; i++ {
		b := make([]byte, r.Intn(6))
		for j := range b {
			switch r.Intn(3) {
			case 0:
				b[j] = byte(r.Intn(256))
			case 1:
				b[j] = byte(0x80 + r.Intn(64))
			default:
				b[j] = []byte{0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0x41}[r.Intn(9)]
			}
		}
		s := string(b)
		r1, n1 := utf8.DecodeRuneInString(s)
		r2, n2 := my.DecodeRuneInString(s)
		l1, m1 := utf8.DecodeLastRuneInString(s)
		l2, m2 := my.DecodeLastRuneInString(s)
		if r1 != r2 || n1 != n2 || l1 != l2 || m1 != m2 || utf8.FullRuneInString(s) != my.FullRuneInString(s) ||
			utf8.ValidString(s) != my.ValidString(s) || utf8.RuneCountInString(s) != my.RuneCountInString(s) {
			t.Fatalf("%q", s)
		}
		x := rune(r.Int63n(0x120000)) - 10
		if utf8.RuneLen(x) != my.RuneLen(x) || string(utf8.AppendRune(nil, x)) != string(my.AppendRune(nil, x)) || utf8.ValidRune(x) != my.ValidRune(x) {
			t.Fatalf("%x", x)
		}
	}
}
