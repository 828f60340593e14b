// mgc.cpp — precise stop-the-world mark-sweep collection (Go's mgc.go and
// mgcmark.go without the concurrency).
//
// Invariants
//  - Marking and sweeping happen inside one stop-the-world pause; no gol code
//    runs and no span changes owner meanwhile, so the sweep can rebuild
//    every allocation structure. Roots are marked by the collecting thread;
//    the grey objects are then drained by it and, when there are enough of
//    them, by helper threads (mgcwork.h), so mark bits are set atomically.
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
//  - Mark stacks are C++ vectors, so marking depth never depends on the
//    depth of the object graph and uses little of the goroutine's stack.
//  - Pacing (mgcpacer.cpp): the next collection starts when the heap
//    reaches the pacer's goal (GOGC and the memory limit); with GOGC off and
//    no limit there are no automatic collections, runtime.GC() still
//    collects.
//  - Statistics are written only inside the pause and read under
//    stopTheWorld (ReadMemStats) or as a snapshot that may be one cycle old.
//    A pause lasts from the stop request to the restart; its cost to the
//    program (GCCPUFraction) is the pause times the Ps it stopped.
//  - GODEBUG=gctrace=1 prints Go's line per cycle on stderr, mapping the
//    phases onto one pause: stopping, marking, sweeping.
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
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/godebug.h"
#include "runtime/malloc.h"
#include "runtime/mfinal.h"
#include "runtime/mgcpacer.h"
#include "runtime/mgcwork.h"
#include "runtime/panic.h"
#include "runtime/proc.h"

namespace gol::rt {

namespace {

struct Global {
  void* addr;
  const GolType* type;
};

struct Collector {
  std::mutex globalsLock;
  std::vector<Global> globals;
  std::vector<RootScanner> scanners;
  std::vector<StartHook> startHooks;
  uint64_t stressEvery = 0;                        // GODEBUG=gcstress=N; 0 = off
  std::atomic<uint64_t> stressCount{0};            // allocations seen in stress mode
  int64_t trace = 0;                               // GODEBUG=gctrace=N
  uint64_t initNs = 0;                             // monotonic clock at start-up
  uint64_t numGC = 0;
  uint64_t pauseTotalNs = 0;
  uint64_t pauseNs[kPauseHistory] = {};            // by cycle number modulo the size
  uint64_t pauseEndUnixNs[kPauseHistory] = {};
  uint64_t lastEndMonoNs = 0;
  uint64_t cpuNs = 0;                              // pauses times the Ps they stopped
  uint64_t numForcedGC = 0;
  uint64_t stackRootBytes = 0;                     // scanned in the current cycle
  uint64_t globalRootBytes = 0;
  int markThreads = 1;                             // most threads a drain of this cycle used
};
Collector gc;

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
  if (!s->noscan) greyPush(base, s);
}

void scanObject(uintptr_t base, Span* s) {
  forEachPointerWord(base, s->elemsize, [](uintptr_t addr) { markWord(*reinterpret_cast<uintptr_t*>(addr)); });
}

// Every P is stopped, so the pause may use as many threads as there are Ps
// (and cores to run them).
void drainMarkStack() {
  gc.markThreads = std::max(gc.markThreads, markDrain(scanObject, std::min(gomaxprocs(0), numCPU())));
}

void markFrame(const GolFrame* f) {
  const GolFuncInfo* fn = f->fn;
  if (!fn) return;
  gc.stackRootBytes += uint64_t(fn->nroots) * 8;
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
  for (const Global& v : gc.globals) {
    gc.globalRootBytes += uint64_t(v.type->ptrdata);
    gcMarkTyped(v.addr, v.type);
  }
}

struct SettingsInit {
  SettingsInit() {
    gc.initNs = clockNs(CLOCK_MONOTONIC);
    gc.lastEndMonoNs = gc.initNs;
    gc.stressEvery = uint64_t(std::max<int64_t>(godebugValue("gcstress", 0), 0));
    gc.trace = godebugValue("gctrace", 0);
    pacerInit();
  }
};
const SettingsInit settingsInit;

// One cycle's clock readings and heap sizes, for statistics and gctrace.
struct Cycle {
  uint64_t stopNs, markNs, sweepNs, endNs;  // monotonic: stop requested, world stopped, marked, swept
  uint64_t heapBefore, heapAfter, goal;
  int32_t procs;
  bool forced;
};

// Formats nanoseconds as Go's gctrace does: whole milliseconds from 10 ms
// on, below that two significant digits with at most three decimals.
void appendMillis(std::string& out, uint64_t ns) {
  char buf[32];
  if (ns >= 10000000) {
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)(ns / 1000000));
  } else if (uint64_t x = ns / 1000; x == 0) {
    snprintf(buf, sizeof buf, "0");
  } else {
    int decimals = 3;
    unsigned long long scale = 1000;
    for (; x >= 100; x /= 10, scale /= 10) decimals--;
    snprintf(buf, sizeof buf, "%llu.%0*llu", (unsigned long long)x / scale, decimals, (unsigned long long)x % scale);
  }
  out += buf;
}

