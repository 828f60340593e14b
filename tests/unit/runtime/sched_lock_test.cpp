// Tests of runtime.LockOSThread: a locked goroutine stays on its thread
// across every way of leaving it, that thread runs no other goroutine
// meanwhile, locks nest, and a goroutine that exits locked ends its thread.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <string>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "runtime/time.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::runMain;

TEST(SchedLock, LockedGoroutineKeepsItsThreadAndTheThreadRunsNothingElse) {
  constexpr int kOthers = 4;
  const int rounds = test::kUnderTsan ? 20 : 200;
  std::atomic<int32_t> lockedTid{0};
  std::atomic<bool> stop{false};
  std::atomic<int64_t> strays{0};
  std::atomic<bool> stayed{true};
  int rc = runMain([&](G* g) {
    uint32_t lockedDone = 0, othersDone = 0;
    // Others yield and sleep all the time, so any thread that is free to
    // run them does.
    for (int i = 0; i < kOthers; i++)
      go(g, [&, i](G*) {
        while (!stop.load()) {
          if (int32_t t = lockedTid.load(); t != 0 && t == int32_t(gettid())) strays++;
          if (i % 2) gosched();
          else timeSleep(10000);
        }
        semrelease(&othersDone);
      });
    go(g, [&](G* self) {
      lockOSThread(self);
      auto tid = int32_t(gettid());
      lockedTid.store(tid);
      uint32_t ping = 0;
      for (int r = 0; r < rounds; r++) {
        gosched();
        if (gettid() != tid) stayed = false;
        timeSleep(20000);
        if (gettid() != tid) stayed = false;
        go(self, [&](G*) { semrelease(&ping); });
        semacquire(&ping);
        if (gettid() != tid) stayed = false;
      }
      lockedTid.store(0);
      unlockOSThread(self);
      semrelease(&lockedDone);
    });
    semacquire(&lockedDone);
    stop.store(true);
    for (int i = 0; i < kOthers; i++) semacquire(&othersDone);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_TRUE(stayed.load());
  EXPECT_EQ(strays.load(), 0);
}

TEST(SchedLock, LocksNestAndUnlockWithoutLockDoesNothing) {
  int rc = runMain([&](G* g) {
    unlockOSThread(g);
    EXPECT_EQ(g->lockedm, nullptr);
    lockOSThread(g);
    lockOSThread(g);
    unlockOSThread(g);
    EXPECT_EQ(g->lockedm, g->m);
    EXPECT_EQ(g->m->lockedg, g);
    unlockOSThread(g);
    EXPECT_EQ(g->lockedm, nullptr);
    EXPECT_EQ(g->m->lockedg, nullptr);
  });
  EXPECT_EQ(rc, 0);
}

bool threadAlive(int32_t tid) {
  struct stat st;
  return stat(("/proc/self/task/" + std::to_string(tid)).c_str(), &st) == 0;
}

TEST(SchedLock, GoroutineExitingLockedEndsItsThread) {
  std::atomic<int32_t> tid{0};
  int rc = runMain([&](G* g) {
    uint32_t done = 0;
    go(g, [&](G* self) {
      lockOSThread(self);
      tid.store(int32_t(gettid()));
      semrelease(&done);
    });
    semacquire(&done);
    for (int i = 0; i < 1000 && threadAlive(tid.load()); i++) timeSleep(1000000);
    EXPECT_FALSE(threadAlive(tid.load()));
    // The program goes on with the remaining threads.
    uint32_t again = 0;
    go(g, [&](G*) { semrelease(&again); });
    semacquire(&again);
  });
  EXPECT_EQ(rc, 0);
}

}  // namespace
}  // namespace gol::rt
