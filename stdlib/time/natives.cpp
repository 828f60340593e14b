// natives.cpp — time's system calls: the environment ($TZ, $ZONEINFO) and
// zone files, read here because time cannot import os (see
// stdlib/internal/sys.h). The clocks and timers are the runtime's natives
// (runtime/time_api.h).
#include "stdlib/internal/gostring.h"
#include "stdlib/internal/symbols.h"
#include "stdlib/internal/sys.h"

namespace {

using gol::view;

struct StringBool {
  GolString s;
  bool ok;
};

struct BytesErrno {
  GolSlice data;
  int64_t errno_;
};

}  // namespace

extern "C" {

StringBool gol_time_getenv(GolG* g, void*, const uint8_t* p, int64_t n) {
  std::optional<std::string> v = gol::std_::lookupEnv(view(p, n));
  if (!v) return {{nullptr, 0}, false};
  return {gol::std_::newString(g, *v), true};
}

// At most max + 1 bytes, so that the caller can tell a file above its limit.
BytesErrno gol_time_sysReadFile(GolG* g, void*, const uint8_t* p, int64_t n, int64_t max) {
  std::string data;
  if (int e = gol::std_::readWholeFile(view(p, n), max + 1, &data)) return {{nullptr, 0, 0}, e};
  return {gol::std_::newBytes(g, data), 0};
}

GolString gol_time_errnoText(GolG* g, void*, int64_t e) { return gol::std_::newString(g, gol::std_::errnoText(int(e))); }

}  // extern "C"

namespace gol::std_ {

Symbols timeSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("time.errnoText", gol_time_errnoText),
      GOL_NATIVE("time.getenv", gol_time_getenv),
      GOL_NATIVE("time.sysReadFile", gol_time_sysReadFile),
  };
  return table;
}

}  // namespace gol::std_
