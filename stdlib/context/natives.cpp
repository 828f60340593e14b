// natives.cpp — the two questions context asks about a dynamic type, which
// Go's context answers with internal/reflectlite: its name, and whether it
// supports ==.
//
// Both read the type descriptor of an `any` (its tab word); the name is the
// descriptor's own %T string, a constant, so returning it allocates nothing.
// The package never passes nil (it rejects nil parents and keys first); a
// nil would be named "<nil>", as %T names it, and be incomparable.
#include "stdlib/internal/symbols.h"

namespace {

const GolString kNilName = {reinterpret_cast<const uint8_t*>("<nil>"), 5};

}  // namespace

extern "C" {

// context.typeString(v any) string
GolString gol_context_typeString(GolG*, void*, const void* tab, void*) {
  if (tab == nullptr) return kNilName;
  return static_cast<const GolType*>(tab)->string;
}

// context.comparable(v any) bool
bool gol_context_comparable(GolG*, void*, const void* tab, void*) {
  return tab != nullptr && (static_cast<const GolType*>(tab)->flags & GOL_TF_COMPARABLE) != 0;
}

}  // extern "C"

namespace gol::std_ {

Symbols contextSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("context.comparable", gol_context_comparable),
      GOL_NATIVE("context.typeString", gol_context_typeString),
  };
  return table;
}

}  // namespace gol::std_
