// cg_builtin.cpp — built-in functions (len, cap, append, copy, delete, make,
// new, panic, recover, print, println, close, min, max, clear) and explicit
// conversions T(x).
//
// Invariants: conversions follow the Go spec's rules exactly (integer
// truncation/extension by the source's signedness, string<->[]byte/[]rune
// through the runtime, int->string as a rune with U+FFFD for invalid code
// points); anything else the checker accepted but gol cannot lower is reported
// as unsupported, never silently mistranslated.
#include "compiler/cg_internal.h"

namespace gol::cg {

namespace {

bool isBytesOrRunes(T::Type* t, T::BasicKind k) {
  auto* s = T::as<T::Slice>(t->underlying());
  if (!s) return false;
  auto* b = T::as<T::Basic>(s->elem->underlying());
  if (!b) return false;
  if (k == T::BasicKind::Uint8) return b->bkind == T::BasicKind::Uint8;
  return b->bkind == T::BasicKind::Int32;
}

}  // namespace

llvm::Value* FuncGen::copySlice(llvm::Value* d, llvm::Value* s, T::Type* elem) {
  llvm::Value* dl = b.CreateExtractValue(d, 1);
  llvm::Value* sl = b.CreateExtractValue(s, 1);
  llvm::Value* n = b.CreateSelect(b.CreateICmpULT(dl, sl), dl, sl);
  moveBytes(b.CreateExtractValue(d, 0), b.CreateExtractValue(s, 0),
            b.CreateMul(n, llvm::ConstantInt::get(m.abi.i64, m.tm.size(elem))));
  return n;
}

// Most copies and appends move a few bytes (a short string onto a buffer),
// where calling memmove costs more than the move: up to 16 bytes are moved
// inline, with two possibly overlapping loads (8, 4 or 1 bytes wide, or
// three single bytes below 4) done before the stores, so overlapping source
// and destination are handled as memmove does.
void FuncGen::moveBytes(llvm::Value* dst, llvm::Value* src, llvm::Value* n) {
  if (llvm::isa<llvm::ConstantInt>(n)) {   // LLVM expands constant sizes itself
    b.CreateMemMove(dst, llvm::MaybeAlign(1), src, llvm::MaybeAlign(1), n);
    return;
  }
  auto* i64 = m.abi.i64;
  auto* big = newBlock("move.big");
  auto* small = newBlock("move.small");
  auto* done = newBlock("move.done");
  b.CreateCondBr(b.CreateICmpUGT(n, llvm::ConstantInt::get(i64, 16)), big, small);
  b.SetInsertPoint(big);
  b.CreateMemMove(dst, llvm::MaybeAlign(1), src, llvm::MaybeAlign(1), n);
  b.CreateBr(done);
  // Moves [0, w) and [n-w, n) (w = 8 or 4), or bytes 0, n/2 and n-1.
  auto pair = [&](llvm::Type* t, unsigned w) {
    llvm::Value* tail = b.CreateSub(n, llvm::ConstantInt::get(i64, w));
    llvm::Value* x = b.CreateAlignedLoad(t, src, llvm::MaybeAlign(1));
    llvm::Value* y = b.CreateAlignedLoad(t, b.CreateGEP(m.abi.i8, src, tail), llvm::MaybeAlign(1));
    b.CreateAlignedStore(x, dst, llvm::MaybeAlign(1));
    b.CreateAlignedStore(y, b.CreateGEP(m.abi.i8, dst, tail), llvm::MaybeAlign(1));
    b.CreateBr(done);
  };
  auto* ge8 = newBlock("move.8");
  auto* lt8 = newBlock("move.lt8");
  b.SetInsertPoint(small);
  b.CreateCondBr(b.CreateICmpUGE(n, llvm::ConstantInt::get(i64, 8)), ge8, lt8);
  b.SetInsertPoint(ge8);
  pair(i64, 8);
  auto* ge4 = newBlock("move.4");
  auto* lt4 = newBlock("move.lt4");
  b.SetInsertPoint(lt8);
  b.CreateCondBr(b.CreateICmpUGE(n, llvm::ConstantInt::get(i64, 4)), ge4, lt4);
  b.SetInsertPoint(ge4);
  pair(m.abi.i32, 4);
  auto* bytes = newBlock("move.1");
  b.SetInsertPoint(lt4);
  b.CreateCondBr(b.CreateICmpEQ(n, llvm::ConstantInt::get(i64, 0)), done, bytes);
  b.SetInsertPoint(bytes);
  llvm::Value* offs[3] = {llvm::ConstantInt::get(i64, 0), b.CreateLShr(n, 1),
                          b.CreateSub(n, llvm::ConstantInt::get(i64, 1))};
  llvm::Value* vals[3];
  for (int i = 0; i < 3; i++) vals[i] = b.CreateLoad(m.abi.i8, b.CreateGEP(m.abi.i8, src, offs[i]));
  for (int i = 0; i < 3; i++) b.CreateStore(vals[i], b.CreateGEP(m.abi.i8, dst, offs[i]));
  b.CreateBr(done);
  b.SetInsertPoint(done);
}

void FuncGen::genPrintValue(llvm::Value* v, T::Type* t, Pos pos) {
  T::Type* u = t->underlying();
  llvm::Type* lt = m.tm.lower(t);
  if (T::isString(t)) {
    call(m.rt("gol_printstring"), {g, stringData(v), stringLen(v)}, pos);
  } else if (T::isBoolean(t)) {
    call(m.rt("gol_printbool"), {g, b.CreateZExt(v, m.abi.i32)}, pos);
  } else if (lt->isIntegerTy()) {
    call(T::isUnsigned(t) ? m.rt("gol_printuint") : m.rt("gol_printint"), {g, intCast(v, t, m.abi.i64)}, pos);
  } else if (lt->isFloatingPointTy()) {
    call(m.rt("gol_printfloat"), {g, b.CreateFPExt(v, m.abi.f64)}, pos);
  } else if (u->kind == T::TypeKind::Interface) {
    call(m.rt("gol_printiface"), {g, b.CreateExtractValue(v, 0), b.CreateExtractValue(v, 1)}, pos);
  } else if (lt->isPointerTy()) {
    call(m.rt("gol_printpointer"), {g, v}, pos);
  } else if (u->kind == T::TypeKind::Slice) {
    // Go prints [len/cap]0xptr.
    call(m.rt("gol_printstring"), {g, stringData(m.stringConst("[")), llvm::ConstantInt::get(m.abi.i64, 1)}, pos);
    call(m.rt("gol_printint"), {g, b.CreateExtractValue(v, 1)}, pos);
    call(m.rt("gol_printstring"), {g, stringData(m.stringConst("/")), llvm::ConstantInt::get(m.abi.i64, 1)}, pos);
    call(m.rt("gol_printint"), {g, b.CreateExtractValue(v, 2)}, pos);
    call(m.rt("gol_printstring"), {g, stringData(m.stringConst("]")), llvm::ConstantInt::get(m.abi.i64, 1)}, pos);
    call(m.rt("gol_printpointer"), {g, b.CreateExtractValue(v, 0)}, pos);
  } else {
    m.unsupported(pos, "print of " + T::typeString(t));
  }
}

llvm::Value* FuncGen::genBuiltin(const ast::CallExpr* c, T::Builtin* bi) {
  T::Type* rt = typeOf(c);
  auto arg = [&](size_t i) { return c->args[i]; };
  // copy(f()), delete(f()), print(f()): a call returning several values
  // spreads them over the built-in's parameters, as for any function.
  std::vector<std::pair<llvm::Value*, T::Type*>> spread;
  if (c->args.size() == 1)
    if (auto* tt = T::as<T::Tuple>(typeOf(arg(0))); tt && tt->size() > 1) {
      llvm::Value* tuple = genExpr(arg(0));
      for (size_t i = 0; i < tt->size(); i++) spread.push_back({b.CreateExtractValue(tuple, unsigned(i)), tt->at(i)});
    }
  size_t nargs = spread.empty() ? c->args.size() : spread.size();
  auto argType = [&](size_t i) { return spread.empty() ? typeOf(arg(i)) : spread[i].second; };
  auto argValue = [&](size_t i) { return spread.empty() ? genExpr(arg(i)) : spread[i].first; };
  auto argValueTo = [&](size_t i, T::Type* t) {
    return spread.empty() ? genExprTo(arg(i), t) : convert(spread[i].first, spread[i].second, t, c->pos);
  };
  switch (bi->id) {
    case T::BuiltinId::Len:
    case T::BuiltinId::Cap: {
      T::Type* at = typeOf(arg(0));
      T::Type* u = at->underlying();
      if (auto* p = T::as<T::Pointer>(u)) u = p->elem->underlying();
      llvm::Value* v = genExpr(arg(0));
      if (T::isString(at)) return stringLen(v);
      if (u->kind == T::TypeKind::Slice) return b.CreateExtractValue(v, bi->id == T::BuiltinId::Len ? 1 : 2);
      if (auto* a = T::as<T::Array>(u)) return llvm::ConstantInt::get(m.abi.i64, a->len);
      if (u->kind == T::TypeKind::Map) return b.CreateCall(m.rt("gol_maplen"), {v});
      if (u->kind == T::TypeKind::Chan)
        return b.CreateCall(bi->id == T::BuiltinId::Len ? m.rt("gol_chanlen") : m.rt("gol_chancap"), {v});
      break;
    }
    case T::BuiltinId::Append: return genAppend(c);
    case T::BuiltinId::Copy: {
      T::Type* dt = argType(0);
      T::Type* elem = static_cast<T::Slice*>(dt->underlying())->elem;
      llvm::Value* d = argValue(0);
      keepAlive(d, dt);
      return copySlice(d, argValue(1), elem);
    }
    case T::BuiltinId::Delete: {
      T::Type* mt = argType(0);
      llvm::Value* mp = argValue(0);
      keepAlive(mp, mt);
      T::Type* kt = static_cast<T::Map*>(mt->underlying())->key;
      mapCall(MapOp::Delete, mt, mp, argValueTo(1, kt), nullptr, c->pos);
      return nullptr;
    }
    case T::BuiltinId::Make: {
      T::Type* t = info.typeOf(arg(0))->type;
      T::Type* u = t->underlying();
      auto intArg = [&](size_t i) { return intCast(genExpr(arg(i)), typeOf(arg(i)), m.abi.i64); };
      if (auto* sl = T::as<T::Slice>(u)) {
        llvm::Value* len = intArg(1);
        llvm::Value* cap = c->args.size() > 2 ? intArg(2) : len;
        return callRuntimeSlice("gol_makeslice", {g, m.typeDesc(sl->elem), len, cap}, c->pos);
      }
      llvm::Value* size = c->args.size() > 1 ? intArg(1) : llvm::ConstantInt::get(m.abi.i64, 0);
      if (u->kind == T::TypeKind::Map) return call(m.rt("gol_makemap"), {g, m.typeDesc(t), size}, c->pos);
      if (u->kind == T::TypeKind::Chan) return call(m.rt("gol_makechan"), {g, m.typeDesc(t), size}, c->pos);
      break;
    }
    case T::BuiltinId::New: return heapAlloc(static_cast<T::Pointer*>(rt->underlying())->elem);
    case T::BuiltinId::Panic: {
      llvm::Value* v = genExprTo(arg(0), m.prog.store.anyType());
      setLine(c->pos);
      b.CreateCall(m.rt("gol_panic"), {g, b.CreateExtractValue(v, 0), b.CreateExtractValue(v, 1)})
          ->addFnAttr(llvm::Attribute::NoMerge);
      makesCalls = true;
      b.CreateUnreachable();
      b.SetInsertPoint(newBlock("after.panic"));
      return nullptr;
    }
    case T::BuiltinId::Recover:
      frameEscapes = true;
      return call(m.rt("gol_recover"), {g, frame}, c->pos);
    case T::BuiltinId::Print:
    case T::BuiltinId::Println: {
      std::vector<std::pair<llvm::Value*, T::Type*>> vals;
      for (size_t i = 0; i < nargs; i++) {
        T::Type* at = argType(i);
        llvm::Value* v = argValue(i);
        keepAlive(v, at);
        vals.push_back({v, at});
      }
      for (size_t i = 0; i < vals.size(); i++) {
        if (i > 0 && bi->id == T::BuiltinId::Println) call(m.rt("gol_printsp"), {g}, c->pos);
        genPrintValue(vals[i].first, vals[i].second, c->pos);
      }
      if (bi->id == T::BuiltinId::Println) call(m.rt("gol_printnl"), {g}, c->pos);
      return nullptr;
    }
    case T::BuiltinId::Close: call(m.rt("gol_closechan"), {g, genExpr(arg(0))}, c->pos); return nullptr;
    case T::BuiltinId::Min:
    case T::BuiltinId::Max: {
      bool isMin = bi->id == T::BuiltinId::Min;
      llvm::Value* acc = genExprTo(arg(0), rt);
      for (size_t i = 1; i < c->args.size(); i++) {
        if (mayReachSafePoint(info, arg(i))) keepAlive(acc, rt);
        llvm::Value* v = genExprTo(arg(i), rt);
        if (acc->getType()->isFloatingPointTy()) {
          auto id = isMin ? llvm::Intrinsic::minimum : llvm::Intrinsic::maximum;
          acc = b.CreateBinaryIntrinsic(id, acc, v);
        } else {
          llvm::Value* less = compareOp(Tok::Lss, v, acc, rt, c->pos);
          acc = isMin ? b.CreateSelect(less, v, acc) : b.CreateSelect(less, acc, v);
        }
      }
      return acc;
    }
    case T::BuiltinId::Clear: {
      T::Type* at = typeOf(arg(0));
      llvm::Value* v = genExpr(arg(0));
      if (at->underlying()->kind == T::TypeKind::Map) {
        call(m.rt("gol_mapclear"), {g, m.typeDesc(at), v}, c->pos);
      } else {
        T::Type* elem = static_cast<T::Slice*>(at->underlying())->elem;
        b.CreateMemSet(b.CreateExtractValue(v, 0), llvm::ConstantInt::get(m.abi.i8, 0),
                       b.CreateMul(b.CreateExtractValue(v, 1), llvm::ConstantInt::get(m.abi.i64, m.tm.size(elem))),
                       llvm::MaybeAlign(1));
      }
      return nullptr;
    }
    default: break;
  }
  m.unsupported(c->pos, "built-in function " + bi->name);
  return rt && rt->kind != T::TypeKind::Tuple ? zeroValue(rt) : nullptr;
}

llvm::Value* FuncGen::genConversion(const ast::CallExpr* c, T::Type* to) {
  const TypeAndValue* tv = info.typeOf(c);
  if (tv && tv->isConstant()) return constValue(tv->value, to, c->pos);
  const ast::Expr* x = c->args[0];
  T::Type* from = typeOf(x);
  if (T::isInterface(to)) return genExprTo(x, to);
  return convertValue(genExpr(x), from, to, c->pos);
}

// Go on amd64 converts with the truncating SSE instructions, which yield the
// "integer indefinite" value (the minimum of the 32- or 64-bit result) for
// NaN and out-of-range inputs; programs observe that, so it is reproduced
// here rather than left to fptosi's poison. Narrower results truncate a
// 32-bit conversion, uint32 a 64-bit one; 64-bit unsigned results convert
// values at or above 2^63 with the bias subtracted and the top bit or'ed
// back in.
llvm::Value* FuncGen::floatToInt(llvm::Value* v, T::Type* to) {
  llvm::Type* tt = m.tm.lower(to);
  llvm::Value* x = v->getType()->isFloatTy() ? b.CreateFPExt(v, m.abi.f64) : v;
  auto fp = [&](double d) { return llvm::ConstantFP::get(m.abi.f64, d); };
  // The conversion of x to a `bits`-wide signed integer, as cvttsd2si does.
  auto cvt = [&](llvm::Value* x, unsigned bits) {
    llvm::Type* it = llvm::Type::getIntNTy(m.ctx, bits);
    double lim = bits == 64 ? 0x1p63 : 0x1p31;
    // Below -lim, a value still truncates into range down to -lim-1 (exclusive).
    llvm::Value* lo = bits == 64 ? b.CreateFCmpOGE(x, fp(-lim)) : b.CreateFCmpOGT(x, fp(-lim - 1));
    llvm::Value* ok = b.CreateAnd(lo, b.CreateFCmpOLT(x, fp(lim)));
    return b.CreateSelect(ok, b.CreateFPToSI(x, it), llvm::ConstantInt::get(it, llvm::APInt::getSignedMinValue(bits)));
  };
  unsigned width = tt->getIntegerBitWidth();
  if (width == 64 && T::isUnsigned(to)) {
    llvm::Value* big = b.CreateOr(cvt(b.CreateFSub(x, fp(0x1p63)), 64), llvm::ConstantInt::get(m.abi.i64, 1ull << 63));
    return b.CreateSelect(b.CreateFCmpOLT(x, fp(0x1p63)), cvt(x, 64), big);
  }
  if (width == 64 || (width == 32 && T::isUnsigned(to))) return b.CreateTrunc(cvt(x, 64), tt);
  return b.CreateTrunc(cvt(x, 32), tt);
}

llvm::Value* FuncGen::convertValue(llvm::Value* v, T::Type* from, T::Type* to, Pos pos) {
  llvm::Type* ft = m.tm.lower(from);
  llvm::Type* tt = m.tm.lower(to);
  if (T::isInterface(to)) return convert(v, from, to, pos);
  // The runtime's string conversions allocate and leave rooting their
  // operand to the caller (runtime/string.cpp).
  if (T::isString(to) != T::isString(from)) keepAlive(v, from);
  if (T::isString(to)) {
    if (T::isString(from)) return v;
    if (isBytesOrRunes(from, T::BasicKind::Uint8))
      return call(m.rt("gol_bytes_to_string"), {g, b.CreateExtractValue(v, 0), b.CreateExtractValue(v, 1)}, pos);
    if (isBytesOrRunes(from, T::BasicKind::Int32))
      return call(m.rt("gol_runes_to_string"), {g, b.CreateExtractValue(v, 0), b.CreateExtractValue(v, 1)}, pos);
    if (T::isInteger(from)) {
      // Values outside the rune range become U+FFFD.
      llvm::Value* r;
      if (ft->getIntegerBitWidth() > 32) {
        llvm::Value* inRange = T::isUnsigned(from)
                                   ? b.CreateICmpULE(v, llvm::ConstantInt::get(ft, 0x10FFFF))
                                   : b.CreateAnd(b.CreateICmpSGE(v, llvm::ConstantInt::get(ft, 0)),
                                                 b.CreateICmpSLE(v, llvm::ConstantInt::get(ft, 0x10FFFF)));
        r = b.CreateSelect(inRange, b.CreateTrunc(v, m.abi.i32), llvm::ConstantInt::get(m.abi.i32, 0xFFFD));
      } else {
        r = intCast(v, from, m.abi.i32);
      }
      return call(m.rt("gol_rune_to_string"), {g, r}, pos);
    }
  }
  if (T::isString(from)) {
    if (isBytesOrRunes(to, T::BasicKind::Uint8))
      return callRuntimeSlice("gol_string_to_bytes", {g, stringData(v), stringLen(v)}, pos);
    if (isBytesOrRunes(to, T::BasicKind::Int32))
      return callRuntimeSlice("gol_string_to_runes", {g, stringData(v), stringLen(v)}, pos);
  }
  if (ft == tt && !ft->isIntegerTy() && !ft->isFloatingPointTy()) return v;
  if (ft->isIntegerTy() && tt->isIntegerTy()) {
    if (ft->getIntegerBitWidth() == tt->getIntegerBitWidth()) return v;
    return intCast(v, from, tt);
  }
  if (ft->isIntegerTy() && tt->isFloatingPointTy())
    return T::isUnsigned(from) ? b.CreateUIToFP(v, tt) : b.CreateSIToFP(v, tt);
  if (ft->isFloatingPointTy() && tt->isIntegerTy()) return floatToInt(v, to);
  if (ft->isFloatingPointTy() && tt->isFloatingPointTy()) {
    if (ft == tt) return v;
    return ft->isFloatTy() ? b.CreateFPExt(v, tt) : b.CreateFPTrunc(v, tt);
  }
  if (ft == tt) return v;
  m.unsupported(pos, "conversion from " + T::typeString(from) + " to " + T::typeString(to));
  return zeroValue(to);
}

}  // namespace gol::cg
