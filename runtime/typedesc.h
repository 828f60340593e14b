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
#include "gol/cxx.h"
#include "runtime/runtime2.h"

namespace gol::rt {

// The string helpers of gol/cxx.h, also for code that uses namespace gol::rt.
using gol::fnv1a;
using gol::golStr;
using gol::view;

// Descriptors owned by the runtime (string and uint8: gol/cxx.h).
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

// Hashing and comparing bytes, inline so that map fast paths and fixed-size
// keys compile to straight-line code. memhash is wyhash's construction:
// 64x64->128-bit multiply-and-fold rounds keyed by the seed, reading short
// inputs with a few overlapping loads.
namespace hashing {
constexpr uint64_t kK0 = 0xa0761d6478bd642full, kK1 = 0xe7037ed1a0b428dbull;
inline uint64_t mix(uint64_t a, uint64_t b) {
  __uint128_t r = static_cast<__uint128_t>(a) * b;
  return uint64_t(r) ^ uint64_t(r >> 64);
}
inline uint64_t read8(const uint8_t* p) {
  uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}
inline uint64_t read4(const uint8_t* p) {
  uint32_t v;
  __builtin_memcpy(&v, p, 4);
  return v;
}
}  // namespace hashing

inline uint64_t memhash(const void* data, size_t n, uint64_t seed) {
  using namespace hashing;
  auto* p = static_cast<const uint8_t*>(data);
  uint64_t a = 0, b = 0;
  if (n > 16) {
    size_t i = n;
    for (; i > 16; i -= 16, p += 16) seed = mix(read8(p) ^ kK1, read8(p + 8) ^ seed);
    a = read8(p + i - 16);
    b = read8(p + i - 8);
  } else if (n >= 4) {
    size_t mid = (n >> 3) << 2;   // 0 below 8 bytes, else 4
    a = read4(p) << 32 | read4(p + mid);
    b = read4(p + n - 4) << 32 | read4(p + n - 4 - mid);
  } else if (n > 0) {
    a = uint64_t(p[0]) << 16 | uint64_t(p[n >> 1]) << 8 | p[n - 1];
  }
  __uint128_t r = static_cast<__uint128_t>(a ^ kK1) * (b ^ seed);
  return mix(uint64_t(r) ^ kK0 ^ n, uint64_t(r >> 64) ^ kK1);
}

inline uint64_t strhash(GolString s, uint64_t seed) { return memhash(s.ptr, size_t(s.len), seed); }

inline bool memEqual(const uint8_t* a, const uint8_t* b, size_t n) {
  using hashing::read4, hashing::read8;
  if (n >= 8 && n <= 16) return ((read8(a) ^ read8(b)) | (read8(a + n - 8) ^ read8(b + n - 8))) == 0;
  if (n >= 4 && n < 8) return ((read4(a) ^ read4(b)) | (read4(a + n - 4) ^ read4(b + n - 4))) == 0;
  if (n < 4) {
    for (size_t i = 0; i < n; i++)
      if (a[i] != b[i]) return false;
    return true;
  }
  return __builtin_memcmp(a, b, n) == 0;
}

inline bool strEqual(GolString a, GolString b) {
  return a.len == b.len && (a.ptr == b.ptr || memEqual(a.ptr, b.ptr, size_t(a.len)));
}

uint64_t fastrand64();

// Looks up a method of t's method set by name (exported names only).
const GolMethod* findMethod(const GolType* t, std::string_view name);

}  // namespace gol::rt
