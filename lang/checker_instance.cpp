// checker_instance.cpp — the one generic type of the std library that gol
// instantiates: sync/atomic.Pointer[T]. (Generic declarations of package
// main are instantiated by lang/checker_generics.cpp; std's are not.)
//
// Invariants
//  - atomic.Pointer[T] for identical T is one Named type per program, kept
//    by package sync/atomic, spelled "Pointer[T]" as Go's %T prints it.
//  - Its layout is Go's minus unsafe.Pointer: struct{ _ [0]*T; _ noCopy;
//    v *T }, so the pointer sits at offset 0 and the collector sees it.
//  - Only a sync/atomic that declares the generic Pointer (the real one)
//    gets instances.
//  - Its methods (Load, Store, Swap, CompareAndSwap) are intrinsics: the code
//    generator lowers them to atomic instructions (compiler/cg_atomic.cpp).
#include "lang/checker_internal.h"

namespace gol {

using namespace types;

namespace {

Var* param(Store& store, Package* pkg, const std::string& name, Type* t) {
  return store.newObject<Var>(Pos{}, pkg, name, t, VarKind::Param);
}

}  // namespace

Type* Checker::atomicPointerInstance(ast::IndexExpr* e) {
  auto* sel = ast::dynCast<ast::SelectorExpr>(e->x);
  auto* pkgId = sel ? ast::dynCast<ast::Ident>(sel->x) : nullptr;
  if (!pkgId || sel->sel->name != "Pointer") return nullptr;
  auto* pn = asObj<PkgName>(lookup(pkgId->name));
  if (!pn || pn->imported->path != "sync/atomic" || !pn->imported->genericNames.count("Pointer")) return nullptr;
  info_.uses[pkgId] = pn;
  pn->used = true;
  Package* atomic = pn->imported;
  Type* elem = typExpr(e->index);
  if (elem == store_.invalid()) return elem;
  for (auto& [t, named] : atomic->instances)
    if (identical(t, elem)) return named;

  auto* obj = store_.newObject<TypeName>(Pos{}, atomic, "Pointer[" + typeString(elem) + "]", nullptr);
  auto* named = store_.newType<Named>();
  named->obj = obj;
  obj->type = named;
  auto* ptrT = store_.newType<Pointer>(elem);
  auto* st = store_.newType<Struct>();
  st->fields.push_back(store_.newObject<Var>(Pos{}, atomic, "_", store_.newType<Array>(ptrT, 0), VarKind::Field));
  if (Object* noCopy = atomic->scope->lookup("noCopy"))
    st->fields.push_back(store_.newObject<Var>(Pos{}, atomic, "_", noCopy->type, VarKind::Field));
  st->fields.push_back(store_.newObject<Var>(Pos{}, atomic, "v", ptrT, VarKind::Field));
  st->tags.assign(st->fields.size(), "");
  named->under = st;

  auto method = [&](const std::string& name, std::vector<Var*> params, std::vector<Var*> results) {
    auto* sig = store_.newType<Signature>();
    sig->recv = param(store_, atomic, "x", store_.newType<Pointer>(named));
    sig->params = static_cast<Tuple*>(store_.newTupleOf(std::move(params)));
    sig->results = static_cast<Tuple*>(store_.newTupleOf(std::move(results)));
    auto* f = store_.newObject<Func>(Pos{}, atomic, name, sig);
    f->intrinsic = true;
    named->methods.push_back(f);
  };
  Type* boolT = store_.basic(BasicKind::Bool);
  method("CompareAndSwap", {param(store_, atomic, "old", ptrT), param(store_, atomic, "new", ptrT)},
         {param(store_, atomic, "swapped", boolT)});
  method("Load", {}, {param(store_, atomic, "", ptrT)});
  method("Store", {param(store_, atomic, "val", ptrT)}, {});
  method("Swap", {param(store_, atomic, "new", ptrT)}, {param(store_, atomic, "old", ptrT)});
  atomic->instances.push_back({elem, named});
  return named;
}

}  // namespace gol
