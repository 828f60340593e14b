// chan.cpp — channel operations (Go's chan.go; see chan.h for the
// invariants).
//
// An unbuffered send to a waiting receiver copies straight into the
// receiver's destination and readies it (no buffer slot involved); a receive
// from a full buffer with a waiting sender takes the head value and moves the
// sender's value into the freed tail slot, so FIFO order holds. A nil channel
// blocks forever; closing wakes every waiter with success = false.
#include "runtime/chan.h"

#include <cstring>

#include "runtime/mgc.h"
#include "runtime/panic.h"
#include "runtime/proc.h"

namespace gol::rt {

namespace {

constexpr int64_t kMaxAlloc = int64_t(1) << 47;

const uint8_t kHchanMask[1] = {1};  // only GolChan::buf is a heap pointer

const GolType kHchanType =
    nativeType({.size = sizeof(GolChan), .kind = GOL_KIND_STRUCT, .string = "runtime.hchan", .ptrdata = 8,
                .gcmask = kHchanMask});

bool unlockChan(G*, void* c) {
  static_cast<GolChan*>(c)->lock.unlock();
  return true;
}

// A goroutine blocked on a nil channel never wakes.
[[noreturn]] void blockForever(WaitReason reason) {
  for (;;) gopark(nullptr, nullptr, reason);
}

bool full(const GolChan* c) {
  if (c->dataqsiz == 0) return __atomic_load_n(&c->recvq.first, __ATOMIC_RELAXED) == nullptr;
  return __atomic_load_n(&c->qcount, __ATOMIC_RELAXED) == c->dataqsiz;
}

bool empty(const GolChan* c) {
  if (c->dataqsiz == 0) return __atomic_load_n(&c->sendq.first, __ATOMIC_RELAXED) == nullptr;
  return __atomic_load_n(&c->qcount, __ATOMIC_RELAXED) == 0;
}

void* chanbuf(GolChan* c, uint64_t i) { return static_cast<char*>(c->buf) + i * uint64_t(c->elemsize); }

void typedmemmove(GolChan* c, void* dst, const void* src) {
  if (c->elemsize > 0 && dst != src) memmove(dst, src, size_t(c->elemsize));
}

bool isClosed(const GolChan* c) { return __atomic_load_n(&c->closed, __ATOMIC_ACQUIRE) != 0; }

}  // namespace

void WaitQ::enqueue(Sudog* sg) {
  sg->next = nullptr;
  sg->prev = last;
  if (last) last->next = sg;
  else __atomic_store_n(&first, sg, __ATOMIC_RELAXED);
  last = sg;
}

Sudog* WaitQ::dequeue() {
  for (;;) {
    Sudog* sg = first;
    if (!sg) return nullptr;
    __atomic_store_n(&first, sg->next, __ATOMIC_RELAXED);
    if (sg->next) sg->next->prev = nullptr;
    else last = nullptr;
    sg->next = sg->prev = nullptr;
    // A select is woken by exactly one case: losers skip its other sudogs.
    bool expected = false;
    if (sg->isSelect && !sg->g->selectDone.compare_exchange_strong(expected, true)) continue;
    return sg;
  }
}

void WaitQ::remove(Sudog* sg) {
  if (sg->prev) {
    sg->prev->next = sg->next;
    if (sg->next) sg->next->prev = sg->prev;
    else last = sg->prev;
  } else if (first == sg) {
    __atomic_store_n(&first, sg->next, __ATOMIC_RELAXED);
    if (sg->next) sg->next->prev = nullptr;
    else last = nullptr;
  }
  sg->next = sg->prev = nullptr;
}

void typedmemclr(GolChan* c, void* dst) {
  if (c->elemsize > 0) memset(dst, 0, size_t(c->elemsize));
}

void panicPlain(G* gp, const char* msg) { panicRuntimeError(gp, RuntimeErrorKind::PlainError, msg); }

void sendDirect(GolChan* c, Sudog* sg, const void* elem) {
  if (sg->elem) typedmemmove(c, sg->elem, elem);
}

void recvDirect(GolChan* c, Sudog* sg, void* elem) {
  if (c->dataqsiz == 0) {
    if (elem) typedmemmove(c, elem, sg->elem);
    return;
  }
  void* head = chanbuf(c, c->recvx);
  if (elem) typedmemmove(c, elem, head);
  typedmemmove(c, head, sg->elem);
  if (++c->recvx == c->dataqsiz) c->recvx = 0;
  c->sendx = c->recvx;
}

void readyWaiter(Sudog* sg) {
  sg->success = true;
  sg->g->param = sg;
  goready(sg->g);
}

void bufferPut(GolChan* c, const void* elem) {
  typedmemmove(c, chanbuf(c, c->sendx), elem);
  if (++c->sendx == c->dataqsiz) c->sendx = 0;
  __atomic_store_n(&c->qcount, c->qcount + 1, __ATOMIC_RELAXED);
}

void bufferTake(GolChan* c, void* elem) {
  void* slot = chanbuf(c, c->recvx);
  if (elem) typedmemmove(c, elem, slot);
  typedmemclr(c, slot);
  if (++c->recvx == c->dataqsiz) c->recvx = 0;
  __atomic_store_n(&c->qcount, c->qcount - 1, __ATOMIC_RELAXED);
}

bool chansend(G* gp, GolChan* c, const void* elem, bool block) {
  if (!c) {
    if (!block) return false;
    blockForever(WaitReason::ChanSendNilChan);
  }
  if (!block && !isClosed(c) && full(c)) return false;
  c->lock.lock();
  if (c->closed) {
    c->lock.unlock();
    panicPlain(gp, "send on closed channel");
  }
  if (Sudog* sg = c->recvq.dequeue()) {
    sendDirect(c, sg, elem);
    c->lock.unlock();
    readyWaiter(sg);
    return true;
  }
  if (c->qcount < c->dataqsiz) {
    bufferPut(c, elem);
    c->lock.unlock();
    return true;
  }
  if (!block) {
    c->lock.unlock();
    return false;
  }
  Sudog mysg;
  mysg.g = gp;
  mysg.elem = const_cast<void*>(elem);
  mysg.c = c;
  gp->param = nullptr;
  c->sendq.enqueue(&mysg);
  gopark(unlockChan, c, WaitReason::ChanSend);
  gp->param = nullptr;
  if (!mysg.success) panicPlain(gp, "send on closed channel");
  return true;
}

bool chanrecv(G* gp, GolChan* c, void* elem, bool block, bool* received) {
  *received = false;
  if (!c) {
    if (!block) return false;
    blockForever(WaitReason::ChanReceiveNilChan);
  }
  if (!block && empty(c)) {
    if (!isClosed(c)) return false;
    if (empty(c)) {
      if (elem) typedmemclr(c, elem);
      return true;
    }
  }
  c->lock.lock();
  if (c->closed && c->qcount == 0) {
    c->lock.unlock();
    if (elem) typedmemclr(c, elem);
    return true;
  }
  if (Sudog* sg = c->sendq.dequeue()) {
    recvDirect(c, sg, elem);
    c->lock.unlock();
    readyWaiter(sg);
    *received = true;
    return true;
  }
  if (c->qcount > 0) {
    bufferTake(c, elem);
    c->lock.unlock();
    *received = true;
    return true;
  }
  if (!block) {
    c->lock.unlock();
    return false;
  }
  Sudog mysg;
  mysg.g = gp;
  mysg.elem = elem;
  mysg.c = c;
  gp->param = nullptr;
  c->recvq.enqueue(&mysg);
  gopark(unlockChan, c, WaitReason::ChanReceive);
  gp->param = nullptr;
  *received = mysg.success;
  return true;
}

}  // namespace gol::rt

