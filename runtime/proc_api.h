// proc_api.h — scheduler natives of package runtime (see proc_api.cpp).
#pragma once

#include "gol/abi.h"

extern "C" {
int64_t gol_rt_NumGoroutine(GolG* g, void* ctx);          // runtime.NumGoroutine
int64_t gol_rt_NumCPU(GolG* g, void* ctx);                // runtime.NumCPU
int64_t gol_rt_GOMAXPROCS(GolG* g, void* ctx, int64_t n);  // runtime.GOMAXPROCS
void gol_rt_Gosched(GolG* g, void* ctx);                  // runtime.Gosched
void gol_rt_LockOSThread(GolG* g, void* ctx);             // runtime.LockOSThread
void gol_rt_UnlockOSThread(GolG* g, void* ctx);           // runtime.UnlockOSThread
int64_t gol_rt_debug_SetMaxThreads(GolG* g, void* ctx, int64_t n);  // runtime/debug.SetMaxThreads
void gol_rt_debug_SetTraceback(GolG* g, void* ctx, const uint8_t* p, int64_t n);  // runtime/debug.SetTraceback
}
