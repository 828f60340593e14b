// Asynchronous preemption end to end: conformance programs whose goroutines
// loop without calls are JIT-compiled and run in this process, and the
// runtime's counters show which path stopped them. The stress test preempts
// a worker thousands of times inside floating-point, vectorised and
// pointer-chasing loops while the collector runs, and checks its output
// against Go's.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "compiler/driver.h"
#include "runtime/mgc.h"
#include "runtime/preempt.h"

namespace gol {
namespace {

struct ProgramRun {
  int code;
  std::string out;
};

std::string conformance(const std::string& name) {
  return std::string(GOL_SOURCE_DIR) + "/tests/conformance/concurrency/" + name;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs a conformance program in this process; its expected output is Go's.
ProgramRun runConformance(const std::string& name) {
  setenv("GOLCACHE", "off", 1);
  ::testing::internal::CaptureStdout();
  int code = runFile(conformance(name + ".gol"), {}, RunOptions{});
  fflush(stdout);
  return ProgramRun{code, ::testing::internal::GetCapturedStdout()};
}

// main spins on the only P until a goroutine it started sets a flag: only
// stopping main inside its call-free loop lets that goroutine run.
TEST(Preempt, CallFreeLoopIsStoppedByTheSignal) {
  rt::PreemptStats before = rt::preemptStats();
  ProgramRun r = runConformance("preempt_main_spin_one_p");
  rt::PreemptStats after = rt::preemptStats();
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, readFile(conformance("preempt_main_spin_one_p.out")));
  EXPECT_GT(after.signals, before.signals);
  EXPECT_GT(after.async, before.async);
}

// The worker's list and slices are reachable only from its registers and
// stack slots while it computes; another goroutine allocates objects of the
// same sizes (which would overwrite freed data) and makes the collector run.
// A thread here asks for preemption every 50 us on top of that; the program
// runs until the worker has been stopped mid-loop thousands of times.
TEST(Preempt, WorkerStoppedThousandsOfTimesComputesWhatGoComputes) {
  constexpr int64_t kWantStops = 2000;
  constexpr int kMaxRuns = 10;
  std::atomic<bool> running{true};
  std::thread hammer([&] {
    while (running.load()) {
      rt::preemptRunning();
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  });
  std::string want = readFile(conformance("preempt_fp_pointer_stress.out"));
  rt::PreemptStats before = rt::preemptStats();
  uint64_t gcBefore = rt::gcStats().numGC;
  int runs = 0;
  while (runs < kMaxRuns && rt::preemptStats().async - before.async < kWantStops) {
    ProgramRun r = runConformance("preempt_fp_pointer_stress");
    runs++;
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, want) << "run " << runs;
  }
  rt::PreemptStats after = rt::preemptStats();
  uint64_t collections = rt::gcStats().numGC - gcBefore;
  running.store(false);
  hammer.join();
  EXPECT_GE(after.async - before.async, kWantStops) << "signals sent: " << after.signals - before.signals;
  EXPECT_GE(collections, 10u * uint64_t(runs));
  RecordProperty("runs", std::to_string(runs));
  RecordProperty("collections", std::to_string(collections));
  RecordProperty("async_stops", std::to_string(after.async - before.async));
  RecordProperty("signals", std::to_string(after.signals - before.signals));
}

}  // namespace
}  // namespace gol
