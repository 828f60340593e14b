// signal.h — the runtime's signal handling: which signals it takes over, the
// alternate stack each M handles them on, and how faults are reported.
//
// Invariants
//  - Handlers run on the M's alternate signal stack (threads that are not
//    Ms, on their own stacks), never on a goroutine segment: a segment has
//    only its guard reserve below the running code, and a signal frame with
//    the full vector state may not fit there.
//  - Handlers are async-signal-safe: atomics, system calls and reads of the
//    interrupted thread's own G only; no locks, no allocation. errno is
//    preserved.
//  - A SIGSEGV or SIGBUS in generated code on a goroutine becomes a call to
//    gol_sigpanic from the faulting instruction, as Go's sigpanic: a nil
//    dereference (address below 4096) panics as Go's; any other fault panics
//    with a runtime.Error when the goroutine asked for it with
//    debug.SetPanicOnFault, otherwise it is Go's fatal "fault". A fault
//    anywhere else is a runtime failure: Go's "unexpected signal during
//    runtime execution" report, exit 2.
//  - Signals for os/signal: the handler sets the signal's bit in a pending
//    mask and wakes the goroutine in signal_recv; nothing else. SIGQUIT that
//    no channel wants records the interrupted registers and wakes sysmon,
//    which starts a system goroutine to print Go's SIGQUIT report. Signals
//    Go drops unless notified (SIGUSR1, SIGUSR2, ...) have the handler from
//    the start; others (SIGINT, SIGTERM, SIGHUP...) only while notified.
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
// Gives the calling thread, a new M, its alternate signal stack;
// unminitSignals takes it back from an M whose thread ends.
void minitSignals();
void unminitSignals();

// Called by sysmon whenever it wakes: starts the SIGQUIT report once the
// handler has asked for it (a handler can do nothing but record).
void pollSignals();

// Go's "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]"
// line, newline included.
std::string signalLine(const Fault& f);

}  // namespace gol::rt

// Natives of package os/signal (Go's signal_enable & co. in sigqueue.go),
// listed by symtab.cpp: enable delivers sig to signal_recv, disable gives it
// back its default action, ignore sets SIG_IGN.
extern "C" {
void gol_signal_enable(GolG* g, void* ctx, int64_t sig);
void gol_signal_disable(GolG* g, void* ctx, int64_t sig);
void gol_signal_ignore(GolG* g, void* ctx, int64_t sig);
bool gol_signal_ignored(GolG* g, void* ctx, int64_t sig);
int64_t gol_signal_recv(GolG* g, void* ctx);
}
