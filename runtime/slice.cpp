// slice.cpp — make([]T, len, cap) and append's growth (Go 1.19's slice.go).
//
// Invariants
//  - Capacities after growth are exactly Go 1.19's: double below 256
//    elements, then grow by (cap + 768)/4 until large enough, then round the
//    byte size up to the allocator's size class (roundupsize), so programs
//    printing cap() agree with Go.
//  - The old backing array stays rooted while the new one is allocated.
#include <cstring>

#include "runtime/malloc.h"
#include "runtime/mgc.h"

namespace gol::rt {

namespace {

constexpr uintptr_t kMaxAlloc = uintptr_t(1) << 48;   // Go's maxAlloc on linux/amd64

int64_t nextCapacity(int64_t oldCap, int64_t needed) {
  int64_t doubled = oldCap + oldCap;
  if (needed > doubled) return needed;
  constexpr int64_t threshold = 256;
  if (oldCap < threshold) return doubled;
  int64_t newcap = oldCap;
  while (0 < newcap && newcap < needed) newcap += (newcap + 3 * threshold) / 4;
  return newcap <= 0 ? needed : newcap;
}

}  // namespace

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

GolSlice gol_growslice(GolG* g, const GolType* elem, void* ptr, int64_t len, int64_t cap, int64_t add) {
  int64_t needed;
  if (add < 0 || __builtin_add_overflow(len, add, &needed)) gol_panic_msg(g, "growslice: cap out of range");
  uintptr_t size = uintptr_t(elem->size);
  // Zero-size elements: no memory, but a non-nil pointer, as Go's zerobase.
  if (size == 0) return GolSlice{ptr ? ptr : gol_alloc(g, elem, 0), len, needed};
  int64_t newcap = nextCapacity(cap, needed);
  uintptr_t capmem;
  if (__builtin_mul_overflow(uintptr_t(newcap), size, &capmem) || capmem > kMaxAlloc)
    gol_panic_msg(g, "growslice: cap out of range");
  capmem = roundupsize(capmem);
  newcap = int64_t(capmem / size);
  RootFrame<1> roots(g);
  roots[0] = ptr;
  void* p = gol_alloc(g, elem, newcap);
  std::memcpy(p, roots[0], uintptr_t(len) * size);
  return GolSlice{p, len, newcap};
}

GolSlice gol_makeslice(GolG* g, const GolType* elem, int64_t len, int64_t cap) {
  uintptr_t size = uintptr_t(elem->size), mem;
  bool capBad = cap < 0 || __builtin_mul_overflow(size, uintptr_t(cap), &mem) || mem > kMaxAlloc;
  if (capBad || len < 0 || len > cap) {
    bool lenBad = len < 0 || __builtin_mul_overflow(size, uintptr_t(len), &mem) || mem > kMaxAlloc;
    gol_panic_msg(g, lenBad ? "makeslice: len out of range" : "makeslice: cap out of range");
  }
  return GolSlice{gol_alloc(g, elem, cap), len, cap};
}

}  // extern "C"
