// mgc.cpp — precise stop-the-world mark-sweep collection (Go's mgc.go and
// mgcmark.go without the concurrency).
//
// Invariants
//  - Marking and sweeping happen inside one stop-the-world pause; no gol code
//    runs and no span changes owner meanwhile, so the mark phase needs no
//    atomics and the sweep can rebuild every allocation structure.
//  - Only words known to hold pointers are followed: frame roots per the
//    function's rootmask, globals and heap objects per their GolType's gcmask
//    (recorded in the heap bitmap at allocation). A word that does not point
//    into an allocated object is ignored, so pointers to static data and C
//    memory are harmless. The one conservative root: the saved registers and
//    innermost frames of a goroutine stopped by the preemption signal.
//  - Objects with a finalizer are not roots, what they reference is
//    (mfinal.cpp): those left unmarked after the mark phase are marked then,
//    their finalizers queued, and the world restarts before the finalizer
//    goroutine is woken.
//  - The mark stack is a C++ vector, so marking depth never depends on the
//    depth of the object graph and uses little of the goroutine's stack.
//  - Pacing as GOGC: the next collection starts when the heap reaches
//    live * (1 + GOGC/100), at least 4 MB; GOGC=off (or a negative percent)
//    disables automatic collections (from the very start: the 4 MB minimum
//    goal does not apply), runtime.GC() still collects.
//  - GC stress (GODEBUG=gcstress=N, N >= 1) collects at every Nth allocation
//    as long as GOGC is not off, and poisons what each sweep frees: a
//    temporary the compiler failed to root then shows up as wrong output or
//    a fault instead of staying hidden until the heap happens to be reused.
//  - Scavenging as Go's: after a collection the heap keeps up to 110% of the
//    next goal in memory (in use, or free and ready for reuse without a page
//    fault) and returns the rest to the OS, but not what this collection
//    freed; debug.FreeOSMemory and collections without a scheduler return
//    every free page run.
#include "runtime/mgc.h"

#include <time.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "runtime/malloc.h"
#include "runtime/mfinal.h"
#include "runtime/panic.h"
#include "runtime/proc.h"

