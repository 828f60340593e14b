// Recovery across stack segments: a panic raised two segments deeper than
// the deferring function is recovered, the deeper segments are released and
// the goroutine goes on running on its original segment.
#include <gtest/gtest.h>
#include <setjmp.h>

#include "runtime/panic.h"
#include "runtime/stack.h"
#include "tests/unit/runtime/mem_testutil.h"
#include "tests/unit/runtime/sched_testutil.h"

using namespace gol::rt;

namespace {

const GolFuncInfo kOwner = {gol::rt::testing::lit("main.owner"), gol::rt::testing::lit("prog.gol"), 0, 0, nullptr};

struct RecoverClosure {
  void (*code)(GolG*, void*);
  bool recovered;
};

void recoverEntry(GolG* g, void* ctx) {
  GolFrame self = {g->frame, &kOwner};
  g->frame = &self;
  static_cast<RecoverClosure*>(ctx)->recovered = gol_recover(g, &self).tab != nullptr;
  g->frame = self.prev;
}

void panicOnSecondSegment(GolG* g, void* depth) {
  if (depth) {
    gol_morestack(g, panicOnSecondSegment, nullptr);
    return;
  }
  static GolString msg = gol::rt::testing::lit("deep");
  gol_panic(g, &gol::kStringType, &msg);
}

// Returns true when it came back through the recovery.
bool owner(G* g, RecoverClosure* c) {
  GolFrame frame = {g->frame, &kOwner};
  g->frame = &frame;
  uint64_t buf[GOL_JMPBUF_WORDS];
  if (_setjmp(reinterpret_cast<__jmp_buf_tag*>(buf))) {
    gol_rundefers(g, &frame);
    g->frame = frame.prev;
    return true;
  }
  gol_defer(g, &frame, buf, c);
  gol_morestack(g, panicOnSecondSegment, reinterpret_cast<void*>(1));
  gol_rundefers(g, &frame);
  g->frame = frame.prev;
  return false;
}

}  // namespace

TEST(PanicSegments, RecoveryReleasesDeeperSegmentsAndResumes) {
  static bool cameBack, recovered, sameSegment;
  static int64_t inUseBefore, inUseAfter;
  int code = test::runMain([](G* g) {
    StackSeg* start = g->stack;
    // sysmon may poison stackguard (a preemption request) at any time.
    uintptr_t guard = __atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE);
    inUseBefore = stackPoolStats().slotsInUse;
    for (int i = 0; i < 100; i++) {
      RecoverClosure c{recoverEntry, false};
      cameBack = owner(g, &c);
      recovered = c.recovered;
      if (!cameBack || !recovered) return;
    }
    uintptr_t now = __atomic_load_n(&g->stackguard, __ATOMIC_ACQUIRE);
    sameSegment = g->stack == start && (now == guard || now == GOL_STACK_PREEMPT || guard == GOL_STACK_PREEMPT);
    inUseAfter = stackPoolStats().slotsInUse;
  });
  EXPECT_EQ(code, 0);
  EXPECT_TRUE(cameBack);
  EXPECT_TRUE(recovered);
  EXPECT_TRUE(sameSegment);
  // 100 recoveries leaked no segment. (The count is process-wide: goroutines
  // of earlier tests may still be exiting, so it can only be bounded.)
  EXPECT_LE(inUseAfter, inUseBefore);
}
