// api.cpp — the natives of package runtime and runtime/debug that belong to
// memory, GC, panics and tracebacks (Go's mgc.go, mstats.go, panic.go and
// traceback.go API), in the gol ABI under their gol names ("runtime.GC"),
// listed by symtab.cpp.
//
// Invariants
//  - MemStats is filled in the field order and layout of Go's
//    runtime.MemStats (checked by static_asserts), so the runtime package can
//    declare the struct exactly as Go does.
//  - Statistics that read other goroutines (ReadMemStats, Stack with all)
//    stop the world, as Go does.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

#include "runtime/api.h"
#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/mgcpacer.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/traceback.h"

namespace gol::rt {

namespace {

// Go's runtime.MemStats.
struct MemStats {
  uint64_t Alloc, TotalAlloc, Sys, Lookups, Mallocs, Frees;
  uint64_t HeapAlloc, HeapSys, HeapIdle, HeapInuse, HeapReleased, HeapObjects;
  uint64_t StackInuse, StackSys, MSpanInuse, MSpanSys, MCacheInuse, MCacheSys;
  uint64_t BuckHashSys, GCSys, OtherSys, NextGC, LastGC, PauseTotalNs;
  uint64_t PauseNs[256];
  uint64_t PauseEnd[256];
  uint32_t NumGC, NumForcedGC;
  double GCCPUFraction;
  bool EnableGC, DebugGC;
  struct {
    uint32_t Size;
    uint64_t Mallocs, Frees;
  } BySize[61];
};
static_assert(offsetof(MemStats, PauseNs) == 192 && offsetof(MemStats, NumGC) == 4288 &&
                  offsetof(MemStats, EnableGC) == 4304 && sizeof(MemStats) == 5776,
              "MemStats layout is Go's");

// Fills m with Go's relations: Sys is the sum of the *Sys fields, HeapIdle +
// HeapInuse == HeapSys, HeapReleased <= HeapIdle, Mallocs - Frees ==
// HeapObjects. Stack figures are segment address space (mgcpacer.h).
void fillMemStats(MemStats* m) {
  GCStats gs = gcStats();
  HeapLayout h = heapLayout();
  StackMemory st = stackMemory();
  uint64_t mallocs = heapMallocs(), frees = heapStats.frees.load();
  std::memset(m, 0, sizeof *m);
  m->Alloc = m->HeapAlloc = heapStats.heapLive.load();
  m->TotalAlloc = heapTotalAlloc();
  m->Mallocs = mallocs;
  m->Frees = frees;
  m->HeapObjects = mallocs > frees ? mallocs - frees : 0;
  m->HeapSys = heapStats.heapSys.load();
  m->HeapInuse = std::min(h.inUseBytes, m->HeapSys);
  m->HeapIdle = m->HeapSys - m->HeapInuse;
  m->HeapReleased = std::min(heapStats.heapReleased.load(), m->HeapIdle);
  m->StackInuse = st.inUse;
  m->StackSys = st.sys;
  m->MSpanInuse = h.spanInUseBytes;
  m->MSpanSys = h.spanSysBytes;
  m->MCacheInuse = m->MCacheSys = h.cacheBytes;
  m->GCSys = h.metadataBytes;
  m->Sys = m->HeapSys + m->StackSys + m->MSpanSys + m->MCacheSys + m->BuckHashSys + m->GCSys + m->OtherSys;
  m->NextGC = gs.percent < 0 && gs.nextGC == UINT64_MAX ? 0 : gs.nextGC;
  m->LastGC = gs.lastEndUnixNs;
  m->PauseTotalNs = gs.pauseTotalNs;
  static_assert(kPauseHistory == 256, "MemStats keeps 256 pauses");
  std::memcpy(m->PauseNs, gs.pauseNs, sizeof m->PauseNs);
  std::memcpy(m->PauseEnd, gs.pauseEndUnixNs, sizeof m->PauseEnd);
  m->NumGC = uint32_t(gs.numGC);
  m->NumForcedGC = uint32_t(gs.numForcedGC);
  m->GCCPUFraction = gs.cpuFraction;
  m->EnableGC = true;
  for (int c = 0; c < 61; c++) {
    m->BySize[c].Size = uint32_t(classToSize(c));
    m->BySize[c].Mallocs = c ? h.mallocsByClass[c] : 0;
    m->BySize[c].Frees = c ? h.freesByClass[c] : 0;
  }
}

std::string stackText(G* gp, bool all) {
  std::string out = goroutineHeader(gp, "running");
  formatTraceback(gp, out);
  if (all) {
    stopTheWorld("stack trace");
    formatOtherGoroutines(gp, out);
    startTheWorld();
  }
  return out;
}

}  // namespace

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

// runtime.GC()
void gol_rt_GC(GolG* g, void*) { gcCollect(g); }

// runtime.Goexit()
void gol_rt_Goexit(GolG* g, void*) { goexit(static_cast<G*>(g)); }

// runtime.KeepAlive(x any): the call itself keeps x's roots live until here.
void gol_rt_KeepAlive(GolG*, void*, const void*, void*) {}

// runtime.ReadMemStats(m *MemStats)
void gol_rt_ReadMemStats(GolG*, void*, void* m) {
  stopTheWorld("read mem stats");
  fillMemStats(static_cast<MemStats*>(m));
  startTheWorld();
}

// runtime.Stack(buf []byte, all bool) int
int64_t gol_rt_Stack(GolG* g, void*, uint8_t* buf, int64_t len, int64_t, bool all) {
  std::string text = stackText(static_cast<G*>(g), all);
  int64_t n = int64_t(text.size()) < len ? int64_t(text.size()) : len;
  std::memcpy(buf, text.data(), size_t(n));
  return n;
}

// runtime/debug.SetGCPercent(percent int) int
int64_t gol_rt_debug_SetGCPercent(GolG*, void*, int64_t percent) {
  return gcSetPercent(int32_t(percent < INT32_MIN ? INT32_MIN : percent > INT32_MAX ? INT32_MAX : percent));
}

// runtime/debug.SetMemoryLimit(limit int64) int64
int64_t gol_rt_debug_SetMemoryLimit(GolG*, void*, int64_t limit) { return pacerSetMemoryLimit(limit); }

// runtime/debug.SetPanicOnFault(enabled bool) bool: per goroutine, as Go's.
bool gol_rt_debug_SetPanicOnFault(GolG* g, void*, bool enabled) {
  G* gp = static_cast<G*>(g);
  bool old = gp->panicOnFault;
  gp->panicOnFault = enabled;
  return old;
}

// runtime/debug.SetMaxStack(bytes int) int
int64_t gol_rt_debug_SetMaxStack(GolG*, void*, int64_t bytes) { return setMaxStack(bytes); }

// runtime/debug.FreeOSMemory(): a collection that returns every free page
// run to the OS.
void gol_rt_debug_FreeOSMemory(GolG* g, void*) { gcFreeOSMemory(g); }

// Callers and their symbols. A PC is an address in gol code, or a return
// PC runtime.callers stored less one (Go's rule for naming the call).

// runtime.callers(skip int, pc []uintptr) int
int64_t gol_rt_callers(GolG* g, void*, int64_t skip, uintptr_t* pc, int64_t len, int64_t) {
  return goCallers(static_cast<G*>(g), skip, pc, len);
}

// runtime.pcFunction(pc uintptr) string: "" outside gol code.
GolString gol_rt_pcFunction(GolG*, void*, uintptr_t pc) {
  GolPCFrame f;
  return describePC(pc, f) ? f.function : GolString{nullptr, 0};
}

// runtime.pcFile(pc uintptr) string
GolString gol_rt_pcFile(GolG*, void*, uintptr_t pc) {
  GolPCFrame f;
  return describePC(pc, f) ? f.file : GolString{nullptr, 0};
}

// runtime.pcLine(pc uintptr) int
int64_t gol_rt_pcLine(GolG*, void*, uintptr_t pc) {
  GolPCFrame f;
  return describePC(pc, f) ? f.line : 0;
}

// runtime.pcEntry(pc uintptr) uintptr
uintptr_t gol_rt_pcEntry(GolG*, void*, uintptr_t pc) {
  GolPCFrame f;
  return describePC(pc, f) ? f.entry : 0;
}

}  // extern "C"
