// proc_api.h — scheduler natives of package runtime (see proc_api.cpp).
#pragma once

#include "gol/abi.h"

extern "C" {
int64_t gol_rt_NumGoroutine(GolG* g, void* ctx);          // runtime.NumGoroutine
int64_t gol_rt_NumCPU(GolG* g, void* ctx);                // runtime.NumCPU
int64_t gol_rt_GOMAXPROCS(GolG* g, void* ctx, int64_t n);  // runtime.GOMAXPROCS
void gol_rt_Gosched(GolG* g, void* ctx);                  // runtime.Gosched
}
