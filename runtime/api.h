// api.h — natives of packages runtime and runtime/debug implemented by the
// memory/panic half of the runtime (api.cpp). Each has the gol ABI and is
// listed in gol_runtime_symbols under the gol name in its comment; the
// runtime package declares them without bodies.
#pragma once

#include <cstdint>

#include "gol/abi.h"

extern "C" {
void gol_rt_GC(GolG* g, void* ctx);                                  // runtime.GC
void gol_rt_Goexit(GolG* g, void* ctx);                              // runtime.Goexit
void gol_rt_KeepAlive(GolG* g, void* ctx, const void* tab, void* data);  // runtime.KeepAlive
void gol_rt_ReadMemStats(GolG* g, void* ctx, void* m);               // runtime.ReadMemStats
int64_t gol_rt_Stack(GolG* g, void* ctx, uint8_t* buf, int64_t len, int64_t cap, bool all);  // runtime.Stack
int64_t gol_rt_debug_SetGCPercent(GolG* g, void* ctx, int64_t percent);  // runtime/debug.SetGCPercent
int64_t gol_rt_debug_SetMemoryLimit(GolG* g, void* ctx, int64_t limit);   // runtime/debug.SetMemoryLimit
void gol_rt_debug_FreeOSMemory(GolG* g, void* ctx);                  // runtime/debug.FreeOSMemory
bool gol_rt_debug_SetPanicOnFault(GolG* g, void* ctx, bool enabled);  // runtime/debug.SetPanicOnFault
int64_t gol_rt_debug_SetMaxStack(GolG* g, void* ctx, int64_t bytes);   // runtime/debug.SetMaxStack

// Callers and their symbols (Caller, Callers, CallersFrames, FuncForPC).
int64_t gol_rt_callers(GolG* g, void* ctx, int64_t skip, uintptr_t* pc, int64_t len, int64_t cap);  // runtime.callers
GolString gol_rt_pcFunction(GolG* g, void* ctx, uintptr_t pc);  // runtime.pcFunction
GolString gol_rt_pcFile(GolG* g, void* ctx, uintptr_t pc);      // runtime.pcFile
int64_t gol_rt_pcLine(GolG* g, void* ctx, uintptr_t pc);        // runtime.pcLine
uintptr_t gol_rt_pcEntry(GolG* g, void* ctx, uintptr_t pc);     // runtime.pcEntry
}
