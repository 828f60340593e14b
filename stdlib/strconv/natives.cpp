// natives.cpp — strconv's native entry points: float formatting and
// parsing, integer digits, quoting. Argument checks that panic in Go (bad
// base, bad bitSize) are done by the gol wrappers in strconv.gol.
#include "stdlib/internal/gostring.h"
#include "stdlib/internal/symbols.h"
#include "stdlib/strconv/atof.h"
#include "stdlib/strconv/ftoa.h"
#include "stdlib/strconv/quote.h"

namespace {

using gol::std_::newString;
using gol::view;

struct FloatResult {
  double f;
  int64_t code;
};

struct UnquoteResult {
  GolString s;
  bool ok;
};

}  // namespace

extern "C" {

// formatFloat(f float64, fmt byte, prec, bitSize int) string
GolString gol_strconv_formatFloat(GolG* g, void*, double f, uint8_t fmt, int64_t prec, int64_t bitSize) {
  std::string out;
  gol::strconv::appendFloat(out, f, char(fmt), int(prec), int(bitSize));
  return newString(g, out);
}

// parseFloat(s string, bitSize int) (f float64, code int)
FloatResult gol_strconv_parseFloat(GolG*, void*, const uint8_t* p, int64_t n, int64_t bitSize) {
  gol::strconv::ParsedFloat r = gol::strconv::parseFloat(view(p, n), int(bitSize));
  return {r.value, int64_t(r.status)};
}

// formatBits(u uint64, base int, neg bool) string
GolString gol_strconv_formatBits(GolG* g, void*, uint64_t u, int64_t base, bool neg) {
  char buf[65];
  char* end = buf + sizeof buf;
  char* p = end;
  do {
    *--p = "0123456789abcdefghijklmnopqrstuvwxyz"[u % uint64_t(base)];
    u /= uint64_t(base);
  } while (u != 0);
  if (neg) *--p = '-';
  return newString(g, std::string_view(p, size_t(end - p)));
}

// quoteWith(s string, quote byte, asciiOnly, graphicOnly bool) string
GolString gol_strconv_quoteWith(GolG* g, void*, const uint8_t* p, int64_t n, uint8_t quote, bool ascii,
                                bool graphic) {
  std::string out;
  gol::strconv::appendQuotedWith(out, view(p, n), char(quote), ascii, graphic);
  return newString(g, out);
}

// quoteRuneWith(r rune, quote byte, asciiOnly, graphicOnly bool) string
GolString gol_strconv_quoteRuneWith(GolG* g, void*, int32_t r, uint8_t quote, bool ascii, bool graphic) {
  std::string out;
  gol::strconv::appendQuotedRuneWith(out, r, char(quote), ascii, graphic);
  return newString(g, out);
}

// unquote(s string) (string, bool)
UnquoteResult gol_strconv_unquote(GolG* g, void*, const uint8_t* p, int64_t n) {
  std::string out;
  if (!gol::strconv::unquote(view(p, n), out)) return {{nullptr, 0}, false};
  return {newString(g, out), true};
}

bool gol_strconv_CanBackquote(GolG*, void*, const uint8_t* p, int64_t n) {
  return gol::strconv::canBackquote(view(p, n));
}

bool gol_strconv_IsPrint(GolG*, void*, int32_t r) { return gol::strconv::isPrint(r); }

bool gol_strconv_IsGraphic(GolG*, void*, int32_t r) { return gol::strconv::isGraphic(r); }

}  // extern "C"

namespace gol::std_ {

Symbols strconvSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("strconv.CanBackquote", gol_strconv_CanBackquote),
      GOL_NATIVE("strconv.IsGraphic", gol_strconv_IsGraphic),
      GOL_NATIVE("strconv.IsPrint", gol_strconv_IsPrint),
      GOL_NATIVE("strconv.formatBits", gol_strconv_formatBits),
      GOL_NATIVE("strconv.formatFloat", gol_strconv_formatFloat),
      GOL_NATIVE("strconv.parseFloat", gol_strconv_parseFloat),
      GOL_NATIVE("strconv.quoteRuneWith", gol_strconv_quoteRuneWith),
      GOL_NATIVE("strconv.quoteWith", gol_strconv_quoteWith),
      GOL_NATIVE("strconv.unquote", gol_strconv_unquote),
  };
  return table;
}

}  // namespace gol::std_
