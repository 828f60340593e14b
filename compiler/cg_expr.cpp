// cg_expr.cpp — expressions: constants, variables, operators, selectors,
// indexing, slicing, composite literals, conversions to interfaces and type
// assertions.
//
// Invariants
//  - genExpr returns a value of the lowered type of the expression's recorded
//    type (for calls with several results, the result tuple struct).
//  - Go's run-time checks are explicit: nil dereferences, index and slice
//    bounds, integer division by zero and negative shift counts branch to a
//    noreturn runtime panic with the expression's line.
//  - A value computed before an operand that may reach a safe point (a call)
//    is rooted in a temporary first (keepAlive), so the collector cannot free
//    it while the later operand runs.
#include "compiler/cg_internal.h"

namespace gol::cg {

T::Type* FuncGen::typeOf(const ast::Expr* e) {
  const TypeAndValue* tv = info.typeOf(e);
  return tv ? tv->type : nullptr;
}

bool isNilExpr(const Info& info, const ast::Expr* e) {
  e = ast::unparen(e);
  auto* id = ast::dynCast<ast::Ident>(e);
  if (!id) return false;
  T::Object* o = info.objectOf(id);
  return o && o->kind == T::ObjKind::Nil;
}

llvm::Value* FuncGen::isNil(llvm::Value* v, T::Type* t) {
  T::TypeKind k = t->underlying()->kind;
  llvm::Value* p = k == T::TypeKind::Slice || k == T::TypeKind::Interface ? b.CreateExtractValue(v, 0) : v;
  return b.CreateICmpEQ(p, llvm::ConstantPointerNull::get(m.abi.ptr));
}

namespace {

bool isPointerShaped(T::Type* t) {
  T::Type* u = t->underlying();
  if (u->kind == T::TypeKind::Basic) return static_cast<T::Basic*>(u)->bkind == T::BasicKind::UnsafePointer;
  return u->kind == T::TypeKind::Pointer || u->kind == T::TypeKind::Map || u->kind == T::TypeKind::Chan ||
         u->kind == T::TypeKind::Signature;
}

bool isEmptyIface(T::Type* t) {
  auto* it = T::as<T::Interface>(t->underlying());
  return it && it->allMethods.empty();
}

}  // namespace

bool mayReachSafePoint(const Info& info, const ast::Expr* e);

// An expression whose evaluation calls nothing that can collect (so no
// collection can run while it is evaluated): constants, variables, field and
// array accesses, slicing, arithmetic and string comparison (memcmp,
// gol_strcmp) on such operands. Panics do not count: an assignment whose
// right side panics never completes.
bool mayReachSafePoint(const Info& info, const ast::Expr* e) {
  if (!e) return false;
  const TypeAndValue* tv = info.typeOf(e);
  if (tv && (tv->isConstant() || tv->isType())) return false;
  switch (e->kind) {
    case ast::Kind::Ident:
    case ast::Kind::BasicLit: return false;
    case ast::Kind::ParenExpr: return mayReachSafePoint(info, ast::cast<ast::ParenExpr>(e)->x);
    case ast::Kind::SelectorExpr: {
      auto* s = ast::cast<ast::SelectorExpr>(e);
      auto it = info.selections.find(s);
      if (it != info.selections.end() && it->second.kind != SelectionKind::FieldVal) return true;
      return mayReachSafePoint(info, s->x);
    }
    case ast::Kind::StarExpr: return mayReachSafePoint(info, ast::cast<ast::StarExpr>(e)->x);
    case ast::Kind::UnaryExpr: {
      auto* u = ast::cast<ast::UnaryExpr>(e);
      if (u->op == Tok::Arrow || u->op == Tok::And) return true;
      return mayReachSafePoint(info, u->x);
    }
    case ast::Kind::BinaryExpr: {
      auto* bx = ast::cast<ast::BinaryExpr>(e);
      const TypeAndValue* xt = info.typeOf(bx->x);
      if (xt && T::isString(xt->type) && bx->op == Tok::Add) return true;   // concatenation allocates
      // Comparing with an interface may box the other operand.
      const TypeAndValue* yt = info.typeOf(bx->y);
      if ((xt && T::isInterface(xt->type)) || (yt && T::isInterface(yt->type))) return true;
      return mayReachSafePoint(info, bx->x) || mayReachSafePoint(info, bx->y);
    }
    case ast::Kind::SliceExpr: {
      auto* sx = ast::cast<ast::SliceExpr>(e);
      return mayReachSafePoint(info, sx->x) || mayReachSafePoint(info, sx->low) ||
             mayReachSafePoint(info, sx->high) || mayReachSafePoint(info, sx->max);
    }
    case ast::Kind::IndexExpr: {
      auto* ix = ast::cast<ast::IndexExpr>(e);
      const TypeAndValue* xt = info.typeOf(ix->x);
      if (xt && xt->type->underlying()->kind == T::TypeKind::Map) return true;
      return mayReachSafePoint(info, ix->x) || mayReachSafePoint(info, ix->index);
    }
    default: return true;
  }
}

// Making an interface of a value boxes it (allocates) unless the value is a
// constant (static box) or pointer-shaped; changing interface types looks
// an itab up.
bool mayReachSafePoint(const Info& info, const ast::Expr* e, T::Type* to) {
  if (mayReachSafePoint(info, e)) return true;
  const TypeAndValue* tv = info.typeOf(e);
  if (!to || !tv || tv->isConstant() || !T::isInterface(to) || T::identical(tv->type, to)) return false;
  return T::isInterface(tv->type) ? !isEmptyIface(to) : !isPointerShaped(tv->type);
}

// ---- basic values -----------------------------------------------------------

llvm::Value* FuncGen::zeroValue(T::Type* t) { return llvm::Constant::getNullValue(m.tm.lower(t)); }

llvm::Value* FuncGen::makeString(llvm::Value* p, llvm::Value* n) {
  llvm::Value* s = llvm::UndefValue::get(m.abi.string);
  s = b.CreateInsertValue(s, p, 0);
  return b.CreateInsertValue(s, n, 1);
}

llvm::Value* FuncGen::makeSlice(llvm::Value* p, llvm::Value* len, llvm::Value* cap) {
  llvm::Value* s = llvm::UndefValue::get(m.abi.slice);
  s = b.CreateInsertValue(s, p, 0);
  s = b.CreateInsertValue(s, len, 1);
  return b.CreateInsertValue(s, cap, 2);
}

llvm::Value* FuncGen::makeIface(llvm::Value* tab, llvm::Value* data) {
  llvm::Value* s = llvm::UndefValue::get(m.abi.iface);
  s = b.CreateInsertValue(s, tab, 0);
  return b.CreateInsertValue(s, data, 1);
}

llvm::Value* FuncGen::constValue(const constant::Value& v, T::Type* t, Pos pos) {
  T::Type* u = t->underlying();
  if (u->kind == T::TypeKind::Interface) {
    // An untyped constant assigned to an interface has its default type.
    T::Type* def = nullptr;
    switch (v.kind()) {
      case constant::Kind::Bool: def = m.prog.store.basic(T::BasicKind::Bool); break;
      case constant::Kind::String: def = m.prog.store.basic(T::BasicKind::String); break;
      case constant::Kind::Int: def = m.prog.store.basic(T::BasicKind::Int); break;
      case constant::Kind::Float: def = m.prog.store.basic(T::BasicKind::Float64); break;
      case constant::Kind::Unknown: break;
    }
    if (!def) return zeroValue(t);
    return toIface(constValue(v, def, pos), def, t, pos);
  }
  llvm::Type* lt = m.tm.lower(t);
  switch (v.kind()) {
    case constant::Kind::Bool: return llvm::ConstantInt::get(lt, v.boolVal() ? 1 : 0);
    case constant::Kind::String: return m.stringConst(v.stringVal());
    case constant::Kind::Int:
    case constant::Kind::Float:
      if (lt->isFloatTy()) {
        constant::BigRat r = v.ratVal();
        return llvm::ConstantFP::get(lt, double(r.toFloat()));
      }
      if (lt->isDoubleTy()) return llvm::ConstantFP::get(lt, v.ratVal().toDouble());
      if (lt->isIntegerTy()) {
        if (auto i = v.int64Val()) return llvm::ConstantInt::get(lt, uint64_t(*i), true);
        if (auto u2 = v.uint64Val()) return llvm::ConstantInt::get(lt, *u2, false);
      }
      if (lt->isStructTy() && T::isNumeric(t)) {
        auto* st = llvm::cast<llvm::StructType>(lt);
        llvm::Type* et = st->getElementType(0);
        double d = v.ratVal().toDouble();
        return llvm::ConstantStruct::get(st, {llvm::ConstantFP::get(et, d), llvm::ConstantFP::get(et, 0.0)});
      }
      break;
    case constant::Kind::Unknown: break;
  }
  m.unsupported(pos, "this constant");
  return zeroValue(t);
}

llvm::Value* FuncGen::load(T::Type* t, llvm::Value* addr) { return b.CreateLoad(m.tm.lower(t), addr); }

// ---- checks ------------------------------------------------------------------

llvm::Value* FuncGen::nilCheck(llvm::Value* p, Pos pos) {
  if (llvm::isa<llvm::AllocaInst>(p) || llvm::isa<llvm::GlobalVariable>(p)) return p;
  return panicIfNil(p, "gol_panic_nil", {g}, pos);
}

llvm::Value* FuncGen::panicIfNil(llvm::Value* p, RtFn fn, llvm::ArrayRef<llvm::Value*> args, Pos pos) {
  auto* fail = newBlock("nil.panic");
  auto* ok = newBlock("nil.ok");
  b.CreateCondBr(b.CreateICmpEQ(p, llvm::ConstantPointerNull::get(m.abi.ptr)), fail, ok);
  b.SetInsertPoint(fail);
  panicCall(fn, args, pos);
  b.SetInsertPoint(ok);
  return p;
}

llvm::Value* FuncGen::intCast(llvm::Value* v, T::Type* t, llvm::Type* to) {
  return T::isUnsigned(t) ? b.CreateZExtOrTrunc(v, to) : b.CreateSExtOrTrunc(v, to);
}

bool FuncGen::isUnsigned64(T::Type* t) { return T::isUnsigned(t) && m.tm.size(t) == 8; }

llvm::Value* FuncGen::boundsCheck(llvm::Value* i, T::Type* it, llvm::Value* len, Pos pos) {
  i = intCast(i, it, m.abi.i64);
  llvm::Value* ok = b.CreateICmpULT(i, len);
  if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(ok); c && c->isOne()) return i;
  auto* fail = newBlock("bounds.panic");
  auto* cont = newBlock("bounds.ok");
  auto* br = b.CreateCondBr(ok, cont, fail);
  llvm::MDBuilder mdb(m.ctx);
  br->setMetadata(llvm::LLVMContext::MD_prof, mdb.createBranchWeights(1u << 20, 1));
  b.SetInsertPoint(fail);
  if (isUnsigned64(it))  // code 0: an index
    panicCall("gol_panic_slice", {g, llvm::ConstantInt::get(m.abi.i32, GOL_BOUNDS_UNSIGNED_X), i, len}, pos);
  else
    panicCall("gol_panic_index", {g, i, len}, pos);
  b.SetInsertPoint(cont);
  return i;
}

