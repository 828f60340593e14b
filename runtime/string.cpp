// string.cpp — string operations of the language (Go's string.go and
// utf8.go): concatenation, comparison, conversions between strings, byte
// slices and rune slices, and UTF-8 decoding as for-range does it.
//
// Invariants
//  - Strings are immutable: an operation whose result equals one operand
//    returns that operand's bytes without copying; every other result is a
//    fresh noscan allocation.
//  - Decoding follows Go: an invalid or truncated sequence, an overlong form,
//    a surrogate or a value above U+10FFFF decodes as U+FFFD of width 1;
//    encoding an invalid rune writes U+FFFD.
//  - Callers root their operands: these functions allocate, and the bytes of
//    a string argument are reachable only through the caller's frame.
#include <cstring>

#include "runtime/malloc.h"
#include "runtime/typedesc.h"

namespace gol::rt {

namespace {

constexpr int32_t kRuneError = 0xFFFD;
constexpr int32_t kMaxRune = 0x10FFFF;

bool isSurrogate(int32_t r) { return r >= 0xD800 && r <= 0xDFFF; }

int encodedLen(int32_t r) {
  if (r < 0) return 3;
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (isSurrogate(r) || r > kMaxRune) return 3;
  return r < 0x10000 ? 3 : 4;
}

int encodeRune(uint8_t* p, int32_t r) {
  if (r < 0 || r > kMaxRune || isSurrogate(r)) r = kRuneError;
  if (r < 0x80) {
    p[0] = uint8_t(r);
    return 1;
  }
  if (r < 0x800) {
    p[0] = uint8_t(0xC0 | r >> 6);
    p[1] = uint8_t(0x80 | (r & 0x3F));
    return 2;
  }
  if (r < 0x10000) {
    p[0] = uint8_t(0xE0 | r >> 12);
    p[1] = uint8_t(0x80 | (r >> 6 & 0x3F));
    p[2] = uint8_t(0x80 | (r & 0x3F));
    return 3;
  }
  p[0] = uint8_t(0xF0 | r >> 18);
  p[1] = uint8_t(0x80 | (r >> 12 & 0x3F));
  p[2] = uint8_t(0x80 | (r >> 6 & 0x3F));
  p[3] = uint8_t(0x80 | (r & 0x3F));
  return 4;
}

bool isCont(uint8_t b) { return (b & 0xC0) == 0x80; }

// Decodes s[0:n) (n >= 1); *width receives the bytes consumed.
int32_t decodeRune(const uint8_t* s, int64_t n, int* width) {
  uint8_t b0 = s[0];
  *width = 1;
  if (b0 < 0x80) return b0;
  int need;
  int32_t r, min;
  if ((b0 & 0xE0) == 0xC0) {
    need = 1; r = b0 & 0x1F; min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    need = 2; r = b0 & 0x0F; min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    need = 3; r = b0 & 0x07; min = 0x10000;
  } else {
    return kRuneError;
  }
  if (n <= need) return kRuneError;
  for (int i = 1; i <= need; i++) {
    if (!isCont(s[i])) return kRuneError;
    r = r << 6 | (s[i] & 0x3F);
  }
  if (r < min || r > kMaxRune || isSurrogate(r)) return kRuneError;
  *width = need + 1;
  return r;
}

uint8_t* allocBytes(GolG* g, int64_t n) { return static_cast<uint8_t*>(gol_alloc(g, &kUint8Type, n)); }

}  // namespace

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

GolString gol_concat(GolG* g, const GolString* parts, int64_t n) {
  int64_t total = 0, nonEmpty = 0, last = 0;
  for (int64_t i = 0; i < n; i++) {
    if (parts[i].len == 0) continue;
    if (__builtin_add_overflow(total, parts[i].len, &total)) gol_panic_msg(g, "string concatenation too long");
    nonEmpty++;
    last = i;
  }
  if (nonEmpty == 0) return GolString{nullptr, 0};
  if (nonEmpty == 1) return parts[last];
  uint8_t* buf = allocBytes(g, total);
  int64_t off = 0;
  for (int64_t i = 0; i < n; i++) {
    std::memcpy(buf + off, parts[i].ptr, size_t(parts[i].len));
    off += parts[i].len;
  }
  return GolString{buf, total};
}

int64_t gol_strcmp(const uint8_t* a, int64_t alen, const uint8_t* b, int64_t blen) {
  int64_t n = alen < blen ? alen : blen;
  int c = n ? std::memcmp(a, b, size_t(n)) : 0;
  if (c) return c < 0 ? -1 : 1;
  return alen < blen ? -1 : alen > blen ? 1 : 0;
}

GolString gol_bytes_to_string(GolG* g, const uint8_t* p, int64_t n) {
  if (n == 0) return GolString{nullptr, 0};
  uint8_t* buf = allocBytes(g, n);
  std::memcpy(buf, p, size_t(n));
  return GolString{buf, n};
}

GolSlice gol_string_to_bytes(GolG* g, const uint8_t* p, int64_t n) {
  int64_t cap = int64_t(roundupsize(uintptr_t(n)));
  uint8_t* buf = allocBytes(g, cap);
  std::memcpy(buf, p, size_t(n));
  return GolSlice{buf, n, cap};
}

GolSlice gol_string_to_runes(GolG* g, const uint8_t* p, int64_t n) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; count++) {
    int w;
    decodeRune(p + i, n - i, &w);
    i += w;
  }
  int64_t cap = int64_t(roundupsize(uintptr_t(count) * 4) / 4);
  auto* runes = static_cast<int32_t*>(gol_alloc(g, &typeInt32, cap));
  int64_t k = 0;
  for (int64_t i = 0; i < n; k++) {
    int w;
    runes[k] = decodeRune(p + i, n - i, &w);
    i += w;
  }
  return GolSlice{runes, count, cap};
}

GolString gol_runes_to_string(GolG* g, const int32_t* p, int64_t n) {
  int64_t total = 0;
  for (int64_t i = 0; i < n; i++) total += encodedLen(p[i]);
  if (total == 0) return GolString{nullptr, 0};
  uint8_t* buf = allocBytes(g, total);
  int64_t off = 0;
  for (int64_t i = 0; i < n; i++) off += encodeRune(buf + off, p[i]);
  return GolString{buf, total};
}

GolString gol_rune_to_string(GolG* g, int32_t r) {
  uint8_t tmp[4];
  int n = encodeRune(tmp, r);
  uint8_t* buf = allocBytes(g, n);
  std::memcpy(buf, tmp, size_t(n));
  return GolString{buf, n};
}

void gol_decoderune(const uint8_t* p, int64_t n, int64_t i, int64_t* out) {
  int w;
  out[0] = decodeRune(p + i, n - i, &w);
  out[1] = w;
}

}  // extern "C"
