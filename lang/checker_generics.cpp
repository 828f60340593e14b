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
//    body is checked once per instance. One that nothing instantiates is
//    checked once with stand-ins for its type parameters (opaque_), and only
//    its undefined names are reported (DeclInfo::opaque).
//  - instDepth_ (instances created while creating one) and
//    DeclInfo::instLevel (instances created by an instance's body) bound
//    instantiation: a cycle (F[T] calling F[[]T]) is an error instead of
//    endless cloning.
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

// gc: "cannot infer T (decl.go:3:8)", with where T is declared.
std::string Checker::cannotInfer(Generic* g, size_t p) {
  std::vector<ast::Ident*> ids = paramIdents(g->tparams);
  return "cannot infer " + g->names[p] + " (" + prog_.fset.position(ids[p]->pos) + ")";
}

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

Generic* Checker::genericOf(Object* obj) const {
  auto it = generics_.find(obj);
  return it == generics_.end() ? nullptr : it->second.get();
}

Generic* Checker::genericExpr(ast::Expr* e) {
  auto* id = ast::dynCast<ast::Ident>(ast::unparen(e));
  if (!id || generics_.empty()) return nullptr;
  Object* obj = lookup(id->name);
  Generic* g = obj ? genericOf(obj) : nullptr;
  // declared (its Named made) before the first instance refers to it
  if (g && !g->obj->type && obj->pkg == pkg_ && obj->parent == pkg_->scope) objDecl(obj);
  return g;
}

bool Checker::isGenericMethod(ast::FuncDecl* fd) const {
  return ast::isa<ast::IndexExpr>(receiverBase(fd));
}

// A generic declaration uses the packages its text names, instantiated or
// not (gc checks the generic code itself).
void Checker::markGenericImports() {
  for (auto& [decl, fileScope] : genericDecls_) {
    ast::inspect(decl, [&, fs = fileScope](ast::Node* n) {
      auto* sel = ast::dynCast<ast::SelectorExpr>(n);
      auto* id = sel ? ast::dynCast<ast::Ident>(sel->x) : nullptr;
      if (auto* pn = id ? asObj<PkgName>(fs->lookup(id->name)) : nullptr) pn->used = true;
      return true;
    });
  }
}

void Checker::registerGeneric(Object* obj, ast::FieldList* tparams, ast::TypeSpec* tspec, ast::FuncDecl* fdecl,
                              Scope* scope) {
  auto g = std::make_unique<Generic>();
  g->obj = obj;
  g->tparams = tparams;
  g->tspec = tspec;
  g->fdecl = fdecl;
  g->fileScope = scope;
  for (ast::Field* f : tparams->list)
    for (ast::Ident* id : f->names) g->names.push_back(id->name);
  generics_[obj] = std::move(g);
  genericDecls_.push_back({tspec ? static_cast<ast::Node*>(tspec) : fdecl, scope});
}

// The receiver base type of each method of a generic type must be a generic
// type of this package with as many type parameters as the receiver names.
void Checker::checkGenericMethods() {
  for (ast::FuncDecl* md : genericMethods_) {
    auto* base = ast::cast<ast::IndexExpr>(receiverBase(md));
    auto* id = ast::dynCast<ast::Ident>(ast::unparen(base->x));
    if (!id) {
      error(base->x->pos, "invalid receiver type " + exprStr(base));
      continue;
    }
    Object* obj = pkg_->scope->lookup(id->name);
    Generic* g = obj ? genericOf(obj) : nullptr;
    if (!obj) {
      error(id->pos, "undefined: " + id->name);
      continue;
    }
    if (!g) {
      error(id->pos, id->name + " is not a generic type");
      continue;
    }
    size_t n = 1 + base->more.size();
    if (n != g->names.size())
      error(id->pos, "got " + std::to_string(n) + " arguments but " + std::to_string(g->names.size()) + " type parameters");
    std::vector<ast::Expr*> args{base->index};
    args.insert(args.end(), base->more.begin(), base->more.end());
    for (ast::Expr* a : args)
      if (!ast::isa<ast::Ident>(ast::unparen(a))) error(a->pos, "receiver type parameter " + exprStr(a) + " must be an identifier");
  }
}