// ---- identifiers and selectors ------------------------------------------------

namespace {

// Follows an embedded-field path from the address `addr` of a value of type
// `t`, dereferencing embedded pointers; returns the address of the final
// field and sets t to its type.
llvm::Value* fieldPathAddr(FuncGen& f, llvm::Value* addr, T::Type*& t, const std::vector<int>& path, size_t count,
                           Pos pos) {
  for (size_t k = 0; k < count; k++) {
    if (auto* p = T::as<T::Pointer>(t->underlying())) {
      addr = f.nilCheck(f.b.CreateLoad(f.m.abi.ptr, addr), pos);
      t = p->elem;
    }
    auto* st = static_cast<T::Struct*>(t->underlying());
    addr = f.b.CreateStructGEP(f.m.tm.lower(t), addr, unsigned(path[k]));
    t = st->fields[size_t(path[k])]->type;
  }
  return addr;
}

}  // namespace

namespace {

// The place of a pointer indirection, a slice, array or array-pointer
// element, or a field: its operands are evaluated now; the returned
// Checked LValue's address() does the nil and bounds checks; keep is the
// pointer it will use (maybe a local's or global's address). Other
// expressions give a Memory LValue with a null addr.
LValue evalPlace(FuncGen& f, const ast::Expr* e) {
  LValue lv{LValue::Checked};
  lv.type = f.typeOf(e);
  auto pointerOperand = [&](const ast::Expr* x) {
    llvm::Value* p = f.genExpr(x);
    lv.keep = p;
    return p;
  };
  // The address of an addressable operand, itself maybe a place whose
  // checks wait (pt.x.y, a[i].f).
  auto baseAddress = [&](const ast::Expr* x) -> std::function<llvm::Value*()> {
    LValue inner = evalPlace(f, ast::unparen(x));
    if (inner.kind == LValue::Checked) {
      lv.keep = inner.keep;
      return inner.address;
    }
    llvm::Value* addr = f.genAddr(x);
    lv.keep = addr;
    return [addr] { return addr; };
  };
  switch (e->kind) {
    case ast::Kind::StarExpr: {
      llvm::Value* p = pointerOperand(ast::cast<ast::StarExpr>(e)->x);
      lv.address = [&f, p, pos = e->pos] { return f.nilCheck(p, pos); };
      return lv;
    }
    case ast::Kind::SelectorExpr: {
      auto* s = ast::cast<ast::SelectorExpr>(e);
      auto it = f.info.selections.find(s);
      if (it == f.info.selections.end()) break;
      const std::vector<int>* path = &it->second.index;
      T::Type* t = f.typeOf(s->x);
      std::function<llvm::Value*()> base;
      if (T::as<T::Pointer>(t->underlying())) {
        llvm::Value* p = pointerOperand(s->x);
        base = [&f, p, pos = s->sel->pos] { return f.nilCheck(p, pos); };
        t = static_cast<T::Pointer*>(t->underlying())->elem;
      } else {
        base = baseAddress(s->x);
      }
      lv.address = [&f, base, t, path, pos = s->sel->pos]() mutable {
        return fieldPathAddr(f, base(), t, *path, path->size(), pos);
      };
      return lv;
    }
    case ast::Kind::IndexExpr: {
      auto* ix = ast::cast<ast::IndexExpr>(e);
      T::Type* xt = f.typeOf(ix->x);
      T::Type* u = xt->underlying();
      if (u->kind == T::TypeKind::Map || T::isString(xt)) break;  // not addressable
      T::Type* it = f.typeOf(ix->index);
      if (auto* sl = T::as<T::Slice>(u)) {
        llvm::Value* s = f.genExpr(ix->x);
        if (mayReachSafePoint(f.info, ix->index)) f.keepAlive(s, xt);
        llvm::Value* i = f.genExprTo(ix->index, it);
        lv.keep = f.b.CreateExtractValue(s, 0);
        lv.address = [&f, s, i, it, sl, pos = ix->lbrack] {
          llvm::Value* k = f.boundsCheck(i, it, f.b.CreateExtractValue(s, 1), pos);
          return f.b.CreateInBoundsGEP(f.m.tm.lower(sl->elem), f.b.CreateExtractValue(s, 0), {k});
        };
        return lv;
      }
      auto* p = T::as<T::Pointer>(u);
      std::function<llvm::Value*()> arr;
      if (p) {
        llvm::Value* ptr = pointerOperand(ix->x);
        arr = [&f, ptr, pos = ix->lbrack] { return f.nilCheck(ptr, pos); };
      } else {
        arr = baseAddress(ix->x);
      }
      auto* at = static_cast<T::Array*>(p ? p->elem->underlying() : u);
      if (p && mayReachSafePoint(f.info, ix->index)) f.keepAlive(lv.keep, f.m.unsafePointer());
      llvm::Value* i = f.genExpr(ix->index);
      lv.address = [&f, arr, i, it, at, pos = ix->lbrack] {
        llvm::Value* a = arr();
        llvm::Value* k = f.boundsCheck(i, it, llvm::ConstantInt::get(f.m.abi.i64, at->len), pos);
        return f.b.CreateInBoundsGEP(f.m.tm.lower(at), a, {llvm::ConstantInt::get(f.m.abi.i64, 0), k});
      };
      return lv;
    }
    default: break;
  }
  return LValue{LValue::Memory};
}

}  // namespace

