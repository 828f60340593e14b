// utf8.h — UTF-8 decoding and encoding for the stdlib's C++ natives, with Go's
// exact rules: an invalid or short sequence decodes as (RuneError, 1),
// surrogates and runes above MaxRune are invalid, encoding an invalid rune
// writes RuneError.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gol::utf8 {

constexpr int32_t RuneError = 0xFFFD;
constexpr int32_t RuneSelf = 0x80;
constexpr int32_t MaxRune = 0x10FFFF;
constexpr int UTFMax = 4;

struct Decoded {
  int32_t rune;
  int size;
};

inline bool validRune(int32_t r) {
  return (0 <= r && r < 0xD800) || (0xDFFF < r && r <= MaxRune);
}

// Decodes the first rune of s; (RuneError, 0) for an empty s.
inline Decoded decodeRune(std::string_view s) {
  size_t n = s.size();
  if (n == 0) return {RuneError, 0};
  uint8_t c0 = uint8_t(s[0]);
  if (c0 < 0x80) return {c0, 1};
  int need;
  int32_t r;
  uint8_t lo = 0x80, hi = 0xBF;
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    need = 1;
    r = c0 & 0x1F;
  } else if (c0 >= 0xE0 && c0 <= 0xEF) {
    need = 2;
    r = c0 & 0x0F;
    if (c0 == 0xE0) lo = 0xA0;
    if (c0 == 0xED) hi = 0x9F;
  } else if (c0 >= 0xF0 && c0 <= 0xF4) {
    need = 3;
    r = c0 & 0x07;
    if (c0 == 0xF0) lo = 0x90;
    if (c0 == 0xF4) hi = 0x8F;
  } else {
    return {RuneError, 1};
  }
  if (n < size_t(need) + 1) return {RuneError, 1};
  uint8_t c1 = uint8_t(s[1]);
  if (c1 < lo || c1 > hi) return {RuneError, 1};
  r = (r << 6) | (c1 & 0x3F);
  for (int i = 2; i <= need; i++) {
    uint8_t c = uint8_t(s[i]);
    if (c < 0x80 || c > 0xBF) return {RuneError, 1};
    r = (r << 6) | (c & 0x3F);
  }
  return {r, need + 1};
}

// Writes the encoding of r to p (room for UTFMax bytes); returns its length.
inline int encodeRune(uint8_t* p, int32_t r) {
  if (uint32_t(r) < 0x80) {
    p[0] = uint8_t(r);
    return 1;
  }
  if (uint32_t(r) < 0x800) {
    p[0] = uint8_t(0xC0 | (r >> 6));
    p[1] = uint8_t(0x80 | (r & 0x3F));
    return 2;
  }
  if (!validRune(r)) r = RuneError;
  if (r < 0x10000) {
    p[0] = uint8_t(0xE0 | (r >> 12));
    p[1] = uint8_t(0x80 | ((r >> 6) & 0x3F));
    p[2] = uint8_t(0x80 | (r & 0x3F));
    return 3;
  }
  p[0] = uint8_t(0xF0 | (r >> 18));
  p[1] = uint8_t(0x80 | ((r >> 12) & 0x3F));
  p[2] = uint8_t(0x80 | ((r >> 6) & 0x3F));
  p[3] = uint8_t(0x80 | (r & 0x3F));
  return 4;
}

inline void appendRune(std::string& out, int32_t r) {
  uint8_t tmp[UTFMax];
  int n = encodeRune(tmp, r);
  out.append(reinterpret_cast<const char*>(tmp), size_t(n));
}

inline int64_t runeCount(std::string_view s) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size(); n++) {
    if (uint8_t(s[i]) < RuneSelf) {
      i++;
      continue;
    }
    i += size_t(decodeRune(s.substr(i)).size);
  }
  return n;
}

}  // namespace gol::utf8
