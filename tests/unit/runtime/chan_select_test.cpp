// Tests of select: default, uniform choice among ready cases, nil cases,
// close, select {}, a stress run of racing selects that must neither lose
// nor duplicate a value, and recovered panics of large selects.
#include <gtest/gtest.h>
#include <malloc.h>

#include <atomic>
#include <vector>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::makeChan;
using test::recovering;
using test::recvCase;
using test::sendCase;
using test::recv;
using test::runMain;
using test::send;


TEST(ChanSelect, DefaultWhenNothingIsReady) {
  int rc = runMain([](G* g) {
    GolChan* c = makeChan(g, 0);
    int64_t v = 0;
    GolSelectCase cases[] = {recvCase(c, &v), sendCase(c, &v), recvCase(nullptr, &v)};
    int32_t ok = -1;
    EXPECT_EQ(gol_select(g, cases, 3, 0, &ok), -1);
    EXPECT_EQ(gol_select(g, nullptr, 0, 0, &ok), -1);
  });
  EXPECT_EQ(rc, 0);
}

TEST(ChanSelect, ReadyCasesAreChosenUniformly) {
  int rc = runMain([](G* g) {
    constexpr int kCases = 4, kRounds = 8000;
    GolChan* cs[kCases];
    for (auto& c : cs) c = makeChan(g, 1);
    int counts[kCases] = {};
    for (int r = 0; r < kRounds; r++) {
      for (auto c : cs)
        if (gol_chanlen(c) == 0) send(g, c, 1);
      int64_t v[kCases];
      GolSelectCase cases[kCases];
      for (int i = 0; i < kCases; i++) cases[i] = recvCase(cs[i], &v[i]);
      int32_t ok = 0;
      int64_t i = gol_select(g, cases, kCases, 1, &ok);
      ASSERT_TRUE(i >= 0 && i < kCases);
      EXPECT_EQ(ok, 1);
      counts[i]++;
    }
    for (int c : counts) {
      EXPECT_GT(c, kRounds / kCases * 8 / 10);
      EXPECT_LT(c, kRounds / kCases * 12 / 10);
    }
  });
  EXPECT_EQ(rc, 0);
}

TEST(ChanSelect, BlocksUntilACaseBecomesReady) {
  int rc = runMain([](G* g) {
    GolChan* a = makeChan(g, 0);
    GolChan* b = makeChan(g, 0);
    go(g, [b](G* g2) {
      for (int i = 0; i < 50; i++) gosched();
      send(g2, b, 42);
    });
    int64_t va = -1, vb = -1;
    GolSelectCase cases[] = {recvCase(a, &va), recvCase(nullptr, &va), recvCase(b, &vb)};
    int32_t ok = 0;
    EXPECT_EQ(gol_select(g, cases, 3, 1, &ok), 2);
    EXPECT_EQ(vb, 42);
    EXPECT_EQ(va, -1);
    EXPECT_EQ(ok, 1);
  });
  EXPECT_EQ(rc, 0);
}

TEST(ChanSelect, SendCaseHandsOffToAWaitingReceiver) {
  int rc = runMain([](G* g) {
    GolChan* c = makeChan(g, 0);
    uint32_t done = 0;
    int64_t got = 0;
    go(g, [&, c](G* g2) {
      got = recv(g2, c);
      semrelease(&done);
    });
    int64_t v = 99;
    GolSelectCase cases[] = {sendCase(c, &v)};
    EXPECT_EQ(gol_select(g, cases, 1, 1, nullptr), 0);
    semacquire(&done);
    EXPECT_EQ(got, 99);
  });
  EXPECT_EQ(rc, 0);
}

TEST(ChanSelect, ClosedChannelIsReadyWithNotOk) {
  int rc = runMain([](G* g) {
    GolChan* c = makeChan(g, 0);
    GolChan* never = makeChan(g, 0);
    go(g, [c](G* g2) {
      for (int i = 0; i < 20; i++) gosched();
      gol_closechan(g2, c);
    });
    int64_t v = 5;
    GolSelectCase cases[] = {recvCase(never, &v), recvCase(c, &v)};
    int32_t ok = 1;
    EXPECT_EQ(gol_select(g, cases, 2, 1, &ok), 1);
    EXPECT_EQ(ok, 0);
    EXPECT_EQ(v, 0);
  });
  EXPECT_EQ(rc, 0);
}

