// cg_call.cpp — calls (direct, method, interface, closure), argument passing,
// built-in functions, conversions, function literals, method values, and the
// closures that go and defer statements run.
//
// Invariants
//  - Arguments are flattened exactly as TypeMap::signature() says; a value
//    passed by pointer is first copied to a temporary the caller owns.
//  - An argument evaluated before a later argument that may reach a safe
//    point is rooted (keepAlive) until the statement ends.
//  - go/defer evaluate the function value and every argument at the statement,
//    store them in a heap closure, and run them later through a thunk that
//    pushes no frame of its own (so recover() in the deferred function sees
//    the runtime's defer-call frame as its caller).
#include "compiler/cg_internal.h"

namespace gol::cg {

namespace {

T::Builtin* builtinOf(const Info& info, const ast::Expr* fun) {
  fun = ast::unparen(fun);
  if (auto* id = ast::dynCast<ast::Ident>(fun)) return T::asObj<T::Builtin>(info.objectOf(id));
  if (auto* sel = ast::dynCast<ast::SelectorExpr>(fun)) return T::asObj<T::Builtin>(info.objectOf(sel->sel));
  return nullptr;
}

T::Func* staticFunc(const Info& info, const ast::Expr* fun) {
  fun = ast::unparen(fun);
  if (auto* ix = ast::dynCast<ast::IndexExpr>(fun)) fun = ast::unparen(ix->x);  // F[int]: the instance
  if (auto* id = ast::dynCast<ast::Ident>(fun)) return T::asObj<T::Func>(info.objectOf(id));
  if (auto* sel = ast::dynCast<ast::SelectorExpr>(fun)) {
    if (info.selections.count(sel)) return nullptr;
    return T::asObj<T::Func>(info.objectOf(sel->sel));
  }
  return nullptr;
}

}  // namespace

bool argsMayReachSafePoint(const Info& info, const ast::CallExpr* c, T::Signature* sig, size_t skip, size_t from) {
  auto& params = sig->params->vars;
  bool pack = sig->variadic && !c->hasEllipsis();
  size_t fixed = pack ? params.size() - 1 : params.size();
  size_t nargs = c->args.size() - skip;
  if (pack && nargs > fixed) return true;   // the variadic slice's array
  for (size_t k = from; k < nargs; k++) {
    T::Type* pt = k < fixed ? params[k]->type : nullptr;
    if (mayReachSafePoint(info, c->args[skip + k], pt)) return true;
  }
  return false;
}

// ---- the call itself ------------------------------------------------------------

llvm::Value* FuncGen::decodeResult(const AbiSig& sig, llvm::CallInst* c, llvm::Value* sretSlot) {
  if (sig.sret) return b.CreateLoad(sig.resultTuple, sretSlot);
  if (sig.results.empty()) return nullptr;
  std::vector<llvm::Value*> scalars;
  if (sig.directScalars.size() == 1) {
    scalars.push_back(c);
  } else {
    for (unsigned i = 0; i < sig.directScalars.size(); i++) scalars.push_back(b.CreateExtractValue(c, i));
  }
  size_t idx = 0;
  if (sig.results.size() == 1) return unflattenScalars(*this, sig.results[0], scalars, idx);
  llvm::Value* tuple = llvm::UndefValue::get(sig.resultTuple);
  for (unsigned i = 0; i < sig.results.size(); i++)
    tuple = b.CreateInsertValue(tuple, unflattenScalars(*this, sig.results[i], scalars, idx), i);
  return tuple;
}

namespace {

llvm::CallInst* emitCall(FuncGen& f, llvm::FunctionType* fty, llvm::Value* callee, const AbiSig& sig, llvm::Value* ctx,
                         std::vector<llvm::Value*>& args, Pos pos, llvm::Value** sretSlot) {
  std::vector<llvm::Value*> ll;
  if (sig.sret) {
    T::Type* rt = sig.results.size() == 1 ? sig.results[0] : static_cast<T::Type*>(sig.resultVars);
    *sretSlot = f.tempSlot(rt);
    ll.push_back(*sretSlot);
  }
  ll.push_back(f.g);
  ll.push_back(ctx ? ctx : llvm::ConstantPointerNull::get(f.m.abi.ptr));
  for (size_t i = 0; i < sig.params.size(); i++) {
    const AbiParam& p = sig.params[i];
    if (p.byPointer) {
      llvm::Value* tmp = f.tempSlot(p.type);
      f.b.CreateStore(args[i], tmp);
      ll.push_back(tmp);
    } else {
      flattenValue(f, args[i], p.type, ll);
    }
  }
  llvm::CallInst* c = f.call(llvm::FunctionCallee(fty, callee), ll, pos);
  for (const AbiParam& p : sig.params) {
    if (p.byPointer || p.numArgs != 1) continue;
    int ext = f.m.tm.extension(p.type);
    if (ext) c->addParamAttr(p.firstArg, ext == 1 ? llvm::Attribute::SExt : llvm::Attribute::ZExt);
  }
  if (sig.sret) c->addParamAttr(0, llvm::Attribute::getWithStructRetType(f.m.ctx, sig.resultTuple));
  return c;
}

}  // namespace

llvm::Value* FuncGen::callDirect(llvm::Function* fnc, const AbiSig& sig, llvm::Value* ctx, std::vector<llvm::Value*> args,
                                 Pos pos) {
  llvm::Value* sretSlot = nullptr;
  llvm::CallInst* c = emitCall(*this, fnc->getFunctionType(), fnc, sig, ctx, args, pos, &sretSlot);
  return decodeResult(sig, c, sretSlot);
}

llvm::Value* FuncGen::callIndirect(llvm::Value* fnptr, const AbiSig& sig, llvm::Value* ctx, std::vector<llvm::Value*> args,
                                   Pos pos) {
  llvm::Value* sretSlot = nullptr;
  llvm::CallInst* c = emitCall(*this, sig.fty, fnptr, sig, ctx, args, pos, &sretSlot);
  return decodeResult(sig, c, sretSlot);
}

std::vector<llvm::Value*> FuncGen::genArgs(const ast::CallExpr* c, T::Signature* sig, size_t skip) {
  std::vector<llvm::Value*> out;
  auto& params = sig->params->vars;
  size_t nparams = params.size();
  bool pack = sig->variadic && !c->hasEllipsis();
  // f(g()) with a multi-value g.
  if (c->args.size() == 1 + skip && typeOf(c->args[skip]) && typeOf(c->args[skip])->kind == T::TypeKind::Tuple) {
    auto* tt = static_cast<T::Tuple*>(typeOf(c->args[skip]));
    llvm::Value* tuple = genExpr(c->args[skip]);
    keepAlive(tuple, tt);
    std::vector<std::pair<llvm::Value*, T::Type*>> vals;
    for (unsigned i = 0; i < tt->size(); i++) vals.push_back({b.CreateExtractValue(tuple, i), tt->at(i)});
    size_t fixed = pack ? nparams - 1 : nparams;
    // Converting a result may box it: the ones converted before stay rooted.
    for (size_t i = 0; i < fixed; i++) {
      out.push_back(convert(vals[i].first, vals[i].second, params[i]->type, c->pos));
      keepAlive(out.back(), params[i]->type);
    }
    if (pack) {
      T::Type* elem = static_cast<T::Slice*>(params.back()->type->underlying())->elem;
      size_t n = vals.size() - fixed;
      llvm::Value* arr = heapAlloc(elem, llvm::ConstantInt::get(m.abi.i64, n));
      keepAlive(arr, m.unsafePointer());   // converting an element may box it
      for (size_t i = 0; i < n; i++)
        b.CreateStore(convert(vals[fixed + i].first, vals[fixed + i].second, elem, c->pos),
                      b.CreateInBoundsGEP(m.tm.lower(elem), arr, {llvm::ConstantInt::get(m.abi.i64, i)}));
      llvm::Value* nv = llvm::ConstantInt::get(m.abi.i64, n);
      out.push_back(makeSlice(arr, nv, nv));
    }
    return out;
  }
  size_t nargs = c->args.size() - skip;
  size_t fixed = pack ? nparams - 1 : nparams;
  for (size_t i = 0; i < fixed && i < nargs; i++) {
    llvm::Value* v = genExprTo(c->args[skip + i], params[i]->type);
    if (argsMayReachSafePoint(info, c, sig, skip, i + 1)) keepAlive(v, params[i]->type);
    out.push_back(v);
  }
  if (pack) {
    T::Type* elem = static_cast<T::Slice*>(params.back()->type->underlying())->elem;
    size_t n = nargs - fixed;
    if (n == 0) {
      out.push_back(zeroValue(params.back()->type));
    } else {
      llvm::Value* arr = heapAlloc(elem, llvm::ConstantInt::get(m.abi.i64, n));
      keepAlive(arr, m.unsafePointer());
      for (size_t i = 0; i < n; i++) {
        llvm::Value* v = genExprTo(c->args[skip + fixed + i], elem);
        b.CreateStore(v, b.CreateInBoundsGEP(m.tm.lower(elem), arr, {llvm::ConstantInt::get(m.abi.i64, i)}));
      }
      llvm::Value* nv = llvm::ConstantInt::get(m.abi.i64, n);
      out.push_back(makeSlice(arr, nv, nv));
    }
  }
  return out;
}

// ---- methods ----------------------------------------------------------------------

// The type of the embedded field that holds the method (x's own type when
// the method is not promoted).
T::Type* promotedFieldType(T::Type* xt, const Selection& sel) {
  T::Type* t = xt;
  for (size_t k = 0; k + 1 < sel.index.size(); k++) {
    if (auto* p = T::as<T::Pointer>(t->underlying())) t = p->elem;
    t = static_cast<T::Struct*>(t->underlying())->fields[size_t(sel.index[k])]->type;
  }
  return t;
}

llvm::Value* FuncGen::methodReceiver(const ast::SelectorExpr* e, const Selection& sel) {
  auto* method = static_cast<T::Func*>(sel.obj);
  T::Type* holder = promotedFieldType(typeOf(e->x), sel);
  // A method promoted from an embedded interface: the receiver is that
  // interface value.
  T::Type* wantRecv = T::isInterface(holder) ? holder : method->signature()->recv->type;
  bool wantPtr = T::as<T::Pointer>(wantRecv) != nullptr;
  T::Type* xt = typeOf(e->x);
  std::vector<int> path(sel.index.begin(), sel.index.end() - 1);
  if (path.empty()) {
    bool xIsPtr = T::as<T::Pointer>(xt) != nullptr;
    if (wantPtr == xIsPtr) return genExpr(e->x);
    if (wantPtr) return genAddr(e->x);
    return load(wantRecv, nilCheck(genExpr(e->x), e->sel->pos));
  }
  // Through embedded fields: work with addresses.
  llvm::Value* addr;
  T::Type* t = xt;
  if (auto* p = T::as<T::Pointer>(xt->underlying())) {
    addr = nilCheck(genExpr(e->x), e->sel->pos);
    t = p->elem;
  } else {
    addr = genAddr(e->x);
  }
  for (size_t k = 0; k < path.size(); k++) {
    auto* st = static_cast<T::Struct*>(t->underlying());
    addr = b.CreateStructGEP(m.tm.lower(t), addr, unsigned(path[k]));
    t = st->fields[size_t(path[k])]->type;
    if (auto* p = T::as<T::Pointer>(t->underlying()); p && k + 1 < path.size()) {
      addr = nilCheck(b.CreateLoad(m.abi.ptr, addr), e->sel->pos);
      t = p->elem;
    }
  }
  // addr is the address of the embedded field of type t (T or *T).
  bool fieldIsPtr = T::as<T::Pointer>(t) != nullptr;
  if (wantPtr) return fieldIsPtr ? b.CreateLoad(m.abi.ptr, addr) : addr;
  if (fieldIsPtr) return load(wantRecv, nilCheck(b.CreateLoad(m.abi.ptr, addr), e->sel->pos));
  return load(wantRecv, addr);
}

llvm::Value* FuncGen::ifaceMethodFn(llvm::Value* iface, T::Type* ifaceType, const std::string& method, Pos pos) {
  auto* it = static_cast<T::Interface*>(ifaceType->underlying());
  int idx = m.methodIndex(it, method);
  llvm::Value* tab = nilCheck(b.CreateExtractValue(iface, 0), pos);
  return b.CreateLoad(m.abi.ptr, b.CreateConstInBoundsGEP1_64(m.abi.i8, tab, 24 + 8 * uint64_t(idx)));
}

llvm::Value* FuncGen::genMethodValue(const ast::SelectorExpr* e, const Selection& sel) {
  auto* method = static_cast<T::Func*>(sel.obj);
  if (sel.kind == SelectionKind::MethodExpr)
    return m.methodExprValue(sel.recv, method, std::vector<int>(sel.index.begin(), sel.index.end() - 1));
  T::Type* xt = typeOf(e->x);
  T::Type* cst = m.closureStruct({m.uintptrType(), m.unsafePointer()});
  llvm::Value* clo = heapAlloc(cst);
  keepAlive(clo, m.unsafePointer());
  llvm::Function* wrapper;
  llvm::Value* box;
  T::Type* holder = promotedFieldType(xt, sel);
  if (T::isInterface(holder)) {
    llvm::Value* v = T::isInterface(xt) ? genExpr(e->x) : methodReceiver(e, sel);
    nilCheck(b.CreateExtractValue(v, 0), e->sel->pos);
    box = boxValue(v, holder);
    wrapper = m.ifaceMethodValueWrapper(holder, method);
  } else {
    llvm::Value* recv = methodReceiver(e, sel);
    T::Type* rt = method->signature()->recv->type;
    box = boxValue(recv, rt);
    wrapper = m.methodValueWrapper(method);
  }
  b.CreateStore(wrapper, clo);
  b.CreateStore(box, b.CreateConstInBoundsGEP1_64(m.abi.ptr, clo, 1));
  return clo;
}

// ---- calls ------------------------------------------------------------------------

llvm::Value* FuncGen::genCall(const ast::CallExpr* c) {
  const TypeAndValue* ftv = info.typeOf(c->fun);
  if (ftv && ftv->isType()) return genConversion(c, ftv->type);
  if (T::Builtin* bi = builtinOf(info, c->fun)) return genBuiltin(c, bi);
  auto* sig = static_cast<T::Signature*>(ftv->type->underlying());
  if (T::Func* f = staticFunc(info, c->fun)) {
    std::vector<llvm::Value*> args = genArgs(c, sig);
    return callDirect(m.function(f), m.tm.signature(sig, nullptr), nullptr, args, c->pos);
  }
  const ast::Expr* fun = ast::unparen(c->fun);
  if (auto* se = ast::dynCast<ast::SelectorExpr>(fun)) {
    auto it = info.selections.find(se);
    if (it != info.selections.end() && it->second.kind == SelectionKind::MethodVal) {
      const Selection& sel = it->second;
      auto* method = static_cast<T::Func*>(sel.obj);
      T::Type* xt = typeOf(se->x);
      if (T::isInterface(xt)) {
        llvm::Value* iface = genExpr(se->x);
        if (argsMayReachSafePoint(info, c, sig)) keepAlive(iface, xt);
        std::vector<llvm::Value*> args = genArgs(c, sig);
        llvm::Value* fnptr = ifaceMethodFn(iface, xt, method->name, se->sel->pos);
        args.insert(args.begin(), b.CreateExtractValue(iface, 1));
        return callIndirect(fnptr, m.tm.signature(sig, m.unsafePointer()), nullptr, args, c->pos);
      }
      llvm::Value* recv = methodReceiver(se, sel);
      T::Type* holder = promotedFieldType(xt, sel);
      T::Type* rt = T::isInterface(holder) ? holder : method->signature()->recv->type;
      if (argsMayReachSafePoint(info, c, sig)) keepAlive(recv, rt);
      std::vector<llvm::Value*> args = genArgs(c, sig);
      if (T::isInterface(holder)) {
        llvm::Value* fnptr = ifaceMethodFn(recv, holder, method->name, se->sel->pos);
        args.insert(args.begin(), b.CreateExtractValue(recv, 1));
        return callIndirect(fnptr, m.tm.signature(sig, m.unsafePointer()), nullptr, args, c->pos);
      }
      args.insert(args.begin(), recv);
      return callDirect(m.function(method), m.tm.signature(method->signature(), rt), nullptr, args, c->pos);
    }
  }
  // A func value: a closure object whose first word is the code pointer.
  llvm::Value* clo = genExpr(c->fun);
  if (argsMayReachSafePoint(info, c, sig)) keepAlive(clo, m.unsafePointer());
  std::vector<llvm::Value*> args = genArgs(c, sig);
  nilCheck(clo, c->pos);
  llvm::Value* fnptr = b.CreateLoad(m.abi.ptr, clo);
  return callIndirect(fnptr, m.tm.signature(sig, nullptr), clo, args, c->pos);
}

// ---- function literals ----------------------------------------------------------------

llvm::Value* FuncGen::genFuncLit(const ast::FuncLit* lit) {
  std::string litName = (litPrefix.empty() ? name : litPrefix) + (inLiteral ? "." : ".func") + std::to_string(++litCounter);
  auto* sig = static_cast<T::Signature*>(typeOf(lit));
  llvm::Function* f = m.declareFunction(litName, sig, nullptr);
  f->setLinkage(llvm::GlobalValue::InternalLinkage);
  m.queueFuncLit(lit, litName, f);
  auto capIt = info.captures.find(lit);
  if (capIt == info.captures.end() || capIt->second.empty()) {
    auto* init = llvm::ConstantStruct::getAnon(m.ctx, {f});
    auto* gv = new llvm::GlobalVariable(m.mod, init->getType(), true, llvm::GlobalValue::InternalLinkage, init,
                                        litName + "·f");
    gv->setAlignment(llvm::Align(8));
    return gv;
  }
  const auto& caps = capIt->second;
  std::vector<T::Type*> fields = {m.uintptrType()};
  for (size_t i = 0; i < caps.size(); i++) fields.push_back(m.unsafePointer());
  llvm::Value* clo = heapAlloc(m.closureStruct(fields));
  b.CreateStore(f, clo);
  for (size_t i = 0; i < caps.size(); i++)
    b.CreateStore(varAddr(caps[i], lit->pos), b.CreateConstInBoundsGEP1_64(m.abi.ptr, clo, i + 1));
  return clo;
}

// ---- go and defer -----------------------------------------------------------------------

// A nil func value: `go f()` is Go's fatal "go of nil func value" at the go
// statement (gol_go reports it when given a nil closure); with arguments, Go
// 1.19 wraps the call in a closure, so the nil call panics in the new
// goroutine; a deferred nil func panics when the deferred call runs. So the
// thunk checks the func value, and of argument-less calls only `go` and func
// literals (never nil) skip the thunk.
llvm::Value* FuncGen::genDeferredClosure(const ast::CallExpr* c, bool isGo) {
  // A plain closure call without arguments needs no thunk.
  const TypeAndValue* ftv = info.typeOf(c->fun);
  if (!ftv->isType() && !builtinOf(info, c->fun) && !staticFunc(info, c->fun) && c->args.empty()) {
    const ast::Expr* fun = ast::unparen(c->fun);
    auto* se = ast::dynCast<ast::SelectorExpr>(fun);
    if ((!se || !info.selections.count(se)) && (isGo || ast::dynCast<ast::FuncLit>(fun))) return genExpr(c->fun);
  }
  // Evaluate everything now into a heap closure: fields[0] is the thunk.
  enum class K { Static, Method, Iface, Value, Builtin } kind;
  std::vector<T::Type*> fieldTypes = {m.uintptrType()};
  std::vector<llvm::Value*> values;
  T::Signature* sig = nullptr;
  T::Func* target = nullptr;
  T::Builtin* bi = builtinOf(info, c->fun);
  T::Type* recvType = nullptr;
  std::string ifaceMethod;
  if (bi) {
    kind = K::Builtin;
    for (auto* a : c->args) {
      T::Type* at = typeOf(a);
      if (bi->id == T::BuiltinId::Panic) at = m.prog.store.anyType();
      llvm::Value* v = genExprTo(a, at);
      keepAlive(v, at);
      fieldTypes.push_back(at);
      values.push_back(v);
    }
  } else {
    sig = static_cast<T::Signature*>(ftv->type->underlying());
    const ast::Expr* fun = ast::unparen(c->fun);
    auto* se = ast::dynCast<ast::SelectorExpr>(fun);
    auto selIt = se ? info.selections.find(se) : info.selections.end();
    if ((target = staticFunc(info, c->fun))) {
      kind = K::Static;
    } else if (selIt != info.selections.end() && selIt->second.kind == SelectionKind::MethodVal) {
      target = static_cast<T::Func*>(selIt->second.obj);
      T::Type* xt = typeOf(se->x);
      T::Type* holder = promotedFieldType(xt, selIt->second);
      if (T::isInterface(holder)) {
        kind = K::Iface;
        recvType = holder;
        ifaceMethod = target->name;
        llvm::Value* v = T::isInterface(xt) ? genExpr(se->x) : methodReceiver(se, selIt->second);
        nilCheck(b.CreateExtractValue(v, 0), se->sel->pos);
        values.push_back(v);
      } else {
        kind = K::Method;
        recvType = target->signature()->recv->type;
        values.push_back(methodReceiver(se, selIt->second));
      }
      keepAlive(values.back(), recvType);
      fieldTypes.push_back(recvType);
    } else {
      kind = K::Value;
      llvm::Value* clo = genExpr(c->fun);
      keepAlive(clo, m.unsafePointer());
      values.push_back(clo);
      fieldTypes.push_back(m.unsafePointer());
    }
    std::vector<llvm::Value*> args = genArgs(c, sig);
    for (size_t i = 0; i < args.size(); i++) {
      T::Type* pt = sig->params->vars[i]->type;
      keepAlive(args[i], pt);
      values.push_back(args[i]);
      fieldTypes.push_back(pt);
    }
  }
  T::Type* cst = m.closureStruct(fieldTypes);
  llvm::Type* lst = m.tm.lower(cst);
  llvm::Value* clo = heapAlloc(cst);

  static int thunkCounter = 0;
  std::string thunkName = name + "·deferwrap" + std::to_string(++thunkCounter);
  auto* fty = llvm::FunctionType::get(m.abi.voidTy, {m.abi.ptr, m.abi.ptr}, false);
  auto* thunk = llvm::Function::Create(fty, llvm::Function::InternalLinkage, thunkName, m.mod);
  setCodeAttributes(thunk);
  {
    FuncGen tg(m, thunk, name, c->pos, true);
    tg.noFrame = true;
    tg.genWrapper(nullptr, nullptr, [&](FuncGen& f, std::vector<llvm::Value*>&) -> llvm::Value* {
      std::vector<llvm::Value*> vals;
      for (size_t i = 1; i < fieldTypes.size(); i++)
        vals.push_back(f.load(fieldTypes[i], f.b.CreateStructGEP(lst, f.ctxArg, unsigned(i))));
      switch (kind) {
        case K::Static: f.callDirect(m.function(target), m.tm.signature(sig, nullptr), nullptr, vals, c->pos); break;
        case K::Method: {
          f.callDirect(m.function(target), m.tm.signature(target->signature(), recvType), nullptr, vals, c->pos);
          break;
        }
        case K::Iface: {
          llvm::Value* iface = vals[0];
          llvm::Value* fnptr = f.ifaceMethodFn(iface, recvType, ifaceMethod, c->pos);
          vals[0] = f.b.CreateExtractValue(iface, 1);
          f.callIndirect(fnptr, m.tm.signature(sig, m.unsafePointer()), nullptr, vals, c->pos);
          break;
        }
        case K::Value: {
          llvm::Value* cl = f.nilCheck(vals[0], c->pos);
          vals.erase(vals.begin());
          f.callIndirect(f.b.CreateLoad(m.abi.ptr, cl), m.tm.signature(sig, nullptr), cl, vals, c->pos);
          break;
        }
        case K::Builtin: {
          switch (bi->id) {
            case T::BuiltinId::Panic:
              f.b.CreateCall(m.rt("gol_panic"), {f.g, f.b.CreateExtractValue(vals[0], 0), f.b.CreateExtractValue(vals[0], 1)});
              break;
            case T::BuiltinId::Close: f.call(m.rt("gol_closechan"), {f.g, vals[0]}, c->pos); break;
            case T::BuiltinId::Recover: break;  // not called by a deferred function: recovers nothing
            case T::BuiltinId::Delete: {
              T::Type* kt = static_cast<T::Map*>(fieldTypes[1]->underlying())->key;
              f.mapCall(MapOp::Delete, fieldTypes[1], vals[0], f.convert(vals[1], fieldTypes[2], kt, c->pos), nullptr,
                        c->pos);
              break;
            }
            case T::BuiltinId::Copy: {
              T::Type* elem = static_cast<T::Slice*>(fieldTypes[1]->underlying())->elem;
              f.copySlice(vals[0], vals[1], elem);
              break;
            }
            case T::BuiltinId::Print:
            case T::BuiltinId::Println: {
              for (size_t i = 0; i < vals.size(); i++) {
                if (i > 0 && bi->id == T::BuiltinId::Println) f.call(m.rt("gol_printsp"), {f.g}, c->pos);
                f.genPrintValue(vals[i], fieldTypes[i + 1], c->pos);
              }
              if (bi->id == T::BuiltinId::Println) f.call(m.rt("gol_printnl"), {f.g}, c->pos);
              break;
            }
            default: m.unsupported(c->pos, "go/defer of this built-in function");
          }
          break;
        }
      }
      return nullptr;
    });
  }
  b.CreateStore(thunk, b.CreateStructGEP(lst, clo, 0));
  for (size_t i = 0; i < values.size(); i++) b.CreateStore(values[i], b.CreateStructGEP(lst, clo, unsigned(i + 1)));
  return clo;
}

// ---- append ------------------------------------------------------------------------------

llvm::Value* FuncGen::growSlice(llvm::Value* s, T::Type* elem, llvm::Value* add, Pos pos) {
  llvm::Value* len = b.CreateExtractValue(s, 1);
  llvm::Value* cap = b.CreateExtractValue(s, 2);
  llvm::Value* need = b.CreateAdd(len, add);
  auto* growBB = newBlock("append.grow");
  auto* cur = b.GetInsertBlock();
  auto* done = newBlock("append.fits");
  b.CreateCondBr(b.CreateICmpUGT(need, cap), growBB, done);
  b.SetInsertPoint(growBB);
  llvm::Value* grown = callRuntimeSlice("gol_growslice",
                            {g, m.typeDesc(elem), b.CreateExtractValue(s, 0), len, cap, add}, pos);
  auto* growEnd = b.GetInsertBlock();
  b.CreateBr(done);
  b.SetInsertPoint(done);
  auto* phi = b.CreatePHI(m.abi.slice, 2);
  phi->addIncoming(s, cur);
  phi->addIncoming(grown, growEnd);
  // The result has the new length.
  return b.CreateInsertValue(phi, need, 1);
}

llvm::Value* FuncGen::genAppend(const ast::CallExpr* c) {
  T::Type* st = typeOf(c);
  T::Type* elem = static_cast<T::Slice*>(st->underlying())->elem;
  llvm::Type* et = m.tm.lower(elem);
  auto appendValues = [&](llvm::Value* s, const std::vector<llvm::Value*>& vals) {
    llvm::Value* oldLen = b.CreateExtractValue(s, 1);
    llvm::Value* r = growSlice(s, elem, llvm::ConstantInt::get(m.abi.i64, vals.size()), c->pos);
    llvm::Value* base = b.CreateExtractValue(r, 0);
    for (size_t i = 0; i < vals.size(); i++)
      b.CreateStore(vals[i], b.CreateInBoundsGEP(et, base, {b.CreateAdd(oldLen, llvm::ConstantInt::get(m.abi.i64, i))}));
    return r;
  };
  if (auto* tt = T::as<T::Tuple>(typeOf(c->args[0])); tt && tt->size() > 1) {
    // append(f()): f's results are the slice and the values to append.
    llvm::Value* tuple = genExpr(c->args[0]);
    std::vector<llvm::Value*> vals;
    for (size_t i = 1; i < tt->size(); i++) vals.push_back(convert(b.CreateExtractValue(tuple, unsigned(i)), tt->at(i), elem, c->pos));
    return appendValues(convert(b.CreateExtractValue(tuple, 0), tt->at(0), st, c->pos), vals);
  }
  llvm::Value* s = genExprTo(c->args[0], st);
  if (c->args.size() == 1) return s;
  if (c->hasEllipsis()) {
    // append(s, t...) where t is a slice or (for []byte) a string.
    bool laterGC = mayReachSafePoint(info, c->args[1]);
    if (laterGC) keepAlive(s, st);
    T::Type* tt = typeOf(c->args[1]);
    llvm::Value* t = genExpr(c->args[1]);
    keepAlive(t, tt);
    llvm::Value* tptr = b.CreateExtractValue(t, 0);
    llvm::Value* tlen = b.CreateExtractValue(t, 1);
    llvm::Value* oldLen = b.CreateExtractValue(s, 1);
    llvm::Value* r = growSlice(s, elem, tlen, c->pos);
    llvm::Value* dst = b.CreateInBoundsGEP(et, b.CreateExtractValue(r, 0), {oldLen});
    moveBytes(dst, tptr, b.CreateMul(tlen, llvm::ConstantInt::get(m.abi.i64, m.tm.size(elem))));
    return r;
  }
  std::vector<llvm::Value*> vals;
  bool anyGC = false;
  for (size_t i = 1; i < c->args.size(); i++) anyGC |= mayReachSafePoint(info, c->args[i], elem);
  if (anyGC) keepAlive(s, st);
  for (size_t i = 1; i < c->args.size(); i++) {
    llvm::Value* v = genExprTo(c->args[i], elem);
    keepAlive(v, elem);
    vals.push_back(v);
  }
  return appendValues(s, vals);
}

}  // namespace gol::cg