using namespace gol::rt;

extern "C" GolChan* gol_makechan(GolG* g, const GolType* chantype, int64_t size) {
  G* gp = static_cast<G*>(g);
  const GolType* elem = chantype->elem;
  if (size < 0 || (elem->size > 0 && size > kMaxAlloc / elem->size))
    panicPlain(gp, "makechan: size out of range");
  RootFrame<1> root(g);  // allocating the buffer may collect
  auto* c = static_cast<GolChan*>(gol_alloc(g, &kHchanType, 1));
  root[0] = c;
  c->elemsize = elem->size;
  c->elemtype = elem;
  c->dataqsiz = uint64_t(size);
  if (size > 0 && elem->size > 0) c->buf = gol_alloc(g, elem, size);
  return c;
}

extern "C" void gol_chansend(GolG* g, GolChan* c, const void* elem) {
  chansend(static_cast<G*>(g), c, elem, true);
}

extern "C" int32_t gol_chanrecv(GolG* g, GolChan* c, void* elem) {
  bool received = false;
  chanrecv(static_cast<G*>(g), c, elem, true, &received);
  return received ? 1 : 0;
}

extern "C" void gol_closechan(GolG* g, GolChan* c) {
  G* gp = static_cast<G*>(g);
  if (!c) panicPlain(gp, "close of nil channel");
  c->lock.lock();
  if (c->closed) {
    c->lock.unlock();
    panicPlain(gp, "close of closed channel");
  }
  __atomic_store_n(&c->closed, 1, __ATOMIC_RELEASE);
  // Wake after unlocking; the parked Gs are linked through schedlink (free
  // while parked), not through the sudogs, whose waitlink select still uses.
  G* woken = nullptr;
  auto collect = [&](Sudog* sg) {
    sg->success = false;
    sg->g->param = sg;
    sg->g->schedlink = woken;
    woken = sg->g;
  };
  while (Sudog* sg = c->recvq.dequeue()) {
    if (sg->elem) typedmemclr(c, sg->elem);
    collect(sg);
  }
  while (Sudog* sg = c->sendq.dequeue()) collect(sg);
  c->lock.unlock();
  while (woken) {
    G* next = woken->schedlink;
    woken->schedlink = nullptr;
    goready(woken);
    woken = next;
  }
}

extern "C" int64_t gol_chanlen(GolChan* c) {
  return c ? int64_t(__atomic_load_n(&c->qcount, __ATOMIC_RELAXED)) : 0;
}

extern "C" int64_t gol_chancap(GolChan* c) { return c ? int64_t(c->dataqsiz) : 0; }
