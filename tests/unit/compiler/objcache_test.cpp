// objcache_test.cpp — a program's cache key extended by the files it read
// outside the gol binary (ObjectCache::keyWithInputs / recordedKey).
#include "compiler/objcache.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>

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
// Entries unused for five days go at the next daily trim; a hit keeps an
// entry, and nothing is trimmed again within a day.
TEST(ObjectCacheTrim, RemovesOnlyEntriesUnusedForFiveDays) {
  char tmpl[] = "/tmp/gol_objcache_trim_XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  ::setenv("GOLCACHE", dir.c_str(), 1);
  ObjectCache cache;
  ASSERT_TRUE(cache.enabled());
  auto write = [&](const std::string& name, long ageSeconds) {
    std::ofstream(dir + "/" + name) << "x";
    timespec times[2];
    times[0].tv_sec = times[1].tv_sec = ::time(nullptr) - ageSeconds;
    times[0].tv_nsec = times[1].tv_nsec = 0;
    ::utimensat(AT_FDCWD, (dir + "/" + name).c_str(), times, 0);
  };
  auto exists = [&](const std::string& name) { return ::access((dir + "/" + name).c_str(), F_OK) == 0; };
  const long day = 24 * 3600;
  write("old.o", 6 * day);
  write("old.inputs", 6 * day);
  write("used.o", 6 * day);
  write("recent.o", 4 * day);
  write("notes.txt", 30 * day);  // not an entry
  ASSERT_NE(cache.load("used"), nullptr);  // a hit marks it used
  cache.trimIfDue();
  EXPECT_FALSE(exists("old.o"));
  EXPECT_FALSE(exists("old.inputs"));
  EXPECT_TRUE(exists("used.o"));
  EXPECT_TRUE(exists("recent.o"));
  EXPECT_TRUE(exists("notes.txt"));
  EXPECT_TRUE(exists("trim.txt"));
  write("later.o", 6 * day);
  cache.trimIfDue();  // the last trim is less than a day old
  EXPECT_TRUE(exists("later.o"));
  ::unsetenv("GOLCACHE");
  std::system(("rm -rf '" + dir + "'").c_str());
}

}  // namespace gol
