// GODEBUG parsing: the last setting of a name wins, malformed and unknown
// entries are ignored, and a missing name gives the fallback.
#include <gtest/gtest.h>

#include <cstdlib>

#include "runtime/godebug.h"

using namespace gol::rt;

namespace {

int64_t valueWith(const char* godebug, const char* name, int64_t fallback) {
  setenv("GODEBUG", godebug, 1);
  int64_t v = godebugValue(name, fallback);
  unsetenv("GODEBUG");
  return v;
}

TEST(Godebug, FindsANameAmongOthers) {
  EXPECT_EQ(valueWith("gcstress=2,gctrace=1", "gctrace", 0), 1);
  EXPECT_EQ(valueWith("gcstress=2,gctrace=1", "gcstress", 0), 2);
}

TEST(Godebug, TheLastSettingWins) { EXPECT_EQ(valueWith("gctrace=1,gctrace=3", "gctrace", 0), 3); }

TEST(Godebug, IgnoresMalformedAndPrefixEntries) {
  EXPECT_EQ(valueWith("gctrace=x", "gctrace", 7), 7);
  EXPECT_EQ(valueWith("gctrace", "gctrace", 7), 7);
  EXPECT_EQ(valueWith("xgctrace=1,gctrace2=4", "gctrace", 7), 7);
  EXPECT_EQ(valueWith("gctrace=2,gctrace=", "gctrace", 0), 2);
}

TEST(Godebug, MissingGivesTheFallback) {
  unsetenv("GODEBUG");
  EXPECT_EQ(godebugValue("gctrace", -1), -1);
  EXPECT_EQ(valueWith("", "gctrace", 5), 5);
}

}  // namespace
