// lock_futex.cpp — futex-based Mutex and Note (see lock_futex.h).
//
// The mutex is Drepper's three-state futex lock ("Futexes Are Tricky",
// mutex3): uncontended lock/unlock are one atomic each; a waiter marks the
// word 2 so the unlocker knows to issue FUTEX_WAKE.
#include "runtime/lock_futex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "runtime/check.h"

namespace gol::rt {

namespace {

void futexWait(std::atomic<uint32_t>* addr, uint32_t val, const struct timespec* ts) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(addr), FUTEX_WAIT_PRIVATE, val, ts, nullptr, 0);
}

void futexWake(std::atomic<uint32_t>* addr, int n) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(addr), FUTEX_WAKE_PRIVATE, n, nullptr, nullptr, 0);
}

int64_t monotonicNanos() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace

bool Mutex::tryLock() {
  uint32_t expected = 0;
  return state_.compare_exchange_strong(expected, 1, std::memory_order_acquire);
}

void Mutex::lock() {
  uint32_t c = 0;
  if (state_.compare_exchange_strong(c, 1, std::memory_order_acquire)) return;
  for (int spin = 0; spin < 64 && c != 0; spin++) {
    __builtin_ia32_pause();
    c = state_.load(std::memory_order_relaxed);
    if (c == 0 && state_.compare_exchange_strong(c, 1, std::memory_order_acquire)) return;
  }
  if (c != 2) c = state_.exchange(2, std::memory_order_acquire);
  while (c != 0) {
    futexWait(&state_, 2, nullptr);
    c = state_.exchange(2, std::memory_order_acquire);
  }
}

void Mutex::unlock() {
  uint32_t was = state_.exchange(0, std::memory_order_release);
  GOL_ASSERT(was != 0, "unlock of an unlocked runtime mutex");
  if (was == 2) futexWake(&state_, 1);
}

void Note::wakeup() {
  key_.store(1, std::memory_order_release);
  futexWake(&key_, 1);
}

void Note::sleep() {
  while (key_.load(std::memory_order_acquire) == 0) futexWait(&key_, 0, nullptr);
}

bool Note::sleepFor(int64_t ns) {
  int64_t deadline = monotonicNanos() + ns;
  while (key_.load(std::memory_order_acquire) == 0) {
    int64_t left = deadline - monotonicNanos();
    if (left <= 0) return false;
    struct timespec ts{time_t(left / 1000000000), long(left % 1000000000)};
    futexWait(&key_, 0, &ts);
  }
  return true;
}

}  // namespace gol::rt