llvm::Value* FuncGen::genAddr(const ast::Expr* e) {
  e = ast::unparen(e);
  switch (e->kind) {
    case ast::Kind::Ident: {
      auto* v = T::asObj<T::Var>(info.objectOf(ast::cast<ast::Ident>(e)));
      if (v) return varAddr(v, e->pos);
      break;
    }
    case ast::Kind::SelectorExpr: {
      auto* s = ast::cast<ast::SelectorExpr>(e);
      if (info.selections.count(s)) break;
      if (auto* v = T::asObj<T::Var>(info.objectOf(s->sel))) return m.global(v);
      break;
    }
    case ast::Kind::CompositeLit: return boxValue(genExpr(e), typeOf(e));
    default: break;
  }
  LValue place = evalPlace(*this, e);
  if (place.kind == LValue::Checked) return place.address();
  // Not addressable in Go terms (a call result, a map element...): a copy.
  T::Type* t = typeOf(e);
  llvm::Value* v = genExpr(e);
  llvm::Value* tmp = tempSlot(t);
  b.CreateStore(v, tmp);
  return tmp;
}

LValue FuncGen::genLValue(const ast::Expr* e, bool checkAtStore) {
  e = ast::unparen(e);
  if (auto* id = ast::dynCast<ast::Ident>(e); id && id->isBlank()) return LValue{LValue::Blank};
  if (auto* ix = ast::dynCast<ast::IndexExpr>(e)) {
    T::Type* xt = typeOf(ix->x);
    if (auto* mt = T::as<T::Map>(xt->underlying())) {
      LValue lv{LValue::MapEntry};
      lv.pos = ix->lbrack;
      lv.type = mt->elem;
      lv.map = genExpr(ix->x);
      keepAlive(lv.map, xt);
      lv.keyAddr = tempSlot(mt->key);
      b.CreateStore(genExprTo(ix->index, mt->key), lv.keyAddr);
      lv.mapType = xt;
      return lv;
    }
  }
  if (checkAtStore) {
    LValue place = evalPlace(*this, e);
    if (place.kind == LValue::Checked) return place;
  }
  LValue lv{LValue::Memory};
  lv.addr = genAddr(e);
  lv.type = typeOf(e);
  return lv;
}

void FuncGen::store(const LValue& lv, llvm::Value* v) {
  switch (lv.kind) {
    case LValue::Blank: return;
    case LValue::Memory: b.CreateStore(v, lv.addr); return;
    case LValue::Checked: b.CreateStore(v, lv.address()); return;
    case LValue::MapEntry:
      keepAlive(v, lv.type);   // inserting the entry may collect
      b.CreateStore(v, mapCall(MapOp::Assign, lv.mapType, lv.map, nullptr, lv.keyAddr, lv.pos));
      return;
  }
}

// ---- interfaces -----------------------------------------------------------------

llvm::Value* FuncGen::boxValue(llvm::Value* v, T::Type* t) {
  keepAlive(v, t);   // the box's allocation may collect
  llvm::Value* p = heapAlloc(t);
  b.CreateStore(v, p);
  return p;
}

llvm::Value* FuncGen::toIface(llvm::Value* v, T::Type* from, T::Type* to, Pos pos) {
  if (T::isInterface(from)) {
    if (isEmptyIface(to)) {
      if (isEmptyIface(from)) return v;
      // iface -> eface: the dynamic type is in the itab.
      llvm::Value* tab = b.CreateExtractValue(v, 0);
      return makeIface(ifaceType(v, from), b.CreateExtractValue(v, 1));
      (void)tab;
    }
    // Interface to a different non-empty interface: look the itab up.
    llvm::Value* dyn = ifaceType(v, from);
    auto* isNil = newBlock("conv.nil");
    auto* notNil = newBlock("conv.itab");
    auto* done = newBlock("conv.done");
    b.CreateCondBr(b.CreateICmpEQ(dyn, llvm::ConstantPointerNull::get(m.abi.ptr)), isNil, notNil);
    b.SetInsertPoint(notNil);
    llvm::Value* tab = call(m.rt("gol_getitab"), {g, m.typeDesc(to), dyn, llvm::ConstantInt::get(m.abi.i32, 0)}, pos);
    llvm::Value* conv = makeIface(tab, b.CreateExtractValue(v, 1));
    llvm::BasicBlock* notNilEnd = b.GetInsertBlock();
    b.CreateBr(done);
    b.SetInsertPoint(isNil);
    b.CreateBr(done);
    b.SetInsertPoint(done);
    auto* phi = b.CreatePHI(m.abi.iface, 2);
    phi->addIncoming(conv, notNilEnd);
    phi->addIncoming(zeroValue(to), isNil);
    return phi;
  }
  llvm::Value* data;
  if (isPointerShaped(from)) {
    data = v;
  } else if (auto* c = llvm::dyn_cast<llvm::Constant>(v)) {
    // Boxed values are never written to, so a constant's box can be static
    // data, as Go's are: no allocation, and panic("...") needs no frame.
    auto* box = new llvm::GlobalVariable(m.mod, c->getType(), true, llvm::GlobalValue::PrivateLinkage, c, "box");
    box->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    box->setAlignment(llvm::Align(8));
    data = box;
  } else {
    data = boxValue(v, from);
  }
  if (isEmptyIface(to)) m.markUsedInIface(from);
  llvm::Value* tab = isEmptyIface(to) ? m.typeDesc(from) : m.itab(from, to);
  return makeIface(tab, data);
}

llvm::Value* FuncGen::ifaceType(llvm::Value* iface, T::Type* t) {
  llvm::Value* tab = b.CreateExtractValue(iface, 0);
  if (isEmptyIface(t)) return tab;
  // itab->type, or nil for a nil interface.
  auto* isNil = b.CreateICmpEQ(tab, llvm::ConstantPointerNull::get(m.abi.ptr));
  auto* notNilBB = newBlock("itab.type");
  auto* cur = b.GetInsertBlock();
  auto* done = newBlock("itab.done");
  b.CreateCondBr(isNil, done, notNilBB);
  b.SetInsertPoint(notNilBB);
  llvm::Value* typ = b.CreateLoad(m.abi.ptr, b.CreateConstInBoundsGEP1_64(m.abi.i8, tab, 8));
  b.CreateBr(done);
  b.SetInsertPoint(done);
  auto* phi = b.CreatePHI(m.abi.ptr, 2);
  phi->addIncoming(llvm::ConstantPointerNull::get(m.abi.ptr), cur);
  phi->addIncoming(typ, notNilBB);
  return phi;
}

llvm::Value* FuncGen::typeAssert(llvm::Value* x, T::Type* from, T::Type* to, bool commaOk, Pos pos, llvm::Value** okOut) {
  llvm::Value* dyn = ifaceType(x, from);
  llvm::Value* data = b.CreateExtractValue(x, 1);
  auto* okBB = newBlock("assert.ok");
  auto* failBB = newBlock("assert.fail");
  auto* done = newBlock("assert.done");
  llvm::Value* result;
  if (T::isInterface(to)) {
    llvm::Value* tab;
    llvm::Value* isOk;
    if (isEmptyIface(to)) {
      tab = dyn;
      isOk = b.CreateICmpNE(dyn, llvm::ConstantPointerNull::get(m.abi.ptr));
    } else {
      auto* nonNil = newBlock("assert.lookup");
      auto* cur = b.GetInsertBlock();
      auto* joined = newBlock("assert.looked");
      b.CreateCondBr(b.CreateICmpEQ(dyn, llvm::ConstantPointerNull::get(m.abi.ptr)), joined, nonNil);
      b.SetInsertPoint(nonNil);
      llvm::Value* found =
          call(m.rt("gol_getitab"), {g, m.typeDesc(to), dyn, llvm::ConstantInt::get(m.abi.i32, 1)}, pos);
      auto* nonNilEnd = b.GetInsertBlock();
      b.CreateBr(joined);
      b.SetInsertPoint(joined);
      auto* phi = b.CreatePHI(m.abi.ptr, 2);
      phi->addIncoming(llvm::ConstantPointerNull::get(m.abi.ptr), cur);
      phi->addIncoming(found, nonNilEnd);
      tab = phi;
      isOk = b.CreateICmpNE(tab, llvm::ConstantPointerNull::get(m.abi.ptr));
    }
    b.CreateCondBr(isOk, okBB, failBB);
    b.SetInsertPoint(okBB);
    result = makeIface(tab, data);
  } else {
    b.CreateCondBr(b.CreateICmpEQ(dyn, m.typeDesc(to)), okBB, failBB);
    b.SetInsertPoint(okBB);
    result = isPointerShaped(to) ? data : load(to, data);
  }
  auto* okEnd = b.GetInsertBlock();
  b.CreateBr(done);
  b.SetInsertPoint(failBB);
  if (!commaOk) {
    // Go names the source interface only when asserting to a concrete type
    // ("interface {} is nil, not int"); to an interface it says "interface".
    llvm::Value* ifaceDesc = T::isInterface(to) ? llvm::ConstantPointerNull::get(m.abi.ptr) : m.typeDesc(from);
    panicCall("gol_panic_assert", {g, dyn, m.typeDesc(to), ifaceDesc}, pos);
  } else {
    b.CreateBr(done);
  }
  b.SetInsertPoint(done);
  auto* phi = b.CreatePHI(m.tm.lower(to), 2);
  phi->addIncoming(result, okEnd);
  if (commaOk) {
    phi->addIncoming(zeroValue(to), failBB);
    auto* okPhi = b.CreatePHI(m.abi.i1, 2);
    okPhi->addIncoming(llvm::ConstantInt::getTrue(m.ctx), okEnd);
    okPhi->addIncoming(llvm::ConstantInt::getFalse(m.ctx), failBB);
    *okOut = okPhi;
  }
  return phi;
}

