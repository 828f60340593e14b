// sync_api.h — the natives package sync gets from the runtime (Go's
// linkname'd sync.runtime_* functions): semaphores, notify lists, spinning,
// the clock, fatal errors and pool cleanup registration. Each has the gol ABI
// and is listed in gol_runtime_symbols under the gol name in its comment;
// stdlib/sync declares them without bodies.
#pragma once

#include <cstdint>

#include "gol/abi.h"

extern "C" {
void gol_sync_Semacquire(GolG* g, void* ctx, uint32_t* s);  // sync.runtime_Semacquire
void gol_sync_SemacquireMutex(GolG* g, void* ctx, uint32_t* s, bool lifo,
                              int64_t skipframes);  // sync.runtime_SemacquireMutex
void gol_sync_SemacquireRWMutexR(GolG* g, void* ctx, uint32_t* s, bool lifo,
                                 int64_t skipframes);  // sync.runtime_SemacquireRWMutexR
void gol_sync_SemacquireRWMutex(GolG* g, void* ctx, uint32_t* s, bool lifo,
                                int64_t skipframes);  // sync.runtime_SemacquireRWMutex
void gol_sync_Semrelease(GolG* g, void* ctx, uint32_t* s, bool handoff,
                         int64_t skipframes);  // sync.runtime_Semrelease
uint32_t gol_sync_notifyListAdd(GolG* g, void* ctx, void* l);          // sync.runtime_notifyListAdd
void gol_sync_notifyListWait(GolG* g, void* ctx, void* l, uint32_t t);  // sync.runtime_notifyListWait
void gol_sync_notifyListNotifyAll(GolG* g, void* ctx, void* l);        // sync.runtime_notifyListNotifyAll
void gol_sync_notifyListNotifyOne(GolG* g, void* ctx, void* l);        // sync.runtime_notifyListNotifyOne
bool gol_sync_canSpin(GolG* g, void* ctx, int64_t i);                  // sync.runtime_canSpin
void gol_sync_doSpin(GolG* g, void* ctx);                              // sync.runtime_doSpin
int64_t gol_sync_nanotime(GolG* g, void* ctx);                         // sync.runtime_nanotime
void gol_sync_registerPool(GolG* g, void* ctx, void* caches);          // sync.runtime_registerPool
void gol_sync_fatal(GolG* g, void* ctx, const uint8_t* s, int64_t n)
    __attribute__((noreturn));  // sync.fatal and sync.throw
}
