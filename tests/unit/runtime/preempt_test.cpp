// The preemption switches and tables that the end-to-end tests
// (tests/unit/compiler/preempt_test.cpp) rely on: GODEBUG=asyncpreemptoff=1
// and the registered code ranges the signal handler consults.
#include <gtest/gtest.h>

#include <cstdlib>

#include "runtime/preempt.h"

using namespace gol::rt;

namespace {

TEST(Preempt, GodebugAsyncPreemptOffDisablesTheSignal) {
  setenv("GODEBUG", "gctrace=0,asyncpreemptoff=1", 1);
  initPreemption();
  EXPECT_FALSE(asyncPreemptEnabled());
  setenv("GODEBUG", "asyncpreemptoff=0", 1);
  initPreemption();
  bool on = asyncPreemptEnabled();
  unsetenv("GODEBUG");
  initPreemption();
  EXPECT_EQ(asyncPreemptEnabled(), on);
#if !defined(__SANITIZE_THREAD__)
  // Every x86-64 CPU this project targets has XSAVE (ThreadSanitizer builds
  // keep the signal path off).
  EXPECT_TRUE(on);
#endif
}

TEST(Preempt, OnlyRegisteredCodeIsGeneratedCode) {
  static const char code[64] = {};
  auto lo = reinterpret_cast<uintptr_t>(code);
  EXPECT_FALSE(inGeneratedCode(lo + 8));
  gol_register_code(lo + 8, lo + 24);
  gol_register_code(lo + 8, lo + 24);  // the JIT reports each block once per symbol
  EXPECT_FALSE(inGeneratedCode(lo + 7));
  EXPECT_TRUE(inGeneratedCode(lo + 8));
  EXPECT_TRUE(inGeneratedCode(lo + 23));
  EXPECT_FALSE(inGeneratedCode(lo + 24));
  EXPECT_FALSE(inGeneratedCode(reinterpret_cast<uintptr_t>(&inGeneratedCode)));
}

}  // namespace
