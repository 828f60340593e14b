// Differential test: the gol source of strings, compiled by Go, against Go's own (run.sh).
package main

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
	my "u8t/mystrings"
	"unicode"
)

var alphabet = []string{"a", "b", "ab", " ", "\t", "é", "É", "K", "k", "\u212a", "\xff", "ß", "ẞ", "x", "Σ", "ς", "σ", "\u00a0", "_", "1"}

func rs(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < r.Intn(n); i++ {
		b.WriteString(alphabet[r.Intn(len(alphabet))])
	}
	return b.String()
}

func TestStrings(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 100000; i++ {
		s, sub, u := rs(r, 8), rs(r, 3), rs(r, 3)
		n := r.Intn(5) - 1
		check := func(name string, a, b any) {
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%s(%q, %q, %q, %d): go %#v, gol %#v", name, s, sub, u, n, a, b)
			}
		}
		check("Count", strings.Count(s, sub), my.Count(s, sub))
		check("Index", strings.Index(s, sub), my.Index(s, sub))
		check("LastIndex", strings.LastIndex(s, sub), my.LastIndex(s, sub))
		check("IndexAny", strings.IndexAny(s, sub), my.IndexAny(s, sub))
		check("LastIndexAny", strings.LastIndexAny(s, sub), my.LastIndexAny(s, sub))
		check("IndexRune", strings.IndexRune(s, []rune(sub + "\ufffd")[0]), my.IndexRune(s, []rune(sub + "\ufffd")[0]))
		check("SplitN", strings.SplitN(s, sub, n), my.SplitN(s, sub, n))
		check("SplitAfterN", strings.SplitAfterN(s, sub, n), my.SplitAfterN(s, sub, n))
		check("Fields", strings.Fields(s), my.Fields(s))
		check("Replace", strings.Replace(s, sub, u, n), my.Replace(s, sub, u, n))
		check("Trim", strings.Trim(s, sub), my.Trim(s, sub))
		check("TrimLeft", strings.TrimLeft(s, sub), my.TrimLeft(s, sub))
		check("TrimRight", strings.TrimRight(s, sub), my.TrimRight(s, sub))
		check("TrimSpace", strings.TrimSpace(s), my.TrimSpace(s))
		check("ToUpper", strings.ToUpper(s), my.ToUpper(s))
		check("ToLower", strings.ToLower(s), my.ToLower(s))
		check("Title", strings.Title(s), my.Title(s))
		check("EqualFold", strings.EqualFold(s, sub+u), my.EqualFold(s, sub+u))
		check("EqualFold2", strings.EqualFold(s, strings.ToUpper(s)), my.EqualFold(s, strings.ToUpper(s)))
		check("ToValidUTF8", strings.ToValidUTF8(s, u), my.ToValidUTF8(s, u))
		check("Repeat", strings.Repeat(sub, n+1), my.Repeat(sub, n+1))
		check("Join", strings.Join([]string{s, sub, u}[:(n+1)%4], u), my.Join([]string{s, sub, u}[:(n+1)%4], u))
		a1, b1, c1 := strings.Cut(s, sub)
		a2, b2, c2 := my.Cut(s, sub)
		check("Cut", []any{a1, b1, c1}, []any{a2, b2, c2})
		pairs := []string{sub, u, rs(r, 3), rs(r, 3), rs(r, 2), "z"}
		check("Replacer", strings.NewReplacer(pairs...).Replace(s), my.NewReplacer(pairs...).Replace(s))
		check("Replacer1", strings.NewReplacer(pairs[:2]...).Replace(s), my.NewReplacer(pairs[:2]...).Replace(s))
		var b1b strings.Builder
		var b2b my.Builder
		b1b.WriteString(s)
		b1b.WriteRune(rune(n * 300))
		b1b.WriteByte('x')
		b2b.WriteString(s)
		b2b.WriteRune(rune(n * 300))
		b2b.WriteByte('x')
		check("Builder", b1b.String(), b2b.String())
		check("FieldsFunc", strings.FieldsFunc(s, unicode.IsLetter), my.FieldsFunc(s, unicode.IsLetter))
	}
}
