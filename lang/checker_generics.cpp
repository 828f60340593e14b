// checker_generics.cpp — generic functions and types of package main:
// instantiation by cloning, constraint satisfaction and type inference.
//
// Design (docs/ARCHITECTURE.md, "Generics"): gol monomorphizes. Each distinct
// instantiation F[int] of a generic declaration gets its own deep copy of
// the declaration's syntax tree (ast::clone), checked like an ordinary
// declaration in a scope that binds each type parameter name to its type
// argument (an alias TypeName). The code generator therefore sees only
// ordinary functions, types and methods.
//
// Invariants:
//  - One instance per generic object and identical type arguments: List[int]
//    is one Named everywhere, F[int] one Func (Generic::instances).
//  - An instance is registered before its declaration is checked, so
//    recursive references (List[T] inside List) find it.
//  - Instantiating a type instantiates all its methods (signatures now,
//    bodies with the other function bodies), so its method set is complete
//    before any use.
//  - A generic object's own declaration is never checked with its type
//    parameters unbound: its uses are instantiations (or errors), and its
//    body is checked once per instance.
//  - instDepth_ bounds nested instantiation: an instantiation cycle
//    (F[T] calling F[*T]) is an error instead of endless cloning.
#include <algorithm>
#include <functional>
#include <utility>

#include "lang/checker_internal.h"

namespace gol {

using namespace types;

namespace {

constexpr int kMaxInstDepth = 64;

// The identifiers declaring a generic object's type parameters, in order.
std::vector<ast::Ident*> paramIdents(ast::FieldList* tparams) {
  std::vector<ast::Ident*> out;
  for (ast::Field* f : tparams->list) out.insert(out.end(), f->names.begin(), f->names.end());
  return out;
}

}  // namespace

std::string genericName(const Generic* g) {
  std::string s = g->obj->name + "[";
  bool first = true;
  for (ast::Field* f : g->tparams->list) {
    if (!first) s += ", ";
    first = false;
    for (size_t i = 0; i < f->names.size(); i++) s += (i ? ", " : "") + f->names[i]->name;
    s += " " + ast::exprString(f->type);
  }
  return s + "]";
}

namespace {

// The receiver base type expression of a method: List[T] in (l *List[T]).
ast::Expr* receiverBase(ast::FuncDecl* fd) {
  if (!fd->recv || fd->recv->list.empty()) return nullptr;
  ast::Expr* t = ast::unparen(fd->recv->list[0]->type);
  if (auto* s = ast::dynCast<ast::StarExpr>(t)) t = ast::unparen(s->x);
  return t;
}

bool sameTypes(const std::vector<Type*>& a, const std::vector<Type*>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++)
    if (!identical(a[i], b[i])) return false;
  return true;
}

}  // namespace

Generic* Checker::genericOf(Object* obj) const {
  auto it = generics_.find(obj);
  return it == generics_.end() ? nullptr : it->second.get();
}

Generic* Checker::genericExpr(ast::Expr* e) {
  auto* id = ast::dynCast<ast::Ident>(ast::unparen(e));
  if (!id || generics_.empty()) return nullptr;
  Object* obj = lookup(id->name);
  return obj ? genericOf(obj) : nullptr;
}

bool Checker::isGenericMethod(ast::FuncDecl* fd) const {
  return ast::isa<ast::IndexExpr>(receiverBase(fd));
}

void Checker::declareGenericType(TypeName* obj, ast::TypeSpec* spec) {
  Generic* g = genericOf(obj);
  auto* named = store_.newType<Named>();
  named->obj = obj;
  named->generic = true;
  named->under = store_.invalid();
  obj->type = named;
  if (spec->isAlias()) error(spec->name->pos, "generic type cannot be alias");
  if (!g) {
    error(spec->name->pos, "generic type cannot be declared inside a function (not supported by gol)");
    return;
  }
  checkConstraints(g);
}

