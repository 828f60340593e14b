// gostring.h — moving strings and byte slices between gol values and C++.
//
// Results handed back to gol code live in the gol heap (gol_alloc), never in
// C++ memory: the collector must be able to see and free them. A native builds
// its output in a std::string and copies it out once, at the end, so it holds
// no unrooted gol pointer while it works.
#pragma once

#include <string>
#include <string_view>

#include "gol/abi.h"
#include "gol/cxx.h"

namespace gol::std_ {

// Copies s into a fresh gol string ("" without allocating).
GolString newString(GolG* g, std::string_view s);
// Copies s into a fresh []byte with len == cap == s.size().
GolSlice newBytes(GolG* g, std::string_view s);

}  // namespace gol::std_
