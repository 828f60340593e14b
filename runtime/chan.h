// chan.h — channels (Go's chan.go): the hchan, its wait queues and sudogs.
//
// Invariants
//  - All fields of a channel are guarded by its lock, except that qcount and
//    closed are read racily by the non-blocking fast paths (as Go does).
//  - The buffer is a ring of dataqsiz elements; [recvx, recvx + qcount) hold
//    values. When a receiver waits, the buffer is empty; when a sender waits,
//    it is full (or the channel is unbuffered).
//  - A Sudog records one goroutine waiting on one channel. It lives in the
//    waiting goroutine's own frame, which stays alive while it is parked.
//    Sudogs of a select are dequeued by a waker only after it wins the CAS on
//    g->selectDone, so exactly one case of a select ever completes.
//  - The channel and its buffer come from the GC heap; the buffer is typed as
//    an array of the element type, so buffered pointers are traced.
#pragma once

#include <cstdint>

#include "gol/abi.h"
#include "runtime/lock_futex.h"
#include "runtime/runtime2.h"

namespace gol::rt {

struct Sudog {
  G* g = nullptr;
  Sudog* next = nullptr;
  Sudog* prev = nullptr;
  void* elem = nullptr;     // sender's value or receiver's destination
  GolChan* c = nullptr;
  Sudog* waitlink = nullptr;  // g->waiting list (select)
  bool isSelect = false;
  bool success = false;     // woken by a completed operation, not by close
};

struct WaitQ {
  Sudog* first = nullptr;
  Sudog* last = nullptr;
  void enqueue(Sudog* sg);
  // Removes and returns the first waiter that can still be woken.
  Sudog* dequeue();
  // Removes sg if it is still queued.
  void remove(Sudog* sg);
};

}  // namespace gol::rt

struct GolChan {
  void* buf;                 // first word: the only heap pointer the GC traces
  uint64_t qcount;
  uint64_t dataqsiz;
  int64_t elemsize;
  const GolType* elemtype;
  uint64_t sendx;
  uint64_t recvx;
  gol::rt::WaitQ recvq;
  gol::rt::WaitQ sendq;
  uint32_t closed;
  gol::rt::Mutex lock;
};

namespace gol::rt {

// The operations with Go's (block, selected, received) results; select and
// the blocking entry points share them.
bool chansend(G* gp, GolChan* c, const void* elem, bool block);
// Returns selected; *received says whether a value (not a close) arrived.
bool chanrecv(G* gp, GolChan* c, void* elem, bool block, bool* received);

// Building blocks shared with select; c->lock is held except by readyWaiter,
// which runs after unlocking.
void sendDirect(GolChan* c, Sudog* sg, const void* elem);   // to a waiting receiver
void recvDirect(GolChan* c, Sudog* sg, void* elem);         // from a waiting sender
void readyWaiter(Sudog* sg);
void bufferPut(GolChan* c, const void* elem);
void bufferTake(GolChan* c, void* elem);
void typedmemclr(GolChan* c, void* dst);
[[noreturn]] void panicPlain(G* gp, const char* msg);

}  // namespace gol::rt
