// proc_api.cpp — the natives of package runtime that belong to the scheduler
// (Go's proc.go and debug.go API): NumGoroutine, NumCPU, GOMAXPROCS, Gosched,
// LockOSThread, UnlockOSThread, debug.SetMaxThreads and debug.SetTraceback,
// in the gol ABI under their gol names, registered in symtab.cpp.
//
// Invariant: GOMAXPROCS(n) with n <= 0 only reads the setting; otherwise it
// sets it and returns the previous value, safe while goroutines run.
#include "runtime/proc_api.h"

#include "runtime/panic.h"
#include "runtime/proc.h"

extern "C" {

int64_t gol_rt_NumGoroutine(GolG*, void*) { return gol::rt::numGoroutine(); }
int64_t gol_rt_NumCPU(GolG*, void*) { return gol::rt::numCPU(); }
int64_t gol_rt_GOMAXPROCS(GolG*, void*, int64_t n) {
  // Go caps the setting at 1024 (_MaxGomaxprocs).
  return gol::rt::gomaxprocs(n <= 0 ? 0 : int32_t(n > 1024 ? 1024 : n));
}
void gol_rt_Gosched(GolG*, void*) { gol::rt::gosched(); }
void gol_rt_LockOSThread(GolG* g, void*) { gol::rt::lockOSThread(static_cast<gol::rt::G*>(g)); }
void gol_rt_UnlockOSThread(GolG* g, void*) { gol::rt::unlockOSThread(static_cast<gol::rt::G*>(g)); }
int64_t gol_rt_debug_SetMaxThreads(GolG*, void*, int64_t n) { return gol::rt::setMaxThreads(n); }
void gol_rt_debug_SetTraceback(GolG*, void*, const uint8_t* p, int64_t n) {
  gol::rt::setTraceback(std::string_view(reinterpret_cast<const char*>(p), size_t(n)));
}

}  // extern "C"
