// Tests of the run-queue policy on standalone Ps: the local ring, runnext,
// overflow into the global queue, stealing half, and the every-61-ticks poll
// of the global queue.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <vector>

#include "runtime/proc.h"

namespace gol::rt {
namespace {

struct Fixture {
  std::vector<std::unique_ptr<G>> gs;
  GQueue global;
  Mutex globalLock;

  G* newG() {
    gs.push_back(std::make_unique<G>());
    gs.back()->goid = int64_t(gs.size());
    return gs.back().get();
  }
};

TEST(SchedRunq, LocalRingIsFifo) {
  Fixture f;
  P p;
  std::vector<G*> in;
  for (int i = 0; i < 100; i++) {
    in.push_back(f.newG());
    runqput(&p, in.back(), false, &f.global, &f.globalLock);
  }
  for (int i = 0; i < 100; i++) EXPECT_EQ(runqget(&p), in[i]);
  EXPECT_EQ(runqget(&p), nullptr);
  EXPECT_TRUE(runqempty(&p));
}

TEST(SchedRunq, RunnextGoesFirstAndKicksTheOldOneToTheTail) {
  Fixture f;
  P p;
  G* a = f.newG();
  G* b = f.newG();
  G* c = f.newG();
  runqput(&p, a, false, &f.global, &f.globalLock);
  runqput(&p, b, true, &f.global, &f.globalLock);
  runqput(&p, c, true, &f.global, &f.globalLock);
  bool inherit = false;
  EXPECT_EQ(runqget(&p, &inherit), c);
  EXPECT_TRUE(inherit);
  EXPECT_EQ(runqget(&p, &inherit), a);
  EXPECT_FALSE(inherit);
  EXPECT_EQ(runqget(&p), b);
  EXPECT_TRUE(runqempty(&p));
}

TEST(SchedRunq, FullRingMovesHalfToTheGlobalQueue) {
  Fixture f;
  P p;
  std::vector<G*> in;
  for (uint32_t i = 0; i <= kRunqSize; i++) {
    in.push_back(f.newG());
    runqput(&p, in.back(), false, &f.global, &f.globalLock);
  }
  EXPECT_EQ(f.global.size, int32_t(kRunqSize / 2 + 1));
  // The oldest half went to the global queue, in order, then the new one.
  for (uint32_t i = 0; i < kRunqSize / 2; i++) EXPECT_EQ(f.global.pop(), in[i]);
  EXPECT_EQ(f.global.pop(), in[kRunqSize]);
  for (uint32_t i = kRunqSize / 2; i < kRunqSize; i++) EXPECT_EQ(runqget(&p), in[i]);
}

TEST(SchedRunq, StealTakesHalfOfTheVictimsQueue) {
  Fixture f;
  P victim, thief;
  std::set<G*> all;
  for (int i = 0; i < 10; i++) {
    G* gp = f.newG();
    all.insert(gp);
    runqput(&victim, gp, false, &f.global, &f.globalLock);
  }
  G* got = runqsteal(&thief, &victim, false);
  ASSERT_NE(got, nullptr);
  std::set<G*> stolen{got};
  while (G* gp = runqget(&thief)) stolen.insert(gp);
  EXPECT_EQ(stolen.size(), 5u);
  std::set<G*> left;
  while (G* gp = runqget(&victim)) left.insert(gp);
  EXPECT_EQ(left.size(), 5u);
  for (G* gp : stolen) EXPECT_EQ(left.count(gp), 0u);
}

TEST(SchedRunq, StealTakesRunnextOnlyWhenAsked) {
  Fixture f;
  P victim, thief;
  G* next = f.newG();
  runqput(&victim, next, true, &f.global, &f.globalLock);
  EXPECT_EQ(runqsteal(&thief, &victim, false), nullptr);
  EXPECT_EQ(runqsteal(&thief, &victim, true), next);
  EXPECT_TRUE(runqempty(&victim));
}

TEST(SchedRunq, GlobalQueueIsPolledEvery61Ticks) {
  Fixture f;
  P p;
  G* waiting = f.newG();
  f.global.push(waiting);
  // A local queue that never drains: whatever runs is put straight back.
  for (int i = 0; i < 4; i++) runqput(&p, f.newG(), false, &f.global, &f.globalLock);
  int ticks = 0;
  for (;; ticks++) {
    p.schedtick++;
    bool inherit = false;
    G* gp = runqPick(&p, &f.global, &f.globalLock, 4, &inherit);
    ASSERT_NE(gp, nullptr);
    if (gp == waiting) break;
    runqput(&p, gp, false, &f.global, &f.globalLock);
    ASSERT_LT(ticks, 1000);
  }
  EXPECT_EQ(ticks + 1, int(kGlobalRunqPollTicks));
}

TEST(SchedRunq, EmptyLocalQueueTakesABatchFromTheGlobalQueue) {
  Fixture f;
  P p;
  p.schedtick = 1;
  for (int i = 0; i < 40; i++) f.global.push(f.newG());
  bool inherit = false;
  G* first = runqPick(&p, &f.global, &f.globalLock, 4, &inherit);
  EXPECT_EQ(first->goid, 1);
  // 40/4+1 = 11 taken: one to run, ten into the local queue.
  EXPECT_EQ(f.global.size, 29);
  int local = 0;
  while (runqget(&p)) local++;
  EXPECT_EQ(local, 10);
}

}  // namespace
}  // namespace gol::rt
