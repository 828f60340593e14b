// Tests of stop-the-world (goroutines stop at their next prologue and stay
// stopped until startTheWorld) and of blocking system calls (the P is handed
// off, and a goroutine in a syscall is not a deadlock).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "runtime/time.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::runMain;

struct Pack {
  int64_t n;
};

void leaf(G* g, int64_t n);

void leafThunk(GolG* g, void* p) { leaf(static_cast<G*>(g), static_cast<Pack*>(p)->n); }

// A function with gol's prologue: the only safe point of a busy loop.
__attribute__((noinline)) void leaf(G* g, int64_t n) {
  auto sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (sp - 256 < __atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE)) {
    Pack pk{n};
    gol_morestack(g, leafThunk, &pk);
    return;
  }
  asm volatile("" ::"r"(n) : "memory");
}

TEST(SchedWorld, StopTheWorldStopsBusyGoroutinesAtPrologues) {
  constexpr int kBusy = 6;
  std::atomic<int64_t> work{0};
  std::atomic<bool> stop{false};
  int rc = runMain([&](G* g) {
    uint32_t done = 0;
    for (int i = 0; i < kBusy; i++)
      go(g, [&](G* self) {
        while (!stop.load()) {
          leaf(self, 1);
          work++;
        }
        semrelease(&done);
      });
    while (work.load() < 10000) timeSleep(1000000);
    for (int round = 0; round < 5; round++) {
      stopTheWorld("test");
      int64_t frozen = work.load();
      usleep(5000);
      // Each busy goroutine may finish the increment after its last call.
      EXPECT_LE(work.load() - frozen, kBusy);
      frozen = work.load();
      usleep(5000);
      EXPECT_EQ(work.load(), frozen);
      startTheWorld();
      int64_t resumed = work.load();
      while (work.load() < resumed + 1000) timeSleep(1000000);
    }
    stop.store(true);
    for (int i = 0; i < kBusy; i++) semacquire(&done);
  });
  EXPECT_EQ(rc, 0);
}

TEST(SchedWorld, BusyGoroutinesDoNotStarveASleeper) {
  std::atomic<bool> stop{false};
  int rc = runMain([&](G* g) {
    int32_t procs = gomaxprocs(1);
    uint32_t done = 0;
    for (int i = 0; i < 3; i++)
      go(g, [&](G* self) {
        while (!stop.load()) leaf(self, 1);
        semrelease(&done);
      });
    int64_t start = nanotime();
    timeSleep(5000000);
    EXPECT_LT(nanotime() - start, 1000000000);  // woken within sysmon's slices
    stop.store(true);
    for (int i = 0; i < 3; i++) semacquire(&done);
    gomaxprocs(procs);
  });
  EXPECT_EQ(rc, 0);
}

TEST(SchedWorld, ConcurrentStoppersTakeTurns) {
  std::atomic<int> inside{0}, maxInside{0};
  int rc = runMain([&](G* g) {
    uint32_t done = 0;
    for (int i = 0; i < 4; i++)
      go(g, [&](G*) {
        for (int k = 0; k < 20; k++) {
          stopTheWorld("test");
          int now = ++inside;
          if (now > maxInside.load()) maxInside.store(now);
          --inside;
          startTheWorld();
        }
        semrelease(&done);
      });
    for (int i = 0; i < 4; i++) semacquire(&done);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(maxInside.load(), 1);
}

TEST(SchedWorld, BlockingSyscallHandsOffThePAndIsNotADeadlock) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::thread writer;
  int rc = runMain([&](G* g) {
    int32_t procs = gomaxprocs(1);
    GolChan* c = test::makeChan(g, 0);
    go(g, [&, c](G* g2) {
      char byte = 0;
      entersyscall();
      ssize_t n = read(fds[0], &byte, 1);
      exitsyscall();
      test::send(g2, c, n == 1 ? byte : -1);
    });
    // With one P, this goroutine keeps running while the reader is blocked.
    std::atomic<int> ran{0};
    uint32_t done = 0;
    go(g, [&](G*) {
      ran++;
      semrelease(&done);
    });
    semacquire(&done);
    EXPECT_EQ(ran.load(), 1);
    writer = std::thread([&] {
      usleep(30000);
      char b = 'x';
      EXPECT_EQ(write(fds[1], &b, 1), 1);
    });
    // Everything is blocked now except the reader in its system call.
    EXPECT_EQ(test::recv(g, c), 'x');
    gomaxprocs(procs);
  });
  writer.join();
  close(fds[0]);
  close(fds[1]);
  EXPECT_EQ(rc, 0);
}

}  // namespace
}  // namespace gol::rt
