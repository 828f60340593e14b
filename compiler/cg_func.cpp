// cg_func.cpp — function bodies: parameters and results, the shadow-stack
// frame, temporaries, the stack-bound check and the epilogue.
//
// Invariants
//  - A function's frame is one alloca: a GolFrame header followed by the roots
//    area. Pointer-holding locals and temporaries get 8-aligned slots in the
//    roots area (frameSlot/tempSlot); rootMask marks their pointer words and
//    becomes the GolFuncInfo's rootmask. The roots area is zeroed on entry.
//  - The frame is linked into g->frame only when the collector or the
//    runtime must see it: the function keeps roots across a call, defers or
//    calls recover. It is linked at the entry, or for roots alone in the
//    block dominating every call that may reach a safe point (linkPoint);
//    every return restores g->frame to its value at entry. Most small
//    functions (fib) and fast paths (sync.Mutex.Lock) thus pay nothing.
//  - Every instruction carries the DILocation of its statement or call
//    (setLine); the DWARF line tables built from them are what tracebacks
//    read, so line bookkeeping costs no instructions at run time. Calls to
//    gol_morestack get line 0, which hides the duplicate frame of the
//    function that ran out of stack.
//  - The stack check runs before anything else in every function that calls
//    or has more than kUncheckedLeafFrame bytes of locals. Its slow path packs
//    the function and its arguments into a GolFrame-shaped block and
//    re-invokes it through a thunk via gol_morestack; functions of one
//    signature share their thunk. A frame larger than kInPlaceCheckFrame
//    is checked before it exists, by a wrapper (splitFrame).
//  - No LLVM value of kBulkBytes or more is stored, loaded for a copy or
//    merged by a phi as a first-class aggregate where bulkStores can avoid
//    it: LLVM would expand it element by element.
//  - Functions containing defer call _setjmp once parameters and results are
//    in place; a non-zero return (a recovered panic) goes to the return block.
#include <algorithm>

#include "compiler/cg_internal.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/AliasAnalysis.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/Local.h"

