// gostring.cpp — see gostring.h.
#include "stdlib/internal/gostring.h"

#include <cstring>

namespace gol::std_ {

const GolType kByteType = {
    .size = 1,
    .ptrdata = 0,
    .gcmask = nullptr,
    .hash = 0,
    .kind = GOL_KIND_UINT8,
    .align = 1,
    .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED,
    .string = {reinterpret_cast<const uint8_t*>("uint8"), 5},
    .pkgpath = {nullptr, 0},
    .elem = nullptr,
    .key = nullptr,
    .len = 0,
    .fields = nullptr,
    .nfields = 0,
    .nin = 0,
    .methods = nullptr,
    .nmethods = 0,
    .imethods = nullptr,
    .nimethods = 0,
    .ptrto = nullptr,
};

namespace {
const uint8_t kStringMask[] = {0x01};
}

const GolType kStringType = {
    .size = 16,
    .ptrdata = 8,
    .gcmask = kStringMask,
    .hash = 0,
    .kind = GOL_KIND_STRING,
    .align = 8,
    .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED,
    .string = {reinterpret_cast<const uint8_t*>("string"), 6},
    .pkgpath = {nullptr, 0},
    .elem = nullptr,
    .key = nullptr,
    .len = 0,
    .fields = nullptr,
    .nfields = 0,
    .nin = 0,
    .methods = nullptr,
    .nmethods = 0,
    .imethods = nullptr,
    .nimethods = 0,
    .ptrto = nullptr,
};

GolString newString(GolG* g, std::string_view s) {
  if (s.empty()) return {nullptr, 0};
  auto* p = static_cast<uint8_t*>(gol_alloc(g, &kByteType, int64_t(s.size())));
  memcpy(p, s.data(), s.size());
  return {p, int64_t(s.size())};
}

GolSlice newBytes(GolG* g, std::string_view s) {
  if (s.empty()) return {nullptr, 0, 0};
  auto* p = static_cast<uint8_t*>(gol_alloc(g, &kByteType, int64_t(s.size())));
  memcpy(p, s.data(), s.size());
  return {p, int64_t(s.size()), int64_t(s.size())};
}

}  // namespace gol::std_