TEST(ChanSelect, RacingSelectsLoseAndDuplicateNothing) {
  constexpr int kChans = 4, kSenders = 32, kReceivers = 32, kPer = 500;
  std::vector<std::atomic<int>> seen(kSenders * kPer);
  int rc = runMain([&](G* g) {
    GolChan* cs[kChans];
    for (int i = 0; i < kChans; i++) cs[i] = makeChan(g, i % 2 == 0 ? 0 : 3);
    GolChan* quit = makeChan(g, 0);
    uint32_t sendersDone = 0, receiversDone = 0;
    for (int s = 0; s < kSenders; s++)
      go(g, [&, s](G* g2) {
        for (int i = 0; i < kPer; i++) {
          int64_t v = s * kPer + i;
          GolSelectCase cases[kChans];
          for (int k = 0; k < kChans; k++) cases[k] = sendCase(cs[k], &v);
          // Some senders poll with default first, so both paths race.
          if (i % 3 == 0 && gol_select(g2, cases, kChans, 0, nullptr) >= 0) continue;
          gol_select(g2, cases, kChans, 1, nullptr);
        }
        semrelease(&sendersDone);
      });
    for (int r = 0; r < kReceivers; r++)
      go(g, [&](G* g2) {
        for (;;) {
          int64_t v[kChans + 1];
          GolSelectCase cases[kChans + 1];
          for (int k = 0; k < kChans; k++) cases[k] = recvCase(cs[k], &v[k]);
          cases[kChans] = recvCase(quit, &v[kChans]);
          int32_t ok = 0;
          int64_t i = gol_select(g2, cases, kChans + 1, 1, &ok);
          if (i == kChans) break;
          seen[v[i]]++;
        }
        semrelease(&receiversDone);
      });
    for (int s = 0; s < kSenders; s++) semacquire(&sendersDone);
    // Buffered values may remain: drain them with non-blocking receives.
    for (int k = 0; k < kChans; k++) {
      int64_t v;
      GolSelectCase one[] = {recvCase(cs[k], &v)};
      while (gol_select(g, one, 1, 0, nullptr) == 0) seen[v]++;
    }
    gol_closechan(g, quit);
    for (int r = 0; r < kReceivers; r++) semacquire(&receiversDone);
  });
  EXPECT_EQ(rc, 0);
  for (size_t i = 0; i < seen.size(); i++) ASSERT_EQ(seen[i].load(), 1) << "value " << i;
}

TEST(ChanSelect, RecoveredPanicOfALargeSelectLeaksNothing) {
  // More cases than the inline scratch holds: the scratch is heap-allocated
  // and must be freed although the panic leaves gol_select by longjmp.
  // Under ThreadSanitizer every recovery leaves a few frames on TSan's
  // shadow call stack (its longjmp tracking does not follow the runtime's
  // stack switches), which overflows after tens of thousands.
  constexpr int kCases = 40, kRounds = test::kUnderTsan ? 100 : 20000;
  size_t before = 0, after = 0;
  int rc = runMain([&](G* g) {
    GolChan* closed = makeChan(g, 0);
    gol_closechan(g, closed);
    GolChan* idle = makeChan(g, 0);
    int64_t v = 1;
    GolSelectCase cases[kCases];
    for (int i = 0; i < kCases; i++) cases[i] = i == kCases - 1 ? sendCase(closed, &v) : recvCase(idle, &v);
    int panics = 0;
    auto op = [&](G* g2) { gol_select(g2, cases, kCases, 1, nullptr); };
    before = mallinfo2().uordblks;
    for (int r = 0; r < kRounds; r++) panics += !recovering(g, &op);
    after = mallinfo2().uordblks;
    EXPECT_EQ(panics, kRounds);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_LT(after, before + 1024 * 1024) << "grew by " << after - before << " bytes";
}

TEST(ChanSelect, EmptySelectBlocksForever) {
  testing::internal::CaptureStderr();
  int rc = runMain([](G* g) { gol_select(g, nullptr, 0, 1, nullptr); });
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(rc, 2);
  EXPECT_NE(err.find("fatal error: all goroutines are asleep - deadlock!\n"), std::string::npos) << err;
  EXPECT_NE(err.find(" [select (no cases)]:\n"), std::string::npos) << err;
}

TEST(ChanSelect, SendOnClosedChannelPanics) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(runMain([](G* g) {
                GolChan* c = makeChan(g, 0);
                gol_closechan(g, c);
                int64_t v = 1;
                GolSelectCase cases[] = {sendCase(c, &v)};
                gol_select(g, cases, 1, 1, nullptr);
              }),
              testing::ExitedWithCode(2), "panic: send on closed channel\n");
}

}  // namespace
}  // namespace gol::rt
