// checker_exprs.cpp — expressions (go/types expr.go, call.go, index.go,
// selector lookups, composite and function literals).
//
// Invariants: after exprInternal the operand describes e and, unless invalid,
// has been recorded (record()); errors are reported once at gc's position and
// leave the operand invalid so callers stay silent; identifiers referring to
// local variables of an enclosing function mark them captured and add them to
// the capture lists of every function literal in between.
#include <algorithm>
#include <map>

#include "lang/checker_internal.h"
#include "lang/lexer.h"

namespace gol {

// ---- recording ---------------------------------------------------------------------

void Checker::recordType(ast::Expr* e, Mode m, Type* t, const constant::Value& v) {
  if (!e) return;
  if (t && isUntyped(t) && m != Mode::TypeExpr) {
    untyped_[e] = {m, t, v};
    return;
  }
  info_.types[e] = TypeAndValue{m, t, v};
}

void Checker::record(Operand& x) {
  if (!x.expr) return;
  if (x.invalid()) {
    info_.types[x.expr] = TypeAndValue{Mode::Invalid, store_.invalid(), {}};
    return;
  }
  recordType(x.expr, x.mode, x.type, x.val);
}

void Checker::updateExprType(ast::Expr* e, Type* t, bool final) {
  if (!e) return;
  auto it = untyped_.find(e);
  if (it == untyped_.end()) return;
  switch (e->kind) {
    case ast::Kind::ParenExpr: updateExprType(ast::cast<ast::ParenExpr>(e)->x, t, final); break;
    case ast::Kind::UnaryExpr: {
      auto* u = ast::cast<ast::UnaryExpr>(e);
      if (it->second.mode != Mode::Constant) updateExprType(u->x, t, final);
      break;
    }
    case ast::Kind::BinaryExpr: {
      auto* b = ast::cast<ast::BinaryExpr>(e);
      if (it->second.mode == Mode::Constant) break;
      bool cmp = b->op == Tok::Eql || b->op == Tok::Neq || b->op == Tok::Lss || b->op == Tok::Leq || b->op == Tok::Gtr || b->op == Tok::Geq;
      if (cmp) break;  // operands were typed when the comparison was checked
      if (b->op == Tok::Shl || b->op == Tok::Shr) {
        if (!isUntyped(t) && !isInteger(t)) {
          error(b->x->pos, "invalid operation: " + exprStr(e) + " (shift of type " + typeStr(t) + ")");
          untyped_.erase(it);
          info_.types[e] = TypeAndValue{Mode::Invalid, store_.invalid(), {}};
          return;
        }
        updateExprType(b->x, t, final);
      } else {
        updateExprType(b->x, t, final);
        updateExprType(b->y, t, final);
      }
      break;
    }
    default: break;
  }
  if (isUntyped(t) && !final) {
    it->second.type = t;
    return;
  }
  UntypedInfo u = it->second;
  untyped_.erase(it);
  Type* rt = t;
  if (isInterface(t) && !isUntyped(u.type)) rt = t;
  else if (isInterface(t)) rt = defaultType(u.type);
  if (isUntyped(rt) && static_cast<Basic*>(rt)->bkind != BasicKind::UntypedNil) rt = defaultType(rt);
  info_.types[e] = TypeAndValue{u.mode, rt, u.val};
}

void Checker::finalizeUntyped() {
  for (auto& [e, u] : untyped_) {
    Type* t = u.type;
    if (static_cast<Basic*>(t)->bkind != BasicKind::UntypedNil) t = defaultType(t);
    info_.types[e] = TypeAndValue{u.mode, t, u.val};
  }
  untyped_.clear();
}

// ---- lookup ----------------------------------------------------------------------------

Object* Checker::lookup(const std::string& name) {
  for (Scope* s = scope_; s; s = s->parent)
    if (Object* o = s->lookup(name)) return o;
  return nullptr;
}

void Checker::noteVarUse(Var* v, bool markUsed) {
  if (markUsed) v->used = true;
  if (v->varKind == VarKind::Global || v->varKind == VarKind::Field) return;
  auto it = varOwner_.find(v);
  if (it == varOwner_.end() || !func_) return;
  const FuncCtx* owner = it->second;
  for (FuncCtx* f = func_; f && f != owner; f = f->outer) {
    if (!f->lit) break;
    v->captured = true;
    auto& caps = info_.captures[f->lit];
    if (std::find(caps.begin(), caps.end(), v) == caps.end()) caps.push_back(v);
  }
}

void Checker::recordUse(ast::Ident* id, Object* obj) {
  info_.uses[id] = obj;
  if (decl_ && obj->pkg == pkg_ && obj->parent == pkg_->scope &&
      (obj->kind == ObjKind::Var || obj->kind == ObjKind::Func))
    decl_->deps.insert(obj);
}

void Checker::ident(Operand& x, ast::Ident* id, bool wantType) {
  x.expr = id;
  x.mode = Mode::Invalid;
  if (id->isBlank()) {
    error(id->pos, "cannot use _ as value or type");
    return;
  }
  Object* obj = lookup(id->name);
  if (!obj) {
    if (silentAllUndefined_ || silentUndefined_.count(id->name)) return;
    if (id->name == "iota") error(id->pos, "cannot use iota outside constant declaration");
    else error(id->pos, "undefined: " + id->name);
    return;
  }
  recordUse(id, obj);
  if (obj->pkg == pkg_ && obj->parent == pkg_->scope) objDecl(obj);
  if (Generic* g = genericOf(obj)) {
    // instantiations (indexExpr, callExpr) do not get here
    error(id->pos, "cannot use generic " + (g->fdecl ? "function " + obj->name : "type " + genericName(g)) +
                       " without instantiation");
    return;
  }
  switch (obj->kind) {
    case ObjKind::PkgName:
      error(id->pos, "use of package " + obj->name + " without selector");
      return;
    case ObjKind::Const: {
      auto* c = static_cast<Const*>(obj);
      if (c->name == "iota" && !c->pkg) {
        if (iota_ < 0) {
          error(id->pos, "cannot use iota outside constant declaration");
          return;
        }
        x.val = constant::Value::makeInt64(iota_);
      } else {
        x.val = c->val;
      }
      if (!c->type || c->type == store_.invalid()) return;
      x.mode = Mode::Constant;
      x.type = c->type;
      return;
    }
    case ObjKind::TypeName:
      if (!obj->type && static_cast<TypeName*>(obj)->isAlias) {
        auto it = std::find(typePath_.begin(), typePath_.end(), obj);
        if (it != typePath_.end()) cycleError(std::vector<Object*>(it, typePath_.end()));
        obj->type = store_.invalid();
      }
      x.mode = Mode::TypeExpr;
      x.type = obj->type ? obj->type : store_.invalid();
      if (x.type == store_.invalid()) x.mode = Mode::Invalid;
      return;
    case ObjKind::Var: {
      auto* v = static_cast<Var*>(obj);
      if (v->pkg == pkg_) noteVarUse(v);
      if (!v->type || v->type == store_.invalid()) return;
      x.mode = Mode::Variable;
      x.type = v->type;
      return;
    }
    case ObjKind::Func:
      if (!obj->type || obj->type == store_.invalid()) return;
      x.mode = Mode::Value;
      x.type = obj->type;
      return;
    case ObjKind::Builtin:
      x.mode = Mode::Builtin;
      x.builtin = static_cast<Builtin*>(obj)->id;
      x.type = store_.invalid();
      return;
    case ObjKind::Nil:
      x.nilValue = true;
      x.mode = Mode::Value;
      x.type = store_.basic(BasicKind::UntypedNil);
      return;
    default:
      return;
  }
  (void)wantType;
}

// ---- entry points ------------------------------------------------------------------------

void Checker::rawExpr(Operand& x, ast::Expr* e, Type* hint, bool) {
  DepthGuard g(*this, e->pos);
  if (g.tooDeep) {
    x.mode = Mode::Invalid;
    x.expr = e;
    return;
  }
  exprInternal(x, e, hint);
  x.expr = e;
  record(x);
}

void Checker::singleValue(Operand& x) {
  if (x.mode == Mode::Value && x.type && x.type->kind == TypeKind::Tuple) {
    auto* t = static_cast<Tuple*>(x.type);
    error(errPos(x.expr), "multiple-value " + operandStr(x) + " in single-value context");
    (void)t;
    x.mode = Mode::Invalid;
  }
}

static void exclude(Checker& c, Operand& x, bool allowType) {
  const char* msg = nullptr;
  switch (x.mode) {
    case Mode::NoValue: msg = "%s used as value"; break;
    case Mode::Builtin: msg = "%s must be called"; break;
    case Mode::TypeExpr: msg = allowType ? nullptr : "%s is not an expression"; break;
    default: break;
  }
  if (!msg) return;
  std::string s = msg;
  s.replace(s.find("%s"), 2, c.operandStr(x));
  c.error(Checker::errPos(x.expr), s);
  x.mode = Mode::Invalid;
}

void Checker::expr(Operand& x, ast::Expr* e) {
  rawExpr(x, e, nullptr, false);
  exclude(*this, x, false);
  singleValue(x);
}

void Checker::exprWithHint(Operand& x, ast::Expr* e, Type* hint) {
  rawExpr(x, e, hint, false);
  exclude(*this, x, false);
  singleValue(x);
}

void Checker::exprOrType(Operand& x, ast::Expr* e) {
  rawExpr(x, e, nullptr, false);
  exclude(*this, x, true);
  singleValue(x);
}

void Checker::multiExpr(std::vector<Operand>& xs, ast::Expr* e) {
  Operand x;
  rawExpr(x, e, nullptr, false);
  exclude(*this, x, false);
  if (x.mode == Mode::Value && x.type && x.type->kind == TypeKind::Tuple) {
    auto* t = static_cast<Tuple*>(x.type);
    for (Var* v : t->vars) {
      Operand o;
      o.mode = Mode::Value;
      o.expr = e;
      o.type = v->type;
      xs.push_back(o);
    }
    return;
  }
  xs.push_back(x);
}

void Checker::useExprs(const std::vector<ast::Expr*>& es) {
  for (ast::Expr* e : es) {
    if (!e) continue;
    Operand x;
    rawExpr(x, e, nullptr, false);
  }
}

void Checker::markAddressTaken(ast::Expr* e) {
  e = ast::unparen(e);
  if (auto* id = ast::dynCast<ast::Ident>(e)) {
    if (auto* v = asObj<Var>(info_.objectOf(id))) v->addressTaken = true;
    return;
  }
  if (auto* s = ast::dynCast<ast::SelectorExpr>(e)) {
    auto it = info_.selections.find(s);
    if (it != info_.selections.end() && it->second.kind == SelectionKind::FieldVal && !it->second.indirect)
      markAddressTaken(s->x);
    return;
  }
  if (auto* ix = ast::dynCast<ast::IndexExpr>(e)) {
    if (auto* tv = info_.typeOf(ix->x); tv && tv->type && tv->type->underlying()->kind == TypeKind::Array) markAddressTaken(ix->x);
    return;
  }
}

// ---- literals --------------------------------------------------------------------------------

void Checker::basicLit(Operand& x, ast::BasicLit* lit) {
  if (lit->bad) {
    x.mode = Mode::Invalid;
    return;
  }
  switch (lit->tok) {
    case Tok::Int:
      x.val = constant::Value::fromLiteral(Tok::Int, lit->value);
      x.type = store_.basic(BasicKind::UntypedInt);
      break;
    case Tok::Float:
      x.val = constant::Value::fromLiteral(Tok::Float, lit->value);
      x.type = store_.basic(BasicKind::UntypedFloat);
      break;
    case Tok::Imag:
      error(lit->pos, "complex numbers are not supported by gol");
      x.mode = Mode::Invalid;
      return;
    case Tok::Char:
      x.val = constant::Value::makeInt64(unquoteRune(lit->value));
      x.type = store_.basic(BasicKind::UntypedRune);
      break;
    default:
      x.val = constant::Value::makeString(unquoteString(lit->value));
      x.type = store_.basic(BasicKind::UntypedString);
      break;
  }
  if (!x.val.isKnown()) {
    if (lit->value.size() > 10000) error(lit->pos, "excessively long constant: " + lit->value.substr(0, 10) + "... (" + std::to_string(lit->value.size()) + " chars)");
    else if (lit->tok == Tok::Float) error(lit->pos, "floating-point constant " + lit->value + " is out of the range gol supports (exponent magnitude above 10000)");
    else error(lit->pos, "malformed constant: " + lit->value);
    x.mode = Mode::Invalid;
    return;
  }
  x.mode = Mode::Constant;
}

void Checker::funcLit(Operand& x, ast::FuncLit* lit) {
  Scope* s = store_.newScope(scope_, lit->pos, "function literal");
  s->isFunc = true;
  info_.scopes[lit->type] = s;
  Signature* sig = funcType(lit->type, nullptr, s);
  auto ctx = std::make_unique<FuncCtx>();
  ctx->sig = sig;
  ctx->node = lit;
  ctx->lit = lit;
  ctx->outer = func_;
  ctx->scope = s;
  FuncCtx* c = funcCtxs_.emplace_back(std::move(ctx)).get();
  for (auto& [n, o] : s->elems)
    if (auto* v = asObj<Var>(o)) varOwner_[v] = c;
  info_.captures[lit];  // present even when empty
  Scope* savedScope = scope_;
  FuncCtx* savedFunc = func_;
  int savedIota = iota_;
  iota_ = -1;
  scope_ = s;
  func_ = c;
  funcBody(c, lit->body);
  scope_ = savedScope;
  func_ = savedFunc;
  iota_ = savedIota;
  // captures of nested literals that belong to functions outside this one
  x.mode = Mode::Value;
  x.type = sig;
}

void Checker::compositeLit(Operand& x, ast::CompositeLit* e, Type* hint) {
  Type* typ = nullptr;
  Type* base = nullptr;
  if (e->type) {
    if (auto* at = ast::dynCast<ast::ArrayType>(e->type); at && at->len && ast::isa<ast::Ellipsis>(at->len)) {
      // [...]T{...}: length from the literal
      Type* elem = typExpr(at->elt);
      typ = store_.newType<Array>(elem, -1);  // length set below; recorded with it
    } else {
      typ = typExpr(e->type);
    }
    base = typ;
  } else if (hint) {
    typ = hint;
    base = typ;
    if (auto* p = as<Pointer>(typ->underlying())) base = p->elem;  // &T elided
  } else {
    error(e->pos, "missing type in composite literal");
    x.mode = Mode::Invalid;
    return;
  }
  Type* u = base->underlying();
  if (u == store_.invalid()) {
    useExprs(e->elts);
    x.mode = Mode::Invalid;
    return;
  }
  switch (u->kind) {
    case TypeKind::Struct: {
      auto* st = static_cast<Struct*>(u);
      if (e->elts.empty()) break;
      if (ast::isa<ast::KeyValueExpr>(e->elts[0])) {
        std::vector<bool> visited(st->fields.size());
        for (ast::Expr* el : e->elts) {
          auto* kv = ast::dynCast<ast::KeyValueExpr>(el);
          if (!kv) {
            error(el->pos, "mixture of field:value and value elements in struct literal");
            continue;
          }
          auto* key = ast::dynCast<ast::Ident>(kv->key);
          if (!key) {
            error(kv->key->pos, "invalid field name " + exprStr(kv->key) + " in struct literal");
            Operand v;
            expr(v, kv->value);
            continue;
          }
          int idx = -1;
          for (size_t i = 0; i < st->fields.size(); i++)
            if (key->name != "_" && st->fields[i]->name == key->name && (st->fields[i]->exported() || st->fields[i]->pkg == pkg_))
              idx = int(i);
          if (idx < 0) {
            error(kv->key->pos, "unknown field '" + key->name + "' in struct literal of type " + typeStr(base));
            Operand v;
            expr(v, kv->value);
            continue;
          }
          Var* fld = st->fields[size_t(idx)];
          info_.uses[key] = fld;
          Operand v;
          // no type elision for struct fields; the type only instantiates a generic function
          exprWithHint(v, kv->value, namesGenericFunc(kv->value) ? fld->type : nullptr);
          if (visited[size_t(idx)]) {
            error(kv->colon, "duplicate field name " + key->name + " in struct literal");
            continue;
          }
          visited[size_t(idx)] = true;
          assignment(v, fld->type, "struct literal");
        }
      } else {
        size_t i = 0;
        for (ast::Expr* el : e->elts) {
          if (auto* kv = ast::dynCast<ast::KeyValueExpr>(el)) {
            error(kv->colon, "mixture of field:value and value elements in struct literal");
            continue;
          }
          Operand v;
          if (i >= st->fields.size()) {
            expr(v, el);
            error(el->pos, "too many values in " + typeStr(base) + "{…}");
            break;
          }
          Var* fld = st->fields[i];
          exprWithHint(v, el, namesGenericFunc(el) ? fld->type : nullptr);  // as above
          if (!fld->exported() && fld->pkg != pkg_) {
            error(el->pos, "implicit assignment to unexported field " + fld->name + " in " + typeStr(base) + " literal");
          }
          assignment(v, fld->type, "struct literal");
          i++;
        }
        if (i < st->fields.size() && i == e->elts.size()) error(e->rbrace, "too few values in " + typeStr(base) + "{…}");
      }
      break;
    }
    case TypeKind::Array:
    case TypeKind::Slice: {
      Type* elem = u->kind == TypeKind::Array ? static_cast<Array*>(u)->elem : static_cast<Slice*>(u)->elem;
      int64_t len = u->kind == TypeKind::Array ? static_cast<Array*>(u)->len : -1;
      int64_t idx = 0, maxIdx = 0;
      std::map<int64_t, bool> seen;
      for (ast::Expr* el : e->elts) {
        ast::Expr* val = el;
        Pos at = el->pos;
        if (auto* kv = ast::dynCast<ast::KeyValueExpr>(el)) {
          at = kv->colon;
          int64_t k = -1;
          if (index(kv->key, len, &k)) {
            if (k >= 0) idx = k;
            else error(kv->colon, "index " + exprStr(kv->key) + " must be integer constant");
          }
          val = kv->value;
        } else if (len >= 0 && idx >= len) {
          error(el->pos, "index " + std::to_string(idx) + " is out of bounds (>= " + std::to_string(len) + ")");
        }
        if (seen.count(idx)) error(at, "duplicate index " + std::to_string(idx) + " in array or slice literal");
        seen[idx] = true;
        Operand v;
        exprWithHint(v, val, elem);
        assignment(v, elem, "array or slice literal");
        idx++;
        maxIdx = std::max(maxIdx, idx);
      }
      if (u->kind == TypeKind::Array && static_cast<Array*>(u)->len < 0) {
        static_cast<Array*>(u)->len = maxIdx;
        recordType(e->type, Mode::TypeExpr, typ);
        checkSizeLater(typ, e->lbrace);
      }
      break;
    }
    case TypeKind::Map: {
      auto* m = static_cast<Map*>(u);
      std::vector<std::pair<Type*, constant::Value>> keys;
      for (ast::Expr* el : e->elts) {
        auto* kv = ast::dynCast<ast::KeyValueExpr>(el);
        if (!kv) {
          error(el->pos, "missing key in map literal");
          Operand v;
          expr(v, el);
          continue;
        }
        Operand k;
        exprWithHint(k, kv->key, m->key);
        assignment(k, m->key, "map literal");
        if (k.mode == Mode::Constant && k.val.isKnown() && !inInstance()) {
          for (auto& [pt, prev] : keys) {
            if (identical(pt, k.type) && prev.kind() == k.val.kind() && constant::compare(prev, Tok::Eql, k.val)) {
              error(kv->key->pos, "duplicate key " + k.val.toString() + " in map literal");
              break;
            }
          }
          keys.push_back({k.type, k.val});
        }
        Operand v;
        exprWithHint(v, kv->value, m->elem);
        assignment(v, m->elem, "map literal");
      }
      break;
    }
    default:
      useExprs(e->elts);
      error(e->pos, "invalid composite literal type " + typeStr(typ));
      x.mode = Mode::Invalid;
      return;
  }
  x.mode = Mode::Value;
  x.type = typ;
}

// ---- selectors ------------------------------------------------------------------------------

void Checker::selector(Operand& x, ast::SelectorExpr* e) {
  x.expr = e;
  std::string sel = e->sel->name;
  // package-qualified identifier
  if (auto* id = ast::dynCast<ast::Ident>(e->x)) {
    if (auto* pn = asObj<PkgName>(lookup(id->name))) {
      info_.uses[id] = pn;
      pn->used = true;
      Package* imp = pn->imported;
      if (imp->broken) {
        x.mode = Mode::Invalid;
        return;
      }
      Object* obj = imp->scope->lookup(sel);
      if (!obj || !obj->exported()) {
        if (obj && !obj->exported()) error(e->sel->pos, "name " + sel + " not exported by package " + imp->name);
        else if (imp->genericNames.count(sel))
          error(e->sel->pos, id->name + "." + sel + " is generic: generic types and functions are not supported by gol");
        else error(e->sel->pos, "undefined: " + id->name + "." + sel);
        x.mode = Mode::Invalid;
        return;
      }
      info_.uses[e->sel] = obj;
      switch (obj->kind) {
        case ObjKind::Const:
          x.mode = Mode::Constant;
          x.type = obj->type;
          x.val = static_cast<Const*>(obj)->val;
          break;
        case ObjKind::TypeName: x.mode = Mode::TypeExpr; x.type = obj->type; break;
        case ObjKind::Var: x.mode = Mode::Variable; x.type = obj->type; break;
        case ObjKind::Func: x.mode = Mode::Value; x.type = obj->type; break;
        default: x.mode = Mode::Invalid; return;
      }
      if (!x.type || x.type == store_.invalid()) x.mode = Mode::Invalid;
      return;
    }
  }
  exprOrType(x, e->x);
  if (x.invalid()) return;
  if (x.mode == Mode::TypeExpr) {
    // method expression T.m
    Type* T = x.type;
    LookupResult r = lookupFieldOrMethod(T, false, pkg_, sel);
    auto* f = asObj<Func>(r.obj);
    if (!f) {
      if (r.ambiguous) error(e->sel->pos, "ambiguous selector " + exprStr(e));
      else error(e->sel->pos, exprStr(e) + " undefined (type " + typeStr(T) + " has no method " + sel + ")");
      x.mode = Mode::Invalid;
      return;
    }
    if (r.needsAddr) {
      error(e->sel->pos, "cannot call pointer method " + sel + " on " + typeStr(T));
      x.mode = Mode::Invalid;
      return;
    }
    info_.uses[e->sel] = f;
    if (decl_ && f->pkg == pkg_ && objMap_.count(f)) decl_->deps.insert(f);
    Selection s{SelectionKind::MethodExpr, T, f, r.index, r.indirect};
    info_.selections[e] = s;
    // the method expression's signature has the receiver as first parameter
    Signature* ms = f->signature();
    auto* sig = store_.newType<Signature>();
    std::vector<Var*> params{store_.newObject<Var>(e->pos, pkg_, "", T, VarKind::Param)};
    for (Var* p : ms->params->vars) params.push_back(p);
    sig->params = static_cast<Tuple*>(store_.newTupleOf(std::move(params)));
    sig->results = ms->results;
    sig->variadic = ms->variadic;
    x.mode = Mode::Value;
    x.type = sig;
    return;
  }
  if (x.mode == Mode::NoValue || x.mode == Mode::Builtin) {
    error(e->pos, exprStr(e->x) + " is not an expression");
    x.mode = Mode::Invalid;
    return;
  }
  Type* T = x.type;
  if (T->kind == TypeKind::Tuple) {
    error(e->pos, "multiple-value " + operandStr(x) + " in single-value context");
    x.mode = Mode::Invalid;
    return;
  }
  if (auto* it = as<Interface>(T->underlying())) completeInterface(it, e->pos);
  bool addressable = x.mode == Mode::Variable;
  LookupResult r = lookupFieldOrMethod(T, addressable, pkg_, sel);
  if (!r.obj) {
    if (r.ambiguous) {
      error(e->sel->pos, "ambiguous selector " + exprStr(e));
    } else {
      std::string why;
      if (auto* p = as<Pointer>(T->underlying()); p && isInterface(p->elem))
        why = "type " + typeStr(T) + " is pointer to interface, not interface";
      else {
        why = "type " + typeStr(T) + " has no field or method " + sel;
        // hint at a differently capitalized name
        std::string alt = sel;
        alt[0] = char(isupper(alt[0]) ? tolower(alt[0]) : toupper(alt[0]));
        LookupResult r2 = lookupFieldOrMethod(T, addressable, pkg_, alt);
        if (r2.obj && alt != sel) why += ", but does have " + alt;
      }
      error(e->sel->pos, exprStr(e) + " undefined (" + why + ")");
    }
    x.mode = Mode::Invalid;
    return;
  }
  info_.uses[e->sel] = r.obj;
  if (auto* f = asObj<Func>(r.obj)) {
    if (decl_ && f->pkg == pkg_ && objMap_.count(f)) decl_->deps.insert(f);
    if (r.needsAddr) {
      error(e->sel->pos, "cannot call pointer method " + sel + " on " + typeStr(T));
      x.mode = Mode::Invalid;
      return;
    }
    // a pointer-receiver method on an addressable value takes its address
    if (f->signature()->recv && f->signature()->recv->type->kind == TypeKind::Pointer && !r.indirect &&
        T->kind != TypeKind::Pointer)
      markAddressTaken(e->x);
    info_.selections[e] = Selection{SelectionKind::MethodVal, T, f, r.index, r.indirect};
    x.mode = Mode::Value;
    // the method value's type is the signature without receiver
    auto* sig = store_.newType<Signature>();
    sig->params = f->signature()->params;
    sig->results = f->signature()->results;
    sig->variadic = f->signature()->variadic;
    x.type = sig;
    return;
  }
  auto* fld = static_cast<Var*>(r.obj);
  info_.selections[e] = Selection{SelectionKind::FieldVal, T, fld, r.index, r.indirect};
  if (x.mode == Mode::Variable || r.indirect) x.mode = Mode::Variable;
  else x.mode = Mode::Value;
  x.type = fld->type;
}

// ---- index and slice ---------------------------------------------------------------------------

// Checks index expression e against max (if >= 0); returns false on error.
bool Checker::index(ast::Expr* e, int64_t max, int64_t* val) {
  *val = -1;
  Operand x;
  expr(x, e);
  if (x.invalid()) return false;
  if (isUntyped(x.type) && x.mode == Mode::Constant) {
    implicitConvert(x, store_.basic(BasicKind::Int));
    if (x.invalid()) return false;
  } else if (isUntyped(x.type)) {
    implicitConvert(x, store_.basic(BasicKind::Int));
    if (x.invalid()) return false;
  }
  if (!isInteger(x.type)) {
    error(e->pos, "invalid argument: index " + operandStr(x) + " must be integer");
    return false;
  }
  if (x.mode == Mode::Constant) {
    auto v = constant::toInt(x.val);
    if (v && v->isNeg()) {
      error(e->pos, "invalid argument: index " + operandStr(x) + " must not be negative");
      return false;
    }
    if (v) {
      auto n = v->toInt64();
      if (!n || (max >= 0 && *n >= max)) {
        error(e->pos, "invalid argument: index " + x.val.toString() + " out of bounds [0:" + std::to_string(max) + "]");
        return false;
      }
      *val = *n;
    }
  }
  return true;
}

void Checker::indexExpr(Operand& x, ast::IndexExpr* e) {
  if (Type* t = atomicPointerInstance(e)) {
    x.mode = t == store_.invalid() ? Mode::Invalid : Mode::TypeExpr;
    x.type = t;
    x.expr = e;
    return;
  }
  if (Generic* g = genericExpr(e->x)) {
    genericIndex(x, e, g);
    return;
  }
  exprOrType(x, e->x);
  if (x.invalid()) {
    useExprs({e->index});
    useExprs(e->more);
    return;
  }
  if (x.mode == Mode::TypeExpr) {
    error(e->x->pos, typeStr(x.type) + " is not a generic type");
    x.mode = Mode::Invalid;
    return;
  }
  if (!e->more.empty()) {
    error(e->more[0]->pos, "invalid operation: more than one index");
    useExprs({e->index});
    useExprs(e->more);
    x.mode = Mode::Invalid;
    return;
  }
  Type* u = x.type->underlying();
  int64_t v;
  switch (u->kind) {
    case TypeKind::Basic:
      if (isString(u)) {
        int64_t len = -1;
        if (x.mode == Mode::Constant) len = int64_t(x.val.stringVal().size());
        if (!index(e->index, len, &v)) {
          x.mode = Mode::Invalid;
          return;
        }
        // indexing a constant string is not a constant (Go spec)
        x.mode = Mode::Value;
        x.val = constant::Value();
        x.type = store_.byteType();
        return;
      }
      break;
    case TypeKind::Array:
      if (!index(e->index, static_cast<Array*>(u)->len, &v)) {
        x.mode = Mode::Invalid;
        return;
      }
      if (x.mode != Mode::Variable) x.mode = Mode::Value;
      x.type = static_cast<Array*>(u)->elem;
      return;
    case TypeKind::Pointer:
      if (auto* a = as<Array>(static_cast<Pointer*>(u)->elem->underlying())) {
        if (!index(e->index, a->len, &v)) {
          x.mode = Mode::Invalid;
          return;
        }
        x.mode = Mode::Variable;
        x.type = a->elem;
        return;
      }
      break;
    case TypeKind::Slice:
      if (!index(e->index, -1, &v)) {
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::Variable;
      x.type = static_cast<Slice*>(u)->elem;
      return;
    case TypeKind::Map: {
      auto* m = static_cast<Map*>(u);
      Operand k;
      exprWithHint(k, e->index, m->key);
      assignment(k, m->key, "map index");
      x.mode = Mode::MapIndex;
      x.type = m->elem;
      return;
    }
    default: break;
  }
  error(e->pos, "invalid operation: cannot index " + operandStr(x));
  useExprs({e->index});
  x.mode = Mode::Invalid;
}

void Checker::sliceExpr(Operand& x, ast::SliceExpr* e) {
  expr(x, e->x);
  if (x.invalid()) {
    useExprs({e->low, e->high, e->max});
    return;
  }
  Type* u = x.type->underlying();
  int64_t length = -1;
  bool valid = false;
  switch (u->kind) {
    case TypeKind::Basic:
      if (isString(u)) {
        if (e->slice3) {
          error(e->max ? e->max->pos : errPos(e), "invalid operation: 3-index slice of string");
          x.mode = Mode::Invalid;
          return;
        }
        valid = true;
        if (x.mode == Mode::Constant) length = int64_t(x.val.stringVal().size());
        if (isUntyped(x.type)) x.type = store_.basic(BasicKind::String);
        x.mode = Mode::Value;
      }
      break;
    case TypeKind::Array:
      valid = true;
      length = static_cast<Array*>(u)->len;
      if (x.mode != Mode::Variable) {
        error(x.expr->pos, "invalid operation: " + operandStr(x) + " (slice of unaddressable value)");
        x.mode = Mode::Invalid;
        return;
      }
      markAddressTaken(e->x);
      x.type = store_.newType<Slice>(static_cast<Array*>(u)->elem);
      x.mode = Mode::Value;
      break;
    case TypeKind::Pointer:
      if (auto* a = as<Array>(static_cast<Pointer*>(u)->elem->underlying())) {
        valid = true;
        length = a->len;
        x.type = store_.newType<Slice>(a->elem);
        x.mode = Mode::Value;
      }
      break;
    case TypeKind::Slice:
      valid = true;
      x.mode = Mode::Value;
      break;
    default: break;
  }
  if (!valid) {
    error(x.expr->pos, "invalid operation: cannot slice " + operandStr(x));
    x.mode = Mode::Invalid;
    return;
  }
  int64_t idx[3] = {-1, -1, -1};
  ast::Expr* parts[3] = {e->low, e->high, e->max};
  int64_t max = length >= 0 ? length + 1 : -1;
  for (int i = 0; i < 3; i++) {
    if (!parts[i] || ast::isa<ast::BadExpr>(parts[i])) continue;
    int64_t v;
    if (index(parts[i], max, &v)) idx[i] = v;
  }
  // constant indices must be non-decreasing
  for (int i = 0; i < 3; i++) {
    if (idx[i] < 0) continue;
    for (int j = i + 1; j < 3; j++) {
      if (idx[j] >= 0 && idx[j] < idx[i]) {
        error(parts[j]->pos, "invalid slice indices: " + std::to_string(idx[j]) + " < " + std::to_string(idx[i]));
        x.mode = Mode::Invalid;
        return;
      }
    }
  }
}

void Checker::typeAssert(Operand& x, ast::TypeAssertExpr* e) {
  expr(x, e->x);
  if (!e->type) {
    error(e->pos, "use of .(type) outside type switch");
    x.mode = Mode::Invalid;
    return;
  }
  if (x.invalid()) {
    typExpr(e->type);
    return;
  }
  if (!isInterface(x.type)) {
    error(x.expr->pos, "invalid operation: " + operandStr(x) + " is not an interface");
    typExpr(e->type);
    x.mode = Mode::Invalid;
    return;
  }
  Type* T = typExpr(e->type);
  if (T == store_.invalid()) {
    x.mode = Mode::Invalid;
    return;
  }
  if (!isInterface(T)) {
    auto* it = as<Interface>(x.type->underlying());
    completeInterface(it, e->pos);
    bool wrong = false;
    if (missingMethod(T, it, &wrong) && !inInstance()) {
      error(e->pos, "impossible type assertion: " + exprStr(e) + "\n\t" + typeStr(T) + " does not implement " +
                              typeStr(x.type) + " " + missingMethodCause(T, x.type));
      x.mode = Mode::Invalid;
      return;
    }
  }
  x.mode = Mode::CommaOK;
  x.type = T;
}

// ---- calls --------------------------------------------------------------------------------------

static std::string typesSummary(Checker& c, const std::vector<Type*>& ts, bool variadic) {
  std::string s = "(";
  for (size_t i = 0; i < ts.size(); i++) {
    if (i) s += ", ";
    Type* t = ts[i];
    if (!t) {
      s += "<T>";
      continue;
    }
    if (isUntyped(t)) {
      auto bk = static_cast<Basic*>(t)->bkind;
      if (bk == BasicKind::UntypedNil) s += "nil";
      else if (isNumeric(t)) s += "number";
      else s += c.typeStr(c.defaultType(t));
      continue;
    }
    if (variadic && i + 1 == ts.size()) {
      s += "..." + c.typeStr(static_cast<Slice*>(t)->elem);
      continue;
    }
    s += c.typeStr(t);
  }
  return s + ")";
}

void Checker::arguments(ast::CallExpr* call, Signature* sig, std::vector<Operand>& args, bool ellipsisArgs,
                        const std::string& fname) {
  size_t nargs = args.size();
  size_t npars = sig->params->vars.size();
  bool ddd = call->hasEllipsis();
  std::vector<Type*> ptypes;
  for (Var* v : sig->params->vars) ptypes.push_back(v->type);
  if (sig->variadic) {
    if (ddd) {
      if (nargs != npars) {
        // fall through to the count check below
      }
    } else if (nargs >= npars - 1) {
      Type* last = static_cast<Slice*>(ptypes.back())->elem;
      ptypes.pop_back();
      while (ptypes.size() < nargs) ptypes.push_back(last);
    }
  } else if (ddd) {
    error(call->pos, "cannot use ... in call to non-variadic " + fname);
    (void)ellipsisArgs;
    for (auto& a : args) {
      if (a.invalid()) continue;
    }
    return;
  }
  if (ptypes.size() != nargs && !(sig->variadic && !ddd && nargs + 1 == npars && ptypes.size() == nargs)) {
    std::vector<Type*> have;
    for (auto& a : args) have.push_back(a.type);
    std::vector<Type*> want;
    for (Var* v : sig->params->vars) want.push_back(v->type);
    bool tooFew = nargs < ptypes.size();
    Pos at = tooFew ? (nargs > 0 && args.back().expr ? args.back().expr->pos : call->pos)
                    : (args[ptypes.size()].expr ? args[ptypes.size()].expr->pos : call->rparen);
    error(at, std::string(tooFew ? "not enough" : "too many") + " arguments in call to " + fname + "\n\thave " +
                  typesSummary(*this, have, false) + "\n\twant " + typesSummary(*this, want, sig->variadic));
    return;
  }
  for (size_t i = 0; i < nargs; i++) assignment(args[i], ptypes[i], "argument to " + fname);
}

void Checker::callExpr(Operand& x, ast::CallExpr* e) {
  ast::Expr* fun = ast::unparen(e->fun);
  if (auto* ix = ast::dynCast<ast::IndexExpr>(fun)) fun = ix->x;
  if (Generic* g = genericExpr(fun); g && g->fdecl) {
    genericCall(x, e, g);
    return;
  }
  rawExpr(x, e->fun, nullptr, false);
  if (x.mode == Mode::NoValue) {
    error(e->fun->pos, operandStr(x) + " used as value");
    x.mode = Mode::Invalid;
  }
  singleValue(x);
  if (x.invalid()) {
    useExprs(e->args);
    x.expr = e;
    return;
  }
  if (x.mode == Mode::TypeExpr) {
    // conversion T(x)
    Type* T = x.type;
    x.mode = Mode::Invalid;
    if (e->args.size() != 1) {
      if (e->args.empty()) error(e->rparen, "missing argument in conversion to " + typeStr(T));
      else error(e->args[1]->pos, "too many arguments in conversion to " + typeStr(T));
      useExprs(e->args);
      return;
    }
    if (e->hasEllipsis()) {
      error(e->args[0]->pos, "invalid use of ... in conversion to " + typeStr(T));
      useExprs(e->args);
      return;
    }
    exprWithHint(x, e->args[0], T);
    if (x.invalid()) return;
    conversion(x, T, e);
    return;
  }
  if (x.mode == Mode::Builtin) {
    builtinCall(x, e, x.builtin);
    x.expr = e;
    return;
  }
  auto* sig = as<Signature>(x.type->underlying());
  if (!sig) {
    error(x.expr->pos, "invalid operation: cannot call non-function " + operandStr(x));
    useExprs(e->args);
    x.mode = Mode::Invalid;
    return;
  }
  std::vector<Operand> args;
  if (e->args.size() == 1 && !e->hasEllipsis()) {
    multiExpr(args, e->args[0]);
  } else {
    size_t i = 0;
    for (ast::Expr* a : e->args) {
      Operand o;
      Type* hint = i < sig->params->vars.size() ? sig->params->vars[i]->type : nullptr;
      if (sig->variadic && i + 1 >= sig->params->vars.size() && !e->hasEllipsis())
        hint = static_cast<Slice*>(sig->params->vars.back()->type)->elem;
      exprWithHint(o, a, hint);
      args.push_back(o);
      i++;
    }
  }
  bool anyInvalid = std::any_of(args.begin(), args.end(), [](Operand& o) { return o.invalid(); });
  if (!anyInvalid) arguments(e, sig, args, e->hasEllipsis(), exprStr(e->fun));
  callResult(x, sig);
  x.expr = e;
}

// The operand a call of a function with signature sig yields.
void Checker::callResult(Operand& x, Signature* sig) {
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

// ---- operators ------------------------------------------------------------------------------------

void Checker::unary(Operand& x, ast::UnaryExpr* e) {
  if (e->op == Tok::And) {
    // &x: composite literals are addressable here
    ast::Expr* inner = ast::unparen(e->x);
    if (auto* cl = ast::dynCast<ast::CompositeLit>(inner)) {
      rawExpr(x, cl, nullptr, false);
      if (x.invalid()) return;
      x.expr = cl;
      x.mode = Mode::Value;
      x.type = store_.newType<Pointer>(x.type);
      return;
    }
    expr(x, e->x);
    if (x.invalid()) return;
    if (x.mode != Mode::Variable) {
      error(x.expr->pos, "invalid operation: cannot take address of " + operandStr(x));
      x.mode = Mode::Invalid;
      return;
    }
    markAddressTaken(e->x);
    x.mode = Mode::Value;
    x.type = store_.newType<Pointer>(x.type);
    return;
  }
  if (e->op == Tok::Arrow) {
    expr(x, e->x);
    if (x.invalid()) return;
    auto* c = as<Chan>(x.type->underlying());
    if (!c) {
      error(x.expr->pos, "invalid operation: cannot receive from non-channel " + operandStr(x));
      x.mode = Mode::Invalid;
      return;
    }
    if (c->dir == ChanDir::SendOnly) {
      error(x.expr->pos, "invalid operation: cannot receive from send-only channel " + operandStr(x));
      x.mode = Mode::Invalid;
      return;
    }
    x.mode = Mode::CommaOK;
    x.type = c->elem;
    return;
  }
  if (e->op == Tok::Tilde) {
    error(e->pos, "cannot use ~ outside of interface or type constraint");
    x.mode = Mode::Invalid;
    return;
  }
  expr(x, e->x);
  if (x.invalid()) return;
  bool ok = false;
  switch (e->op) {
    case Tok::Add: case Tok::Sub: ok = isNumeric(x.type); break;
    case Tok::Xor: ok = isInteger(x.type); break;
    case Tok::Not: ok = isBoolean(x.type); break;
    default: break;
  }
  if (!ok) {
    error(e->x->pos, "invalid operation: operator " + std::string(tokString(e->op)) + " not defined on " + operandStr(x));
    x.mode = Mode::Invalid;
    return;
  }
  if (x.mode == Mode::Constant) {
    int bits = 0;
    if (isUnsigned(x.type)) {
      switch (static_cast<Basic*>(x.type->underlying())->bkind) {
        case BasicKind::Uint8: bits = 8; break;
        case BasicKind::Uint16: bits = 16; break;
        case BasicKind::Uint32: bits = 32; break;
        default: bits = 64;
      }
    }
    x.val = constant::unaryOp(e->op, x.val, bits);
    x.expr = e;
    overflow(x, e->pos);
    return;
  }
  x.mode = Mode::Value;
}

static bool isComparison(Tok op) {
  return op == Tok::Eql || op == Tok::Neq || op == Tok::Lss || op == Tok::Leq || op == Tok::Gtr || op == Tok::Geq;
}

static std::string kindString(Checker& c, Type* t) {
  switch (t->underlying()->kind) {
    case TypeKind::Array: return "array";
    case TypeKind::Slice: return "slice";
    case TypeKind::Struct: return "struct";
    case TypeKind::Pointer: return "pointer";
    case TypeKind::Signature: return "func";
    case TypeKind::Interface: return "interface";
    case TypeKind::Map: return "map";
    case TypeKind::Chan: return "chan";
    default: return c.typeStr(t);
  }
}

static std::string incomparableCause(Checker& c, Type* t) {
  Type* u = t->underlying();
  if (u->kind == TypeKind::Slice || u->kind == TypeKind::Signature || u->kind == TypeKind::Map)
    return kindString(c, t) + " can only be compared to nil";
  if (auto* st = as<Struct>(u)) {
    for (Var* f : st->fields)
      if (!comparable(f->type)) return "struct containing " + c.typeStr(f->type) + " cannot be compared";
  }
  if (auto* a = as<Array>(u)) {
    if (!comparable(a->elem)) return c.typeStr(t) + " cannot be compared";
  }
  return "";
}

static bool isNilOperand(const Operand& x) { return x.isNil(); }

void Checker::comparison(Operand& x, Operand& y, Tok op, ast::Expr* e) {
  Operand* errOp = &x;
  std::string cause;
  bool ok = assignableTo(x, y.type, nullptr) || assignableTo(y, x.type, nullptr);
  if (!ok) {
    errOp = &y;
    cause = "mismatched types " + typeStr(x.type) + " and " + typeStr(y.type);
  } else if (op == Tok::Eql || op == Tok::Neq) {
    if (isNilOperand(x) || isNilOperand(y)) {
      Type* t = isNilOperand(x) ? y.type : x.type;
      if (!hasNil(t)) {
        errOp = &y;
        ok = false;
      }
    } else if (!comparable(x.type)) {
      cause = incomparableCause(*this, x.type);
      ok = false;
    } else if (!comparable(y.type)) {
      errOp = &y;
      cause = incomparableCause(*this, y.type);
      ok = false;
    }
  } else {
    if (!isOrdered(x.type)) {
      ok = false;
    } else if (!isOrdered(y.type)) {
      errOp = &y;
      ok = false;
    }
  }
  if (!ok) {
    if (cause.empty()) cause = "operator " + std::string(tokString(op)) + " not defined on " + kindString(*this, errOp->type);
    Pos p = errOp->expr->pos;
    if (e) error(p, "invalid operation: " + exprStr(x.expr) + " " + std::string(tokString(op)) + " " + exprStr(y.expr) + " (" + cause + ")");
    else error(x.expr->pos, "invalid case " + exprStr(x.expr) + " in switch on " + exprStr(y.expr) + " (" + cause + ")");
    x.mode = Mode::Invalid;
    return;
  }
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    x.val = constant::Value::makeBool(constant::compare(x.val, op, y.val));
  } else {
    x.mode = Mode::Value;
    updateExprType(x.expr, defaultType(x.type), true);
    updateExprType(y.expr, defaultType(y.type), true);
  }
  x.type = store_.basic(BasicKind::UntypedBool);
  x.nilValue = false;  // x was an operand, maybe nil; it is the result now
}

void Checker::shift(Operand& x, Operand& y, ast::Expr* e, Tok op, Pos opPos) {
  std::optional<constant::BigInt> xval;
  if (x.mode == Mode::Constant) xval = constant::toInt(x.val);
  if (!(isInteger(x.type) || (isUntyped(x.type) && xval))) {
    error(x.expr->pos, "invalid operation: shifted operand " + operandStr(x) + " must be integer");
    x.mode = Mode::Invalid;
    return;
  }
  if (y.mode == Mode::Constant) {
    auto yv = constant::toInt(y.val);
    if (yv && yv->isNeg()) {
      error(y.expr->pos, "invalid operation: negative shift count " + operandStr(y));
      x.mode = Mode::Invalid;
      return;
    }
    if (isUntyped(y.type)) {
      representableConst(y, store_.basic(BasicKind::Uint));
      if (y.invalid()) {
        x.mode = Mode::Invalid;
        return;
      }
      updateExprType(y.expr, store_.basic(BasicKind::Uint), true);
    }
  } else if (isInteger(y.type)) {
    if (isUntyped(y.type)) implicitConvert(y, store_.basic(BasicKind::Uint));
  } else {
    error(y.expr->pos, "invalid operation: shift count " + operandStr(y) + " must be integer");
    x.mode = Mode::Invalid;
    return;
  }
  if (x.mode == Mode::Constant) {
    if (y.mode == Mode::Constant) {
      if (!x.val.isKnown() || !y.val.isKnown()) {
        x.val = constant::Value();
        if (!isInteger(x.type)) x.type = store_.basic(BasicKind::UntypedInt);
        return;
      }
      auto s = y.val.uint64Val();
      if (!s || *s > 1023 - 1 + 52) {
        error(y.expr->pos, "invalid operation: invalid shift count " + operandStr(y));
        x.mode = Mode::Invalid;
        return;
      }
      if (!isInteger(x.type)) x.type = store_.basic(BasicKind::UntypedInt);
      x.val = constant::shift(constant::Value::makeInt(*xval), op, *s);
      x.expr = e;
      overflow(x, opPos);
      return;
    }
    if (isUntyped(x.type)) {
      // non-constant shift of an untyped constant: typed by context, so 1.0<<s keeps its float kind and is
      // refused once the context (or the default type float64) turns out not to be an integer
      x.mode = Mode::Value;
      return;
    }
  }
  if (!isInteger(x.type)) {
    error(x.expr->pos, "invalid operation: shifted operand " + operandStr(x) + " must be integer");
    x.mode = Mode::Invalid;
    return;
  }
  x.mode = Mode::Value;
}

void Checker::matchTypes(Operand& x, Operand& y) {
  auto canMix = [&](Operand& a, Operand& b) {
    if (isInterface(a.type) || isInterface(b.type)) return true;
    if (isBoolean(a.type) != isBoolean(b.type)) return false;
    if (isString(a.type) != isString(b.type)) return false;
    if (isNilOperand(a) && !hasNil(b.type)) return false;
    if (isNilOperand(b) && !hasNil(a.type)) return false;
    return true;
  };
  if (!canMix(x, y)) return;
  implicitConvert(x, y.type);
  if (x.invalid()) return;
  implicitConvert(y, x.type);
  if (y.invalid()) x.mode = Mode::Invalid;
}

static bool opAllowed(Tok op, Type* t) {
  switch (op) {
    case Tok::Add: return isNumeric(t) || isString(t);
    case Tok::Sub: case Tok::Mul: case Tok::Quo: return isNumeric(t);
    case Tok::Rem: case Tok::And: case Tok::Or: case Tok::Xor: case Tok::AndNot: return isInteger(t);
    case Tok::LAnd: case Tok::LOr: return isBoolean(t);
    default: return false;
  }
}

// e is the binary expression (nullptr for op-assignment lhs op= rhs).
void Checker::binary(Operand& x, ast::Expr* e, ast::Expr* lhs, ast::Expr* rhs, Tok op, Pos opPos) {
  Operand y;
  // a + b + c: the left operand is the chain so far, at this expression's level
  bool spine = e && ast::isa<ast::BinaryExpr>(lhs);
  if (spine) depth_--;
  expr(x, lhs);
  if (spine) depth_++;
  expr(y, rhs);
  if (x.invalid()) return;
  if (y.invalid()) {
    x.mode = Mode::Invalid;
    x.expr = y.expr;
    return;
  }
  if (op == Tok::Shl || op == Tok::Shr) {
    shift(x, y, e, op, opPos);
    return;
  }
  matchTypes(x, y);
  if (x.invalid()) return;
  if (isComparison(op)) {
    comparison(x, y, op, e);
    return;
  }
  if (!identical(x.type, y.type)) {
    if (x.type != store_.invalid() && y.type != store_.invalid()) {
      if (e) error(x.expr->pos, "invalid operation: " + exprStr(e) + " (mismatched types " + typeStr(x.type) + " and " + typeStr(y.type) + ")");
      else error(x.expr->pos, "invalid operation: " + exprStr(lhs) + " " + std::string(tokString(op)) + "= " + exprStr(rhs) +
                                  " (mismatched types " + typeStr(x.type) + " and " + typeStr(y.type) + ")");
    }
    x.mode = Mode::Invalid;
    return;
  }
  if (!opAllowed(op, x.type)) {
    error(x.expr->pos, "invalid operation: operator " + std::string(tokString(op)) + " not defined on " + operandStr(x));
    x.mode = Mode::Invalid;
    return;
  }
  if (op == Tok::Quo || op == Tok::Rem) {
    if ((x.mode == Mode::Constant || isInteger(x.type)) && y.mode == Mode::Constant && y.val.isKnown() &&
        ((y.val.kind() == constant::Kind::Int && y.val.intVal().isZero()) ||
         (y.val.kind() == constant::Kind::Float && y.val.ratVal().sign() == 0))) {
      error(y.expr->pos, "invalid operation: division by zero");
      x.mode = Mode::Invalid;
      return;
    }
  }
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    if (!x.val.isKnown() || !y.val.isKnown()) {
      x.val = constant::Value();
      return;
    }
    bool intDiv = op == Tok::Quo && isInteger(x.type);
    constant::Value xv = x.val, yv = y.val;
    if (isFloat(x.type) && !isInteger(x.type)) {
      xv = constant::toFloat(xv);
      yv = constant::toFloat(yv);
    }
    x.val = constant::binaryOp(xv, op, yv, intDiv);
    x.expr = e;
    overflow(x, opPos);
    return;
  }
  x.mode = Mode::Value;
}

// ---- dispatch ---------------------------------------------------------------------------------------

void Checker::exprInternal(Operand& x, ast::Expr* e, Type* hint) {
  x.mode = Mode::Invalid;
  x.type = store_.invalid();
  x.expr = e;
  x.val = constant::Value();
  x.nilValue = false;
  switch (e->kind) {
    case ast::Kind::BadExpr: return;
    case ast::Kind::Ident:
      if (auto* sig = hint ? as<Signature>(hint->underlying()) : nullptr) {
        if (Generic* g = genericExpr(e); g && g->fdecl) {
          genericValue(x, ast::cast<ast::Ident>(e), g, sig);
          return;
        }
      }
      ident(x, ast::cast<ast::Ident>(e), false);
      return;
    case ast::Kind::Ellipsis: error(e->pos, "invalid use of '...'"); return;
    case ast::Kind::BasicLit: basicLit(x, ast::cast<ast::BasicLit>(e)); return;
    case ast::Kind::FuncLit: funcLit(x, ast::cast<ast::FuncLit>(e)); return;
    case ast::Kind::CompositeLit: compositeLit(x, ast::cast<ast::CompositeLit>(e), hint); return;
    case ast::Kind::ParenExpr: {
      rawExpr(x, ast::cast<ast::ParenExpr>(e)->x, hint, false);
      x.expr = e;
      return;
    }
    case ast::Kind::SelectorExpr: selector(x, ast::cast<ast::SelectorExpr>(e)); return;
    case ast::Kind::IndexExpr: indexExpr(x, ast::cast<ast::IndexExpr>(e)); return;
    case ast::Kind::SliceExpr: sliceExpr(x, ast::cast<ast::SliceExpr>(e)); return;
    case ast::Kind::TypeAssertExpr: typeAssert(x, ast::cast<ast::TypeAssertExpr>(e)); return;
    case ast::Kind::CallExpr: callExpr(x, ast::cast<ast::CallExpr>(e)); return;
    case ast::Kind::StarExpr: {
      auto* s = ast::cast<ast::StarExpr>(e);
      exprOrType(x, s->x);
      if (x.invalid()) return;
      if (x.mode == Mode::TypeExpr) {
        x.type = store_.newType<Pointer>(x.type);
        return;
      }
      auto* p = as<Pointer>(x.type->underlying());
      if (!p) {
        if (isNilOperand(x)) error(s->x->pos, "invalid operation: cannot indirect nil");
        else error(s->x->pos, "invalid operation: cannot indirect " + operandStr(x));
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::Variable;
      x.type = p->elem;
      return;
    }
    case ast::Kind::UnaryExpr: unary(x, ast::cast<ast::UnaryExpr>(e)); return;
    case ast::Kind::BinaryExpr: {
      auto* b = ast::cast<ast::BinaryExpr>(e);
      binary(x, b, b->x, b->y, b->op, b->opPos);
      return;
    }
    case ast::Kind::KeyValueExpr:
      error(errPos(e), "unexpected key:value expression");
      return;
    case ast::Kind::ArrayType: case ast::Kind::StructType: case ast::Kind::FuncType: case ast::Kind::InterfaceType:
    case ast::Kind::MapType: case ast::Kind::ChanType:
      x.mode = Mode::TypeExpr;
      x.type = typExpr(e);
      if (x.type == store_.invalid()) x.mode = Mode::Invalid;
      return;
    default: return;
  }
}

}  // namespace gol
