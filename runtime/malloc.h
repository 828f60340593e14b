// malloc.h — the gol heap: size classes, spans, the page heap and the page map
// (Go's malloc.go, mheap.go, mcentral.go and mcache.go, simplified).
//
// Invariants
//  - The heap is one contiguous reservation [arenaStart, arenaStart +
//    kArenaBytes), committed from the bottom up. Every heap object lies in
//    exactly one in-use span; spans are page (8 KB) aligned and the page map
//    maps every page of an in-use span to it, so any interior pointer finds
//    its object's base (findObject).
//  - A small span holds objects of one size class (Go's 67 classes, up to
//    32 KB); a large object has a span of its own. Spans of pointer-free
//    objects are "noscan" and never scanned by the collector.
//  - For every word of a scan-span object, the heap bitmap holds one bit: set
//    when that word holds a pointer. It is written at allocation from the
//    object's GolType, so the collector is precise. Spans never share a
//    bitmap word (a page is 16 bitmap words), so threads allocating in
//    different spans never race on it.
//  - A span's object slots are handed out by exactly one thread at a time: the
//    span is owned by one thread's cache (mcache) or sits in its class's
//    central list (mcentral) under that list's lock.
//  - Sweeping (adopting mark bits as alloc bits, freeing empty spans,
//    rebuilding the central lists, emptying every mcache) happens only while
//    the world is stopped.
//  - gol_alloc returns zeroed memory: fresh and released pages are zero;
//    reused slots and dirty pages are cleared when handed out.
//  - Free page runs of 8 pages or more are returned to the OS with
//    madvise(MADV_DONTNEED) by scavengeHeap, which the collector calls after
//    each sweep with a budget; released pages stay mapped and read as zero.
//  - The heap bitmap is written a word at a time (BitWriter), never touching
//    bits outside the slot being allocated.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "gol/abi.h"
#include "runtime/check.h"

namespace gol::rt {

constexpr uintptr_t kPageShift = 13;
constexpr uintptr_t kPageSize = uintptr_t(1) << kPageShift;
constexpr uintptr_t kMaxSmallSize = 32768;
constexpr int kNumSizeClasses = 68;           // class 0 = large object
constexpr int kMaxObjsPerSpan = 1024;         // 8-byte class in one page
constexpr int kSpanBitWords = kMaxObjsPerSpan / 64;

enum class SpanState : uint8_t { Free, InUse };

struct Span {
  uintptr_t base = 0;
  uintptr_t npages = 0;
  uintptr_t elemsize = 0;
  uint32_t nelems = 0;
  // ceil(2^32 / elemsize) for a small-object span, 0 for a large one (one
  // object): an offset times it, shifted right by 32, is the offset's object
  // index, exactly for every size class and offset inside the span (checked
  // by a unit test), without a division on the collector's hot path.
  uint32_t divMagic = 0;
  uint32_t nalloc = 0;       // objects allocated (live after the last sweep + new)
  uint32_t freeindex = 0;    // no free slot below this index
  uint8_t sizeclass = 0;
  bool noscan = false;
  bool needzero = false;     // slots or pages may hold stale data
  SpanState state = SpanState::Free;
  uint64_t allocBits[kSpanBitWords];
  uint64_t markBits[kSpanBitWords];

