// Helpers for the memory, GC, map and panic tests: hand-built type
// descriptors and a goroutine constructed without the scheduler.
#pragma once

#include "gol/abi.h"
#include "runtime/runtime2.h"

namespace gol::rt::testing {

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

inline GolString lit(const char* s) {
  return GolString{reinterpret_cast<const uint8_t*>(s), int64_t(__builtin_strlen(s))};
}

inline const GolType kBytesType = {1, 0, nullptr, 1, GOL_KIND_UINT8, 1, GOL_TF_COMPARABLE,
                                   lit("uint8"), {}, nullptr, nullptr, 0, nullptr, 0, 0,
                                   nullptr, 0, nullptr, 0, nullptr};
inline const GolType kIntType = {8, 0, nullptr, 2, GOL_KIND_INT, 8, GOL_TF_COMPARABLE,
                                 lit("int"), {}, nullptr, nullptr, 0, nullptr, 0, 0,
                                 nullptr, 0, nullptr, 0, nullptr};
// struct { next *Node; val int }
inline const GolType kNodeType = {16, 8, kMaskP, 3, GOL_KIND_STRUCT, 8, GOL_TF_COMPARABLE,
                                  lit("main.Node"), lit("main"), nullptr, nullptr, 0, nullptr, 0, 0,
                                  nullptr, 0, nullptr, 0, nullptr};
// *T as an element: one pointer word
inline const GolType kPtrType = {8, 8, kMaskP, 4, GOL_KIND_POINTER, 8,
                                 GOL_TF_COMPARABLE | GOL_TF_DIRECT_IFACE, lit("*main.Node"), {},
                                 &kNodeType, nullptr, 0, nullptr, 0, 0, nullptr, 0, nullptr, 0,
                                 nullptr};

}  // namespace gol::rt::testing
