// select.cpp — the select statement (Go's select.go).
//
// Invariants
//  - Cases are polled in a uniformly random order (pollorder), so among ready
//    cases each is equally likely. Channels are locked in address order
//    (lockorder), each once even if it appears in several cases, so two
//    selects over the same channels cannot deadlock each other.
//  - When nothing is ready, one sudog per case is queued on its channel and
//    the goroutine parks; the waker that wins the CAS on g->selectDone owns
//    the wake-up (WaitQ::dequeue skips the others) and passes the winning
//    sudog in g->param. After waking, the goroutine relocks every channel and
//    removes its remaining sudogs, so none outlives the select's frame.
//  - Nil channels never become ready; with no case and block set, the
//    goroutine parks forever (select {}).
#include <algorithm>
#include <cstdlib>

#include "gol/abi.h"
#include "runtime/chan.h"
#include "runtime/proc.h"

namespace gol::rt {

namespace {

constexpr int64_t kInlineCases = 16;

// Per-call scratch: orders and sudogs, inline for small selects.
struct SelectScratch {
  int64_t n;
  uint16_t* pollorder;
  uint16_t* lockorder;
  Sudog* sudogs;
  uint16_t inlinePoll[kInlineCases];
  uint16_t inlineLock[kInlineCases];
  Sudog inlineSudogs[kInlineCases];
  void* heap = nullptr;

