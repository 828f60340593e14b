// Tests of channel semantics: unbuffered hand-off, buffered FIFO, close,
// nil channels, Go's panics, and many producers/consumers.
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::makeChan;
using test::recv;
using test::runMain;
using test::send;

TEST(Chan, UnbufferedPingPong) {
  int rc = runMain([](G* g) {
    GolChan* ping = makeChan(g, 0);
    GolChan* pong = makeChan(g, 0);
    go(g, [=](G* g2) {
      for (;;) {
        bool ok;
        int64_t v = recv(g2, ping, &ok);
        if (!ok) return;
        send(g2, pong, v + 1);
      }
    });
    for (int64_t i = 0; i < 10000; i++) {
      send(g, ping, i);
      EXPECT_EQ(recv(g, pong), i + 1);
    }
    gol_closechan(g, ping);
  });
  EXPECT_EQ(rc, 0);
}

TEST(Chan, BufferedIsFifoWithLenAndCap) {
  int rc = runMain([](G* g) {
    GolChan* c = makeChan(g, 5);
    EXPECT_EQ(gol_chancap(c), 5);
    for (int64_t i = 0; i < 5; i++) send(g, c, i * 10);
    EXPECT_EQ(gol_chanlen(c), 5);
    for (int64_t i = 0; i < 5; i++) EXPECT_EQ(recv(g, c), i * 10);
    EXPECT_EQ(gol_chanlen(c), 0);
    EXPECT_EQ(gol_chanlen(nullptr), 0);
    EXPECT_EQ(gol_chancap(nullptr), 0);
  });
  EXPECT_EQ(rc, 0);
}

TEST(Chan, BlockedSenderKeepsOrderThroughAFullBuffer) {
  int rc = runMain([](G* g) {
    GolChan* c = makeChan(g, 2);
    uint32_t sent = 0;
    go(g, [&, c](G* g2) {
      for (int64_t i = 0; i < 100; i++) send(g2, c, i);
      semrelease(&sent);
    });
    for (int64_t i = 0; i < 100; i++) EXPECT_EQ(recv(g, c), i);
    semacquire(&sent);
  });
  EXPECT_EQ(rc, 0);
}

TEST(Chan, CloseDrainsBufferThenYieldsZeroAndNotOk) {
  int rc = runMain([](G* g) {
    GolChan* c = makeChan(g, 3);
    send(g, c, 7);
    send(g, c, 8);
    gol_closechan(g, c);
    bool ok;
    EXPECT_EQ(recv(g, c, &ok), 7);
    EXPECT_TRUE(ok);
    EXPECT_EQ(recv(g, c, &ok), 8);
    EXPECT_TRUE(ok);
    EXPECT_EQ(recv(g, c, &ok), 0);
    EXPECT_FALSE(ok);
    EXPECT_EQ(gol_chanrecv(g, c, nullptr), 0);
  });
  EXPECT_EQ(rc, 0);
}

TEST(Chan, CloseWakesEveryBlockedReceiver) {
  static constexpr int kN = 50;
  int rc = runMain([](G* g) {
    GolChan* c = makeChan(g, 0);
    std::atomic<int> closedSeen{0};
    uint32_t done = 0;
    for (int i = 0; i < kN; i++)
      go(g, [&, c](G* g2) {
        bool ok = true;
        int64_t v = recv(g2, c, &ok);
        if (!ok && v == 0) closedSeen++;
        semrelease(&done);
      });
    for (int i = 0; i < 100; i++) gosched();  // most receivers are blocked by now
    gol_closechan(g, c);
    for (int i = 0; i < kN; i++) semacquire(&done);
    EXPECT_EQ(closedSeen.load(), kN);
  });
  EXPECT_EQ(rc, 0);
}

TEST(Chan, ManyProducersAndConsumersLoseAndDuplicateNothing) {
  constexpr int kProducers = 16, kConsumers = 8, kPer = 2000;
  for (int64_t cap : {0, 1, 64}) {
    std::vector<std::atomic<int>> seen(kProducers * kPer);
    int rc = runMain([&](G* g) {
      GolChan* c = makeChan(g, cap);
      uint32_t producersDone = 0, consumersDone = 0;
      for (int p = 0; p < kProducers; p++)
        go(g, [&, c, p](G* g2) {
          for (int i = 0; i < kPer; i++) send(g2, c, p * kPer + i);
          semrelease(&producersDone);
        });
      for (int k = 0; k < kConsumers; k++)
        go(g, [&, c](G* g2) {
          bool ok;
          for (;;) {
            int64_t v = recv(g2, c, &ok);
            if (!ok) break;
            seen[v]++;
          }
          semrelease(&consumersDone);
        });
      for (int p = 0; p < kProducers; p++) semacquire(&producersDone);
      gol_closechan(g, c);
      for (int k = 0; k < kConsumers; k++) semacquire(&consumersDone);
    });
    EXPECT_EQ(rc, 0);
    for (auto& s : seen) ASSERT_EQ(s.load(), 1) << "cap " << cap;
  }
}

class ChanDeath : public testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_F(ChanDeath, SendOnClosedChannelPanics) {
  EXPECT_EXIT(runMain([](G* g) {
                GolChan* c = makeChan(g, 1);
                gol_closechan(g, c);
                send(g, c, 1);
              }),
              testing::ExitedWithCode(2), "panic: send on closed channel\n");
}

TEST_F(ChanDeath, BlockedSenderPanicsWhenTheChannelIsClosed) {
  EXPECT_EXIT(runMain([](G* g) {
                GolChan* c = makeChan(g, 0);
                go(g, [c](G* g2) {
                  for (int i = 0; i < 100; i++) gosched();
                  gol_closechan(g2, c);
                });
                send(g, c, 1);
              }),
              testing::ExitedWithCode(2), "panic: send on closed channel\n");
}

TEST_F(ChanDeath, CloseOfClosedChannelPanics) {
  EXPECT_EXIT(runMain([](G* g) {
                GolChan* c = makeChan(g, 0);
                gol_closechan(g, c);
                gol_closechan(g, c);
              }),
              testing::ExitedWithCode(2), "panic: close of closed channel\n");
}

TEST_F(ChanDeath, CloseOfNilChannelPanics) {
  EXPECT_EXIT(runMain([](G* g) { gol_closechan(g, nullptr); }), testing::ExitedWithCode(2),
              "panic: close of nil channel\n");
}

TEST_F(ChanDeath, NegativeBufferSizePanics) {
  EXPECT_EXIT(runMain([](G* g) { makeChan(g, -1); }), testing::ExitedWithCode(2),
              "panic: makechan: size out of range\n");
}

TEST(Chan, NilChannelReceiveDeadlocksWithGoroutineDump) {
  testing::internal::CaptureStderr();
  int rc = runMain([](G* g) {
    GolChan* c = makeChan(g, 0);
    go(g, [c](G* g2) { recv(g2, c); });
    recv(g, nullptr);
  });
  std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(err.rfind("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine ", 0), 0u) << err;
  EXPECT_NE(err.find(" [chan receive (nil chan)]:\n"), std::string::npos) << err;
  EXPECT_NE(err.find(" [chan receive]:\n"), std::string::npos) << err;
}

}  // namespace
}  // namespace gol::rt
