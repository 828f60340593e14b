// Finalizers in the collector: an unreachable object with a finalizer
// survives the cycle that finds it and is queued once; what it references
// survives with it; a resurrected object is not queued again; a chain of
// finalizable objects is finalized one link per cycle; a cycle through a
// finalizable object keeps it alive (as in Go).
#include <gtest/gtest.h>

#include "runtime/mfinal.h"
#include "tests/unit/runtime/mem_testutil.h"

using namespace gol::rt;
using namespace gol::rt::testing;

namespace {

// Stands in for the func value: only its address is stored.
int fakeFinalizer;

// Laid out as kNodeType: a pointer, then a scalar.
struct Node {
  Node* next;
  uint64_t val;
};

Node* newNode(TestG& g, Node* next = nullptr) {
  RootFrame<1> keep(&g);
  keep[0] = next;
  auto* n = static_cast<Node*>(gol_alloc(&g, &kNodeType, 1));
  n->next = next;
  return n;
}

void setFinalizer(Node* n) { ASSERT_TRUE(addFinalizer(n, &fakeFinalizer, &kPtrType, &kPtrType, 0)); }

void drainQueue() {
  while (takeQueuedFinalizer()) {
  }
}

class GCFinalizer : public ::testing::Test {
 protected:
  void TearDown() override {
    collect(g);
    drainQueue();
    collect(g);
    collect(g);
    drainQueue();
  }
  TestG g;
};

}  // namespace

TEST_F(GCFinalizer, UnreachableObjectSurvivesOneCycleWithItsReferentsAndIsQueuedOnce) {
  Node* leaf = newNode(g);
  Node* obj = newNode(g, leaf);
  setFinalizer(obj);
  collect(g);
  EXPECT_TRUE(isLive(obj));
  EXPECT_TRUE(isLive(leaf));
  EXPECT_EQ(obj->next, leaf);
  EXPECT_EQ(finalizersRegistered(), 0);
  EXPECT_EQ(takeQueuedFinalizer(), obj);
  EXPECT_EQ(takeQueuedFinalizer(), nullptr);
  collect(g);  // finalizer "ran" and dropped obj
  EXPECT_FALSE(isLive(obj));
  EXPECT_FALSE(isLive(leaf));
  EXPECT_EQ(takeQueuedFinalizer(), nullptr);
}

TEST_F(GCFinalizer, QueuedObjectStaysAliveUntilTaken) {
  Node* obj = newNode(g);
  setFinalizer(obj);
  collect(g);
  collect(g);
  EXPECT_TRUE(isLive(obj));
  EXPECT_EQ(takeQueuedFinalizer(), obj);
}

TEST_F(GCFinalizer, ReachableObjectIsNotQueued) {
  RootFrame<1> roots(&g);
  roots[0] = newNode(g);
  setFinalizer(static_cast<Node*>(roots[0]));
  collect(g);
  EXPECT_EQ(finalizersRegistered(), 1);
  EXPECT_EQ(takeQueuedFinalizer(), nullptr);
  roots[0] = nullptr;
}

TEST_F(GCFinalizer, ResurrectedObjectIsNotQueuedAgain) {
  Node* obj = newNode(g);
  setFinalizer(obj);
  collect(g);
  RootFrame<1> roots(&g);
  roots[0] = takeQueuedFinalizer();  // the finalizer stores its argument
  ASSERT_EQ(roots[0], obj);
  collect(g);
  EXPECT_TRUE(isLive(obj));
  roots[0] = nullptr;
  collect(g);
  EXPECT_FALSE(isLive(obj));
  EXPECT_EQ(takeQueuedFinalizer(), nullptr);
}

TEST_F(GCFinalizer, ChainIsFinalizedOneLinkPerCycleInOrder) {
  Node* second = newNode(g);
  Node* first = newNode(g, second);
  setFinalizer(first);
  setFinalizer(second);
  collect(g);
  EXPECT_EQ(takeQueuedFinalizer(), first);
  EXPECT_EQ(takeQueuedFinalizer(), nullptr);
  collect(g);
  EXPECT_EQ(takeQueuedFinalizer(), second);
  EXPECT_FALSE(isLive(first));
}

TEST_F(GCFinalizer, CycleThroughFinalizableObjectIsKept) {
  Node* other = newNode(g);
  Node* obj = newNode(g, other);
  other->next = obj;
  setFinalizer(obj);
  collect(g);
  collect(g);
  EXPECT_TRUE(isLive(obj));
  EXPECT_EQ(takeQueuedFinalizer(), nullptr);
  EXPECT_EQ(finalizersRegistered(), 1);
  other->next = nullptr;  // break the cycle: now it is finalized
  collect(g);
  EXPECT_EQ(takeQueuedFinalizer(), obj);
}
