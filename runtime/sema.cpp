// sema.cpp — goroutine semaphores and notify lists (see sema.h for the
// invariants).
#include "runtime/sema.h"

#include <atomic>

#include "runtime/lock_futex.h"
#include "runtime/proc.h"

namespace gol::rt {

namespace {

struct SemaWaiter {
  G* g;
  uint32_t* addr;
  SemaWaiter* next = nullptr;
  bool handedOff = false;
};

struct SemaRoot {
  Mutex lock;
  SemaWaiter* head = nullptr;
  SemaWaiter* tail = nullptr;
  std::atomic<uint32_t> nwait{0};
};

constexpr size_t kSemTableSize = 251;
SemaRoot* semtable = new SemaRoot[kSemTableSize];

SemaRoot& rootFor(uint32_t* addr) { return semtable[(reinterpret_cast<uintptr_t>(addr) >> 3) % kSemTableSize]; }

bool cansemacquire(uint32_t* addr) {
  uint32_t v = __atomic_load_n(addr, __ATOMIC_ACQUIRE);
  while (v > 0)
    if (__atomic_compare_exchange_n(addr, &v, v - 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return true;
  return false;
}

void enqueue(SemaRoot& r, SemaWaiter* w, bool lifo) {
  if (lifo) {
    w->next = r.head;
    r.head = w;
    if (!r.tail) r.tail = w;
    return;
  }
  w->next = nullptr;
  if (r.tail) r.tail->next = w;
  else r.head = w;
  r.tail = w;
}

SemaWaiter* dequeueFor(SemaRoot& r, uint32_t* addr) {
  SemaWaiter* prev = nullptr;
  for (SemaWaiter* w = r.head; w; prev = w, w = w->next) {
    if (w->addr != addr) continue;
    if (prev) prev->next = w->next;
    else r.head = w->next;
    if (r.tail == w) r.tail = prev;
    w->next = nullptr;
    return w;
  }
  return nullptr;
}

bool unlockRoot(G*, void* r) {
  static_cast<SemaRoot*>(r)->lock.unlock();
  return true;
}

bool unlockList(G*, void* l) {
  static_cast<NotifyList*>(l)->lock.unlock();
  return true;
}

// Tickets wrap around: a precedes b when it is less than 2^31 behind.
bool ticketBefore(uint32_t a, uint32_t b) { return int32_t(a - b) < 0; }

uint32_t atomicLoad(const uint32_t* p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }

}  // namespace

struct NotifyWaiter {
  G* g;
  uint32_t ticket;
  NotifyWaiter* next;
};

void semacquire(uint32_t* addr, WaitReason reason, bool lifo) {
  if (cansemacquire(addr)) return;
  SemaRoot& r = rootFor(addr);
  SemaWaiter w{getg(), addr};
  for (;;) {
    r.lock.lock();
    r.nwait.fetch_add(1);
    if (cansemacquire(addr)) {
      r.nwait.fetch_sub(1);
      r.lock.unlock();
      return;
    }
    enqueue(r, &w, lifo);
    gopark(unlockRoot, &r, reason);
    if (w.handedOff || cansemacquire(addr)) return;
  }
}

void semrelease(uint32_t* addr, bool handoff) {
  SemaRoot& r = rootFor(addr);
  __atomic_fetch_add(addr, 1, __ATOMIC_ACQ_REL);
  if (r.nwait.load() == 0) return;
  r.lock.lock();
  SemaWaiter* w = r.nwait.load() != 0 ? dequeueFor(r, addr) : nullptr;
  if (!w) {
    r.lock.unlock();
    return;
  }
  r.nwait.fetch_sub(1);
  if (handoff && cansemacquire(addr)) w->handedOff = true;
  r.lock.unlock();
  goready(w->g);
}

uint32_t notifyListAdd(NotifyList* l) { return __atomic_fetch_add(&l->wait, 1, __ATOMIC_SEQ_CST); }

void notifyListWait(NotifyList* l, uint32_t ticket) {
  l->lock.lock();
  if (ticketBefore(ticket, l->notify)) {
    l->lock.unlock();
    return;
  }
  NotifyWaiter w{getg(), ticket, nullptr};
  if (l->tail) l->tail->next = &w;
  else l->head = &w;
  l->tail = &w;
  gopark(unlockList, l, WaitReason::SyncCondWait);
}

void notifyListNotifyAll(NotifyList* l) {
  if (atomicLoad(&l->wait) == atomicLoad(&l->notify)) return;
  l->lock.lock();
  NotifyWaiter* w = l->head;
  l->head = l->tail = nullptr;
  __atomic_store_n(&l->notify, atomicLoad(&l->wait), __ATOMIC_SEQ_CST);
  l->lock.unlock();
  while (w) {
    NotifyWaiter* next = w->next;  // w dies once its goroutine runs
    goready(w->g);
    w = next;
  }
}

void notifyListNotifyOne(NotifyList* l) {
  if (atomicLoad(&l->wait) == atomicLoad(&l->notify)) return;
  l->lock.lock();
  uint32_t t = l->notify;
  if (t == atomicLoad(&l->wait)) {
    l->lock.unlock();
    return;
  }
  __atomic_store_n(&l->notify, t + 1, __ATOMIC_SEQ_CST);
  // The waiter holding ticket t may not have parked yet; then it sees
  // notify > t in notifyListWait and does not park at all.
  NotifyWaiter* prev = nullptr;
  for (NotifyWaiter* w = l->head; w; prev = w, w = w->next) {
    if (w->ticket != t) continue;
    if (prev) prev->next = w->next;
    else l->head = w->next;
    if (l->tail == w) l->tail = prev;
    l->lock.unlock();
    goready(w->g);
    return;
  }
  l->lock.unlock();
}

}  // namespace gol::rt
