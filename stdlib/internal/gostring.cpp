// gostring.cpp — see gostring.h.
#include "stdlib/internal/gostring.h"

#include <cstring>

namespace gol::std_ {

GolString newString(GolG* g, std::string_view s) {
  if (s.empty()) return {nullptr, 0};
  auto* p = static_cast<uint8_t*>(gol_alloc(g, &kUint8Type, int64_t(s.size())));
  memcpy(p, s.data(), s.size());
  return {p, int64_t(s.size())};
}

GolSlice newBytes(GolG* g, std::string_view s) {
  if (s.empty()) return {nullptr, 0, 0};
  auto* p = static_cast<uint8_t*>(gol_alloc(g, &kUint8Type, int64_t(s.size())));
  memcpy(p, s.data(), s.size());
  return {p, int64_t(s.size()), int64_t(s.size())};
}

}  // namespace gol::std_