  explicit SelectScratch(int64_t cases) : n(cases) {
    pollorder = inlinePoll;
    lockorder = inlineLock;
    sudogs = inlineSudogs;
    if (cases > kInlineCases) {
      heap = calloc(size_t(cases), 2 * sizeof(uint16_t) + sizeof(Sudog));
      sudogs = static_cast<Sudog*>(heap);
      pollorder = reinterpret_cast<uint16_t*>(sudogs + cases);
      lockorder = pollorder + cases;
      for (int64_t i = 0; i < cases; i++) new (&sudogs[i]) Sudog;
    }
  }
  ~SelectScratch() { release(); }
  // A panic leaves the frame by longjmp, skipping the destructor: panicking
  // paths release first.
  void release() {
    free(heap);
    heap = nullptr;
  }
};

void sellock(GolSelectCase* cases, const uint16_t* lockorder, int64_t n) {
  GolChan* prev = nullptr;
  for (int64_t i = 0; i < n; i++) {
    GolChan* c = cases[lockorder[i]].c;
    if (c != prev) c->lock.lock();
    prev = c;
  }
}

void selunlock(GolSelectCase* cases, const uint16_t* lockorder, int64_t n) {
  for (int64_t i = n - 1; i >= 0; i--) {
    GolChan* c = cases[lockorder[i]].c;
    if (i > 0 && c == cases[lockorder[i - 1]].c) continue;
    c->lock.unlock();
  }
}

struct ParkedSelect {
  GolSelectCase* cases;
  const uint16_t* lockorder;
  int64_t n;
};

bool selparkcommit(G*, void* arg) {
  auto* ps = static_cast<ParkedSelect*>(arg);
  selunlock(ps->cases, ps->lockorder, ps->n);
  return true;
}

// Fills pollorder (random permutation of the non-nil cases) and lockorder
// (the same cases by channel address); returns their number.
int64_t orderCases(GolSelectCase* cases, int64_t n, uint16_t* pollorder, uint16_t* lockorder) {
  int64_t norder = 0;
  for (int64_t i = 0; i < n; i++) {
    if (!cases[i].c) continue;
    int64_t j = int64_t(fastrand() % uint32_t(norder + 1));
    pollorder[norder] = pollorder[j];
    pollorder[j] = uint16_t(i);
    norder++;
  }
  std::copy(pollorder, pollorder + norder, lockorder);
  std::sort(lockorder, lockorder + norder, [cases](uint16_t a, uint16_t b) {
    return reinterpret_cast<uintptr_t>(cases[a].c) < reinterpret_cast<uintptr_t>(cases[b].c);
  });
  return norder;
}

// Pass 1: completes the first ready case in poll order with every channel
// locked; returns its index or -1. Unlocks everything when it returns >= 0.
int64_t pollReady(G* gp, GolSelectCase* cases, SelectScratch& s, int64_t norder, bool* recvOK) {
  for (int64_t k = 0; k < norder; k++) {
    int64_t i = s.pollorder[k];
    GolSelectCase& cs = cases[i];
    GolChan* c = cs.c;
    if (cs.dir == GOL_CHAN_RECV) {
      if (Sudog* sg = c->sendq.dequeue()) {
        recvDirect(c, sg, cs.elem);
        selunlock(cases, s.lockorder, norder);
        readyWaiter(sg);
        *recvOK = true;
        return i;
      }
      if (c->qcount > 0) {
        bufferTake(c, cs.elem);
        selunlock(cases, s.lockorder, norder);
        *recvOK = true;
        return i;
      }
      if (c->closed) {
        selunlock(cases, s.lockorder, norder);
        if (cs.elem) typedmemclr(c, cs.elem);
        *recvOK = false;
        return i;
      }
    } else {
      if (c->closed) {
        selunlock(cases, s.lockorder, norder);
        s.release();
        panicPlain(gp, "send on closed channel");
      }
      if (Sudog* sg = c->recvq.dequeue()) {
        sendDirect(c, sg, cs.elem);
        selunlock(cases, s.lockorder, norder);
        readyWaiter(sg);
        return i;
      }
      if (c->qcount < c->dataqsiz) {
        bufferPut(c, cs.elem);
        selunlock(cases, s.lockorder, norder);
        return i;
      }
    }
  }
  return -1;
}

// Pass 2 and 3: waits on every case, then dequeues the losing sudogs.
int64_t waitAny(G* gp, GolSelectCase* cases, SelectScratch& s, int64_t norder, bool* recvOK) {
  gp->selectDone.store(false);
  gp->param = nullptr;
  for (int64_t k = 0; k < norder; k++) {
    int64_t i = s.lockorder[k];
    Sudog* sg = &s.sudogs[i];
    sg->g = gp;
    sg->isSelect = true;
    sg->success = false;
    sg->elem = cases[i].elem;
    sg->c = cases[i].c;
    if (cases[i].dir == GOL_CHAN_RECV) cases[i].c->recvq.enqueue(sg);
    else cases[i].c->sendq.enqueue(sg);
  }
  ParkedSelect ps{cases, s.lockorder, norder};
  gopark(selparkcommit, &ps, WaitReason::Select);

  auto* winner = static_cast<Sudog*>(gp->param);
  gp->param = nullptr;
  sellock(cases, s.lockorder, norder);
  int64_t chosen = -1;
  for (int64_t k = 0; k < norder; k++) {
    int64_t i = s.lockorder[k];
    Sudog* sg = &s.sudogs[i];
    if (sg == winner) {
      chosen = i;
      continue;
    }
    if (cases[i].dir == GOL_CHAN_RECV) cases[i].c->recvq.remove(sg);
    else cases[i].c->sendq.remove(sg);
  }
  selunlock(cases, s.lockorder, norder);
  if (chosen < 0) fatal("select: woken without a winning case");
  *recvOK = winner->success;
  if (cases[chosen].dir == GOL_CHAN_SEND && !*recvOK) {
    s.release();
    panicPlain(gp, "send on closed channel");
  }
  return chosen;
}

}  // namespace

}  // namespace gol::rt

using namespace gol::rt;

extern "C" int64_t gol_select(GolG* g, GolSelectCase* cases, int64_t n, int32_t block, int32_t* recvok) {
  G* gp = static_cast<G*>(g);
  if (n > UINT16_MAX) panicPlain(gp, "select: too many cases");
  SelectScratch s(n);
  int64_t norder = orderCases(cases, n, s.pollorder, s.lockorder);
  if (norder == 0) {
    if (!block) return -1;
    for (;;) gopark(nullptr, nullptr, n == 0 ? WaitReason::SelectNoCases : WaitReason::Select);
  }
  sellock(cases, s.lockorder, norder);
  bool recvOK = false;
  int64_t chosen = pollReady(gp, cases, s, norder, &recvOK);
  if (chosen < 0 && !block) {
    selunlock(cases, s.lockorder, norder);
    return -1;
  }
  if (chosen < 0) chosen = waitAny(gp, cases, s, norder, &recvOK);
  if (recvok && cases[chosen].dir == GOL_CHAN_RECV) *recvok = recvOK ? 1 : 0;
  return chosen;
}
