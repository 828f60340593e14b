// The pacer's goal: GOGC's growth over the live heap with a 4 MB floor, the
// memory limit's cap, and the limiter that stops a too-low limit from
// making the collector run without end.
#include <gtest/gtest.h>

#include "runtime/mgcpacer.h"

using namespace gol::rt;

namespace {

constexpr uint64_t MB = 1 << 20;

// Restores GOGC and the limit a test changes.
struct PacerSettings {
  int32_t percent = pacerSetPercent(100);
  int64_t limit = pacerSetMemoryLimit(kNoMemoryLimit);
  ~PacerSettings() {
    pacerSetPercent(percent);
    pacerSetMemoryLimit(limit);
    pacerEndCycle(0, 0, 1000000000);
  }
};

// A cycle that paused 1 ms in 100 ms: cheap enough to shrink the limiter's
// headroom.
void cheapCycle(uint64_t live) { pacerEndCycle(live, 1000000, 100000000); }

TEST(GCPacer, GOGCGoalGrowsWithTheLiveHeapAboveAFloor) {
  PacerSettings keep;
  cheapCycle(1 * MB);
  EXPECT_EQ(pacerGoal(), 4 * MB);
  cheapCycle(10 * MB);
  EXPECT_EQ(pacerGoal(), 20 * MB);
  pacerSetPercent(50);
  EXPECT_EQ(pacerGoal(), 15 * MB);
  pacerSetPercent(-1);
  EXPECT_EQ(pacerGoal(), UINT64_MAX);
}

TEST(GCPacer, TheMemoryLimitCapsTheGoal) {
  PacerSettings keep;
  for (int i = 0; i < 40; i++) cheapCycle(10 * MB);  // no limiter headroom left
  EXPECT_EQ(pacerSetMemoryLimit(16 * MB), kNoMemoryLimit);
  EXPECT_LE(pacerGoal(), 16 * MB);
  EXPECT_GE(pacerGoal(), 10 * MB);
  pacerSetPercent(-1);
  EXPECT_LE(pacerGoal(), 16 * MB);
  EXPECT_EQ(pacerSetMemoryLimit(-1), int64_t(16 * MB));
  EXPECT_EQ(pacerMemoryLimit(), int64_t(16 * MB));
  pacerSetMemoryLimit(kNoMemoryLimit);
  EXPECT_EQ(pacerGoal(), UINT64_MAX);
}

TEST(GCPacer, TheLimiterBacksOffWhenCollectionsTakeMostOfTheTime) {
  PacerSettings keep;
  pacerSetPercent(-1);
  pacerSetMemoryLimit(8 * MB);
  for (int i = 0; i < 40; i++) cheapCycle(20 * MB);
  uint64_t pinned = pacerGoal();
  EXPECT_LT(pinned, 21 * MB);  // the live heap is over the limit: collect at once
  uint64_t goal = pinned;
  for (int i = 0; i < 5; i++) {
    pacerEndCycle(20 * MB, 9000000, 10000000);  // 90% of the time in pauses
    EXPECT_GT(pacerGoal(), goal);
    goal = pacerGoal();
  }
  for (int i = 0; i < 40; i++) cheapCycle(20 * MB);
  EXPECT_EQ(pacerGoal(), pinned);
}

TEST(GCPacer, TheScavengerKeepsAtMostTheLimit) {
  PacerSettings keep;
  cheapCycle(10 * MB);
  EXPECT_EQ(pacerRetainBytes(), 22 * MB);
  pacerSetMemoryLimit(16 * MB);
  EXPECT_LE(pacerRetainBytes(), 16 * MB);
}

}  // namespace