// ---- conversions for assignment ---------------------------------------------------

llvm::Value* FuncGen::convert(llvm::Value* v, T::Type* from, T::Type* to, Pos pos) {
  if (!from || !to || from == to) return v;
  if (T::isInterface(to) && !T::identical(from, to)) {
    if (from->underlying()->kind == T::TypeKind::Basic &&
        static_cast<T::Basic*>(from->underlying())->bkind == T::BasicKind::UntypedNil)
      return zeroValue(to);
    return toIface(v, from, to, pos);
  }
  return v;
}

llvm::Value* FuncGen::genExprTo(const ast::Expr* e, T::Type* to) {
  if (isNilExpr(info, e)) return zeroValue(to);
  llvm::Value* v = genExpr(e);
  return convert(v, typeOf(e), to, e->pos);
}

// ---- operators ----------------------------------------------------------------------

llvm::Value* FuncGen::equal(llvm::Value* x, llvm::Value* y, T::Type* t, Pos pos) {
  T::Type* u = t->underlying();
  llvm::Type* lt = m.tm.lower(t);
  if (T::isString(t)) {
    auto* lenEq = b.CreateICmpEQ(stringLen(x), stringLen(y));
    auto* cmpBB = newBlock("streq.cmp");
    auto* cur = b.GetInsertBlock();
    auto* done = newBlock("streq.done");
    b.CreateCondBr(lenEq, cmpBB, done);
    b.SetInsertPoint(cmpBB);
    // libc's memcmp, which LLVM expands inline for short constant lengths.
    llvm::Value* c = b.CreateCall(m.rt("memcmp"), {stringData(x), stringData(y), stringLen(x)});
    llvm::Value* eq = b.CreateICmpEQ(c, llvm::ConstantInt::get(m.abi.i32, 0));
    auto* cmpEnd = b.GetInsertBlock();
    b.CreateBr(done);
    b.SetInsertPoint(done);
    auto* phi = b.CreatePHI(m.abi.i1, 2);
    phi->addIncoming(llvm::ConstantInt::getFalse(m.ctx), cur);
    phi->addIncoming(eq, cmpEnd);
    return phi;
  }
  if (u->kind == T::TypeKind::Interface) {
    llvm::Value* tx = ifaceType(x, t);
    llvm::Value* ty = ifaceType(y, t);
    auto* sameType = b.CreateICmpEQ(tx, ty);
    auto* cur = b.GetInsertBlock();
    auto* cmpBB = newBlock("ifaceeq.cmp");
    auto* done = newBlock("ifaceeq.done");
    b.CreateCondBr(b.CreateAnd(sameType, b.CreateICmpNE(tx, llvm::ConstantPointerNull::get(m.abi.ptr))), cmpBB, done);
    b.SetInsertPoint(cmpBB);
    llvm::Value* r = call(m.rt("gol_efaceeq"), {g, tx, b.CreateExtractValue(x, 1), b.CreateExtractValue(y, 1)}, pos);
    llvm::Value* eq = b.CreateICmpNE(r, llvm::ConstantInt::get(m.abi.i32, 0));
    auto* cmpEnd = b.GetInsertBlock();
    b.CreateBr(done);
    b.SetInsertPoint(done);
    auto* phi = b.CreatePHI(m.abi.i1, 2);
    phi->addIncoming(sameType, cur);
    phi->addIncoming(eq, cmpEnd);
    return phi;
  }
  if (lt->isFloatingPointTy()) return b.CreateFCmpOEQ(x, y);
  if (lt->isIntegerTy() || lt->isPointerTy()) return b.CreateICmpEQ(x, y);
  if (u->kind == T::TypeKind::Basic) {  // complex
    return b.CreateAnd(b.CreateFCmpOEQ(b.CreateExtractValue(x, 0), b.CreateExtractValue(y, 0)),
                       b.CreateFCmpOEQ(b.CreateExtractValue(x, 1), b.CreateExtractValue(y, 1)));
  }
  // Structs and arrays: element-wise.
  if (u->kind == T::TypeKind::Struct) {
    auto& fields = static_cast<T::Struct*>(u)->fields;
    llvm::Value* all = llvm::ConstantInt::getTrue(m.ctx);
    for (unsigned i = 0; i < fields.size(); i++) {
      if (fields[i]->name == "_") continue;
      all = b.CreateAnd(all, equal(b.CreateExtractValue(x, i), b.CreateExtractValue(y, i), fields[i]->type, pos));
    }
    return all;
  }
  if (auto* at = T::as<T::Array>(u)) {
    if (at->len <= 16) {
      llvm::Value* all = llvm::ConstantInt::getTrue(m.ctx);
      for (unsigned i = 0; i < at->len; i++)
        all = b.CreateAnd(all, equal(b.CreateExtractValue(x, i), b.CreateExtractValue(y, i), at->elem, pos));
      return all;
    }
    llvm::Value* px = tempSlot(t);
    b.CreateStore(x, px);
    llvm::Value* py = tempSlot(t);
    b.CreateStore(y, py);
    llvm::Value* r = call(m.rt("gol_memequal"), {g, m.typeDesc(t), px, py}, pos);
    return b.CreateICmpNE(r, llvm::ConstantInt::get(m.abi.i32, 0));
  }
  m.unsupported(pos, "comparison of this type");
  return llvm::ConstantInt::getFalse(m.ctx);
}

llvm::Value* FuncGen::compareOp(Tok op, llvm::Value* x, llvm::Value* y, T::Type* t, Pos pos) {
  if (op == Tok::Eql) return equal(x, y, t, pos);
  if (op == Tok::Neq) return b.CreateNot(equal(x, y, t, pos));
  llvm::Type* lt = m.tm.lower(t);
  if (T::isString(t)) {
    llvm::Value* c = b.CreateCall(m.rt("gol_strcmp"), {stringData(x), stringLen(x), stringData(y), stringLen(y)});
    llvm::Value* zero = llvm::ConstantInt::get(m.abi.i64, 0);
    switch (op) {
      case Tok::Lss: return b.CreateICmpSLT(c, zero);
      case Tok::Leq: return b.CreateICmpSLE(c, zero);
      case Tok::Gtr: return b.CreateICmpSGT(c, zero);
      default: return b.CreateICmpSGE(c, zero);
    }
  }
  if (lt->isFloatingPointTy()) {
    switch (op) {
      case Tok::Lss: return b.CreateFCmpOLT(x, y);
      case Tok::Leq: return b.CreateFCmpOLE(x, y);
      case Tok::Gtr: return b.CreateFCmpOGT(x, y);
      default: return b.CreateFCmpOGE(x, y);
    }
  }
  bool uns = T::isUnsigned(t);
  switch (op) {
    case Tok::Lss: return uns ? b.CreateICmpULT(x, y) : b.CreateICmpSLT(x, y);
    case Tok::Leq: return uns ? b.CreateICmpULE(x, y) : b.CreateICmpSLE(x, y);
    case Tok::Gtr: return uns ? b.CreateICmpUGT(x, y) : b.CreateICmpSGT(x, y);
    default: return uns ? b.CreateICmpUGE(x, y) : b.CreateICmpSGE(x, y);
  }
}