void Checker::declareGenericType(TypeName* obj, ast::TypeSpec* spec) {
  Generic* g = genericOf(obj);
  auto* named = store_.newType<Named>();
  named->obj = obj;
  named->generic = true;
  named->under = store_.invalid();
  obj->type = named;
  if (spec->isAlias()) error(spec->name->pos, "generic type cannot be alias");
  if (auto* id = ast::dynCast<ast::Ident>(ast::unparen(spec->type)); id && g &&
      std::find(g->names.begin(), g->names.end(), id->name) != g->names.end())
    error(id->pos, "cannot use a type parameter as RHS in type declaration");
  if (g) checkConstraints(g);
}

// Checks the constraints once at the declaration, so that errors in them are
// reported even without instantiations. The type parameters they mention
// stand for opaque named types there.
void Checker::checkConstraints(Generic* g) {
  std::vector<Type*> opaque = opaqueArgs(g);
  Scope* saved = scope_;
  scope_ = bindTypeParams(g, paramIdents(g->tparams), opaque, g->fileScope);
  for (ast::Field* f : g->tparams->list) {
    auto* id = ast::dynCast<ast::Ident>(ast::unparen(f->type));
    if (id && std::find(g->names.begin(), g->names.end(), id->name) != g->names.end())
      error(id->pos, "cannot use a type parameter as constraint");
    else
      constraintOf(f->type);
  }
  scope_ = saved;
}

// Stand-ins for g's type parameters: named types of their names.
std::vector<Type*> Checker::opaqueArgs(Generic* g) {
  std::vector<Type*> out;
  for (ast::Ident* id : paramIdents(g->tparams)) {
    auto* n = store_.newType<Named>();
    n->obj = store_.newObject<TypeName>(id->pos, pkg_, id->name, n);
    n->under = store_.anyType();
    out.push_back(n);
    opaque_.insert(n);
  }
  return out;
}

bool Checker::mentionsOpaque(const Type* t, int depth) const {
  if (!t || depth > 16) return false;
  switch (t->kind) {
    case TypeKind::Named: {
      auto* n = static_cast<const Named*>(t);
      if (opaque_.count(n)) return true;
      return std::any_of(n->targs.begin(), n->targs.end(), [&](Type* a) { return mentionsOpaque(a, depth + 1); });
    }
    case TypeKind::Pointer: return mentionsOpaque(static_cast<const Pointer*>(t)->elem, depth + 1);
    case TypeKind::Slice: return mentionsOpaque(static_cast<const Slice*>(t)->elem, depth + 1);
    case TypeKind::Array: return mentionsOpaque(static_cast<const Array*>(t)->elem, depth + 1);
    case TypeKind::Chan: return mentionsOpaque(static_cast<const Chan*>(t)->elem, depth + 1);
    case TypeKind::Map:
      return mentionsOpaque(static_cast<const Map*>(t)->key, depth + 1) ||
             mentionsOpaque(static_cast<const Map*>(t)->elem, depth + 1);
    case TypeKind::Signature: {
      auto* s = static_cast<const Signature*>(t);
      for (const Tuple* tu : {s->params, s->results})
        for (const Var* v : tu->vars)
          if (mentionsOpaque(v->type, depth + 1)) return true;
      return false;
    }
    case TypeKind::Struct:
      for (const Var* f : static_cast<const Struct*>(t)->fields)
        if (mentionsOpaque(f->type, depth + 1)) return true;
      return false;
    default: return false;
  }
}

