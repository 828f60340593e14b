// GOL_ASSERT: a broken runtime invariant stops the process at once with
// "fatal error: <invariant>", in the build the tests use.
#include <gtest/gtest.h>

#include "runtime/check.h"
#include "runtime/lock_futex.h"

namespace {

TEST(CheckDeathTest, BrokenInvariantIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(GOL_ASSERT(1 + 1 == 3, "arithmetic works"), "fatal error: arithmetic works");
}

TEST(CheckDeathTest, UnlockingAnUnlockedRuntimeMutexIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  gol::rt::Mutex m;
  EXPECT_DEATH(m.unlock(), "fatal error: unlock of an unlocked runtime mutex");
  m.lock();
  m.unlock();
}

}  // namespace
