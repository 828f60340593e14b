// mgc.h — the garbage collector's interface to the rest of the runtime:
// triggering and forcing collections, rooting C++ locals (RootFrame), extra
// root scanners, and the statistics runtime.ReadMemStats reports.
//
// Invariants
//  - A collection runs with the world stopped (stopTheWorld/startTheWorld,
//    proc.cpp) and scans: every goroutine's shadow stack, defer and panic
//    records and entry closure; the registered globals; and whatever the
//    registered root scanners report. Everything else in the heap that is
//    unreachable from those is freed.
//  - C++ runtime code that keeps a heap pointer in a local across anything
//    that may allocate must hold it in a RootFrame, exactly as generated code
//    holds it in its GolFrame.
#pragma once

#include <cstdint>

#include "gol/abi.h"
#include "gol/cxx.h"
#include "runtime/runtime2.h"

namespace gol::rt {

// Called by gol_alloc before allocating size bytes: honours a pending
// preemption request, and collects when the heap has reached the GOGC goal.
void gcMaybeCollect(GolG* g, uintptr_t size);
// runtime.GC(): a full collection, now.
void gcCollect(GolG* g);
// debug.FreeOSMemory(): a full collection that returns all free memory.
void gcFreeOSMemory(GolG* g);
// Collects with only the given goroutines as stack roots, without stopping
// the world, and returns all free memory: for a process that has no
// scheduler running (unit tests, and start-up before the first goroutine
// exists). The caller guarantees no other thread runs gol code.
void gcCollectGoroutines(G* const* gs, int64_t n);

// debug.SetGCPercent: returns the previous setting; negative disables.
int32_t gcSetPercent(int32_t percent);

// For root scanners: mark the object p points into (ignored when p is not a
// heap pointer), or every pointer in a typed value outside the heap.
void gcMarkPointer(const void* p);
void gcMarkTyped(const void* addr, const GolType* t);
// A root scanner is called during every collection's root phase.
using RootScanner = void (*)();
void gcAddRootScanner(RootScanner scan);
// A start hook runs at the start of every collection, with the world
// stopped and before anything is marked, so references it drops are freed
// by this very collection (sync.Pool's caches, as Go's clearpools).
using StartHook = void (*)();
void gcAddStartHook(StartHook hook);

// The most recent pauses kept, as MemStats.PauseNs.
constexpr int kPauseHistory = 256;

struct GCStats {
  uint64_t numGC;
  uint64_t nextGC;           // heap goal in bytes
  uint64_t pauseTotalNs;
  // Cycle n (from 1) is at index (n - 1) % kPauseHistory, as in Go.
  uint64_t pauseNs[kPauseHistory];
  uint64_t pauseEndUnixNs[kPauseHistory];
  uint64_t lastEndUnixNs;    // wall-clock end of the last collection
  uint64_t numForcedGC;      // collections run by gcCollect
  int32_t percent;           // GOGC; negative = off
  double cpuFraction;        // of the program's time since start, as GCCPUFraction
};
GCStats gcStats();
// The share of available CPU time (elapsed time times GOMAXPROCS) spent in
// collection pauses since the program started.
double gcCPUFraction();

// C++ code roots the pointers it holds with gol/cxx.h's RootFrame.
using gol::RootFrame;

}  // namespace gol::rt
