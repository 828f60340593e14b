// Tests of timers and sleeping: wake-up order, durations, periodic timers,
// deleting, and that pending timers are not mistaken for a deadlock.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "runtime/time.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::runMain;

constexpr int64_t kMs = 1000000;

// Wake-up order between sleepers is not asserted: two sleepers due at the
// same scheduler check are readied together, and runnext runs the later one
// first (as in Go). Heap order is checked with timers below.
TEST(SchedTimer, EverySleeperWakesAfterItsDeadline) {
  constexpr int kN = 20;
  std::atomic<int> early{0};
  int rc = runMain([&](G* g) {
    uint32_t done = 0;
    for (int i = 0; i < kN; i++)
      go(g, [&, i](G*) {
        int64_t deadline = nanotime() + (kN - i) * 3 * kMs;
        timeSleep((kN - i) * 3 * kMs);
        if (nanotime() < deadline) early++;
        semrelease(&done);
      });
    for (int i = 0; i < kN; i++) semacquire(&done);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(early.load(), 0);
}

TEST(SchedTimer, SleepLastsAtLeastTheRequestedTime) {
  int rc = runMain([](G*) {
    int64_t start = nanotime();
    timeSleep(20 * kMs);
    int64_t took = nanotime() - start;
    EXPECT_GE(took, 20 * kMs);
    EXPECT_LT(took, 500 * kMs);
    timeSleep(0);
    timeSleep(-5);
  });
  EXPECT_EQ(rc, 0);
}

struct Recorder {
  std::mutex mu;
  std::vector<uintptr_t> fired;
};

void record(void* arg, uintptr_t seq, int64_t) {
  auto* r = static_cast<Recorder*>(arg);
  std::lock_guard<std::mutex> l(r->mu);
  r->fired.push_back(seq);
}

TEST(SchedTimer, TimersFireInWhenOrderAndDeletedOnesDoNot) {
  Recorder rec;
  int rc = runMain([&](G*) {
    int32_t procs = gomaxprocs(1);  // one P: one heap, fired in order however late
    int64_t now = nanotime();
    std::vector<Timer> ts(10);
    for (int i = 0; i < 10; i++) {
      ts[i].when = now + (10 - i) * 2 * kMs;
      ts[i].f = record;
      ts[i].arg = &rec;
      ts[i].seq = uintptr_t(10 - i);
      addTimer(&ts[i]);
    }
    EXPECT_TRUE(deleteTimer(&ts[4]));   // seq 6
    EXPECT_FALSE(deleteTimer(&ts[4]));
    EXPECT_TRUE(resetTimer(&ts[0], now + 1 * kMs));  // seq 10 now fires first
    timeSleep(40 * kMs);
    EXPECT_FALSE(deleteTimer(&ts[1]));  // already fired
    gomaxprocs(procs);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(rec.fired, (std::vector<uintptr_t>{10, 1, 2, 3, 4, 5, 7, 8, 9}));
}

TEST(SchedTimer, PeriodicTimerFiresRepeatedly) {
  std::atomic<int> n{0};
  int rc = runMain([&](G*) {
    Timer t;
    t.when = nanotime() + 2 * kMs;
    t.period = 2 * kMs;
    t.f = [](void* arg, uintptr_t, int64_t) { ++*static_cast<std::atomic<int>*>(arg); };
    t.arg = &n;
    addTimer(&t);
    while (n.load() < 5) timeSleep(1 * kMs);
    EXPECT_TRUE(deleteTimer(&t));
  });
  EXPECT_EQ(rc, 0);
  EXPECT_GE(n.load(), 5);
}

TEST(SchedTimer, PendingTimerIsNotADeadlock) {
  int rc = runMain([](G* g) {
    GolChan* c = test::makeChan(g, 0);
    go(g, [c](G* g2) {
      timeSleep(30 * kMs);
      test::send(g2, c, 1);
    });
    EXPECT_EQ(test::recv(g, c), 1);
  });
  EXPECT_EQ(rc, 0);
}

TEST(SchedTimer, SleepingGoroutinesDoNotBlockOthers) {
  int rc = runMain([](G* g) {
    std::atomic<int> fast{0};
    uint32_t done = 0;
    for (int i = 0; i < 100; i++)
      go(g, [&](G*) {
        timeSleep(50 * kMs);
        semrelease(&done);
      });
    int64_t start = nanotime();
    for (int i = 0; i < 1000; i++) {
      fast++;
      gosched();
    }
    EXPECT_LT(nanotime() - start, 50 * kMs);
    for (int i = 0; i < 100; i++) semacquire(&done);
  });
  EXPECT_EQ(rc, 0);
}

TEST(SchedSema, SemaphoreGivesMutualExclusion) {
  int rc = runMain([](G* g) {
    uint32_t lock = 1, done = 0;
    int64_t counter = 0;
    std::atomic<int> inside{0}, maxInside{0};
    for (int i = 0; i < 50; i++)
      go(g, [&](G*) {
        for (int k = 0; k < 200; k++) {
          semacquire(&lock, WaitReason::SyncMutexLock);
          int now = ++inside;
          if (now > maxInside.load()) maxInside.store(now);
          counter++;
          if (k % 7 == 0) gosched();
          --inside;
          semrelease(&lock, k % 2 == 0);
        }
        semrelease(&done);
      });
    for (int i = 0; i < 50; i++) semacquire(&done);
    EXPECT_EQ(counter, 50 * 200);
    EXPECT_EQ(maxInside.load(), 1);
  });
  EXPECT_EQ(rc, 0);
}

}  // namespace
}  // namespace gol::rt
