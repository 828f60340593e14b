// ftoa.h — float formatting exactly as Go's strconv.AppendFloat.
//
// Decimal digits come from std::to_chars (shortest round-trip, or correctly
// rounded to a fixed number of digits, ties to even — the same digits Go's
// Ryū and big-decimal paths produce); the layout of those digits ('e', 'f',
// 'g' with Go's %e/%f switch rule, 'b', 'x') follows Go's ftoa.go.
#pragma once

#include <string>

namespace gol::strconv {

// fmt is one of 'b' 'e' 'E' 'f' 'g' 'G' 'x' 'X'; prec < 0 means the fewest
// digits that round-trip; bitSize is 32 or 64.
void appendFloat(std::string& dst, double v, char fmt, int prec, int bitSize);

}  // namespace gol::strconv