llvm::Value* FuncGen::shiftOp(Tok op, llvm::Value* x, llvm::Value* y, T::Type* t, T::Type* yt, Pos pos) {
  FuncGen& f = *this;
  unsigned width = x->getType()->getIntegerBitWidth();
  if (!T::isUnsigned(yt)) {
    if (!llvm::isa<llvm::ConstantInt>(y)) {
      auto* fail = f.newBlock("shift.panic");
      auto* ok = f.newBlock("shift.ok");
      f.b.CreateCondBr(f.b.CreateICmpSLT(y, llvm::ConstantInt::get(y->getType(), 0)), fail, ok);
      f.b.SetInsertPoint(fail);
      f.panicCall("gol_panic_shift", {f.g}, pos);
      f.b.SetInsertPoint(ok);
    }
  }
  llvm::Value* y64 = f.intCast(y, yt, f.m.abi.i64);
  llvm::Value* inRange = f.b.CreateICmpULT(y64, llvm::ConstantInt::get(f.m.abi.i64, width));
  llvm::Value* amt = f.b.CreateZExtOrTrunc(
      f.b.CreateSelect(inRange, y64, llvm::ConstantInt::get(f.m.abi.i64, width - 1)), x->getType());
  if (op == Tok::Shl) return f.b.CreateSelect(inRange, f.b.CreateShl(x, amt), llvm::ConstantInt::get(x->getType(), 0));
  if (T::isUnsigned(t)) return f.b.CreateSelect(inRange, f.b.CreateLShr(x, amt), llvm::ConstantInt::get(x->getType(), 0));
  return f.b.CreateAShr(x, amt);  // amt saturates at width-1: sign fill
}

llvm::Value* FuncGen::binaryOp(Tok op, llvm::Value* x, llvm::Value* y, T::Type* t, Pos pos) {
  llvm::Type* lt = m.tm.lower(t);
  if (T::isString(t)) {
    if (op != Tok::Add) m.unsupported(pos, "this string operator");
    llvm::Value* parts = tempSlot(m.prog.store.newType<T::Array>(t, 2));
    b.CreateStore(x, b.CreateConstInBoundsGEP2_32(llvm::ArrayType::get(m.abi.string, 2), parts, 0, 0));
    b.CreateStore(y, b.CreateConstInBoundsGEP2_32(llvm::ArrayType::get(m.abi.string, 2), parts, 0, 1));
    return call(m.rt("gol_concat"), {g, parts, llvm::ConstantInt::get(m.abi.i64, 2)}, pos);
  }
  if (lt->isFloatingPointTy()) {
    switch (op) {
      case Tok::Add: return b.CreateFAdd(x, y);
      case Tok::Sub: return b.CreateFSub(x, y);
      case Tok::Mul: return b.CreateFMul(x, y);
      case Tok::Quo: return b.CreateFDiv(x, y);
      default: break;
    }
  } else if (lt->isIntegerTy()) {
    bool uns = T::isUnsigned(t);
    switch (op) {
      case Tok::Add: return b.CreateAdd(x, y);
      case Tok::Sub: return b.CreateSub(x, y);
      case Tok::Mul: return b.CreateMul(x, y);
      case Tok::And: return b.CreateAnd(x, y);
      case Tok::Or: return b.CreateOr(x, y);
      case Tok::Xor: return b.CreateXor(x, y);
      case Tok::AndNot: return b.CreateAnd(x, b.CreateNot(y));
      case Tok::Quo:
      case Tok::Rem: {
        auto* cy = llvm::dyn_cast<llvm::ConstantInt>(y);
        if (!cy || cy->isZero()) {
          auto* fail = newBlock("div.panic");
          auto* ok = newBlock("div.ok");
          b.CreateCondBr(b.CreateICmpEQ(y, llvm::ConstantInt::get(lt, 0)), fail, ok);
          b.SetInsertPoint(fail);
          panicCall("gol_panic_divide", {g}, pos);
          b.SetInsertPoint(ok);
        }
        if (uns) return op == Tok::Quo ? b.CreateUDiv(x, y) : b.CreateURem(x, y);
        if (cy && !cy->isMinusOne()) return op == Tok::Quo ? b.CreateSDiv(x, y) : b.CreateSRem(x, y);
        // x / -1 overflows for the minimum value: Go defines it as -x (and 0 for %).
        auto* neg = newBlock("div.neg1");
        auto* norm = newBlock("div.norm");
        auto* done = newBlock("div.done");
        b.CreateCondBr(b.CreateICmpEQ(y, llvm::ConstantInt::get(lt, -1, true)), neg, norm);
        b.SetInsertPoint(neg);
        llvm::Value* rn = op == Tok::Quo ? b.CreateSub(llvm::ConstantInt::get(lt, 0), x) : llvm::ConstantInt::get(lt, 0);
        b.CreateBr(done);
        b.SetInsertPoint(norm);
        llvm::Value* rd = op == Tok::Quo ? b.CreateSDiv(x, y) : b.CreateSRem(x, y);
        b.CreateBr(done);
        b.SetInsertPoint(done);
        auto* phi = b.CreatePHI(lt, 2);
        phi->addIncoming(rn, neg);
        phi->addIncoming(rd, norm);
        return phi;
      }
      default: break;
    }
  } else if (lt->isIntegerTy(1)) {
    if (op == Tok::And) return b.CreateAnd(x, y);
    if (op == Tok::Or) return b.CreateOr(x, y);
  }
  m.unsupported(pos, "this operator on " + T::typeString(t));
  return zeroValue(t);
}

// ---- expressions ---------------------------------------------------------------------

