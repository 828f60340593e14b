// time.h — monotonic time, runtime timers and sleeping (as Go's time.go).
//
// Invariants
//  - Every pending timer lives in exactly one P's 4-ary min-heap, ordered by
//    when; no goroutine or thread exists per timer. Timers fire from the
//    scheduler (on g0, with a P held): the owning P checks its heap on every
//    schedule, an idle M with nothing to run steals expired timers of other
//    Ps, and the last idle M sleeps only until the earliest timer.
//  - A timer's callback runs with no lock held and must not block; it may call
//    goready. After the callback starts, the runtime no longer touches a
//    one-shot timer, so its owner may free it as soon as the callback ran.
//  - Timer::pp is the owning P while the timer is pending, null otherwise;
//    it changes only under that P's heap lock (or with the world stopped).
//  - A pending timer is a GC root: the collector marks the heap object a
//    timer lives in (time.Timer embeds its runtime timer), so a timer nobody
//    else references still fires. Timers outside the heap are ignored.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "runtime/lock_futex.h"

namespace gol::rt {

struct P;

struct Timer {
  int64_t when = 0;
  int64_t period = 0;  // > 0: fires again every period ns
  // delta: how late (ns) the timer fired.
  void (*f)(void* arg, uintptr_t seq, int64_t delta) = nullptr;
  void* arg = nullptr;
  uintptr_t seq = 0;
  std::atomic<P*> pp{nullptr};
  int32_t index = -1;
};

struct TimerHeap {
  Mutex lock;
  std::vector<Timer*> heap;
  std::atomic<int64_t> when0{0};  // heap[0]->when, 0 when empty; read without the lock
};

int64_t nanotime();

// Arms t (t->when, f, arg must be set) on the current P.
void addTimer(Timer* t);
// Stops t; returns true if it was pending (so it will not fire).
bool deleteTimer(Timer* t);
// Re-arms t at when; returns true if it was pending before.
bool resetTimer(Timer* t, int64_t when);
// Re-arms t at when with a new period (0: one-shot); returns true if it was
// pending before.
bool modTimer(Timer* t, int64_t when, int64_t period);

// Runs pp's timers that are due at now; returns the next when (0 if none).
int64_t runTimers(P* pp, int64_t now);
// Moves every timer of from into to (the world is stopped).
void moveTimers(P* from, P* to);

// Parks the calling goroutine for ns nanoseconds ("sleep" wait reason).
void timeSleep(int64_t ns);

}  // namespace gol::rt
