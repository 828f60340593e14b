// natives.cpp — sync/atomic: Value's type-checked operations, on GCC's
// __atomic builtins. The integer functions and methods are compiler
// intrinsics (compiler/cg_atomic.cpp), inlined as LLVM atomic instructions.
//
// Invariants
//  - Every operation is sequentially consistent, as Go's are.
//  - A Value is an `any` {type, data}. The type word goes from nil to
//    kFirstStoreInProgress to its final type exactly once, in the first
//    store; afterwards only the data word changes. A loader that sees a
//    final type therefore pairs it with a data word of that type. Storing a
//    pointer word needs no collector barrier: gol's collector stops the
//    world, and natives contain no safe point.
#include <cstdint>

#include "stdlib/internal/symbols.h"

namespace {

constexpr int kOrder = __ATOMIC_SEQ_CST;

// The type word of a Value while its first store is in progress: never a
// real type, and ignored by the collector (it is not a heap address).
const char kFirstStoreInProgressMark = 0;
const void* const kFirstStoreInProgress = &kFirstStoreInProgressMark;

// The type word of v once it is final: nil for an empty Value. Waits out a
// first store in progress, which runs on another thread without any safe
// point and so finishes promptly.
const void* settledType(GolIface* v) {
  for (;;) {
    const void* t = __atomic_load_n(&v->tab, kOrder);
    if (t != kFirstStoreInProgress) return t;
    __builtin_ia32_pause();
  }
}

// Claims an empty Value for its first store; false if another store got
// there first.
bool firstStore(GolIface* v, GolIface val) {
  const void* empty = nullptr;
  if (!__atomic_compare_exchange_n(&v->tab, &empty, kFirstStoreInProgress, false, kOrder, kOrder)) return false;
  __atomic_store_n(&v->data, val.data, kOrder);
  __atomic_store_n(&v->tab, val.tab, kOrder);
  return true;
}

}  // namespace

extern "C" {

// (*Value).Load() any
GolIface gol_atomic_valueLoad(GolG*, void*, GolIface* v) {
  const void* t = __atomic_load_n(&v->tab, kOrder);
  if (t == nullptr || t == kFirstStoreInProgress) return GolIface{nullptr, nullptr};
  return GolIface{t, __atomic_load_n(&v->data, kOrder)};
}

// valueSwap(v *Value, new any, old *any) bool
bool gol_atomic_valueSwap(GolG*, void*, GolIface* v, const void* tab, void* data, GolIface* old) {
  for (;;) {
    const void* t = settledType(v);
    if (t == nullptr) {
      if (!firstStore(v, GolIface{tab, data})) continue;
      if (old) *old = GolIface{nullptr, nullptr};
      return true;
    }
    if (t != tab) return false;
    void* prev = __atomic_exchange_n(&v->data, data, kOrder);
    if (old) *old = GolIface{t, prev};
    return true;
  }
}

// valueStore(v *Value, val any) bool
bool gol_atomic_valueStore(GolG* g, void* ctx, GolIface* v, const void* tab, void* data) {
  return gol_atomic_valueSwap(g, ctx, v, tab, data, nullptr);
}

// valueCompareAndSwap(v *Value, old, new any) int: 0 failed, 1 swapped,
// 2 v holds another type than new.
int64_t gol_atomic_valueCompareAndSwap(GolG* g, void*, GolIface* v, const void* otab, void* odata,
                                       const void* ntab, void* ndata) {
  for (;;) {
    const void* t = settledType(v);
    if (t == nullptr) {
      if (otab != nullptr) return 0;
      if (firstStore(v, GolIface{ntab, ndata})) return 1;
      continue;
    }
    if (t != ntab) return 2;
    void* cur = __atomic_load_n(&v->data, kOrder);
    if (otab != t || !gol_efaceeq(g, static_cast<const GolType*>(t), cur, odata)) return 0;
    return __atomic_compare_exchange_n(&v->data, &cur, ndata, false, kOrder, kOrder) ? 1 : 0;
  }
}

// sameType(x, y any) bool
bool gol_atomic_sameType(GolG*, void*, const void* xtab, void*, const void* ytab, void*) { return xtab == ytab; }

}  // extern "C"

namespace gol::std_ {

namespace {

const GolSymbol kTable[] = {
    GOL_NATIVE("sync/atomic.(*Value).Load", gol_atomic_valueLoad),
    GOL_NATIVE("sync/atomic.sameType", gol_atomic_sameType),
    GOL_NATIVE("sync/atomic.valueCompareAndSwap", gol_atomic_valueCompareAndSwap),
    GOL_NATIVE("sync/atomic.valueStore", gol_atomic_valueStore),
    GOL_NATIVE("sync/atomic.valueSwap", gol_atomic_valueSwap),
};

}  // namespace

Symbols syncAtomicSymbols() { return kTable; }

}  // namespace gol::std_
