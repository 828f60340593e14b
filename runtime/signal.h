// signal.h — the runtime's signal handling: which signals it takes over, the
// alternate stack each M handles them on, and how faults are reported.
//
// Invariants
//  - Handlers run on the M's alternate signal stack, never on a goroutine
//    segment: a segment has only its guard reserve below the running code,
//    and a signal frame with the full vector state may not fit there.
//  - Handlers are async-signal-safe: atomics and reads of the interrupted
//    thread's own G only; no locks, no allocation. errno is preserved.
//  - A SIGSEGV or SIGBUS in generated code on a goroutine becomes a call to
//    gol_sigpanic from the faulting instruction, as Go's sigpanic: a nil
//    dereference (address below 4096) panics as Go's; any other fault panics
//    with a runtime.Error when the goroutine asked for it with
//    debug.SetPanicOnFault, otherwise it is Go's fatal "fault". A fault
//    anywhere else is a runtime failure: Go's "unexpected signal during
//    runtime execution" report, exit 2.
#pragma once

#include <signal.h>

#include <string>

#include "runtime/runtime2.h"

namespace gol::rt {

// The preemption signal, as Go's: SIGURG is rarely used by programs and its
// default action is to ignore it.
constexpr int kPreemptSignal = SIGURG;

// Installs the runtime's handlers (idempotent).
void initSignals();
// Gives the calling thread, a new M, its alternate signal stack.
void minitSignals();

// Go's "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]"
// line, newline included.
std::string signalLine(const Fault& f);

}  // namespace gol::rt
