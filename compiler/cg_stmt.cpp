// cg_stmt.cpp — statements: assignments, declarations, control flow (if,
// for, range, switch, type switch, select, labels, goto), go, defer, return.
//
// Invariants
//  - Assignments follow the spec's two phases: index and pointer operands on
//    the left and all right-hand values are evaluated first, then stored left
//    to right.
//  - Loop variables are per iteration (Go 1.22): a variable declared by a
//    range clause is fresh storage each iteration, and an escaping variable of
//    a three-clause loop is copied to a fresh heap cell before the post
//    statement.
//  - Temporaries are released after every statement.
#include <algorithm>

#include "compiler/cg_internal.h"

namespace gol::cg {

llvm::Value* FuncGen::loadLValue(const LValue& lv) {
  if (lv.kind == LValue::MapEntry) return load(lv.type, mapCall(MapOp::Access, lv.mapType, lv.map, nullptr, lv.keyAddr, lv.pos));
  return load(lv.type, lv.kind == LValue::Checked ? lv.address() : lv.addr);
}

void FuncGen::genBlock(const ast::BlockStmt* block) {
  if (block) genStmts(block->list);
}

void FuncGen::genStmts(const std::vector<ast::Stmt*>& list) {
  for (const ast::Stmt* s : list) {
    if (!blockOpen()) {
      // Unreachable code (after return/goto/panic) still needs a block; labels
      // start their own.
      b.SetInsertPoint(newBlock("dead"));
    }
    genStmt(s);
    releaseTemps();
  }
}

namespace {

T::Var* definedVar(const Info& info, const ast::Expr* e) {
  auto* id = ast::dynCast<ast::Ident>(ast::unparen(e));
  if (!id) return nullptr;
  auto it = info.defs.find(id);
  if (it == info.defs.end()) return nullptr;
  return T::asObj<T::Var>(it->second);
}

// Values of a comma-ok expression: (value, ok).
std::pair<llvm::Value*, llvm::Value*> genCommaOk(FuncGen& f, const ast::Expr* e) {
  e = ast::unparen(e);
  if (auto* ix = ast::dynCast<ast::IndexExpr>(e)) {
    T::Type* mt = f.typeOf(ix->x);
    auto* map = static_cast<T::Map*>(mt->underlying());
    llvm::Value* mp = f.genExpr(ix->x);
    f.keepAlive(mp, mt);
    llvm::Value* key = f.genExprTo(ix->index, map->key);
    llvm::Value* okSlot = f.entryAlloca(f.m.abi.i32, "ok");
    llvm::Value* p = f.mapCall(MapOp::Access, mt, mp, key, nullptr, ix->lbrack, okSlot);
    llvm::Value* ok = f.b.CreateICmpNE(f.b.CreateLoad(f.m.abi.i32, okSlot), llvm::ConstantInt::get(f.m.abi.i32, 0));
    return {f.load(map->elem, p), ok};
  }
  if (auto* ta = ast::dynCast<ast::TypeAssertExpr>(e)) {
    llvm::Value* ok = nullptr;
    T::Type* to = f.info.typeOf(ta->type)->type;
    llvm::Value* v = f.typeAssert(f.genExpr(ta->x), f.typeOf(ta->x), to, true, e->pos, &ok);
    return {v, ok};
  }
  auto* u = ast::cast<ast::UnaryExpr>(e);
  T::Type* ct = f.typeOf(u->x);
  auto* chanT = static_cast<T::Chan*>(ct->underlying());
  llvm::Value* ch = f.genExpr(u->x);
  f.keepAlive(ch, ct);
  llvm::Value* slot = f.tempSlot(chanT->elem);
  f.b.CreateStore(f.zeroValue(chanT->elem), slot);
  llvm::Value* r = f.call(f.m.rt("gol_chanrecv"), {f.g, ch, slot}, e->pos);
  return {f.load(chanT->elem, slot), f.b.CreateICmpNE(r, llvm::ConstantInt::get(f.m.abi.i32, 0))};
}

bool isCommaOk(const Info& info, const ast::Expr* e) {
  const TypeAndValue* tv = info.typeOf(e);
  if (tv && tv->mode == Mode::CommaOK) return true;
  e = ast::unparen(e);
  if (auto* u = ast::dynCast<ast::UnaryExpr>(e)) return u->op == Tok::Arrow;
  if (ast::isa<ast::TypeAssertExpr>(e)) return true;
  if (auto* ix = ast::dynCast<ast::IndexExpr>(e)) {
    const TypeAndValue* xt = info.typeOf(ix->x);
    return xt && xt->type->underlying()->kind == T::TypeKind::Map;
  }
  return false;
}

// The slot of a map entry, inserting its key: one mapassign for m[k]++ and
// m[k] op= y, as Go compiles them.
LValue mapSlot(FuncGen& f, const LValue& entry) {
  LValue slot{LValue::Memory};
  slot.addr = f.mapCall(MapOp::Assign, entry.mapType, entry.map, nullptr, entry.keyAddr, entry.pos);
  slot.type = entry.type;
  return slot;
}

bool isStackOrGlobal(llvm::Value* addr) {
  llvm::Value* base = addr->stripInBoundsOffsets();
  return llvm::isa<llvm::AllocaInst>(base) || llvm::isa<llvm::GlobalVariable>(base);
}

void genAssign(FuncGen& f, const ast::AssignStmt* s) {
  const Info& info = f.info;
  // Op-assign: x op= y.
  if (s->tok != Tok::Assign && s->tok != Tok::Define) {
    LValue lv = f.genLValue(s->lhs[0]);
    T::Type* t = lv.type;
    Tok op = assignOpBase(s->tok);
    bool shift = op == Tok::Shl || op == Tok::Shr;
    const ast::Expr* rhs = s->rhs[0];
    T::Type* yt = shift ? f.typeOf(rhs) : t;
    llvm::Value *x, *y;
    if (lv.kind == LValue::MapEntry) {
      // As Go: y first; then, but for / and % (which must panic before the
      // key is inserted), the key's insertion and the operation in its slot.
      y = shift ? f.genExpr(rhs) : f.genExprTo(rhs, t);
      f.keepAlive(y, yt);
      if (op != Tok::Quo && op != Tok::Rem) lv = mapSlot(f, lv);
      x = f.loadLValue(lv);
    } else {
      x = f.loadLValue(lv);
      if (mayReachSafePoint(info, rhs)) f.keepAlive(x, t);
      y = shift ? f.genExpr(rhs) : f.genExprTo(rhs, t);
    }
    f.store(lv, shift ? f.shiftOp(op, x, y, t, yt, s->tokPos) : f.binaryOp(op, x, y, t, s->tokPos));
    return;
  }
  bool define = s->tok == Tok::Define;
  size_t n = s->lhs.size();
  // Phase 1: left operands, then right values.
  std::vector<LValue> lvs(n);
  std::vector<T::Var*> newVars(n, nullptr);
  bool rhsMayGC = false;
  for (auto* r : s->rhs) rhsMayGC |= mayReachSafePoint(info, r);
  // Phase 2 allocates when it creates an escaping variable's cell or
  // inserts a map entry: what phase 1 computed must be rooted then.
  bool storesMayGC = false;
  for (size_t i = 0; i < n; i++) {
    if (define) newVars[i] = definedVar(info, s->lhs[i]);
    if (newVars[i])
      storesMayGC |= newVars[i]->name != "_" && newVars[i]->mustHeapAllocate();
    else if (auto* ix = ast::dynCast<ast::IndexExpr>(ast::unparen(s->lhs[i])))
      storesMayGC |= T::as<T::Map>(f.typeOf(ix->x)->underlying()) != nullptr;
  }
  for (size_t i = 0; i < n; i++) {
    if (newVars[i]) continue;
    lvs[i] = f.genLValue(s->lhs[i], true);
    // A heap address must stay rooted while the right side runs; a local's
    // or global's needs no root, and rooting it would keep the local in
    // memory.
    if (!(rhsMayGC || storesMayGC)) continue;
    llvm::Value* held = lvs[i].kind == LValue::Memory ? lvs[i].addr : lvs[i].kind == LValue::Checked ? lvs[i].keep : nullptr;
    if (held && !isStackOrGlobal(held)) f.keepAlive(held, f.m.unsafePointer());
  }
  auto lhsType = [&](size_t i) -> T::Type* {
    if (newVars[i]) return newVars[i]->type;
    if (lvs[i].kind == LValue::Blank) return nullptr;
    return lvs[i].type;
  };
  std::vector<llvm::Value*> vals(n, nullptr);
  if (s->rhs.size() == n) {
    for (size_t i = 0; i < n; i++) {
      T::Type* lt = lhsType(i);
      vals[i] = lt ? f.genExprTo(s->rhs[i], lt) : f.genExpr(s->rhs[i]);
      bool later = false;
      for (size_t k = i + 1; k < n; k++) later |= mayReachSafePoint(info, s->rhs[k], lhsType(k));
      if ((later || storesMayGC) && lt) f.keepAlive(vals[i], lt);
    }
  } else {
    std::vector<T::Type*> targets(n);
    for (size_t i = 0; i < n; i++) targets[i] = lhsType(i);
    vals = f.genMultiValue(s->rhs[0], targets, s->pos, storesMayGC);
  }
  // Phase 2: stores, left to right.
  for (size_t i = 0; i < n; i++) {
    if (newVars[i]) {
      if (newVars[i]->name == "_") continue;
      f.b.CreateStore(vals[i], f.declareVar(newVars[i]));   // rooted above if it escapes
      continue;
    }
    f.store(lvs[i], vals[i]);
  }
}

void genVarDecl(FuncGen& f, const ast::GenDecl* d) {
  if (d->tok != Tok::Var) return;
  for (ast::Spec* sp : d->specs) {
    auto* vs = ast::cast<ast::ValueSpec>(sp);
    std::vector<T::Var*> vars;
    for (ast::Ident* id : vs->names) vars.push_back(T::asObj<T::Var>(f.info.objectOf(id)));
    std::vector<llvm::Value*> vals(vars.size(), nullptr);
    // Allocating an escaping variable's cell may collect: every value
    // computed before must be rooted by then.
    bool cells = std::any_of(vars.begin(), vars.end(),
                             [](T::Var* v) { return v && v->name != "_" && v->mustHeapAllocate(); });
    if (vs->values.size() == vars.size()) {
      for (size_t i = 0; i < vars.size(); i++) {
        vals[i] = f.genExprTo(vs->values[i], vars[i]->type);
        if (i + 1 < vars.size() || cells) f.keepAlive(vals[i], vars[i]->type);
      }
    } else if (!vs->values.empty()) {
      std::vector<T::Type*> targets;
      for (T::Var* v : vars) targets.push_back(v ? v->type : nullptr);
      vals = f.genMultiValue(vs->values[0], targets, vs->pos, cells);
    }
    for (size_t i = 0; i < vars.size(); i++) {
      if (!vars[i] || vars[i]->name == "_") continue;
      llvm::Value* addr = f.declareVar(vars[i]);
      if (vals[i]) f.b.CreateStore(vals[i], addr);
    }
  }
}

void genReturn(FuncGen& f, const ast::ReturnStmt* s) {
  auto& slots = f.resultSlots;
  if (!s->results.empty()) {
    std::vector<llvm::Value*> vals;
    if (s->results.size() == slots.size()) {
      for (size_t i = 0; i < slots.size(); i++) {
        llvm::Value* v = f.genExprTo(s->results[i], slots[i].second);
        bool later = false;
        for (size_t k = i + 1; k < slots.size(); k++) later |= mayReachSafePoint(f.info, s->results[k], slots[k].second);
        if (later) f.keepAlive(v, slots[i].second);
        vals.push_back(v);
      }
    } else {
      auto* tt = static_cast<T::Tuple*>(f.typeOf(s->results[0]));
      llvm::Value* tuple = f.genExpr(s->results[0]);
      for (size_t i = 0; i < slots.size(); i++)
        vals.push_back(f.convert(f.b.CreateExtractValue(tuple, unsigned(i)), tt->at(i), slots[i].second, s->pos));
    }
    for (size_t i = 0; i < slots.size(); i++) f.b.CreateStore(vals[i], slots[i].first);
  }
  f.setLine(s->pos);
  f.b.CreateBr(f.retBlock);
}

const FuncGen::Target* findTarget(FuncGen& f, const ast::BranchStmt* s) {
  for (auto it = f.targets.rbegin(); it != f.targets.rend(); ++it) {
    if (s->label) {
      if (it->label == s->label->name) return &*it;
      continue;
    }
    if (s->tok == Tok::Continue && !it->cont) continue;
    return &*it;
  }
  return nullptr;
}

std::string pendingLabel;  // label of the statement being generated

std::string takeLabel() {
  std::string l = pendingLabel;
  pendingLabel.clear();
  return l;
}

void genIf(FuncGen& f, const ast::IfStmt* s) {
  if (s->init) f.genStmt(s->init);
  llvm::Value* c = f.genCond(s->cond);
  f.releaseTemps();
  auto* thenBB = f.newBlock("if.then");
  auto* elseBB = s->else_ ? f.newBlock("if.else") : nullptr;
  auto* done = f.newBlock("if.done");
  f.b.CreateCondBr(c, thenBB, elseBB ? elseBB : done);
  f.b.SetInsertPoint(thenBB);
  f.genBlock(s->body);
  f.branchTo(done);
  if (elseBB) {
    f.b.SetInsertPoint(elseBB);
    f.genStmt(s->else_);
    f.branchTo(done);
  }
  f.b.SetInsertPoint(done);
}

void genFor(FuncGen& f, const ast::ForStmt* s) {
  std::string label = takeLabel();
  if (s->init) f.genStmt(s->init);
  f.releaseTemps();
  // Escaping variables declared by init get a fresh cell per iteration.
  std::vector<T::Var*> perIter;
  if (auto* as = ast::dynCast<ast::AssignStmt>(s->init); as && as->tok == Tok::Define)
    for (auto* l : as->lhs)
      if (T::Var* v = definedVar(f.info, l); v && f.cellSlots.count(v)) perIter.push_back(v);
  auto* condBB = f.newBlock("for.cond");
  auto* bodyBB = f.newBlock("for.body");
  auto* postBB = f.newBlock("for.post");
  auto* done = f.newBlock("for.done");
  f.startBlock(condBB);
  if (s->cond) {
    llvm::Value* c = f.genCond(s->cond);
    f.releaseTemps();
    f.b.CreateCondBr(c, bodyBB, done);
  } else {
    f.b.CreateBr(bodyBB);
  }
  f.b.SetInsertPoint(bodyBB);
  f.targets.push_back({s, label, done, postBB});
  f.genBlock(s->body);
  f.targets.pop_back();
  f.startBlock(postBB);
  for (T::Var* v : perIter) {
    llvm::Value* old = f.varAddr(v, s->pos);
    llvm::Value* val = f.load(v->type, old);
    llvm::Value* cell = f.heapAlloc(v->type);
    f.b.CreateStore(val, cell);
    f.b.CreateStore(cell, f.cellSlots[v]);
  }
  if (s->post) f.genStmt(s->post);
  f.releaseTemps();
  f.b.CreateBr(condBB);
  f.b.SetInsertPoint(done);
}

bool isBlank(const ast::Expr* e) {
  auto* id = ast::dynCast<ast::Ident>(ast::unparen(e));
  return id && id->isBlank();
}

// Assigns a range iteration value to the key/value expression.
void assignRangeVar(FuncGen& f, const ast::RangeStmt* s, const ast::Expr* target, llvm::Value* v, T::Type* vt) {
  if (!target || isBlank(target)) return;
  if (s->tok == Tok::Define) {
    T::Var* var = definedVar(f.info, target);
    if (!var) return;
    f.defineVar(var, f.convert(v, vt, var->type, s->pos));
    return;
  }
  LValue lv = f.genLValue(target);
  f.store(lv, f.convert(v, vt, lv.type, s->pos));
}

// Assigns one iteration's key and value. `k, v = range x` is an assignment:
// both left operands are evaluated before either is stored, so in
// `for i, a[i] = range x` the element index is the previous i.
void assignRangeVars(FuncGen& f, const ast::RangeStmt* s, llvm::Value* k, T::Type* kt, llvm::Value* v, T::Type* vt) {
  if (s->tok != Tok::Assign || !s->key || !s->value || isBlank(s->key) || isBlank(s->value)) {
    assignRangeVar(f, s, s->key, k, kt);
    if (s->value) assignRangeVar(f, s, s->value, v, vt);
    return;
  }
  LValue kl = f.genLValue(s->key);
  if (mayReachSafePoint(f.info, s->value)) {
    if (kl.kind == LValue::Memory && !isStackOrGlobal(kl.addr)) f.keepAlive(kl.addr, f.m.unsafePointer());
    f.keepAlive(k, kt);
    f.keepAlive(v, vt);
  }
  LValue vl = f.genLValue(s->value);
  f.store(kl, f.convert(k, kt, kl.type, s->pos));
  f.store(vl, f.convert(v, vt, vl.type, s->pos));
}

void genRange(FuncGen& f, const ast::RangeStmt* s) {
  std::string label = takeLabel();
  T::Type* xt = f.typeOf(s->x);
  T::Type* u = xt->underlying();
  T::Type* intT = f.m.prog.store.basic(T::BasicKind::Int);
  auto* condBB = f.newBlock("range.cond");
  auto* bodyBB = f.newBlock("range.body");
  auto* postBB = f.newBlock("range.post");
  auto* done = f.newBlock("range.done");
  auto runBody = [&]() {
    f.targets.push_back({s, label, done, postBB});
    f.genBlock(s->body);
    f.targets.pop_back();
    f.startBlock(postBB);
  };
  llvm::Value* idxSlot = f.entryAlloca(f.m.abi.i64, "range.i");

  if (T::isInteger(xt) || (u->kind == T::TypeKind::Basic && static_cast<T::Basic*>(u)->bkind == T::BasicKind::UntypedInt)) {
    T::Type* it = T::isTyped(xt) ? xt : intT;
    llvm::Value* n = f.intCast(f.genExprTo(s->x, it), it, f.m.abi.i64);
    f.b.CreateStore(llvm::ConstantInt::get(f.m.abi.i64, 0), idxSlot);
    f.startBlock(condBB);
    llvm::Value* i = f.b.CreateLoad(f.m.abi.i64, idxSlot);
    f.b.CreateCondBr(T::isUnsigned(it) ? f.b.CreateICmpULT(i, n) : f.b.CreateICmpSLT(i, n), bodyBB, done);
    f.b.SetInsertPoint(bodyBB);
    T::Type* kt = s->key && f.typeOf(s->key) ? f.typeOf(s->key) : it;
    assignRangeVar(f, s, s->key, f.b.CreateTrunc(i, f.m.tm.lower(kt)), kt);
    runBody();
    f.b.CreateStore(f.b.CreateAdd(f.b.CreateLoad(f.m.abi.i64, idxSlot), llvm::ConstantInt::get(f.m.abi.i64, 1)), idxSlot);
    f.b.CreateBr(condBB);
    f.b.SetInsertPoint(done);
    return;
  }
  if (u->kind == T::TypeKind::Slice || u->kind == T::TypeKind::Array ||
      (u->kind == T::TypeKind::Pointer && T::as<T::Array>(static_cast<T::Pointer*>(u)->elem->underlying()))) {
    // The range expression is evaluated once; arrays are copied.
    llvm::Value* base;
    llvm::Value* len;
    T::Type* elem;
    llvm::Type* elemTy;
    // A blank value variable reads no element, as if it were absent: a
    // range over a nil *[N]T with `i, _` only counts.
    bool wantValue = s->value && !isBlank(s->value);
    if (auto* sl = T::as<T::Slice>(u)) {
      llvm::Value* sv = f.genExpr(s->x);
      llvm::Value* keep = f.frameSlot(xt);
      f.b.CreateStore(sv, keep);
      base = f.b.CreateExtractValue(sv, 0);
      len = f.b.CreateExtractValue(sv, 1);
      elem = sl->elem;
    } else if (auto* at = T::as<T::Array>(u)) {
      elem = at->elem;
      len = llvm::ConstantInt::get(f.m.abi.i64, at->len);
      if (wantValue) {
        base = f.frameSlot(xt);
        f.b.CreateStore(f.genExpr(s->x), base);
      } else {
        // Only the length is needed, but a call or receive in x must happen.
        if (ast::hasCallOrRecv(s->x)) f.genExpr(s->x);
        base = nullptr;
      }
    } else {
      auto* pat = static_cast<T::Array*>(static_cast<T::Pointer*>(u)->elem->underlying());
      elem = pat->elem;
      len = llvm::ConstantInt::get(f.m.abi.i64, pat->len);
      base = f.genExpr(s->x);
      if (wantValue) f.nilCheck(base, s->x->pos);
      llvm::Value* keep = f.frameSlot(f.m.unsafePointer());
      f.b.CreateStore(base, keep);
    }
    elemTy = f.m.tm.lower(elem);
    f.releaseTemps();
    f.b.CreateStore(llvm::ConstantInt::get(f.m.abi.i64, 0), idxSlot);
    f.startBlock(condBB);
    llvm::Value* i = f.b.CreateLoad(f.m.abi.i64, idxSlot);
    f.b.CreateCondBr(f.b.CreateICmpSLT(i, len), bodyBB, done);
    f.b.SetInsertPoint(bodyBB);
    if (wantValue && base)
      assignRangeVars(f, s, i, intT, f.b.CreateLoad(elemTy, f.b.CreateInBoundsGEP(elemTy, base, {i})), elem);
    else
      assignRangeVar(f, s, s->key, i, intT);
    f.releaseTemps();
    runBody();
    f.b.CreateStore(f.b.CreateAdd(f.b.CreateLoad(f.m.abi.i64, idxSlot), llvm::ConstantInt::get(f.m.abi.i64, 1)), idxSlot);
    f.b.CreateBr(condBB);
    f.b.SetInsertPoint(done);
    return;
  }
  if (T::isString(xt)) {
    llvm::Value* sv = f.genExpr(s->x);
    llvm::Value* keep = f.frameSlot(xt);
    f.b.CreateStore(sv, keep);
    llvm::Value* p = f.stringData(sv);
    llvm::Value* len = f.stringLen(sv);
    llvm::Value* nextSlot = f.entryAlloca(f.m.abi.i64, "range.next");
    f.b.CreateStore(llvm::ConstantInt::get(f.m.abi.i64, 0), nextSlot);
    f.startBlock(condBB);
    llvm::Value* i = f.b.CreateLoad(f.m.abi.i64, nextSlot);
    f.b.CreateStore(i, idxSlot);
    f.b.CreateCondBr(f.b.CreateICmpSLT(i, len), bodyBB, done);
    f.b.SetInsertPoint(bodyBB);
    // ASCII fast path; the runtime decodes everything else.
    llvm::Value* c = f.b.CreateLoad(f.m.abi.i8, f.b.CreateInBoundsGEP(f.m.abi.i8, p, {i}));
    auto* ascii = f.newBlock("range.ascii");
    auto* multi = f.newBlock("range.multi");
    auto* decoded = f.newBlock("range.decoded");
    f.b.CreateCondBr(f.b.CreateICmpSLT(c, llvm::ConstantInt::get(f.m.abi.i8, 0)), multi, ascii);
    f.b.SetInsertPoint(ascii);
    llvm::Value* r1 = f.b.CreateZExt(c, f.m.abi.i32);
    f.b.CreateBr(decoded);
    f.b.SetInsertPoint(multi);
    llvm::Value* out = f.entryAlloca(llvm::ArrayType::get(f.m.abi.i64, 2), "rune");
    f.b.CreateCall(f.m.rt("gol_decoderune"), {p, len, i, out});
    llvm::Value* r2 = f.b.CreateTrunc(f.b.CreateLoad(f.m.abi.i64, out), f.m.abi.i32);
    llvm::Value* w2 = f.b.CreateLoad(f.m.abi.i64, f.b.CreateConstInBoundsGEP1_64(f.m.abi.i64, out, 1));
    f.b.CreateBr(decoded);
    f.b.SetInsertPoint(decoded);
    auto* rune = f.b.CreatePHI(f.m.abi.i32, 2);
    rune->addIncoming(r1, ascii);
    rune->addIncoming(r2, multi);
    auto* width = f.b.CreatePHI(f.m.abi.i64, 2);
    width->addIncoming(llvm::ConstantInt::get(f.m.abi.i64, 1), ascii);
    width->addIncoming(w2, multi);
    f.b.CreateStore(f.b.CreateAdd(i, width), nextSlot);
    assignRangeVars(f, s, i, intT, rune, f.m.prog.store.runeType());
    f.releaseTemps();
    runBody();
    f.b.CreateBr(condBB);
    f.b.SetInsertPoint(done);
    return;
  }
  if (auto* mt = T::as<T::Map>(u)) {
    llvm::Value* mp = f.genExpr(s->x);
    std::vector<T::Type*> words(sizeof(GolMapIter) / sizeof(void*), f.m.unsafePointer());
    T::Type* iterT = f.m.closureStruct(words);
    llvm::Value* it = f.frameSlot(iterT);
    llvm::Value* keep = f.frameSlot(xt);
    f.b.CreateStore(mp, keep);
    f.call(f.m.rt("gol_mapiterinit"), {f.g, f.m.typeDesc(xt), mp, it}, s->pos);
    f.startBlock(condBB);
    llvm::Value* kp = f.b.CreateLoad(f.m.abi.ptr, it);
    f.b.CreateCondBr(f.b.CreateICmpEQ(kp, llvm::ConstantPointerNull::get(f.m.abi.ptr)), done, bodyBB);
    f.b.SetInsertPoint(bodyBB);
    llvm::Value* kv = f.load(mt->key, kp);
    llvm::Value* vv = s->value ? f.load(mt->elem, f.b.CreateLoad(f.m.abi.ptr, f.b.CreateConstInBoundsGEP1_64(f.m.abi.ptr, it, 1)))
                               : nullptr;
    if (s->value) f.keepAlive(vv, mt->elem);
    assignRangeVars(f, s, kv, mt->key, vv, mt->elem);
    f.releaseTemps();
    runBody();
    f.call(f.m.rt("gol_mapiternext"), {f.g, it}, s->pos);
    f.b.CreateBr(condBB);
    f.b.SetInsertPoint(done);
    return;
  }
  if (auto* ct = T::as<T::Chan>(u)) {
    llvm::Value* ch = f.genExpr(s->x);
    llvm::Value* keep = f.frameSlot(xt);
    f.b.CreateStore(ch, keep);
    llvm::Value* slot = f.frameSlot(ct->elem);
    f.startBlock(condBB);
    f.b.CreateStore(f.zeroValue(ct->elem), slot);
    llvm::Value* r = f.call(f.m.rt("gol_chanrecv"), {f.g, ch, slot}, s->pos);
    f.b.CreateCondBr(f.b.CreateICmpNE(r, llvm::ConstantInt::get(f.m.abi.i32, 0)), bodyBB, done);
    f.b.SetInsertPoint(bodyBB);
    assignRangeVar(f, s, s->key, f.load(ct->elem, slot), ct->elem);
    f.releaseTemps();
    runBody();
    f.b.CreateBr(condBB);
    f.b.SetInsertPoint(done);
    return;
  }
  f.m.unsupported(s->pos, "range over " + T::typeString(xt));
}

void genSwitch(FuncGen& f, const ast::SwitchStmt* s) {
  std::string label = takeLabel();
  if (s->init) f.genStmt(s->init);
  T::Type* tagT = s->tag ? f.typeOf(s->tag) : f.m.prog.store.basic(T::BasicKind::Bool);
  llvm::Value* tag = s->tag ? f.genExpr(s->tag) : llvm::ConstantInt::getTrue(f.m.ctx);
  if (s->tag) {
    llvm::Value* keep = f.frameSlot(tagT);
    f.b.CreateStore(tag, keep);
  }
  f.releaseTemps();
  auto* done = f.newBlock("switch.done");
  std::vector<const ast::CaseClause*> clauses;
  for (ast::Stmt* st : s->body->list) clauses.push_back(ast::cast<ast::CaseClause>(st));
  std::vector<llvm::BasicBlock*> bodies;
  for (size_t i = 0; i < clauses.size(); i++) bodies.push_back(f.newBlock("case.body"));
  const ast::CaseClause* deflt = nullptr;
  size_t defltIdx = 0;
  for (size_t i = 0; i < clauses.size(); i++) {
    if (clauses[i]->isDefault) {
      deflt = clauses[i];
      defltIdx = i;
      continue;
    }
    for (const ast::Expr* e : clauses[i]->list) {
      llvm::Value* c;
      if (!s->tag) {
        c = f.genCond(e);
      } else if (isNilExpr(f.info, e)) {
        // Slices, maps and funcs compare only with nil, so never via equal.
        c = f.isNil(tag, tagT);
      } else {
        T::Type* et = f.typeOf(e);
        T::Type* ct = T::isInterface(tagT) || !T::isInterface(et) ? tagT : et;
        llvm::Value* x = f.convert(tag, tagT, ct, e->pos);
        llvm::Value* y = f.genExprTo(e, ct);
        c = f.equal(y, x, ct, e->pos);
      }
      f.releaseTemps();
      auto* next = f.newBlock("case.next");
      f.b.CreateCondBr(c, bodies[i], next);
      f.b.SetInsertPoint(next);
    }
  }
  f.b.CreateBr(deflt ? bodies[defltIdx] : done);
  f.targets.push_back({s, label, done, nullptr});
  for (size_t i = 0; i < clauses.size(); i++) {
    f.b.SetInsertPoint(bodies[i]);
    const auto& body = clauses[i]->body;
    bool fallsThrough = !body.empty() && ast::isa<ast::BranchStmt>(body.back()) &&
                        ast::cast<ast::BranchStmt>(body.back())->tok == Tok::Fallthrough;
    f.genStmts(body);
    if (fallsThrough && i + 1 < bodies.size())
      f.branchTo(bodies[i + 1]);
    else
      f.branchTo(done);
  }
  f.targets.pop_back();
  f.b.SetInsertPoint(done);
}

void genTypeSwitch(FuncGen& f, const ast::TypeSwitchStmt* s) {
  std::string label = takeLabel();
  if (s->init) f.genStmt(s->init);
  const ast::Expr* xExpr;
  if (auto* as = ast::dynCast<ast::AssignStmt>(s->assign))
    xExpr = ast::cast<ast::TypeAssertExpr>(ast::unparen(as->rhs[0]))->x;
  else
    xExpr = ast::cast<ast::TypeAssertExpr>(ast::unparen(ast::cast<ast::ExprStmt>(s->assign)->x))->x;
  T::Type* xt = f.typeOf(xExpr);
  llvm::Value* x = f.genExpr(xExpr);
  llvm::Value* keep = f.frameSlot(xt);
  f.b.CreateStore(x, keep);
  llvm::Value* dyn = f.ifaceType(x, xt);
  llvm::Value* data = f.b.CreateExtractValue(x, 1);
  f.releaseTemps();
  auto* done = f.newBlock("tswitch.done");
  std::vector<const ast::CaseClause*> clauses;
  for (ast::Stmt* st : s->body->list) clauses.push_back(ast::cast<ast::CaseClause>(st));
  std::vector<llvm::BasicBlock*> bodies;
  for (size_t i = 0; i < clauses.size(); i++) bodies.push_back(f.newBlock("tcase.body"));
  int deflt = -1;
  for (size_t i = 0; i < clauses.size(); i++) {
    if (clauses[i]->isDefault) {
      deflt = int(i);
      continue;
    }
    for (const ast::Expr* e : clauses[i]->list) {
      llvm::Value* c;
      const TypeAndValue* tv = f.info.typeOf(e);
      if (!tv || !tv->isType()) {  // nil
        c = f.b.CreateICmpEQ(dyn, llvm::ConstantPointerNull::get(f.m.abi.ptr));
      } else if (T::isInterface(tv->type)) {
        auto* nonNil = f.newBlock("tcase.lookup");
        auto* cur = f.b.GetInsertBlock();
        auto* joined = f.newBlock("tcase.looked");
        f.b.CreateCondBr(f.b.CreateICmpEQ(dyn, llvm::ConstantPointerNull::get(f.m.abi.ptr)), joined, nonNil);
        f.b.SetInsertPoint(nonNil);
        llvm::Value* tab;
        if (static_cast<T::Interface*>(tv->type->underlying())->allMethods.empty())
          tab = dyn;
        else
          tab = f.call(f.m.rt("gol_getitab"), {f.g, f.m.typeDesc(tv->type), dyn, llvm::ConstantInt::get(f.m.abi.i32, 1)}, e->pos);
        llvm::Value* found = f.b.CreateICmpNE(tab, llvm::ConstantPointerNull::get(f.m.abi.ptr));
        auto* nonNilEnd = f.b.GetInsertBlock();
        f.b.CreateBr(joined);
        f.b.SetInsertPoint(joined);
        auto* phi = f.b.CreatePHI(f.m.abi.i1, 2);
        phi->addIncoming(llvm::ConstantInt::getFalse(f.m.ctx), cur);
        phi->addIncoming(found, nonNilEnd);
        c = phi;
      } else {
        c = f.b.CreateICmpEQ(dyn, f.m.typeDesc(tv->type));
      }
      auto* next = f.newBlock("tcase.next");
      f.b.CreateCondBr(c, bodies[i], next);
      f.b.SetInsertPoint(next);
    }
  }
  f.b.CreateBr(deflt >= 0 ? bodies[size_t(deflt)] : done);
  f.targets.push_back({s, label, done, nullptr});
  for (size_t i = 0; i < clauses.size(); i++) {
    f.b.SetInsertPoint(bodies[i]);
    auto impl = f.info.implicits.find(clauses[i]);
    if (impl != f.info.implicits.end()) {
      auto* v = T::asObj<T::Var>(impl->second);
      if (v && v->used) {
        llvm::Value* val;
        if (T::isInterface(v->type)) {
          val = T::identical(v->type, xt) ? x : f.toIface(x, xt, v->type, clauses[i]->pos);
        } else {
          bool direct = T::as<T::Pointer>(v->type->underlying()) || T::as<T::Map>(v->type->underlying()) ||
                        T::as<T::Chan>(v->type->underlying()) || T::as<T::Signature>(v->type->underlying());
          val = direct ? data : f.load(v->type, data);
        }
        f.defineVar(v, val);
      }
    }
    f.genStmts(clauses[i]->body);
    f.branchTo(done);
  }
  f.targets.pop_back();
  f.b.SetInsertPoint(done);
}

void genSelect(FuncGen& f, const ast::SelectStmt* s) {
  std::string label = takeLabel();
  std::vector<const ast::CommClause*> clauses;
  for (ast::Stmt* st : s->body->list) clauses.push_back(ast::cast<ast::CommClause>(st));
  int deflt = -1;
  std::vector<int> caseOf(clauses.size(), -1);
  int ncases = 0;
  for (size_t i = 0; i < clauses.size(); i++) {
    if (!clauses[i]->comm)
      deflt = int(i);
    else
      caseOf[i] = ncases++;
  }
  T::Type* caseT = f.m.closureStruct({f.m.unsafePointer(), f.m.unsafePointer(), f.m.prog.store.basic(T::BasicKind::Int)});
  llvm::Value* cases = ncases ? f.frameSlot(f.m.prog.store.newType<T::Array>(caseT, ncases)) : nullptr;
  llvm::Type* caseTy = f.m.abi.selectCase;
  std::vector<llvm::Value*> elemSlots(clauses.size(), nullptr);
  std::vector<const ast::UnaryExpr*> recvExprs(clauses.size(), nullptr);
  for (size_t i = 0; i < clauses.size(); i++) {
    const ast::Stmt* comm = clauses[i]->comm;
    if (!comm) continue;
    llvm::Value* ch;
    llvm::Value* elem;
    int64_t dir;
    if (auto* send = ast::dynCast<ast::SendStmt>(comm)) {
      T::Type* ct = f.typeOf(send->chan);
      T::Type* et = static_cast<T::Chan*>(ct->underlying())->elem;
      ch = f.genExpr(send->chan);
      elem = f.frameSlot(et);
      f.b.CreateStore(f.genExprTo(send->value, et), elem);
      dir = GOL_CHAN_SEND;
    } else {
      const ast::Expr* rx = nullptr;
      if (auto* es = ast::dynCast<ast::ExprStmt>(comm)) rx = es->x;
      else rx = ast::cast<ast::AssignStmt>(comm)->rhs[0];
      auto* u = ast::cast<ast::UnaryExpr>(ast::unparen(rx));
      recvExprs[i] = u;
      T::Type* ct = f.typeOf(u->x);
      T::Type* et = static_cast<T::Chan*>(ct->underlying())->elem;
      ch = f.genExpr(u->x);
      elem = f.frameSlot(et);
      f.b.CreateStore(f.zeroValue(et), elem);
      dir = GOL_CHAN_RECV;
    }
    elemSlots[i] = elem;
    llvm::Value* c = f.b.CreateInBoundsGEP(caseTy, cases, {llvm::ConstantInt::get(f.m.abi.i64, caseOf[i])});
    f.b.CreateStore(ch, f.b.CreateStructGEP(caseTy, c, 0));
    f.b.CreateStore(elem, f.b.CreateStructGEP(caseTy, c, 1));
    f.b.CreateStore(llvm::ConstantInt::get(f.m.abi.i64, dir), f.b.CreateStructGEP(caseTy, c, 2));
  }
  llvm::Value* okSlot = f.entryAlloca(f.m.abi.i32, "recvok");
  f.b.CreateStore(llvm::ConstantInt::get(f.m.abi.i32, 0), okSlot);
  llvm::Value* chosen = f.call(f.m.rt("gol_select"),
                               {f.g, cases ? cases : llvm::ConstantPointerNull::get(f.m.abi.ptr),
                                llvm::ConstantInt::get(f.m.abi.i64, ncases),
                                llvm::ConstantInt::get(f.m.abi.i32, deflt < 0 ? 1 : 0), okSlot},
                               s->pos);
  f.releaseTemps();
  auto* done = f.newBlock("select.done");
  auto* sw = f.b.CreateSwitch(chosen, done, unsigned(clauses.size()));
  f.targets.push_back({s, label, done, nullptr});
  for (size_t i = 0; i < clauses.size(); i++) {
    auto* bb = f.newBlock("select.case");
    sw->addCase(llvm::ConstantInt::get(llvm::cast<llvm::IntegerType>(f.m.abi.i64), deflt == int(i) ? -1 : caseOf[i], true), bb);
    f.b.SetInsertPoint(bb);
    if (auto* as = ast::dynCast<ast::AssignStmt>(clauses[i]->comm)) {
      T::Type* et = static_cast<T::Chan*>(f.typeOf(recvExprs[i]->x)->underlying())->elem;
      llvm::Value* v = f.load(et, elemSlots[i]);
      llvm::Value* ok = f.b.CreateICmpNE(f.b.CreateLoad(f.m.abi.i32, okSlot), llvm::ConstantInt::get(f.m.abi.i32, 0));
      std::vector<llvm::Value*> vals = {v, ok};
      std::vector<T::Type*> types = {et, f.m.prog.store.basic(T::BasicKind::Bool)};
      for (size_t k = 0; k < as->lhs.size(); k++) {
        if (as->tok == Tok::Define) {
          T::Var* var = definedVar(f.info, as->lhs[k]);
          if (var && var->name != "_") f.defineVar(var, f.convert(vals[k], types[k], var->type, as->pos));
        } else {
          LValue lv = f.genLValue(as->lhs[k]);
          if (lv.kind != LValue::Blank) f.store(lv, f.convert(vals[k], types[k], lv.type, as->pos));
        }
      }
    }
    f.genStmts(clauses[i]->body);
    f.branchTo(done);
  }
  f.targets.pop_back();
  f.b.SetInsertPoint(done);
}

}  // namespace

std::vector<llvm::Value*> FuncGen::genMultiValue(const ast::Expr* e, const std::vector<T::Type*>& targets, Pos pos,
                                                 bool rootAll) {
  std::vector<llvm::Value*> vals(targets.size());
  auto assign = [&](size_t i, llvm::Value* v, T::Type* from) {
    vals[i] = targets[i] ? convert(v, from, targets[i], pos) : v;
    if (targets[i] && (rootAll || i + 1 < targets.size())) keepAlive(vals[i], targets[i]);
  };
  if (targets.size() == 2 && isCommaOk(info, e)) {
    auto [v, ok] = genCommaOk(*this, e);
    T::Type* vt = typeOf(e);
    if (vt->kind == T::TypeKind::Tuple) vt = static_cast<T::Tuple*>(vt)->at(0);
    assign(0, v, vt);
    assign(1, ok, m.prog.store.basic(T::BasicKind::Bool));
    return vals;
  }
  auto* tt = static_cast<T::Tuple*>(typeOf(e));
  llvm::Value* tuple = genExpr(e);
  // Converting one result may box it while the others wait unconverted.
  keepAlive(tuple, tt);
  for (size_t i = 0; i < targets.size(); i++) assign(i, b.CreateExtractValue(tuple, unsigned(i)), tt->at(i));
  return vals;
}

void FuncGen::genStmt(const ast::Stmt* s) {
  switch (s->kind) {
    case ast::Kind::EmptyStmt: return;
    case ast::Kind::ExprStmt: genExpr(ast::cast<ast::ExprStmt>(s)->x); return;
    case ast::Kind::AssignStmt: genAssign(*this, ast::cast<ast::AssignStmt>(s)); return;
    case ast::Kind::IncDecStmt: {
      auto* st = ast::cast<ast::IncDecStmt>(s);
      LValue lv = genLValue(st->x);
      if (lv.kind == LValue::MapEntry) lv = mapSlot(*this, lv);
      llvm::Value* v = loadLValue(lv);
      llvm::Value* one = v->getType()->isFloatingPointTy() ? llvm::ConstantFP::get(v->getType(), 1.0)
                                                           : llvm::ConstantInt::get(v->getType(), 1);
      store(lv, binaryOp(st->tok == Tok::Inc ? Tok::Add : Tok::Sub, v, one, lv.type, st->pos));
      return;
    }
    case ast::Kind::DeclStmt: genVarDecl(*this, ast::cast<ast::DeclStmt>(s)->decl); return;
    case ast::Kind::BlockStmt: genBlock(ast::cast<ast::BlockStmt>(s)); return;
    case ast::Kind::IfStmt: genIf(*this, ast::cast<ast::IfStmt>(s)); return;
    case ast::Kind::ForStmt: genFor(*this, ast::cast<ast::ForStmt>(s)); return;
    case ast::Kind::RangeStmt: genRange(*this, ast::cast<ast::RangeStmt>(s)); return;
    case ast::Kind::SwitchStmt: genSwitch(*this, ast::cast<ast::SwitchStmt>(s)); return;
    case ast::Kind::TypeSwitchStmt: genTypeSwitch(*this, ast::cast<ast::TypeSwitchStmt>(s)); return;
    case ast::Kind::SelectStmt: genSelect(*this, ast::cast<ast::SelectStmt>(s)); return;
    case ast::Kind::ReturnStmt: genReturn(*this, ast::cast<ast::ReturnStmt>(s)); return;
    case ast::Kind::LabeledStmt: {
      auto* ls = ast::cast<ast::LabeledStmt>(s);
      startBlock(labelBlock(ls->label->name));
      pendingLabel = ls->label->name;
      genStmt(ls->stmt);
      pendingLabel.clear();
      return;
    }
    case ast::Kind::BranchStmt: {
      auto* br = ast::cast<ast::BranchStmt>(s);
      if (br->tok == Tok::Goto) {
        b.CreateBr(labelBlock(br->label->name));
        return;
      }
      if (br->tok == Tok::Fallthrough) return;  // handled by genSwitch
      const Target* t = findTarget(*this, br);
      if (!t) {
        m.unsupported(s->pos, "this branch statement");
        return;
      }
      b.CreateBr(br->tok == Tok::Continue ? t->cont : t->brk);
      return;
    }
    case ast::Kind::GoStmt: {
      auto* gs = ast::cast<ast::GoStmt>(s);
      llvm::Value* clo = genDeferredClosure(gs->call, true);
      call(m.rt("gol_go"), {g, clo}, s->pos);
      return;
    }
    case ast::Kind::DeferStmt: {
      auto* ds = ast::cast<ast::DeferStmt>(s);
      llvm::Value* clo = genDeferredClosure(ds->call, false);
      frameEscapes = true;
      call(m.rt("gol_defer"), {g, frame, jmpbuf, clo}, s->pos);
      return;
    }
    case ast::Kind::SendStmt: {
      auto* ss = ast::cast<ast::SendStmt>(s);
      T::Type* ct = typeOf(ss->chan);
      T::Type* et = static_cast<T::Chan*>(ct->underlying())->elem;
      llvm::Value* ch = genExpr(ss->chan);
      keepAlive(ch, ct);
      llvm::Value* slot = tempSlot(et);
      b.CreateStore(genExprTo(ss->value, et), slot);
      call(m.rt("gol_chansend"), {g, ch, slot}, s->pos);
      return;
    }
    default: break;
  }
  m.unsupported(s->pos, "this statement");
}

}  // namespace gol::cg
