// Parallel draining of grey objects (mgcwork.h): every object pushed is
// scanned exactly once, however the work is split among the helpers, and
// small drains stay on the calling thread.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include "runtime/mgcwork.h"

using namespace gol::rt;

namespace {

// A binary tree of kNodes implicit nodes: node i's children are 2i+1 and
// 2i+2. "base" carries the node number; the span is unused.
constexpr uintptr_t kNodes = 200000;
std::unique_ptr<std::atomic<uint8_t>[]> marked;
std::unique_ptr<std::atomic<uint32_t>[]> scans;

void pushIfUnmarked(uintptr_t i) {
  if (i < kNodes && marked[i].exchange(1) == 0) greyPush(i, nullptr);
}

void scanNode(uintptr_t i, Span*) {
  scans[i].fetch_add(1);
  pushIfUnmarked(2 * i + 1);
  pushIfUnmarked(2 * i + 2);
}

void resetTree() {
  marked.reset(new std::atomic<uint8_t>[kNodes]());
  scans.reset(new std::atomic<uint32_t>[kNodes]());
}

// Roots a whole level of the tree so the collecting thread starts with
// enough work to share.
void pushLevel(int depth) {
  for (uintptr_t i = (uintptr_t(1) << depth) - 1; i < (uintptr_t(2) << depth) - 1; i++) pushIfUnmarked(i);
}

void expectEveryNodeScannedOnceBelow(int depth) {
  for (uintptr_t i = (uintptr_t(1) << depth) - 1; i < kNodes; i++) ASSERT_EQ(scans[i].load(), 1u) << "node " << i;
}

TEST(GCMarkWork, ParallelDrainScansEveryObjectOnce) {
  for (int round = 0; round < 5; round++) {
    resetTree();
    pushLevel(12);
    int threads = markDrain(scanNode, 4);
    EXPECT_EQ(threads, 4);
    expectEveryNodeScannedOnceBelow(12);
  }
}

TEST(GCMarkWork, SmallDrainsStayOnTheCallingThread) {
  resetTree();
  pushIfUnmarked(0);
  EXPECT_EQ(markDrain(scanNode, 4), 1);
  expectEveryNodeScannedOnceBelow(0);
}

TEST(GCMarkWork, OneWorkerDrainsAlone) {
  resetTree();
  pushLevel(12);
  EXPECT_EQ(markDrain(scanNode, 1), 1);
  expectEveryNodeScannedOnceBelow(12);
}

}  // namespace
