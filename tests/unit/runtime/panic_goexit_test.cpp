// runtime.Goexit under the scheduler: the goroutine's deferred calls run,
// recover() returns nil in them, and the goroutine ends without a panic.
#include <gtest/gtest.h>
#include <setjmp.h>

#include <atomic>

#include "runtime/api.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "tests/unit/runtime/mem_testutil.h"
#include "tests/unit/runtime/sched_testutil.h"

using namespace gol::rt;

namespace {

const GolFuncInfo kWorker = {gol::rt::testing::lit("main.worker"), gol::rt::testing::lit("prog.gol"), 0, 0, nullptr};

std::atomic<int> deferredRan{0}, recoveredSomething{0}, afterGoexit{0};

struct DeferClosure {
  void (*code)(GolG*, void*);
};

void deferredEntry(GolG* g, void*) {
  GolFrame self = {g->frame, &kWorker};
  g->frame = &self;
  if (gol_recover(g, &self).tab) recoveredSomething++;
  deferredRan++;
  g->frame = self.prev;
}

DeferClosure deferClosure{deferredEntry};

void worker(G* g) {
  GolFrame frame = {g->frame, &kWorker};
  g->frame = &frame;
  uint64_t buf[GOL_JMPBUF_WORDS];
  if (_setjmp(reinterpret_cast<__jmp_buf_tag*>(buf))) return;
  gol_defer(g, &frame, buf, &deferClosure);
  gol_defer(g, &frame, buf, &deferClosure);
  gol_rt_Goexit(g, nullptr);
  afterGoexit++;
}

}  // namespace

TEST(PanicGoexit, RunsDeferredCallsThenEndsTheGoroutine) {
  static std::atomic<int> exited{0};
  int code = test::runMain([](G* g) {
    for (int i = 0; i < 3; i++) test::go(g, [](G* wg) { worker(wg); });
    while (deferredRan.load() < 6) gosched();
    for (int i = 0; i < 100; i++) gosched();
    exited = 1;
  });
  EXPECT_EQ(code, 0);
  EXPECT_EQ(exited.load(), 1);
  EXPECT_EQ(deferredRan.load(), 6);
  EXPECT_EQ(recoveredSomething.load(), 0);
  EXPECT_EQ(afterGoexit.load(), 0);
}
