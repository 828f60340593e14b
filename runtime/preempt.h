// preempt.h — stopping a goroutine that does not stop by itself: the
// cooperative request (poisoned stackguard, honoured at the next prologue or
// allocation) and the asynchronous one (a signal to its thread, honoured at
// any instruction of generated code).
//
// Invariants
//  - A goroutine is asked to stop by setting G::preempt and poisoning its
//    stackguard; with asynchronous preemption enabled its thread also gets
//    kPreemptSignal. Whichever path reaches the goroutine first clears
//    G::preempt; a stale request only costs one extra yield.
//  - The signal handler acts only when the interrupted PC lies in a code
//    range registered through gol_register_code (generated code), the thread
//    runs a user goroutine whose preempt flag is set, and its stack segment
//    has room for the register save area. Everywhere else (runtime, natives,
//    libc, the scheduler) it returns and the request stays pending.
//  - While a goroutine is stopped asynchronously, G::asyncLo..asyncHi covers
//    its saved registers (general and vector) and its innermost frames; the
//    collector scans that range conservatively and the shadow stack
//    precisely. The range is empty (0, 0) whenever the goroutine runs.
#pragma once

#include <cstdint>

#include "runtime/runtime2.h"

namespace gol::rt {

struct P;

// Asks the goroutine running on pp (if any and not self) to stop.
void preemptone(P* pp, G* self);
// Asks every running goroutine to stop, as sysmon does for one that ran too
// long (proc.cpp; tests use it to preempt often).
void preemptRunning();

// Whether preemption requests also send signals (GODEBUG=asyncpreemptoff=1
// turns it off). Read once from the environment by initPreemption.
bool asyncPreemptEnabled();
void setAsyncPreemptEnabled(bool on);
void initPreemption();

// True when pc is inside registered generated code. Async-signal-safe.
bool inGeneratedCode(uintptr_t pc);
// True when pc is a return address inside the save stub: the frame above it
// was stopped at pc exactly, not at a call that returns there.
bool inAsyncPreemptStub(uintptr_t pc);

// The signal handler's part: decides whether the interrupted context
// (a ucontext_t) may stop here and, if so, redirects it to the save stub.
void asyncPreemptSignal(void* ucontext);

// How many times goroutines stopped for a preemption request, by path, and
// how many preemption signals were sent.
struct PreemptStats {
  int64_t cooperative;  // at a prologue or an allocation
  int64_t async;        // by the signal, at an arbitrary instruction
  int64_t signals;
};
PreemptStats preemptStats();

}  // namespace gol::rt
