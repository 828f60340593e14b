// traceback.h — goroutine tracebacks from machine frames (Go's traceback.go,
// in the format Go 1.21 prints).
//
// Invariants
//  - All code runs with frame pointers, so a goroutine's frames form a chain
//    of (saved rbp, return address) records on its stack segments. A running
//    goroutine is walked from the caller's frame; a goroutine that is not
//    running is walked from schedFP, recorded whenever it leaves its stack
//    (mcall, entersyscall), so parked goroutines print like running ones.
//  - The walk only dereferences addresses inside the goroutine's own stack
//    segments, so a damaged chain ends the traceback instead of faulting.
//  - What a return address means (function, file, line, inlined calls) comes
//    from the symbolizer the code's owner installed (gol_set_symbolizer).
//    Runtime frames, compiler helpers and morestack calls have no answer and
//    are not shown. Symbolizing runs on a private large stack.
//  - At most kMaxTracebackFrames frames are printed, then Go's
//    "...additional frames elided..." line.
//  - Formatting never allocates from the gol heap.
#pragma once

#include <string>
#include <vector>

#include "runtime/runtime2.h"

namespace gol::rt {

constexpr int kMaxTracebackFrames = 100;

// "goroutine 1 [running]:\n", or with how long it has waited and whether
// LockOSThread holds it: "goroutine 5 [chan receive, 3 minutes, locked to
// thread]:\n".
std::string goroutineHeader(G* gp, const char* status, int64_t minutes = 0);
// The bracketed state of a goroutine that is not the caller: "runnable",
// a wait reason ("chan receive"), "syscall" or "running".
const char* goroutineStatus(G* gp);
// The frames, innermost first, then "created by ..." for goroutines other
// than the main one:
//   main.f(...)
//   \tprog.gol:7
void formatTraceback(G* gp, std::string& out);
// The return addresses of the running goroutine gp's callers, innermost
// first, at most max: a stack to keep and format later.
std::vector<uintptr_t> captureStack(G* gp, size_t max);
// Formats return addresses as formatTraceback formats frames.
void formatStack(const std::vector<uintptr_t>& returnPCs, std::string& out);
void printTraceback(G* gp);
// Whether gp has gol frames to show (it has started running gol code).
bool hasTraceback(G* gp);
// Every goroutine but self, each after a blank line with its header and
// traceback, as Go's tracebackothers; the runtime's system goroutines only
// when system is set (GOTRACEBACK=system). The caller has stopped the world.
void formatOtherGoroutines(G* self, std::string& out, bool system = false);

// runtime.Callers: a PC for each of the running goroutine gp's gol frames,
// innermost first, after skipping skip of them; calls inlined into a
// function are frames of their own. Returns how many of max were stored.
int64_t goCallers(G* gp, int64_t skip, uintptr_t* out, int64_t max);
// The frame of the instruction at pc: a PC from goCallers less one names the
// call of its frame, any other address in gol code its innermost inlined
// frame. False outside gol code.
bool describePC(uintptr_t pc, GolPCFrame& frame);

}  // namespace gol::rt
