// leakcheck.h — GODEBUG=leakcheck: goroutines still alive when main returns,
// reported with where they wait and where they were created (goleak's
// check, built into the runtime).
//
// Invariants
//  - The level is read once at start-up: 0 off, 1 report, 2 report and exit
//    with status 2 when anything leaked. Off, the runtime pays one predictable
//    branch per go statement and nothing else.
//  - With the check on, every goroutine remembers its creator's stack at the
//    go statement (return addresses only; symbolized at report time).
//  - The report runs on the main goroutine after main returns, with the world
//    stopped, and only then: os.Exit and fatal errors skip it. System
//    goroutines (the finalizer goroutine) are never reported.
#pragma once

#include "runtime/runtime2.h"

namespace gol::rt {

int leakcheckLevel();
// Called by the go statement, on the parent, for a new goroutine.
void leakRecordCreation(G* child, G* parent);
// Reports the goroutines other than self that are still alive; returns
// whether there were any.
bool leakReport(G* self);

}  // namespace gol::rt