namespace {

llvm::Value* genBinary(FuncGen& f, const ast::BinaryExpr* e) {
  T::Type* rt = f.typeOf(e);
  if (e->op == Tok::LAnd || e->op == Tok::LOr) {
    llvm::Value* x = f.genCond(e->x);
    auto* cur = f.b.GetInsertBlock();
    auto* rhs = f.newBlock(e->op == Tok::LAnd ? "and.rhs" : "or.rhs");
    auto* done = f.newBlock("logic.done");
    if (e->op == Tok::LAnd)
      f.b.CreateCondBr(x, rhs, done);
    else
      f.b.CreateCondBr(x, done, rhs);
    f.b.SetInsertPoint(rhs);
    llvm::Value* y = f.genCond(e->y);
    auto* rhsEnd = f.b.GetInsertBlock();
    f.b.CreateBr(done);
    f.b.SetInsertPoint(done);
    auto* phi = f.b.CreatePHI(f.m.abi.i1, 2);
    phi->addIncoming(llvm::ConstantInt::get(f.m.abi.i1, e->op == Tok::LOr), cur);
    phi->addIncoming(y, rhsEnd);
    return phi;
  }
  T::Type* xt = f.typeOf(e->x);
  T::Type* yt = f.typeOf(e->y);
  bool isCmp = e->op == Tok::Eql || e->op == Tok::Neq || e->op == Tok::Lss || e->op == Tok::Leq ||
               e->op == Tok::Gtr || e->op == Tok::Geq;
  if (isCmp) {
    // Comparison with nil.
    bool xNil = isNilExpr(f.info, e->x), yNil = isNilExpr(f.info, e->y);
    if (xNil || yNil) {
      const ast::Expr* other = xNil ? e->y : e->x;
      llvm::Value* isNil = f.isNil(f.genExpr(other), f.typeOf(other));
      return e->op == Tok::Eql ? isNil : f.b.CreateNot(isNil);
    }
    // Mixed interface/concrete comparison: compare as the interface type.
    T::Type* ct = xt;
    if (T::isInterface(yt) && !T::isInterface(xt)) ct = yt;
    llvm::Value* x = f.genExprTo(e->x, ct);
    if (mayReachSafePoint(f.info, e->y)) f.keepAlive(x, ct);
    llvm::Value* y = f.genExprTo(e->y, ct);
    return f.compareOp(e->op, x, y, ct, e->opPos);
  }
  if (e->op == Tok::Shl || e->op == Tok::Shr) {
    llvm::Value* x = f.genExprTo(e->x, rt);
    llvm::Value* y = f.genExpr(e->y);
    return f.shiftOp(e->op, x, y, rt, yt, e->opPos);
  }
  llvm::Value* x = f.genExprTo(e->x, rt);
  if (mayReachSafePoint(f.info, e->y)) f.keepAlive(x, rt);
  llvm::Value* y = f.genExprTo(e->y, rt);
  return f.binaryOp(e->op, x, y, rt, e->opPos);
}

llvm::Value* genUnary(FuncGen& f, const ast::UnaryExpr* e) {
  T::Type* t = f.typeOf(e);
  switch (e->op) {
    case Tok::Add: return f.genExpr(e->x);
    case Tok::Sub: {
      llvm::Value* x = f.genExpr(e->x);
      if (x->getType()->isFloatingPointTy()) return f.b.CreateFNeg(x);
      return f.b.CreateSub(llvm::ConstantInt::get(x->getType(), 0), x);
    }
    case Tok::Not: return f.b.CreateNot(f.genExpr(e->x));
    case Tok::Xor: return f.b.CreateNot(f.genExpr(e->x));
    case Tok::And: {
      const ast::Expr* x = ast::unparen(e->x);
      if (auto* lit = ast::dynCast<ast::CompositeLit>(x)) {
        T::Type* lt = f.typeOf(lit);
        llvm::Value* p = f.heapAlloc(lt);
        f.keepAlive(p, t);
        f.b.CreateStore(f.genExpr(lit), p);
        return p;
      }
      return f.genAddr(x);
    }
    case Tok::Arrow: {
      auto* ct = static_cast<T::Chan*>(f.typeOf(e->x)->underlying());
      llvm::Value* ch = f.genExpr(e->x);
      llvm::Value* slot = f.tempSlot(ct->elem);
      f.b.CreateStore(f.zeroValue(ct->elem), slot);
      f.call(f.m.rt("gol_chanrecv"), {f.g, ch, slot}, e->pos);
      return f.load(ct->elem, slot);
    }
    default: break;
  }
  f.m.unsupported(e->pos, "this unary operator");
  return f.zeroValue(t);
}

llvm::Value* genIndex(FuncGen& f, const ast::IndexExpr* e) {
  if (auto* id = ast::dynCast<ast::Ident>(ast::unparen(e->x)))
    if (auto* fn = T::asObj<T::Func>(f.info.objectOf(id))) return f.m.funcValue(fn);  // F[int]: the instance
  T::Type* xt = f.typeOf(e->x);
  T::Type* u = xt->underlying();
  if (T::isString(xt)) {
    llvm::Value* s = f.genExpr(e->x);
    llvm::Value* i = f.boundsCheck(f.genExpr(e->index), f.typeOf(e->index), f.stringLen(s), e->lbrack);
    llvm::Value* p = f.b.CreateInBoundsGEP(f.m.abi.i8, f.stringData(s), {i});
    return f.b.CreateLoad(f.m.abi.i8, p);
  }
  if (auto* mt = T::as<T::Map>(u)) {
    llvm::Value* mp = f.genExpr(e->x);
    f.keepAlive(mp, xt);
    llvm::Value* key = f.genExprTo(e->index, mt->key);
    return f.load(mt->elem, f.mapCall(MapOp::Access, xt, mp, key, nullptr, e->lbrack));
  }
  if (auto* at = T::as<T::Array>(u)) {
    // An array value that is not addressable (a call result): index a copy.
    llvm::Value* addr = f.genAddr(e->x);
    llvm::Value* i =
        f.boundsCheck(f.genExpr(e->index), f.typeOf(e->index), llvm::ConstantInt::get(f.m.abi.i64, at->len), e->lbrack);
    llvm::Value* p = f.b.CreateInBoundsGEP(f.m.tm.lower(at), addr, {llvm::ConstantInt::get(f.m.abi.i64, 0), i});
    return f.load(at->elem, p);
  }
  return f.load(f.typeOf(e), f.genAddr(e));
}

llvm::Value* genSlice(FuncGen& f, const ast::SliceExpr* e) {
  T::Type* xt = f.typeOf(e->x);
  T::Type* u = xt->underlying();
  llvm::Value *base, *len, *cap;
  llvm::Type* elemTy;
  bool isStr = T::isString(xt);
  if (isStr) {
    llvm::Value* s = f.genExpr(e->x);
    base = f.stringData(s);
    len = cap = f.stringLen(s);
    elemTy = f.m.abi.i8;
  } else if (auto* sl = T::as<T::Slice>(u)) {
    llvm::Value* s = f.genExpr(e->x);
    base = f.b.CreateExtractValue(s, 0);
    len = f.b.CreateExtractValue(s, 1);
    cap = f.b.CreateExtractValue(s, 2);
    elemTy = f.m.tm.lower(sl->elem);
  } else {
    T::Array* at;
    if (auto* p = T::as<T::Pointer>(u)) {
      base = f.nilCheck(f.genExpr(e->x), e->lbrack);
      at = static_cast<T::Array*>(p->elem->underlying());
    } else {
      base = f.genAddr(e->x);
      at = static_cast<T::Array*>(u);
    }
    len = cap = llvm::ConstantInt::get(f.m.abi.i64, at->len);
    elemTy = f.m.tm.lower(at->elem);
  }
  // The base pointer must survive the index expressions only if they can
  // collect.
  bool indicesMayGC = mayReachSafePoint(f.info, e->low) || mayReachSafePoint(f.info, e->high) ||
                      mayReachSafePoint(f.info, e->max);
  if ((f.m.tm.hasPointers(f.typeOf(e)) || isStr) && indicesMayGC)
    f.keepAlive(base, f.m.prog.store.basic(T::BasicKind::UnsafePointer));
  auto idx = [&](const ast::Expr* x) { return f.intCast(f.genExpr(x), f.typeOf(x), f.m.abi.i64); };
  llvm::Value* lo = e->low ? idx(e->low) : llvm::ConstantInt::get(f.m.abi.i64, 0);
  llvm::Value* hi = e->high ? idx(e->high) : len;
  llvm::Value* mx = e->max ? idx(e->max) : cap;
  // Go's checks, innermost first: max <= cap, high <= max, low <= high. x is
  // the bound expression reported (null for an implied one, an int).
  auto check = [&](llvm::Value* okCond, int code, llvm::Value* a, const ast::Expr* x, llvm::Value* bnd) {
    auto* fail = f.newBlock("slice.panic");
    auto* ok = f.newBlock("slice.ok");
    f.b.CreateCondBr(okCond, ok, fail);
    f.b.SetInsertPoint(fail);
    if (x && f.isUnsigned64(f.typeOf(x))) code |= GOL_BOUNDS_UNSIGNED_X;
    f.panicCall("gol_panic_slice", {f.g, llvm::ConstantInt::get(f.m.abi.i32, code), a, bnd}, e->lbrack);
    f.b.SetInsertPoint(ok);
  };
  // Codes are Go's boundsErrorCode (runtime/panic.h): "with length" for
  // strings and arrays, "with capacity" for slices.
  bool byLen = isStr || !T::as<T::Slice>(u);
  if (e->slice3) {
    check(f.b.CreateICmpULE(mx, cap), byLen ? 4 : 5, mx, e->max, cap);
    check(f.b.CreateICmpULE(hi, mx), 6, hi, e->high, mx);
    check(f.b.CreateICmpULE(lo, hi), 7, lo, e->low, hi);
  } else {
    check(f.b.CreateICmpULE(hi, cap), byLen ? 1 : 2, hi, e->high, cap);
    check(f.b.CreateICmpULE(lo, hi), 3, lo, e->low, hi);
  }
  llvm::Value* newLen = f.b.CreateSub(hi, lo);
  llvm::Value* newCap = f.b.CreateSub(mx, lo);
  // Never point past the end of the underlying array: a zero-capacity slice
  // keeps the base pointer (Go's rule, which keeps the GC's view simple).
  llvm::Value* off = f.b.CreateSelect(f.b.CreateICmpEQ(isStr ? newLen : newCap, llvm::ConstantInt::get(f.m.abi.i64, 0)),
                                      llvm::ConstantInt::get(f.m.abi.i64, 0), lo);
  llvm::Value* p = f.b.CreateInBoundsGEP(elemTy, base, {off});
  if (isStr) return f.makeString(p, newLen);
  return f.makeSlice(p, newLen, newCap);
}

llvm::Value* genCompositeOf(FuncGen& f, const ast::CompositeLit* e, T::Type* t);

llvm::Constant* literalImage(FuncGen& f, const ast::CompositeLit* e, T::Type* t, std::vector<bool>* isConst);

// The value of a literal's element x of type et when it is known at compile
// time, else nullptr. Elements that box into interfaces or allocate (elided
// &T) are computed at run time.
llvm::Constant* constantElement(FuncGen& f, const ast::Expr* x, T::Type* et) {
  T::TypeKind k = et->underlying()->kind;
  if (k == T::TypeKind::Interface) return nullptr;
  if (isNilExpr(f.info, x)) return llvm::Constant::getNullValue(f.m.tm.lower(et));
  const TypeAndValue* tv = f.info.typeOf(x);
  if (tv && tv->isConstant()) return llvm::dyn_cast<llvm::Constant>(f.constValue(tv->value, et, x->pos));
  x = ast::unparen(x);
  if (auto* id = ast::dynCast<ast::Ident>(x)) {
    // A declared function's value is a constant global.
    if (T::asObj<T::Func>(f.info.objectOf(id)) && k == T::TypeKind::Signature)
      return llvm::dyn_cast<llvm::Constant>(f.genExpr(x));
    return nullptr;
  }
  auto* lit = ast::dynCast<ast::CompositeLit>(x);
  if (!lit || (k != T::TypeKind::Struct && k != T::TypeKind::Array)) return nullptr;
  std::vector<bool> isConst;
  llvm::Constant* image = literalImage(f, lit, et, &isConst);
  if (std::find(isConst.begin(), isConst.end(), false) != isConst.end()) return nullptr;
  return image;
}

// Where the value of element i of a struct literal goes: its field index.
size_t fieldIndex(const T::Struct* st, const ast::CompositeLit* e, size_t i) {
  auto* kv = ast::dynCast<ast::KeyValueExpr>(e->elts[i]);
  if (!kv) return i;
  auto* key = ast::cast<ast::Ident>(kv->key);
  for (size_t k = 0; k < st->fields.size(); k++)
    if (st->fields[k]->name == key->name) return k;
  return i;
}

const ast::Expr* elementValue(const ast::Expr* x) {
  auto* kv = ast::dynCast<ast::KeyValueExpr>(x);
  return kv ? kv->value : x;
}

// The number of elements a slice literal has.
int64_t sliceLiteralLen(FuncGen& f, const ast::CompositeLit* e) {
  int64_t n = 0, idx = 0;
  for (const ast::Expr* x : e->elts) {
    if (auto* kv = ast::dynCast<ast::KeyValueExpr>(x)) idx = *f.info.typeOf(kv->key)->value.int64Val();
    n = std::max(n, ++idx);
  }
  return n;
}

// The constant image of a struct, array or slice literal (for a slice, its
// backing array): every element known at compile time in place, zero where
// an element is computed at run time or left out. isConst records which of
// e->elts are in the image. A sparse literal ([1 << 20]int{7: 1}) has none:
// zeroing and storing beats copying mostly zeros.
llvm::Constant* literalImage(FuncGen& f, const ast::CompositeLit* e, T::Type* t, std::vector<bool>* isConst) {
  T::Type* u = t->underlying();
  isConst->assign(e->elts.size(), false);
  if (auto* st = T::as<T::Struct>(u)) {
    auto* lt = llvm::cast<llvm::StructType>(f.m.tm.lower(t));
    std::vector<llvm::Constant*> fields;
    for (unsigned k = 0; k < lt->getNumElements(); k++) fields.push_back(llvm::Constant::getNullValue(lt->getElementType(k)));
    for (size_t i = 0; i < e->elts.size(); i++) {
      size_t idx = fieldIndex(st, e, i);
      if (llvm::Constant* c = constantElement(f, elementValue(e->elts[i]), st->fields[idx]->type)) {
        fields[idx] = c;
        (*isConst)[i] = true;
      }
    }
    return llvm::ConstantStruct::get(lt, fields);
  }
  T::Type* et;
  int64_t n;
  if (auto* at = T::as<T::Array>(u)) {
    et = at->elem;
    n = at->len;
  } else {
    et = static_cast<T::Slice*>(u)->elem;
    n = sliceLiteralLen(f, e);
  }
  if (uint64_t(n) / 4 > e->elts.size()) return nullptr;
  llvm::Type* elemTy = f.m.tm.lower(et);
  llvm::Constant* zero = llvm::Constant::getNullValue(elemTy);
  std::vector<llvm::Constant*> elems(size_t(n), zero);
  int64_t idx = 0;
  for (size_t i = 0; i < e->elts.size(); i++, idx++) {
    if (auto* kv = ast::dynCast<ast::KeyValueExpr>(e->elts[i])) idx = *f.info.typeOf(kv->key)->value.int64Val();
    if (llvm::Constant* c = constantElement(f, elementValue(e->elts[i]), et)) {
      elems[size_t(idx)] = c;
      (*isConst)[i] = true;
    }
  }
  return llvm::ConstantArray::get(llvm::ArrayType::get(elemTy, uint64_t(n)), elems);
}

// A literal with fewer constant elements than this is built by stores alone.
constexpr size_t kMinImageElements = 4;

// Copies the constant part of literal e into dst (which it initialises
// completely, zeros included) and returns which elements that covered, or
// returns an empty vector when the literal is better built by stores alone,
// leaving dst untouched. A literal of 20,000 constants so costs one memcpy
// from static data, as gc compiles it, instead of 20,000 stores that LLVM
// optimises and selects one by one.
std::vector<bool> copyLiteralImage(FuncGen& f, const ast::CompositeLit* e, T::Type* t, llvm::Value* dst) {
  std::vector<bool> isConst;
  llvm::Constant* image = literalImage(f, e, t, &isConst);
  if (!image || size_t(std::count(isConst.begin(), isConst.end(), true)) < kMinImageElements) return {};
  const llvm::DataLayout& dl = f.m.mod.getDataLayout();
  uint64_t size = dl.getTypeAllocSize(image->getType());
  if (size == 0) return {};
  auto* gv = new llvm::GlobalVariable(f.m.mod, image->getType(), true, llvm::GlobalValue::PrivateLinkage, image,
                                      ".lit");
  gv->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  gv->setAlignment(llvm::Align(8));
  f.b.CreateMemCpy(dst, llvm::MaybeAlign(), gv, llvm::Align(8), size);
  return isConst;
}

}  // namespace

