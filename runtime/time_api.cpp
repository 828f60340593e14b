// time_api.cpp — the runtime half of package time (see time_api.h for the
// shared layouts): clock readings, Sleep, and starting, stopping and resetting
// the timers of time.Timer, time.Ticker and time.AfterFunc.
//
// Invariants
//  - A timer's callback runs on the scheduler (g0, a P held, no lock held) and
//    never blocks: sendTime is a non-blocking send on the timer's buffered
//    channel, dropping the tick when the buffer is full (as Go's sendTime);
//    goFunc only creates a goroutine. Neither allocates from the GC heap.
//  - A one-shot timer's callback reads its TimeTimer after the heap let go of
//    it (the heap was its only root, perhaps): no collection can free it
//    meanwhile, because the collector stops every P first and the callback
//    runs while holding one.
//  - Start, stop and reset of time-package timers are serialised by one lock:
//    each is a delete-then-add pair on the timer heaps, which two goroutines
//    racing on one Timer must not interleave (a timer would be added twice).
//    Callbacks never take the lock.
#include "runtime/time_api.h"

#include <time.h>

#include <cstddef>

#include "runtime/chan.h"
#include "runtime/proc.h"

namespace gol::rt {

namespace {

static_assert(offsetof(TimeTimer, c) == 56 && offsetof(TimeTimer, loc) == 72 && sizeof(TimeTimer) == 80,
              "TimeTimer is time.runtimeTimer");
static_assert(sizeof(GoTime) == 24, "GoTime is time.Time");

// Go's time.Time encoding (time.go): seconds are counted from January 1 of
// year 1 ("internal"); the wall word holds seconds since 1885 when they fit
// in 33 bits, together with the monotonic reading in ext.
constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kUnixToInternal = (1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * kSecondsPerDay;
constexpr int64_t kWallToInternal = (1884 * 365 + 1884 / 4 - 1884 / 100 + 1884 / 400) * kSecondsPerDay;
constexpr uint64_t kHasMonotonic = uint64_t(1) << 63;
constexpr int kNsecShift = 30;

// Monotonic readings count from (just before) the first one, as Go's
// startNano, so that a monotonic reading of zero means "none".
int64_t monoNow() {
  static const int64_t startNano = nanotime() - 1;
  return nanotime() - startNano;
}

Mutex timerModLock;

void sendTime(void* arg, uintptr_t, int64_t) {
  auto* r = static_cast<TimeTimer*>(arg);
  GoTime now = timeNow(r->loc);
  chansend(getg(), r->c, &now, false);
}

void goFunc(void* arg, uintptr_t, int64_t) { gol_go(getg(), static_cast<TimeTimer*>(arg)->fn); }

}  // namespace

GoTime timeNow(void* loc) {
  int64_t mono = monoNow();
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  int64_t sec = int64_t(ts.tv_sec) + kUnixToInternal - kWallToInternal;
  auto nsec = uint64_t(ts.tv_nsec);
  if (uint64_t(sec) >> 33 != 0) return {nsec, sec + kWallToInternal, loc};
  return {kHasMonotonic | uint64_t(sec) << kNsecShift | nsec, mono, loc};
}

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

GoTime gol_time_now(GolG*, void*, void* loc) { return timeNow(loc); }

int64_t gol_time_runtimeNano(GolG*, void*) { return nanotime(); }

void gol_time_Sleep(GolG*, void*, int64_t ns) { timeSleep(ns); }

void gol_time_startTimer(GolG*, void*, TimeTimer* r) {
  r->t.f = r->fn ? goFunc : sendTime;
  r->t.arg = r;
  MutexGuard l(timerModLock);
  addTimer(&r->t);
}

bool gol_time_stopTimer(GolG*, void*, TimeTimer* r) {
  MutexGuard l(timerModLock);
  return deleteTimer(&r->t);
}

bool gol_time_resetTimer(GolG*, void*, TimeTimer* r, int64_t when, int64_t period) {
  MutexGuard l(timerModLock);
  return modTimer(&r->t, when, period);
}

}  // extern "C"
