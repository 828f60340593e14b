// stack.cpp — goroutine stacks: segmented, grown through the prologue check.
//
// Design
//  - gol cannot copy stacks as Go does: C++ runtime frames and JIT frames hold
//    raw pointers into the stack. So a stack is a chain of segments that never
//    move. Every gol function but small leaves compares sp minus its frame
//    with g->stackguard (a large frame through a wrapper, before the frame is
//    allocated) and calls gol_morestack(g, thunk, pack) when it is below;
//    gol_morestack runs thunk (which re-invokes the function) on a segment
//    with room, via gol_call_on_stack (stack_switch.S), then returns.
//  - stackguard = segment lo + GOL_STACK_GUARD_RESERVE: C++ runtime code
//    called from gol code may use those 32 KB without any check.
//  - First segments are 64 KB slots carved from large MAP_NORESERVE
//    reservations: pages are committed on first touch, so a parked goroutine
//    costs only the page or two its top frames touched. There are no guard
//    pages (one mapping per goroutine would hit the kernel's 65530-mapping
//    limit): the prologue check is the only protection. Freed slots are
//    pooled; beyond kHotSlots pooled slots, freed slots' pages go back to the
//    kernel (MADV_DONTNEED, in batches) before they are pooled again.
//  - Further segments double in size (up to kMaxSegment, or more for one huge
//    frame) and are separate mappings. When a goroutine returns from a
//    segment it keeps it as its cached next segment, so a call that straddles
//    a boundary in a loop does not allocate each time (the hot split); only
//    one segment is cached per goroutine.
//  - A goroutine's segments total at most the limit debug.SetMaxStack sets
//    (1 GB by default, never more than Go's ceiling of twice that); beyond it
//    the program dies with Go's "stack overflow" fatal error.
//  - A stackguard of GOL_STACK_PREEMPT is a preemption request (proc.cpp):
//    gol_morestack restores the real guard, yields, then re-runs thunk on the
//    same segment, whose prologue checks the real guard again.
#include "runtime/stack.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <new>
#include <vector>

#include "runtime/check.h"
#include "runtime/lock_futex.h"
#include "runtime/proc.h"

