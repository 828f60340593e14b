// objcache_test.cpp — a program's cache key extended by the files it read
// outside the gol binary (ObjectCache::keyWithInputs / recordedKey).
#include "compiler/objcache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

namespace gol {
namespace {

TEST(ObjectCacheInputs, KeyFollowsTheFilesRead) {
  char tmpl[] = "/tmp/gol_objcache_test_XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  std::string root = tmpl;
  ::setenv("GOLCACHE", (root + "/cache").c_str(), 1);
  ObjectCache cache;
  ASSERT_TRUE(cache.enabled());
  std::string src = root + "/list.go";
  std::ofstream(src) << "package list\n";

  EXPECT_EQ(cache.recordedKey("pprogram"), "");  // nothing recorded yet
  std::string key = cache.keyWithInputs("pprogram", {root, src});
  ASSERT_FALSE(key.empty());
  EXPECT_NE(key, "pprogram");
  EXPECT_EQ(cache.recordedKey("pprogram"), key);
  EXPECT_NE(cache.keyWithInputs("pother", {root, src}), key);  // another program, another key
  EXPECT_EQ(cache.recordedKey("pprogram"), key);

  std::ofstream(src, std::ios::app) << "// edited\n";
  std::string edited = cache.recordedKey("pprogram");
  EXPECT_FALSE(edited.empty());
  EXPECT_NE(edited, key);

  std::remove(src.c_str());
  EXPECT_EQ(cache.recordedKey("pprogram"), "");  // a file gone: no key, a miss
  EXPECT_EQ(cache.keyWithInputs("pprogram", {src}), "");

  // a program that read no such file still gets a key of its own
  std::string none = cache.keyWithInputs("pplain", {});
  EXPECT_FALSE(none.empty());
  EXPECT_EQ(cache.recordedKey("pplain"), none);

  ::unsetenv("GOLCACHE");
  std::system(("rm -rf '" + root + "'").c_str());
}

}  // namespace
}  // namespace gol
