// The runtime/runtime/debug natives of the memory half: GC, ReadMemStats,
// SetGCPercent, Stack — under the scheduler.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "runtime/api.h"
#include "runtime/mgc.h"
#include "tests/unit/runtime/mem_testutil.h"
#include "tests/unit/runtime/sched_testutil.h"

using namespace gol::rt;

namespace {

// Go's MemStats prefix: the fields tests read.
struct MemStatsPrefix {
  uint64_t Alloc, TotalAlloc, Sys, Lookups, Mallocs, Frees;
  uint64_t HeapAlloc, HeapSys, HeapIdle, HeapInuse, HeapReleased, HeapObjects;
};
const GolFuncInfo kMain = {gol::rt::testing::lit("main.main"), gol::rt::testing::lit("prog.gol"), 0, 0, nullptr};

}  // namespace

TEST(GCApi, GCAndMemStatsCountCollectionsAndObjects) {
  static std::vector<uint8_t> stats(5776);
  static uint32_t numGC0, numGC1, forced;
  static MemStatsPrefix before, after;
  int code = test::runMain([](G* g) {
    gol_rt_ReadMemStats(g, nullptr, stats.data());
    std::memcpy(&numGC0, stats.data() + 4288, 4);
    std::memcpy(&before, stats.data(), sizeof before);
    for (int i = 0; i < 10000; i++) gol_alloc(g, &gol::rt::testing::kNodeType, 1);
    gol_rt_GC(g, nullptr);
    gol_rt_ReadMemStats(g, nullptr, stats.data());
    std::memcpy(&numGC1, stats.data() + 4288, 4);
    std::memcpy(&forced, stats.data() + 4292, 4);
    std::memcpy(&after, stats.data(), sizeof after);
  });
  EXPECT_EQ(code, 0);
  EXPECT_EQ(numGC1, numGC0 + 1);
  EXPECT_GE(forced, 1u);
  EXPECT_GE(after.Mallocs - before.Mallocs, 10000u);
  EXPECT_GE(after.Frees - before.Frees, 10000u);
  EXPECT_GE(after.TotalAlloc - before.TotalAlloc, 160000u);
  EXPECT_EQ(after.Alloc, after.HeapAlloc);
  EXPECT_GT(after.Sys, 0u);
}

TEST(GCApi, SetGCPercentReturnsThePreviousValue) {
  int64_t old = gol_rt_debug_SetGCPercent(nullptr, nullptr, 50);
  EXPECT_EQ(gol_rt_debug_SetGCPercent(nullptr, nullptr, old), 50);
}

TEST(GCApi, StackPrintsTheCallersGoroutine) {
  static std::string text;
  int code = test::runMain([](G* g) {
    GolFrame f = {g->frame, &kMain};
    g->frame = &f;
    uint8_t buf[512];
    int64_t n = gol_rt_Stack(g, nullptr, buf, sizeof buf, sizeof buf, false);
    text.assign(reinterpret_cast<char*>(buf), size_t(n));
    g->frame = f.prev;
  });
  EXPECT_EQ(code, 0);
  EXPECT_EQ(text.substr(text.find('[')), "[running]:\n");  // no symbolizer: no gol frames
  EXPECT_EQ(text.rfind("goroutine ", 0), 0u);
}