namespace gol::rt {

namespace {

constexpr size_t kChunkBytes = size_t(1) << 30;  // one reservation: 16384 slots
constexpr size_t kHotSlots = 4096;
constexpr size_t kReleaseBatch = 1024;
constexpr size_t kMaxSegment = size_t(64) << 20;
// A morestack call this close to the top of a segment means the frame did
// not fit in a whole fresh segment.
constexpr uintptr_t kFreshSegmentSlack = 4096;
constexpr int64_t kMaxStackCeiling = 2 * kDefaultMaxStack;

std::atomic<int64_t> maxStack{kDefaultMaxStack};

int64_t stackLimit() { return std::min(maxStack.load(std::memory_order_relaxed), kMaxStackCeiling); }

struct SlotPool {
  Mutex lock;
  std::vector<uintptr_t> hot;   // committed pages may remain
  std::vector<uintptr_t> cold;  // pages returned to the kernel
  std::vector<uintptr_t> releasing;  // waiting to be returned, not reusable yet
  uintptr_t next = 0;
  uintptr_t end = 0;
  int64_t inUse = 0;
  int64_t reserved = 0;
};

SlotPool& pool = *new SlotPool;
// Bytes of the segments beyond first slots (each its own mapping).
std::atomic<int64_t> bigSegmentBytes{0};

[[noreturn]] void outOfStackMemory() {
  fprintf(stderr, "runtime: cannot allocate goroutine stack\n");
  fatal("out of memory");
}

void* mapNoReserve(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) outOfStackMemory();
  return p;
}

uintptr_t slotAlloc() {
  MutexGuard l(pool.lock);
  pool.inUse++;
  if (!pool.hot.empty()) {
    uintptr_t lo = pool.hot.back();
    pool.hot.pop_back();
    return lo;
  }
  if (!pool.cold.empty()) {
    uintptr_t lo = pool.cold.back();
    pool.cold.pop_back();
    return lo;
  }
  if (pool.next == pool.end) {
    pool.next = reinterpret_cast<uintptr_t>(mapNoReserve(kChunkBytes));
    pool.end = pool.next + kChunkBytes;
    pool.reserved += kChunkBytes;
  }
  uintptr_t lo = pool.next;
  pool.next += kStackSlotSize;
  return lo;
}

// Returns the pages of a batch of slots to the kernel, one madvise per run
// of adjacent slots (goroutines created together usually die together, so
// runs are long).
void releaseSlots(std::vector<uintptr_t>& batch) {
  std::sort(batch.begin(), batch.end());
  for (size_t i = 0; i < batch.size();) {
    size_t j = i + 1;
    while (j < batch.size() && batch[j] == batch[j - 1] + kStackSlotSize) j++;
    madvise(reinterpret_cast<void*>(batch[i]), (j - i) * kStackSlotSize, MADV_DONTNEED);
    i = j;
  }
}

void slotFree(uintptr_t lo) {
  pool.lock.lock();
  pool.inUse--;
  if (pool.hot.size() < kHotSlots) {
    pool.hot.push_back(lo);
    pool.lock.unlock();
    return;
  }
  pool.releasing.push_back(lo);
  if (pool.releasing.size() < kReleaseBatch) {
    pool.lock.unlock();
    return;
  }
  std::vector<uintptr_t> batch;
  batch.swap(pool.releasing);
  pool.lock.unlock();
  releaseSlots(batch);
  MutexGuard l(pool.lock);
  pool.cold.insert(pool.cold.end(), batch.begin(), batch.end());
}

// The segment header lives in the top 64 bytes of the segment itself.
StackSeg* segmentAt(uintptr_t lo, size_t size) {
  auto* seg = new (reinterpret_cast<void*>(lo + size - 64)) StackSeg;
  seg->lo = lo;
  seg->hi = lo + size;
  return seg;
}

size_t segmentSize(const StackSeg* seg) { return seg->hi - seg->lo; }

StackSeg* segmentAlloc(size_t size) {
  if (size == kStackSlotSize) return segmentAt(slotAlloc(), size);
  bigSegmentBytes.fetch_add(int64_t(size), std::memory_order_relaxed);
  return segmentAt(reinterpret_cast<uintptr_t>(mapNoReserve(size)), size);
}

void segmentFree(StackSeg* seg) {
  size_t size = segmentSize(seg);
  if (size == kStackSlotSize) {
    slotFree(seg->lo);
    return;
  }
  munmap(reinterpret_cast<void*>(seg->lo), size);
  bigSegmentBytes.fetch_sub(int64_t(size), std::memory_order_relaxed);
}

uintptr_t guardOf(const StackSeg* seg) { return seg->lo + GOL_STACK_GUARD_RESERVE; }

int64_t chainBytes(const StackSeg* seg) {
  int64_t total = 0;
  for (; seg; seg = seg->prev) total += int64_t(segmentSize(seg));
  return total;
}

// Size of the segment to put below cur for a call that failed at sp.
size_t nextSegmentSize(const StackSeg* cur, uintptr_t sp) {
  size_t size = segmentSize(cur) * 2;
  bool frameTooBig = cur->prev && sp > stackTop(cur) - kFreshSegmentSlack;
  if (!frameTooBig && size > kMaxSegment) size = kMaxSegment;
  return size;
}

[[noreturn]] void stackOverflow() {
  fprintf(stderr, "runtime: goroutine stack exceeds %lld-byte limit\n", (long long)stackLimit());
  fatal("stack overflow");
}

// Returns the segment to run on below cur, reusing the cached one when it is
// large enough.
StackSeg* takeNextSegment(StackSeg* cur, size_t size) {
  StackSeg* next = cur->cachedNext;
  cur->cachedNext = nullptr;
  if (next && segmentSize(next) >= size) return next;
  if (next) segmentFree(next);
  if (chainBytes(cur) + int64_t(size) > stackLimit()) stackOverflow();
  return segmentAlloc(size);
}

// Honours a preemption request at a prologue, then re-runs the call.
void morestackPreempted(G* gp, void (*thunk)(GolG*, void*), void* pack) {
  __atomic_store_n(&gp->stackguard, guardOf(gp->stack), __ATOMIC_RELEASE);
  if (gp->preempt.exchange(false)) preemptPark(gp);
  thunk(gp, pack);
}

}  // namespace

