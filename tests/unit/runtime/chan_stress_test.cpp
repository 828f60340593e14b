// Stress tests of channels and select with many goroutines: random selects
// mixing send and receive cases on shared channels, selects that send and
// receive on the same channel, and closes racing with senders (blocked,
// selecting and polling) and receivers. Each checks the exactly-once
// property: a value whose send completed is received once, a value whose
// send panicked or did not happen is never received.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <vector>

#include "runtime/proc.h"
#include "runtime/sema.h"
#include "sched_testutil.h"

namespace gol::rt {
namespace {

using test::go;
using test::kUnderTsan;
using test::makeChan;
using test::recovering;
using test::recvCase;
using test::sendCase;
using test::runMain;


struct Rand {
  uint32_t x;
  uint32_t next() {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  }
  uint32_t below(uint32_t n) { return next() % n; }
};

// ---- random selects over shared channels ----

TEST(ChanStress, RandomSelectsOverSharedChannelsDeliverExactlyOnce) {
  constexpr int kChans = 8;
  const int kGoroutines = kUnderTsan ? 400 : 2000, kPer = kUnderTsan ? 20 : 100;
  const int64_t total = int64_t(kGoroutines) * kPer;
  std::vector<std::atomic<int>> seen(static_cast<size_t>(total));
  std::atomic<int64_t> received{0};
  int rc = runMain([&](G* g) {
    int32_t procs = gomaxprocs(4);  // more Ps than cores: stealing and spinning Ms
    GolChan* cs[kChans];
    for (int i = 0; i < kChans; i++) cs[i] = makeChan(g, i < kChans / 2 ? 0 : i);  // 0,0,0,0,4,5,6,7
    GolChan* quit = makeChan(g, 0);
    uint32_t exited = 0;
    for (int w = 0; w < kGoroutines; w++)
      go(g, [&, w](G* g2) {
        Rand r{uint32_t(w) * 2654435761u + 1};
        int next = 0;
        for (;;) {
          // Every select receives on every channel and on quit, and sends
          // this goroutine's next value on one or two random channels (so
          // some selects send and receive on the same channel). If all
          // goroutines blocked, every channel would have a waiting receiver
          // and so no sender could be blocked: progress is guaranteed.
          GolSelectCase cases[kChans + 3];
          int64_t slots[kChans + 1];
          int n = 0;
          for (int k = 0; k < kChans; k++) cases[n++] = recvCase(cs[k], &slots[k]);
          cases[n++] = recvCase(quit, &slots[kChans]);
          int64_t out = int64_t(w) * kPer + next;
          if (next < kPer) {
            cases[n++] = sendCase(cs[r.below(kChans)], &out);
            if (r.below(2)) cases[n++] = sendCase(cs[r.below(kChans)], &out);
          }
          std::swap(cases[r.below(uint32_t(n))], cases[n - 1]);  // vary the case layout too
          int32_t ok = 0;
          int64_t i = gol_select(g2, cases, n, 1, &ok);
          if (cases[i].dir == GOL_CHAN_SEND) {
            next++;
            continue;
          }
          if (cases[i].c == quit) break;
          EXPECT_EQ(ok, 1);
          seen[size_t(*static_cast<int64_t*>(cases[i].elem))]++;
          if (++received == total) gol_closechan(g2, quit);
        }
        semrelease(&exited);
      });
    for (int w = 0; w < kGoroutines; w++) semacquire(&exited);
    gomaxprocs(procs);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(received.load(), total);
  for (size_t v = 0; v < seen.size(); v++) ASSERT_EQ(seen[v].load(), 1) << "value " << v;
}

// ---- send and receive cases on one channel ----

TEST(ChanStress, SelectsSendingAndReceivingOnOneChannelPairUp) {
  const int kPlayers = kUnderTsan ? 16 : 64, kTarget = kUnderTsan ? 10000 : 200000;
  std::vector<std::vector<int64_t>> sent(kPlayers), got(kPlayers);
  std::atomic<int> ownValues{0};
  int rc = runMain([&](G* g) {
    GolChan* c = makeChan(g, 0);
    GolChan* quit = makeChan(g, 0);
    std::atomic<int> communications{0};
    uint32_t exited = 0;
    for (int p = 0; p < kPlayers; p++)
      go(g, [&, p](G* g2) {
        int64_t seq = 0;
        for (;;) {
          int64_t out = int64_t(p) << 32 | seq, in = -1, q = 0;
          GolSelectCase cases[] = {sendCase(c, &out), recvCase(c, &in), recvCase(quit, &q)};
          int64_t i = gol_select(g2, cases, 3, 1, nullptr);
          if (i == 2) break;
          if (i == 0) {
            sent[p].push_back(out);
            seq++;
            continue;
          }
          if (in >> 32 == p) ownValues++;  // a select cannot pair with itself
          got[p].push_back(in);
          // The player reaching the target closes quit itself: waking main
          // instead could take seconds, because players readying each other
          // through runnext starve the local run queue (as in Go).
          if (++communications == kTarget) gol_closechan(g2, quit);
        }
        semrelease(&exited);
      });
    for (int p = 0; p < kPlayers; p++) semacquire(&exited);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(ownValues.load(), 0);
  std::vector<int64_t> allSent, allGot;
  for (int p = 0; p < kPlayers; p++) {
    allSent.insert(allSent.end(), sent[p].begin(), sent[p].end());
    allGot.insert(allGot.end(), got[p].begin(), got[p].end());
  }
  std::sort(allSent.begin(), allSent.end());
  std::sort(allGot.begin(), allGot.end());
  EXPECT_GE(int64_t(allGot.size()), kTarget);
  EXPECT_TRUE(std::adjacent_find(allGot.begin(), allGot.end()) == allGot.end()) << "a value arrived twice";
  EXPECT_TRUE(allSent == allGot) << "sent " << allSent.size() << " values, received " << allGot.size();
}

// ---- closes racing with sends and receives ----

TEST(ChanStress, ClosesRacingWithSendsLoseNothingThatWasSent) {
  constexpr int kChans = 6;
  const int kSenders = kUnderTsan ? 64 : 400, kReceivers = kUnderTsan ? 12 : 50, kPer = kUnderTsan ? 40 : 500;
  const int64_t total = int64_t(kSenders) * kPer;
  std::vector<std::atomic<int>> sentOK(static_cast<size_t>(total)), seen(static_cast<size_t>(total));
  std::atomic<int64_t> attempts{0}, panics{0};
  int rc = runMain([&](G* g) {
    int32_t procs = gomaxprocs(3);
    GolChan* cs[kChans];
    for (int i = 0; i < kChans; i++) cs[i] = makeChan(g, i % 3 == 0 ? 0 : i);
    uint32_t exited = 0;
    for (int s = 0; s < kSenders; s++)
      go(g, [&, s](G* g2) {
        Rand r{uint32_t(s) * 40503u + 7};
        for (int i = 0; i < kPer; i++) {
          int64_t v = int64_t(s) * kPer + i;
          GolChan* a = cs[r.below(kChans)];
          GolChan* b = cs[r.below(kChans)];
          uint32_t mode = r.below(3);
          bool done = false;
          auto op = [&](G* g3) {
            if (mode == 0) {  // plain blocking send
              gol_chansend(g3, a, &v);
              done = true;
              return;
            }
            GolSelectCase cases[] = {sendCase(a, &v), sendCase(b, &v)};
            done = gol_select(g3, cases, 2, mode == 1, nullptr) >= 0;  // mode 2: with default
          };
          // Channel k is closed by the sender making attempt (k+1)*total/(kChans+1),
          // so closes race with the other senders' attempts and the last
          // seventh of all attempts find every channel closed.
          int64_t attempt = attempts++;
          for (int k = 0; k < kChans; k++)
            if (attempt == (k + 1) * total / (kChans + 1)) gol_closechan(g2, cs[k]);
          bool completed = recovering(g2, &op);
          if (!completed) panics++;
          if (completed && done) sentOK[size_t(v)]++;
        }
        semrelease(&exited);
      });
    for (int k = 0; k < kReceivers; k++)
      go(g, [&](G* g2) {
        GolChan* open[kChans];
        std::copy(cs, cs + kChans, open);
        int nopen = kChans;
        while (nopen > 0) {
          int64_t slots[kChans];
          GolSelectCase cases[kChans];
          for (int i = 0; i < kChans; i++) cases[i] = recvCase(open[i], &slots[i]);
          int32_t ok = 0;
          int64_t i = gol_select(g2, cases, kChans, 1, &ok);
          if (!ok) {
            open[i] = nullptr;  // closed and drained: a nil case never fires
            nopen--;
            continue;
          }
          seen[size_t(slots[i])]++;
        }
        semrelease(&exited);
      });
    for (int i = 0; i < kSenders + kReceivers; i++) semacquire(&exited);
    gomaxprocs(procs);
  });
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(attempts.load(), total);
  EXPECT_GE(panics.load(), total / (kChans + 1));
  int64_t delivered = 0;
  for (size_t v = 0; v < seen.size(); v++) {
    ASSERT_EQ(seen[v].load(), sentOK[v].load()) << "value " << v;
    delivered += seen[v].load();
  }
  EXPECT_GT(delivered, 0);
}

}  // namespace
}  // namespace gol::rt
