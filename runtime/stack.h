// stack.h — goroutine stack segments (see stack.cpp for the design).
#pragma once

#include <cstddef>
#include <cstdint>

#include "runtime/runtime2.h"

namespace gol::rt {

// Size of a goroutine's first segment (a slot of the shared reservation).
constexpr size_t kStackSlotSize = 64 * 1024;
// Go's default maximum stack size on 64-bit systems.
constexpr int64_t kDefaultMaxStack = 1000000000;

// debug.SetMaxStack: sets the limit on one goroutine's segments in total and
// returns the previous one.
int64_t setMaxStack(int64_t bytes);

// Gives gp its first segment and sets its stackguard.
void stackInit(G* gp);
// Frees every segment of a dead goroutine (runs on g0).
void stackRelease(G* gp);
// Highest usable (16-byte aligned) address of seg.
uintptr_t stackTop(const StackSeg* seg);

// After a recovery jumped back into seg: frees the segments above it (keeping
// one as the cache) and makes seg current.
void unwindStackTo(G* gp, StackSeg* seg);

// Installs guard as gp's stackguard unless a preemption request poisoned
// it meanwhile (the request must not be lost).
void setStackguard(G* gp, uintptr_t guard);

// Pool statistics, for tests.
struct StackPoolStats {
  int64_t slotsInUse;
  int64_t slotsPooled;
  int64_t bytesReserved;
};
StackPoolStats stackPoolStats();

// Stack memory for MemStats, as address space: a first slot counts whole
// although only the pages its goroutine touched are resident.
struct StackMemory {
  uint64_t inUse;   // segments held by goroutines
  uint64_t sys;     // inUse plus pooled slots
};
StackMemory stackMemory();

}  // namespace gol::rt

extern "C" {
// stack_switch.S: runs thunk(g, pack) with rsp = sp, keeping the frame-pointer
// chain intact across the switch, then returns on the original stack.
void gol_call_on_stack(GolG* g, void (*thunk)(GolG*, void*), void* pack, uintptr_t sp);
}
