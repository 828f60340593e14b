// natives.cpp — sync's natives that need no runtime internals: atomic
// access to pointer words for Map, and Cond's copy check, which needs an
// object's own address (Go computes it with package unsafe).
//
// Invariant: every access is sequentially consistent, as Go's atomics are.
// Storing a pointer atomically needs no collector barrier: gol's collector
// runs with the world stopped.
#include <cstdint>

#include "stdlib/internal/symbols.h"

extern "C" {

// loadReadOnlyPtr(p **readOnly) *readOnly, loadValuePtr(p **any) *any
void* gol_sync_loadPtr(GolG*, void*, void** p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }

// storeReadOnlyPtr(p **readOnly, v *readOnly)
void gol_sync_storePtr(GolG*, void*, void** p, void* v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }

// swapValuePtr(p **any, new *any) *any
void* gol_sync_swapPtr(GolG*, void*, void** p, void* v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }

// casValuePtr(p **any, old, new *any) bool
bool gol_sync_casPtr(GolG*, void*, void** p, void* old, void* v) {
  return __atomic_compare_exchange_n(p, &old, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

// copyCheck(c *copyChecker) bool: the first check records c's address.
bool gol_sync_copyCheck(GolG*, void*, uintptr_t* c) {
  uintptr_t self = reinterpret_cast<uintptr_t>(c);
  uintptr_t seen = 0;
  return __atomic_compare_exchange_n(c, &seen, self, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) || seen == self;
}

}  // extern "C"

namespace gol::std_ {

Symbols syncSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("sync.casValuePtr", gol_sync_casPtr),
      GOL_NATIVE("sync.copyCheck", gol_sync_copyCheck),
      GOL_NATIVE("sync.loadReadOnlyPtr", gol_sync_loadPtr),
      GOL_NATIVE("sync.loadValuePtr", gol_sync_loadPtr),
      GOL_NATIVE("sync.storeReadOnlyPtr", gol_sync_storePtr),
      GOL_NATIVE("sync.swapValuePtr", gol_sync_swapPtr),
  };
  return table;
}

}  // namespace gol::std_
