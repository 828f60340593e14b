// cg_atomic.cpp — sync/atomic's integer operations as LLVM atomic
// instructions instead of calls to natives.
//
// Invariants
//  - The functions (LoadInt32, AddUint64, CompareAndSwapUintptr, ...) and the
//    methods of the typed values (Int32.Load, Uint64.Add, ...) that the
//    package declares without bodies and marks //gol:intrinsic, and the
//    methods of atomic.Pointer[T] instances (lang/checker_instance.cpp), get
//    an always-inline internal definition here; calls of any kind (direct,
//    method values, go/defer, interfaces) reach the same definition.
//  - Every operation is sequentially consistent, as Go's memory model says.
//  - A typed value's integer is its only non-empty field, at offset 0, so a
//    method's receiver is the integer's address.
#include "compiler/cg_internal.h"

namespace gol::cg {

namespace {

enum class AtomicOp { Load, Store, Swap, CompareAndSwap, Add };

struct AtomicSpec {
  AtomicOp op;
};

bool parseOp(std::string_view s, AtomicOp& op) {
  static const std::pair<std::string_view, AtomicOp> ops[] = {{"Load", AtomicOp::Load},
                                                              {"Store", AtomicOp::Store},
                                                              {"Swap", AtomicOp::Swap},
                                                              {"CompareAndSwap", AtomicOp::CompareAndSwap},
                                                              {"Add", AtomicOp::Add}};
  for (auto& [name, o] : ops)
    if (s == name) {
      op = o;
      return true;
    }
  return false;
}

bool isAtomicType(std::string_view s) {
  return s == "Int32" || s == "Uint32" || s == "Int64" || s == "Uint64" || s == "Uintptr" || s.starts_with("Pointer[");
}

// "AddInt64" or method "Add" on "Int64".
bool atomicSpec(T::Func* f, AtomicSpec& spec) {
  if (!(f->native() || f->intrinsic) || !f->pkg || f->pkg->path != "sync/atomic") return false;
  T::Signature* sig = f->signature();
  if (sig->recv) {
    auto* ptr = T::as<T::Pointer>(sig->recv->type);
    auto* named = ptr ? T::as<T::Named>(ptr->elem) : nullptr;
    return named && isAtomicType(named->obj->name) && parseOp(f->name, spec.op);
  }
  std::string_view name = f->name;
  for (size_t split = 1; split < name.size(); split++)
    if (parseOp(name.substr(0, split), spec.op) && isAtomicType(name.substr(split))) return true;
  return false;
}

}  // namespace

bool ModuleGen::defineAtomicIntrinsic(T::Func* f, llvm::Function* fn) {
  AtomicSpec spec;
  if (!atomicSpec(f, spec)) return false;
  fn->setLinkage(llvm::GlobalValue::InternalLinkage);
  fn->addFnAttr(llvm::Attribute::AlwaysInline);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", fn));
  // The operand's type: an integer or a pointer, naturally aligned.
  llvm::Type* ty = spec.op == AtomicOp::Load ? fn->getReturnType() : fn->getArg(3)->getType();
  llvm::Align align(mod.getDataLayout().getTypeStoreSize(ty));
  auto seqcst = llvm::AtomicOrdering::SequentiallyConsistent;
  llvm::Value* addr = fn->getArg(2);  // after g and ctx
  switch (spec.op) {
    case AtomicOp::Load: {
      llvm::LoadInst* v = b.CreateAlignedLoad(ty, addr, align);
      v->setAtomic(seqcst);
      b.CreateRet(v);
      break;
    }
    case AtomicOp::Store:
      b.CreateAlignedStore(fn->getArg(3), addr, align)->setAtomic(seqcst);
      b.CreateRetVoid();
      break;
    case AtomicOp::Swap:
      b.CreateRet(b.CreateAtomicRMW(llvm::AtomicRMWInst::Xchg, addr, fn->getArg(3), align, seqcst));
      break;
    case AtomicOp::Add: {
      llvm::Value* old = b.CreateAtomicRMW(llvm::AtomicRMWInst::Add, addr, fn->getArg(3), align, seqcst);
      b.CreateRet(b.CreateAdd(old, fn->getArg(3)));
      break;
    }
    case AtomicOp::CompareAndSwap: {
      llvm::Value* pair = b.CreateAtomicCmpXchg(addr, fn->getArg(3), fn->getArg(4), align, seqcst, seqcst);
      llvm::Value* swapped = b.CreateExtractValue(pair, 1);
      b.CreateRet(b.CreateZExt(swapped, fn->getReturnType()));
      break;
    }
  }
  return true;
}

}  // namespace gol::cg
