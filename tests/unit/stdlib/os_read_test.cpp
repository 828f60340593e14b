// os's read native blocks in the kernel without holding its P: with
// GOMAXPROCS=1, other goroutines keep running while one goroutine waits for
// input on an empty pipe, and the wait is not reported as a deadlock.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <thread>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "stdlib/natives.h"
#include "tests/unit/runtime/sched_testutil.h"

namespace {

using namespace gol::rt;

struct IntPair {
  int64_t n;
  int64_t errno_;
};
using ReadFn = IntPair (*)(GolG*, void*, int64_t fd, uint8_t* p, int64_t len, int64_t cap);

ReadFn osRead() {
  size_t n = 0;
  const GolSymbol* syms = gol_stdlib_symbols(&n);
  for (size_t i = 0; i < n; i++)
    if (strcmp(syms[i].name, "os.read") == 0) return reinterpret_cast<ReadFn>(const_cast<void*>(syms[i].addr));
  return nullptr;
}

TEST(OsRead, BlockedReadLetsOtherGoroutinesRun) {
  ReadFn read = osRead();
  ASSERT_NE(read, nullptr);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::thread writer;
  std::atomic<int> progress{0};
  int rc = test::runMain([&](G* g) {
    int32_t procs = gomaxprocs(1);
    GolChan* got = test::makeChan(g, 0);
    test::go(g, [&, got](G* g2) {
      uint8_t buf[8] = {};
      IntPair r = read(g2, nullptr, fds[0], buf, sizeof buf, sizeof buf);
      test::send(g2, got, r.errno_ == 0 && r.n == 2 ? buf[0] * 256 + buf[1] : -1);
    });
    // The reader runs first and blocks; this goroutine must still get the
    // only P, many times over.
    for (int i = 0; i < 100; i++) {
      gosched();
      progress++;
    }
    writer = std::thread([&] {
      usleep(20000);
      EXPECT_EQ(write(fds[1], "hi", 2), 2);
    });
    EXPECT_EQ(test::recv(g, got), 'h' * 256 + 'i');
    gomaxprocs(procs);
  });
  writer.join();
  close(fds[0]);
  close(fds[1]);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(progress.load(), 100);
}

}  // namespace
