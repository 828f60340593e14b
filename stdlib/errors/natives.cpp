// natives.cpp — errors' reflective helpers: comparability of a dynamic type
// and As's "is err assignable to *target, and store it".
#include <cstring>

#include "stdlib/internal/symbols.h"

namespace {

const GolType* dynamicType(const GolIface& e, bool emptyIface) {
  if (e.tab == nullptr) return nullptr;
  return emptyIface ? static_cast<const GolType*>(e.tab) : static_cast<const GolItab*>(e.tab)->type;
}

bool implementsError(const GolType* t) {
  for (int64_t i = 0; i < t->nmethods; i++) {
    const GolMethod& m = t->methods[i];
    if (m.name.len == 5 && memcmp(m.name.ptr, "Error", 5) == 0 && m.pkgpath.len == 0) {
      const GolType* ft = m.mtype;
      return ft->nin == 0 && ft->nfields == 1 && ft->fields[0].type->kind == GOL_KIND_STRING;
    }
  }
  return false;
}

}  // namespace

extern "C" {

// errors.comparable(err error) bool
bool gol_errors_comparable(GolG*, void*, const void* tab, void* data) {
  const GolType* t = dynamicType(GolIface{tab, data}, false);
  return t != nullptr && (t->flags & GOL_TF_COMPARABLE) != 0;
}

// errors.checkTarget(target any) int
int64_t gol_errors_checkTarget(GolG*, void*, const void* tab, void* data) {
  auto* t = static_cast<const GolType*>(tab);
  if (t == nullptr || t->kind != GOL_KIND_POINTER || data == nullptr) return 1;
  const GolType* elem = t->elem;
  if (elem->kind != GOL_KIND_INTERFACE && !implementsError(elem)) return 2;
  return 0;
}

// errors.assignTo(err error, target any) bool
bool gol_errors_assignTo(GolG* g, void*, const void* etab, void* edata, const void* ttab, void* tdata) {
  const GolType* dyn = dynamicType(GolIface{etab, edata}, false);
  const GolType* want = static_cast<const GolType*>(ttab)->elem;
  if (dyn == nullptr) return false;
  if (want->kind == GOL_KIND_INTERFACE) {
    const void* tab = dyn;
    if (want->nimethods != 0) {
      tab = gol_getitab(g, want, dyn, 1);
      if (tab == nullptr) return false;
    }
    *static_cast<GolIface*>(tdata) = GolIface{tab, edata};
    return true;
  }
  if (dyn != want) return false;
  if (want->flags & GOL_TF_DIRECT_IFACE)
    *static_cast<void**>(tdata) = edata;
  else
    memcpy(tdata, edata, size_t(want->size));
  return true;
}

}  // extern "C"

namespace gol::std_ {

Symbols errorsSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("errors.assignTo", gol_errors_assignTo),
      GOL_NATIVE("errors.checkTarget", gol_errors_checkTarget),
      GOL_NATIVE("errors.comparable", gol_errors_comparable),
  };
  return table;
}

}  // namespace gol::std_