namespace gol::rt {

namespace {

constexpr uint64_t kMinHeapGoal = 4 << 20;

struct Global {
  void* addr;
  const GolType* type;
};

struct Collector {
  std::mutex globalsLock;
  std::vector<Global> globals;
  std::vector<RootScanner> scanners;
  std::vector<StartHook> startHooks;
  std::vector<std::pair<uintptr_t, Span*>> work;   // mark stack: (object base, span)
  std::atomic<uint64_t> nextGC{kMinHeapGoal};
  std::atomic<int32_t> percent{100};
  uint64_t stressEvery = 0;                        // GODEBUG=gcstress=N; 0 = off
  std::atomic<uint64_t> stressCount{0};            // allocations seen in stress mode
  uint64_t numGC = 0;
  uint64_t lastLive = 0;
  uint64_t pauseTotalNs = 0;
  uint64_t lastPauseNs = 0;
  uint64_t lastEndUnixNs = 0;
  uint64_t numForcedGC = 0;
};
Collector gc;

int32_t percentFromEnv() {
  const char* s = getenv("GOGC");
  if (!s || !*s) return 100;
  if (strcmp(s, "off") == 0) return -1;
  char* end;
  long v = strtol(s, &end, 10);
  return *end ? 100 : int32_t(v);
}

// GODEBUG is a comma-separated list of name=value settings; gcstress is ours.
uint64_t stressFromEnv() {
  const char* s = getenv("GODEBUG");
  if (!s) return 0;
  static constexpr char kKey[] = "gcstress=";
  for (const char* p = s; *p;) {
    const char* end = strchr(p, ',');
    if (!end) end = p + strlen(p);
    if (strncmp(p, kKey, sizeof kKey - 1) == 0) {
      char* numEnd;
      unsigned long long v = strtoull(p + sizeof kKey - 1, &numEnd, 10);
      if (numEnd == end) return v;
    }
    p = *end ? end + 1 : end;
  }
  return 0;
}

uint64_t clockNs(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec);
}

void markWord(uintptr_t p) {
  Span* s;
  uint32_t i;
  uintptr_t base = findObject(p, &s, &i);
  if (!base || !s->mark(i)) return;
  if (!s->noscan) gc.work.push_back({base, s});
}

void drainMarkStack() {
  while (!gc.work.empty()) {
    auto [base, s] = gc.work.back();
    gc.work.pop_back();
    forEachPointerWord(base, s->elemsize,
                       [](uintptr_t addr) { markWord(*reinterpret_cast<uintptr_t*>(addr)); });
  }
}

void markFrame(const GolFrame* f) {
  const GolFuncInfo* fn = f->fn;
  if (!fn) return;
  for (int32_t w = 0; w < fn->nroots; w++) {
    if (!fn->rootmask || (fn->rootmask[w / 8] >> (w % 8) & 1))
      markWord(reinterpret_cast<uintptr_t>(f->roots[w]));
  }
}

// A goroutine stopped by the preemption signal may hold the only reference
// to an object in a register or a slot of its innermost frames: every word
// of that range (preempt.h) counts as a possible pointer.
void markAsyncPreempted(const G* gp) {
  for (uintptr_t a = gp->asyncLo; a + 8 <= gp->asyncHi; a += 8) markWord(*reinterpret_cast<const uintptr_t*>(a));
}

void markGoroutine(G* gp, void*) {
  markAsyncPreempted(gp);
  for (const GolFrame* f = gp->frame; f; f = f->prev) markFrame(f);
  markWord(reinterpret_cast<uintptr_t>(gp->entry));
  markDeferAndPanicRoots(gp);
}

void markGlobals() {
  std::lock_guard<std::mutex> l(gc.globalsLock);
  for (const Global& v : gc.globals) gcMarkTyped(v.addr, v.type);
}

void updateGoal(uint64_t live) {
  int32_t pct = gc.percent.load();
  uint64_t growth, goal;
  if (pct < 0 || __builtin_mul_overflow(live, uint64_t(pct), &growth) ||
      __builtin_add_overflow(live, growth / 100, &goal))
    goal = UINT64_MAX;
  gc.nextGC.store(goal < kMinHeapGoal ? kMinHeapGoal : goal);
}

struct SettingsInit {
  SettingsInit() {
    gc.percent.store(percentFromEnv());
    gc.stressEvery = stressFromEnv();
    updateGoal(0);
  }
};
const SettingsInit settingsInit;

// Marks from every root the goroutine iterator reports, sweeps, and returns
// free memory to the OS (all of it, or what exceeds the scavenging goal). The
// world is stopped.
void collect(void (*eachG)(void (*)(G*, void*), void*), void* gs, bool releaseAll) {
  uint64_t start = clockNs(CLOCK_MONOTONIC);
  for (StartHook hook : gc.startHooks) hook();
  eachG(markGoroutine, gs);
  markGlobals();
  for (RootScanner scan : gc.scanners) scan();
  finalizerMarkRoots();
  drainMarkStack();
  if (finalizerQueueUnreachable()) drainMarkStack();
  uint64_t live = sweepHeap(gc.stressEvery != 0);
  gc.lastLive = live;
  gc.numGC++;
  updateGoal(live);
  uint64_t goal = gc.nextGC.load();
  scavengeHeap(releaseAll ? 0 : goal + std::min(goal / 10, UINT64_MAX - goal), releaseAll);
  gc.lastPauseNs = clockNs(CLOCK_MONOTONIC) - start;
  gc.lastEndUnixNs = clockNs(CLOCK_REALTIME);
  gc.pauseTotalNs += gc.lastPauseNs;
}

struct GList {
  G* const* gs;
  int64_t n;
};

void eachListed(void (*fn)(G*, void*), void* arg) {
  auto* l = static_cast<GList*>(arg);
  for (int64_t i = 0; i < l->n; i++) fn(l->gs[i], nullptr);
}

void eachScheduled(void (*fn)(G*, void*), void*) { forEachG(fn, nullptr); }

// True when this thread runs goroutines of a started scheduler (see
// gcCollectGoroutines for the path without one).
bool schedulerRunning() { return getg() != nullptr; }

void requireScheduler() {
  if (!schedulerRunning()) fatal("runtime: garbage collection outside a goroutine");
}

// Collects unless a collection finished after the caller saw cycle `seen`
// (then that one already did the caller's work). stopTheWorld serialises
// concurrent callers.
enum class Trigger { Goal, Stress, Forced };

void collectStopped(uint64_t seen, Trigger why, bool releaseAll) {
  requireScheduler();
  stopTheWorld("GC");
  bool needed = gc.numGC == seen && (why != Trigger::Goal || heapStats.heapLive.load() >= gc.nextGC.load());
  if (needed) {
    collect(eachScheduled, nullptr, releaseAll);
    if (why == Trigger::Forced) gc.numForcedGC++;
  }
  startTheWorld();
  // runtime.GC() lets the finalizers it queued run before it returns, as
  // Go's does by yielding while it sweeps.
  if (needed && finalizerWake() && why == Trigger::Forced) gosched();
}

bool stressDue() {
  return gc.stressEvery && gc.percent.load(std::memory_order_relaxed) >= 0 &&
         (gc.stressCount.fetch_add(1, std::memory_order_relaxed) + 1) % gc.stressEvery == 0;
}

}  // namespace

