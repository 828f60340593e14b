// mgcwork.h — the collector's grey objects: mark stacks, and the helper
// threads that drain them in parallel inside the pause (Go's mgcwork.go).
//
// Invariants
//  - An object is grey from the moment a thread sets its mark bit (an
//    atomic test-and-set, so exactly one thread wins) until that thread's
//    scan of it ends; only the winner pushes it, so each object is scanned
//    at most once per cycle.
//  - Grey objects sit on the collecting thread's stack, a helper's own
//    stack, or in the shared pool as whole batches; a worker with a large
//    stack gives a batch to the pool whenever another worker waits for work.
//  - markDrain returns only when every stack and the pool are empty and
//    every helper it woke has left the drain, so the caller then sees every
//    mark bit any helper set (the pool lock orders them).
//  - Helpers are plain threads, not Ms: they run no gol code, allocate
//    nothing in the gol heap, and touch only mark bits, heap metadata and
//    object words, all inside the stopped world.
#pragma once

#include <cstdint>

#include "runtime/malloc.h"

namespace gol::rt {

// Makes the object at base (in span s, already marked) grey on the calling
// thread's mark stack.
void greyPush(uintptr_t base, Span* s);

// Scans grey objects with scan (which may push more) until none is left,
// using up to `workers` threads including the caller. Work is shared only
// once there is enough of it, so small heaps stay on one thread. Returns the
// number of threads that took part.
using GreyScanFn = void (*)(uintptr_t base, Span* s);
int markDrain(GreyScanFn scan, int workers);

}  // namespace gol::rt
