// runtime2.h — the runtime's core data structures (G, and the hooks the
// memory, panic and scheduler parts share), as Go's runtime2.go.
//
// Invariants
//  - G begins with GolG (include/gol/abi.h): generated code reads stackguard
//    and links GolFrame records through frame. Nothing else in G is visible to
//    generated code.
//  - A G's shadow stack (frame chain), defer chain and panic chain belong to
//    that G alone; another thread reads them only while the G is stopped
//    (parked, runnable-not-running, or stopped by stop-the-world).
//  - Fields are grouped by owner: scheduling fields are written by proc/chan/
//    select/sema/time code, the defer/panic fields by panic.cpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "gol/abi.h"

namespace gol::rt {

struct M;
struct P;
struct Defer;   // panic.cpp
struct Panic;   // panic.cpp
struct Sudog;   // chan.cpp

// Goroutine states, as Go's _Grunnable etc.
enum class GStatus : uint32_t {
  Idle,       // just allocated, not yet initialised
  Runnable,   // on a run queue
  Running,    // owned by an M
  Syscall,    // in a blocking system call, P handed off
  Waiting,    // parked: see waitReason
  Dead,       // exited; may be reused
};

// Why a goroutine is parked; printed in tracebacks as Go prints it
// ("chan receive", "select", "sleep", ...).
enum class WaitReason : uint8_t {
  Zero,
  ChanReceive,
  ChanSend,
  ChanReceiveNilChan,
  ChanSendNilChan,
  Select,
  SelectNoCases,
  Sleep,
  SyncMutexLock,
  SyncRWMutexLock,
  SyncRWMutexRLock,
  SyncCondWait,
  SyncWaitGroupWait,
  Semacquire,
  GCStopTheWorld,
  Preempted,
  IOWait,
  FinalizerWait,
};
const char* waitReasonString(WaitReason r);

// A stack segment: [lo, hi). Segments of one goroutine form a chain through
// prev (older, shallower) as the goroutine's stack grows.
struct StackSeg {
  uintptr_t lo = 0;
  uintptr_t hi = 0;
  StackSeg* prev = nullptr;
  StackSeg* cachedNext = nullptr;  // kept to avoid the hot split
};

// A memory fault as the signal handler saw it (Go's sigcode0/sigcode1/sigpc).
struct Fault {
  int32_t signo = 0;
  int32_t code = 0;
  uintptr_t addr = 0;
  uintptr_t pc = 0;
};

struct G : GolG {
  // --- scheduler (proc.cpp, stack.cpp) ---
  int64_t goid = 0;
  std::atomic<GStatus> status{GStatus::Idle};
  WaitReason waitReason = WaitReason::Zero;
  void* context = nullptr;          // saved fcontext while not running
  StackSeg* stack = nullptr;        // current (innermost) segment
  M* m = nullptr;                   // M running this G, if any
  G* schedlink = nullptr;           // run-queue / free-list link
  void* entry = nullptr;            // func() closure this goroutine runs
  int64_t parentGoid = 0;           // for "created by ... in goroutine N"
  uintptr_t createdPC = 0;           // return address of the go statement's gol_go call
  std::vector<uintptr_t> creationStack;  // the creator's stack, with GODEBUG=leakcheck
  uintptr_t schedFP = 0;             // frame pointer when it last left its stack (traceback)
  std::atomic<bool> preempt{false}; // stackguard poisoned for this reason
  int64_t waitSince = 0;            // parkClock() when parked (for "N minutes")
  Sudog* waiting = nullptr;         // sudogs this G is parked on (select)
  void* param = nullptr;            // wake-up parameter from the waker
  std::atomic<bool> selectDone{false};  // a select case won (CAS by wakers)
  int64_t timerWhen = 0;
  void* tsanFiber = nullptr;        // ThreadSanitizer fiber (TSan builds only)
  uintptr_t asyncLo = 0;            // while stopped by the preemption signal: the
  uintptr_t asyncHi = 0;            // range scanned conservatively (preempt.h)
  Fault fault;                      // the fault gol_sigpanic reports (signal.cpp)
  bool panicOnFault = false;        // debug.SetPanicOnFault
  bool system = false;              // runtime-internal (goSystem): not counted or shown
  M* lockedm = nullptr;             // runtime.LockOSThread: the only M that runs it
  uint32_t lockedCount = 0;         //   and how many unmatched LockOSThread calls

  // --- defer / panic / recover (panic.cpp) ---
  Defer* defers = nullptr;
  Panic* panics = nullptr;
  bool goexiting = false;
};

// The G running on this thread (never null inside gol code; the runtime's
// system goroutine g0 when in the scheduler). Implemented in proc.cpp without
// letting the compiler cache the TLS address across a context switch.
G* getg();

// Calls fn for every goroutine that is not Dead. The caller holds the world
// stopped (or tolerates races, e.g. for NumGoroutine-style counts).
void forEachG(void (*fn)(G*, void*), void* arg);

// Stops every other goroutine at a safe point (a call into the runtime, a
// function prologue, or with the preemption signal any instruction of
// generated code; preempt.h) and returns once none runs gol code;
// startTheWorld lets them go. Used by the collector and by fatal-error
// tracebacks.
void stopTheWorld(const char* reason);
void startTheWorld();

// Fatal errors: print "fatal error: MSG", the tracebacks Go prints, exit 2.
[[noreturn]] void fatal(const char* msg);
// Go's runtime.fatal for misuse found by library code on a goroutine (sync's
// "unlock of unlocked mutex"): as fatal, but it first stops the world and
// then also prints every other goroutine, as Go does. Not recoverable.
[[noreturn]] void fatalUser(const char* msg);

}  // namespace gol::rt
