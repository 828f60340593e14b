// traceback.h — goroutine tracebacks from the shadow stack (Go's
// traceback.go, in the format Go 1.21 prints).
//
// Invariants
//  - A traceback is read from the GolFrame chain alone, so any goroutine can
//    be printed, running or parked (the caller guarantees a parked one stays
//    parked while it is read).
//  - Frames of compiler wrappers (GOL_FN_WRAPPER, which includes the
//    runtime's own root and defer-call frames) and frames without function
//    info are not shown.
//  - Formatting never allocates from the gol heap.
#pragma once

#include <string>

#include "runtime/runtime2.h"

namespace gol::rt {

// "goroutine 1 [running]:\n"
std::string goroutineHeader(G* gp, const char* status);
// The frames, innermost first, then "created by ..." for goroutines other
// than the main one:
//   main.f(...)
//   \tprog.gol:7
void formatTraceback(G* gp, std::string& out);
void printTraceback(G* gp);
// Every goroutine but self, each after a blank line with its header and
// traceback, as Go's tracebackothers. The caller has stopped the world.
void formatOtherGoroutines(G* self, std::string& out);

}  // namespace gol::rt
