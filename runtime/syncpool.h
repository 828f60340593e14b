// syncpool.h — sync.Pool's caches are dropped by the collector (Go's
// poolCleanup): what a pool holds survives one collection in its victim
// cache and is freed by the next.
//
// Invariants
//  - A pool registers its PoolCaches when it gains a primary cache after a
//    collection (local was nil). Registered pools and the previous cycle's
//    pools are roots: a pool stays alive while the runtime may write to it.
//  - At the start of every collection (world stopped, nothing marked yet):
//    the previous cycle's pools lose their victim caches, every registered
//    pool's primary cache becomes its victim, and the registered pools become
//    the previous cycle's. A pool's own code only ever works on the cache
//    pointers it has loaded, so the swap never loses a pool's consistency.
#pragma once

namespace gol::rt {

// The two words of a sync.Pool that the runtime rotates; package sync
// declares them as struct { local, victim *poolCache }.
struct PoolCaches {
  void* local;
  void* victim;
};

void registerPool(PoolCaches* p);

}  // namespace gol::rt
