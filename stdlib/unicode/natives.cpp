// natives.cpp — unicode's classification and case functions over the
// generated tables (Go's Latin-1 fast paths give the same answers as the
// tables, so they are not repeated).
#include "stdlib/internal/symbols.h"
#include "stdlib/unicode/tables.h"

namespace u = gol::unicode;

extern "C" {

bool gol_unicode_IsLetter(GolG*, void*, int32_t r) { return u::is(u::kLetter, r); }
bool gol_unicode_IsDigit(GolG*, void*, int32_t r) { return u::is(u::kDigit, r); }
bool gol_unicode_IsNumber(GolG*, void*, int32_t r) { return u::is(u::kNumber, r); }
bool gol_unicode_IsUpper(GolG*, void*, int32_t r) { return u::is(u::kUpper, r); }
bool gol_unicode_IsLower(GolG*, void*, int32_t r) { return u::is(u::kLower, r); }
bool gol_unicode_IsTitle(GolG*, void*, int32_t r) { return u::is(u::kTitle, r); }
bool gol_unicode_IsPunct(GolG*, void*, int32_t r) { return u::is(u::kPunct, r); }
bool gol_unicode_IsSpace(GolG*, void*, int32_t r) { return u::is(u::kWhiteSpace, r); }
bool gol_unicode_IsMark(GolG*, void*, int32_t r) { return u::is(u::kMark, r); }
bool gol_unicode_IsSymbol(GolG*, void*, int32_t r) { return u::is(u::kSymbol, r); }
bool gol_unicode_IsControl(GolG*, void*, int32_t r) { return (0 <= r && r < 0x20) || (0x7F <= r && r < 0xA0); }

bool gol_unicode_IsPrint(GolG*, void*, int32_t r) {
  if (r == ' ') return true;
  return u::is(u::kLetter, r) || u::is(u::kMark, r) || u::is(u::kNumber, r) || u::is(u::kPunct, r) ||
         u::is(u::kSymbol, r);
}

bool gol_unicode_IsGraphic(GolG* g, void* ctx, int32_t r) {
  return gol_unicode_IsPrint(g, ctx, r) || u::is(u::kZs, r);
}

int32_t gol_unicode_To(GolG*, void*, int64_t c, int32_t r) { return u::to(int(c), r); }
int32_t gol_unicode_ToUpper(GolG*, void*, int32_t r) { return u::to(0, r); }
int32_t gol_unicode_ToLower(GolG*, void*, int32_t r) { return u::to(1, r); }
int32_t gol_unicode_ToTitle(GolG*, void*, int32_t r) { return u::to(2, r); }
int32_t gol_unicode_SimpleFold(GolG*, void*, int32_t r) { return u::simpleFold(r); }

}  // extern "C"

namespace gol::std_ {

Symbols unicodeSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("unicode.IsControl", gol_unicode_IsControl),
      GOL_NATIVE("unicode.IsDigit", gol_unicode_IsDigit),
      GOL_NATIVE("unicode.IsGraphic", gol_unicode_IsGraphic),
      GOL_NATIVE("unicode.IsLetter", gol_unicode_IsLetter),
      GOL_NATIVE("unicode.IsLower", gol_unicode_IsLower),
      GOL_NATIVE("unicode.IsMark", gol_unicode_IsMark),
      GOL_NATIVE("unicode.IsNumber", gol_unicode_IsNumber),
      GOL_NATIVE("unicode.IsPrint", gol_unicode_IsPrint),
      GOL_NATIVE("unicode.IsPunct", gol_unicode_IsPunct),
      GOL_NATIVE("unicode.IsSpace", gol_unicode_IsSpace),
      GOL_NATIVE("unicode.IsSymbol", gol_unicode_IsSymbol),
      GOL_NATIVE("unicode.IsTitle", gol_unicode_IsTitle),
      GOL_NATIVE("unicode.IsUpper", gol_unicode_IsUpper),
      GOL_NATIVE("unicode.SimpleFold", gol_unicode_SimpleFold),
      GOL_NATIVE("unicode.To", gol_unicode_To),
      GOL_NATIVE("unicode.ToLower", gol_unicode_ToLower),
      GOL_NATIVE("unicode.ToTitle", gol_unicode_ToTitle),
      GOL_NATIVE("unicode.ToUpper", gol_unicode_ToUpper),
  };
  return table;
}

}  // namespace gol::std_
