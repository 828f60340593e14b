#!/usr/bin/env python3
"""Writes the compile-time benchmark's input programs (valid Go 1.19, run by
gol and built by go build alike).

  gen.py DIR                  every program below, into DIR
  gen.py DIR NAME [SIZE]      one program; SIZE scales it (lines, elements,
                              statements or functions, depending on NAME)

Programs:
  realistic  SIZE lines of ordinary code: a struct type per unit with methods
             (value and pointer receivers), an interface, loops, maps,
             closures, a goroutine and channel, slice and struct literals,
             string formatting; main calls every unit and prints a checksum
  arrayvar   a global `var a = [...]int{...}` of SIZE constants
  slicevar   a global `var a = []int{...}` of SIZE constants
  gostmts    SIZE `go func() { c <- k }()` statements in main
  chain      SIZE functions, each calling the next
  bigframe   a recursive function with a local [1<<13]int64
  byvalue    `type T [1<<20]int` passed by value

The programs are deterministic, so a size's output never changes; every one
prints a line as soon as main starts, so a harness can time the first output.
"""
import os
import sys

UNIT = """
type Rec{i} struct {{
	id   int
	name string
	vals []int
	tags map[string]int
	pos  Point
}}

func newRec{i}(n int) *Rec{i} {{
	r := &Rec{i}{{id: n + {i}, name: "rec{i}", tags: map[string]int{{}}, pos: Point{{X: {i}, Y: n}}}}
	for k := 0; k < n; k++ {{
		r.vals = append(r.vals, (k*{m})%7)
	}}
	return r
}}

func (r *Rec{i}) Sum() int {{
	s := 0
	for _, v := range r.vals {{
		s += v
	}}
	return s
}}

func (r *Rec{i}) Tag(k string) {{ r.tags[k]++ }}

func (r Rec{i}) Area() int {{ return r.pos.X*r.pos.Y + len(r.vals) }}

func (r Rec{i}) Describe() string {{ return fmt.Sprintf("%s:%d", r.name, len(r.vals)) }}

var table{i} = []int{{{table}}}

func work{i}(n int) int {{
	r := newRec{i}(n)
	for _, w := range []string{{"a", "b", "c", "a"}} {{
		r.Tag(w)
	}}
	add := func(x int) int {{ return x + r.id }}
	total := 0
	for k := 0; k < len(table{i}); k++ {{
		if table{i}[k]%2 == 0 {{
			total += add(table{i}[k])
		}} else {{
			total -= k
		}}
	}}
	switch {{
	case total > 100:
		total %= 100
	default:
		total++
	}}
	ch := make(chan int, 1)
	go func() {{ ch <- r.Sum() }}()
	total += <-ch
	var s Shape = r
	total += s.Area() + len(r.Describe()) + r.tags["a"]
	return total
}}
"""

UNIT_LINES = UNIT.count("\n")


def realistic(lines):
    units = max(1, (lines - 20) // (UNIT_LINES + 1))
    out = ["package main", "", 'import "fmt"', "",
           "type Point struct{ X, Y int }", "",
           "type Shape interface{ Area() int }", ""]
    for i in range(units):
        table = ", ".join(str((i * 31 + k * 17) % 97) for k in range(8))
        out.append(UNIT.format(i=i, m=i % 5 + 1, table=table))
    out += ["func main() {", '\tfmt.Println("start")', "\ttotal := 0"]
    out += ["\ttotal += work%d(%d)" % (i, i % 9 + 1) for i in range(units)]
    out += ["\tfmt.Println(total)", "}", ""]
    return "\n".join(out)


def values(n, per_line=16):
    rows = []
    for k in range(0, n, per_line):
        rows.append("\t" + ", ".join(str((j * 7919) % 10007) for j in range(k, min(n, k + per_line))) + ",")
    return "\n".join(rows)


def global_literal(n, typ):
    return """package main

import "fmt"

var a = %s{
%s
}

func main() {
	fmt.Println("start")
	s := 0
	for _, v := range a {
		s += v
	}
	fmt.Println(len(a), a[len(a)-1], s)
}
""" % (typ, values(n))


def gostmts(n):
    body = "\n".join("\tgo func() { c <- %d }()" % k for k in range(n))
    return """package main

import "fmt"

func main() {
	fmt.Println("start")
	c := make(chan int, %d)
%s
	s := 0
	for k := 0; k < %d; k++ {
		s += <-c
	}
	fmt.Println(s)
}
""" % (n, body, n)


def chain(n):
    fns = "\n".join("func f%d(x int) int { return f%d(x+%d) }" % (k, k + 1, k % 3) for k in range(n - 1))
    return """package main

import "fmt"

%s
func f%d(x int) int { return x }

func main() {
	fmt.Println("start")
	fmt.Println(f0(1))
}
""" % (fns, n - 1)


BIGFRAME = """package main

import "fmt"

func deep(n int) int64 {
	var a [1 << 13]int64
	a[n%len(a)] = int64(n)
	if n == 0 {
		return a[0]
	}
	return deep(n-1) + a[n%len(a)]
}

func main() {
	fmt.Println("start")
	fmt.Println(deep(SIZE))
}
"""

BYVALUE = """package main

import "fmt"

type T [1 << 20]int

func get(t T, i int) int { return t[i] }

func set(t T, i, v int) T {
	t[i] = v
	return t
}

func main() {
	fmt.Println("start")
	var t T
	t = set(t, SIZE, 7)
	fmt.Println(get(t, SIZE), get(set(t, 3, 4), 3), t[3])
}
"""

PROGRAMS = {
    # name: (generator, sizes the benchmark runs)
    "realistic": (realistic, [500, 2000, 10000, 30000]),
    "arrayvar": (lambda n: global_literal(n, "[...]int"), [10000]),
    "slicevar": (lambda n: global_literal(n, "[]int"), [20000, 50000]),
    "gostmts": (gostmts, [1000, 5000]),
    "chain": (chain, [1000, 10000]),
    "bigframe": (lambda n: BIGFRAME.replace("SIZE", str(n)), [100]),
    "byvalue": (lambda n: BYVALUE.replace("SIZE", str(n)), [5]),
}


def write(dirname, name, size):
    path = os.path.join(dirname, "%s_%d.go" % (name, size))
    with open(path, "w") as f:
        f.write(PROGRAMS[name][0](size))
    return path


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    if len(sys.argv) > 2:
        name = sys.argv[2]
        sizes = [int(sys.argv[3])] if len(sys.argv) > 3 else PROGRAMS[name][1]
        for s in sizes:
            print(write(d, name, s))
        return
    for name, (_, sizes) in PROGRAMS.items():
        for s in sizes:
            print(write(d, name, s))


if __name__ == "__main__":
    main()
