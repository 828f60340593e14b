// Tests of the runtime half of package time (time_api.h): the encoding of
// Now's readings, timers that send on their channel without blocking, timers
// that start a goroutine, Stop/Reset results, and pending timers as GC roots.
#include <gtest/gtest.h>

#include <time.h>

#include <atomic>

#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/proc.h"
#include "runtime/sema.h"
#include "runtime/time_api.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::runMain;

constexpr int64_t kMs = 1000000;
constexpr uint64_t kHasMonotonic = uint64_t(1) << 63;
// Seconds from 1885-01-01 (the wall word's epoch) to 1970-01-01.
constexpr int64_t kWallToUnix = 2682288000;

int64_t unixSeconds(const GoTime& t) { return int64_t(t.wall << 1 >> 31) - kWallToUnix; }

// time.Time as a channel element: wall, ext, then the *Location pointer.
const uint8_t kTimeMask[1] = {4};
const GolType kTimeType = {24, 24, kTimeMask, 9, GOL_KIND_STRUCT, 8, GOL_TF_COMPARABLE,
                           {reinterpret_cast<const uint8_t*>("time.Time"), 9}, {}, nullptr, nullptr, 0,
                           nullptr, 0, 0, nullptr, 0, nullptr, 0};
const uint8_t kChanMask[1] = {1};
const GolType kChanTimeType = {8, 8, kChanMask, 10, GOL_KIND_CHAN, 8, GOL_TF_COMPARABLE | GOL_TF_DIRECT_IFACE,
                               {reinterpret_cast<const uint8_t*>("chan time.Time"), 14}, {}, &kTimeType,
                               nullptr, GOL_CHAN_BOTH, nullptr, 0, 0, nullptr, 0, nullptr, 0};
// time.runtimeTimer: c, fn and loc (words 7, 8, 9) are pointers.
const uint8_t kTimerMask[2] = {0x80, 0x03};
const GolType kTimerType = {80, 80, kTimerMask, 11, GOL_KIND_STRUCT, 8, 0,
                            {reinterpret_cast<const uint8_t*>("time.runtimeTimer"), 17}, {}, nullptr,
                            nullptr, 0, nullptr, 0, 0, nullptr, 0, nullptr, 0};

int locMarker;  // stands for a *time.Location

TimeTimer* newTimer(G* g, int64_t when, int64_t period, bool withChan) {
  auto* r = static_cast<TimeTimer*>(gol_alloc(g, &kTimerType, 1));
  r->t.when = when;
  r->t.period = period;
  r->loc = &locMarker;
  if (withChan) r->c = gol_makechan(g, &kChanTimeType, 1);
  return r;
}

bool isLive(const void* p) {
  Span* s;
  uint32_t i;
  return findObject(uintptr_t(p), &s, &i) != 0;
}

TEST(TimeAPI, NowCarriesWallAndMonotonicReadings) {
  int rc = runMain([](G* g) {
    GoTime a = gol_time_now(g, nullptr, &locMarker);
    timeSleep(5 * kMs);
    GoTime b = gol_time_now(g, nullptr, &locMarker);
    EXPECT_NE(a.wall & kHasMonotonic, 0u);
    EXPECT_EQ(a.loc, &locMarker);
    EXPECT_GT(a.ext, 0);  // monotonic readings are never zero
    EXPECT_GE(b.ext - a.ext, 5 * kMs);
    EXPECT_LE(std::llabs(unixSeconds(a) - int64_t(::time(nullptr))), 2);
    EXPECT_LT(a.wall & ((1u << 30) - 1), 1000000000u);  // nanoseconds field
  });
  EXPECT_EQ(rc, 0);
}

TEST(TimeAPI, TimerSendsTheTimeOnItsChannel) {
  int rc = runMain([](G* g) {
    int64_t before = gol_time_now(g, nullptr, nullptr).ext;
    TimeTimer* r = newTimer(g, nanotime() + 10 * kMs, 0, true);
    gol_time_startTimer(g, nullptr, r);
    EXPECT_NE(r->t.f, nullptr);
    GoTime got{};
    EXPECT_EQ(gol_chanrecv(g, r->c, &got), 1);
    EXPECT_GE(got.ext - before, 10 * kMs);
    EXPECT_EQ(got.loc, &locMarker);
    EXPECT_FALSE(gol_time_stopTimer(g, nullptr, r));  // already fired
  });
  EXPECT_EQ(rc, 0);
}