void printTrace(const Cycle& c) {
  char buf[160];
  uint64_t sinceStartMs = (c.stopNs - gc.initNs) / 1000000;
  std::string line;
  snprintf(buf, sizeof buf, "gc %llu @%llu.%03llus %d%%: ", (unsigned long long)gc.numGC,
           (unsigned long long)(sinceStartMs / 1000), (unsigned long long)(sinceStartMs % 1000),
           int(gcCPUFraction() * 100));
  line += buf;
  appendMillis(line, c.markNs - c.stopNs);
  line += "+";
  appendMillis(line, c.sweepNs - c.markNs);
  line += "+";
  appendMillis(line, c.endNs - c.sweepNs);
  line += " ms clock, ";
  appendMillis(line, (c.markNs - c.stopNs) * uint64_t(c.procs));
  line += "+0/";
  appendMillis(line, (c.sweepNs - c.markNs) * uint64_t(gc.markThreads));
  line += "/0+";
  appendMillis(line, (c.endNs - c.sweepNs) * uint64_t(c.procs));
  snprintf(buf, sizeof buf, " ms cpu, %llu->%llu->%llu MB, %llu MB goal, %llu MB stacks, %llu MB globals, %d P%s\n",
           (unsigned long long)(c.heapBefore >> 20), (unsigned long long)(c.heapBefore >> 20),
           (unsigned long long)(c.heapAfter >> 20), (unsigned long long)(c.goal >> 20),
           (unsigned long long)(gc.stackRootBytes >> 20), (unsigned long long)(gc.globalRootBytes >> 20), c.procs,
           c.forced ? " (forced)" : "");
  line += buf;
  fputs(line.c_str(), stderr);
}

void recordPause(const Cycle& c) {
  uint64_t pause = c.endNs - c.stopNs;
  uint64_t slot = (gc.numGC - 1) % kPauseHistory;
  gc.pauseNs[slot] = pause;
  gc.pauseEndUnixNs[slot] = clockNs(CLOCK_REALTIME);
  gc.pauseTotalNs += pause;
  gc.cpuNs += pause * uint64_t(c.procs);
  pacerEndCycle(c.heapAfter, pause, c.endNs - gc.lastEndMonoNs);
  gc.lastEndMonoNs = c.endNs;
}