bool initGlobalStatically(FuncGen& f, llvm::GlobalVariable* gv, T::Type* vt, const ast::Expr* rhs) {
  auto* lit = ast::dynCast<ast::CompositeLit>(ast::unparen(rhs));
  if (!lit || T::as<T::Interface>(vt->underlying())) return false;
  T::Type* t = f.typeOf(lit);
  T::Type* u = t->underlying();
  auto* sl = T::as<T::Slice>(u);
  // A static backing array holding pointers would have to be a GC root of
  // its own: such slices copy their constants at run time instead.
  if (!T::as<T::Struct>(u) && !T::as<T::Array>(u) && !(sl && !f.m.tm.hasPointers(sl->elem))) return false;
  std::vector<bool> isConst;
  llvm::Constant* image = literalImage(f, lit, t, &isConst);
  if (!image || std::find(isConst.begin(), isConst.end(), false) != isConst.end()) return false;
  if (sl) {
    uint64_t n = llvm::cast<llvm::ArrayType>(image->getType())->getNumElements();
    if (n == 0) return false;
    auto* data = new llvm::GlobalVariable(f.m.mod, image->getType(), false, llvm::GlobalValue::InternalLinkage, image,
                                          gv->getName() + "·array");
    data->setAlignment(llvm::Align(8));
    auto* len = llvm::ConstantInt::get(f.m.abi.i64, n);
    image = llvm::ConstantStruct::get(f.m.abi.slice, {data, len, len});
  }
  gv->setInitializer(image);
  return true;
}

