// lookup.cpp — field and method lookup through embedding, and interface
// satisfaction (go/types lookup.go).
//
// Invariants: lookup is breadth-first by embedding depth; a name found more
// than once at the shallowest depth is ambiguous; each Named type is visited
// once, so recursive embedding (type T struct{ *T }) terminates.
#include <algorithm>
#include <set>

#include "lang/types.h"

namespace gol::types {
namespace {

struct Embedded {
  Type* type;
  std::vector<int> index;
  bool indirect;
};

bool sameName(const Object* obj, const Package* pkg, const std::string& name) {
  if (obj->name != name) return false;
  if (obj->exported()) return true;
  return obj->pkg == pkg || !obj->pkg || !pkg;
}

Type* derefType(Type* t, bool& isPtr) {
  if (auto* p = as<Pointer>(t)) {
    isPtr = true;
    return p->elem;
  }
  isPtr = false;
  return t;
}

bool hasPtrRecv(const Func* f) {
  const Signature* s = f->signature();
  return s->recv && s->recv->type->kind == TypeKind::Pointer;
}

}  // namespace

LookupResult lookupFieldOrMethod(Type* T, bool addressable, const Package* pkg, const std::string& name) {
  LookupResult res;
  if (name == "_") return res;
  // x.f for x of a defined pointer type is (*x).f for fields (not methods)
  if (auto* n = as<Named>(T); n && n->under && n->under->kind == TypeKind::Pointer) {
    LookupResult r = lookupFieldOrMethod(n->under, false, pkg, name);
    if (r.obj && r.obj->kind == ObjKind::Var) return r;
    return res;
  }
  bool isPtr = false;
  Type* typ = derefType(T, isPtr);
  // *I for an interface I, or a pointer to a pointer, has no methods or fields.
  if (isPtr && (isInterface(typ) || typ->underlying()->kind == TypeKind::Pointer)) return res;

  std::vector<Embedded> current{{typ, {}, isPtr}};
  std::set<const Named*> seen;
  while (!current.empty()) {
    std::vector<Embedded> next;
    int count = 0;
    for (Embedded& e : current) {
      Type* t = e.type;
      if (auto* n = as<Named>(t)) {
        if (seen.count(n)) continue;
        seen.insert(n);
        bool found = false;
        for (size_t i = 0; i < n->methods.size() && !found; i++) {
          if (sameName(n->methods[i], pkg, name)) {
            count++;
            found = true;
            res.obj = n->methods[i];
            res.index = e.index;
            res.index.push_back(int(i));
            res.indirect = e.indirect;
          }
        }
        if (found || !n->under) continue;
        t = n->under;
      }
      if (auto* s = as<Struct>(t)) {
        for (size_t i = 0; i < s->fields.size(); i++) {
          Var* f = s->fields[i];
          if (sameName(f, pkg, name)) {
            count++;
            res.obj = f;
            res.index = e.index;
            res.index.push_back(int(i));
            res.indirect = e.indirect;
            continue;
          }
          if (f->embedded) {
            bool p = false;
            Type* ft = derefType(f->type, p);
            std::vector<int> idx = e.index;
            idx.push_back(int(i));
            next.push_back({ft, std::move(idx), e.indirect || p});
          }
        }
      } else if (auto* it = as<Interface>(t)) {
        for (size_t i = 0; i < it->allMethods.size(); i++) {
          if (sameName(it->allMethods[i], pkg, name)) {
            count++;
            res.obj = it->allMethods[i];
            res.index = e.index;
            res.index.push_back(int(i));
            res.indirect = e.indirect;
          }
        }
      }
    }
    if (count > 1) {
      LookupResult amb;
      amb.ambiguous = true;
      return amb;
    }
    if (count == 1) {
      if (auto* f = dynamic_cast<Func*>(res.obj); f && hasPtrRecv(f) && !res.indirect && !addressable) {
        res.needsAddr = true;
      }
      return res;
    }
    // drop duplicate embedded types at the same depth (they would be ambiguous
    // only if they provided the name, which they did not)
    current = std::move(next);
  }
  return LookupResult{};
}

Func* missingMethod(Type* V, Interface* iface, bool* wrongType, Func** have) {
  *wrongType = false;
  if (have) *have = nullptr;
  if (auto* vi = as<Interface>(V->underlying())) {
    for (Func* m : iface->allMethods) {
      auto it = std::find_if(vi->allMethods.begin(), vi->allMethods.end(), [&](Func* f) { return f->id() == m->id(); });
      if (it == vi->allMethods.end()) return m;
      if (!identical((*it)->type, m->type)) {
        *wrongType = true;
        if (have) *have = *it;
        return m;
      }
    }
    return nullptr;
  }
  for (Func* m : iface->allMethods) {
    LookupResult r = lookupFieldOrMethod(V, false, m->pkg, m->name);
    auto* f = r.obj && r.obj->kind == ObjKind::Func ? static_cast<Func*>(r.obj) : nullptr;
    if (!f) return m;
    if (!identical(f->type, m->type)) {
      *wrongType = true;
      if (have) *have = f;
      return m;
    }
    if (r.needsAddr) {
      *wrongType = true;
      if (have) *have = f;
      return m;
    }
  }
  return nullptr;
}

}  // namespace gol::types
