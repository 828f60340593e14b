package main

import (
	"fmt"
	"sort"
	"strings"
)

// A deterministic pseudo-random text, so no input file is needed.
func makeText(words int) string {
	syll := []string{"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "zu", "ve"}
	var sb strings.Builder
	seed := uint32(12345)
	for i := 0; i < words; i++ {
		seed = seed*1664525 + 1013904223
		n := int(seed>>28)%3 + 1
		for j := 0; j < n; j++ {
			seed = seed*1664525 + 1013904223
			sb.WriteString(syll[int(seed>>24)%len(syll)])
		}
		if i%17 == 16 {
			sb.WriteString(".\n")
		} else {
			sb.WriteString(" ")
		}
	}
	return sb.String()
}

func main() {
	text := makeText(2000000)
	counts := map[string]int{}
	for _, line := range strings.Split(text, "\n") {
		for _, w := range strings.Fields(strings.ToLower(line)) {
			w = strings.Trim(w, ".,")
			counts[w]++
		}
	}
	type kv struct {
		word  string
		count int
	}
	var list []kv
	for w, c := range counts {
		list = append(list, kv{w, c})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].word < list[j].word
	})
	fmt.Println("distinct:", len(list))
	for _, e := range list[:10] {
		fmt.Printf("%-8s %d\n", e.word, e.count)
	}
}
