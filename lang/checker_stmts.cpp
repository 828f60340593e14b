// checker_stmts.cpp — statements, assignments, function bodies, terminating
// statements and unused variables (go/types stmt.go, assignments.go,
// return.go).
//
// Invariants: every block, clause and if/for/switch header opens a scope that
// is recorded in Info::scopes; a variable is declared only after its
// initializer is checked (so `x := x` refers to the outer x); assignments to a
// variable do not count as uses.
#include <algorithm>
#include <functional>

#include "lang/checker_internal.h"

namespace gol {

enum : int { kBreakOk = 1, kContinueOk = 2, kFallthroughOk = 4, kFinalSwitchCase = 8, kInTypeSwitch = 16 };

void Checker::openScope(const ast::Node* n, const std::string& comment) {
  Scope* s = store_.newScope(scope_, n->pos, comment);
  info_.scopes[n] = s;
  scope_ = s;
}

void Checker::closeScope() { scope_ = scope_->parent; }

void Checker::declare(Scope* scope, ast::Ident* id, Object* obj) {
  info_.defs[id] = obj;
  if (id->isBlank()) return;
  if (Object* alt = scope->insert(obj)) {
    error(id->pos, id->name + " redeclared in this block\n\t" + prog_.fset.position(alt->pos) + ": other declaration of " + id->name);
  }
}

void Checker::declareVar(Var* v, ast::Ident* id) {
  declare(scope_, id, v);
  if (func_) varOwner_[v] = func_;
  localVars_.push_back(v);
}

void Checker::funcBody(FuncCtx* ctx, ast::BlockStmt* body) {
  for (Var* r : ctx->sig->results->vars)
    if (!r->name.empty()) ctx->hasNamedResults = true;
  info_.scopes[body] = ctx->scope;
  stmtList(body->list, 0);
  if (!ctx->sig->results->vars.empty() && !isTerminatingList(body->list, "")) error(body->rbrace, "missing return");
  labels(body);
  // Past the nesting limit expressions went unchecked: their variables would
  // be reported unused although they are not.
  if (!ctx->lit && !tooDeepReported_) usage(ctx->scope);
}

// Reports unused local variables in s and its children (including closures).
void Checker::usage(Scope* s) {
  std::vector<Var*> unused;
  for (auto& [name, obj] : s->elems) {
    auto* v = asObj<Var>(obj);
    if (v && v->varKind == VarKind::Local && !v->used) unused.push_back(v);
  }
  std::sort(unused.begin(), unused.end(), [](Var* a, Var* b) { return a->pos < b->pos; });
  for (Var* v : unused) error(v->pos, v->name + " declared but not used");
  for (Scope* c : s->children) usage(c);
}

void Checker::stmtList(const std::vector<ast::Stmt*>& list, int ctx) {
  bool fallOk = ctx & kFallthroughOk;
  int inner = ctx & ~(kFallthroughOk | kFinalSwitchCase);
  for (size_t i = 0; i < list.size(); i++) {
    int c = inner;
    if (fallOk && i + 1 == list.size()) c |= kFallthroughOk;
    if ((ctx & kFinalSwitchCase) && i + 1 == list.size()) c |= kFinalSwitchCase;
    stmt(list[i], c);
  }
}

// go/defer operand: a call whose result is discarded.
static void suspendedCall(Checker& c, const char* keyword, ast::CallExpr* call) {
  Operand x;
  c.rawExpr(x, call, nullptr, false);
  if (x.invalid()) return;
  Mode m = x.mode;
  std::string msg;
  auto* fn = ast::unparen(call->fun);
  const TypeAndValue* tv = c.info_.typeOf(fn);
  if (tv && tv->mode == Mode::TypeExpr) {
    msg = "requires function call, not conversion";
  } else if (tv && tv->mode == Mode::Builtin) {
    auto* b = asObj<Builtin>(c.info_.objectOf(ast::dynCast<ast::Ident>(fn)));
    if (b) {
      switch (b->id) {
        case BuiltinId::Copy: case BuiltinId::Delete: case BuiltinId::Panic: case BuiltinId::Print:
        case BuiltinId::Println: case BuiltinId::Recover: case BuiltinId::Close: case BuiltinId::Clear:
          return;
        default: msg = "discards result of"; break;
      }
    }
  } else {
    return;
  }
  (void)m;
  c.error(x.expr->pos, std::string(keyword) + " " + msg + " " + c.operandStr(x));
}

void Checker::stmt(ast::Stmt* s, int ctx) {
  DepthGuard g(*this, s->pos);
  if (g.tooDeep) return;
  int inner = ctx & ~(kFallthroughOk | kFinalSwitchCase | kInTypeSwitch);
  switch (s->kind) {
    case ast::Kind::BadStmt: case ast::Kind::EmptyStmt: return;
    case ast::Kind::DeclStmt: declStmt(ast::cast<ast::DeclStmt>(s)->decl); return;
    case ast::Kind::LabeledStmt: stmt(ast::cast<ast::LabeledStmt>(s)->stmt, ctx); return;
    case ast::Kind::ExprStmt: {
      auto* es = ast::cast<ast::ExprStmt>(s);
      Operand x;
      rawExpr(x, es->x, nullptr, false);
      if (x.invalid()) return;
      ast::Expr* e = ast::unparen(es->x);
      const char* msg = "is not used";
      if (auto* call = ast::dynCast<ast::CallExpr>(e)) {
        const TypeAndValue* tv = info_.typeOf(ast::unparen(call->fun));
        if (!tv || tv->mode != Mode::TypeExpr) {
          if (tv && tv->mode == Mode::Builtin) {
            auto* b = asObj<Builtin>(info_.objectOf(ast::dynCast<ast::Ident>(ast::unparen(call->fun))));
            if (!b) return;
            switch (b->id) {
              case BuiltinId::Copy: case BuiltinId::Delete: case BuiltinId::Panic: case BuiltinId::Print:
              case BuiltinId::Println: case BuiltinId::Recover: case BuiltinId::Close: case BuiltinId::Clear:
                return;
              default: break;
            }
          } else {
            return;
          }
        }
      } else if (auto* u = ast::dynCast<ast::UnaryExpr>(e); u && u->op == Tok::Arrow) {
        return;
      }
      if (x.mode == Mode::Builtin) msg = "must be called";
      else if (x.mode == Mode::TypeExpr) msg = "is not an expression";
      error(es->x->pos, operandStr(x) + " " + msg);
      return;
    }
    case ast::Kind::SendStmt: {
      auto* ss = ast::cast<ast::SendStmt>(s);
      Operand ch, val;
      expr(ch, ss->chan);
      Type* elem = nullptr;
      if (!ch.invalid()) {
        auto* c = as<Chan>(ch.type->underlying());
        if (!c) error(s->pos, "invalid operation: cannot send to non-channel " + operandStr(ch));
        else if (c->dir == ChanDir::RecvOnly) error(s->pos, "invalid operation: cannot send to receive-only channel " + operandStr(ch));
        else elem = c->elem;
      }
      exprWithHint(val, ss->value, elem);
      if (elem && !val.invalid()) assignment(val, elem, "send");
      return;
    }
    case ast::Kind::IncDecStmt: {
      auto* id = ast::cast<ast::IncDecStmt>(s);
      Operand x;
      expr(x, id->x);
      if (x.invalid()) return;
      if (!isNumeric(x.type)) {
        error(id->x->pos, "invalid operation: " + exprStr(id->x) + std::string(tokString(id->tok)) + " (non-numeric type " + typeStr(x.type) + ")");
        return;
      }
      Operand one;
      one.mode = Mode::Constant;
      one.type = store_.basic(BasicKind::UntypedInt);
      one.val = constant::Value::makeInt64(1);
      assignVar(id->x, x);
      return;
    }
    case ast::Kind::AssignStmt: assignStmt(ast::cast<ast::AssignStmt>(s)); return;
    case ast::Kind::GoStmt: suspendedCall(*this, "go", ast::cast<ast::GoStmt>(s)->call); return;
    case ast::Kind::DeferStmt: suspendedCall(*this, "defer", ast::cast<ast::DeferStmt>(s)->call); return;
    case ast::Kind::ReturnStmt: returnStmt(ast::cast<ast::ReturnStmt>(s)); return;
    case ast::Kind::BranchStmt: {
      auto* b = ast::cast<ast::BranchStmt>(s);
      if (b->tok == Tok::Fallthrough && !(ctx & kFallthroughOk)) {
        if (ctx & kFinalSwitchCase) error(s->pos, "cannot fallthrough final case in switch");
        else if (ctx & kInTypeSwitch) error(s->pos, "cannot fallthrough in type switch");
        else error(s->pos, "fallthrough statement out of place");
      }
      return;
    }
    case ast::Kind::BlockStmt:
      openScope(s, "block");
      stmtList(ast::cast<ast::BlockStmt>(s)->list, inner);
      closeScope();
      return;
    case ast::Kind::IfStmt: ifStmt(ast::cast<ast::IfStmt>(s), inner); return;
    case ast::Kind::SwitchStmt: switchStmt(ast::cast<ast::SwitchStmt>(s), inner); return;
    case ast::Kind::TypeSwitchStmt: typeSwitchStmt(ast::cast<ast::TypeSwitchStmt>(s), inner); return;
    case ast::Kind::SelectStmt: selectStmt(ast::cast<ast::SelectStmt>(s), inner); return;
    case ast::Kind::ForStmt: forStmt(ast::cast<ast::ForStmt>(s), inner); return;
    case ast::Kind::RangeStmt: rangeStmt(ast::cast<ast::RangeStmt>(s), inner); return;
    default: error(s->pos, "invalid statement"); return;
  }
}

// ---- assignments ----------------------------------------------------------------------

Type* Checker::assignVar(ast::Expr* lhs, Operand& x) {
  ast::Expr* l = ast::unparen(lhs);
  if (auto* id = ast::dynCast<ast::Ident>(l); id && id->isBlank()) {
    info_.defs[id] = nullptr;
    assignment(x, nullptr, "assignment");
    return x.invalid() ? nullptr : x.type;
  }
  // an assignment to a variable is not a use of it
  Var* v = nullptr;
  bool wasUsed = false;
  if (auto* id = ast::dynCast<ast::Ident>(l)) {
    if ((v = asObj<Var>(lookup(id->name)))) wasUsed = v->used;
  }
  Operand z;
  expr(z, lhs);
  if (v) {
    v->used = wasUsed;
    noteVarUse(v, false);
  }
  if (z.invalid()) return nullptr;
  switch (z.mode) {
    case Mode::Variable: case Mode::MapIndex: break;
    default: {
      if (auto* sel = ast::dynCast<ast::SelectorExpr>(ast::unparen(z.expr))) {
        Operand base;
        const TypeAndValue* tv = info_.typeOf(sel->x);
        if (tv && tv->mode == Mode::MapIndex) {
          error(z.expr->pos, "cannot assign to struct field " + exprStr(z.expr) + " in map");
          return nullptr;
        }
      }
      error(z.expr->pos, "cannot assign to " + operandStr(z));
      return nullptr;
    }
  }
  assignment(x, z.type, "assignment");
  if (x.invalid() && v) v->used = true;  // as gc: no "declared but not used" on top of a failed assignment
  return x.invalid() ? nullptr : z.type;
}

void Checker::initVar(Var* v, Operand& x, const std::string& context) {
  if (x.invalid() || (v->type && v->type == store_.invalid())) {
    if (!v->type) v->type = store_.invalid();
    return;
  }
  if (!v->type) {
    Type* t = x.type;
    if (isUntyped(t)) {
      if (x.isNil()) {
        error(errPos(x.expr), "use of untyped nil in " + context);
        v->type = store_.invalid();
        x.mode = Mode::Invalid;
        return;
      }
      t = defaultType(t);
    }
    v->type = t;
  }
  assignment(x, v->type, context);
}

static std::string plural(size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

void Checker::assignError(const std::vector<ast::Expr*>& rhs, size_t nvars, size_t nvals, Pos) {
  std::string vars = plural(nvars, "variable");
  std::string vals = plural(nvals, "value");
  ast::Expr* rhs0 = rhs[0];
  if (rhs.size() == 1) {
    if (auto* call = ast::dynCast<ast::CallExpr>(ast::unparen(rhs0))) {
      error(rhs0->pos, "assignment mismatch: " + vars + " but " + exprStr(call->fun) + " returns " + vals);
      return;
    }
  }
  error(rhs0->pos, "assignment mismatch: " + vars + " but " + vals);
}

void Checker::returnError(ast::ReturnStmt* s, const std::vector<Operand>& vals) {
  Tuple* want = func_->sig->results;
  std::string qualifier = vals.size() < want->vars.size() ? "not enough" : "too many";
  Pos at = s->pos;
  if (vals.size() > want->vars.size()) at = vals[want->vars.size()].expr->pos;
  else if (!vals.empty()) at = vals.back().expr->pos;
  auto summary = [&](std::vector<Type*> ts) {
    std::string r = "(";
    for (size_t i = 0; i < ts.size(); i++) {
      if (i) r += ", ";
      Type* t = ts[i];
      if (isUntyped(t)) r += isNumeric(t) ? "number" : static_cast<Basic*>(t)->bkind == BasicKind::UntypedNil ? "nil" : typeStr(defaultType(t));
      else r += typeStr(t);
    }
    return r + ")";
  };
  std::vector<Type*> have, wantT;
  for (auto& v : vals) have.push_back(v.type);
  for (Var* v : want->vars) wantT.push_back(v->type);
  error(at, qualifier + " return values\n\thave " + summary(have) + "\n\twant " + summary(wantT));
}

// Assigns rhs to the variables lhs (declarations); handles f() returning a tuple.
void Checker::initVars(const std::vector<Var*>& lhs, const std::vector<ast::Expr*>& rhs, Pos, bool) {
  std::vector<Operand> vals;
  if (rhs.size() == 1) {
    Type* hint = lhs.size() == 1 ? lhs[0]->type : nullptr;
    Operand x;
    rawExpr(x, rhs[0], hint, false);
    if (x.mode == Mode::Value && x.type && x.type->kind == TypeKind::Tuple) {
      for (Var* v : static_cast<Tuple*>(x.type)->vars) {
        Operand o;
        o.mode = Mode::Value;
        o.expr = rhs[0];
        o.type = v->type;
        vals.push_back(o);
      }
    } else if (x.mode == Mode::NoValue) {
      error(rhs[0]->pos, exprStr(rhs[0]) + " (no value) used as value");
      for (Var* v : lhs)
        if (!v->type) v->type = store_.invalid();
      return;
    } else {
      if (x.mode == Mode::TypeExpr) {
        error(rhs[0]->pos, operandStr(x) + " is not an expression");
        x.mode = Mode::Invalid;
      } else if (x.mode == Mode::Builtin) {
        error(rhs[0]->pos, operandStr(x) + " must be called");
        x.mode = Mode::Invalid;
      }
      if (lhs.size() == 2 && (x.mode == Mode::CommaOK || x.mode == Mode::MapIndex)) {
        // v, ok = m[k] / x.(T) / <-ch
        initVar(lhs[0], x, "assignment");
        Operand ok;
        ok.mode = Mode::Value;
        ok.expr = rhs[0];
        ok.type = store_.basic(BasicKind::UntypedBool);
        if (!lhs[1]->type) lhs[1]->type = store_.basic(BasicKind::Bool);
        if (!x.invalid()) {
          if (!isBoolean(lhs[1]->type)) assignment(ok, lhs[1]->type, "assignment");
          info_.types[rhs[0]].mode = Mode::CommaOK;
        }
        return;
      }
      vals.push_back(x);
    }
  } else {
    for (size_t i = 0; i < rhs.size(); i++) {
      Operand x;
      exprWithHint(x, rhs[i], i < lhs.size() ? lhs[i]->type : nullptr);
      vals.push_back(x);
    }
  }
  if (vals.size() != lhs.size()) {
    bool invalid = std::any_of(vals.begin(), vals.end(), [](Operand& o) { return o.invalid(); });
    if (!invalid) assignError(rhs, lhs.size(), vals.size(), Pos{});
    for (Var* v : lhs)
      if (!v->type) v->type = store_.invalid();
    return;
  }
  for (size_t i = 0; i < lhs.size(); i++) initVar(lhs[i], vals[i], "assignment");
}

void Checker::assignVars(const std::vector<ast::Expr*>& lhs, const std::vector<ast::Expr*>& rhs, Pos pos) {
  if (rhs.size() == 1 && lhs.size() > 1) {
    Operand x;
    rawExpr(x, rhs[0], nullptr, false);
    std::vector<Operand> vals;
    if (x.mode == Mode::Value && x.type && x.type->kind == TypeKind::Tuple) {
      for (Var* v : static_cast<Tuple*>(x.type)->vars) {
        Operand o;
        o.mode = Mode::Value;
        o.expr = rhs[0];
        o.type = v->type;
        vals.push_back(o);
      }
    } else if (lhs.size() == 2 && (x.mode == Mode::CommaOK || x.mode == Mode::MapIndex)) {
      assignVar(lhs[0], x);
      Operand ok;
      ok.mode = Mode::Value;
      ok.expr = rhs[0];
      ok.type = store_.basic(BasicKind::UntypedBool);
      assignVar(lhs[1], ok);
      info_.types[rhs[0]].mode = Mode::CommaOK;
      return;
    } else if (!x.invalid()) {
      vals.push_back(x);
    }
    if (x.invalid()) {
      useExprs(lhs);
      return;
    }
    if (vals.size() != lhs.size()) {
      assignError(rhs, lhs.size(), vals.size(), pos);
      useExprs(lhs);
      return;
    }
    for (size_t i = 0; i < lhs.size(); i++) assignVar(lhs[i], vals[i]);
    return;
  }
  if (lhs.size() != rhs.size()) {
    std::vector<Operand> vals;
    for (ast::Expr* r : rhs) {
      Operand x;
      expr(x, r);
    }
    useExprs(lhs);
    assignError(rhs, lhs.size(), rhs.size(), pos);
    return;
  }
  std::vector<Operand> vals(rhs.size());
  for (size_t i = 0; i < rhs.size(); i++) {
    // f = GenericFunc: the variable's type instantiates it (Go 1.21)
    Type* hint = nullptr;
    if (auto* id = ast::dynCast<ast::Ident>(ast::unparen(lhs[i])); id && namesGenericFunc(rhs[i]))
      if (auto* v = asObj<Var>(lookup(id->name))) hint = v->type;
    exprWithHint(vals[i], rhs[i], hint);
  }
  for (size_t i = 0; i < lhs.size(); i++) assignVar(lhs[i], vals[i]);
}

void Checker::shortVarDecl(ast::AssignStmt* s) {
  std::vector<Var*> lhsVars;
  std::vector<Var*> newVars;
  bool hasErr = false;
  std::vector<std::string> seen;
  for (ast::Expr* l : s->lhs) {
    auto* id = ast::dynCast<ast::Ident>(l);
    if (!id) {
      useExprs({l});
      error(l->pos, "non-name " + exprStr(l) + " on left side of :=");
      hasErr = true;
      lhsVars.push_back(store_.newObject<Var>(l->pos, pkg_, "_", nullptr, VarKind::Local));
      continue;
    }
    if (!id->isBlank()) {
      if (std::find(seen.begin(), seen.end(), id->name) != seen.end()) {
        error(l->pos, id->name + " repeated on left side of :=");
        hasErr = true;
        lhsVars.push_back(store_.newObject<Var>(l->pos, pkg_, "_", nullptr, VarKind::Local));
        continue;
      }
      seen.push_back(id->name);
    }
    if (Object* alt = scope_->lookup(id->name); alt && !id->isBlank()) {
      recordUse(id, alt);
      if (auto* v = asObj<Var>(alt)) {
        lhsVars.push_back(v);
        noteVarUse(v, false);
      } else {
        error(l->pos, "cannot assign to " + exprStr(l));
        hasErr = true;
        lhsVars.push_back(store_.newObject<Var>(l->pos, pkg_, "_", nullptr, VarKind::Local));
      }
      continue;
    }
    auto* v = store_.newObject<Var>(id->pos, pkg_, id->name, nullptr, VarKind::Local);
    lhsVars.push_back(v);
    newVars.push_back(v);
    info_.defs[id] = v;
  }
  // existing variables keep their types: typed assignment; new ones are inferred
  initVars(lhsVars, s->rhs, s->tokPos, false);
  if (newVars.empty() && !hasErr) error(s->tokPos, "no new variables on left side of :=");
  for (size_t i = 0; i < s->lhs.size(); i++) {
    auto* id = ast::dynCast<ast::Ident>(s->lhs[i]);
    if (!id) continue;
    Var* v = lhsVars[i];
    if (std::find(newVars.begin(), newVars.end(), v) == newVars.end()) continue;
    declareVar(v, id);
  }
}

void Checker::assignStmt(ast::AssignStmt* s) {
  if (s->tok == Tok::Define) {
    shortVarDecl(s);
    return;
  }
  if (s->tok == Tok::Assign) {
    assignVars(s->lhs, s->rhs, s->tokPos);
    return;
  }
  // op-assignment x op= y
  if (s->lhs.size() != 1 || s->rhs.size() != 1) {
    error(s->tokPos, "assignment operation " + std::string(tokString(s->tok)) + " requires single-valued expressions");
    return;
  }
  Operand x;
  binary(x, nullptr, s->lhs[0], s->rhs[0], assignOpBase(s->tok), s->tokPos);
  if (x.invalid()) return;
  assignVar(s->lhs[0], x);
}

void Checker::returnStmt(ast::ReturnStmt* s) {
  Tuple* res = func_->sig->results;
  if (s->results.empty()) {
    if (!res->vars.empty() && !func_->hasNamedResults) {
      returnError(s, {});
      return;
    }
    if (func_->hasNamedResults) {
      // result parameters must not be shadowed at the return
      for (Var* r : res->vars) {
        if (r->name.empty() || r->name == "_") continue;
        Object* o = lookup(r->name);
        if (o != r && o) {
          error(s->pos, "result parameter " + r->name + " not in scope at return\n\t" + prog_.fset.position(o->pos) +
                            ": inner declaration of var " + r->name + " " + typeStr(o->type));
        }
      }
    }
    return;
  }
  std::vector<Operand> vals;
  if (s->results.size() == 1 && res->vars.size() != 1) {
    multiExpr(vals, s->results[0]);
  } else {
    for (size_t i = 0; i < s->results.size(); i++) {
      Operand x;
      exprWithHint(x, s->results[i], i < res->vars.size() ? res->vars[i]->type : nullptr);
      vals.push_back(x);
    }
  }
  if (std::any_of(vals.begin(), vals.end(), [](Operand& o) { return o.invalid(); })) return;
  if (vals.size() != res->vars.size()) {
    returnError(s, vals);
    return;
  }
  for (size_t i = 0; i < vals.size(); i++) assignment(vals[i], res->vars[i]->type, "return statement");
}

// ---- control flow ------------------------------------------------------------------------

void Checker::ifStmt(ast::IfStmt* s, int ctx) {
  openScope(s, "if");
  if (s->init) stmt(s->init, 0);
  Operand x;
  expr(x, s->cond);
  if (!x.invalid() && !isBoolean(x.type)) error(s->cond->pos, "non-boolean condition in if statement");
  stmt(s->body, ctx);
  if (s->else_) stmt(s->else_, ctx);
  closeScope();
}

void Checker::switchStmt(ast::SwitchStmt* s, int ctx) {
  openScope(s, "switch");
  if (s->init) stmt(s->init, 0);
  Operand tag;
  if (s->tag) {
    expr(tag, s->tag);
    assignment(tag, nullptr, "switch expression");
    if (!tag.invalid() && !comparable(tag.type) && !hasNil(tag.type)) {
      error(s->tag->pos, "cannot switch on " + operandStr(tag) + " (" + typeStr(tag.type) + " is not comparable)");
      tag.mode = Mode::Invalid;
    }
  } else {
    tag.mode = Mode::Constant;
    tag.type = store_.basic(BasicKind::Bool);
    tag.val = constant::Value::makeBool(true);
    auto* t = prog_.arena.make<ast::Ident>(s->body->pos);
    t->name = "true";
    tag.expr = t;
  }
  std::vector<std::pair<Operand, Pos>> seen;
  ast::CaseClause* firstDefault = nullptr;
  for (size_t i = 0; i < s->body->list.size(); i++) {
    auto* cc = ast::cast<ast::CaseClause>(s->body->list[i]);
    if (cc->isDefault) {
      if (firstDefault) error(cc->pos, "multiple defaults (first at " + prog_.fset.position(firstDefault->pos) + ")");
      else firstDefault = cc;
    }
    for (ast::Expr* e : cc->list) {
      Operand v;
      expr(v, e);
      if (v.invalid() || tag.invalid()) continue;
      Operand t = tag;
      matchTypes(v, t);
      if (v.invalid()) continue;
      Operand vv = v;
      comparison(vv, t, Tok::Eql, nullptr);
      if (vv.invalid()) continue;
      if (v.mode == Mode::Constant && v.val.kind() != constant::Kind::Bool && !inInstance()) {
        for (auto& [prev, ppos] : seen) {
          if (prev.val.kind() == v.val.kind() && identical(prev.type, v.type) && constant::compare(prev.val, Tok::Eql, v.val)) {
            error(e->pos, "duplicate case " + operandStr(v) + " in expression switch\n\t" + prog_.fset.position(ppos) + ": previous case");
            break;
          }
        }
        seen.push_back({v, e->pos});
      }
    }
    openScope(cc, "case");
    int inner = ctx | kBreakOk;
    if (i + 1 < s->body->list.size()) inner |= kFallthroughOk;
    else inner |= kFinalSwitchCase;
    stmtList(cc->body, inner);
    closeScope();
  }
  closeScope();
}

void Checker::typeSwitchStmt(ast::TypeSwitchStmt* s, int ctx) {
  openScope(s, "type switch");
  if (s->init) stmt(s->init, 0);
  ast::Ident* lhs = nullptr;
  ast::TypeAssertExpr* guard;
  if (auto* a = ast::dynCast<ast::AssignStmt>(s->assign)) {
    lhs = ast::cast<ast::Ident>(a->lhs[0]);
    guard = ast::cast<ast::TypeAssertExpr>(a->rhs[0]);
    if (lhs->isBlank()) {
      error(lhs->pos, "no new variable on left side of :=");
      lhs = nullptr;
    }
  } else {
    guard = ast::cast<ast::TypeAssertExpr>(ast::cast<ast::ExprStmt>(s->assign)->x);
  }
  Operand x;
  expr(x, guard->x);
  Interface* xi = nullptr;
  if (!x.invalid()) {
    xi = as<Interface>(x.type->underlying());
    if (!xi) {
      error(x.expr->pos, operandStr(x) + " is not an interface");
      x.mode = Mode::Invalid;
    } else {
      completeInterface(xi, guard->pos);
      recordType(guard, Mode::Value, x.type);
    }
  }
  std::vector<Var*> lhsVars;
  std::vector<std::pair<Type*, Pos>> seen;
  bool seenNil = false;
  ast::CaseClause* firstDefault = nullptr;
  for (ast::Stmt* st : s->body->list) {
    auto* cc = ast::cast<ast::CaseClause>(st);
    if (cc->isDefault) {
      if (firstDefault) error(cc->pos, "multiple defaults (first at " + prog_.fset.position(firstDefault->pos) + ")");
      else firstDefault = cc;
    }
    Type* single = nullptr;
    bool caseInvalid = false;
    for (ast::Expr* e : cc->list) {
      Type* T = nullptr;
      if (auto* id = ast::dynCast<ast::Ident>(ast::unparen(e)); id && id->name == "nil" && lookup("nil") && lookup("nil")->kind == ObjKind::Nil) {
        Operand n;
        expr(n, e);
        T = nullptr;
        if (seenNil) error(e->pos, "multiple nil cases in type switch (first at ...)");
        seenNil = true;
        single = store_.basic(BasicKind::UntypedNil);
        continue;
      }
      T = typExpr(e);
      if (T == store_.invalid()) {
        caseInvalid = true;
        continue;
      }
      for (auto& [pt, ppos] : seen) {
        if (identical(pt, T) && !inInstance()) {
          error(e->pos, "duplicate case " + typeStr(T) + " in type switch\n\t" + prog_.fset.position(ppos) + ": previous case");
          break;
        }
      }
      seen.push_back({T, e->pos});
      if (xi && !isInterface(T) && !inInstance()) {
        bool wrong = false;
        if (missingMethod(T, xi, &wrong))
          error(e->pos, "impossible type switch case: " + exprStr(e) + "\n\t" + operandStr(x) + " cannot have dynamic type " +
                            typeStr(T) + " " + missingMethodCause(T, x.type));
      }
      single = T;
    }
    openScope(cc, "case");
    if (lhs) {
      Type* vt = (cc->list.size() == 1 && single && !isUntyped(single)) ? single : (x.invalid() ? store_.invalid() : x.type);
      if (cc->list.size() == 1 && caseInvalid) vt = store_.invalid();  // uses stay silent
      auto* v = store_.newObject<Var>(lhs->pos, pkg_, lhs->name, vt, VarKind::Local);
      declare(scope_, lhs, v);
      info_.defs.erase(lhs);
      info_.implicits[cc] = v;
      varOwner_[v] = func_;
      v->used = true;  // reported below if unused in every clause
      v->used = false;
      lhsVars.push_back(v);
    }
    stmtList(cc->body, ctx | kBreakOk | kInTypeSwitch);
    closeScope();
  }
  if (lhs) {
    bool used = std::any_of(lhsVars.begin(), lhsVars.end(), [](Var* v) { return v->used; });
    if (!used) error(lhs->pos, lhs->name + " declared but not used");
    for (Var* v : lhsVars) v->used = true;  // the group is reported once
    auto* sym = store_.newObject<Var>(lhs->pos, pkg_, lhs->name, x.invalid() ? store_.invalid() : x.type, VarKind::Local);
    sym->used = true;
    info_.defs[lhs] = sym;
  }
  closeScope();
}

void Checker::selectStmt(ast::SelectStmt* s, int ctx) {
  ast::CommClause* firstDefault = nullptr;
  for (ast::Stmt* st : s->body->list) {
    auto* cc = ast::cast<ast::CommClause>(st);
    if (!cc->comm) {
      if (firstDefault) error(cc->pos, "multiple defaults (first at " + prog_.fset.position(firstDefault->pos) + ")");
      else firstDefault = cc;
    }
    bool valid = false;
    ast::Stmt* comm = cc->comm;
    auto isRecv = [](ast::Expr* e) {
      auto* u = ast::dynCast<ast::UnaryExpr>(ast::unparen(e));
      return u && u->op == Tok::Arrow;
    };
    if (!comm) valid = true;
    else if (ast::isa<ast::SendStmt>(comm)) valid = true;
    else if (auto* es = ast::dynCast<ast::ExprStmt>(comm)) valid = isRecv(es->x);
    else if (auto* as = ast::dynCast<ast::AssignStmt>(comm)) valid = as->rhs.size() == 1 && isRecv(as->rhs[0]) && as->lhs.size() <= 2;
    if (!valid) {
      error(comm->pos, "select case must be send or receive (possibly with assignment)");
      continue;
    }
    openScope(cc, "case");
    if (comm) stmt(comm, 0);
    stmtList(cc->body, ctx | kBreakOk);
    closeScope();
  }
}

void Checker::forStmt(ast::ForStmt* s, int ctx) {
  openScope(s, "for");
  if (s->init) stmt(s->init, 0);
  if (s->cond) {
    Operand x;
    expr(x, s->cond);
    if (!x.invalid() && !isBoolean(x.type)) error(s->cond->pos, "non-boolean condition in for statement");
  }
  if (s->post) stmt(s->post, 0);
  stmt(s->body, ctx | kBreakOk | kContinueOk);
  closeScope();
}

void Checker::rangeStmt(ast::RangeStmt* s, int ctx) {
  Operand x;
  expr(x, s->x);
  Type* key = nullptr;
  Type* val = nullptr;
  bool valOk = true;
  if (!x.invalid()) {
    Type* u = x.type->underlying();
    if (auto* p = as<Pointer>(u))
      if (auto* a = as<Array>(p->elem->underlying())) u = a;
    switch (u->kind) {
      case TypeKind::Basic:
        if (isString(u)) {
          key = store_.basic(BasicKind::Int);
          val = store_.runeType();
          if (isUntyped(x.type)) implicitConvert(x, store_.basic(BasicKind::String));
        } else if (isInteger(u)) {
          // Go 1.22: range over an integer
          key = isUntyped(x.type) ? store_.basic(BasicKind::Int) : x.type;
          valOk = false;
        }
        break;
      case TypeKind::Array: key = store_.basic(BasicKind::Int); val = static_cast<Array*>(u)->elem; break;
      case TypeKind::Slice: key = store_.basic(BasicKind::Int); val = static_cast<Slice*>(u)->elem; break;
      case TypeKind::Map: key = static_cast<Map*>(u)->key; val = static_cast<Map*>(u)->elem; break;
      case TypeKind::Chan:
        if (static_cast<Chan*>(u)->dir == ChanDir::SendOnly) {
          error(s->x->pos, "cannot range over " + operandStr(x) + " (receive from send-only channel)");
          x.mode = Mode::Invalid;
        }
        key = static_cast<Chan*>(u)->elem;
        valOk = false;
        break;
      case TypeKind::Signature:
        error(s->x->pos, "cannot range over " + operandStr(x) + ": range over functions is not supported by gol");
        x.mode = Mode::Invalid;
        break;
      default: break;
    }
    if (!x.invalid() && !key) {
      error(s->x->pos, "cannot range over " + operandStr(x));
      x.mode = Mode::Invalid;
    }
    if (!x.invalid() && !valOk && s->value) {
      error(s->value->pos, "range over " + operandStr(x) + " permits only one iteration variable");
      x.mode = Mode::Invalid;
    }
    if (!x.invalid() && isUntyped(x.type) && isInteger(x.type)) implicitConvert(x, store_.basic(BasicKind::Int));
  }
  openScope(s, "range");
  ast::Expr* lhs[2] = {s->key, s->value};
  Type* rhs[2] = {key, val};
  if (s->tok == Tok::Define) {
    std::vector<std::pair<Var*, ast::Ident*>> vars;
    for (int i = 0; i < 2; i++) {
      if (!lhs[i]) continue;
      auto* id = ast::dynCast<ast::Ident>(lhs[i]);
      if (!id) {
        error(lhs[i]->pos, "non-name " + exprStr(lhs[i]) + " on left side of :=");
        continue;
      }
      Type* t = x.invalid() || !rhs[i] ? store_.invalid() : rhs[i];
      auto* v = store_.newObject<Var>(id->pos, pkg_, id->name, t, VarKind::Local);
      info_.defs[id] = v;
      vars.push_back({v, id});
    }
    for (auto& [v, id] : vars) declareVar(v, id);
  } else if (s->tok == Tok::Assign) {
    for (int i = 0; i < 2; i++) {
      if (!lhs[i] || x.invalid() || !rhs[i]) {
        if (lhs[i] && x.invalid()) useExprs({lhs[i]});
        continue;
      }
      Operand o;
      o.mode = Mode::Value;
      o.expr = s->x;
      o.type = rhs[i];
      assignVar(lhs[i], o);
    }
  }
  stmt(s->body, ctx | kBreakOk | kContinueOk);
  closeScope();
}

// ---- terminating statements (spec "Terminating statements") ---------------------------------

bool Checker::isTerminatingList(const std::vector<ast::Stmt*>& l, const std::string& label) {
  for (size_t i = l.size(); i-- > 0;) {
    if (ast::isa<ast::EmptyStmt>(l[i])) continue;
    return isTerminating(l[i], label);
  }
  return false;
}

bool Checker::isTerminating(ast::Stmt* s, const std::string& label) {
  switch (s->kind) {
    case ast::Kind::ReturnStmt: return true;
    case ast::Kind::BranchStmt: {
      auto* b = ast::cast<ast::BranchStmt>(s);
      return b->tok == Tok::Goto || b->tok == Tok::Fallthrough;
    }
    case ast::Kind::ExprStmt: {
      auto* call = ast::dynCast<ast::CallExpr>(ast::unparen(ast::cast<ast::ExprStmt>(s)->x));
      if (!call) return false;
      auto* id = ast::dynCast<ast::Ident>(ast::unparen(call->fun));
      auto* b = id ? asObj<Builtin>(info_.objectOf(id)) : nullptr;
      return b && b->id == BuiltinId::Panic;
    }
    case ast::Kind::BlockStmt: return isTerminatingList(ast::cast<ast::BlockStmt>(s)->list, "");
    case ast::Kind::LabeledStmt: {
      auto* l = ast::cast<ast::LabeledStmt>(s);
      return isTerminating(l->stmt, l->label->name);
    }
    case ast::Kind::IfStmt: {
      auto* i = ast::cast<ast::IfStmt>(s);
      return i->else_ && isTerminating(i->body, "") && isTerminating(i->else_, "");
    }
    case ast::Kind::ForStmt: {
      auto* f = ast::cast<ast::ForStmt>(s);
      return !f->cond && !hasBreak(f->body, label, true);
    }
    case ast::Kind::SwitchStmt:
    case ast::Kind::TypeSwitchStmt:
    case ast::Kind::SelectStmt: {
      ast::BlockStmt* body = s->kind == ast::Kind::SwitchStmt ? ast::cast<ast::SwitchStmt>(s)->body
                             : s->kind == ast::Kind::TypeSwitchStmt ? ast::cast<ast::TypeSwitchStmt>(s)->body
                                                                    : ast::cast<ast::SelectStmt>(s)->body;
      bool hasDefault = s->kind == ast::Kind::SelectStmt;
      for (ast::Stmt* c : body->list) {
        std::vector<ast::Stmt*>* stmts;
        if (auto* cc = ast::dynCast<ast::CaseClause>(c)) {
          if (cc->isDefault) hasDefault = true;
          stmts = &cc->body;
        } else {
          stmts = &ast::cast<ast::CommClause>(c)->body;
        }
        if (!isTerminatingList(*stmts, "")) {
          // a trailing fallthrough counts as terminating
          return false;
        }
        for (ast::Stmt* st : *stmts)
          if (hasBreak(st, label, true)) return false;
      }
      return hasDefault;
    }
    default: return false;
  }
}

// Whether s contains a break referring to the enclosing statement (unlabeled,
// when implicit) or to label.
bool Checker::hasBreak(ast::Stmt* s, const std::string& label, bool implicit) {
  if (!s) return false;
  switch (s->kind) {
    case ast::Kind::BranchStmt: {
      auto* b = ast::cast<ast::BranchStmt>(s);
      if (b->tok != Tok::Break) return false;
      if (!b->label) return implicit;
      return b->label->name == label;
    }
    case ast::Kind::BlockStmt:
      for (ast::Stmt* st : ast::cast<ast::BlockStmt>(s)->list)
        if (hasBreak(st, label, implicit)) return true;
      return false;
    case ast::Kind::LabeledStmt: return hasBreak(ast::cast<ast::LabeledStmt>(s)->stmt, label, implicit);
    case ast::Kind::IfStmt: {
      auto* i = ast::cast<ast::IfStmt>(s);
      return hasBreak(i->body, label, implicit) || hasBreak(i->else_, label, implicit);
    }
    case ast::Kind::CaseClause:
      for (ast::Stmt* st : ast::cast<ast::CaseClause>(s)->body)
        if (hasBreak(st, label, implicit)) return true;
      return false;
    case ast::Kind::CommClause:
      for (ast::Stmt* st : ast::cast<ast::CommClause>(s)->body)
        if (hasBreak(st, label, implicit)) return true;
      return false;
    // nested breakable statements: only labeled breaks can escape them
    case ast::Kind::SwitchStmt: return !label.empty() && hasBreak(ast::cast<ast::SwitchStmt>(s)->body, label, false);
    case ast::Kind::TypeSwitchStmt: return !label.empty() && hasBreak(ast::cast<ast::TypeSwitchStmt>(s)->body, label, false);
    case ast::Kind::SelectStmt: return !label.empty() && hasBreak(ast::cast<ast::SelectStmt>(s)->body, label, false);
    case ast::Kind::ForStmt: return !label.empty() && hasBreak(ast::cast<ast::ForStmt>(s)->body, label, false);
    case ast::Kind::RangeStmt: return !label.empty() && hasBreak(ast::cast<ast::RangeStmt>(s)->body, label, false);
    default: return false;
  }
}

}  // namespace gol
