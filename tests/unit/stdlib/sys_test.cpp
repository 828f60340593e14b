// sys_test.cpp — the system-call helpers os's and time's natives share:
// whole and size-limited file reads, Go's errno texts, the environment.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "stdlib/internal/sys.h"

namespace {

using gol::std_::errnoText;
using gol::std_::lookupEnv;
using gol::std_::readWholeFile;

// A temporary file holding n bytes (i % 251), removed by the destructor.
struct TempFile {
  std::string path;
  std::string data;
  explicit TempFile(size_t n) {
    char name[] = "/tmp/gol_sys_testXXXXXX";
    int fd = mkstemp(name);
    path = name;
    for (size_t i = 0; i < n; i++) data.push_back(char(i % 251));
    EXPECT_EQ(write(fd, data.data(), data.size()), ssize_t(data.size()));
    close(fd);
  }
  ~TempFile() { unlink(path.c_str()); }
};

TEST(Sys, ReadsWholeFilesLargerThanOneChunk) {
  TempFile f(200000);
  std::string got;
  EXPECT_EQ(readWholeFile(f.path, -1, &got), 0);
  EXPECT_EQ(got, f.data);
}

TEST(Sys, StopsAtTheLimit) {
  TempFile f(100000);
  std::string got;
  EXPECT_EQ(readWholeFile(f.path, 70001, &got), 0);
  EXPECT_EQ(got, f.data.substr(0, 70001));
  got.clear();
  EXPECT_EQ(readWholeFile(f.path, 0, &got), 0);
  EXPECT_EQ(got, "");
  TempFile empty(0);
  EXPECT_EQ(readWholeFile(empty.path, 10, &got), 0);
  EXPECT_EQ(got, "");
}

TEST(Sys, ReportsErrnoAsGoPrintsIt) {
  std::string got;
  EXPECT_EQ(readWholeFile("/nonexistent/gol/file", -1, &got), ENOENT);
  EXPECT_EQ(readWholeFile("/tmp", -1, &got), EISDIR);
  EXPECT_EQ(errnoText(ENOENT), "no such file or directory");
  EXPECT_EQ(errnoText(ENOTDIR), "not a directory");
}

TEST(Sys, LooksUpTheEnvironment) {
  setenv("GOL_SYS_TEST", "", 1);
  EXPECT_EQ(lookupEnv("GOL_SYS_TEST"), std::optional<std::string>(""));
  setenv("GOL_SYS_TEST", "a=b", 1);
  EXPECT_EQ(lookupEnv("GOL_SYS_TEST"), std::optional<std::string>("a=b"));
  unsetenv("GOL_SYS_TEST");
  EXPECT_EQ(lookupEnv("GOL_SYS_TEST"), std::nullopt);
}

}  // namespace
