// The collector under the real scheduler: automatic collections triggered by
// allocation stop every goroutine (including ones that only allocate), scan
// all their shadow stacks, keep their live data and bound the heap.
#include <gtest/gtest.h>

#include <atomic>

#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/proc.h"
#include "tests/unit/runtime/mem_testutil.h"
#include "tests/unit/runtime/sched_testutil.h"

using namespace gol::rt;
using gol::RootFrame;

namespace {

struct Node {
  Node* next;
  uint64_t val;
};

// Builds a rooted list of n nodes, then allocates `garbage` bytes that die at
// once; returns whether the list survived intact.
bool churn(G* g, uint64_t tag, int n, uint64_t garbage) {
  RootFrame<1> roots(g);
  for (int i = 0; i < n; i++) {
    auto* node = static_cast<Node*>(gol_alloc(g, &gol::rt::testing::kNodeType, 1));
    node->val = tag * 1000000 + uint64_t(i);
    node->next = static_cast<Node*>(roots[0]);
    roots[0] = node;
  }
  for (uint64_t done = 0; done < garbage; done += 1024) gol_alloc(g, &gol::rt::testing::kBytesType, 1024);
  int i = n;
  for (auto* node = static_cast<Node*>(roots[0]); node; node = node->next) {
    if (node->val != tag * 1000000 + uint64_t(--i)) return false;
  }
  return i == 0;
}

}  // namespace

TEST(GCSched, AllocationTriggersCollectionsThatKeepEveryGoroutinesData) {
  static std::atomic<int> ok{0}, done{0};
  static uint64_t gcsBefore, gcsAfter, peakLive;
  ok = 0;
  done = 0;
  int code = test::runMain([](G* g) {
    gcSetPercent(100);
    gcsBefore = gcStats().numGC;
    for (uint64_t w = 1; w <= 3; w++) {
      test::go(g, [w](G* wg) {
        if (churn(wg, w, 2000, 64 << 20)) ok++;
        done++;
      });
    }
    if (churn(g, 9, 2000, 32 << 20)) ok++;
    while (done.load() < 3) gosched();
    gcCollect(g);
    gcsAfter = gcStats().numGC;
    peakLive = heapStats.heapLive.load();
    gcSetPercent(-1);
  });
  EXPECT_EQ(code, 0);
  EXPECT_EQ(ok.load(), 4);
  EXPECT_GT(gcsAfter - gcsBefore, 10u);
  EXPECT_LT(peakLive, uint64_t(16) << 20);
}
