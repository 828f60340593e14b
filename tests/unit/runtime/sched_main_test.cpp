// Tests of program start and exit: gol_runtime_main, getg, gol_exit,
// spawning goroutines, Gosched, NumGoroutine and GOMAXPROCS.
#include <gtest/gtest.h>

#include <atomic>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "runtime/stack.h"
#include "runtime/time.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::runMain;

std::vector<int>* order;

TEST(SchedMain, RunsInitThenMainOnAGoroutineStack) {
  std::vector<int> seen;
  order = &seen;
  G* mainG = nullptr;
  int rc = runMain(
      [&](G* g) {
        order->push_back(2);
        mainG = g;
        EXPECT_EQ(getg(), g);
        EXPECT_GT(g->goid, 0);
        uintptr_t sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
        EXPECT_GE(sp, g->stack->lo);
        EXPECT_LT(sp, g->stack->hi);
        EXPECT_TRUE(__atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE) == g->stack->lo + GOL_STACK_GUARD_RESERVE ||
                __atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE) == GOL_STACK_PREEMPT);  // sysmon may preempt
      },
      [](GolG*, void*) { order->push_back(1); });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  ASSERT_NE(mainG, nullptr);
}

TEST(SchedMain, GolExitEndsTheProcessWithoutReturning) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(runMain([](G* g) {
                go(g, [](G*) { for (;;) gosched(); });
                gol_exit(g, 3);
              }),
              testing::ExitedWithCode(3), "");
}

TEST(SchedMain, MainReturningDoesNotWaitForOtherGoroutines) {
  static std::atomic<bool> stop{false};  // outlives the test: the goroutine may
  int rc = runMain([&](G* g) {            // still be running when main returns
    go(g, [&](G*) {
      while (!stop.load()) gosched();
    });
  });
  EXPECT_EQ(rc, 0);
  stop.store(true);
}

TEST(SchedMain, ThousandsOfGoroutinesAllRun) {
  constexpr int kN = 20000;
  std::atomic<int> ran{0};
  uint32_t done = 0;
  int rc = runMain([&](G* g) {
    for (int i = 0; i < kN; i++)
      go(g, [&](G*) {
        if (ran.fetch_add(1) + 1 == kN) semrelease(&done);
      });
    semacquire(&done);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(ran.load(), kN);
}

TEST(SchedMain, GetgFollowsGoroutinesAcrossThreads) {
  constexpr int kN = 64;
  std::atomic<int> bad{0}, finished{0};
  uint32_t done = 0;
  int rc = runMain([&](G* g) {
    for (int i = 0; i < kN; i++)
      go(g, [&](G* self) {
        for (int k = 0; k < 200; k++) {
          if (getg() != self) bad++;
          gosched();
        }
        if (finished.fetch_add(1) + 1 == kN) semrelease(&done);
      });
    semacquire(&done);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(bad.load(), 0);
}

TEST(SchedMain, NumGoroutineCountsLiveGoroutines) {
  int rc = runMain([&](G* g) {
    int64_t base = numGoroutine();
    uint32_t release = 0, started = 0;
    for (int i = 0; i < 10; i++)
      go(g, [&](G*) {
        semrelease(&started);
        semacquire(&release);
      });
    for (int i = 0; i < 10; i++) semacquire(&started);
    EXPECT_EQ(numGoroutine(), base + 10);
    for (int i = 0; i < 10; i++) semrelease(&release);
    while (numGoroutine() != base) gosched();
  });
  EXPECT_EQ(rc, 0);
}

TEST(SchedMain, GomaxprocsCanChangeWhileGoroutinesRun) {
  std::atomic<int64_t> work{0};
  int rc = runMain([&](G* g) {
    int32_t initial = gomaxprocs(0);
    EXPECT_GE(initial, 1);
    EXPECT_GE(numCPU(), 1);
    std::atomic<bool> stop{false};
    uint32_t done = 0;
    for (int i = 0; i < 8; i++)
      go(g, [&](G*) {
        while (!stop.load()) {
          work++;
          gosched();
        }
        semrelease(&done);
      });
    for (int32_t n : {1, 4, 2, 1, 4}) {
      EXPECT_EQ(gomaxprocs(n) >= 1, true);
      EXPECT_EQ(gomaxprocs(0), n);
      int64_t before = work.load();
      while (work.load() < before + 1000) gosched();
    }
    stop.store(true);
    for (int i = 0; i < 8; i++) semacquire(&done);
    gomaxprocs(initial);
  });
  EXPECT_EQ(rc, 0);
}

}  // namespace
}  // namespace gol::rt

namespace gol::rt {
namespace {

TEST(SchedMain, Goexit0EndsOnlyTheCallingGoroutine) {
  std::atomic<bool> after{false};
  int rc = test::runMain([&](G* g) {
    uint32_t done = 0;
    test::go(g, [&](G* self) {
      semrelease(&done);
      goexit0(self);
      after.store(true);
    });
    semacquire(&done);
    for (int i = 0; i < 10; i++) gosched();
  });
  EXPECT_EQ(rc, 0);
  EXPECT_FALSE(after.load());
}

TEST(SchedMain, MainGoexitWithNoOtherGoroutinesIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(exit(test::runMain([](G* g) {
                test::go(g, [](G*) { timeSleep(10000000); });
                goexit0(g);
              })),
              testing::ExitedWithCode(2), "^fatal error: no goroutines \\(main called runtime.Goexit\\) - deadlock!\n$");
}

}  // namespace
}  // namespace gol::rt