TEST(TimeAPI, FullChannelDropsTicksInsteadOfBlocking) {
  int rc = runMain([](G* g) {
    TimeTimer* r = newTimer(g, nanotime() + kMs, kMs, true);
    gol_time_startTimer(g, nullptr, r);
    timeSleep(30 * kMs);  // about 30 ticks, but the buffer holds one
    EXPECT_EQ(gol_chanlen(r->c), 1);
    EXPECT_TRUE(gol_time_stopTimer(g, nullptr, r));
    GoTime got{};
    EXPECT_EQ(gol_chanrecv(g, r->c, &got), 1);
    timeSleep(5 * kMs);
    EXPECT_EQ(gol_chanlen(r->c), 0);  // stopped: nothing more is sent
  });
  EXPECT_EQ(rc, 0);
}

struct FuncClosure {
  void (*fn)(GolG*, void*);
  std::atomic<int64_t>* goid;
  uint32_t* done;
};

TEST(TimeAPI, FuncTimerRunsInItsOwnGoroutine) {
  std::atomic<int64_t> ranOn{0};
  uint32_t done = 0;
  int rc = runMain([&](G* g) {
    static FuncClosure cl;
    cl = {[](GolG* g2, void* ctx) {
            auto* c = static_cast<FuncClosure*>(ctx);
            c->goid->store(goid(static_cast<G*>(g2)));
            semrelease(c->done);
          },
          &ranOn, &done};
    TimeTimer* r = newTimer(g, nanotime() + 5 * kMs, 0, false);
    r->fn = &cl;
    gol_time_startTimer(g, nullptr, r);
    semacquire(&done);
    EXPECT_NE(ranOn.load(), 0);
    EXPECT_NE(ranOn.load(), goid(g));
  });
  EXPECT_EQ(rc, 0);
}

TEST(TimeAPI, StopAndResetReportWhetherTheTimerWasPending) {
  int rc = runMain([](G* g) {
    TimeTimer* r = newTimer(g, nanotime() + 1000 * kMs, 0, true);
    gol_time_startTimer(g, nullptr, r);
    EXPECT_TRUE(gol_time_stopTimer(g, nullptr, r));
    EXPECT_FALSE(gol_time_stopTimer(g, nullptr, r));
    EXPECT_FALSE(gol_time_resetTimer(g, nullptr, r, nanotime() + 1000 * kMs, 0));
    EXPECT_TRUE(gol_time_resetTimer(g, nullptr, r, nanotime() + 2 * kMs, 0));
    GoTime got{};
    EXPECT_EQ(gol_chanrecv(g, r->c, &got), 1);
    // A reset with a period turns it into a ticker.
    EXPECT_FALSE(gol_time_resetTimer(g, nullptr, r, nanotime() + 2 * kMs, 2 * kMs));
    for (int i = 0; i < 3; i++) EXPECT_EQ(gol_chanrecv(g, r->c, &got), 1);
    EXPECT_TRUE(gol_time_stopTimer(g, nullptr, r));
  });
  EXPECT_EQ(rc, 0);
}

TEST(TimeAPI, PendingTimerKeepsItsObjectAlive) {
  int rc = runMain([](G* g) {
    // Only the timer heap refers to r: C++ locals are not roots.
    TimeTimer* r = newTimer(g, nanotime() + 1000 * kMs, 0, true);
    GolChan* c = r->c;
    gol_time_startTimer(g, nullptr, r);
    gcCollect(g);
    EXPECT_TRUE(isLive(r));
    EXPECT_TRUE(isLive(c));
    EXPECT_TRUE(gol_time_stopTimer(g, nullptr, r));
    gcCollect(g);
    EXPECT_FALSE(isLive(r));
    EXPECT_FALSE(isLive(c));
  });
  EXPECT_EQ(rc, 0);
}

}  // namespace
}  // namespace gol::rt
