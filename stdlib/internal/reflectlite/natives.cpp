// natives.cpp — internal/reflectlite's view of an arbitrary slice for Go's
// sort.Slice: its length, and an element swap by the element type's size
// (Swapper's job). The
// collector never moves objects and runs with the world stopped, so a plain
// byte swap of pointer-holding elements is safe.
#include <cstring>

#include "stdlib/internal/symbols.h"

namespace {

const GolSlice& sliceOf(GolG* g, const void* tab, const void* data) {
  auto* t = static_cast<const GolType*>(tab);
  if (t == nullptr || t->kind != GOL_KIND_SLICE) gol_panic_msg(g, "reflect: call of Swapper on non-slice value");
  return *static_cast<const GolSlice*>(data);
}

}  // namespace

extern "C" {

int64_t gol_reflectlite_sliceLen(GolG* g, void*, const void* tab, void* data) { return sliceOf(g, tab, data).len; }

void gol_reflectlite_sliceSwap(GolG* g, void*, const void* tab, void* data, int64_t i, int64_t j) {
  const GolSlice& s = sliceOf(g, tab, data);
  if (uint64_t(i) >= uint64_t(s.len)) gol_panic_index(g, i, s.len);
  if (uint64_t(j) >= uint64_t(s.len)) gol_panic_index(g, j, s.len);
  auto size = size_t(static_cast<const GolType*>(tab)->elem->size);
  auto* a = static_cast<unsigned char*>(s.ptr) + size_t(i) * size;
  auto* b = static_cast<unsigned char*>(s.ptr) + size_t(j) * size;
  unsigned char tmp[256];
  for (size_t done = 0; done < size; done += sizeof tmp) {
    size_t n = size - done < sizeof tmp ? size - done : sizeof tmp;
    memcpy(tmp, a + done, n);
    memcpy(a + done, b + done, n);
    memcpy(b + done, tmp, n);
  }
}

}  // extern "C"

namespace gol::std_ {

Symbols reflectliteSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("internal/reflectlite.sliceLen", gol_reflectlite_sliceLen),
      GOL_NATIVE("internal/reflectlite.sliceSwap", gol_reflectlite_sliceSwap),
  };
  return table;
}

}  // namespace gol::std_
