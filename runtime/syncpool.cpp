// syncpool.cpp — sync.Pool cleanup at each collection (see syncpool.h).
#include "runtime/syncpool.h"

#include <mutex>
#include <vector>

#include "runtime/lock_futex.h"
#include "runtime/mgc.h"

namespace gol::rt {

namespace {

struct PoolRegistry {
  Mutex lock;                      // registration vs. registration; the
  std::vector<PoolCaches*> all;    // collector runs with the world stopped
  std::vector<PoolCaches*> old;
};

PoolRegistry& registry() {
  static PoolRegistry* r = new PoolRegistry;  // never destroyed: Ms may run during exit
  return *r;
}

void cleanupPools() {
  PoolRegistry& r = registry();
  for (PoolCaches* p : r.old) p->victim = nullptr;
  for (PoolCaches* p : r.all) {
    p->victim = p->local;
    p->local = nullptr;
  }
  r.old.swap(r.all);
  r.all.clear();
}

void markPools() {
  PoolRegistry& r = registry();
  for (PoolCaches* p : r.all) gcMarkPointer(p);
  for (PoolCaches* p : r.old) gcMarkPointer(p);
}

}  // namespace

void registerPool(PoolCaches* p) {
  static std::once_flag hooked;
  std::call_once(hooked, [] {
    gcAddStartHook(cleanupPools);
    gcAddRootScanner(markPools);
  });
  PoolRegistry& r = registry();
  MutexGuard g(r.lock);
  r.all.push_back(p);
}

}  // namespace gol::rt
