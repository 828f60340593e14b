// Allocation: sizes, zeroing, size classes, interior pointer lookup.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <vector>

#include "runtime/malloc.h"
#include "tests/unit/runtime/mem_testutil.h"

using namespace gol::rt;
using namespace gol::rt::testing;

TEST(MemAlloc, ReturnsZeroedDistinctObjects) {
  TestG g;
  std::set<void*> seen;
  for (int64_t n = 1; n < 5000; n += 37) {
    auto* p = static_cast<uint8_t*>(gol_alloc(&g, &kBytesType, n));
    for (int64_t i = 0; i < n; i++) ASSERT_EQ(p[i], 0) << n;
    std::memset(p, 0xAB, size_t(n));
    EXPECT_TRUE(seen.insert(p).second);
  }
}

TEST(MemAlloc, LargeObjectsAreZeroedAndPageAligned) {
  TestG g;
  for (int64_t n : {32769, 100000, 1 << 20, 5 << 20}) {
    auto* p = static_cast<uint8_t*>(gol_alloc(&g, &kBytesType, n));
    EXPECT_EQ(uintptr_t(p) % kPageSize, 0u);
    EXPECT_EQ(p[0], 0);
    EXPECT_EQ(p[n - 1], 0);
    std::memset(p, 1, size_t(n));
  }
}

TEST(MemAlloc, ZeroSizeAllocationsShareOneAddress) {
  TestG g;
  EXPECT_EQ(gol_alloc(&g, &kBytesType, 0), gol_alloc(&g, &kBytesType, 0));
}

TEST(MemAlloc, SizeClassesMatchGo) {
  EXPECT_EQ(roundupsize(1), 8u);
  EXPECT_EQ(roundupsize(9), 16u);
  EXPECT_EQ(roundupsize(33), 48u);
  EXPECT_EQ(roundupsize(1025), 1152u);
  EXPECT_EQ(roundupsize(32768), 32768u);
  EXPECT_EQ(roundupsize(32769), 40960u);
  for (int c = 1; c < kNumSizeClasses; c++) EXPECT_EQ(classToSize(sizeToClass(classToSize(c))), classToSize(c));
}

TEST(MemAlloc, InteriorPointersFindTheirObject) {
  TestG g;
  for (int64_t n : {24, 100, 3000, 70000}) {
    auto* p = static_cast<uint8_t*>(gol_alloc(&g, &kBytesType, n));
    Span* s;
    uint32_t idx;
    EXPECT_EQ(findObject(uintptr_t(p), &s, &idx), uintptr_t(p));
    EXPECT_EQ(findObject(uintptr_t(p + n / 2), &s, &idx), uintptr_t(p));
    EXPECT_EQ(findObject(uintptr_t(p + n - 1), &s, &idx), uintptr_t(p));
    EXPECT_GE(s->elemsize, uintptr_t(n));
  }
  int local = 0;
  Span* s;
  uint32_t idx;
  EXPECT_EQ(findObject(uintptr_t(&local), &s, &idx), 0u);
  EXPECT_EQ(findObject(uintptr_t(&kBytesType), &s, &idx), 0u);
}

// findObject computes an object's index by multiplication (Span::divMagic):
// every byte of every slot of a full span of each size class maps back to
// its own slot.
TEST(MemAlloc, EveryOffsetOfEverySizeClassFindsItsSlot) {
  TestG g;
  for (int c = 1; c < kNumSizeClasses; c++) {
    int64_t size = int64_t(classToSize(c));
    Span* span = nullptr;
    uint32_t idx;
    auto* first = static_cast<uint8_t*>(gol_alloc(&g, &kBytesType, size));
    ASSERT_EQ(findObject(uintptr_t(first), &span, &idx), uintptr_t(first));
    // The thread's cache keeps handing out this span until it is full.
    while (span->nalloc < span->nelems) gol_alloc(&g, &kBytesType, size);
    for (uint32_t i = 0; i < span->nelems; i++) {
      uintptr_t slot = span->base + uintptr_t(i) * span->elemsize;
      Span* s;
      for (uintptr_t off = 0; off < span->elemsize; off++) {
        ASSERT_EQ(findObject(slot + off, &s, &idx), slot) << "class " << c << " slot " << i << " offset " << off;
        ASSERT_EQ(idx, i);
      }
    }
  }
}

TEST(MemAlloc, PointerBitmapFollowsTheTypeMask) {
  TestG g;
  auto* p = static_cast<uint64_t*>(gol_alloc(&g, &kNodeType, 3));   // {next *Node; val int}
  for (int e = 0; e < 3; e++) {
    EXPECT_TRUE(heapBitIsPointer(uintptr_t(&p[2 * e])));
    EXPECT_FALSE(heapBitIsPointer(uintptr_t(&p[2 * e + 1])));
  }
}
