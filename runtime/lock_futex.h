// lock_futex.h — the runtime's own mutex and one-shot notes, built directly
// on Linux futexes (as Go's lock_futex.go).
//
// Invariants
//  - Mutex is 4 bytes, zero-initialised means unlocked, never allocates: it
//    can live inside GC-heap objects (channels) and is safe on any thread,
//    including g0. It must not be held across a goroutine switch except by
//    gopark, whose unlock function releases it after the switch.
//  - Note is a one-shot wake-up for one sleeping thread: sleep() returns only
//    after wakeup(), clear() re-arms it. Idle Ms sleep on Notes, never spin.
#pragma once

#include <atomic>
#include <cstdint>

namespace gol::rt {

class Mutex {
 public:
  void lock();
  void unlock();
  bool tryLock();

 private:
  // 0 unlocked, 1 locked, 2 locked with (possible) sleepers.
  std::atomic<uint32_t> state_{0};
};

struct MutexGuard {
  explicit MutexGuard(Mutex& m) : m_(m) { m_.lock(); }
  ~MutexGuard() { m_.unlock(); }
  MutexGuard(const MutexGuard&) = delete;
  MutexGuard& operator=(const MutexGuard&) = delete;

 private:
  Mutex& m_;
};

class Note {
 public:
  void clear() { key_.store(0, std::memory_order_relaxed); }
  void wakeup();
  void sleep();
  // Sleeps at most ns nanoseconds; returns true if woken by wakeup().
  bool sleepFor(int64_t ns);

 private:
  std::atomic<uint32_t> key_{0};
};

}  // namespace gol::rt
