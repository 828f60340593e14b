// sema.h — semaphores that park goroutines (Go's sema.go): the base of
// sync.Mutex, sync.WaitGroup and friends.
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
#pragma once

#include <cstdint>

#include "runtime/runtime2.h"

namespace gol::rt {

void semacquire(uint32_t* addr, WaitReason reason = WaitReason::Semacquire, bool lifo = false);
void semrelease(uint32_t* addr, bool handoff = false);

}  // namespace gol::rt
