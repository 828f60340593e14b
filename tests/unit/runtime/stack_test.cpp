// Tests of segmented stacks: a C++ function that follows gol's prologue
// protocol (compare sp - frame with g->stackguard, else gol_morestack with a
// thunk and a pack) recursing a million deep; the cached next segment; the
// frame-pointer chain across segments; preemption through the poisoned
// guard; the 1 GB limit; and a million parked goroutines.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "runtime/stack.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::runMain;

constexpr uintptr_t kFrameBudget = 512;  // bound on recurse's frame

struct Pack {
  int64_t n;
  int64_t result;
};

int64_t recurse(G* g, int64_t n);

void recurseThunk(GolG* g, void* p) {
  auto* pk = static_cast<Pack*>(p);
  pk->result = recurse(static_cast<G*>(g), pk->n);
}

int64_t maxSegments;
int64_t framesWalked;

int64_t chainLength(const StackSeg* s) {
  int64_t n = 0;
  for (; s; s = s->prev) n++;
  return n;
}

bool onSomeSegment(G* g, uintptr_t addr) {
  for (const StackSeg* s = g->stack; s; s = s->prev)
    if (addr >= s->lo && addr < s->hi) return true;
  return false;
}

// Walks saved-rbp links from this frame for as long as they stay on g's
// segments.
int64_t walkFramePointers(G* g) {
  int64_t n = 0;
  for (auto* fp = static_cast<uintptr_t*>(__builtin_frame_address(0)); fp && onSomeSegment(g, uintptr_t(fp));
       fp = reinterpret_cast<uintptr_t*>(fp[0]))
    n++;
  return n;
}

__attribute__((noinline)) int64_t recurse(G* g, int64_t n) {
  auto sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (sp - kFrameBudget < __atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE)) {
    Pack pk{n, 0};
    gol_morestack(g, recurseThunk, &pk);
    return pk.result;
  }
  if (n == 0) {
    maxSegments = chainLength(g->stack);
    framesWalked = walkFramePointers(g);
    return 0;
  }
  volatile char pad[64];
  pad[0] = char(n);
  return recurse(g, n - 1) + 1 + pad[0] - char(n);
}

TEST(Stack, MillionDeepRecursionCrossesFewSegments) {
  int rc = runMain([](G* g) {
    StackSeg* first = g->stack;
    const int64_t depth = test::kUnderTsan ? 20000 : 1000000;
    EXPECT_EQ(recurse(g, depth), depth);
    EXPECT_EQ(g->stack, first);
    // sysmon may have asked this long-running goroutine to yield meanwhile.
    uintptr_t guard = __atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE);
    EXPECT_TRUE(guard == first->lo + GOL_STACK_GUARD_RESERVE || guard == GOL_STACK_PREEMPT);
    EXPECT_GT(maxSegments, 2);
    EXPECT_LT(maxSegments, 40);
    EXPECT_GE(framesWalked, depth);
  });
  EXPECT_EQ(rc, 0);
}

TEST(Stack, NextSegmentIsCachedAgainstTheHotSplit) {
  int rc = runMain([](G* g) {
    recurse(g, 2000);  // crosses into a second segment
    StackSeg* cached = g->stack->cachedNext;
    ASSERT_NE(cached, nullptr);
    StackPoolStats before = stackPoolStats();
    for (int i = 0; i < 1000; i++) recurse(g, 2000);
    EXPECT_EQ(g->stack->cachedNext, cached);
    StackPoolStats after = stackPoolStats();
    EXPECT_EQ(after.bytesReserved, before.bytesReserved);
  });
  EXPECT_EQ(rc, 0);
}

TEST(Stack, PoisonedGuardYieldsAndThenContinues) {
  int rc = runMain([](G* g) {
    std::atomic<int> ran{0};
    uint32_t done = 0;
    go(g, [&](G*) {
      ran++;
      semrelease(&done);
    });
    gomaxprocs(1);
    g->preempt.store(true);
    __atomic_store_n(&g->stackguard, GOL_STACK_PREEMPT, __ATOMIC_RELEASE);
    EXPECT_EQ(recurse(g, 10), 10);  // the first prologue yields to the other goroutine
    EXPECT_EQ(ran.load(), 1);
    EXPECT_TRUE(__atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE) == g->stack->lo + GOL_STACK_GUARD_RESERVE ||
                __atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE) == GOL_STACK_PREEMPT);  // sysmon may preempt
    semacquire(&done);
    gomaxprocs(numCPU());
  });
  EXPECT_EQ(rc, 0);
}

TEST(Stack, UnboundedRecursionIsAFatalStackOverflow) {
  if (test::kUnderTsan) GTEST_SKIP() << "touches 1 GB of stack: too heavy under TSan";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(runMain([](G* g) { recurse(g, INT64_MAX); }), testing::ExitedWithCode(2),
              "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow");
}

int64_t residentBytes() {
  FILE* f = fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
  fclose(f);
  return int64_t(resident) * sysconf(_SC_PAGESIZE);
}

TEST(Stack, AMillionParkedGoroutines) {
  const int kN = test::kUnderTsan ? 1000 : 1000000;
  int64_t perGoroutine = 0;
  int rc = runMain([&](G* g) {
    GolChan* c = test::makeChan(g, 0);
    std::atomic<int> parked{0}, finished{0};
    uint32_t done = 0;
    int64_t before = residentBytes();
    // Includes earlier tests' deadlocked goroutines; wait until those still
    // exiting are gone (the count holds still for 10 ms), or one leaving
    // during this test makes the exact count below wrong (seen under TSan).
    int64_t baseGoroutines = numGoroutine();
    for (int64_t prev = -1; prev != baseGoroutines;) {
      prev = baseGoroutines;
      timeSleep(10000000);
      baseGoroutines = numGoroutine();
    }
    int64_t t0 = nanotime();
    for (int i = 0; i < kN; i++)
      go(g, [&, c](G* g2) {
        parked++;
        test::recv(g2, c);
        if (finished.fetch_add(1) + 1 == kN) semrelease(&done);
      });
    while (parked.load() < kN) timeSleep(1000000);
    timeSleep(1000000);  // the last ones reach the receive
    perGoroutine = (residentBytes() - before) / kN;
    int64_t t1 = nanotime();
    EXPECT_EQ(numGoroutine(), baseGoroutines + kN);
    gol_closechan(g, c);
    semacquire(&done);
    printf("spawn+park %lld ms, release %lld ms\n", (long long)(t1 - t0) / 1000000, (long long)(nanotime() - t1) / 1000000);
  });
  EXPECT_EQ(rc, 0);
  RecordProperty("rss_bytes_per_parked_goroutine", int(perGoroutine));
  printf("RSS per parked goroutine: %lld bytes\n", (long long)perGoroutine);
  if (!test::kUnderTsan) EXPECT_LE(perGoroutine, 5 * 1024);  // TSan's shadow memory inflates RSS
}

}  // namespace
}  // namespace gol::rt