// Marks from every root the goroutine iterator reports, sweeps, and returns
// free memory to the OS (all of it, or what exceeds the scavenging goal). The
// world is stopped; it was asked to stop at stopNs.
void collect(void (*eachG)(void (*)(G*, void*), void*), void* gs, bool releaseAll, uint64_t stopNs, bool forced) {
  Cycle c{};
  c.stopNs = stopNs;
  c.markNs = clockNs(CLOCK_MONOTONIC);
  c.heapBefore = heapStats.heapLive.load();
  c.goal = pacerGoal();
  c.procs = gomaxprocs(0);
  c.forced = forced;
  gc.stackRootBytes = gc.globalRootBytes = 0;
  gc.markThreads = 1;
  for (StartHook hook : gc.startHooks) hook();
  eachG(markGoroutine, gs);
  markGlobals();
  for (RootScanner scan : gc.scanners) scan();
  finalizerMarkRoots();
  drainMarkStack();
  if (finalizerQueueUnreachable()) drainMarkStack();
  c.sweepNs = clockNs(CLOCK_MONOTONIC);
  c.heapAfter = sweepHeap(gc.stressEvery != 0);
  gc.numGC++;
  if (forced) gc.numForcedGC++;
  c.endNs = clockNs(CLOCK_MONOTONIC);
  recordPause(c);
  scavengeHeap(releaseAll ? 0 : pacerRetainBytes(), releaseAll);
  if (gc.trace > 0) printTrace(c);
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
  uint64_t stopNs = clockNs(CLOCK_MONOTONIC);
  stopTheWorld("GC");
  bool needed = gc.numGC == seen && (why != Trigger::Goal || heapStats.heapLive.load() >= pacerGoal());
  if (needed) collect(eachScheduled, nullptr, releaseAll, stopNs, why == Trigger::Forced);
  startTheWorld();
  // runtime.GC() lets the finalizers it queued run before it returns, as
  // Go's does by yielding while it sweeps.
  if (needed && finalizerWake() && why == Trigger::Forced) gosched();
}

bool stressDue() {
  return gc.stressEvery && pacerPercent() >= 0 &&
         (gc.stressCount.fetch_add(1, std::memory_order_relaxed) + 1) % gc.stressEvery == 0;
}

}  // namespace

void gcMaybeCollect(GolG* g, uintptr_t size) {
  // An allocation is a safe point: a loop that only allocates must not hold
  // off a stop-the-world that waits for this goroutine.
  if (g && static_cast<G*>(g)->preempt.load(std::memory_order_relaxed)) preemptPark(static_cast<G*>(g));
  bool stress = stressDue();
  if (!stress && heapStats.heapLive.load(std::memory_order_relaxed) + size < pacerGoal())
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
  collect(eachListed, &l, true, clockNs(CLOCK_MONOTONIC), true);
}

int32_t gcSetPercent(int32_t percent) { return pacerSetPercent(percent); }

double gcCPUFraction() {
  uint64_t elapsed = clockNs(CLOCK_MONOTONIC) - gc.initNs;
  int32_t procs = gomaxprocs(0);
  return elapsed && procs > 0 ? double(gc.cpuNs) / (double(elapsed) * procs) : 0;
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
  GCStats s{};
  s.numGC = gc.numGC;
  s.nextGC = pacerGoal();
  s.pauseTotalNs = gc.pauseTotalNs;
  std::copy(std::begin(gc.pauseNs), std::end(gc.pauseNs), s.pauseNs);
  std::copy(std::begin(gc.pauseEndUnixNs), std::end(gc.pauseEndUnixNs), s.pauseEndUnixNs);
  s.lastEndUnixNs = gc.numGC ? gc.pauseEndUnixNs[(gc.numGC - 1) % kPauseHistory] : 0;
  s.numForcedGC = gc.numForcedGC;
  s.percent = pacerPercent();
  s.cpuFraction = gcCPUFraction();
  return s;
}

}  // namespace gol::rt

extern "C" void gol_register_globals(void* const* addrs, const GolType* const* types, int64_t n) {
  using namespace gol::rt;
  std::lock_guard<std::mutex> l(gc.globalsLock);
  for (int64_t i = 0; i < n; i++) gc.globals.push_back({addrs[i], types[i]});
}
