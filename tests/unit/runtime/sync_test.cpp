// Tests of the runtime's support for package sync: notify lists wake in
// ticket order and never lose an early notification, LIFO semaphore
// waiters, the pool cleanup rotation done by the collector, spinning
// policy, and sync's fatal error.
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/proc.h"
#include "runtime/sema.h"
#include "runtime/sync_api.h"
#include "runtime/syncpool.h"
#include "sched_testutil.h"
#include "tests/unit/runtime/mem_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::runMain;

// Yields until pred holds; the goroutines it waits for run meanwhile.
template <typename Pred>
void yieldUntil(Pred pred) {
  while (!pred()) gosched();
}

// Runs body with GOMAXPROCS=1, so that goroutines interleave only where
// they block or yield and the order of events is deterministic.
void onOneProc(std::function<void(G*)> body) {
  int rc = runMain([&body](G* g) {
    int32_t old = gomaxprocs(1);
    body(g);
    gomaxprocs(old);
  });
  EXPECT_EQ(rc, 0);
}

TEST(NotifyList, NotificationBeforeWaitIsNotLost) {
  int rc = runMain([](G*) {
    NotifyList l{};
    uint32_t t = notifyListAdd(&l);
    notifyListNotifyOne(&l);
    notifyListWait(&l, t);  // must return at once: ticket t was notified
    EXPECT_EQ(l.notify, 1u);
    EXPECT_EQ(l.head, nullptr);
  });
  EXPECT_EQ(rc, 0);
}

TEST(NotifyList, NotifyOneWakesInTicketOrder) {
  onOneProc([](G* g) {
    static NotifyList l{};
    static std::vector<uint32_t> woken;
    static std::atomic<int> parked{0};
    constexpr int kWaiters = 5;
    uint32_t tickets[kWaiters];
    for (uint32_t& t : tickets) t = notifyListAdd(&l);
    // Park the waiters in reverse ticket order: wake-ups must still follow
    // the tickets, not the queue.
    for (int i = kWaiters - 1; i >= 0; i--) {
      uint32_t t = tickets[i];
      go(g, [t](G*) {
        parked.fetch_add(1);
        notifyListWait(&l, t);
        woken.push_back(t);
      });
      yieldUntil([i] { return parked.load() == kWaiters - i; });
    }
    for (int i = 0; i < kWaiters; i++) {
      notifyListNotifyOne(&l);
      yieldUntil([i] { return woken.size() == size_t(i + 1); });
    }
    EXPECT_EQ(woken, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
    notifyListNotifyOne(&l);  // nobody waits: a no-op
    EXPECT_EQ(l.notify, uint32_t(kWaiters));
  });
}

TEST(NotifyList, NotifyAllWakesEveryWaiter) {
  int rc = runMain([](G* g) {
    static NotifyList l{};
    static std::atomic<int> done{0};
    constexpr int kWaiters = 20;
    for (int i = 0; i < kWaiters; i++) {
      uint32_t t = notifyListAdd(&l);
      go(g, [t](G*) {
        notifyListWait(&l, t);
        done.fetch_add(1);
      });
    }
    notifyListNotifyAll(&l);
    yieldUntil([] { return done.load() == kWaiters; });
    EXPECT_EQ(l.notify, l.wait);
    EXPECT_EQ(l.head, nullptr);
    EXPECT_EQ(l.tail, nullptr);
  });
  EXPECT_EQ(rc, 0);
}

TEST(NotifyList, TicketsSurviveWrapAround) {
  int rc = runMain([](G*) {
    NotifyList l{};
    l.wait = l.notify = 0xFFFFFFFFu;
    uint32_t t = notifyListAdd(&l);
    EXPECT_EQ(t, 0xFFFFFFFFu);
    notifyListNotifyOne(&l);
    EXPECT_EQ(l.notify, 0u);
    notifyListWait(&l, t);  // 0xFFFFFFFF precedes 0 after the wrap
  });
  EXPECT_EQ(rc, 0);
}

TEST(Sema, LifoWaiterIsWokenFirst) {
  onOneProc([](G* g) {
    static uint32_t sema = 0;
    static std::vector<int> order;
    static std::atomic<int> parked{0};
    go(g, [](G*) {
      parked.fetch_add(1);
      semacquire(&sema, WaitReason::Semacquire, false);
      order.push_back(1);
    });
    yieldUntil([] { return parked.load() == 1; });
    go(g, [](G*) {
      parked.fetch_add(1);
      semacquire(&sema, WaitReason::Semacquire, true);
      order.push_back(2);
    });
    yieldUntil([] { return parked.load() == 2; });
    semrelease(&sema);
    yieldUntil([] { return order.size() == 1; });
    semrelease(&sema);
    yieldUntil([] { return order.size() == 2; });
    EXPECT_EQ(order, (std::vector<int>{2, 1}));
  });
}

TEST(Sync, NoSpinningWithOneProc) {
  onOneProc([](G*) { EXPECT_FALSE(syncCanSpin(0)); });
  int rc = runMain([](G*) { EXPECT_FALSE(syncCanSpin(4)); });  // never more than four spins
  EXPECT_EQ(rc, 0);
}

TEST(SyncPool, CollectionsRotateThenDropCaches) {
  using namespace gol::rt::testing;
  // struct { local, victim *poolCache }
  static const GolType kPoolType = {16, 16, kMaskPP, 10, GOL_KIND_STRUCT, 8, 0, lit("sync.poolCaches"),
                                    lit("sync"), nullptr, nullptr, 0, nullptr, 0, 0, nullptr, 0, nullptr, 0};
  TestG g;
  auto* pool = static_cast<PoolCaches*>(gol_alloc(&g, &kPoolType, 1));
  void* item = gol_alloc(&g, &kNodeType, 1);
  pool->local = item;
  registerPool(pool);
  G* gs[1] = {&g};
  gcCollectGoroutines(gs, 1);  // the pool is rooted by its registration only
  EXPECT_EQ(pool->local, nullptr);
  EXPECT_EQ(pool->victim, item);
  Span* s;
  uint32_t i;
  EXPECT_NE(findObject(uintptr_t(item), &s, &i), 0u) << "a victim cache is still reachable";
  {
    // The pool is no longer registered: only this frame keeps it.
    RootFrame<1> roots(&g);
    roots[0] = pool;
    gcCollectGoroutines(gs, 1);
    EXPECT_EQ(pool->victim, nullptr);
    EXPECT_EQ(findObject(uintptr_t(item), &s, &i), 0u) << "dropped caches are freed";
  }
  gcCollectGoroutines(gs, 1);
  EXPECT_EQ(findObject(uintptr_t(pool), &s, &i), 0u) << "an idle pool is not rooted";
}

TEST(Sync, FatalStopsWithEveryGoroutine) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // Goroutines are listed only when they have a shadow stack.
  EXPECT_EXIT(runMain([](G* g) {
                go(g, [](G* g2) {
                  RootFrame<1> frame(g2);
                  uint32_t never = 0;
                  semacquire(&never);
                });
                gosched();
                RootFrame<1> frame(g);
                static const char msg[] = "sync: unlock of unlocked mutex";
                gol_sync_fatal(g, nullptr, reinterpret_cast<const uint8_t*>(msg), sizeof msg - 1);
              }),
              ::testing::ExitedWithCode(2),
              "^fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 \\[running\\]:\n(.|\n)*"
              "goroutine 2 \\[semacquire\\]:");
}

}  // namespace
}  // namespace gol::rt
