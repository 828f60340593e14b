// malloc.cpp — object allocation: per-thread caches over per-class central
// span lists over one page heap (see malloc.h for the invariants).
//
// Locking order: a central list's lock, then the page heap's lock. The
// per-thread cache needs no lock: only its thread touches it, except the
// collector, which empties every cache while the world is stopped.
#include "runtime/malloc.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "runtime/mgc.h"
#include "runtime/runtime2.h"

namespace gol::rt {

HeapStats heapStats;
uint64_t* heapBitmap = nullptr;
uintptr_t arenaStart = 0;

namespace {

constexpr uintptr_t kArenaBytes = uintptr_t(64) << 30;
constexpr uintptr_t kCommitChunk = uintptr_t(64) << 20;
// Free page runs at least this large are handed back to the OS (madvise) at
// the end of every sweep.
constexpr uintptr_t kReleasePages = 8;
constexpr int kNumSpanClasses = kNumSizeClasses * 2;

// Go 1.19's runtime/sizeclasses.go.
constexpr uint16_t kClassSize[kNumSizeClasses] = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,
    160,   176,   192,   208,   224,   240,   256,   288,   320,   352,   384,   416,
    448,   480,   512,   576,   640,   704,   768,   896,   1024,  1152,  1280,  1408,
    1536,  1792,  2048,  2304,  2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,
    6528,  6784,  6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384,
    18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};
constexpr uint8_t kClassPages[kNumSizeClasses] = {
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3,
    2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8, 3, 10, 7, 4};

struct SizeClassTable {
  uint8_t byWords[kMaxSmallSize / 8 + 1];
  SizeClassTable() {
    int c = 1;
    for (uintptr_t w = 0; w <= kMaxSmallSize / 8; w++) {
      while (kClassSize[c] < w * 8) c++;
      byWords[w] = uint8_t(w == 0 ? 0 : c);
    }
  }
};
const SizeClassTable sizeClasses;

// A run of free pages; released runs were returned to the OS, so they read
// as zero. freedAt is the sweep that last freed pages of the run.
struct FreeRun {
  uintptr_t npages;
  bool released;
  uint64_t freedAt;
};

// The page heap: free page runs (coalesced) and the arena frontier.
struct PageHeap {
  std::mutex lock;
  std::atomic<uintptr_t> used{0};          // bytes of the arena ever handed out
  uintptr_t committed = 0;
  Span** pagemap = nullptr;
  std::map<uintptr_t, FreeRun> freeByAddr;                    // by base
  std::set<std::pair<uintptr_t, uintptr_t>> freeBySize;       // (npages, base)
  std::vector<Span*> inUse;
  std::vector<Span*> spare;                                   // recycled Span records
  uintptr_t inUseBytes = 0;                                   // pages of in-use spans
  uint64_t freesByClass[kNumSizeClasses] = {};                // small objects swept
  uint64_t sweeps = 0;                                        // sweeps so far
};
PageHeap heap;

struct Central {
  std::mutex lock;
  std::vector<Span*> partial;   // spans with at least one free slot
};
Central centrals[kNumSpanClasses];

struct MCache {
  Span* alloc[kNumSpanClasses] = {};
  MCache* next = nullptr;
  // Written only by the owning thread; read by statistics.
  std::atomic<uint64_t> allocBytes{0};
  std::atomic<uint64_t> allocCount[kNumSizeClasses] = {};  // objects, by size class
};
std::mutex cachesLock;
MCache* allCaches = nullptr;
thread_local MCache* threadCache = nullptr;

void* mapOrDie(uintptr_t bytes, int prot) {
  void* p = mmap(nullptr, bytes, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) fatal("runtime: cannot reserve the heap arena");
  return p;
}

void initHeap() {
  uintptr_t raw = uintptr_t(mapOrDie(kArenaBytes + kPageSize, PROT_NONE));
  arenaStart = (raw + kPageSize - 1) & ~(kPageSize - 1);
  heapBitmap = static_cast<uint64_t*>(mapOrDie(kArenaBytes / 64, PROT_READ | PROT_WRITE));
  heap.pagemap = static_cast<Span**>(
      mapOrDie(kArenaBytes / kPageSize * sizeof(Span*), PROT_READ | PROT_WRITE));
}

std::once_flag heapInitOnce;
std::atomic<bool> heapReady{false};

inline void ensureHeap() {
  if (__builtin_expect(!heapReady.load(std::memory_order_acquire), 0)) {
    std::call_once(heapInitOnce, [] {
      initHeap();
      heapReady.store(true, std::memory_order_release);
    });
  }
}

// Goroutines move between threads at calls: never let the compiler keep a
// thread-local address across one.
__attribute__((noinline)) MCache* currentCache() {
  MCache* c = threadCache;
  if (c) return c;
  c = new MCache;
  std::lock_guard<std::mutex> l(cachesLock);
  c->next = allCaches;
  allCaches = c;
  threadCache = c;
  return c;
}

// The growth is mapped in one accounted mmap, as Go's sysMap does, so the
// kernel's overcommit policy refuses a size the machine cannot back at once
// (Go's "out of memory") instead of the program running on until it touches
// pages that are not there.
void commitUpTo(uintptr_t end) {
  if (heap.committed >= end) return;
  uintptr_t grow = (end - heap.committed + kCommitChunk - 1) / kCommitChunk * kCommitChunk;
  if (grow > kArenaBytes - heap.committed) fatal("runtime: out of memory");
  void* at = reinterpret_cast<void*>(arenaStart + heap.committed);
  if (mmap(at, grow, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
    fatal("runtime: out of memory");
  heap.committed += grow;
  heapStats.heapSys.fetch_add(grow, std::memory_order_relaxed);
}

void unrelease(uintptr_t npages) {
  heapStats.heapReleased.fetch_sub(npages * kPageSize, std::memory_order_relaxed);
}

void removeFreeRun(std::map<uintptr_t, FreeRun>::iterator it) {
  heap.freeBySize.erase({it->second.npages, it->first});
  heap.freeByAddr.erase(it);
}

void addFreeRun(uintptr_t base, FreeRun run) {
  heap.freeByAddr[base] = run;
  heap.freeBySize.insert({run.npages, base});
}

// Returns the base of npages free pages and whether they may be dirty.
uintptr_t allocPagesLocked(uintptr_t npages, bool* dirty) {
  auto best = heap.freeBySize.lower_bound({npages, 0});
  if (best != heap.freeBySize.end()) {
    uintptr_t base = best->second;
    auto it = heap.freeByAddr.find(base);
    FreeRun run = it->second;
    removeFreeRun(it);
    if (run.npages > npages)
      addFreeRun(base + npages * kPageSize, {run.npages - npages, run.released, run.freedAt});
    if (run.released) unrelease(npages);
    *dirty = !run.released;
    return base;
  }
  uintptr_t off = heap.used.load(std::memory_order_relaxed);
  if (npages > (kArenaBytes - off) / kPageSize) fatal("runtime: out of memory");
  commitUpTo(off + npages * kPageSize);
  heap.used.store(off + npages * kPageSize, std::memory_order_release);
  *dirty = false;
  return arenaStart + off;
}

void setPagemap(uintptr_t base, uintptr_t npages, Span* s) {
  Span** pm = heap.pagemap + ((base - arenaStart) >> kPageShift);
  for (uintptr_t i = 0; i < npages; i++) pm[i] = s;
}

Span* allocSpan(uintptr_t npages, int sizeclass, bool noscan) {
  std::lock_guard<std::mutex> l(heap.lock);
  bool dirty;
  uintptr_t base = allocPagesLocked(npages, &dirty);
  Span* s;
  if (!heap.spare.empty()) {
    s = heap.spare.back();
    heap.spare.pop_back();
  } else {
    s = new Span;
  }
  s->base = base;
  s->npages = npages;
  s->sizeclass = uint8_t(sizeclass);
  s->elemsize = sizeclass ? kClassSize[sizeclass] : npages * kPageSize;
  s->nelems = uint32_t(npages * kPageSize / s->elemsize);
  s->divMagic = sizeclass ? uint32_t(((uint64_t(1) << 32) + s->elemsize - 1) / s->elemsize) : 0;
  s->nalloc = 0;
  s->freeindex = 0;
  s->noscan = noscan;
  s->needzero = dirty;
  s->state = SpanState::InUse;
  std::memset(s->allocBits, 0, sizeof s->allocBits);
  std::memset(s->markBits, 0, sizeof s->markBits);
  setPagemap(base, npages, s);
  heap.inUse.push_back(s);
  heap.inUseBytes += npages * kPageSize;
  return s;
}

// Returns s's pages to the page heap, coalescing with free neighbours.
void freeSpanLocked(Span* s) {
  GOL_ASSERT(s->state == SpanState::InUse, "freeing a span that is not in use");
  uintptr_t base = s->base, npages = s->npages;
  setPagemap(base, npages, nullptr);
  heap.inUseBytes -= npages * kPageSize;
  s->state = SpanState::Free;
  heap.spare.push_back(s);
  // The merged run is dirty: its released parts will be released again.
  auto next = heap.freeByAddr.find(base + npages * kPageSize);
  if (next != heap.freeByAddr.end()) {
    npages += next->second.npages;
    if (next->second.released) unrelease(next->second.npages);
    removeFreeRun(next);
  }
  auto prev = heap.freeByAddr.lower_bound(base);
  if (prev != heap.freeByAddr.begin()) {
    --prev;
    if (prev->first + prev->second.npages * kPageSize == base) {
      base = prev->first;
      npages += prev->second.npages;
      if (prev->second.released) unrelease(prev->second.npages);
      removeFreeRun(prev);
    }
  }
  addFreeRun(base, {npages, false, heap.sweeps});
}


Span* takeSpan(int spanclass) {
  Central& c = centrals[spanclass];
  {
    std::lock_guard<std::mutex> l(c.lock);
    if (!c.partial.empty()) {
      Span* s = c.partial.back();
      c.partial.pop_back();
      return s;
    }
  }
  int sizeclass = spanclass / 2;
  return allocSpan(kClassPages[sizeclass], sizeclass, spanclass & 1);
}

// Gives the cache a span with free slots, counting them all as live now.
Span* refill(int spanclass) {
  Span* s = takeSpan(spanclass);
  heapStats.heapLive.fetch_add(uint64_t(s->nelems - s->nalloc) * s->elemsize, std::memory_order_relaxed);
  return s;
}

void countAlloc(MCache* c, int sizeclass, uintptr_t bytes) {
  c->allocBytes.store(c->allocBytes.load(std::memory_order_relaxed) + bytes, std::memory_order_relaxed);
  std::atomic<uint64_t>& n = c->allocCount[sizeclass];
  n.store(n.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

uint32_t takeFreeSlot(Span* s) {
  for (uint32_t w = s->freeindex / 64;; w++) {
    uint64_t avail = ~s->allocBits[w];
    if (w == s->freeindex / 64) avail &= ~uint64_t(0) << (s->freeindex % 64);
    if (avail) {
      uint32_t i = w * 64 + uint32_t(__builtin_ctzll(avail));
      s->allocBits[w] |= uint64_t(1) << (i % 64);
      s->freeindex = i + 1;
      s->nalloc++;
      return i;
    }
  }
}

void* allocSmall(int sizeclass, bool noscan) {
  MCache* c = currentCache();
  int spanclass = sizeclass * 2 + noscan;
  Span* s = c->alloc[spanclass];
  if (!s || s->nalloc == s->nelems) {
    s = refill(spanclass);
    c->alloc[spanclass] = s;
  }
  uint32_t i = takeFreeSlot(s);
  countAlloc(c, sizeclass, s->elemsize);
  void* p = reinterpret_cast<void*>(s->base + uintptr_t(i) * s->elemsize);
  if (s->needzero) std::memset(p, 0, s->elemsize);
  return p;
}

void* allocLarge(uintptr_t size, bool noscan) {
  uintptr_t npages = (size + kPageSize - 1) >> kPageShift;
  Span* s = allocSpan(npages, 0, noscan);
  s->allocBits[0] = 1;
  s->nalloc = 1;
  heapStats.heapLive.fetch_add(s->elemsize, std::memory_order_relaxed);
  heapStats.largeAlloc.fetch_add(s->elemsize, std::memory_order_relaxed);
  heapStats.largeMallocs.fetch_add(1, std::memory_order_relaxed);
  void* p = reinterpret_cast<void*>(s->base);
  if (s->needzero) std::memset(p, 0, npages * kPageSize);
  return p;
}

// Writes a run of heap bitmap bits in order, a word at a time; the bits
// before the first and after the last are preserved.
class BitWriter {
 public:
  explicit BitWriter(uintptr_t bit)
      : word_(&heapBitmap[bit / 64]), used_(int(bit % 64)), acc_(*word_ & lowBits(used_)) {}
  // Appends the k (1..64) low bits of v; v has no bits above them.
  void put(uint64_t v, int k) {
    acc_ |= v << used_;
    if (used_ + k < 64) {
      used_ += k;
      return;
    }
    *word_++ = acc_;
    int spill = used_ + k - 64;
    acc_ = spill ? v >> (k - spill) : 0;
    used_ = spill;
  }
  void zeros(uintptr_t count) {
    for (; count >= 64; count -= 64) put(0, 64);
    if (count) put(0, int(count));
  }
  void finish() {
    if (used_) *word_ = (*word_ & ~lowBits(used_)) | acc_;
  }

 private:
  static uint64_t lowBits(int n) { return n ? ~uint64_t(0) >> (64 - n) : 0; }
  uint64_t* word_;
  int used_;
  uint64_t acc_;
};

// Bits [from, from + k) (k <= 64) of t's pointer mask, zero past ptrdata.
uint64_t maskBits(const GolType* t, uintptr_t from, int k) {
  uintptr_t words = uintptr_t(t->ptrdata) / 8;
  uint64_t v = 0;
  for (int i = 0; i < k && from + i < words; i++) v |= uint64_t(t->gcmask[(from + i) / 8] >> ((from + i) % 8) & 1) << i;
  return v;
}

// Records which words of the slot at p hold pointers: n elements of t, then
// pointer-free words to the end of the slot.
void setHeapBits(uintptr_t p, uintptr_t slotSize, const GolType* t, int64_t n) {
  BitWriter out((p - arenaStart) / 8);
  uintptr_t stride = uintptr_t(t->size) / 8;
  if (stride <= 64) {
    uint64_t elem = maskBits(t, 0, int(stride));
    int64_t e = 0;
    if (64 % stride == 0 && uint64_t(n) * stride >= 128) {   // whole words of elements
      uint64_t word = 0;
      for (uintptr_t i = 0; i < 64; i += stride) word |= elem << i;
      for (int64_t per = int64_t(64 / stride); e + per <= n; e += per) out.put(word, 64);
    }
    for (; e < n; e++) out.put(elem, int(stride));
  } else {
    for (int64_t e = 0; e < n; e++) {
      for (uintptr_t w = 0; w < stride; w += 64) {
        int k = stride - w < 64 ? int(stride - w) : 64;
        out.put(maskBits(t, w, k), k);
      }
    }
  }
  out.zeros(slotSize / 8 - uintptr_t(n) * stride);
  out.finish();
}

char zerobase[8];

}  // namespace

int sizeToClass(uintptr_t size) { return sizeClasses.byWords[(size + 7) / 8]; }
uintptr_t classToSize(int sizeclass) { return kClassSize[sizeclass]; }

uintptr_t roundupsize(uintptr_t size) {
  if (size <= kMaxSmallSize) return size == 0 ? 0 : kClassSize[sizeToClass(size)];
  if (size + kPageSize < size) return size;
  return (size + kPageSize - 1) & ~(kPageSize - 1);
}

void* mallocgc(uintptr_t size, const GolType* t, int64_t n) {
  if (size == 0) return zerobase;
  ensureHeap();
  bool noscan = t == nullptr || t->ptrdata == 0;
  void* p;
  uintptr_t slot;
  if (size <= kMaxSmallSize) {
    int sizeclass = sizeToClass(size);
    slot = kClassSize[sizeclass];
    p = allocSmall(sizeclass, noscan);
  } else {
    slot = (size + kPageSize - 1) & ~(kPageSize - 1);
    p = allocLarge(size, noscan);
  }
  if (!noscan) setHeapBits(uintptr_t(p), slot, t, n);
  return p;
}

uint64_t heapTotalAlloc() {
  std::lock_guard<std::mutex> l(cachesLock);
  uint64_t sum = heapStats.largeAlloc.load(std::memory_order_relaxed);
  for (MCache* c = allCaches; c; c = c->next) sum += c->allocBytes.load(std::memory_order_relaxed);
  return sum;
}

uint64_t heapMallocs() {
  std::lock_guard<std::mutex> l(cachesLock);
  uint64_t sum = heapStats.largeMallocs.load(std::memory_order_relaxed);
  for (MCache* c = allCaches; c; c = c->next)
    for (const auto& n : c->allocCount) sum += n.load(std::memory_order_relaxed);
  return sum;
}

HeapLayout heapLayout() {
  HeapLayout out{};
  out.mallocsByClass[0] = heapStats.largeMallocs.load(std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> cl(cachesLock);
    for (MCache* c = allCaches; c; c = c->next) {
      out.cacheBytes += sizeof(MCache);
      for (int i = 0; i < kNumSizeClasses; i++) out.mallocsByClass[i] += c->allocCount[i].load(std::memory_order_relaxed);
    }
  }
  std::lock_guard<std::mutex> l(heap.lock);
  out.inUseBytes = heap.inUseBytes;
  out.spanInUseBytes = heap.inUse.size() * sizeof(Span);
  out.spanSysBytes = (heap.inUse.size() + heap.spare.size()) * sizeof(Span);
  // The bitmap and the page map are reserved for the whole arena but only
  // the parts covering committed pages are ever touched.
  out.metadataBytes = heap.committed / 64 + heap.committed / kPageSize * sizeof(Span*);
  std::copy(std::begin(heap.freesByClass), std::end(heap.freesByClass), out.freesByClass);
  return out;
}

bool inHeapArena(uintptr_t p) {
  return arenaStart != 0 && p >= arenaStart &&
         p < arenaStart + heap.used.load(std::memory_order_acquire);
}

Span* spanOf(uintptr_t p) {
  if (!inHeapArena(p)) return nullptr;
  Span* s = heap.pagemap[(p - arenaStart) >> kPageShift];
  return s && s->state == SpanState::InUse ? s : nullptr;
}

uintptr_t findObject(uintptr_t p, Span** span, uint32_t* index) {
  Span* s = spanOf(p);
  if (!s) return 0;
  uint32_t i = s->objectIndex(p);
  if (i >= s->nelems || !s->isAllocated(i)) return 0;
  *span = s;
  *index = i;
  return s->base + uintptr_t(i) * s->elemsize;
}

bool heapBitIsPointer(uintptr_t addr) {
  uintptr_t w = (addr - arenaStart) / 8;
  return heapBitmap[w / 64] >> (w % 64) & 1;
}

namespace {

void poison(uintptr_t p, uintptr_t bytes) {
  auto* w = reinterpret_cast<uint64_t*>(p);
  std::fill(w, w + bytes / 8, kPoisonWord);
}

void poisonUnmarked(const Span* s) {
  for (uint32_t i = 0; i < s->nelems; i++)
    if (s->isAllocated(i) && !s->isMarked(i)) poison(s->base + uintptr_t(i) * s->elemsize, s->elemsize);
}

}  // namespace

uint64_t sweepHeap(bool poisonFreed) {
  std::lock_guard<std::mutex> cl(cachesLock);
  for (MCache* c = allCaches; c; c = c->next) std::memset(c->alloc, 0, sizeof c->alloc);
  for (Central& c : centrals) c.partial.clear();
  std::lock_guard<std::mutex> l(heap.lock);
  heap.sweeps++;
  std::vector<Span*> kept;
  kept.reserve(heap.inUse.size());
  uint64_t live = 0, freedBytes = 0, freedObjects = 0;
  for (Span* s : heap.inUse) {
    uint32_t marked = 0;
    for (uint64_t w : s->markBits) marked += uint32_t(__builtin_popcountll(w));
    freedObjects += s->nalloc - marked;
    heap.freesByClass[s->sizeclass] += s->nalloc - marked;
    freedBytes += uint64_t(s->nalloc - marked) * s->elemsize;
    if (poisonFreed) poisonUnmarked(s);
    if (marked == 0) {
      freeSpanLocked(s);
      continue;
    }
    std::memcpy(s->allocBits, s->markBits, sizeof s->allocBits);
    std::memset(s->markBits, 0, sizeof s->markBits);
    s->nalloc = marked;
    s->freeindex = 0;
    s->needzero = true;
    live += uint64_t(marked) * s->elemsize;
    if (marked < s->nelems) centrals[s->sizeclass * 2 + s->noscan].partial.push_back(s);
    kept.push_back(s);
  }
  heap.inUse.swap(kept);
  heapStats.heapLive.store(live, std::memory_order_relaxed);
  heapStats.frees.fetch_add(freedObjects, std::memory_order_relaxed);
  heapStats.totalFreed.fetch_add(freedBytes, std::memory_order_relaxed);
  return live;
}

// Go's scavenger, run after a sweep rather than in the background: from the
// highest addresses down, so allocation keeps reusing the low ones. Memory
// the last sweep freed is likely to be needed again before the next one (a
// growing heap frees its old buffers as it makes new ones), so unless `all`
// only runs that have stayed unused since an earlier sweep are released,
// much as Go's background scavenger is too slow to take fresh free memory.
void scavengeHeap(uint64_t retain, bool all) {
  std::lock_guard<std::mutex> l(heap.lock);
  uint64_t retained = heap.used.load(std::memory_order_relaxed) - heapStats.heapReleased.load(std::memory_order_relaxed);
  for (auto it = heap.freeByAddr.rbegin(); it != heap.freeByAddr.rend() && retained > retain; ++it) {
    FreeRun& run = it->second;
    if (run.released || run.npages < kReleasePages || (!all && run.freedAt == heap.sweeps)) continue;
    madvise(reinterpret_cast<void*>(it->first), run.npages * kPageSize, MADV_DONTNEED);
    run.released = true;
    heapStats.heapReleased.fetch_add(run.npages * kPageSize, std::memory_order_relaxed);
    retained -= std::min<uint64_t>(retained, run.npages * kPageSize);
  }
}

}  // namespace gol::rt

using namespace gol::rt;

extern "C" void* gol_alloc(GolG* g, const GolType* t, int64_t n) {
  uintptr_t size;
  if (n < 0 || __builtin_mul_overflow(uintptr_t(t->size), uintptr_t(n), &size) ||
      size > (uintptr_t(1) << 40))
    fatal("runtime: out of memory");
  gcMaybeCollect(g, size);
  return mallocgc(size, t, n);
}
