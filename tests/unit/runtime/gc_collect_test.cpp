// The collector: frees what is unreachable, keeps what is reachable from
// frame roots, registered globals, heap objects and defer records, and
// follows exactly the words the type masks name.
#include <gtest/gtest.h>

#include <sys/mman.h>

#include <cstring>
#include <vector>

#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/panic.h"
#include "tests/unit/runtime/mem_testutil.h"

using namespace gol::rt;
using namespace gol::rt::testing;

namespace {

struct Node {
  Node* next;
  uint64_t val;
};

Node* newNode(TestG& g, uint64_t val) {
  auto* n = static_cast<Node*>(gol_alloc(&g, &kNodeType, 1));
  n->val = val;
  return n;
}

// A gol function frame with two root words, the second not a pointer.
const uint8_t kFirstWordOnly[1] = {1};
const GolFuncInfo kFrameInfo = {lit("main.f"), lit("prog.gol"), 2, 0, kFirstWordOnly};

struct Frame2 {
  GolFrame* prev;
  const GolFuncInfo* fn;
  void* roots[2];
};

}  // namespace

TEST(GCCollect, FreesUnreachableObjects) {
  TestG g;
  std::vector<Node*> garbage;
  for (int i = 0; i < 1000; i++) garbage.push_back(newNode(g, i));
  collect(g);
  for (Node* n : garbage) EXPECT_FALSE(isLive(n));
}

TEST(GCCollect, KeepsObjectsReachableFromFrameRootsThroughHeapPointers) {
  TestG g;
  Frame2 f = {nullptr, &kFrameInfo, {nullptr, nullptr}};
  g.frame = reinterpret_cast<GolFrame*>(&f);
  Node* head = nullptr;
  for (int i = 0; i < 500; i++) {
    f.roots[0] = head;
    Node* n = newNode(g, i);
    n->next = static_cast<Node*>(f.roots[0]);
    head = n;
  }
  f.roots[0] = head;
  Node* unrooted = newNode(g, 7);
  f.roots[1] = unrooted;   // not a pointer word per the rootmask
  collect(g);
  int count = 0;
  for (Node* n = head; n; n = n->next, count++) {
    ASSERT_TRUE(isLive(n));
    EXPECT_EQ(n->val, uint64_t(499 - count));
  }
  EXPECT_EQ(count, 500);
  EXPECT_FALSE(isLive(unrooted));
  g.frame = nullptr;
}

TEST(GCCollect, FollowsOnlyPointerWordsOfHeapObjects) {
  TestG g;
  RootFrame<1> roots(&g);
  Node* holder = newNode(g, 0);
  roots[0] = holder;
  Node* viaInt = newNode(g, 1);
  holder->val = uint64_t(uintptr_t(viaInt));   // an integer that looks like a pointer
  collect(g);
  EXPECT_TRUE(isLive(holder));
  EXPECT_FALSE(isLive(viaInt));
}

TEST(GCCollect, InteriorPointerKeepsWholeArray) {
  TestG g;
  RootFrame<1> roots(&g);
  auto* arr = static_cast<Node**>(gol_alloc(&g, &kPtrType, 100));
  for (int i = 0; i < 100; i++) arr[i] = newNode(g, i);
  roots[0] = &arr[50];   // a slice of the array's middle
  collect(g);
  EXPECT_TRUE(isLive(arr));
  for (int i = 0; i < 100; i++) {
    ASSERT_TRUE(isLive(arr[i]));
    EXPECT_EQ(arr[i]->val, uint64_t(i));
  }
}

TEST(GCCollect, KeepsObjectsReachableFromRegisteredGlobals) {
  TestG g;
  static Node* global = nullptr;
  static void* const addrs[1] = {&global};
  static const GolType* const types[1] = {&kPtrType};
  gol_register_globals(addrs, types, 1);
  global = newNode(g, 42);
  global->next = newNode(g, 43);
  collect(g);
  ASSERT_TRUE(isLive(global));
  ASSERT_TRUE(isLive(global->next));
  EXPECT_EQ(global->next->val, 43u);
  Node* old = global;
  global = nullptr;
  collect(g);
  EXPECT_FALSE(isLive(old));
}

TEST(GCCollect, KeepsDeferredClosuresAndPanicValues) {
  TestG g;
  Node* closure = newNode(g, 9);
  Defer d = {nullptr, nullptr, nullptr, closure, nullptr, nullptr, false, 0};
  g.defers = &d;
  Node* value = newNode(g, 10);
  Panic p = {};
  p.arg = GolIface{&kPtrType, value};
  g.panics = &p;
  collect(g);
  EXPECT_TRUE(isLive(closure));
  EXPECT_TRUE(isLive(value));
  g.defers = nullptr;
  g.panics = nullptr;
  collect(g);
  EXPECT_FALSE(isLive(closure));
  EXPECT_FALSE(isLive(value));
}

