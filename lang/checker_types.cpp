// checker_types.cpp — type expressions: named types, composite types,
// function signatures, structs and interfaces (go/types typexpr.go,
// struct.go, interface.go, signature.go).
//
// Invariants: every type expression is recorded in Info with Mode::TypeExpr;
// an erroneous type expression yields the Invalid basic type (never null);
// interfaces are completed (allMethods) as soon as their embedded interfaces
// are known.
#include <algorithm>
#include <utility>

#include "lang/checker_internal.h"
#include "lang/lexer.h"

namespace gol {

Type* Checker::typExpr(ast::Expr* e) { return definedType(e, nullptr); }

Type* Checker::definedType(ast::Expr* e, Named* def) {
  DepthGuard g(*this, e->pos);
  if (g.tooDeep) return store_.invalid();
  Type* t = typInternal(e, def);
  recordType(e, Mode::TypeExpr, t);
  return t;
}

Type* Checker::typInternal(ast::Expr* e, Named* def) {
  switch (e->kind) {
    case ast::Kind::BadExpr: return store_.invalid();
    case ast::Kind::Ident:
    case ast::Kind::SelectorExpr: {
      Operand x;
      if (auto* id = ast::dynCast<ast::Ident>(e)) ident(x, id, true);
      else selector(x, ast::cast<ast::SelectorExpr>(e));
      switch (x.mode) {
        case Mode::TypeExpr:
          if (!def) constraintOnly(x.type, e);
          return x.type;
        case Mode::Invalid: return store_.invalid();
        case Mode::NoValue: error(e->pos, exprStr(e) + " used as type"); return store_.invalid();
        default: error(e->pos, operandStr(x) + " is not a type"); return store_.invalid();
      }
    }
    case ast::Kind::ParenExpr: return definedType(ast::cast<ast::ParenExpr>(e)->x, def);
    case ast::Kind::ArrayType: {
      auto* a = ast::cast<ast::ArrayType>(e);
      if (!a->len) return store_.newType<Slice>(typExpr(a->elt));
      if (ast::isa<ast::Ellipsis>(a->len)) {
        error(a->len->pos, "invalid use of [...] array (outside a composite literal)");
        typExpr(a->elt);
        return store_.invalid();
      }
      int64_t n = arrayLength(a->len);
      Type* elem = typExpr(a->elt);
      if (n < 0) return store_.invalid();
      auto* arr = store_.newType<Array>(elem, n);
      checkSizeLater(arr, sizePos_.valid() ? sizePos_ : e->pos);
      return arr;
    }
    case ast::Kind::Ellipsis:
      error(e->pos, "invalid use of ...");
      return store_.invalid();
    case ast::Kind::StructType: return structType(ast::cast<ast::StructType>(e));
    case ast::Kind::StarExpr: return store_.newType<Pointer>(typExpr(ast::cast<ast::StarExpr>(e)->x));
    case ast::Kind::FuncType: {
      Scope* s = store_.newScope(scope_, e->pos, "function type");
      info_.scopes[e] = s;
      return funcType(ast::cast<ast::FuncType>(e), nullptr, s);
    }
    case ast::Kind::InterfaceType: {
      Interface* it = interfaceType(ast::cast<ast::InterfaceType>(e), def);
      if (!def) constraintOnly(it, e);
      return it;
    }
    case ast::Kind::MapType: {
      auto* m = ast::cast<ast::MapType>(e);
      Type* k = typExpr(m->key);
      Type* v = typExpr(m->value);
      auto* mt = store_.newType<Map>(k, v);
      // the key may be a type still being declared: check comparability later
      later_.push_back([this, k, m] {
        if (k != store_.invalid() && !comparable(k)) error(m->key->pos, "invalid map key type " + typeStr(k));
      });
      return mt;
    }
    case ast::Kind::ChanType: {
      auto* c = ast::cast<ast::ChanType>(e);
      ChanDir d = c->dir == ast::ChanDir::Send ? ChanDir::SendOnly : c->dir == ast::ChanDir::Recv ? ChanDir::RecvOnly : ChanDir::SendRecv;
      auto* ch = store_.newType<Chan>(d, typExpr(c->value));
      checkSizeLater(ch, sizePos_.valid() ? sizePos_ : e->pos);
      return ch;
    }
    default: {
      Operand x;
      exprOrType(x, e);  // atomic.Pointer[T] (indexExpr) is a type
      if (x.mode == Mode::TypeExpr) return x.type;
      if (!x.invalid()) error(e->pos, operandStr(x) + " is not a type");
      return store_.invalid();
    }
  }
}

namespace {

// gc's model of amd64: no type may reach 2^50 bytes, and a channel element must be under 64 kB.
constexpr uint64_t kMaxTypeSize = uint64_t(1) << 50;
constexpr uint64_t kMaxChanElem = uint64_t(1) << 16;

struct SizeAlign {
  uint64_t size, align;
};

// Layout as gc computes it on amd64; sizes saturate at kMaxTypeSize, so nested huge arrays cannot wrap.
SizeAlign layout(const Type* t) {
  switch (t->kind) {
    case TypeKind::Named: return t->underlying() == t ? SizeAlign{0, 1} : layout(t->underlying());
    case TypeKind::Basic:
      switch (static_cast<const Basic*>(t)->bkind) {
        case BasicKind::Bool: case BasicKind::Int8: case BasicKind::Uint8: return {1, 1};
        case BasicKind::Int16: case BasicKind::Uint16: return {2, 2};
        case BasicKind::Int32: case BasicKind::Uint32: case BasicKind::Float32: return {4, 4};
        case BasicKind::Complex64: return {8, 4};
        case BasicKind::Complex128: return {16, 8};
        case BasicKind::String: return {16, 8};
        case BasicKind::Invalid: return {0, 1};
        default: return {8, 8};
      }
    case TypeKind::Slice: return {24, 8};
    case TypeKind::Interface: return {16, 8};
    case TypeKind::Array: {
      auto* a = static_cast<const Array*>(t);
      SizeAlign e = layout(a->elem);
      if (e.size == 0 || a->len <= 0) return {0, e.align};
      if (uint64_t(a->len) > (kMaxTypeSize - 1) / e.size) return {kMaxTypeSize, e.align};
      return {uint64_t(a->len) * e.size, e.align};
    }
    case TypeKind::Struct: {
      uint64_t off = 0, align = 1;
      for (const Var* f : static_cast<const Struct*>(t)->fields) {
        SizeAlign fl = layout(f->type);
        align = std::max(align, fl.align);
        off = std::min(kMaxTypeSize, (off + fl.align - 1) / fl.align * fl.align + fl.size);
      }
      return {std::min(kMaxTypeSize, (off + align - 1) / align * align), align};
    }
    default: return {8, 8};  // pointer, map, chan, func
  }
}

}  // namespace

void Checker::checkSizeLater(Type* t, Pos p) {
  later_.push_back([this, t, p] {
    if (auto* a = as<Array>(t)) {
      uint64_t w = layout(a->elem).size;
      if (w != 0 && w < kMaxTypeSize && a->len > 0 && uint64_t(a->len) > (kMaxTypeSize - 1) / w)
        error(p, "type " + typeStr(t) + " larger than address space");
    } else if (auto* c = as<Chan>(t); c && layout(c->elem).size >= kMaxChanElem) {
      error(p, "channel element type too large (>64kB)");
    }
  });
}

int64_t Checker::arrayLength(ast::Expr* e) {
  Operand x;
  expr(x, e);
  if (x.invalid()) return -1;
  if (x.mode != Mode::Constant) {
    if (auto* id = ast::dynCast<ast::Ident>(e)) error(e->pos, "invalid array length " + id->name);
    else error(e->pos, "array length " + exprStr(e) + " (value of type " + typeStr(x.type) + ") must be constant");
    return -1;
  }
  if (isUntyped(x.type) || isInteger(x.type)) {
    if (auto v = constant::toInt(x.val)) {
      if (auto n = v->toInt64(); n && *n >= 0) return *n;
    }
  }
  if (isInteger(x.type) || (isUntyped(x.type) && constant::toInt(x.val)))
    error(e->pos, "invalid array length " + operandStr(x));
  else
    error(e->pos, "array length " + operandStr(x) + " must be integer");
  return -1;
}

void Checker::collectParams(Scope* scope, ast::FieldList* list, bool variadicOk, VarKind kind, std::vector<Var*>& out,
                            bool& variadic) {
  if (!list) return;
  for (size_t i = 0; i < list->list.size(); i++) {
    ast::Field* f = list->list[i];
    ast::Expr* ftype = f->type;
    Type* t;
    if (auto* el = ast::dynCast<ast::Ellipsis>(ftype)) {
      bool last = i + 1 == list->list.size() && f->names.size() <= 1;
      t = typExpr(el->elt);
      if (variadicOk && last) {
        variadic = true;
        t = store_.newType<Slice>(t);
        recordType(ftype, Mode::TypeExpr, t);
      } else {
        error(el->pos, "can only use ... with final parameter in list");
      }
    } else {
      t = typExpr(ftype);
    }
    if (f->names.empty()) {
      out.push_back(store_.newObject<Var>(ftype->pos, pkg_, "", t, kind));
      continue;
    }
    for (ast::Ident* id : f->names) {
      auto* v = store_.newObject<Var>(id->pos, pkg_, id->name, t, kind);
      v->used = true;  // parameters are never "declared but not used"
      declare(scope, id, v);
      out.push_back(v);
    }
  }
}

Signature* Checker::funcType(ast::FuncType* ft, ast::FieldList* recv, Scope* scope) {
  auto* sig = store_.newType<Signature>();
  Scope* saved = scope_;
  scope_ = scope;
  std::vector<Var*> recvs, params, results;
  bool variadic = false, dummy = false;
  if (recv) {
    collectParams(scope, recv, false, VarKind::Param, recvs, dummy);
    if (!recvs.empty()) {
      Var* r = recvs[0];
      sig->recv = r;
      Type* rt = r->type;
      Type* base = rt;
      if (auto* p = as<Pointer>(rt)) base = p->elem;
      if (rt != store_.invalid() && base != store_.invalid()) {
        auto* named = as<Named>(base);
        if (!named) {
          if (base->kind == TypeKind::Basic) error(r->pos, "cannot define new methods on non-local type " + typeStr(base));
          else error(r->pos, "invalid receiver type " + typeStr(rt));
        } else if (named->obj->pkg != pkg_) {
          error(r->pos, "cannot define new methods on non-local type " + typeStr(base));
        } else if (named->under && (named->under->kind == TypeKind::Pointer || named->under->kind == TypeKind::Interface)) {
          error(r->pos, "invalid receiver type " + typeStr(rt) + " (pointer or interface type)");
        }
      }
    }
  }
  collectParams(scope, ft->params, true, VarKind::Param, params, variadic);
  collectParams(scope, ft->results, false, VarKind::Result, results, dummy);
  sig->params = static_cast<Tuple*>(store_.newTupleOf(std::move(params)));
  sig->results = static_cast<Tuple*>(store_.newTupleOf(std::move(results)));
  sig->variadic = variadic;
  scope_ = saved;
  return sig;
}

Struct* Checker::structType(ast::StructType* st) {
  auto* s = store_.newType<Struct>();
  std::unordered_map<std::string, Var*> seen;
  auto add = [&](Var* f, const std::string& tag, Pos pos) {
    if (f->name != "_") {
      if (auto it = seen.find(f->name); it != seen.end()) {
        error(pos, f->name + " redeclared\n\t" + prog_.fset.position(it->second->pos) + ": other declaration of " + f->name);
        return;
      }
      seen[f->name] = f;
    }
    s->fields.push_back(f);
    s->tags.push_back(tag);
  };
  for (ast::Field* f : st->fields->list) {
    Type* t = typExpr(f->type);
    std::string tag = f->tag ? unquoteString(f->tag->value) : "";
    if (f->names.empty()) {
      // embedded field: T, *T, pkg.T, *pkg.T
      ast::Expr* te = ast::unparen(f->type);
      bool ptr = false;
      if (auto* se = ast::dynCast<ast::StarExpr>(te)) {
        te = ast::unparen(se->x);
        ptr = true;
      }
      if (auto* ix = ast::dynCast<ast::IndexExpr>(te)) te = ast::unparen(ix->x);  // B[T]: named B
      if (auto* id = ast::dynCast<ast::Ident>(te)) {
        auto* tn = asObj<TypeName>(info_.objectOf(id));
        if (tn && tn->typeParam) {
          error(f->type->pos, "embedded field type cannot be a (pointer to a) type parameter");
          continue;
        }
      }
      std::string name;
      if (auto* id = ast::dynCast<ast::Ident>(te)) name = id->name;
      else if (auto* sel = ast::dynCast<ast::SelectorExpr>(te)) name = sel->sel->name;
      else {
        error(f->type->pos, "embedded field type must be a type name");
        continue;
      }
      Type* base = ptr ? as<Pointer>(t) ? as<Pointer>(t)->elem : t : t;
      if (t != store_.invalid()) {
        Type* u = base->underlying();
        if (ptr && u->kind == TypeKind::Interface) error(f->type->pos, "embedded field type cannot be a pointer to an interface");
        else if (ptr && u->kind == TypeKind::Pointer) error(f->type->pos, "embedded field type cannot be a pointer");
        else if (!ptr && u->kind == TypeKind::Pointer) error(f->type->pos, "embedded field type cannot be a pointer");
      }
      auto* v = store_.newObject<Var>(te->pos, pkg_, name, t, VarKind::Field);
      v->embedded = true;
      if (auto* id = ast::dynCast<ast::Ident>(te)) info_.implicits[f] = v, (void)id;
      add(v, tag, te->pos);
      continue;
    }
    for (ast::Ident* id : f->names) {
      auto* v = store_.newObject<Var>(id->pos, pkg_, id->name, t, VarKind::Field);
      info_.defs[id] = v;
      add(v, tag, id->pos);
    }
  }
  return s;
}

Interface* Checker::interfaceType(ast::InterfaceType* it, Named* def) {
  auto* iface = store_.newType<Interface>();
  Type* recvType = def ? static_cast<Type*>(def) : iface;
  std::unordered_map<std::string, Func*> seen;
  for (ast::Field* f : it->methods->list) {
    if (f->names.empty()) {
      // an embedded interface or a type-set element (~T, A | B, T)
      bool saved = std::exchange(constraintCtx_, true);
      ast::Expr* te = ast::unparen(f->type);
      auto* bin = ast::dynCast<ast::BinaryExpr>(te);
      auto* un = ast::dynCast<ast::UnaryExpr>(te);
      if ((bin && bin->op == Tok::Or) || (un && un->op == Tok::Tilde)) {
        if (Interface* c = constraintOf(f->type)) iface->unions.insert(iface->unions.end(), c->unions.begin(), c->unions.end());
        constraintCtx_ = saved;
        continue;
      }
      Type* t = typExpr(f->type);
      constraintCtx_ = saved;
      if (t == store_.invalid()) continue;
      if (!isInterface(t)) {
        iface->unions.push_back({{false, t}});
        continue;
      }
      iface->embeddeds.push_back(t);
      continue;
    }
    ast::Ident* name = f->names[0];
    Scope* s = store_.newScope(scope_, f->pos, "interface method");
    auto* ft = ast::cast<ast::FuncType>(f->type);
    info_.scopes[ft] = s;
    Signature* sig = funcType(ft, nullptr, s);
    sig->recv = store_.newObject<Var>(name->pos, pkg_, "", recvType, VarKind::Param);
    auto* m = store_.newObject<Func>(name->pos, pkg_, name->name, sig);
    info_.defs[name] = m;
    if (name->name == "_") {
      error(name->pos, "methods must have a unique non-blank name");
      continue;
    }
    if (auto p = seen.find(name->name); p != seen.end()) {
      error(name->pos, "duplicate method " + name->name + "\n\t" + prog_.fset.position(p->second->pos) + ": other declaration of " + name->name);
      continue;
    }
    seen[name->name] = m;
    iface->methods.push_back(m);
  }
  completeInterface(iface, it->pos);
  return iface;
}

// Constraint interfaces (with a type set or comparable) are not types of
// values: gc rejects them everywhere but in constraints.
void Checker::constraintOnly(Type* t, ast::Expr* e) {
  auto* it = as<Interface>(t->underlying());
  if (constraintCtx_ || !it || !it->isConstraint()) return;
  std::string what = ast::isa<ast::InterfaceType>(ast::unparen(e)) ? exprStr(e) : typeStr(t);
  if (it->needsComparable && it->unions.empty() && t != it) error(e->pos, "cannot use type " + what + " outside a type constraint: interface is (or embeds) comparable");
  else error(e->pos, "cannot use type " + what + " outside a type constraint: interface contains type constraints");
}

void Checker::completeInterface(Interface* it, Pos pos) {
  if (it->complete) return;
  it->complete = true;  // set first: recursive embedding terminates
  std::vector<Func*> all = it->methods;
  for (Type* e : it->embeddeds) {
    auto* ei = as<Interface>(e->underlying());
    if (!ei) continue;
    if (!ei->complete) completeInterface(ei, pos);
    it->unions.insert(it->unions.end(), ei->unions.begin(), ei->unions.end());
    it->needsComparable = it->needsComparable || ei->needsComparable;
    for (Func* m : ei->allMethods) {
      auto dup = std::find_if(all.begin(), all.end(), [&](Func* f) { return f->id() == m->id(); });
      if (dup == all.end()) {
        all.push_back(m);
      } else if (!identical((*dup)->type, m->type)) {
        error(pos, "duplicate method " + m->name);
      }
    }
  }
  std::sort(all.begin(), all.end(), [](Func* a, Func* b) { return a->id() < b->id(); });
  it->allMethods = std::move(all);
}

}  // namespace gol
