// Helpers for the memory, GC, map and panic tests: hand-built type
// descriptors and a goroutine constructed without the scheduler.
#pragma once

#include "gol/abi.h"
#include "gol/cxx.h"
#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/runtime2.h"

namespace gol::rt::testing {

using gol::kStringType;
using gol::RootFrame;
using gol::fnv1a;
using gol::view;

inline const uint8_t kMaskP[1] = {1};          // first word is a pointer
inline const uint8_t kMaskPP[1] = {3};

// A goroutine header for driving the runtime from a test thread.
struct TestG : G {
  TestG() {
    stackguard = 0;
    frame = nullptr;
    goid = 1;
  }
};

// True while p points into an allocated heap object.
inline bool isLive(const void* p) {
  Span* s;
  uint32_t i;
  return findObject(uintptr_t(p), &s, &i) != 0;
}

// A full collection with g's shadow stack as the only goroutine roots.
inline void collect(TestG& g) {
  G* gs[1] = {&g};
  gcCollectGoroutines(gs, 1);
}

inline GolString lit(const char* s) {
  return GolString{reinterpret_cast<const uint8_t*>(s), int64_t(__builtin_strlen(s))};
}

inline const GolType kBytesType = {1, 0, nullptr, 1, GOL_KIND_UINT8, 1, GOL_TF_COMPARABLE,
                                   lit("uint8"), {}, nullptr, nullptr, 0, nullptr, 0, 0,
                                   nullptr, 0, nullptr, 0};
inline const GolType kIntType = {8, 0, nullptr, 2, GOL_KIND_INT, 8, GOL_TF_COMPARABLE,
                                 lit("int"), {}, nullptr, nullptr, 0, nullptr, 0, 0,
                                 nullptr, 0, nullptr, 0};
// struct { next *Node; val int }
inline const GolType kNodeType = {16, 8, kMaskP, 3, GOL_KIND_STRUCT, 8, GOL_TF_COMPARABLE,
                                  lit("main.Node"), lit("main"), nullptr, nullptr, 0, nullptr, 0, 0,
                                  nullptr, 0, nullptr, 0};
// *T as an element: one pointer word
inline const GolType kPtrType = {8, 8, kMaskP, 4, GOL_KIND_POINTER, 8,
                                 GOL_TF_COMPARABLE | GOL_TF_DIRECT_IFACE, lit("*main.Node"), {},
                                 &kNodeType, nullptr, 0, nullptr, 0, 0, nullptr, 0, nullptr, 0};

}  // namespace gol::rt::testing

namespace gol::rt::testing {

inline const GolType kFloatType = {8, 0, nullptr, 6, GOL_KIND_FLOAT64, 8, GOL_TF_COMPARABLE,
                                   lit("float64"), {}, nullptr, nullptr, 0, nullptr, 0, 0,
                                   nullptr, 0, nullptr, 0};
inline const uint8_t kMaskIface[1] = {2};   // tab is static, data may be heap
inline const GolType kAnyType = {16, 16, kMaskIface, 7, GOL_KIND_INTERFACE, 8, GOL_TF_COMPARABLE,
                                 lit("interface {}"), {}, nullptr, nullptr, 0, nullptr, 0, 0,
                                 nullptr, 0, nullptr, 0};
inline const GolType kIntSliceType = {24, 8, kMaskP, 8, GOL_KIND_SLICE, 8, 0, lit("[]int"), {},
                                      &kIntType, nullptr, 0, nullptr, 0, 0, nullptr, 0, nullptr, 0};

inline GolType mapType(const GolType* key, const GolType* value) {
  return GolType{8, 8, kMaskP, 9, GOL_KIND_MAP, 8, GOL_TF_DIRECT_IFACE, lit("map"), {}, value,
                 key, 0, nullptr, 0, 0, nullptr, 0, nullptr, 0};
}

}  // namespace gol::rt::testing
