// time.cpp — nanotime, per-P timer heaps and sleep (see time.h for the
// invariants).
//
// The heaps are 4-ary, as Go's: shallower than binary heaps, so sifting
// touches fewer cache lines. when0 mirrors the top's when so the scheduler
// can test "is anything due?" without taking the lock.
#include "runtime/time.h"

#include <time.h>

#include <cstdint>

#include "runtime/mgc.h"
#include "runtime/proc.h"

namespace gol::rt {

namespace {

void siftUp(std::vector<Timer*>& h, size_t i) {
  Timer* t = h[i];
  while (i > 0) {
    size_t parent = (i - 1) / 4;
    if (h[parent]->when <= t->when) break;
    h[i] = h[parent];
    h[i]->index = int32_t(i);
    i = parent;
  }
  h[i] = t;
  t->index = int32_t(i);
}

void siftDown(std::vector<Timer*>& h, size_t i) {
  Timer* t = h[i];
  size_t n = h.size();
  for (;;) {
    size_t first = 4 * i + 1;
    if (first >= n) break;
    size_t best = first;
    for (size_t c = first + 1; c < first + 4 && c < n; c++)
      if (h[c]->when < h[best]->when) best = c;
    if (h[best]->when >= t->when) break;
    h[i] = h[best];
    h[i]->index = int32_t(i);
    i = best;
  }
  h[i] = t;
  t->index = int32_t(i);
}

void publishWhen0(TimerHeap& th) { th.when0.store(th.heap.empty() ? 0 : th.heap[0]->when); }

void heapAdd(P* pp, Timer* t) {
  auto& h = pp->timers.heap;
  h.push_back(t);
  siftUp(h, h.size() - 1);
  t->pp.store(pp);
  publishWhen0(pp->timers);
}

void heapRemove(TimerHeap& th, size_t i) {
  auto& h = th.heap;
  Timer* t = h[i];
  Timer* last = h.back();
  h.pop_back();
  if (i < h.size()) {
    h[i] = last;
    siftUp(h, i);
    siftDown(h, size_t(last->index));
  }
  t->index = -1;
  t->pp.store(nullptr);
  publishWhen0(th);
}

void markHeapTimers(P* pp, void*) {
  for (Timer* t : pp->timers.heap) gcMarkPointer(t);
}

// The collector's root scanner (the world is stopped, so no heap changes).
void markTimers() { forEachP(markHeapTimers, nullptr); }

void readyTimerG(void* arg, uintptr_t, int64_t) { goready(static_cast<G*>(arg)); }

// gopark's unlock function for sleep: the timer is armed only once the
// goroutine is off its stack, so it cannot fire before the park completes.
bool armSleepTimer(G*, void* t) {
  addTimer(static_cast<Timer*>(t));
  return true;
}

}  // namespace

int64_t nanotime() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void addTimer(Timer* t) {
  static const bool scanned = (gcAddRootScanner(markTimers), true);
  (void)scanned;
  P* pp = currentP();
  {
    MutexGuard l(pp->timers.lock);
    heapAdd(pp, t);
  }
  wakeTimerSleeper(t->when);
}

bool deleteTimer(Timer* t) {
  for (;;) {
    P* pp = t->pp.load();
    if (!pp) return false;
    MutexGuard l(pp->timers.lock);
    if (t->pp.load() != pp) continue;
    heapRemove(pp->timers, size_t(t->index));
    return true;
  }
}

bool resetTimer(Timer* t, int64_t when) { return modTimer(t, when, t->period); }

bool modTimer(Timer* t, int64_t when, int64_t period) {
  bool pending = deleteTimer(t);
  t->when = when;
  t->period = period;
  addTimer(t);
  return pending;
}

int64_t runTimers(P* pp, int64_t now) {
  TimerHeap& th = pp->timers;
  th.lock.lock();
  while (!th.heap.empty() && th.heap[0]->when <= now) {
    Timer* t = th.heap[0];
    auto f = t->f;
    void* arg = t->arg;
    uintptr_t seq = t->seq;
    int64_t delta = now - t->when;
    if (t->period > 0) {
      t->when += t->period * (1 + delta / t->period);
      siftDown(th.heap, 0);
      publishWhen0(th);
    } else {
      heapRemove(th, 0);
    }
    th.lock.unlock();
    f(arg, seq, delta);
    th.lock.lock();
  }
  int64_t next = th.heap.empty() ? 0 : th.heap[0]->when;
  th.lock.unlock();
  return next;
}

void moveTimers(P* from, P* to) {
  MutexGuard lf(from->timers.lock);
  MutexGuard lt(to->timers.lock);
  for (Timer* t : from->timers.heap) heapAdd(to, t);
  from->timers.heap.clear();
  publishWhen0(from->timers);
}

void timeSleep(int64_t ns) {
  if (ns <= 0) return;
  int64_t now = nanotime();
  Timer t;
  t.when = ns > INT64_MAX - now ? INT64_MAX : now + ns;
  t.f = readyTimerG;
  t.arg = getg();
  gopark(armSleepTimer, &t, WaitReason::Sleep);
}

}  // namespace gol::rt
