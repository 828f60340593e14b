// natives.cpp — the byte-scanning kernels of package strings (Go's
// internal/bytealg): IndexByte and counting one byte, on libc's vectorised
// routines; and the conversion that lets Builder.String share its buffer.
//
// Invariants
//  - builderString returns a string aliasing the slice's bytes, without
//    copying. It is sound only because a Builder never writes below the
//    length of its buffer once written (appends write past it, Grow and
//    Reset move to a new buffer) and panics when copied by value, as Go's
//    does, so no other Builder shares the buffer.
#include <cstring>

#include "stdlib/internal/symbols.h"

extern "C" {

// strings.IndexByte(s string, c byte) int
int64_t gol_strings_IndexByte(GolG*, void*, const uint8_t* p, int64_t n, uint8_t c) {
  if (n <= 0) return -1;
  auto* hit = static_cast<const uint8_t*>(memchr(p, c, size_t(n)));
  return hit ? hit - p : -1;
}

// strings.countByte(s string, c byte) int
int64_t gol_strings_countByte(GolG*, void*, const uint8_t* p, int64_t n, uint8_t c) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++) count += p[i] == c;
  return count;
}

// strings.builderString(buf []byte) string
GolString gol_strings_builderString(GolG*, void*, const uint8_t* p, int64_t n, int64_t) {
  return GolString{p, n};
}

}  // extern "C"

namespace gol::std_ {

Symbols stringsSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("strings.IndexByte", gol_strings_IndexByte),
      GOL_NATIVE("strings.builderString", gol_strings_builderString),
      GOL_NATIVE("strings.countByte", gol_strings_countByte),
  };
  return table;
}

}  // namespace gol::std_
