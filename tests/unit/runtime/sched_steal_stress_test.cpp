// Stress test of the lock-free run queues under real concurrency: OS
// threads, each owning one P, put, get and steal the same goroutines (plain
// G objects, never run) as the scheduler's Ms do, including runnext kicks,
// ring overflow into the global queue and stealing runnext. A G must never be
// held by two threads at once, and every G must come out exactly as often as
// it was put in.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "runtime/proc.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

struct Shared {
  static constexpr int kThreads = 4;
  int perG;  // how many times each G is "run" before it is finished
  std::vector<std::unique_ptr<G>> gs;
  std::vector<std::atomic<int>> runs;
  std::vector<std::atomic<bool>> held;
  std::atomic<int> finished{0};
  std::atomic<int> doubleHolds{0};
  P ps[kThreads];
  GQueue global;
  Mutex globalLock;

  Shared(int n, int per) : perG(per), runs(n), held(n) {
    for (int i = 0; i < n; i++) {
      gs.push_back(std::make_unique<G>());
      gs.back()->goid = i;
    }
    for (P& p : ps) p.status.store(PStatus::Running);  // thieves wait 3us before taking runnext
  }
};

// One "M": runs whatever it finds locally, globally or by stealing; a G that
// still has runs left goes back on this thread's P, as goready does.
void mloop(Shared& s, int self, uint32_t seed) {
  P* pp = &s.ps[self];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (s.finished.load() < int(s.gs.size()) && std::chrono::steady_clock::now() < deadline) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    bool inherit = false;
    G* gp = runqPick(pp, &s.global, &s.globalLock, Shared::kThreads, &inherit);
    if (!gp) {
      P* victim = &s.ps[(self + 1 + seed % (Shared::kThreads - 1)) % Shared::kThreads];
      gp = runqsteal(pp, victim, seed & 8);
    }
    pp->schedtick++;
    if (!gp) continue;
    auto id = size_t(gp->goid);
    if (s.held[id].exchange(true)) s.doubleHolds++;
    int n = ++s.runs[id];
    s.held[id].store(false);
    if (n < s.perG) runqput(pp, gp, seed & 1, &s.global, &s.globalLock);
    else s.finished++;
  }
}

TEST(SchedStealStress, EveryGoroutineComesOutExactlyAsOftenAsItWentIn) {
  const int kGs = test::kUnderTsan ? 5000 : 50000, kPer = 16;
  Shared s(kGs, kPer);
  // Thread 0's P gets everything first: far more than its 256-slot ring, so
  // half-ring batches spill to the global queue while the others steal.
  for (auto& g : s.gs) runqput(&s.ps[0], g.get(), false, &s.global, &s.globalLock);
  std::vector<std::thread> ms;
  for (int t = 0; t < Shared::kThreads; t++) ms.emplace_back(mloop, std::ref(s), t, uint32_t(t * 7919 + 1));
  for (auto& m : ms) m.join();
  EXPECT_EQ(s.finished.load(), kGs);
  EXPECT_EQ(s.doubleHolds.load(), 0);
  for (int i = 0; i < kGs; i++) ASSERT_EQ(s.runs[i].load(), kPer) << "G " << i;
  for (P& p : s.ps) EXPECT_TRUE(runqempty(&p));
  EXPECT_EQ(s.global.size.load(), 0);
}

}  // namespace
}  // namespace gol::rt
