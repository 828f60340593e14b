// lookup.cpp — Go's unicode.Is (binary search over ranges with strides),
// unicode.To (CaseRanges with the UpperLower alternating convention) and
// SimpleFold, over the tables of tables.cpp.
#include <algorithm>

#include "stdlib/unicode/tables.h"

namespace gol::unicode {
namespace {

constexpr int32_t kMaxRune = 0x10FFFF;
constexpr int32_t kUpperLower = kMaxRune + 1;  // Go's UpperLower delta marker

template <typename R>
bool inRanges(const R* ranges, size_t n, uint32_t r) {
  const R* end = ranges + n;
  const R* it = std::lower_bound(ranges, end, r, [](const R& range, uint32_t x) { return range.hi < x; });
  if (it == end || r < it->lo) return false;
  return it->stride == 1 || (r - it->lo) % it->stride == 0;
}

}  // namespace

bool is(const Table& t, int32_t r) {
  if (r < 0) return false;
  auto u = uint32_t(r);
  if (t.n16 > 0 && u <= t.r16[t.n16 - 1].hi) return inRanges(t.r16, t.n16, u);
  if (t.n32 > 0 && u >= t.r32[0].lo) return inRanges(t.r32, t.n32, u);
  return false;
}

int32_t to(int c, int32_t r) {
  if (c < 0 || c > 2) return 0xFFFD;
  if (r < 0) return r;
  const CaseRange* begin = kCaseRangesBegin;
  const CaseRange* end = begin + kNumCaseRanges;
  const CaseRange* it =
      std::lower_bound(begin, end, uint32_t(r), [](const CaseRange& cr, uint32_t x) { return cr.hi < x; });
  if (it == end || uint32_t(r) < it->lo) return r;
  int32_t delta = it->delta[c];
  if (delta > kMaxRune) {
    // Alternating upper/lower pairs starting at lo: even offsets are upper.
    return int32_t(it->lo) + (((r - int32_t(it->lo)) & ~1) | (c & 1));
  }
  return r + delta;
}

int32_t simpleFold(int32_t r) {
  if (r < 0 || r > kMaxRune) return r;
  const FoldPair* begin = kCaseOrbitBegin;
  const FoldPair* end = begin + kNumCaseOrbit;
  const FoldPair* it =
      std::lower_bound(begin, end, uint32_t(r), [](const FoldPair& p, uint32_t x) { return p.from < x; });
  if (it != end && it->from == uint32_t(r)) return int32_t(it->to);
  int32_t l = to(1, r);
  if (l != r) return l;
  return to(0, r);
}

}  // namespace gol::unicode