// Checks the constraints once at the declaration, so that errors in them are
// reported even without instantiations. The type parameters they mention
// stand for opaque named types there.
void Checker::checkConstraints(Generic* g) {
  std::vector<Type*> opaque;
  for (ast::Ident* id : paramIdents(g->tparams)) {
    auto* n = store_.newType<Named>();
    n->obj = store_.newObject<TypeName>(id->pos, pkg_, id->name, n);
    n->under = store_.anyType();
    opaque.push_back(n);
  }
  Scope* saved = scope_;
  scope_ = bindTypeParams(g, paramIdents(g->tparams), opaque, g->fileScope);
  for (ast::Field* f : g->tparams->list) constraintOf(f->type);
  scope_ = saved;
}

void Checker::declareGenericFunc(Func* obj, DeclInfo* d) {
  auto* sig = store_.newType<Signature>();
  sig->params = store_.emptyTuple();
  sig->results = store_.emptyTuple();
  obj->type = sig;
  if (obj->name == "main" && pkg_->path == "main") error(obj->pos, "func main must have no type parameters");
  if (obj->name == "init") error(obj->pos, "func init must have no type parameters");
  if (Generic* g = genericOf(obj)) checkConstraints(g);
}

Scope* Checker::bindTypeParams(Generic* g, const std::vector<ast::Ident*>& names, const std::vector<Type*>& targs,
                               Scope* parent) {
  Scope* s = store_.newScope(parent, g->obj->pos, "instance " + g->obj->name);
  for (size_t i = 0; i < names.size() && i < targs.size(); i++) {
    if (names[i]->isBlank()) continue;
    auto* tn = store_.newObject<TypeName>(names[i]->pos, pkg_, names[i]->name, targs[i]);
    tn->isAlias = true;
    if (s->insert(tn)) error(names[i]->pos, names[i]->name + " redeclared");
  }
  return s;
}

// The interface a constraint expression denotes: a union or ~T term stands
// for interface{ terms }, a non-interface type T for interface{ T }.
Interface* Checker::constraintOf(ast::Expr* e) {
  struct Restore {
    bool& flag;
    bool saved;
    ~Restore() { flag = saved; }
  } restore{constraintCtx_, std::exchange(constraintCtx_, true)};
  ast::Expr* u = ast::unparen(e);
  auto* bin = ast::dynCast<ast::BinaryExpr>(u);
  auto* un = ast::dynCast<ast::UnaryExpr>(u);
  if ((bin && bin->op == Tok::Or) || (un && un->op == Tok::Tilde)) {
    // a union: the interface literal's element logic applies
    auto* it = store_.newType<Interface>();
    std::vector<Interface::Term> terms;
    std::function<void(ast::Expr*)> collect = [&](ast::Expr* x) {
      x = ast::unparen(x);
      if (auto* b = ast::dynCast<ast::BinaryExpr>(x); b && b->op == Tok::Or) {
        collect(b->x);
        collect(b->y);
        return;
      }
      bool tilde = false;
      if (auto* t = ast::dynCast<ast::UnaryExpr>(x); t && t->op == Tok::Tilde) {
        tilde = true;
        x = t->x;
      }
      Type* t = typExpr(x);
      if (t == store_.invalid()) return;
      if (tilde && t->underlying() != t) {
        error(x->pos, "invalid use of ~ (underlying type of " + typeStr(t) + " is " + typeStr(t->underlying()) + ")");
        return;
      }
      terms.push_back({tilde, t});
    };
    collect(u);
    it->unions.push_back(std::move(terms));
    it->complete = true;
    return it;
  }
  Type* t = typExpr(e);
  if (t == store_.invalid()) return nullptr;
  if (auto* it = as<Interface>(t->underlying())) {
    completeInterface(it, e->pos);
    return it;
  }
  auto* it = store_.newType<Interface>();
  it->unions.push_back({{false, t}});
  it->complete = true;
  return it;
}

namespace {

std::string termsString(const std::vector<Interface::Term>& terms, const Package* rel) {
  std::string s;
  for (size_t i = 0; i < terms.size(); i++) {
    if (i) s += " | ";
    if (terms[i].tilde) s += "~";
    s += typeString(terms[i].type, rel);
  }
  return s;
}

}  // namespace

