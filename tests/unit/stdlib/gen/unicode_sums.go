// Command unicode_sums prints, for each unicode function, an FNV-1a hash of
// its results over every rune from -1 to MaxRune+1, for ../unicode_test.cpp:
//   go run unicode_sums.go
package main

import (
	"fmt"
	"unicode"
)

func main() {
	bools := []struct {
		name string
		f    func(rune) bool
	}{
		{"IsLetter", unicode.IsLetter}, {"IsDigit", unicode.IsDigit}, {"IsNumber", unicode.IsNumber},
		{"IsUpper", unicode.IsUpper}, {"IsLower", unicode.IsLower}, {"IsTitle", unicode.IsTitle},
		{"IsPunct", unicode.IsPunct}, {"IsSpace", unicode.IsSpace}, {"IsMark", unicode.IsMark},
		{"IsSymbol", unicode.IsSymbol}, {"IsControl", unicode.IsControl}, {"IsPrint", unicode.IsPrint},
		{"IsGraphic", unicode.IsGraphic},
	}
	for _, b := range bools {
		h := uint64(14695981039346656037)
		for r := rune(-1); r <= unicode.MaxRune+1; r++ {
			v := uint64(0)
			if b.f(r) {
				v = 1
			}
			h = (h ^ v) * 1099511628211
		}
		fmt.Printf("{\"%s\", 0x%016xULL},\n", b.name, h)
	}
	runes := []struct {
		name string
		f    func(rune) rune
	}{{"ToUpper", unicode.ToUpper}, {"ToLower", unicode.ToLower}, {"ToTitle", unicode.ToTitle}, {"SimpleFold", unicode.SimpleFold}}
	for _, b := range runes {
		h := uint64(14695981039346656037)
		for r := rune(-1); r <= unicode.MaxRune+1; r++ {
			h = (h ^ uint64(uint32(b.f(r)))) * 1099511628211
		}
		fmt.Printf("{\"%s\", 0x%016xULL},\n", b.name, h)
	}
}