  uintptr_t limit() const { return base + npages * kPageSize; }
  bool isAllocated(uint32_t i) const { return allocBits[i / 64] >> (i % 64) & 1; }
  bool isMarked(uint32_t i) const { return markBits[i / 64] >> (i % 64) & 1; }
  // Sets the mark bit; returns false when it was already set. Atomic: the
  // mark helpers (mgcwork.h) set bits of one span concurrently.
  bool mark(uint32_t i) {
    GOL_ASSERT(state == SpanState::InUse && i < nelems, "marking a slot outside an in-use span");
    uint64_t bit = uint64_t(1) << (i % 64);
    uint64_t* word = &markBits[i / 64];
    if (__atomic_load_n(word, __ATOMIC_RELAXED) & bit) return false;
    return !(__atomic_fetch_or(word, bit, __ATOMIC_RELAXED) & bit);
  }
  uint32_t objectIndex(uintptr_t p) const { return uint32_t((uint64_t(p - base) * divMagic) >> 32); }
};

// Size classes (Go 1.19's table).
int sizeToClass(uintptr_t size);
uintptr_t classToSize(int sizeclass);
// The size malloc would really use for a request of size bytes (Go's
// roundupsize): append's capacity growth rounds up to it.
uintptr_t roundupsize(uintptr_t size);

// Allocates size bytes for n objects of type t (t may be null for runtime
// data without pointers). Zeroed; never returns null (fatal on exhaustion).
void* mallocgc(uintptr_t size, const GolType* t, int64_t n);

// Heap address lookup.
bool inHeapArena(uintptr_t p);
Span* spanOf(uintptr_t p);                  // in-use span containing p, or null
// Base of the allocated object containing p, or 0 when p is not inside one.
uintptr_t findObject(uintptr_t p, Span** span, uint32_t* index);

// Heap pointer bitmap, one bit per word (see invariants).
bool heapBitIsPointer(uintptr_t addr);
// Calls fn(word address) for every pointer word of the object at base.
template <typename Fn>
void forEachPointerWord(uintptr_t base, uintptr_t size, Fn fn);

// Statistics (Go's MemStats subset). heapLive counts bytes in allocated
// slots: marked at the last collection plus allocated since, where (as in
// Go) a small-object span counts as fully allocated once a thread's cache
// takes it, which keeps the shared counter off the allocation fast path.
struct HeapStats {
  std::atomic<uint64_t> heapLive{0};
  std::atomic<uint64_t> frees{0};
  std::atomic<uint64_t> totalFreed{0};
  std::atomic<uint64_t> heapSys{0};         // committed arena bytes
  std::atomic<uint64_t> heapReleased{0};    // free bytes currently returned to the OS
  std::atomic<uint64_t> largeAlloc{0};      // bytes of large objects ever allocated
  std::atomic<uint64_t> largeMallocs{0};
};
extern HeapStats heapStats;
// Cumulative bytes and objects allocated (TotalAlloc, Mallocs).
uint64_t heapTotalAlloc();
uint64_t heapMallocs();

// The heap's shape for MemStats: span and metadata bytes, and the objects
// allocated and freed per size class (class 0 counts the large objects).
struct HeapLayout {
  uint64_t inUseBytes;       // pages held by in-use spans
  uint64_t spanInUseBytes;   // Span records of in-use spans
  uint64_t spanSysBytes;     // every Span record, in use or spare
  uint64_t cacheBytes;       // per-thread caches
  uint64_t metadataBytes;    // heap bitmap and page map over committed pages
  uint64_t mallocsByClass[kNumSizeClasses];
  uint64_t freesByClass[kNumSizeClasses];
};
HeapLayout heapLayout();

// Called by the collector with the world stopped, after marking: every span
// keeps exactly its marked objects. Returns the bytes still allocated. With
// poisonFreed, every freed object is filled with kPoisonWord (the GC stress
// mode), so a use after free reads a recognisable wrong value, or faults
// when the stale value is followed as a pointer.
constexpr uint64_t kPoisonWord = 0xdeadbeefdeadbeefull;
uint64_t sweepHeap(bool poisonFreed = false);
// Returns free page runs to the OS, highest addresses first, until the heap
// retains (holds in use, or free but not released) at most `retain` bytes
// or no run of 8 pages or more is left; only runs that were already free
// before the last sweep, unless `all`. Runs with the world stopped.
void scavengeHeap(uint64_t retain, bool all);

// Implementation detail of forEachPointerWord.
extern uint64_t* heapBitmap;
extern uintptr_t arenaStart;

template <typename Fn>
void forEachPointerWord(uintptr_t base, uintptr_t size, Fn fn) {
  uintptr_t first = (base - arenaStart) / 8;
  uintptr_t end = first + size / 8;
  uintptr_t w = first;
  while (w < end) {
    uint64_t bits = heapBitmap[w / 64] >> (w % 64);
    uintptr_t chunkEnd = (w / 64 + 1) * 64;
    if (chunkEnd > end) {
      bits &= (end - w >= 64) ? ~uint64_t(0) : ((uint64_t(1) << (end - w)) - 1);
      chunkEnd = end;
    }
    while (bits) {
      int b = __builtin_ctzll(bits);
      fn(arenaStart + (w + b) * 8);
      bits &= bits - 1;
    }
    w = chunkEnd;
  }
}

}  // namespace gol::rt
