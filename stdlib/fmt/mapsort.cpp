// mapsort.cpp — see mapsort.h. The ordering is fmtsort.compare: numbers by
// value (NaN first), strings bytewise, false before true, pointers and
// channels by address (nil first), structs and arrays element by element,
// interfaces by dynamic type (descriptor address) and then by value.
#include "stdlib/fmt/mapsort.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "gol/cxx.h"
#include "stdlib/internal/stable_sort.h"

namespace gol::fmt {
namespace {

template <typename T>
int cmp3(T a, T b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

int floatCompare(double a, double b) {
  if (std::isnan(a)) return -1;
  if (std::isnan(b)) return 1;
  return cmp3(a, b);
}

int64_t loadInt(const Value& v) {
  switch (v.type->size) {
    case 1: return v.load<int8_t>();
    case 2: return v.load<int16_t>();
    case 4: return v.load<int32_t>();
    default: return v.load<int64_t>();
  }
}

uint64_t loadUint(const Value& v) {
  switch (v.type->size) {
    case 1: return v.load<uint8_t>();
    case 2: return v.load<uint16_t>();
    case 4: return v.load<uint32_t>();
    default: return v.load<uint64_t>();
  }
}

// The iterator must be a heap object the collector can see (abi.h); every
// word of it is treated as a possible pointer.
const uint8_t kIterMask[] = {0xFF, 0x03};
const GolType kIterType =
    nativeType({.size = sizeof(GolMapIter), .kind = GOL_KIND_STRUCT, .string = "runtime.hiter",
                .ptrdata = sizeof(GolMapIter), .gcmask = kIterMask});
static_assert(sizeof(GolMapIter) == 10 * sizeof(void*), "kIterMask covers the iterator");

}  // namespace

int compareValues(const Value& a, const Value& b) {
  if (a.type != b.type) return -1;
  switch (a.kind()) {
    case GOL_KIND_INT: case GOL_KIND_INT8: case GOL_KIND_INT16: case GOL_KIND_INT32: case GOL_KIND_INT64:
      return cmp3(loadInt(a), loadInt(b));
    case GOL_KIND_UINT: case GOL_KIND_UINT8: case GOL_KIND_UINT16: case GOL_KIND_UINT32: case GOL_KIND_UINT64:
    case GOL_KIND_UINTPTR:
      return cmp3(loadUint(a), loadUint(b));
    case GOL_KIND_STRING: {
      GolString x = a.load<GolString>(), y = b.load<GolString>();
      return cmp3(gol_strcmp(x.ptr, x.len, y.ptr, y.len), int64_t(0));
    }
    case GOL_KIND_FLOAT32: return floatCompare(a.load<float>(), b.load<float>());
    case GOL_KIND_FLOAT64: return floatCompare(a.load<double>(), b.load<double>());
    case GOL_KIND_COMPLEX64: {
      auto* x = static_cast<const float*>(a.ptr);
      auto* y = static_cast<const float*>(b.ptr);
      int c = floatCompare(x[0], y[0]);
      return c != 0 ? c : floatCompare(x[1], y[1]);
    }
    case GOL_KIND_COMPLEX128: {
      auto* x = static_cast<const double*>(a.ptr);
      auto* y = static_cast<const double*>(b.ptr);
      int c = floatCompare(x[0], y[0]);
      return c != 0 ? c : floatCompare(x[1], y[1]);
    }
    case GOL_KIND_BOOL: return cmp3(a.load<uint8_t>() != 0, b.load<uint8_t>() != 0);
    case GOL_KIND_POINTER:
    case GOL_KIND_UNSAFE_POINTER:
    case GOL_KIND_CHAN:
      return cmp3(uintptr_t(a.load<void*>()), uintptr_t(b.load<void*>()));
    case GOL_KIND_STRUCT:
      for (int64_t i = 0; i < a.type->nfields; i++) {
        const GolField& f = a.type->fields[i];
        Value x{f.type, static_cast<const char*>(a.ptr) + f.offset, a.readOnly};
        Value y{f.type, static_cast<const char*>(b.ptr) + f.offset, b.readOnly};
        if (int c = compareValues(x, y); c != 0) return c;
      }
      return 0;
    case GOL_KIND_ARRAY: {
      const GolType* e = a.type->elem;
      for (int64_t i = 0; i < a.type->len; i++) {
        Value x{e, static_cast<const char*>(a.ptr) + i * e->size, a.readOnly};
        Value y{e, static_cast<const char*>(b.ptr) + i * e->size, b.readOnly};
        if (int c = compareValues(x, y); c != 0) return c;
      }
      return 0;
    }
    case GOL_KIND_INTERFACE: {
      Value x = interfaceElem(a.type, static_cast<const GolIface*>(a.ptr), a.readOnly);
      Value y = interfaceElem(b.type, static_cast<const GolIface*>(b.ptr), b.readOnly);
      if (!x.valid()) return y.valid() ? -1 : 0;
      if (!y.valid()) return 1;
      if (int c = cmp3(uintptr_t(x.type), uintptr_t(y.type)); c != 0) return c;
      return compareValues(x, y);
    }
    default:
      return -1;
  }
}

std::vector<MapEntry> sortedMapEntries(GolG* g, const GolType* maptype, GolMap* m, bool readOnly) {
  std::vector<MapEntry> entries;
  if (m == nullptr) return entries;
  entries.reserve(size_t(gol_maplen(m)));
  RootFrame<1> roots(g);
  auto* it = static_cast<GolMapIter*>(gol_alloc(g, &kIterType, 1));
  roots[0] = it;
  for (gol_mapiterinit(g, maptype, m, it); it->key != nullptr; gol_mapiternext(g, it))
    entries.push_back({Value{maptype->key, it->key, readOnly}, Value{maptype->elem, it->value, readOnly}});
  std_::goStableSort(
      int64_t(entries.size()),
      [&](int64_t i, int64_t j) { return compareValues(entries[size_t(i)].key, entries[size_t(j)].key) < 0; },
      [&](int64_t i, int64_t j) { std::swap(entries[size_t(i)], entries[size_t(j)]); });
  return entries;
}

}  // namespace gol::fmt