int64_t setMaxStack(int64_t bytes) { return maxStack.exchange(bytes, std::memory_order_relaxed); }

uintptr_t stackTop(const StackSeg* seg) { return reinterpret_cast<uintptr_t>(seg) & ~uintptr_t(15); }

void setStackguard(G* gp, uintptr_t guard) {
  uintptr_t old = __atomic_load_n(&gp->stackguard, __ATOMIC_ACQUIRE);
  while (old != GOL_STACK_PREEMPT &&
         !__atomic_compare_exchange_n(&gp->stackguard, &old, guard, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
  }
}

void stackInit(G* gp) {
  gp->stack = segmentAlloc(kStackSlotSize);
  __atomic_store_n(&gp->stackguard, guardOf(gp->stack), __ATOMIC_RELEASE);
}

void stackRelease(G* gp) {
  StackSeg* seg = gp->stack;
  gp->stack = nullptr;
  while (seg) {
    StackSeg* prev = seg->prev;
    if (seg->cachedNext) segmentFree(seg->cachedNext);
    segmentFree(seg);
    seg = prev;
  }
}

void unwindStackTo(G* gp, StackSeg* seg) {
  StackSeg* below = nullptr;  // the segment just below seg: becomes its cache
  while (gp->stack != seg) {
    StackSeg* s = gp->stack;
    gp->stack = s->prev;
    if (s->cachedNext) segmentFree(s->cachedNext);
    s->cachedNext = nullptr;
    if (below) segmentFree(below);
    below = s;
  }
  if (below) {
    if (seg->cachedNext) segmentFree(seg->cachedNext);
    seg->cachedNext = below;
  }
  setStackguard(gp, guardOf(seg));
}

StackPoolStats stackPoolStats() {
  MutexGuard l(pool.lock);
  return {pool.inUse, int64_t(pool.hot.size() + pool.cold.size() + pool.releasing.size()), pool.reserved};
}

StackMemory stackMemory() {
  StackPoolStats slots = stackPoolStats();
  int64_t inUse = slots.slotsInUse * int64_t(kStackSlotSize) + bigSegmentBytes.load(std::memory_order_relaxed);
  return {uint64_t(inUse), uint64_t(inUse + slots.slotsPooled * int64_t(kStackSlotSize))};
}

}  // namespace gol::rt

using namespace gol::rt;

extern "C" void gol_morestack(GolG* g, void (*thunk)(GolG*, void*), void* pack) {
  G* gp = static_cast<G*>(g);
  if (__atomic_load_n(&gp->stackguard, __ATOMIC_ACQUIRE) == GOL_STACK_PREEMPT) {
    morestackPreempted(gp, thunk, pack);
    return;
  }
  StackSeg* cur = gp->stack;
  auto sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  GOL_ASSERT(sp > cur->lo && sp <= cur->hi, "morestack: stack pointer outside the goroutine's stack segment");
  StackSeg* next = takeNextSegment(cur, nextSegmentSize(cur, sp));
  next->prev = cur;
  gp->stack = next;
  setStackguard(gp, guardOf(next));
  gol_call_on_stack(g, thunk, pack, stackTop(next));
  gp->stack = cur;
  if (next->cachedNext) {
    segmentFree(next->cachedNext);
    next->cachedNext = nullptr;
  }
  cur->cachedNext = next;
  setStackguard(gp, guardOf(cur));
}
