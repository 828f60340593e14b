// signal.h — the runtime's signal handling: which signals it takes over and
// the alternate stack each M handles them on.
//
// Invariants
//  - Handlers run on the M's alternate signal stack, never on a goroutine
//    segment: a segment has only its guard reserve below the running code,
//    and a signal frame with the full vector state may not fit there.
//  - Handlers are async-signal-safe: atomics and reads of the interrupted
//    thread's own G only; no locks, no allocation. errno is preserved.
#pragma once

#include <signal.h>

namespace gol::rt {

// The preemption signal, as Go's: SIGURG is rarely used by programs and its
// default action is to ignore it.
constexpr int kPreemptSignal = SIGURG;

// Installs the runtime's handlers (idempotent).
void initSignals();
// Gives the calling thread, a new M, its alternate signal stack.
void minitSignals();

}  // namespace gol::rt
