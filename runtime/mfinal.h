// mfinal.h — finalizers (runtime.SetFinalizer) and the collector's part in
// them: see mfinal.cpp for the design.
#pragma once

#include <cstdint>

#include "gol/abi.h"

namespace gol::rt {

// Collector hooks, all with the world stopped. Root phase: marks what every
// object with a finalizer references (not the object itself), each
// finalizer's closure and everything queued for the finalizer goroutine.
void finalizerMarkRoots();
// After marking: objects with a finalizer that nothing marked are marked now
// (they survive this cycle), their finalizers move to the queue and stop
// being registered. Returns true when it marked anything, so the caller
// drains its mark stack again.
bool finalizerQueueUnreachable();
// After the world restarts: wakes the finalizer goroutine when work is
// queued; true when it did.
bool finalizerWake();

// SetFinalizer's registration, after its checks and without starting the
// finalizer goroutine: false when obj already has a finalizer. sretBytes as
// the finalizer's results need (0: returned in registers).
bool addFinalizer(void* obj, void* fn, const GolType* param, const GolType* objType, int64_t sretBytes);

// For tests: the number of finalizers registered, and the oldest queued
// finalizer's object, taken off the queue without running it (null if none).
int64_t finalizersRegistered();
void* takeQueuedFinalizer();

}  // namespace gol::rt

extern "C" {
// runtime.SetFinalizer(obj any, finalizer any)
void gol_rt_SetFinalizer(GolG* g, void* ctx, const void* otab, void* odata, const void* ftab, void* fdata);
}
