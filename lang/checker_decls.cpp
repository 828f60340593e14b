// checker_decls.cpp — package-level and local declarations (go/types
// resolver.go, decl.go, initorder.go).
//
// Invariants: every package-level object is declared in the package scope
// (imports in their file scope) before any is resolved; objDecl resolves an
// object at most once, colouring it grey while in progress so that cycles are
// reported instead of recursing forever; method declarations are attached to
// their receiver base type before any body is checked.
#include <algorithm>
#include <functional>
#include <utility>

#include "lang/checker_internal.h"
#include "lang/lexer.h"

namespace gol {

// Why gc rejects an import path, or "" if it does not: the path must be
// non-empty and every character graphic, not a space, and none of a set of
// punctuation (the rules of types2's validatedImportPath).
static std::string importPathProblem(const std::string& path) {
  if (path.empty()) return "empty string";
  static constexpr std::string_view kIllegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`";
  for (size_t i = 0; i < path.size();) {
    auto [r, w] = decodeUTF8(path, i);
    char32_t c = r < 0 ? 0xFFFD : char32_t(r);
    bool space = c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || c == 0x1680 ||
                 (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
                 c == 0x3000;
    if (!isPrintable(c) || space || c == 0xFFFD || (c < 0x80 && kIllegal.find(char(c)) != std::string_view::npos))
      return "invalid character " + formatCodePoint(c);
    i += size_t(w > 0 ? w : 1);
  }
  return "";
}

// The path with empty and "." elements dropped and "x/.." pairs resolved, as
// gc wants it spelled; relative and absolute paths are left to other checks.
static std::string canonicalImportPath(const std::string& path) {
  if (path.empty() || path[0] == '/' || path.rfind("./", 0) == 0 || path.rfind("../", 0) == 0 || path == "." ||
      path == "..")
    return path;
  std::vector<std::string> elems;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string e = path.substr(start, end - start);
    if (e == "..") {
      if (!elems.empty() && elems.back() != "..") elems.pop_back();
      else elems.push_back(e);
    } else if (!e.empty() && e != ".") {
      elems.push_back(e);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& e : elems) out += (out.empty() ? "" : "/") + e;
  return out.empty() ? "." : out;
}

void Checker::error(Pos p, std::string msg) {
  errs_.push_back({errPosOverride_.valid() ? errPosOverride_ : p, std::move(msg)});
}

Pos Checker::errPos(const ast::Expr* e) {
  if (auto* s = ast::dynCast<ast::SliceExpr>(e)) return s->lbrack;
  if (auto* kv = ast::dynCast<ast::KeyValueExpr>(e)) return kv->colon;
  return e->pos;
}

void Checker::checkFiles(const std::vector<ast::File*>& files, const std::vector<uint32_t>& fileIdx,
                         const std::function<Package*(const std::string&, Pos)>& importer) {
  collectObjects(files, importer);
  packageObjects();
  checkFuncBodies();
  checkUninstantiated();
  for (size_t i = 0; i < later_.size(); i++) later_[i]();
  initOrder();
  markGenericImports();
  unusedImports();
  finalizeUntyped();
  if (pkg_->path == "main") {
    for (auto& [obj, d] : objMap_) {
      if (obj->name == "main" && d->fdecl && !d->fdecl->recv) {
        auto* sig = static_cast<Signature*>(obj->type);
        if (sig && (!sig->params->vars.empty() || !sig->results->vars.empty()))
          error(obj->pos, "func main must have no arguments and no return values");
      }
    }
  }
}

void Checker::declarePkgObj(ast::Ident* id, Object* obj, DeclInfo* d) {
  if (id->name == "init" && obj->kind != ObjKind::Func) {
    error(id->pos, "cannot declare init - must be func");
    return;
  }
  if (id->name == "main" && pkg_->path == "main" && obj->kind != ObjKind::Func) {
    error(id->pos, "cannot declare main - must be func");
    return;
  }
  info_.defs[id] = obj;
  if (!id->isBlank()) {
    if (Object* alt = pkg_->scope->insert(obj)) {
      error(id->pos, id->name + " redeclared in this block\n\t" + prog_.fset.position(alt->pos) + ": other declaration of " + id->name);
      return;
    }
  }
  objMap_[obj] = d;
  objList_.push_back(obj);
}

void Checker::collectObjects(const std::vector<ast::File*>& files,
                             const std::function<Package*(const std::string&, Pos)>& importer) {
  for (ast::File* f : files) {
    Scope* fileScope = store_.newScope(pkg_->scope, f->pos, "file");
    info_.scopes[f] = fileScope;
    fileScopes_.push_back(fileScope);
    if (f->name) info_.defs[f->name] = nullptr;
    silentUndefined_.insert(f->rejectedNames.begin(), f->rejectedNames.end());
    if (pkg_->isStd) pkg_->genericNames.insert(f->rejectedNames.begin(), f->rejectedNames.end());
    for (ast::Decl* decl : f->decls) {
      if (auto* g = ast::dynCast<ast::GenDecl>(decl)) {
        std::vector<ast::Expr*> lastValues;
        ast::Expr* lastType = nullptr;
        for (ast::Spec* spec : g->specs) {
          switch (g->tok) {
            case Tok::Import: {
              auto* s = ast::cast<ast::ImportSpec>(spec);
              std::string path = unquoteString(s->path->value);
              if (std::string why = importPathProblem(path); !why.empty()) {
                error(s->path->pos, "invalid import path (" + why + ")");
                continue;
              }
              if (std::string canon = canonicalImportPath(path); canon != path) {
                // importPathProblem let no quote or backslash through: quoting is adding quotes
                error(s->path->pos, "non-canonical import path \"" + path + "\" (should be \"" + canon + "\")");
                continue;
              }
              // `import _ "unsafe"` only licenses //go:linkname, which needs nothing of the package.
              if (path == "unsafe" && s->name && s->name->name == "_") continue;
              Package* imp = importer(path, s->path->pos);
              if (!imp) continue;
              if (!imp->broken && std::find(pkg_->imports.begin(), pkg_->imports.end(), imp) == pkg_->imports.end())
                pkg_->imports.push_back(imp);
              std::string name = s->name ? s->name->name : imp->name;
              if (name == "_") continue;
              Pos pos = s->name ? s->name->pos : s->path->pos;
              auto* pn = store_.newObject<PkgName>(pos, pkg_, name, imp);
              pn->used = imp->broken;
              if (s->name) info_.defs[s->name] = pn;
              else info_.implicits[s] = pn;
              if (name == "." && imp->broken) silentAllUndefined_ = true;
              if (name == ".") {
                // dot import: the exported objects join the file scope
                for (auto& [n, obj] : imp->scope->elems)
                  if (obj->exported()) fileScope->insert(obj);
                pkgNames_.push_back(pn);
                continue;
              }
              if (Object* alt = fileScope->insert(pn)) {
                error(pos, name + " redeclared in this block\n\t" + prog_.fset.position(alt->pos) + ": other declaration of " + name);
                continue;
              }
              pkgNames_.push_back(pn);
              break;
            }
            case Tok::Const: {
              auto* s = ast::cast<ast::ValueSpec>(spec);
              if (s->type || !s->values.empty()) {
                lastType = s->type;
                lastValues = s->values;
              }
              for (size_t i = 0; i < s->names.size(); i++) {
                ast::Ident* id = s->names[i];
                auto* obj = store_.newObject<Const>(id->pos, pkg_, id->name, nullptr, constant::Value());
                auto* d = declInfos_.emplace_back(std::make_unique<DeclInfo>()).get();
                d->fileScope = fileScope;
                d->vspec = s;
                d->typeExpr = lastType;
                d->init = i < lastValues.size() ? lastValues[i] : nullptr;
                d->iota = s->iota;
                d->inherited = s->values.empty();
                declarePkgObj(id, obj, d);
              }
              arity(s->pos, s->names, s->type || !s->values.empty() ? s->values : lastValues, true,
                    !(s->type || !s->values.empty()));
              break;
            }
            case Tok::Var: {
              auto* s = ast::cast<ast::ValueSpec>(spec);
              std::vector<Var*> vars;
              for (ast::Ident* id : s->names) vars.push_back(store_.newObject<Var>(id->pos, pkg_, id->name, nullptr, VarKind::Global));
              DeclInfo* shared = nullptr;
              for (size_t i = 0; i < s->names.size(); i++) {
                DeclInfo* d;
                if (s->values.size() == 1 && s->names.size() > 1) {
                  if (!shared) {
                    shared = declInfos_.emplace_back(std::make_unique<DeclInfo>()).get();
                    shared->fileScope = fileScope;
                    shared->vspec = s;
                    shared->typeExpr = s->type;
                    shared->init = s->values[0];
                    shared->lhs = vars;
                  }
                  d = shared;
                } else {
                  d = declInfos_.emplace_back(std::make_unique<DeclInfo>()).get();
                  d->fileScope = fileScope;
                  d->vspec = s;
                  d->typeExpr = s->type;
                  d->init = i < s->values.size() ? s->values[i] : nullptr;
                }
                declarePkgObj(s->names[i], vars[i], d);
              }
              arity(s->pos, s->names, s->values, false, false);
              break;
            }
            case Tok::Type: {
              auto* s = ast::cast<ast::TypeSpec>(spec);
              auto* obj = store_.newObject<TypeName>(s->name->pos, pkg_, s->name->name, nullptr);
              auto* d = declInfos_.emplace_back(std::make_unique<DeclInfo>()).get();
              d->fileScope = fileScope;
              d->tspec = s;
              declarePkgObj(s->name, obj, d);
              if (s->typeParams) registerGeneric(obj, s->typeParams, s, nullptr, fileScope);
              break;
            }
            default: break;
          }
        }
      } else if (auto* fd = ast::dynCast<ast::FuncDecl>(decl)) {
        auto* d = declInfos_.emplace_back(std::make_unique<DeclInfo>()).get();
        d->fileScope = fileScope;
        d->fdecl = fd;
        auto* obj = store_.newObject<Func>(fd->name->pos, pkg_, fd->name->name, nullptr);
        obj->decl = fd;
        if (!fd->body && !pkg_->isStd) error(fd->name->pos, "missing function body");
        if (fd->recv && isGenericMethod(fd)) {
          // instantiated with its receiver type (checker_generics.cpp)
          genericMethods_.push_back(fd);
          genericDecls_.push_back({fd, fileScope});
          continue;
        }
        if (fd->type->typeParams && !fd->recv) registerGeneric(obj, fd->type->typeParams, nullptr, fd, fileScope);
        if (fd->recv) {
          info_.defs[fd->name] = obj;
          methodDecls_.push_back({fd, d});
          objMap_[obj] = d;
          funcs_.push_back({obj, d});
          continue;
        }
        if (fd->name->name == "init") {
          info_.defs[fd->name] = obj;
          obj->parent = pkg_->scope;
          if (!fd->type->params->list.empty() || (fd->type->results && !fd->type->results->list.empty()))
            error(fd->name->pos, "func init must have no arguments and no return values");
          objMap_[obj] = d;
          objList_.push_back(obj);
        } else {
          declarePkgObj(fd->name, obj, d);
        }
        funcs_.push_back({obj, d});
      }
    }
  }
  // package names must not conflict with package-level objects
  for (Scope* fs : fileScopes_) {
    for (auto& [name, obj] : fs->elems) {
      if (obj->kind != ObjKind::PkgName) continue;
      if (Object* alt = pkg_->scope->lookup(name)) {
        error(alt->pos, name + " already declared through import of package " + static_cast<PkgName*>(obj)->imported->name);
      }
    }
  }
}

void Checker::packageObjects() {
  // Types first so that method sets are complete before values use them.
  for (Object* obj : objList_)
    if (obj->kind == ObjKind::TypeName) objDecl(obj);
  checkGenericMethods();
  // Methods: attach to receiver base types (signature checked in funcDecl).
  for (auto& [fd, d] : methodDecls_) {
    Func* f = asObj<Func>(info_.defs[fd->name]);
    if (f) objDecl(f);
  }
  for (Object* obj : objList_) objDecl(obj);
}

void Checker::objDecl(Object* obj) {
  Color& c = color_[obj];
  if (c == Color::Black) return;
  DeclInfo* d = objMap_.count(obj) ? objMap_[obj] : nullptr;
  if (!d) return;
  // a declaration another one uses does not nest in that use
  struct ResetDepth {
    int& depth;
    int saved;
    ~ResetDepth() { depth = saved; }
  } resetDepth{depth_, std::exchange(depth_, 0)};
  DepthGuard guard(*this, obj->pos);
  if (guard.tooDeep) {
    // given up on for good: checking it again from each use would be quadratic
    if (!obj->type) obj->type = store_.invalid();
    c = Color::Black;
    return;
  }
  if (c == Color::Grey) {
    // a cycle through declarations
    switch (obj->kind) {
      case ObjKind::Var:
        if (!obj->type) obj->type = store_.invalid();  // initOrder reports the loop
        break;
      case ObjKind::Const:
        if (!obj->type) {
          error(obj->pos, "initialization cycle or invalid recursive reference to " + obj->name);
          obj->type = store_.invalid();
        }
        break;
      case ObjKind::TypeName:
        if (!obj->type) {
          error(obj->pos, "invalid recursive type " + obj->name);
          obj->type = store_.invalid();
        }
        break;
      case ObjKind::Func:
        if (!obj->type) {
          error(obj->pos, "invalid recursive reference to function " + obj->name);
          obj->type = store_.invalid();
        }
        break;
      default: break;
    }
    return;
  }
  c = Color::Grey;
  // package-level declarations are checked in package scope with no function context
  Scope* savedScope = scope_;
  FuncCtx* savedFunc = func_;
  DeclInfo* savedDecl = decl_;
  int savedIota = iota_;
  scope_ = d->fileScope;
  func_ = nullptr;
  decl_ = d;
  switch (obj->kind) {
    case ObjKind::Const: constDecl(static_cast<Const*>(obj), d->typeExpr, d->init, d->iota, d->inherited); break;
    case ObjKind::Var: varDecl(static_cast<Var*>(obj), d->lhs, d->typeExpr, d->init); break;
    case ObjKind::TypeName: typeDecl(static_cast<TypeName*>(obj), d->tspec); break;
    case ObjKind::Func: funcDecl(static_cast<Func*>(obj), d); break;
    default: break;
  }
  scope_ = savedScope;
  func_ = savedFunc;
  decl_ = savedDecl;
  iota_ = savedIota;
  color_[obj] = Color::Black;
}

void Checker::constDecl(Const* obj, ast::Expr* typeExpr, ast::Expr* init, int iota, bool inherited) {
  int savedIota = iota_;
  iota_ = iota;
  Pos savedErrPos = errPosOverride_;
  if (inherited) errPosOverride_ = obj->pos;
  struct Restore {
    Pos& p;
    Pos v;
    ~Restore() { p = v; }
  } restore{errPosOverride_, savedErrPos};
  Type* t = nullptr;
  if (typeExpr) {
    t = typExpr(typeExpr);
    if (t != store_.invalid() && !isConstType(t)) {
      error(typeExpr->pos, "invalid constant type " + typeStr(t));
      t = store_.invalid();
    }
  }
  Operand x;
  if (init) {
    expr(x, init);
  }
  if (!init || x.invalid()) {
    obj->type = t ? t : store_.invalid();
    obj->val = constant::Value();
    iota_ = savedIota;
    return;
  }
  if (x.mode != Mode::Constant) {
    error(errPos(x.expr), operandStr(x) + " is not constant");
    obj->type = store_.invalid();
    iota_ = savedIota;
    return;
  }
  if (t && t != store_.invalid()) assignment(x, t, "constant declaration");
  if (x.invalid()) {
    obj->type = store_.invalid();
  } else {
    obj->type = x.type;
    obj->val = x.val;
  }
  iota_ = savedIota;
}

void Checker::varDecl(Var* obj, const std::vector<Var*>& lhs, ast::Expr* typeExpr, ast::Expr* init) {
  Pos savedSizePos = std::exchange(sizePos_, obj->pos);
  Type* t = typeExpr ? typExpr(typeExpr) : nullptr;
  sizePos_ = savedSizePos;
  if (t) {
    obj->type = t;
    for (Var* v : lhs) v->type = t;
  }
  if (!init) {
    if (!t) obj->type = store_.invalid();
    return;
  }
  if (lhs.empty()) {
    Operand x;
    exprWithHint(x, init, t);
    initVar(obj, x, "variable declaration");
    return;
  }
  // var a, b = f()
  std::vector<ast::Expr*> rhs{init};
  initVars(lhs, rhs, Pos{}, false);
  for (Var* v : lhs) color_[v] = Color::Black;
}

// Reports a cycle of type declarations, starting at the one first in source.
void Checker::cycleError(const std::vector<Object*>& cycle) {
  size_t first = 0;
  for (size_t i = 1; i < cycle.size(); i++)
    if (cycle[i]->pos < cycle[first]->pos) first = i;
  std::string msg = "invalid recursive type " + cycle[first]->name;
  for (size_t k = 0; k < cycle.size(); k++) {
    Object* o = cycle[(first + k) % cycle.size()];
    msg += "\n\t" + prog_.fset.position(o->pos) + ": " + o->name + " refers to";
  }
  msg += "\n\t" + prog_.fset.position(cycle[first]->pos) + ": " + cycle[first]->name;
  error(cycle[first]->pos, msg);
}

void Checker::typeDecl(TypeName* obj, ast::TypeSpec* spec) {
  ast::Expr* declared = ast::unparen(spec->type);
  typePath_.push_back(obj);
  typePathLiteral_.push_back(!ast::isa<ast::Ident>(declared) && !ast::isa<ast::SelectorExpr>(declared));
  struct Pop {
    Checker& c;
    ~Pop() {
      c.typePath_.pop_back();
      c.typePathLiteral_.pop_back();
    }
  } pop{*this};
  Pos savedSizePos = std::exchange(sizePos_, obj->pos);
  struct RestorePos {
    Pos& p;
    Pos v;
    ~RestorePos() { p = v; }
  } restorePos{sizePos_, savedSizePos};
  if (spec->typeParams) {
    declareGenericType(obj, spec);
    return;
  }
  if (spec->isAlias()) {
    obj->isAlias = true;
    obj->type = nullptr;  // in progress: a use now is a cycle
    Type* t = typExpr(spec->type);
    obj->type = t;
    return;
  }
  // an instance's Named exists before its declaration is checked
  auto* named = as<Named>(obj->type);
  if (!named) {
    named = store_.newType<Named>();
    named->obj = obj;
    obj->type = named;
  }
  namedPos_[named] = obj->pos;
  Type* u = definedType(spec->type, named);
  if (auto* un = as<Named>(u); un && !un->under) {
    // The underlying type is a type still being declared. Only a chain of
    // declarations each naming the next (type A B; type B A) is a cycle;
    // through a type literal it is a type that refers to itself.
    auto it = std::find(typePath_.begin(), typePath_.end(), un->obj);
    auto lit = typePathLiteral_.begin() + (it - typePath_.begin());
    bool unPending = std::any_of(pendingUnder_.begin(), pendingUnder_.end(), [&](auto& p) { return p.first == un; });
    if (unPending ||
        (it != typePath_.end() && std::find(lit, typePathLiteral_.end(), true) != typePathLiteral_.end())) {
      pendingUnder_.push_back({named, un});
      return;
    }
    if (it != typePath_.end()) cycleError(std::vector<Object*>(it, typePath_.end()));
    for (auto p = it; p != typePath_.end(); ++p)
      if (auto* pn = as<Named>((*p)->type)) pn->under = store_.invalid();
    named->under = store_.invalid();
    return;
  }
  Type* under = u->underlying();
  if (under->kind == TypeKind::Named) under = store_.invalid();
  named->under = under ? under : store_.invalid();
  // resolve methods declared on this type now, so the method set is complete
  validType(named, obj->pos);
  resolvePendingUnderlying();
}

void Checker::resolvePendingUnderlying() {
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t i = 0; i < pendingUnder_.size(); i++) {
      auto [named, target] = pendingUnder_[i];
      if (!target->under) continue;
      named->under = target->under;
      pendingUnder_.erase(pendingUnder_.begin() + i);
      validType(named, named->obj->pos);
      progress = true;
      break;
    }
  }
}

// Reports "invalid recursive type" for types that contain themselves by value.
void Checker::validType(Named* n, Pos pos) {
  std::vector<const Named*> path;
  std::function<bool(const Type*)> visit = [&](const Type* t) -> bool {
    if (!t) return true;
    switch (t->kind) {
      case TypeKind::Named: {
        auto* nn = static_cast<const Named*>(t);
        if (nn->obj->pkg != pkg_) return true;
        auto it = std::find(path.begin(), path.end(), nn);
        if (it != path.end()) {
          if (nn == n) {
            std::string msg = "invalid recursive type " + n->obj->name;
            for (auto p = it; p != path.end(); ++p)
              msg += "\n\t" + prog_.fset.position((*p)->obj->pos) + ": " + (*p)->obj->name + " refers to";
            msg += "\n\t" + prog_.fset.position(n->obj->pos) + ": " + n->obj->name;
            error(pos, msg);
            const_cast<Named*>(n)->under = store_.invalid();
          }
          return false;
        }
        if (path.size() > 64) return true;
        path.push_back(nn);
        bool ok = visit(nn->under);
        path.pop_back();
        return ok;
      }
      case TypeKind::Array: return visit(static_cast<const Array*>(t)->elem);
      case TypeKind::Struct:
        for (const Var* f : static_cast<const Struct*>(t)->fields)
          if (!visit(f->type)) return false;
        return true;
      default: return true;
    }
  };
  path.push_back(n);
  visit(n->under);
}

void Checker::funcDecl(Func* obj, DeclInfo* d) {
  ast::FuncDecl* fd = d->fdecl;
  if (fd->type->typeParams) {
    declareGenericFunc(obj, d);
    return;
  }
  Scope* fscope = store_.newScope(d->fileScope, fd->pos, "function " + fd->name->name);
  fscope->isFunc = true;
  info_.scopes[fd->type] = fscope;
  Signature* sig = funcType(fd->type, fd->recv, fscope);
  obj->type = sig;
  if (!fd->recv) return;
  // attach the method to its receiver base type
  if (!sig->recv) return;
  Type* rt = sig->recv->type;
  if (auto* p = as<Pointer>(rt)) rt = p->elem;
  auto* named = as<Named>(rt);
  if (!named) return;
  if (named->obj->pkg != pkg_) return;
  for (Func* m : named->methods) {
    if (m->name == obj->name && obj->name != "_") {
      error(obj->pos, named->obj->name + "." + obj->name + " redeclared in this block\n\t" + prog_.fset.position(m->pos) +
                          ": other declaration of " + obj->name);
      return;
    }
  }
  if (auto* st = as<Struct>(named->under)) {
    for (Var* f : st->fields) {
      if (f->name == obj->name) {
        error(obj->pos, "field and method with the same name " + obj->name + "\n\t" + prog_.fset.position(f->pos) +
                            ": other declaration of " + obj->name);
        named->methods.push_back(obj);  // keep it: uses get no follow-on errors
        return;
      }
    }
  }
  if (obj->name != "_") named->methods.push_back(obj);
}

void Checker::checkFuncBodies() {
  for (; nextBody_ < funcs_.size(); nextBody_++) {
    auto [obj, d] = funcs_[nextBody_];
    if (!d->fdecl->body || !obj->type || obj->type->kind != TypeKind::Signature || d->fdecl->type->typeParams) continue;
    OnlyUndefinedNames filter(*this, d->opaque);
    auto ctx = std::make_unique<FuncCtx>();
    ctx->sig = obj->signature();
    ctx->node = d->fdecl;
    ctx->scope = info_.scopes[d->fdecl->type];
    FuncCtx* c = funcCtxs_.emplace_back(std::move(ctx)).get();
    // parameters are owned by this function
    for (auto& [n, o] : c->scope->elems)
      if (auto* v = asObj<Var>(o)) varOwner_[v] = c;
    decl_ = d;
    scope_ = c->scope;
    func_ = c;
    funcBody(c, d->fdecl->body);
    func_ = nullptr;
    decl_ = nullptr;
  }
}

void Checker::unusedImports() {
  for (PkgName* pn : pkgNames_) {
    if (pn->used || !silentUndefined_.empty() || tooDeepReported_) continue;
    std::string msg = "imported and not used: \"" + pn->imported->path + "\"";
    if (pn->name != pn->imported->name && pn->name != ".") msg += " as " + pn->name;
    error(pn->pos, msg);
  }
}

// Reports a mismatch between names and initializers of one spec (types2's
// arity check); for var specs a single initializer may be a multi-value call.
void Checker::arity(Pos pos, const std::vector<ast::Ident*>& names, const std::vector<ast::Expr*>& inits, bool isConst,
                    bool inherited) {
  size_t l = names.size(), r = inits.size();
  if (l < r) {
    ast::Expr* n = inits[l];
    if (inherited) error(pos, "extra init expr at " + prog_.fset.position(n->pos));
    else error(n->pos, "extra init expr " + exprStr(n));
  } else if (l > r && (isConst || r != 1) && (isConst || r != 0)) {
    error(names[r]->pos, "missing init expr for " + names[r]->name);
  }
}

// Package-level variable initialization order (Go spec "Package
// initialization"): repeatedly the earliest variable in declaration order
// whose dependencies are all initialized. Dependencies through functions are
// followed transitively.
void Checker::initOrder() {
  std::vector<Var*> vars;
  for (Object* obj : objList_)
    if (auto* v = asObj<Var>(obj)) vars.push_back(v);
  if (vars.empty()) return;
  std::unordered_map<Object*, std::set<Var*>> varDeps;
  std::function<void(Object*, std::set<Object*>&, std::set<Var*>&)> collect = [&](Object* o, std::set<Object*>& seen,
                                                                                   std::set<Var*>& out) {
    auto it = objMap_.find(o);
    if (it == objMap_.end()) return;
    for (Object* dep : it->second->deps) {
      if (!seen.insert(dep).second) continue;
      if (auto* v = asObj<Var>(dep)) out.insert(v);
      collect(dep, seen, out);
    }
  };
  for (Var* v : vars) {
    std::set<Object*> seen;
    collect(v, seen, varDeps[v]);
  }
  // cycle detection: a var depending on itself
  for (Var* v : vars) {
    if (!varDeps[v].count(v)) continue;
    // find the path for the message
    std::vector<Object*> path;
    std::set<Object*> visited;
    std::function<bool(Object*)> dfs = [&](Object* o) -> bool {
      auto it = objMap_.find(o);
      if (it == objMap_.end()) return false;
      for (Object* dep : it->second->deps) {
        if (dep == v) {
          path.push_back(o);
          return true;
        }
        if (!visited.insert(dep).second) continue;
        if (dfs(dep)) {
          path.push_back(o);
          return true;
        }
      }
      return false;
    };
    dfs(v);
    std::reverse(path.begin(), path.end());
    std::string msg = "initialization loop for " + v->name;
    for (Object* o : path) msg += "\n\t" + prog_.fset.position(o->pos) + ": " + o->name + " refers to";
    msg += "\n\t" + prog_.fset.position(v->pos) + ": " + v->name;
    error(v->pos, msg);
    return;
  }
  std::set<Var*> done;
  std::set<DeclInfo*> emitted;
  size_t remaining = vars.size();
  while (remaining > 0) {
    bool progress = false;
    for (Var* v : vars) {
      if (done.count(v)) continue;
      bool ready = true;
      for (Var* dep : varDeps[v])
        if (!done.count(dep) && dep != v) {
          ready = false;
          break;
        }
      if (!ready) continue;
      DeclInfo* d = objMap_[v];
      if (!d->lhs.empty()) {
        for (Var* w : d->lhs)
          if (done.insert(w).second) remaining--;
      } else {
        done.insert(v);
        remaining--;
      }
      if (d->init && emitted.insert(d).second) {
        Initializer init;
        init.lhs = d->lhs.empty() ? std::vector<Var*>{v} : d->lhs;
        init.rhs = d->init;
        info_.initOrder.push_back(std::move(init));
      }
      progress = true;
      break;
    }
    if (!progress) break;
  }
}

// Local const/type/var declarations (DeclStmt).
void Checker::declStmt(ast::GenDecl* g) {
  std::vector<ast::Expr*> lastValues;
  ast::Expr* lastType = nullptr;
  for (ast::Spec* spec : g->specs) {
    switch (g->tok) {
      case Tok::Const: {
        auto* s = ast::cast<ast::ValueSpec>(spec);
        if (s->type || !s->values.empty()) {
          lastType = s->type;
          lastValues = s->values;
        }
        std::vector<Const*> objs;
        for (size_t i = 0; i < s->names.size(); i++) {
          ast::Ident* id = s->names[i];
          auto* obj = store_.newObject<Const>(id->pos, pkg_, id->name, nullptr, constant::Value());
          constDecl(obj, lastType, i < lastValues.size() ? lastValues[i] : nullptr, s->iota, s->values.empty());
          objs.push_back(obj);
        }
        arity(s->pos, s->names, lastValues, true, s->values.empty() && !s->type);
        for (size_t i = 0; i < objs.size(); i++) declare(scope_, s->names[i], objs[i]);
        break;
      }
      case Tok::Var: {
        auto* s = ast::cast<ast::ValueSpec>(spec);
        std::vector<Var*> vars;
        for (ast::Ident* id : s->names) vars.push_back(store_.newObject<Var>(id->pos, pkg_, id->name, nullptr, VarKind::Local));
        Pos savedSizePos = std::exchange(sizePos_, s->names[0]->pos);
        Type* t = s->type ? typExpr(s->type) : nullptr;
        sizePos_ = savedSizePos;
        if (t)
          for (Var* v : vars) v->type = t;
        if (s->values.empty()) {
          if (!t)
            for (Var* v : vars) v->type = store_.invalid();
        } else if (s->values.size() == s->names.size()) {
          for (size_t i = 0; i < vars.size(); i++) {
            Operand x;
            exprWithHint(x, s->values[i], t);
            initVar(vars[i], x, "variable declaration");
          }
        } else if (s->values.size() == 1) {
          initVars(vars, s->values, Pos{}, false);  // var a, b = f()
        } else {
          arity(s->pos, s->names, s->values, false, false);
          useExprs(s->values);
          for (Var* v : vars)
            if (!v->type) v->type = store_.invalid();
        }
        for (size_t i = 0; i < vars.size(); i++) declareVar(vars[i], s->names[i]);
        break;
      }
      case Tok::Type: {
        auto* s = ast::cast<ast::TypeSpec>(spec);
        auto* obj = store_.newObject<TypeName>(s->name->pos, pkg_, s->name->name, nullptr);
        if (s->typeParams) registerGeneric(obj, s->typeParams, s, nullptr, scope_);  // instances are checked here
        declare(scope_, s->name, obj);  // in scope before the type: recursive types
        typeDecl(obj, s);
        break;
      }
      default: break;
    }
  }
}

}  // namespace gol
