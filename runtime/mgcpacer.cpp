// mgcpacer.cpp — the heap goal (see mgcpacer.h for the invariants).
#include "runtime/mgcpacer.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "runtime/lock_futex.h"
#include "runtime/malloc.h"
#include "runtime/runtime2.h"

namespace gol::rt {

namespace {

constexpr uint64_t kMinHeapGoal = 4 << 20;
constexpr uint64_t kMinLimiterHeadroom = 1 << 20;

struct Pacer {
  Mutex lock;
  std::atomic<uint64_t> goal{kMinHeapGoal};
  std::atomic<int32_t> percent{100};
  std::atomic<int64_t> limit{kNoMemoryLimit};
  uint64_t live = 0;
  uint64_t headroom = 0;  // the limiter's minimum growth above live
};
Pacer pacer;

int32_t percentFromEnv() {
  const char* s = getenv("GOGC");
  if (!s || !*s) return 100;
  if (strcmp(s, "off") == 0) return -1;
  char* end;
  long v = strtol(s, &end, 10);
  return *end ? 100 : int32_t(v);
}

// A byte count as GOMEMLIMIT takes it: decimal digits, optionally followed
// by B or by KiB, MiB, GiB or TiB.
bool parseByteCount(std::string_view s, int64_t* out) {
  uint64_t unit = 1;
  for (auto [suffix, scale] : {std::pair{"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30},
                               {"TiB", 1ull << 40}, {"B", 1ull}}) {
    std::string_view sv = suffix;
    if (s.size() > sv.size() && s.substr(s.size() - sv.size()) == sv) {
      s.remove_suffix(sv.size());
      unit = scale;
      break;
    }
  }
  if (s.empty()) return false;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || n > (uint64_t(INT64_MAX) - 9) / 10) return false;
    n = n * 10 + uint64_t(c - '0');
  }
  if (n > uint64_t(INT64_MAX) / unit) return false;
  *out = int64_t(n * unit);
  return true;
}

int64_t limitFromEnv() {
  const char* s = getenv("GOMEMLIMIT");
  if (!s || !*s || strcmp(s, "off") == 0) return kNoMemoryLimit;
  int64_t v;
  if (!parseByteCount(s, &v)) {
    fprintf(stderr, "GOMEMLIMIT=%s\n", s);
    fatal("malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`");
  }
  return v;
}

uint64_t percentGoal(uint64_t live) {
  int32_t pct = pacer.percent.load();
  uint64_t growth, goal;
  if (pct < 0 || __builtin_mul_overflow(live, uint64_t(pct), &growth) ||
      __builtin_add_overflow(live, growth / 100, &goal))
    return UINT64_MAX;
  return std::max(goal, kMinHeapGoal);
}

// The runtime's memory outside the heap arena that the limit covers.
uint64_t heapOverheadBytes() {
  HeapLayout h = heapLayout();
  return h.spanSysBytes + h.cacheBytes + h.metadataBytes;
}

// At start-up the heap's metadata may not exist yet: the overhead counts as
// zero until the first collection or setter call.
uint64_t limitGoal(uint64_t live, bool started) {
  int64_t limit = pacer.limit.load();
  if (limit == kNoMemoryLimit) return UINT64_MAX;
  uint64_t overhead = started ? heapOverheadBytes() : 0;
  uint64_t goal = uint64_t(limit) > overhead ? uint64_t(limit) - overhead : 0;
  return std::max(goal, live + pacer.headroom);
}

void recomputeGoal(bool started = true) {
  pacer.goal.store(std::min(percentGoal(pacer.live), limitGoal(pacer.live, started)));
}

}  // namespace

void pacerInit() {
  MutexGuard l(pacer.lock);
  pacer.percent.store(percentFromEnv());
  pacer.limit.store(limitFromEnv());
  recomputeGoal(false);
}

uint64_t pacerGoal() { return pacer.goal.load(std::memory_order_relaxed); }
int32_t pacerPercent() { return pacer.percent.load(std::memory_order_relaxed); }
int64_t pacerMemoryLimit() { return pacer.limit.load(std::memory_order_relaxed); }

int32_t pacerSetPercent(int32_t percent) {
  MutexGuard l(pacer.lock);
  int32_t old = pacer.percent.exchange(percent < 0 ? -1 : percent);
  recomputeGoal();
  return old;
}

int64_t pacerSetMemoryLimit(int64_t limit) {
  MutexGuard l(pacer.lock);
  int64_t old = pacer.limit.load();
  if (limit < 0) return old;
  pacer.limit.store(limit);
  recomputeGoal();
  return old;
}

void pacerEndCycle(uint64_t live, uint64_t pauseNs, uint64_t sinceLastNs) {
  MutexGuard l(pacer.lock);
  pacer.live = live;
  if (pauseNs * 2 > sinceLastNs)
    pacer.headroom = std::max(pacer.headroom * 2, kMinLimiterHeadroom);
  else if (pauseNs * 4 < sinceLastNs)
    pacer.headroom /= 2;
  recomputeGoal();
}

uint64_t pacerRetainBytes() {
  uint64_t goal = pacerGoal();
  uint64_t retain = goal + std::min(goal / 10, UINT64_MAX - goal);
  int64_t limit = pacer.limit.load();
  if (limit != kNoMemoryLimit) retain = std::min(retain, std::max(uint64_t(limit), pacer.live));
  return retain;
}

}  // namespace gol::rt