namespace gol::cg {

namespace {

constexpr unsigned kPackCallee = 2;  // the pack's field holding the function to re-enter
constexpr unsigned kPackArgs = 3;  // the pack's fields before the arguments
constexpr uint64_t kFrameHeader = offsetof(GolFrame, roots);
constexpr uint64_t kFrameFn = offsetof(GolFrame, fn);
constexpr uint64_t kGFrame = offsetof(GolG, frame);
// The in-place check runs after the machine prologue has allocated the frame,
// so when it fails, gol_morestack runs on what the frame left of the guard
// reserve. Larger frames are checked by a wrapper before they exist
// (splitFrame).
constexpr uint64_t kInPlaceCheckFrame = 8 * 1024;
// A function that calls nothing but panics, with a frame at most this large,
// may run unchecked on the guard reserve.
constexpr uint64_t kUncheckedLeafFrame = 1024;
static_assert(kInPlaceCheckFrame + kUncheckedLeafFrame <= GOL_STACK_GUARD_RESERVE / 2,
              "gol_morestack and the panic path need the rest of the reserve");
// Inlining moves a callee's locals into its caller's frame after the check
// was sized; callees with larger frames stay calls, so what a frame grows by
// stays within the reserve's spare half.
constexpr const char* kMaxInlinedFrame = "2048";
// Declared variables larger than this live on the heap, as in Go: a stack
// segment need not hold them, and a variable too large for memory fails as
// Go's does, with "out of memory".
constexpr uint64_t kMaxStackVar = 10 << 20;
// gc's limit on one frame.
constexpr uint64_t kMaxFrame = uint64_t(1) << 30;
// Aggregates from this size on are zeroed with memset and copied with
// memmove: LLVM expands a first-class aggregate store into one store per
// element, which takes minutes to compile for a 160 KB array.
constexpr uint64_t kBulkBytes = 128;

// Sets words[(offset + o) / 8] for every pointer at byte o of a value of t.
void markPointerWords(const llvm::DataLayout& dl, llvm::Type* t, uint64_t offset, std::vector<bool>& words) {
  if (t->isPointerTy()) {
    words[offset / 8] = true;
  } else if (auto* a = llvm::dyn_cast<llvm::ArrayType>(t)) {
    uint64_t step = dl.getTypeAllocSize(a->getElementType());
    std::vector<bool> one(step / 8 + 1, false);
    markPointerWords(dl, a->getElementType(), 0, one);
    if (std::find(one.begin(), one.end(), true) == one.end()) return;
    for (uint64_t i = 0; i < a->getNumElements(); i++) markPointerWords(dl, a->getElementType(), offset + i * step, words);
  } else if (auto* st = llvm::dyn_cast<llvm::StructType>(t)) {
    const llvm::StructLayout* sl = dl.getStructLayout(st);
    for (unsigned i = 0; i < st->getNumElements(); i++)
      markPointerWords(dl, st->getElementType(i), offset + sl->getElementOffset(i), words);
  }
}

uint64_t allocaBytes(const llvm::BasicBlock& bb) {
  uint64_t n = 0;
  for (const llvm::Instruction& inst : bb)
    if (auto* a = llvm::dyn_cast<llvm::AllocaInst>(&inst))
      n += bb.getModule()->getDataLayout().getTypeAllocSize(a->getAllocatedType());
  return n;
}

void collectDefers(const ast::Node* n, bool& found);

void collectDeferList(const std::vector<ast::Stmt*>& list, bool& found) {
  for (const ast::Stmt* s : list) collectDefers(s, found);
}

void collectDefers(const ast::Node* n, bool& found) {
  if (!n || found) return;
  switch (n->kind) {
    case ast::Kind::DeferStmt: found = true; return;
    case ast::Kind::BlockStmt: collectDeferList(ast::cast<ast::BlockStmt>(n)->list, found); return;
    case ast::Kind::LabeledStmt: collectDefers(ast::cast<ast::LabeledStmt>(n)->stmt, found); return;
    case ast::Kind::IfStmt: {
      auto* s = ast::cast<ast::IfStmt>(n);
      collectDefers(s->body, found);
      collectDefers(s->else_, found);
      return;
    }
    case ast::Kind::ForStmt: collectDefers(ast::cast<ast::ForStmt>(n)->body, found); return;
    case ast::Kind::RangeStmt: collectDefers(ast::cast<ast::RangeStmt>(n)->body, found); return;
    case ast::Kind::SwitchStmt: collectDefers(ast::cast<ast::SwitchStmt>(n)->body, found); return;
    case ast::Kind::TypeSwitchStmt: collectDefers(ast::cast<ast::TypeSwitchStmt>(n)->body, found); return;
    case ast::Kind::SelectStmt: collectDefers(ast::cast<ast::SelectStmt>(n)->body, found); return;
    case ast::Kind::CaseClause: collectDeferList(ast::cast<ast::CaseClause>(n)->body, found); return;
    case ast::Kind::CommClause: collectDeferList(ast::cast<ast::CommClause>(n)->body, found); return;
    default: return;
  }
}

}  // namespace

bool containsDefer(const ast::Stmt* s) {
  bool found = false;
  collectDefers(s, found);
  return found;
}

// Symbols of instances spell their type arguments to stay unique
// ("main.F[int,string].func1"); Go prints them elided ("main.F[...].func1").
static std::string elideTypeArgs(const std::string& name) {
  std::string out;
  int depth = 0;
  for (char c : name) {
    if (c == '[' && depth++ == 0) out += "[...";
    else if (c == ']' && --depth == 0) out += ']';
    else if (depth == 0) out += c;
  }
  return out;
}

FuncGen::FuncGen(ModuleGen& mg, llvm::Function* f, std::string n, Pos pos, bool hidden)
    : m(mg), b(mg.ctx), fn(f), info(mg.info), name(std::move(n)), fnPos(pos) {
  if (hidden || pos.valid()) {
    // Parameters beyond g and ctx (and an sret slot) decide how tracebacks
    // print the frame: main.f() or main.f(...).
    bool noArgs = fn->arg_size() - (fn->hasStructRetAttr() ? 1 : 0) == 2;
    diScope = m.subprogram(hidden ? kHiddenFunction : elideTypeArgs(name), pos, noArgs);
    fn->setSubprogram(diScope);
    b.SetCurrentDebugLocation(llvm::DILocation::get(m.ctx, pos.line, pos.col, diScope));
  }
  entryBB = llvm::BasicBlock::Create(m.ctx, "entry", fn);
  b.SetInsertPoint(entryBB);
  frame = b.CreateAlloca(llvm::ArrayType::get(m.abi.i8, 0), nullptr, "frame.placeholder");
  infoGV = m.funcInfo(elideTypeArgs(name), pos);
}

// ---- storage -------------------------------------------------------------

llvm::AllocaInst* FuncGen::entryAlloca(llvm::Type* t, const llvm::Twine& nm) {
  llvm::IRBuilder<> eb(entryBB, entryBB->begin());
  return eb.CreateAlloca(t, nullptr, nm);
}

llvm::Value* FuncGen::slotAt(uint64_t offset) {
  llvm::IRBuilder<> eb(entryBB, std::next(llvm::BasicBlock::iterator(frame)));
  return eb.CreateConstInBoundsGEP1_64(m.abi.i8, frame, kFrameHeader + offset);
}

uint64_t FuncGen::allocRoots(T::Type* t) {
  uint64_t size = (m.tm.size(t) + 7) & ~uint64_t(7);
  if (size == 0) size = 8;
  uint64_t off = rootsBytes;
  rootsBytes += size;
  rootMask.resize(rootsBytes / 8, false);
  std::vector<bool> words(size / 8, false);
  m.tm.pointerWords(t, 0, words);
  for (size_t i = 0; i < words.size(); i++)
    if (words[i]) rootMask[off / 8 + i] = true;
  return off;
}

// A value larger than any frame gets a plain alloca, without the root mask
// that would take a bit per word: checkFrameSize refuses the function anyway.
llvm::Value* FuncGen::frameSlot(T::Type* t) {
  if (m.tm.size(t) > kMaxFrame) return entryAlloca(m.tm.lower(t), "huge");
  return slotAt(allocRoots(t));
}

llvm::Value* FuncGen::tempSlot(T::Type* t) {
  if (!m.tm.hasPointers(t) || m.tm.size(t) > kMaxFrame) return entryAlloca(m.tm.lower(t), "tmp");
  uint64_t size = (m.tm.size(t) + 7) & ~uint64_t(7);
  std::vector<bool> words(size / 8, false);
  m.tm.pointerWords(t, 0, words);
  // Reuse a released slot of the same size whose mask already covers t.
  for (auto it = freeTemps.lower_bound(size); it != freeTemps.end() && it->first == size; ++it) {
    uint64_t off = it->second;
    bool covers = true;
    for (size_t i = 0; i < words.size(); i++)
      if (words[i] && !rootMask[off / 8 + i]) covers = false;
    if (!covers) continue;
    freeTemps.erase(it);
    liveTemps.push_back({size, off});
    return slotAt(off);
  }
  uint64_t off = allocRoots(t);
  liveTemps.push_back({size, off});
  return slotAt(off);
}

void FuncGen::releaseTemps() {
  for (auto& [size, off] : liveTemps) freeTemps.insert({size, off});
  liveTemps.clear();
}

llvm::Value* FuncGen::localStorage(T::Type* t) {
  if (m.tm.hasPointers(t)) return frameSlot(t);
  return entryAlloca(m.tm.lower(t), "local");
}

void FuncGen::keepAlive(llvm::Value* v, T::Type* t) {
  if (!m.tm.hasPointers(t)) return;
  b.CreateStore(v, tempSlot(t));
}

llvm::Value* FuncGen::heapAlloc(T::Type* t, llvm::Value* count) {
  if (!count) count = llvm::ConstantInt::get(m.abi.i64, 1);
  return call(m.rt("gol_alloc"), {g, m.typeDesc(t), count}, Pos{});
}

void FuncGen::setLine(Pos pos) {
  if (!pos.valid() || !diScope) return;
  b.SetCurrentDebugLocation(llvm::DILocation::get(m.ctx, pos.line, pos.col, diScope));
}

llvm::CallInst* FuncGen::call(llvm::FunctionCallee f, llvm::ArrayRef<llvm::Value*> args, Pos pos) {
  setLine(pos);
  makesCalls = true;
  llvm::CallInst* c = b.CreateCall(f, args);
  // Intrinsics (sync/atomic) become instructions: never a safe point.
  auto* callee = llvm::dyn_cast<llvm::Function>(f.getCallee());
  if (!callee || !callee->hasFnAttribute(llvm::Attribute::AlwaysInline)) safePointCalls.push_back(c);
  // Merging two calls would merge their lines, and tracebacks need each.
  c->addFnAttr(llvm::Attribute::NoMerge);
  return c;
}

llvm::Value* FuncGen::callRuntimeSlice(RtFn rtFn, llvm::ArrayRef<llvm::Value*> args, Pos pos) {
  llvm::Value* out = entryAlloca(m.abi.slice, "slice.ret");
  std::vector<llvm::Value*> all = {out};
  all.insert(all.end(), args.begin(), args.end());
  llvm::CallInst* c = call(m.rt(rtFn), all, pos);
  c->addParamAttr(0, llvm::Attribute::getWithStructRetType(m.ctx, m.abi.slice));
  return b.CreateLoad(m.abi.slice, out);
}

void FuncGen::panicCall(RtFn rtFn, llvm::ArrayRef<llvm::Value*> args, Pos pos) {
  setLine(pos);
  llvm::CallInst* c = b.CreateCall(m.rt(rtFn), args);
  c->addFnAttr(llvm::Attribute::NoMerge);
  c->setDoesNotReturn();
  b.CreateUnreachable();
}

llvm::Value* FuncGen::declareVar(T::Var* v, bool inFrame) {
  llvm::Value* addr;
  if (v->mustHeapAllocate() || m.tm.size(v->type) > kMaxStackVar) {
    addr = heapAlloc(v->type);
    llvm::Value* slot = frameSlot(m.unsafePointer());
    b.CreateStore(addr, slot);
    cellSlots[v] = slot;
    return addr;
  } else {
    addr = inFrame ? frameSlot(v->type) : localStorage(v->type);
    b.CreateStore(zeroValue(v->type), addr);
  }
  vars[v] = addr;
  return addr;
}

void FuncGen::defineVar(T::Var* v, llvm::Value* init) {
  // An escaping variable's cell is allocated after its value was computed,
  // and that allocation may collect.
  if (v->mustHeapAllocate()) keepAlive(init, v->type);
  b.CreateStore(init, declareVar(v));
}

llvm::Value* FuncGen::varAddr(T::Var* v, Pos pos) {
  auto it = vars.find(v);
  if (it != vars.end()) return it->second;
  auto cell = cellSlots.find(v);
  if (cell != cellSlots.end()) return b.CreateLoad(m.abi.ptr, cell->second);
  if (v->varKind == T::VarKind::Global || (v->parent && v->pkg && v->parent == v->pkg->scope)) return m.global(v);
  m.unsupported(pos, "reference to variable " + v->name + " from here");
  return entryAlloca(m.tm.lower(v->type));
}

// ---- blocks --------------------------------------------------------------

llvm::BasicBlock* FuncGen::newBlock(const std::string& nm) { return llvm::BasicBlock::Create(m.ctx, nm, fn); }

bool FuncGen::blockOpen() const { return b.GetInsertBlock() && !b.GetInsertBlock()->getTerminator(); }

void FuncGen::branchTo(llvm::BasicBlock* bb) {
  if (blockOpen()) b.CreateBr(bb);
}

void FuncGen::startBlock(llvm::BasicBlock* bb) {
  branchTo(bb);
  b.SetInsertPoint(bb);
}

llvm::BasicBlock* FuncGen::labelBlock(const std::string& nm) {
  auto it = labelBlocks.find(nm);
  if (it != labelBlocks.end()) return it->second;
  auto* bb = newBlock("label." + nm);
  labelBlocks[nm] = bb;
  return bb;
}

// ---- parameters and results -----------------------------------------------


// Splits a Go value into the scalars it is passed as.
void flattenValue(FuncGen& f, llvm::Value* v, T::Type* t, std::vector<llvm::Value*>& out) {
  llvm::Type* lt = f.m.tm.lower(t);
  T::Type* u = t->underlying();
  if (auto* st = llvm::dyn_cast<llvm::StructType>(lt)) {
    if (u->kind == T::TypeKind::Struct) {
      auto& fields = static_cast<T::Struct*>(u)->fields;
      for (unsigned i = 0; i < fields.size(); i++) flattenValue(f, f.b.CreateExtractValue(v, i), fields[i]->type, out);
      return;
    }
    for (unsigned i = 0; i < st->getNumElements(); i++) out.push_back(f.b.CreateExtractValue(v, i));
    return;
  }
  if (lt->isArrayTy()) {
    auto* a = static_cast<T::Array*>(u);
    for (unsigned i = 0; i < a->len; i++) flattenValue(f, f.b.CreateExtractValue(v, i), a->elem, out);
    return;
  }
  out.push_back(v);
}

llvm::Value* unflattenScalars(FuncGen& f, T::Type* t, const std::vector<llvm::Value*>& scalars, size_t& idx) {
  llvm::Type* lt = f.m.tm.lower(t);
  T::Type* u = t->underlying();
  if (auto* st = llvm::dyn_cast<llvm::StructType>(lt)) {
    llvm::Value* agg = llvm::UndefValue::get(st);
    if (u->kind == T::TypeKind::Struct) {
      auto& fields = static_cast<T::Struct*>(u)->fields;
      for (unsigned i = 0; i < fields.size(); i++)
        agg = f.b.CreateInsertValue(agg, unflattenScalars(f, fields[i]->type, scalars, idx), i);
      return agg;
    }
    for (unsigned i = 0; i < st->getNumElements(); i++) agg = f.b.CreateInsertValue(agg, scalars[idx++], i);
    return agg;
  }
  if (auto* at = llvm::dyn_cast<llvm::ArrayType>(lt)) {
    auto* a = static_cast<T::Array*>(u);
    llvm::Value* agg = llvm::UndefValue::get(at);
    for (unsigned i = 0; i < a->len; i++) agg = f.b.CreateInsertValue(agg, unflattenScalars(f, a->elem, scalars, idx), i);
    return agg;
  }
  return scalars[idx++];
}

namespace {

std::vector<llvm::Value*> incomingParams(FuncGen& f, const AbiSig& sig) {
  std::vector<llvm::Value*> values;
  for (const AbiParam& p : sig.params) {
    if (p.byPointer) {
      values.push_back(f.load(p.type, f.fn->getArg(p.firstArg)));
      continue;
    }
    std::vector<llvm::Value*> scalars;
    for (unsigned i = 0; i < p.numArgs; i++) scalars.push_back(f.fn->getArg(p.firstArg + i));
    size_t idx = 0;
    values.push_back(unflattenScalars(f, p.type, scalars, idx));
  }
  return values;
}

}  // namespace

void FuncGen::genFuncBody(T::Signature* sig, T::Var* recv, const ast::FuncType* type, const ast::BlockStmt* body,
                          const std::vector<T::Var*>* captures) {
  const AbiSig& as = m.tm.signature(sig, recv ? recv->type : nullptr);
  g = fn->getArg(as.gArg);
  ctxArg = fn->getArg(as.ctxArg);
  hasDefer = containsDefer(body);
  if (hasDefer) jmpbuf = entryAlloca(llvm::ArrayType::get(m.abi.i64, GOL_JMPBUF_WORDS), "jmpbuf");

  // The body proper starts in its own block so finish() can put the
  // prologue in front of it.
  auto* bodyBB = newBlock("body");
  b.CreateBr(bodyBB);
  b.SetInsertPoint(bodyBB);

  std::vector<llvm::Value*> params = incomingParams(*this, as);
  if (captures) {
    // ctx is the closure object {fn, cell1, cell2, ...}; its cells are used
    // throughout the body, and the caller need not keep it.
    b.CreateStore(ctxArg, frameSlot(m.unsafePointer()));
  }
  std::vector<T::Var*> paramVars;
  if (recv) paramVars.push_back(recv);
  for (T::Var* p : sig->params->vars) paramVars.push_back(p);
  auto named = [](T::Var* v) { return !v->name.empty() && v->name != "_"; };
  // The caller need not keep the arguments either: while one parameter's
  // heap cell is allocated, every parameter must already be rooted.
  bool cells = std::any_of(paramVars.begin(), paramVars.end(),
                           [&](T::Var* v) { return named(v) && v->mustHeapAllocate(); });
  for (size_t i = 0; cells && i < paramVars.size(); i++)
    if (named(paramVars[i])) keepAlive(params[i], paramVars[i]->type);
  for (size_t i = 0; i < paramVars.size(); i++)
    if (named(paramVars[i])) b.CreateStore(params[i], declareVar(paramVars[i]));
  if (captures) {
    for (size_t i = 0; i < captures->size(); i++) {
      llvm::Value* cellPtr = b.CreateConstInBoundsGEP1_64(m.abi.ptr, ctxArg, i + 1);
      vars[(*captures)[i]] = b.CreateLoad(m.abi.ptr, cellPtr);
    }
  }
  for (T::Var* r : sig->results->vars) {
    llvm::Value* slot;
    if (!r->name.empty() && r->name != "_") {
      // A recovered panic returns the named results from _setjmp's second
      // return: with defers they live in the frame, which the runtime can
      // read, so LLVM keeps every store to them before a call that panics.
      slot = declareVar(r, hasDefer);
    } else {
      slot = hasDefer || m.tm.hasPointers(r->type) ? frameSlot(r->type) : entryAlloca(m.tm.lower(r->type), "result");
      b.CreateStore(zeroValue(r->type), slot);
    }
    resultSlots.push_back({slot, r->type});
  }
  retBlock = newBlock("return");
  if (hasDefer) {
    // After a recovered panic, _setjmp returns again with 1: run the
    // remaining defers and return the result slots.
    llvm::Value* r = b.CreateCall(m.rt("_setjmp"), {jmpbuf});
    auto* cont = newBlock("body.armed");
    b.CreateCondBr(b.CreateICmpNE(r, llvm::ConstantInt::get(m.abi.i32, 0)), retBlock, cont);
    b.SetInsertPoint(cont);
  }

  genBlock(body);
  if (blockOpen()) {
    if (sig->results->vars.empty())
      b.CreateBr(retBlock);
    else
      b.CreateUnreachable();
  }

  b.SetInsertPoint(retBlock);
  if (hasDefer) call(m.rt("gol_rundefers"), {g, frame}, Pos{});
  std::vector<llvm::Value*> results;
  for (auto& [slot, t] : resultSlots) results.push_back(load(t, slot));
  if (as.sret) {
    llvm::Value* tuple = results.size() == 1 ? results[0] : llvm::UndefValue::get(as.resultTuple);
    if (results.size() > 1)
      for (unsigned i = 0; i < results.size(); i++) tuple = b.CreateInsertValue(tuple, results[i], i);
    b.CreateStore(tuple, fn->getArg(0));
    b.CreateRetVoid();
  } else {
    std::vector<llvm::Value*> scalars;
    for (size_t i = 0; i < results.size(); i++) flattenValue(*this, results[i], resultSlots[i].second, scalars);
    if (scalars.empty())
      b.CreateRetVoid();
    else if (scalars.size() == 1)
      b.CreateRet(scalars[0]);
    else
      b.CreateAggregateRet(scalars.data(), unsigned(scalars.size()));
  }
  finish();
}

void FuncGen::genWrapper(T::Signature* sig, T::Type* recvType,
                         const std::function<llvm::Value*(FuncGen&, std::vector<llvm::Value*>&)>& build) {
  const AbiSig* as = sig ? &m.tm.signature(sig, recvType) : nullptr;
  g = fn->getArg(as ? as->gArg : 0);
  ctxArg = fn->getArg(as ? as->ctxArg : 1);
  auto* bodyBB = newBlock("body");
  b.CreateBr(bodyBB);
  b.SetInsertPoint(bodyBB);
  std::vector<llvm::Value*> params;
  if (as) params = incomingParams(*this, *as);
  llvm::Value* result = build(*this, params);
  if (!blockOpen()) {
    finish();
    return;
  }
  if (!as || as->results.empty()) {
    b.CreateRetVoid();
  } else if (as->sret) {
    b.CreateStore(result, fn->getArg(0));
    b.CreateRetVoid();
  } else {
    std::vector<llvm::Value*> scalars;
    if (as->results.size() == 1) {
      flattenValue(*this, result, as->results[0], scalars);
    } else {
      for (unsigned i = 0; i < as->results.size(); i++)
        flattenValue(*this, b.CreateExtractValue(result, i), as->results[i], scalars);
    }
    if (scalars.size() == 1)
      b.CreateRet(scalars[0]);
    else
      b.CreateAggregateRet(scalars.data(), unsigned(scalars.size()));
  }
  finish();
}

// ---- prologue and epilogue ---------------------------------------------------

// Variables over kMaxStackVar already went to the heap; what is left here are many big variables or huge temporaries, which no
// stack segment could hold.
void FuncGen::checkFrameSize() {
  const llvm::DataLayout& dl = m.mod.getDataLayout();
  uint64_t locals = rootsBytes;
  for (llvm::Instruction& i : *entryBB)
    if (auto* a = llvm::dyn_cast<llvm::AllocaInst>(&i))
      if (auto sz = a->getAllocationSize(dl)) locals += sz->getFixedValue();
  uint64_t args = 0;
  for (llvm::Argument& a : fn->args()) args += dl.getTypeAllocSize(a.getType());
  if (locals + args <= kMaxFrame) return;
  m.error(namePos.valid() ? namePos : fnPos, "stack frame too large (>1GB): " + std::to_string(locals >> 20) +
                                                 " MB locals + " + std::to_string(args >> 20) + " MB args");
}

void FuncGen::finish() {
  // Blocks opened after a terminator (dead code, code after panic) end here.
  for (llvm::BasicBlock& bb : *fn)
    if (!bb.getTerminator()) llvm::IRBuilder<>(&bb).CreateUnreachable();
  bulkStores();
  checkFrameSize();
  // The real frame.
  llvm::IRBuilder<> eb(entryBB, entryBB->begin());
  auto* frameTy = llvm::ArrayType::get(m.abi.i8, kFrameHeader + rootsBytes);
  llvm::AllocaInst* realFrame = eb.CreateAlloca(frameTy, nullptr, "frame");
  realFrame->setAlignment(llvm::Align(8));
  frame->replaceAllUsesWith(realFrame);
  frame->eraseFromParent();
  frame = realFrame;

  // GolFuncInfo: nroots and rootmask are known now.
  llvm::Constant* mask = llvm::ConstantPointerNull::get(m.abi.ptr);
  if (rootsBytes) {
    std::vector<uint8_t> bytes((rootMask.size() + 7) / 8, 0);
    for (size_t i = 0; i < rootMask.size(); i++)
      if (rootMask[i]) bytes[i / 8] |= uint8_t(1u << (i % 8));
    auto* data = llvm::ConstantDataArray::get(m.ctx, bytes);
    mask = new llvm::GlobalVariable(m.mod, data->getType(), true, llvm::GlobalValue::PrivateLinkage, data, "rootmask");
  }
  auto* old = llvm::cast<llvm::ConstantStruct>(infoGV->getInitializer());
  infoGV->setInitializer(llvm::ConstantStruct::get(
      m.abi.funcInfo, {old->getOperand(0), old->getOperand(1), llvm::ConstantInt::get(m.abi.i32, rootsBytes / 8),
                       old->getOperand(3), mask}));

  emitPrologue();
}

void FuncGen::emitPrologue() {
  llvm::BasicBlock* body = entryBB->getTerminator()->getSuccessor(0);
  entryBB->getTerminator()->eraseFromParent();
  b.SetInsertPoint(entryBB);

  if (rootsBytes) b.CreateMemSet(b.CreateConstInBoundsGEP1_64(m.abi.i8, frame, kFrameHeader),
                                 llvm::ConstantInt::get(m.abi.i8, 0), rootsBytes, llvm::MaybeAlign(8));
  bool link = !noFrame && (frameEscapes || (rootsBytes && !safePointCalls.empty()));
  llvm::Value* gFrame = nullptr;
  llvm::Value* prev = nullptr;
  if (link) {
    gFrame = b.CreateConstInBoundsGEP1_64(m.abi.i8, g, kGFrame);
    prev = b.CreateLoad(m.abi.ptr, gFrame, "frame.prev");
  }
  b.CreateBr(body);
  if (link) {
    llvm::IRBuilder<> lb(linkPoint());
    lb.CreateStore(prev, frame);
    lb.CreateStore(infoGV, lb.CreateConstInBoundsGEP1_64(m.abi.i8, frame, kFrameFn));
    publishFrame(lb, frame, gFrame);
    // Every return restores the caller's top frame, whether or not this
    // path linked the frame.
    for (llvm::BasicBlock& bb : *fn)
      if (auto* ret = llvm::dyn_cast_or_null<llvm::ReturnInst>(bb.getTerminator()))
        llvm::IRBuilder<>(ret).CreateStore(prev, gFrame);
  }
  fn->addFnAttr("inline-max-stacksize", kMaxInlinedFrame);
  uint64_t frameBytes = allocaBytes(*entryBB);
  if (frameBytes > kInPlaceCheckFrame)
    splitFrame(frameBytes);
  else if (makesCalls || frameBytes > kUncheckedLeafFrame)
    emitStackCheck(entryBB, frameBytes);
}

void FuncGen::splitFrame(uint64_t bodyFrame) {
  // The body moves to a function of its own, never inlined (its frame must
  // not grow a caller's); fn keeps its name and callers and becomes a wrapper
  // with a frame of a few words, whose check covers the body's frame. The
  // wrapper has no debug information, so tracebacks skip it.
  auto* body = llvm::Function::Create(fn->getFunctionType(), llvm::Function::InternalLinkage,
                                      fn->getName() + "·frame", m.mod);
  body->copyAttributesFrom(fn);
  body->addFnAttr(llvm::Attribute::NoInline);
  body->splice(body->end(), fn);
  for (unsigned i = 0; i < fn->arg_size(); i++) fn->getArg(i)->replaceAllUsesWith(body->getArg(i));
  body->setSubprogram(fn->getSubprogram());
  fn->setSubprogram(nullptr);
  diScope = nullptr;
  entryBB = llvm::BasicBlock::Create(m.ctx, "entry", fn);
  llvm::IRBuilder<> wb(entryBB);
  std::vector<llvm::Value*> args;
  for (llvm::Argument& a : fn->args()) args.push_back(&a);
  llvm::CallInst* c = wb.CreateCall(body, args);
  c->setAttributes(fn->getAttributes());
  if (fn->getReturnType()->isVoidTy())
    wb.CreateRetVoid();
  else
    wb.CreateRet(c);
  emitStackCheck(entryBB, bodyFrame);
}

void FuncGen::bulkStores() {
  const llvm::DataLayout& dl = m.tm.layout();
  llvm::Function* alloc = llvm::cast<llvm::Function>(m.rt("gol_alloc").getCallee());
  // An object is identified when nothing else can point into it without
  // coming from it: a local, a global, a fresh allocation.
  auto identified = [&](const llvm::Value* p) {
    auto* c = llvm::dyn_cast<llvm::CallInst>(p);
    return llvm::isIdentifiedObject(p) || (c && c->getCalledFunction() == alloc);
  };
  // Two ranges are disjoint when they lie at known offsets of one base
  // (slots of the frame), or in distinct objects: both identified, or one a
  // local, since gol never lets a Go pointer reach a plain alloca (the
  // checker puts address-taken variables on the heap).
  auto distinct = [&](const llvm::Value* p, uint64_t pSize, const llvm::Value* q, uint64_t qSize) {
    int64_t po = 0, qo = 0;
    if (llvm::GetPointerBaseWithConstantOffset(p, po, dl) == llvm::GetPointerBaseWithConstantOffset(q, qo, dl))
      return po + int64_t(pSize) <= qo || qo + int64_t(qSize) <= po;
    p = llvm::getUnderlyingObject(p);
    q = llvm::getUnderlyingObject(q);
    if (p == q) return false;
    return (identified(p) && identified(q)) || llvm::isa<llvm::AllocaInst>(p) || llvm::isa<llvm::AllocaInst>(q);
  };
  // A load's source may change before the store unless nothing between them
  // writes it: allocations write nothing, and stores and memory intrinsics
  // are harmless when they write another object.
  auto copyable = [&](llvm::LoadInst* ld, llvm::StoreInst* st) {
    if (ld->getParent() != st->getParent() || !ld->isSimple() || !st->isSimple()) return false;
    llvm::Value* src = ld->getPointerOperand();
    uint64_t srcSize = dl.getTypeStoreSize(ld->getType());
    for (auto it = std::next(ld->getIterator()); &*it != st; ++it) {
      if (it == ld->getParent()->end()) return false;
      if (!it->mayWriteToMemory()) continue;
      if (auto* c = llvm::dyn_cast<llvm::CallInst>(&*it); c && c->getCalledFunction() == alloc) continue;
      if (auto* w = llvm::dyn_cast<llvm::StoreInst>(&*it);
          w && w->isSimple() &&
          distinct(w->getPointerOperand(), dl.getTypeStoreSize(w->getValueOperand()->getType()), src, srcSize))
        continue;
      auto* w = llvm::dyn_cast<llvm::MemIntrinsic>(&*it);
      auto* len = w ? llvm::dyn_cast<llvm::ConstantInt>(w->getLength()) : nullptr;
      if (len && distinct(w->getDest(), len->getZExtValue(), src, srcSize)) continue;
      return false;
    }
    return true;
  };
  auto bulk = [&](llvm::Type* t) { return t->isAggregateType() && dl.getTypeStoreSize(t) >= kBulkBytes; };
  // A large phi becomes a slot stored in each predecessor and loaded at the
  // join: copies in and out of it are then plain load-store pairs.
  std::vector<llvm::PHINode*> phis;
  for (llvm::BasicBlock& bb : *fn)
    for (llvm::PHINode& phi : bb.phis())
      if (bulk(phi.getType())) phis.push_back(&phi);
  for (llvm::PHINode* phi : phis) llvm::DemotePHIToStack(phi);
  // A large load whose parts are taken apart (comparisons) becomes loads of
  // those parts at the same point; a part that is large itself is split in
  // turn or copied in bulk below. An unused one (`_ = a`) goes: nil checks
  // are explicit, so it does nothing, and the optimiser would fold it into a
  // constant built element by element (80 KB of zeros took minutes).
  std::vector<llvm::LoadInst*> loads;
  for (llvm::BasicBlock& bb : *fn)
    for (llvm::Instruction& inst : bb)
      if (auto* ld = llvm::dyn_cast<llvm::LoadInst>(&inst); ld && ld->isSimple() && bulk(ld->getType())) loads.push_back(ld);
  while (!loads.empty()) {
    llvm::LoadInst* ld = loads.back();
    loads.pop_back();
    if (ld->use_empty()) {
      ld->eraseFromParent();
      continue;
    }
    if (!llvm::all_of(ld->users(), [](llvm::User* u) { return llvm::isa<llvm::ExtractValueInst>(u); })) continue;
    llvm::IRBuilder<> ib(ld);
    std::vector<llvm::Instruction*> parts;
    for (llvm::User* u : ld->users()) parts.push_back(llvm::cast<llvm::Instruction>(u));
    for (llvm::Instruction* u : parts) {
      auto* ev = llvm::cast<llvm::ExtractValueInst>(u);
      std::vector<llvm::Value*> path = {ib.getInt32(0)};
      for (unsigned i : ev->indices()) path.push_back(ib.getInt32(i));
      llvm::Value* at = ib.CreateInBoundsGEP(ld->getType(), ld->getPointerOperand(), path);
      llvm::LoadInst* part = ib.CreateLoad(ev->getType(), at);
      ev->replaceAllUsesWith(part);
      ev->eraseFromParent();
      if (bulk(part->getType())) loads.push_back(part);
    }
    ld->eraseFromParent();
  }
  std::vector<llvm::StoreInst*> stores;
  for (llvm::BasicBlock& bb : *fn)
    for (llvm::Instruction& inst : bb)
      if (auto* st = llvm::dyn_cast<llvm::StoreInst>(&inst))
        if (bulk(st->getValueOperand()->getType())) stores.push_back(st);
  // A value loaded far from where it is stored (across the calls of an
  // append, between a comparison's blocks) is first copied to a slot of its
  // own where it is loaded; the slot is in the roots area when the value
  // holds pointers.
  std::map<llvm::LoadInst*, llvm::Value*> snapshots;
  auto snapshot = [&](llvm::LoadInst* ld) {
    llvm::Value*& slot = snapshots[ld];
    if (!slot) {
      uint64_t size = dl.getTypeAllocSize(ld->getType());
      std::vector<bool> words((size + 7) / 8, false);
      markPointerWords(dl, ld->getType(), 0, words);
      if (std::find(words.begin(), words.end(), true) == words.end()) {
        slot = new llvm::AllocaInst(ld->getType(), 0, nullptr, llvm::Align(8), "snapshot", entryBB->getFirstInsertionPt());
      } else {
        uint64_t off = rootsBytes;
        rootsBytes += words.size() * 8;
        rootMask.insert(rootMask.end(), words.begin(), words.end());
        slot = slotAt(off);
      }
      llvm::IRBuilder<>(ld).CreateMemMove(slot, llvm::Align(8), ld->getPointerOperand(), ld->getAlign(),
                                          dl.getTypeStoreSize(ld->getType()));
    }
    return slot;
  };
  for (llvm::StoreInst* st : stores) {
    llvm::Value* v = st->getValueOperand();
    uint64_t size = dl.getTypeStoreSize(v->getType());
    llvm::IRBuilder<> ib(st);
    auto* ld = llvm::dyn_cast<llvm::LoadInst>(v);
    if (auto* c = llvm::dyn_cast<llvm::Constant>(v); c && c->isNullValue()) {
      ib.CreateMemSet(st->getPointerOperand(), ib.getInt8(0), size, st->getAlign());
    } else if (ld && copyable(ld, st)) {
      ib.CreateMemMove(st->getPointerOperand(), st->getAlign(), ld->getPointerOperand(), ld->getAlign(), size);
    } else if (ld && ld->isSimple() && st->isSimple()) {
      ib.CreateMemMove(st->getPointerOperand(), st->getAlign(), snapshot(ld), llvm::Align(8), size);
    } else {
      continue;
    }
    st->eraseFromParent();
    if (ld && ld->use_empty()) ld->eraseFromParent();
  }
}

void FuncGen::publishFrame(llvm::IRBuilder<>& b, llvm::Value* rec, llvm::Value* gFrame) {
  // The preemption signal may stop the goroutine at any instruction and the
  // collector then walks g->frame: the record's header and zeroed roots must
  // be in memory before it is linked. A single-thread fence orders the
  // stores for this thread's signal handler and costs no instruction.
  b.CreateFence(llvm::AtomicOrdering::Release, m.ctx.getOrInsertSyncScopeID("singlethread"));
  b.CreateStore(rec, gFrame);
}

llvm::Instruction* FuncGen::linkPoint() {
  // The frame must be linked during every call that may reach a safe point:
  // link it where all of them are dominated, so paths without such calls
  // (fast paths) pay nothing. Inside a loop that would relink every
  // iteration; the entry block links once.
  if (!frameEscapes) {
    llvm::DominatorTree dt(*fn);
    llvm::LoopInfo loops(dt);
    llvm::BasicBlock* dom = nullptr;
    for (llvm::CallInst* c : safePointCalls) {
      if (!dt.isReachableFromEntry(c->getParent())) continue;  // dead code
      dom = dom ? dt.findNearestCommonDominator(dom, c->getParent()) : c->getParent();
    }
    if (dom && dom != entryBB && !loops.getLoopFor(dom)) return &*dom->getFirstInsertionPt();
  }
  return entryBB->getTerminator();
}

void FuncGen::emitStackCheck(llvm::BasicBlock* entry, uint64_t frameBytes) {
  // Split the entry block: the check goes in a new block in front of it.
  frameBytes += GOL_STACK_SMALL;

  auto* checkBB = llvm::BasicBlock::Create(m.ctx, "stackcheck", fn, entry);
  auto* growBB = llvm::BasicBlock::Create(m.ctx, "morestack", fn);
  // Allocas must stay in the (new) entry block for mem2reg.
  llvm::IRBuilder<> cb(checkBB);
  std::vector<llvm::AllocaInst*> allocas;
  for (llvm::Instruction& inst : *entry)
    if (auto* a = llvm::dyn_cast<llvm::AllocaInst>(&inst)) allocas.push_back(a);
  for (auto* a : allocas) a->moveBefore(*checkBB, checkBB->end());

  llvm::Function* readRsp = llvm::Intrinsic::getDeclaration(&m.mod, llvm::Intrinsic::read_register, {m.abi.i64});
  auto* md = llvm::MDNode::get(m.ctx, {llvm::MDString::get(m.ctx, "rsp")});
  llvm::Value* sp = cb.CreateCall(readRsp, {llvm::MetadataAsValue::get(m.ctx, md)});
  llvm::Value* guard = cb.CreateLoad(m.abi.i64, g);
  llvm::Value* low = cb.CreateSub(sp, llvm::ConstantInt::get(m.abi.i64, frameBytes));
  llvm::Value* ok = cb.CreateICmpUGE(low, guard);
  // sp - frame may wrap for the preemption guard value; both compare low.
  auto* br = cb.CreateCondBr(ok, entry, growBB);
  llvm::MDBuilder mdb(m.ctx);
  br->setMetadata(llvm::LLVMContext::MD_prof, mdb.createBranchWeights(1u << 20, 1));

  // Slow path: pack {GolFrame header, args..., result} and re-enter via the thunk.
  llvm::IRBuilder<> gb(growBB);
  auto* packTy = packType();
  llvm::Type* retTy = fn->getReturnType();
  const llvm::StructLayout* sl = m.tm.layout().getStructLayout(packTy);
  uint64_t packRoots = (sl->getSizeInBytes() - kFrameHeader + 7) / 8;
  std::vector<uint8_t> maskBytes((packRoots + 7) / 8, 0);
  for (unsigned i = 0; i < fn->arg_size(); i++) {
    if (!fn->getArg(i)->getType()->isPointerTy()) continue;
    uint64_t w = (sl->getElementOffset(kPackArgs + i) - kFrameHeader) / 8;
    maskBytes[w / 8] |= uint8_t(1u << (w % 8));
  }
  auto* maskData = llvm::ConstantDataArray::get(m.ctx, maskBytes);
  auto* maskGV = new llvm::GlobalVariable(m.mod, maskData->getType(), true, llvm::GlobalValue::PrivateLinkage, maskData,
                                          "packmask");
  auto* packInfo = new llvm::GlobalVariable(
      m.mod, m.abi.funcInfo, true, llvm::GlobalValue::PrivateLinkage,
      llvm::ConstantStruct::get(m.abi.funcInfo, {m.stringConst(name), m.stringConst(""),
                                                 llvm::ConstantInt::get(m.abi.i32, packRoots),
                                                 llvm::ConstantInt::get(m.abi.i32, GOL_FN_MORESTACK),
                                                 static_cast<llvm::Constant*>(maskGV)}),
      "packinfo");
  // A static alloca (in the entry block) keeps the fast path free of dynamic
  // stack adjustment.
  llvm::AllocaInst* pack = new llvm::AllocaInst(packTy, 0, "pack", checkBB->getFirstNonPHI());
  gb.CreateStore(llvm::Constant::getNullValue(packTy), pack);
  for (unsigned i = 0; i < fn->arg_size(); i++) gb.CreateStore(fn->getArg(i), gb.CreateStructGEP(packTy, pack, kPackArgs + i));
  llvm::Value* gFrame = gb.CreateConstInBoundsGEP1_64(m.abi.i8, g, kGFrame);
  gb.CreateStore(gb.CreateLoad(m.abi.ptr, gFrame), gb.CreateStructGEP(packTy, pack, 0));
  gb.CreateStore(packInfo, gb.CreateStructGEP(packTy, pack, 1));
  gb.CreateStore(fn, gb.CreateStructGEP(packTy, pack, kPackCallee));
  publishFrame(gb, pack, gFrame);
  if (diScope) gb.SetCurrentDebugLocation(llvm::DILocation::get(m.ctx, 0, 0, diScope));
  gb.CreateCall(m.rt("gol_morestack"), {g, morestackThunk(), pack});
  gb.CreateStore(gb.CreateLoad(m.abi.ptr, gb.CreateStructGEP(packTy, pack, 0)), gFrame);
  if (retTy->isVoidTy())
    gb.CreateRetVoid();
  else
    gb.CreateRet(gb.CreateLoad(retTy, gb.CreateStructGEP(packTy, pack, kPackArgs + fn->arg_size())));
}

llvm::StructType* FuncGen::packType() {
  std::vector<llvm::Type*> packFields = {m.abi.ptr, m.abi.ptr, m.abi.ptr};  // the GolFrame header, the callee
  for (llvm::Argument& a : fn->args()) packFields.push_back(a.getType());
  if (!fn->getReturnType()->isVoidTy()) packFields.push_back(fn->getReturnType());
  return llvm::StructType::get(m.ctx, packFields);
}

// The thunk calls the function the pack names (an indirect call, on the slow
// path only), so one serves every function of a type and attributes: a
// thunk per function was half of all functions in typical programs, each
// paying the optimiser's and instruction selection's per-function cost.
llvm::Function* FuncGen::morestackThunk() {
  llvm::Function*& thunk = m.moreThunks[{fn->getFunctionType(), fn->getAttributes().getRawPointer()}];
  if (thunk) return thunk;
  auto* fty = llvm::FunctionType::get(m.abi.voidTy, {m.abi.ptr, m.abi.ptr}, false);
  thunk = llvm::Function::Create(fty, llvm::Function::InternalLinkage, "·more." + std::to_string(m.moreThunks.size()),
                                 m.mod);
  setCodeAttributes(thunk);
  thunk->addFnAttr(llvm::Attribute::NoInline);
  llvm::IRBuilder<> tb(llvm::BasicBlock::Create(m.ctx, "entry", thunk));
  llvm::Type* retTy = fn->getReturnType();
  auto* packTy = packType();
  llvm::Value* pack = thunk->getArg(1);
  std::vector<llvm::Value*> args;
  for (unsigned i = 0; i < fn->arg_size(); i++)
    args.push_back(tb.CreateLoad(fn->getArg(i)->getType(), tb.CreateStructGEP(packTy, pack, kPackArgs + i)));
  llvm::Value* callee = tb.CreateLoad(m.abi.ptr, tb.CreateStructGEP(packTy, pack, kPackCallee));
  llvm::CallInst* c = tb.CreateCall(fn->getFunctionType(), callee, args);
  c->setAttributes(fn->getAttributes());
  // An inlined copy would have no debug locations in this helper.
  c->addFnAttr(llvm::Attribute::NoInline);
  if (!retTy->isVoidTy()) tb.CreateStore(c, tb.CreateStructGEP(packTy, pack, kPackArgs + fn->arg_size()));
  tb.CreateRetVoid();
  return thunk;
}

}  // namespace gol::cg