// gc checks a generic declaration even if nothing instantiates it. gol
// checks such a declaration once with stand-ins for its type parameters and
// reports the undefined names it finds (operations on the stand-ins would be
// errors that gc, knowing the constraints, does not make).
void Checker::checkUninstantiated() {
  std::vector<Generic*> todo;
  for (auto& [obj, g] : generics_) {
    bool real = std::any_of(g->instances.begin(), g->instances.end(), [&](auto& inst) {
      return std::none_of(inst.first.begin(), inst.first.end(), [&](Type* t) { return mentionsOpaque(t); });
    });
    if (!real) todo.push_back(g.get());
  }
  std::sort(todo.begin(), todo.end(), [](Generic* a, Generic* b) { return a->obj->pos < b->obj->pos; });
  for (Generic* g : todo) {
    OnlyUndefinedNames filter(*this, true);
    DeclContext ctx(*this);
    decl_ = nullptr;
    if (g->fdecl) instantiateFunc(g, opaqueArgs(g), g->obj->pos);
    else instantiateType(g, opaqueArgs(g), g->obj->pos);
  }
  checkFuncBodies();
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
    tn->typeParam = true;
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
    bool everything = false;  // a term's type set is all types (interface{} | int)
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
      if (auto* in = as<Interface>(t->underlying()); in && !tilde) {
        // a constraint term (Integer | Float): its type set joins the union
        completeInterface(in, x->pos);
        if (in->needsComparable) error(x->pos, "cannot use comparable in union");
        else if (!in->allMethods.empty()) error(x->pos, "cannot use " + typeStr(t) + " in union (" + typeStr(t) + " contains methods)");
        else if (in->unions.empty()) everything = true;
        else if (in->unions.size() == 1) terms.insert(terms.end(), in->unions[0].begin(), in->unions[0].end());
        else error(x->pos, "gol supports only type-set interfaces with a single union as union terms");
        return;
      }
      if (tilde && t->underlying() != t) {
        error(x->pos, "invalid use of ~ (underlying type of " + typeStr(t) + " is " + typeStr(t->underlying()) + ")");
        return;
      }
      terms.push_back({tilde, t});
    };
    collect(u);
    if (!everything) it->unions.push_back(std::move(terms));
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
    auto* pid = ast::dynCast<ast::Ident>(ast::unparen(f->type));
    bool isParam = pid && std::find(g->names.begin(), g->names.end(), pid->name) != g->names.end();
    Interface* c = isParam ? nullptr : constraintOf(f->type);
    std::swap(quiet, errs_);
    if (isParam) ok = false;
    for (size_t k = 0; k < f->names.size(); k++, i++) {
      if (!c || !ok) continue;
      Type* t = targs[i];
      if (t == store_.invalid()) {
        ok = false;
        continue;
      }
      // Go 1.19's wording (1.20 says "does not satisfy")
      std::string what = typeStr(t) + " does not implement " + ast::exprString(f->type);
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
          error(pos, what + " (" + typeStr(t) + " missing in " + termsString(terms, pkg_) + ")");
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
        std::string cause = missingMethodCause(t, c);
        if (!cause.empty()) {
          error(pos, what + " " + cause);
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


// gc reports a cycle at the type parameter, then where it grows; gol names
// the type argument it reached rather than its generic spelling.
void Checker::instantiationCycle(Generic* g, const std::vector<Type*>& targs, Pos pos) {
  ast::Ident* param = paramIdents(g->tparams)[0];
  error(param->pos, "instantiation cycle:\n\t" + prog_.fset.position(pos) + ": " + param->name + " instantiated as " +
                        (targs.empty() ? std::string("?") : typeStr(targs[0])));
}

// The Func and declaration of an instance's cloned function or method fd,
// checked in scope (which binds the type parameters).
std::pair<Func*, DeclInfo*> Checker::instanceDecl(ast::FuncDecl* fd, Scope* scope, const std::string& name, int level,
                                                  bool opaque) {
  auto* d = declInfos_.emplace_back(std::make_unique<DeclInfo>()).get();
  d->fileScope = scope;
  d->fdecl = fd;
  d->instance = true;
  d->instLevel = level;
  d->opaque = opaque;
  auto* f = store_.newObject<Func>(fd->name->pos, pkg_, name, nullptr);
  f->decl = fd;
  info_.defs[fd->name] = f;
  objMap_[f] = d;
  color_[f] = Color::Black;
  return {f, d};
}

Type* Checker::instantiateType(Generic* g, const std::vector<Type*>& targs, Pos pos) {
  for (auto& [ta, obj] : g->instances)
    if (sameTypes(ta, targs)) return obj->type;
  if (std::find(targs.begin(), targs.end(), store_.invalid()) != targs.end()) return store_.invalid();
  // a constraint's own check (checkConstraints) only needs the type's shape
  bool opaque = std::any_of(targs.begin(), targs.end(), [&](Type* t) { return mentionsOpaque(t); });
  if (!opaque && !satisfies(g, targs, pos)) return store_.invalid();
  int level = (decl_ ? decl_->instLevel : 0) + 1;
  if (instDepth_ >= kMaxInstDepth || level > kMaxInstDepth) {
    instantiationCycle(g, targs, pos);
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
    // the clone's receiver names its type parameters, even blank ones (List[_])
    auto* cbase = ast::cast<ast::IndexExpr>(receiverBase(fd));
    std::vector<ast::Expr*> cargs{cbase->index};
    cargs.insert(cargs.end(), cbase->more.begin(), cbase->more.end());
    for (size_t i = 0; i < cargs.size(); i++) {
      auto* id = ast::cast<ast::Ident>(ast::unparen(cargs[i]));
      if (id->isBlank()) id->name = "_·" + std::to_string(i);
      names[i] = id;
    }
    auto [f, d] = instanceDecl(fd, bindTypeParams(g, names, targs, g->fileScope), fd->name->name, level, opaque);
    scope_ = d->fileScope;
    decl_ = d;
    OnlyUndefinedNames filter(*this, opaque);
    funcDecl(f, d);
    funcs_.push_back({f, d});
  }
  instDepth_--;
  return named;
}

Func* Checker::instantiateFunc(Generic* g, const std::vector<Type*>& targs, Pos pos) {
  for (auto& [ta, obj] : g->instances)
    if (sameTypes(ta, targs)) return static_cast<Func*>(obj);
  // Bodies are checked one after another, not nested: a cycle shows as a
  // chain of instances each created by the body of the previous one.
  int level = (decl_ ? decl_->instLevel : 0) + 1;
  if (instDepth_ >= kMaxInstDepth || level > kMaxInstDepth) {
    instantiationCycle(g, targs, pos);
    return nullptr;
  }
  bool opaque = std::any_of(targs.begin(), targs.end(), [&](Type* t) { return mentionsOpaque(t); });
  if (!opaque && !satisfies(g, targs, pos)) return nullptr;
  auto* fd = ast::cloneNode(prog_.arena, g->fdecl);
  fd->type->typeParams = nullptr;
  auto [f, d] = instanceDecl(fd, bindTypeParams(g, paramIdents(g->tparams), targs, g->fileScope), g->obj->name, level,
                             opaque);
  f->origin = static_cast<Func*>(g->obj);
  f->targs = targs;
  g->instances.push_back({targs, f});
  instDepth_++;
  {
    DeclContext ctx(*this);
    scope_ = d->fileScope;
    decl_ = d;
    OnlyUndefinedNames filter(*this, opaque);
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
  if (g->tspec && targs.size() != want) {
    error(e->pos, "got " + std::to_string(targs.size()) + " arguments but " + std::to_string(want) + " type parameters");
    return;
  }
  if (targs.size() > want) {
    error(e->more[want - 1]->pos, "got " + std::to_string(targs.size()) + " type arguments but want " + std::to_string(want));
    return;
  }
  if (g->tspec) {
    Type* t = instantiateType(g, targs, e->index->pos);
    if (t == store_.invalid()) return;
    recordType(e->x, Mode::TypeExpr, g->obj->type);
    x.mode = Mode::TypeExpr;
    x.type = t;
    return;
  }
  std::vector<Operand> noArgs;
  if (targs.size() < want && !inferTypeArgs(g, nullptr, e->lbrack, noArgs, targs)) return;
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

Object* lookupFrom(Scope* s, const std::string& name) {
  for (; s; s = s->parent)
    if (Object* o = s->lookup(name)) return o;
  return nullptr;
}

// While matching through a generic type's declaration (a parameter of type
// Func2[A, B, R] against a func literal), its type parameter names stand for
// the type argument expressions of the use, read in the enclosing frame.
struct Frame {
  Generic* g;
  std::vector<ast::Expr*> args;
  const Frame* parent;
};

std::vector<ast::Expr*> indexArgs(ast::IndexExpr* ix) {
  std::vector<ast::Expr*> args{ix->index};
  args.insert(args.end(), ix->more.begin(), ix->more.end());
  return args;
}

// Infers type parameters by matching a parameter's type expression (from
// the generic declaration) against an argument's type. Matching is inexact
// in Go's sense: a named argument type matches a type literal through its
// underlying type.
class Unifier {
 public:
  Unifier(Checker& c, Generic* g, std::vector<Type*>& bound) : c_(c), g_(g), bound_(bound) {}

  int conflictParam = -1;  // the parameter of the first mismatch

  int paramIndex(ast::Expr* e) const { return indexIn(g_, e); }

  static int indexIn(const Generic* g, ast::Expr* e) {
    auto* id = ast::dynCast<ast::Ident>(ast::unparen(e));
    if (!id) return -1;
    for (size_t i = 0; i < g->names.size(); i++)
      if (g->names[i] == id->name) return int(i);
    return -1;
  }

  // The generic type an instantiation expression T[...] names, seen from frame fr.
  Generic* genericType(ast::IndexExpr* ix, const Frame* fr) const {
    auto* base = ast::dynCast<ast::Ident>(ast::unparen(ix->x));
    if (!base) return nullptr;
    Generic* g = c_.genericOf(lookupFrom((fr ? fr->g : g_)->fileScope, base->name));
    return g && g->tspec ? g : nullptr;
  }

  bool unify(ast::Expr* pe, Type* at, const Frame* fr = nullptr) {
    pe = ast::unparen(pe);
    if (!at || at == c_.store_.invalid()) return true;
    if (fr) {
      if (int k = indexIn(fr->g, pe); k >= 0) return size_t(k) < fr->args.size() ? unify(fr->args[size_t(k)], at, fr->parent) : true;
    } else if (int i = paramIndex(pe); i >= 0) {
      Type*& b = bound_[size_t(i)];
      if (!b) {
        b = at;
        return true;
      }
      if (identical(b, at)) return true;
      // inexact: a literal binding gives way to a named type with that underlying type
      if (!isNamed(b) && isNamed(at) && identical(b, at->underlying())) {
        b = at;
        return true;
      }
      if (isNamed(b) && !isNamed(at) && identical(b->underlying(), at)) return true;
      conflictParam = i;
      return false;
    }
    Type* u = at->underlying();
    switch (pe->kind) {
      case ast::Kind::StarExpr:
        if (auto* p = as<Pointer>(u)) return unify(ast::cast<ast::StarExpr>(pe)->x, p->elem, fr);
        return true;
      case ast::Kind::ArrayType: {
        auto* a = ast::cast<ast::ArrayType>(pe);
        if (!a->len) {
          if (auto* sl = as<Slice>(u)) return unify(a->elt, sl->elem, fr);
        } else if (auto* arr = as<Array>(u)) {
          return unify(a->elt, arr->elem, fr);
        }
        return true;
      }
      case ast::Kind::Ellipsis:
        if (auto* sl = as<Slice>(u)) return unify(ast::cast<ast::Ellipsis>(pe)->elt, sl->elem, fr);
        return true;
      case ast::Kind::MapType:
        if (auto* m = as<Map>(u))
          return unify(ast::cast<ast::MapType>(pe)->key, m->key, fr) && unify(ast::cast<ast::MapType>(pe)->value, m->elem, fr);
        return true;
      case ast::Kind::ChanType:
        if (auto* ch = as<Chan>(u)) return unify(ast::cast<ast::ChanType>(pe)->value, ch->elem, fr);
        return true;
      case ast::Kind::FuncType: {
        auto* ft = ast::cast<ast::FuncType>(pe);
        auto* sig = as<Signature>(u);
        if (!sig) return true;
        return unifyFields(ft->params, sig->params, fr) && unifyFields(ft->results, sig->results, fr);
      }
      case ast::Kind::StructType: {
        auto* st = as<Struct>(u);
        if (!st) return true;
        size_t i = 0;
        for (ast::Field* f : ast::cast<ast::StructType>(pe)->fields->list) {
          size_t n = f->names.empty() ? 1 : f->names.size();
          for (size_t k = 0; k < n; k++, i++) {
            if (i >= st->fields.size()) return true;
            if (!unify(f->type, st->fields[i]->type, fr)) return false;
          }
        }
        return true;
      }
      case ast::Kind::IndexExpr: {
        auto* ix = ast::cast<ast::IndexExpr>(pe);
        Generic* g = genericType(ix, fr);
        if (!g) return true;
        std::vector<ast::Expr*> args = indexArgs(ix);
        auto* n = as<Named>(at);
        if (n && n->origin == g->obj->type) {
          for (size_t i = 0; i < args.size() && i < n->targs.size(); i++)
            if (!unify(args[i], n->targs[i], fr)) return false;
          return true;
        }
        // another type: match it against the generic type's declaration
        Frame inner{g, args, fr};
        return unify(g->tspec->type, at, &inner);
      }
      default: return true;
    }
  }

  bool unifyFields(ast::FieldList* fl, Tuple* t, const Frame* fr) {
    if (!fl) return true;
    size_t i = 0;
    for (ast::Field* f : fl->list) {
      size_t n = f->names.empty() ? 1 : f->names.size();
      for (size_t k = 0; k < n; k++, i++) {
        if (i >= t->vars.size()) return true;
        if (!unify(f->type, t->vars[i]->type, fr)) return false;
      }
    }
    return true;
  }

  // The single type term of a constraint (its core type), as an expression
  // read in *fr: ~[]E, *B of interface{ *B; Set(string) }, through generic
  // interfaces (Setter[T]).
  struct Core {
    ast::Expr* expr = nullptr;
    bool tilde = false;
    const Frame* frame = nullptr;
  };
  bool coreOf(ast::Expr* c, const Frame* fr, Core& out) {
    c = ast::unparen(c);
    switch (c->kind) {
      case ast::Kind::UnaryExpr: {
        auto* t = ast::cast<ast::UnaryExpr>(c);
        if (t->op != Tok::Tilde) return false;
        out = {ast::unparen(t->x), true, fr};
        return true;
      }
      case ast::Kind::StarExpr: case ast::Kind::ArrayType: case ast::Kind::MapType: case ast::Kind::ChanType:
      case ast::Kind::FuncType: case ast::Kind::StructType:
        out = {c, false, fr};
        return true;
      case ast::Kind::InterfaceType: {
        ast::Expr* term = nullptr;
        for (ast::Field* f : ast::cast<ast::InterfaceType>(c)->methods->list) {
          if (!f->names.empty()) continue;
          ast::Expr* t = ast::unparen(f->type);
          if (ast::isa<ast::Ident>(t) || ast::isa<ast::SelectorExpr>(t) || ast::isa<ast::IndexExpr>(t)) continue;
          if (term) return false;
          term = t;
        }
        return term && coreOf(term, fr, out);
      }
      case ast::Kind::IndexExpr: {
        auto* ix = ast::cast<ast::IndexExpr>(c);
        Generic* g = genericType(ix, fr);
        if (!g || !ast::isa<ast::InterfaceType>(ast::unparen(g->tspec->type))) return false;
        frames_.push_back(std::make_unique<Frame>(Frame{g, indexArgs(ix), fr}));
        return coreOf(g->tspec->type, frames_.back().get(), out);
      }
      default: return false;
    }
  }

  // Whether every type parameter e mentions (through frames) is bound.
  bool known(ast::Expr* e, const Frame* fr) {
    bool ok = true;
    ast::inspect(e, [&](ast::Node* n) {
      auto* id = ast::dynCast<ast::Ident>(n);
      if (!id || !ok) return ok;
      if (fr) {
        if (int k = indexIn(fr->g, id); k >= 0 && size_t(k) < fr->args.size()) ok = known(fr->args[size_t(k)], fr->parent);
      } else if (int i = paramIndex(id); i >= 0) {
        ok = bound_[size_t(i)] != nullptr;
      }
      return ok;
    });
    return ok;
  }

  // The type e denotes in frame fr, every parameter it mentions being bound.
  Type* evaluate(ast::Expr* e, const Frame* fr) {
    DeclContext ctx(c_);
    if (!fr) {
      c_.scope_ = c_.bindTypeParams(g_, paramIdents(g_->tparams), bound_, g_->fileScope);
    } else {
      std::vector<Type*> args;
      for (ast::Expr* a : fr->args) args.push_back(evaluate(a, fr->parent));
      c_.scope_ = c_.bindTypeParams(fr->g, paramIdents(fr->g->tparams), args, fr->g->fileScope);
    }
    return c_.typExpr(ast::cloneNode(c_.prog_.arena, e));
  }

 private:
  Checker& c_;
  Generic* g_;
  std::vector<Type*>& bound_;
  std::vector<std::unique_ptr<Frame>> frames_;
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

// Infers the type arguments targs lacks from a call's arguments (none for a
// partial instantiation F[int], call being null there); errAt is where a
// parameter that stays unknown is reported.
bool Checker::inferTypeArgs(Generic* g, ast::CallExpr* call, Pos errAt, std::vector<Operand>& args,
                            std::vector<Type*>& targs) {
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
      return call && call->hasEllipsis() ? static_cast<ast::Expr*>(el) : el->elt;
    }
    return i < params.size() ? params[i] : nullptr;
  };

  Unifier u(*this, g, bound);
  for (size_t i = 0; i < args.size(); i++) {
    ast::Expr* pe = paramFor(i);
    Operand& a = args[i];
    if (!pe || a.isNil() || isUntyped(a.type)) continue;
    std::vector<Type*> before = bound;
    if (!u.unify(pe, a.type)) {
      size_t p = size_t(u.conflictParam);
      std::string want = u.paramIndex(pe) >= 0 ? typeStr(before[p]) : exprStr(pe);
      error(errPos(a.expr), "type " + typeStr(a.type) + " of " + exprStr(a.expr) + " does not match " +
                                (u.paramIndex(pe) >= 0 ? "inferred type " + want + " for " + exprStr(pe) : want));
      return false;
    }
  }

  // constraint type inference: a parameter whose constraint has a core type
  // (S ~[]E) is related to it both ways
  auto constraintInference = [&] {
    for (bool progress = true; progress;) {
      progress = false;
      size_t p = 0;
      for (ast::Field* f : g->tparams->list) {
        for (size_t k = 0; k < f->names.size(); k++, p++) {
          Unifier::Core core;
          if (!u.coreOf(f->type, nullptr, core)) continue;
          if (bound[p]) {
            std::vector<Type*> before = bound;
            if (u.unify(core.expr, core.tilde ? bound[p]->underlying() : bound[p], core.frame) && before != bound)
              progress = true;
          } else if (!core.tilde && u.known(core.expr, core.frame)) {
            bound[p] = u.evaluate(core.expr, core.frame);
            progress = true;
          }
        }
      }
    }
  };
  constraintInference();

  // untyped constants bound to a bare type parameter still unknown
  bool defaulted = false;
  for (size_t p = 0; p < n; p++) {
    if (bound[p]) continue;
    Type* best = nullptr;
    for (size_t i = 0; i < args.size(); i++) {
      ast::Expr* pe = paramFor(i);
      if (!pe || u.paramIndex(pe) != int(p) || !isUntyped(args[i].type) || args[i].isNil()) continue;
      // numeric kinds combine (Go 1.21: the largest wins); others must agree
      if (best && (untypedRank(best) == 0 || untypedRank(args[i].type) == 0) &&
          !identical(defaultType(best), defaultType(args[i].type))) {
        error(errPos(args[i].expr), "default type " + typeStr(defaultType(args[i].type)) + " of " + exprStr(args[i].expr) +
                                        " does not match inferred type " + typeStr(defaultType(best)) + " for " +
                                        g->names[p]);
        return false;
      }
      if (!best || untypedRank(args[i].type) > untypedRank(best)) best = args[i].type;
    }
    if (best) {
      bound[p] = defaultType(best);
      defaulted = true;
    }
  }
  if (defaulted) constraintInference();

  for (size_t p = 0; p < n; p++) {
    if (!bound[p]) {
      error(errAt, cannotInfer(g, p));
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
      error(ix->more[g->names.size() - 1]->pos,
            "got " + std::to_string(targs.size()) + " type arguments but want " + std::to_string(g->names.size()));
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
  if (!inferTypeArgs(g, e, e->lparen, args, targs)) return;
  // gc reports unsatisfied constraints at the explicit type argument, or at
  // the call's parenthesis when they were inferred
  Pos at = ix ? ix->index->pos : e->lparen;
  Func* inst = instantiateFunc(g, targs, at);
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
  callResult(x, sig);
}

// A generic function used as a value of function type: its type arguments
// are inferred from that type (Go 1.21: var f func(int) int = Identity).
void Checker::genericValue(Operand& x, ast::Ident* id, Generic* g, Signature* target) {
  recordUse(id, g->obj);
  x.expr = id;
  x.mode = Mode::Invalid;
  std::vector<Type*> bound(g->names.size(), nullptr);
  Unifier u(*this, g, bound);
  u.unifyFields(g->fdecl->type->params, target->params, nullptr);
  u.unifyFields(g->fdecl->type->results, target->results, nullptr);
  for (size_t p = 0; p < bound.size(); p++) {
    if (!bound[p]) {
      error(id->pos, cannotInfer(g, p));
      return;
    }
  }
  Func* inst = instantiateFunc(g, bound, id->pos);
  if (!inst) return;
  info_.uses[id] = inst;
  if (decl_) decl_->deps.insert(inst);
  x.mode = Mode::Value;
  x.type = inst->type;
}

bool Checker::namesGenericFunc(ast::Expr* e) {
  Generic* g = ast::isa<ast::Ident>(e) ? genericExpr(e) : nullptr;
  return g && g->fdecl;
}

}  // namespace gol
