// sema.h — semaphores and notify lists that park goroutines (Go's sema.go):
// the base of sync.Mutex, sync.WaitGroup, sync.Cond and friends.
//
// Invariants
//  - *addr is the semaphore count; semacquire decrements it, parking while it
//    is zero; semrelease increments it and wakes one waiter on addr.
//  - Waiters live in one of 251 roots chosen by address; a root's lock guards
//    its waiter list and nwait. A waiter is queued only after rechecking the
//    count under that lock, and semrelease looks for waiters only after its
//    increment, so no wake-up is lost.
//  - With handoff, the released count goes straight to the woken waiter, so a
//    running goroutine cannot barge in first (sync.Mutex starvation mode).
//  - A NotifyList hands out tickets in order (notifyListAdd) and wakes
//    waiters in ticket order: notify is the next ticket to wake, every ticket
//    below it has been notified. A waiter whose ticket is already notified
//    does not park, so a Signal between Add and Wait is never lost.
#pragma once

#include <cstdint>

#include "runtime/lock_futex.h"
#include "runtime/runtime2.h"

namespace gol::rt {

void semacquire(uint32_t* addr, WaitReason reason = WaitReason::Semacquire, bool lifo = false);
void semrelease(uint32_t* addr, bool handoff = false);

struct NotifyWaiter;

// sync.Cond's notifyList. Its layout is mirrored by package sync (four
// words, zero value ready to use), so it lives inside gol heap objects.
struct NotifyList {
  uint32_t wait;    // next ticket to hand out (atomic)
  uint32_t notify;  // next ticket to wake (atomic; written under lock)
  Mutex lock;
  uint32_t pad;
  NotifyWaiter* head;  // parked waiters, in the order they parked
  NotifyWaiter* tail;
};
static_assert(sizeof(NotifyList) == 32, "mirrored by sync.notifyList");

uint32_t notifyListAdd(NotifyList* l);
void notifyListWait(NotifyList* l, uint32_t ticket);
void notifyListNotifyAll(NotifyList* l);
void notifyListNotifyOne(NotifyList* l);

}  // namespace gol::rt