void gcMaybeCollect(GolG* g, uintptr_t size) {
  // An allocation is a safe point: a loop that only allocates must not hold
  // off a stop-the-world that waits for this goroutine.
  if (g && static_cast<G*>(g)->preempt.load(std::memory_order_relaxed)) preemptPark(static_cast<G*>(g));
  bool stress = stressDue();
  if (!stress && heapStats.heapLive.load(std::memory_order_relaxed) + size < gc.nextGC.load(std::memory_order_relaxed))
    return;
  // Without a running scheduler there is no safe way to find every root: a
  // heap that outgrows its goal simply keeps growing until one runs.
  if (!g || !schedulerRunning()) return;
  collectStopped(gc.numGC, stress ? Trigger::Stress : Trigger::Goal, false);
}

void gcCollect(GolG*) { collectStopped(gc.numGC, Trigger::Forced, false); }

void gcFreeOSMemory(GolG*) { collectStopped(gc.numGC, Trigger::Forced, true); }

void gcCollectGoroutines(G* const* gs, int64_t n) {
  GList l{gs, n};
  collect(eachListed, &l, true);
}

int32_t gcSetPercent(int32_t percent) {
  int32_t old = gc.percent.exchange(percent < 0 ? -1 : percent);
  updateGoal(gc.lastLive);
  return old;
}

void gcMarkPointer(const void* p) { markWord(reinterpret_cast<uintptr_t>(p)); }

void gcMarkTyped(const void* addr, const GolType* t) {
  auto* words = static_cast<void* const*>(addr);
  for (int64_t w = 0; w < t->ptrdata / 8; w++) {
    if (t->gcmask[w / 8] >> (w % 8) & 1) markWord(reinterpret_cast<uintptr_t>(words[w]));
  }
}

void gcAddRootScanner(RootScanner scan) {
  std::lock_guard<std::mutex> l(gc.globalsLock);
  gc.scanners.push_back(scan);
}

void gcAddStartHook(StartHook hook) {
  std::lock_guard<std::mutex> l(gc.globalsLock);
  gc.startHooks.push_back(hook);
}

GCStats gcStats() {
  return GCStats{gc.numGC,        gc.nextGC.load(),     gc.lastLive,
                 gc.pauseTotalNs, gc.lastPauseNs,       gc.lastEndUnixNs,
                 gc.numForcedGC,  gc.percent.load()};
}

}  // namespace gol::rt

extern "C" void gol_register_globals(void* const* addrs, const GolType* const* types, int64_t n) {
  using namespace gol::rt;
  std::lock_guard<std::mutex> l(gc.globalsLock);
  for (int64_t i = 0; i < n; i++) gc.globals.push_back({addrs[i], types[i]});
}