TEST(GCCollect, FreedMemoryIsReusedAndAccounted) {
  TestG g;
  collect(g);
  uint64_t base = heapStats.heapLive.load();
  uint64_t freedBefore = heapStats.totalFreed.load();
  uint64_t mallocsBefore = heapMallocs(), bytesBefore = heapTotalAlloc();
  for (int round = 0; round < 5; round++) {
    for (int i = 0; i < 2000; i++) gol_alloc(&g, &kNodeType, 1);
    gol_alloc(&g, &kBytesType, 1 << 20);
    collect(g);
    EXPECT_EQ(heapStats.heapLive.load(), base);
  }
  EXPECT_GE(heapStats.totalFreed.load() - freedBefore, 5u * ((1u << 20) + 2000u * 16u));
  EXPECT_EQ(heapMallocs() - mallocsBefore, 5u * 2001u);
  EXPECT_EQ(heapTotalAlloc() - bytesBefore, 5u * ((1u << 20) + 2000u * 16u));
  GCStats st = gcStats();
  EXPECT_GE(st.nextGC, uint64_t(4 << 20));
  EXPECT_GE(st.numGC, 6u);
}

TEST(GCCollect, ReusedSlotsComeBackZeroed) {
  TestG g;
  for (int i = 0; i < 100; i++) newNode(g, ~uint64_t(0))->next = reinterpret_cast<Node*>(8);
  collect(g);
  for (int i = 0; i < 200; i++) {
    Node* n = static_cast<Node*>(gol_alloc(&g, &kNodeType, 1));
    ASSERT_EQ(n->val, 0u);
    ASSERT_EQ(n->next, nullptr);
  }
}

TEST(GCCollect, SetPercentControlsTheGoal) {
  int32_t old = gcSetPercent(-1);
  EXPECT_EQ(gcStats().nextGC, UINT64_MAX);
  gcSetPercent(old);
  EXPECT_LT(gcStats().nextGC, UINT64_MAX);
}

// Collections with a scheduler keep free pages up to a budget for reuse
// without page faults (scavengeHeap); only the excess goes back to the OS,
// and only once it has stayed unused for a cycle.
TEST(GCCollect, ScavengingReleasesOnlyWhatExceedsTheBudget) {
  TestG g;
  collect(g);
  for (int i = 0; i < 512; i++) gol_alloc(&g, &kBytesType, 8192);   // 4 MB, unreachable
  sweepHeap();   // nothing is marked: all of it is freed, dirty
  // (Freed spans may absorb released neighbours left by earlier tests.)
  uint64_t before = heapStats.heapReleased.load();
  scavengeHeap(UINT64_MAX, false);
  EXPECT_EQ(heapStats.heapReleased.load(), before);
  scavengeHeap(0, false);   // just freed: kept for reuse
  EXPECT_EQ(heapStats.heapReleased.load(), before);
  sweepHeap();   // a cycle later, still unused
  scavengeHeap(0, false);
  EXPECT_GE(heapStats.heapReleased.load() - before, uint64_t(4) << 20);
}

TEST(GCCollect, FreedPagesGoBackToTheOSAndComeBackZeroed) {
  TestG g;
  collect(g);
  std::vector<uint8_t*> pages;
  for (int i = 0; i < 512; i++) {   // 512 one-page spans: 4 MB of small objects
    auto* p = static_cast<uint8_t*>(gol_alloc(&g, &kBytesType, 8192));
    std::memset(p, 0xEE, 8192);
    pages.push_back(p);
  }
  collect(g);
  EXPECT_GE(heapStats.heapReleased.load(), uint64_t(4) << 20);
  int resident = 0;
  for (uint8_t* p : pages) {
    unsigned char vec[2];
    ASSERT_EQ(mincore(p, 8192, vec), 0);
    resident += (vec[0] & 1) + (vec[1] & 1);
  }
  EXPECT_EQ(resident, 0);
  auto* big = static_cast<uint8_t*>(gol_alloc(&g, &kBytesType, 4 << 20));
  for (size_t i = 0; i < (4u << 20); i += 4096) ASSERT_EQ(big[i], 0);
}

// The GC stress mode's sweep fills exactly what it frees with the poison
// word, so a dangling pointer reads it; survivors keep their contents.
TEST(GCCollect, PoisoningSweepFillsOnlyFreedObjects) {
  TestG g;
  collect(g);
  // Pointer-free, so marking it leaves nothing grey for a later drain.
  auto* kept = static_cast<uint64_t*>(gol_alloc(&g, &kIntType, 1));
  *kept = 11;
  Node* freed = newNode(g, 22);
  gcMarkPointer(kept);   // the only mark: everything else in the heap is freed
  sweepHeap(true);
  EXPECT_EQ(*kept, 11u);
  EXPECT_EQ(freed->val, kPoisonWord);
  EXPECT_EQ(reinterpret_cast<uint64_t>(freed->next), kPoisonWord);
}
