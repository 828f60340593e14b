// typedesc.h — what the runtime does with type descriptors: equality and
// hashing of any comparable value by its GolType (Go's alg.go), type
// identity, and the descriptors the runtime itself needs (basic types, the
// method types of its error values, map bucket arrays).
//
// Invariants
//  - Equality follows the language: floats compare as IEEE values (NaN != NaN,
//    +0 == -0), strings by content, interfaces by dynamic type then value,
//    structs field by field ignoring blank fields and padding, arrays element
//    by element. Comparing or hashing an uncomparable dynamic type panics with
//    Go's runtime error text.
//  - hash(x) == hash(y) whenever equal(x, y); NaN hashes randomly, so every
//    NaN key is a new map entry, as in Go.
//  - Descriptors built here are immutable once published and never freed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gol/abi.h"
#include "runtime/runtime2.h"

namespace gol::rt {

inline GolString golStr(std::string_view s) {
  return GolString{reinterpret_cast<const uint8_t*>(s.data()), int64_t(s.size())};
}
inline std::string_view view(GolString s) {
  return std::string_view(reinterpret_cast<const char*>(s.ptr), size_t(s.len));
}

// Descriptors owned by the runtime.
extern const GolType typeString;
extern const GolType typeUint8;
extern const GolType typeInt32;
extern const GolType typeFuncVoid;       // func()
extern const GolType typeFuncString;     // func() string

// Same type? Pointer identity for compiler-emitted descriptors; unnamed
// types built separately (the runtime's own func types) compare by spelling.
bool typesIdentical(const GolType* a, const GolType* b);

// The element type of an interface value's tab for interface type t.
inline const GolType* ifaceDynamicType(const GolType* ifaceType, const void* tab) {
  if (!tab) return nullptr;
  if (ifaceType->nimethods == 0) return static_cast<const GolType*>(tab);
  return static_cast<const GolItab*>(tab)->type;
}
inline bool isDirectIface(const GolType* t) { return t->flags & GOL_TF_DIRECT_IFACE; }

bool valuesEqual(G* gp, const GolType* t, const void* x, const void* y);
uint64_t valueHash(G* gp, const GolType* t, const void* p, uint64_t seed);
// Equality of two interface payloads of the same dynamic type t.
bool ifaceDataEqual(G* gp, const GolType* t, void* x, void* y);

uint64_t memhash(const void* p, size_t n, uint64_t seed);
constexpr uint32_t fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ uint8_t(c)) * 16777619u;
  return h;
}
uint64_t fastrand64();

// Looks up a method of t's method set by name (exported names only).
const GolMethod* findMethod(const GolType* t, std::string_view name);

}  // namespace gol::rt