namespace {

llvm::Value* genComposite(FuncGen& f, const ast::CompositeLit* e) {
  T::Type* t = f.typeOf(e);
  T::Type* u = t->underlying();
  if (auto* p = T::as<T::Pointer>(u)) {  // elided &T in a nested literal
    llvm::Value* obj = f.heapAlloc(p->elem);
    f.keepAlive(obj, t);
    f.b.CreateStore(genCompositeOf(f, e, p->elem), obj);
    return obj;
  }
  return genCompositeOf(f, e, t);
}

llvm::Value* genCompositeOf(FuncGen& f, const ast::CompositeLit* e, T::Type* t) {
  T::Type* u = t->underlying();
  auto elemValue = [&](const ast::Expr* x, T::Type* et) -> llvm::Value* {
    if (auto* lit = ast::dynCast<ast::CompositeLit>(x); lit && T::as<T::Pointer>(et->underlying()) &&
                                                         !T::as<T::Pointer>(f.typeOf(lit)->underlying())) {
      T::Type* pointee = static_cast<T::Pointer*>(et->underlying())->elem;
      llvm::Value* obj = f.heapAlloc(pointee);
      f.keepAlive(obj, et);
      f.b.CreateStore(f.genExpr(lit), obj);
      return obj;
    }
    return f.genExprTo(x, et);
  };
  if (auto* st = T::as<T::Struct>(u)) {
    llvm::Value* slot = f.tempSlot(t);
    std::vector<bool> done = copyLiteralImage(f, e, t, slot);
    if (done.empty()) f.b.CreateStore(f.zeroValue(t), slot);
    llvm::Type* lt = f.m.tm.lower(t);
    for (size_t i = 0; i < e->elts.size(); i++) {
      if (!done.empty() && done[i]) continue;
      size_t idx = fieldIndex(st, e, i);
      llvm::Value* v = elemValue(elementValue(e->elts[i]), st->fields[idx]->type);
      f.b.CreateStore(v, f.b.CreateStructGEP(lt, slot, unsigned(idx)));
    }
    return f.load(t, slot);
  }
  // Stores the elements of an array or slice literal that `done` does not cover.
  auto fillIndexed = [&](llvm::Value* base, llvm::Type* elemTy, T::Type* et, const std::vector<bool>& done) {
    int64_t idx = 0;
    for (size_t i = 0; i < e->elts.size(); i++, idx++) {
      const ast::Expr* x = e->elts[i];
      if (auto* kv = ast::dynCast<ast::KeyValueExpr>(x)) {
        idx = *f.info.typeOf(kv->key)->value.int64Val();
        x = kv->value;
      }
      if (!done.empty() && done[i]) continue;
      llvm::Value* v = elemValue(x, et);
      f.b.CreateStore(v, f.b.CreateInBoundsGEP(elemTy, base, {llvm::ConstantInt::get(f.m.abi.i64, idx)}));
    }
  };
  if (auto* at = T::as<T::Array>(u)) {
    llvm::Value* slot = f.tempSlot(t);
    std::vector<bool> done = copyLiteralImage(f, e, t, slot);
    if (done.empty()) f.b.CreateStore(f.zeroValue(t), slot);
    fillIndexed(slot, f.m.tm.lower(at->elem), at->elem, done);
    return f.load(t, slot);
  }
  if (auto* sl = T::as<T::Slice>(u)) {
    int64_t n = sliceLiteralLen(f, e);
    llvm::Value* arr = f.heapAlloc(sl->elem, llvm::ConstantInt::get(f.m.abi.i64, n));
    f.keepAlive(arr, f.m.prog.store.basic(T::BasicKind::UnsafePointer));
    fillIndexed(arr, f.m.tm.lower(sl->elem), sl->elem, copyLiteralImage(f, e, t, arr));
    llvm::Value* nv = llvm::ConstantInt::get(f.m.abi.i64, n);
    return f.makeSlice(arr, nv, nv);
  }
  if (auto* mt = T::as<T::Map>(u)) {
    llvm::Value* mp = f.call(f.m.rt("gol_makemap"),
                             {f.g, f.m.typeDesc(t), llvm::ConstantInt::get(f.m.abi.i64, e->elts.size())}, e->pos);
    f.keepAlive(mp, t);
    for (const ast::Expr* x : e->elts) {
      auto* kv = ast::cast<ast::KeyValueExpr>(x);
      llvm::Value* key = f.tempSlot(mt->key);
      f.b.CreateStore(elemValue(kv->key, mt->key), key);
      llvm::Value* v = elemValue(kv->value, mt->elem);
      llvm::Value* vs = f.tempSlot(mt->elem);
      f.b.CreateStore(v, vs);
      llvm::Value* slot = f.mapCall(MapOp::Assign, t, mp, nullptr, key, kv->pos);
      f.b.CreateStore(f.load(mt->elem, vs), slot);
    }
    return mp;
  }
  f.m.unsupported(e->pos, "this composite literal");
  return f.zeroValue(t);
}

llvm::Value* genSelector(FuncGen& f, const ast::SelectorExpr* e) {
  auto it = f.info.selections.find(e);
  if (it == f.info.selections.end()) {
    // Package-qualified name.
    T::Object* o = f.info.objectOf(e->sel);
    if (auto* fn = T::asObj<T::Func>(o)) return f.m.funcValue(fn);
    if (auto* v = T::asObj<T::Var>(o)) return f.load(v->type, f.m.global(v));
    f.m.unsupported(e->pos, "this selector");
    return f.zeroValue(f.typeOf(e));
  }
  const Selection& sel = it->second;
  if (sel.kind == SelectionKind::FieldVal) {
    T::Type* xt = f.typeOf(e->x);
    // Addressable operands and pointers: load through the address.
    const ast::Expr* x = ast::unparen(e->x);
    bool addressable = f.info.typeOf(x)->mode == Mode::Variable || T::as<T::Pointer>(xt->underlying());
    if (addressable) return f.load(f.typeOf(e), f.genAddr(e));
    // A struct value (a call result): extract along the path.
    llvm::Value* v = f.genExpr(e->x);
    T::Type* t = xt;
    for (int k : sel.index) {
      if (auto* p = T::as<T::Pointer>(t->underlying())) {
        v = f.load(p->elem, f.nilCheck(v, e->sel->pos));
        t = p->elem;
      }
      v = f.b.CreateExtractValue(v, unsigned(k));
      t = static_cast<T::Struct*>(t->underlying())->fields[size_t(k)]->type;
    }
    return v;
  }
  return f.genMethodValue(e, sel);
}

}  // namespace

llvm::Value* FuncGen::genCond(const ast::Expr* e) { return genExpr(e); }

llvm::Value* FuncGen::genExpr(const ast::Expr* e) {
  const TypeAndValue* tv = info.typeOf(e);
  if (tv && tv->isConstant()) return constValue(tv->value, tv->type, e->pos);
  switch (e->kind) {
    case ast::Kind::ParenExpr: return genExpr(ast::cast<ast::ParenExpr>(e)->x);
    case ast::Kind::Ident: {
      T::Object* o = info.objectOf(ast::cast<ast::Ident>(e));
      if (!o) break;
      switch (o->kind) {
        case T::ObjKind::Var: return load(o->type, varAddr(static_cast<T::Var*>(o), e->pos));
        case T::ObjKind::Func: return m.funcValue(static_cast<T::Func*>(o));
        case T::ObjKind::Nil: return zeroValue(tv->type);
        default: break;
      }
      break;
    }
    case ast::Kind::BinaryExpr: return genBinary(*this, ast::cast<ast::BinaryExpr>(e));
    case ast::Kind::UnaryExpr: return genUnary(*this, ast::cast<ast::UnaryExpr>(e));
    case ast::Kind::StarExpr: {
      llvm::Value* p = genExpr(ast::cast<ast::StarExpr>(e)->x);
      return load(tv->type, nilCheck(p, e->pos));
    }
    case ast::Kind::SelectorExpr: return genSelector(*this, ast::cast<ast::SelectorExpr>(e));
    case ast::Kind::IndexExpr: return genIndex(*this, ast::cast<ast::IndexExpr>(e));
    case ast::Kind::SliceExpr: return genSlice(*this, ast::cast<ast::SliceExpr>(e));
    case ast::Kind::CompositeLit: return genComposite(*this, ast::cast<ast::CompositeLit>(e));
    case ast::Kind::CallExpr: return genCall(ast::cast<ast::CallExpr>(e));
    case ast::Kind::FuncLit: return genFuncLit(ast::cast<ast::FuncLit>(e));
    case ast::Kind::TypeAssertExpr: {
      auto* ta = ast::cast<ast::TypeAssertExpr>(e);
      return typeAssert(genExpr(ta->x), typeOf(ta->x), tv->type, false, e->pos, nullptr);
    }
    default: break;
  }
  m.unsupported(e->pos, "this expression");
  return tv && tv->type ? zeroValue(tv->type) : llvm::UndefValue::get(m.abi.i64);
}

}  // namespace gol::cg
