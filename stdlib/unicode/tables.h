// tables.h — Unicode category tables and case mappings (tables.cpp,
// generated from Go 1.19's unicode package, Unicode 13.0.0) and the lookups
// over them, with the semantics of Go's unicode.Is, To and SimpleFold.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gol::unicode {

struct Range16 {
  uint16_t lo, hi, stride;
};
struct Range32 {
  uint32_t lo, hi, stride;
};
struct Table {
  const Range16* r16;
  size_t n16;
  const Range32* r32;
  size_t n32;
  size_t latinOffset;  // entries of r16 with hi <= MaxLatin1
};
struct CaseRange {
  uint32_t lo, hi;
  int32_t delta[3];  // UpperCase, LowerCase, TitleCase
};
struct FoldPair {
  uint32_t from, to;
};

extern const Table kLetter, kDigit, kNumber, kUpper, kLower, kTitle, kPunct, kWhiteSpace, kMark, kSymbol, kZs;
extern const CaseRange* const kCaseRangesBegin;
extern const size_t kNumCaseRanges;
extern const FoldPair* const kCaseOrbitBegin;
extern const size_t kNumCaseOrbit;

bool is(const Table& t, int32_t r);
// c: 0 upper, 1 lower, 2 title (Go's UpperCase, LowerCase, TitleCase).
int32_t to(int c, int32_t r);
int32_t simpleFold(int32_t r);

}  // namespace gol::unicode
