// mgcwork.cpp — grey objects and parallel draining (see mgcwork.h for the
// invariants).
#include "runtime/mgcwork.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace gol::rt {

namespace {

struct GreyObject {
  uintptr_t base;
  Span* span;
};
using MarkStack = std::vector<GreyObject>;

// Objects moved to the pool at once; a stack shares only above twice that.
constexpr size_t kBatch = 256;
// A drain goes parallel once the collecting thread holds this many.
constexpr size_t kParallelAbove = 4 * kBatch;
constexpr int kMaxHelpers = 31;

struct Pool {
  std::mutex lock;
  std::condition_variable wake;      // helpers: a drain started, or work arrived
  std::condition_variable finished;  // the collector: the last helper left
  std::vector<MarkStack> batches;
  uint64_t drain = 0;       // number of the current parallel drain
  int helpersWanted = 0;    // helpers the current drain may use
  int active = 0;           // workers of the current drain not waiting
  int inDrain = 0;          // helpers that joined the current drain and have not left
  int helpersStarted = 0;
  bool done = true;
  std::atomic<int> waiting{0};
  GreyScanFn scan = nullptr;
};
Pool& pool = *new Pool;

// The collecting thread's stack; at most one thread collects at a time.
MarkStack collectorStack;
thread_local MarkStack* ownStack = nullptr;

MarkStack& currentStack() { return ownStack ? *ownStack : collectorStack; }

void share(MarkStack& st) {
  MarkStack batch(st.end() - kBatch, st.end());
  st.resize(st.size() - kBatch);
  std::lock_guard<std::mutex> l(pool.lock);
  pool.batches.push_back(std::move(batch));
  pool.wake.notify_all();
}

// Takes a batch from the pool, or waits for one; false when the drain is
// over (every worker ran out of work at once).
bool refill(MarkStack& st) {
  std::unique_lock<std::mutex> l(pool.lock);
  if (pool.batches.empty()) {
    if (--pool.active == 0) {
      pool.done = true;
      pool.wake.notify_all();
      return false;
    }
    pool.waiting.fetch_add(1, std::memory_order_relaxed);
    pool.wake.wait(l, [] { return !pool.batches.empty() || pool.done; });
    pool.waiting.fetch_sub(1, std::memory_order_relaxed);
    if (pool.done) return false;
    pool.active++;
  }
  st = std::move(pool.batches.back());
  pool.batches.pop_back();
  return true;
}

void work(MarkStack& st) {
  do {
    while (!st.empty()) {
      GreyObject g = st.back();
      st.pop_back();
      pool.scan(g.base, g.span);
      if (st.size() > 2 * kBatch && pool.waiting.load(std::memory_order_relaxed) > 0) share(st);
    }
  } while (refill(st));
}

void helperMain(int index) {
  MarkStack st;
  ownStack = &st;
  uint64_t seen = 0;
  std::unique_lock<std::mutex> l(pool.lock);
  for (;;) {
    pool.wake.wait(l, [&] { return pool.drain != seen && !pool.done && index < pool.helpersWanted; });
    seen = pool.drain;
    pool.inDrain++;
    l.unlock();
    work(st);
    l.lock();
    if (--pool.inDrain == 0) pool.finished.notify_all();
  }
}

// Runs the rest of the drain on `workers` threads. Helpers count as active
// from the start, so the drain cannot end before each has joined and found
// no work.
int drainParallel(MarkStack& st, int workers) {
  int helpers = std::min(workers - 1, kMaxHelpers);
  {
    std::lock_guard<std::mutex> l(pool.lock);
    while (pool.helpersStarted < helpers) std::thread(helperMain, pool.helpersStarted++).detach();
    pool.helpersWanted = helpers;
    pool.active = 1 + helpers;
    pool.done = false;
    pool.drain++;
    pool.wake.notify_all();
  }
  work(st);
  std::unique_lock<std::mutex> l(pool.lock);
  pool.finished.wait(l, [] { return pool.inDrain == 0; });
  pool.helpersWanted = 0;
  return 1 + helpers;
}

}  // namespace

void greyPush(uintptr_t base, Span* s) { currentStack().push_back({base, s}); }

int markDrain(GreyScanFn scan, int workers) {
  pool.scan = scan;
  MarkStack& st = collectorStack;
  while (!st.empty()) {
    if (workers > 1 && st.size() > kParallelAbove) return drainParallel(st, workers);
    GreyObject g = st.back();
    st.pop_back();
    scan(g.base, g.span);
  }
  return 1;
}

}  // namespace gol::rt