bool Checker::satisfies(Generic* g, const std::vector<Type*>& targs, Pos pos) {
  Scope* saved = scope_;
  scope_ = bindTypeParams(g, paramIdents(g->tparams), targs, g->fileScope);
  bool ok = true;
  size_t i = 0;
  for (ast::Field* f : g->tparams->list) {
    // errors in the constraint itself were reported at the declaration
    std::vector<Diagnostic> quiet;
    std::swap(quiet, errs_);
    Interface* c = constraintOf(f->type);
    std::swap(quiet, errs_);
    for (size_t k = 0; k < f->names.size(); k++, i++) {
      if (!c || !ok) continue;
      Type* t = targs[i];
      if (t == store_.invalid()) {
        ok = false;
        continue;
      }
      std::string cs = ast::exprString(f->type);
      std::string what = typeStr(t) + " does not satisfy " + cs;
      if (isInterface(t) && as<Interface>(t->underlying())->isConstraint()) {
        error(pos, "cannot use type " + typeStr(t) + " outside a type constraint: interface contains type constraints");
        ok = false;
        continue;
      }
      for (const auto& terms : c->unions) {
        bool found = std::any_of(terms.begin(), terms.end(), [&](const Interface::Term& term) {
          return term.tilde ? identical(t->underlying(), term.type->underlying()) : identical(t, term.type);
        });
        if (!found) {
          std::string detail = typeStr(t) + " missing in " + termsString(terms, pkg_);
          if (terms.size() == 1 && terms[0].tilde) detail = typeStr(t) + " missing in " + termsString(terms, pkg_);
          error(pos, what + " (" + detail + ")");
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (c->needsComparable && !comparable(t)) {
        error(pos, what);
        ok = false;
        continue;
      }
      if (!c->allMethods.empty()) {
        bool wrongType = false;
        Func* have = nullptr;
        if (Func* m = missingMethod(t, c, &wrongType, &have)) {
          std::string detail = "missing method " + m->name;
          if (wrongType && have && have->signature() && have->signature()->recv &&
              as<Pointer>(have->signature()->recv->type) && !as<Pointer>(t))
            detail = "method " + m->name + " has pointer receiver";
          else if (wrongType)
            detail = "wrong type for method " + m->name;
          error(pos, what + " (" + detail + ")");
          ok = false;
        }
      }
    }
  }
  scope_ = saved;
  return ok;
}

std::vector<Type*> Checker::typeArgs(ast::IndexExpr* e) {
  std::vector<Type*> out{typExpr(e->index)};
  for (ast::Expr* m : e->more) out.push_back(typExpr(m));
  return out;
}

namespace {

// Saves the checker's context for a declaration checked in the middle of
// another (an instance created at its first use).
struct DeclContext {
  Checker& c;
  Scope* scope;
  FuncCtx* func;
  DeclInfo* decl;
  int iota;
  explicit DeclContext(Checker& c) : c(c), scope(c.scope_), func(c.func_), decl(c.decl_), iota(c.iota_) {
    c.func_ = nullptr;
    c.iota_ = -1;
  }
  ~DeclContext() {
    c.scope_ = scope;
    c.func_ = func;
    c.decl_ = decl;
    c.iota_ = iota;
  }
};

}  // namespace

Type* Checker::instantiateType(Generic* g, const std::vector<Type*>& targs, Pos pos) {
  for (auto& [ta, obj] : g->instances)
    if (sameTypes(ta, targs)) return obj->type;
  if (std::find(targs.begin(), targs.end(), store_.invalid()) != targs.end()) return store_.invalid();
  if (!satisfies(g, targs, pos)) return store_.invalid();
  if (instDepth_ >= kMaxInstDepth) {
    error(pos, "instantiation cycle: " + g->obj->name + " is instantiated with ever larger type arguments");
    return store_.invalid();
  }
  std::string name = g->obj->name + "[";
  for (size_t i = 0; i < targs.size(); i++) name += (i ? "," : "") + typeString(targs[i]);
  name += "]";
  auto* obj = store_.newObject<TypeName>(g->obj->pos, pkg_, name, nullptr);
  auto* named = store_.newType<Named>();
  named->obj = obj;
  named->origin = static_cast<Named*>(g->obj->type);
  named->targs = targs;
  obj->type = named;
  g->instances.push_back({targs, obj});

  instDepth_++;
  DeclContext ctx(*this);
  auto* spec = ast::cloneNode(prog_.arena, g->tspec);
  spec->typeParams = nullptr;
  scope_ = bindTypeParams(g, paramIdents(g->tparams), targs, g->fileScope);
  decl_ = nullptr;
  typeDecl(obj, spec);

  // its methods: each binds the receiver's own type parameter names
  for (ast::FuncDecl* md : genericMethods_) {
    auto* base = ast::cast<ast::IndexExpr>(receiverBase(md));
    auto* baseId = ast::dynCast<ast::Ident>(ast::unparen(base->x));
    if (!baseId || baseId->name != g->obj->name) continue;
    std::vector<ast::Ident*> names;
    bool ok = true;
    for (ast::Expr* a : [&] {
           std::vector<ast::Expr*> all{base->index};
           all.insert(all.end(), base->more.begin(), base->more.end());
           return all;
         }()) {
      auto* id = ast::dynCast<ast::Ident>(ast::unparen(a));
      if (!id) ok = false;
      else names.push_back(id);
    }
    if (!ok || names.size() != targs.size()) continue;  // reported with the generic method
    auto* fd = ast::cloneNode(prog_.arena, md);
    auto* d = declInfos_.emplace_back(std::make_unique<DeclInfo>()).get();
    d->fileScope = bindTypeParams(g, names, targs, g->fileScope);
    d->fdecl = fd;
    auto* f = store_.newObject<Func>(fd->name->pos, pkg_, fd->name->name, nullptr);
    f->decl = fd;
    info_.defs[fd->name] = f;
    objMap_[f] = d;
    color_[f] = Color::Black;
    scope_ = d->fileScope;
    decl_ = d;
    funcDecl(f, d);
    funcs_.push_back({f, d});
  }
  instDepth_--;
  return named;
}

Func* Checker::instantiateFunc(Generic* g, const std::vector<Type*>& targs, Pos pos) {
  for (auto& [ta, obj] : g->instances)
    if (sameTypes(ta, targs)) return static_cast<Func*>(obj);
  if (!satisfies(g, targs, pos)) return nullptr;
  if (instDepth_ >= kMaxInstDepth) {
    error(pos, "instantiation cycle: " + g->obj->name + " is instantiated with ever larger type arguments");
    return nullptr;
  }
  auto* fd = ast::cloneNode(prog_.arena, g->fdecl);
  fd->type->typeParams = nullptr;
  auto* d = declInfos_.emplace_back(std::make_unique<DeclInfo>()).get();
  d->fileScope = bindTypeParams(g, paramIdents(g->tparams), targs, g->fileScope);
  d->fdecl = fd;
  auto* f = store_.newObject<Func>(fd->name->pos, pkg_, g->obj->name, nullptr);
  f->decl = fd;
  f->origin = static_cast<Func*>(g->obj);
  f->targs = targs;
  info_.defs[fd->name] = f;
  objMap_[f] = d;
  color_[f] = Color::Black;
  g->instances.push_back({targs, f});
  instDepth_++;
  {
    DeclContext ctx(*this);
    scope_ = d->fileScope;
    decl_ = d;
    funcDecl(f, d);
  }
  instDepth_--;
  funcs_.push_back({f, d});
  return f;
}

void Checker::genericIndex(Operand& x, ast::IndexExpr* e, Generic* g) {
  auto* id = ast::cast<ast::Ident>(ast::unparen(e->x));
  recordUse(id, g->obj);
  std::vector<Type*> targs = typeArgs(e);
  x.expr = e;
  x.mode = Mode::Invalid;
  if (std::find(targs.begin(), targs.end(), store_.invalid()) != targs.end()) return;
  size_t want = g->names.size();
  if (targs.size() > want) {
    ast::Expr* extra = want == 0 ? e->index : e->more[want - 1];
    error(extra->pos, "got " + std::to_string(targs.size()) + " type arguments but " + genericName(g) + " has " +
                          std::to_string(want) + " type parameters");
    return;
  }
  if (g->tspec) {
    if (targs.size() < want) {
      error(e->pos, "not enough type arguments for type " + g->obj->name + ": have " + std::to_string(targs.size()) +
                        ", want " + std::to_string(want));
      return;
    }
    Type* t = instantiateType(g, targs, e->index->pos);
    if (t == store_.invalid()) return;
    recordType(e->x, Mode::TypeExpr, g->obj->type);
    x.mode = Mode::TypeExpr;
    x.type = t;
    return;
  }
  if (targs.size() < want) {
    error(e->pos, "in use of " + g->obj->name + ", cannot infer " + g->names[targs.size()]);
    return;
  }
  Func* inst = instantiateFunc(g, targs, e->index->pos);
  if (!inst) return;
  info_.uses[id] = inst;
  if (decl_) decl_->deps.insert(inst);
  for (ast::Expr* p = e->x;; p = ast::cast<ast::ParenExpr>(p)->x) {
    recordType(p, Mode::Value, inst->type);
    if (!ast::isa<ast::ParenExpr>(p)) break;
  }
  x.mode = Mode::Value;
  x.type = inst->type;
}

namespace {

// Infers type parameters by matching a parameter's type expression (from
// the generic declaration) against an argument's type. Matching is inexact
// in Go's sense: a named argument type matches a type literal through its
// underlying type.
class Unifier {
 public:
  Unifier(Checker& c, Generic* g, std::vector<Type*>& bound) : c_(c), g_(g), bound_(bound) {}

  // The first mismatch: parameter name and the two types.
  int conflictParam = -1;
  Type* conflictHave = nullptr;

  int paramIndex(ast::Expr* e) const {
    auto* id = ast::dynCast<ast::Ident>(ast::unparen(e));
    if (!id) return -1;
    for (size_t i = 0; i < g_->names.size(); i++)
      if (g_->names[i] == id->name) return int(i);
    return -1;
  }

  bool unify(ast::Expr* pe, Type* at) {
    pe = ast::unparen(pe);
    if (!at || at == c_.store_.invalid()) return true;
    if (int i = paramIndex(pe); i >= 0) {
      if (!bound_[i]) {
        bound_[i] = at;
        return true;
      }
      if (identical(bound_[i], at)) return true;
      // inexact: a literal binding gives way to a named type with that underlying type
      if (!isNamed(bound_[i]) && isNamed(at) && identical(bound_[i], at->underlying())) {
        bound_[i] = at;
        return true;
      }
      if (isNamed(bound_[i]) && !isNamed(at) && identical(bound_[i]->underlying(), at)) return true;
      conflictParam = i;
      conflictHave = at;
      return false;
    }
    Type* u = at->underlying();
    switch (pe->kind) {
      case ast::Kind::StarExpr:
        if (auto* p = as<Pointer>(u)) return unify(ast::cast<ast::StarExpr>(pe)->x, p->elem);
        return true;
      case ast::Kind::ArrayType: {
        auto* a = ast::cast<ast::ArrayType>(pe);
        if (!a->len) {
          if (auto* s = as<Slice>(u)) return unify(a->elt, s->elem);
        } else if (auto* arr = as<Array>(u)) {
          return unify(a->elt, arr->elem);
        }
        return true;
      }
      case ast::Kind::Ellipsis:
        if (auto* s = as<Slice>(u)) return unify(ast::cast<ast::Ellipsis>(pe)->elt, s->elem);
        return true;
      case ast::Kind::MapType:
        if (auto* m = as<Map>(u))
          return unify(ast::cast<ast::MapType>(pe)->key, m->key) && unify(ast::cast<ast::MapType>(pe)->value, m->elem);
        return true;
      case ast::Kind::ChanType:
        if (auto* ch = as<Chan>(u)) return unify(ast::cast<ast::ChanType>(pe)->value, ch->elem);
        return true;
      case ast::Kind::FuncType: {
        auto* ft = ast::cast<ast::FuncType>(pe);
        auto* sig = as<Signature>(u);
        if (!sig) return true;
        return unifyFields(ft->params, sig->params) && unifyFields(ft->results, sig->results);
      }
      case ast::Kind::IndexExpr: {
        auto* ix = ast::cast<ast::IndexExpr>(pe);
        auto* n = as<Named>(at);
        if (!n || !n->origin) return true;
        auto* base = ast::dynCast<ast::Ident>(ast::unparen(ix->x));
        if (!base || base->name != n->origin->obj->name) return true;
        std::vector<ast::Expr*> args{ix->index};
        args.insert(args.end(), ix->more.begin(), ix->more.end());
        if (args.size() != n->targs.size()) return true;
        for (size_t i = 0; i < args.size(); i++)
          if (!unify(args[i], n->targs[i])) return false;
        return true;
      }
      default: return true;
    }
  }

  bool unifyFields(ast::FieldList* fl, Tuple* t) {
    if (!fl) return true;
    size_t i = 0;
    for (ast::Field* f : fl->list) {
      size_t n = f->names.empty() ? 1 : f->names.size();
      for (size_t k = 0; k < n; k++, i++) {
        if (i >= t->vars.size()) return true;
        ast::Expr* pe = f->type;
        if (auto* el = ast::dynCast<ast::Ellipsis>(pe)) {
          if (auto* s = as<Slice>(t->vars[i]->type)) {
            if (!unify(el->elt, s->elem)) return false;
            continue;
          }
        }
        if (!unify(pe, t->vars[i]->type)) return false;
      }
    }
    return true;
  }

 private:
  Checker& c_;
  Generic* g_;
  std::vector<Type*>& bound_;
};

// The order of untyped constant kinds: an untyped parameter binding takes
// the default type of the largest kind among its arguments.
int untypedRank(Type* t) {
  switch (static_cast<Basic*>(t)->bkind) {
    case BasicKind::UntypedInt: return 1;
    case BasicKind::UntypedRune: return 2;
    case BasicKind::UntypedFloat: return 3;
    case BasicKind::UntypedComplex: return 4;
    default: return 0;
  }
}

}  // namespace

bool Checker::inferTypeArgs(Generic* g, ast::CallExpr* call, std::vector<Operand>& args, std::vector<Type*>& targs) {
  size_t n = g->names.size();
  std::vector<Type*> bound(n, nullptr);
  for (size_t i = 0; i < targs.size() && i < n; i++) bound[i] = targs[i];
  if (targs.size() == n) return true;

  // parameter type expressions, one per parameter
  std::vector<ast::Expr*> params;
  for (ast::Field* f : g->fdecl->type->params->list) {
    size_t k = f->names.empty() ? 1 : f->names.size();
    for (size_t j = 0; j < k; j++) params.push_back(f->type);
  }
  bool variadic = !params.empty() && ast::isa<ast::Ellipsis>(params.back());
  auto paramFor = [&](size_t i) -> ast::Expr* {
    if (variadic && i + 1 >= params.size()) {
      auto* el = ast::cast<ast::Ellipsis>(params.back());
      return call->hasEllipsis() ? static_cast<ast::Expr*>(el) : el->elt;
    }
    return i < params.size() ? params[i] : nullptr;
  };

  Unifier u(*this, g, bound);
  for (size_t i = 0; i < args.size(); i++) {
    ast::Expr* pe = paramFor(i);
    Operand& a = args[i];
    if (!pe || a.isNil() || isUntyped(a.type)) continue;
    if (!u.unify(pe, a.type)) {
      int p = u.conflictParam;
      error(a.expr ? errPos(a.expr) : call->pos,
            "type " + typeStr(a.type) + " of " + exprStr(a.expr) + " does not match " +
                (pe == ast::unparen(pe) && ast::isa<ast::Ident>(pe) ? "inferred type " + typeStr(bound[size_t(p)]) + " for " + exprStr(pe)
                                                               : exprStr(pe) + " (cannot infer " + g->names[size_t(p)] + ")"));
      return false;
    }
  }

  // untyped constants bound to a bare type parameter
  for (size_t p = 0; p < n; p++) {
    if (bound[p]) continue;
    Type* best = nullptr;
    for (size_t i = 0; i < args.size(); i++) {
      ast::Expr* pe = paramFor(i);
      if (!pe || u.paramIndex(pe) != int(p) || !isUntyped(args[i].type) || args[i].isNil()) continue;
      if (!best || untypedRank(args[i].type) > untypedRank(best)) best = args[i].type;
    }
    if (best) bound[p] = defaultType(best);
  }

  // constraint type inference: a parameter whose constraint has a single
  // term (S ~[]E) relates it to that term's type
  for (bool progress = true; progress;) {
    progress = false;
    size_t p = 0;
    for (ast::Field* f : g->tparams->list) {
      ast::Expr* core = ast::unparen(f->type);
      bool tilde = false;
      if (auto* t = ast::dynCast<ast::UnaryExpr>(core); t && t->op == Tok::Tilde) {
        core = ast::unparen(t->x);
        tilde = true;
      }
      bool literal = tilde || ast::isa<ast::ArrayType>(core) || ast::isa<ast::MapType>(core) ||
                     ast::isa<ast::ChanType>(core) || ast::isa<ast::StarExpr>(core) || ast::isa<ast::FuncType>(core);
      for (size_t k = 0; k < f->names.size(); k++, p++) {
        if (!literal) continue;
        if (bound[p]) {
          std::vector<Type*> before = bound;
          if (!u.unify(core, tilde ? bound[p]->underlying() : bound[p])) continue;
          if (before != bound) progress = true;
          continue;
        }
        // every parameter the term mentions is known: the term is the type
        bool known = true;
        ast::inspect(core, [&](ast::Node* node) {
          if (auto* id = ast::dynCast<ast::Ident>(node); id && u.paramIndex(id) >= 0 && !bound[size_t(u.paramIndex(id))])
            known = false;
          return known;
        });
        if (!known) continue;
        DeclContext ctx(*this);
        std::vector<ast::Ident*> names = paramIdents(g->tparams);
        std::vector<Type*> partial = bound;
        for (Type*& t : partial)
          if (!t) t = store_.invalid();
        scope_ = bindTypeParams(g, names, partial, g->fileScope);
        bound[p] = typExpr(ast::cloneNode(prog_.arena, core));
        progress = true;
      }
    }
  }

  for (size_t p = 0; p < n; p++) {
    if (!bound[p]) {
      error(call->rparen, "in call to " + exprStr(call->fun) + ", cannot infer " + g->names[p]);
      return false;
    }
  }
  targs = bound;
  return true;
}

void Checker::genericCall(Operand& x, ast::CallExpr* e, Generic* g) {
  ast::Expr* fun = ast::unparen(e->fun);
  auto* ix = ast::dynCast<ast::IndexExpr>(fun);
  auto* id = ast::cast<ast::Ident>(ast::unparen(ix ? ix->x : fun));
  recordUse(id, g->obj);
  x.expr = e;
  x.mode = Mode::Invalid;
  std::vector<Type*> targs;
  if (ix) {
    targs = typeArgs(ix);
    if (std::find(targs.begin(), targs.end(), store_.invalid()) != targs.end()) {
      useExprs(e->args);
      return;
    }
    if (targs.size() > g->names.size()) {
      ast::Expr* extra = ix->more[g->names.size() - 1];
      error(extra->pos, "got " + std::to_string(targs.size()) + " type arguments but " + genericName(g) + " has " +
                            std::to_string(g->names.size()) + " type parameters");
      useExprs(e->args);
      return;
    }
  }
  std::vector<Operand> args;
  if (e->args.size() == 1 && !e->hasEllipsis()) {
    multiExpr(args, e->args[0]);
  } else {
    for (ast::Expr* a : e->args) {
      Operand o;
      expr(o, a);
      args.push_back(o);
    }
  }
  if (std::any_of(args.begin(), args.end(), [](Operand& o) { return o.invalid(); })) return;
  if (!inferTypeArgs(g, e, args, targs)) return;
  Func* inst = instantiateFunc(g, targs, ix ? ix->index->pos : e->fun->pos);
  if (!inst) return;
  info_.uses[id] = inst;
  if (decl_) decl_->deps.insert(inst);
  for (ast::Expr* p = e->fun;; p = ast::cast<ast::ParenExpr>(p)->x) {
    recordType(p, Mode::Value, inst->type);
    if (ast::isa<ast::IndexExpr>(p)) recordType(ix->x, Mode::Value, inst->type);
    if (!ast::isa<ast::ParenExpr>(p)) break;
  }
  Signature* sig = inst->signature();
  arguments(e, sig, args, e->hasEllipsis(), exprStr(e->fun));
  size_t nres = sig->results->vars.size();
  if (nres == 0) {
    x.mode = Mode::NoValue;
    x.type = store_.emptyTuple();
  } else if (nres == 1) {
    x.mode = Mode::Value;
    x.type = sig->results->vars[0]->type;
  } else {
    x.mode = Mode::Value;
    x.type = sig->results;
  }
}

}  // namespace gol
