// proc.h — the G/M/P scheduler (as Go's proc.go): Ms are OS threads, Ps are
// the GOMAXPROCS execution slots, Gs are goroutines running as Boost.Context
// fibers on segmented stacks (stack.h).
//
// Invariants
//  - An M runs gol code only while it holds a P. The scheduler itself runs on
//    the M's g0: the OS thread's own stack, never a goroutine segment.
//  - A goroutine switches away only through mcall, which jumps to g0 and runs
//    the requested function there; state changes that let another M resume
//    the goroutine (Waiting -> Runnable, unlocking a channel) therefore happen
//    only after its registers and stack are saved.
//  - Each P has a fixed 256-slot ring run queue (single producer: the owner;
//    many consumers: the owner and thieves, via CAS on head) plus runnext.
//    Overflow moves half the ring to the global queue. The global queue is
//    polled every 61 schedticks so local ping-pong cannot starve it.
//  - At most max(1, (GOMAXPROCS - idle Ps) / 2) Ms spin looking for work;
//    every other idle M sleeps on its Note.
//  - sysmon (a thread that is not an M) asks a goroutine that has run for
//    more than 10 ms without rescheduling, or whose P has due timers, to
//    yield: at its next prologue, or at once through the preemption signal
//    (preempt.h), so a busy goroutine cannot starve others, timers or a
//    stop-the-world.
#pragma once

#include <atomic>
#include <cstdint>

#include "runtime/lock_futex.h"
#include "runtime/runtime2.h"
#include "runtime/time.h"

namespace gol::rt {

constexpr uint32_t kRunqSize = 256;
constexpr uint32_t kGlobalRunqPollTicks = 61;

enum class PStatus : uint32_t { Idle, Running, Syscall, GCStop, Dead };

struct P {
  int32_t id = 0;
  std::atomic<PStatus> status{PStatus::Idle};
  uint32_t schedtick = 0;
  uint32_t syscalltick = 0;
  M* m = nullptr;
  P* link = nullptr;  // idle list
  std::atomic<uint32_t> runqhead{0};
  std::atomic<uint32_t> runqtail{0};
  std::atomic<G*> runq[kRunqSize] = {};
  std::atomic<G*> runnext{nullptr};
  TimerHeap timers;
  // sysmon's last observation (sysmon only): schedtick and when it was seen.
  uint32_t sysmonTick = 0;
  int64_t sysmonWhen = 0;
};

struct M {
  int64_t id = 0;
  G* g0 = nullptr;          // scheduler context of this thread
  G* curg = nullptr;        // goroutine being run
  P* p = nullptr;
  P* nextp = nullptr;       // P handed over by startm
  void* g0ctx = nullptr;    // g0's fcontext while curg runs
  void (*afterSwitch)(G*, void*) = nullptr;  // run on g0 after leaving curg
  void* afterArg = nullptr;
  bool spinning = false;
  bool timerSleeper = false;
  M* link = nullptr;        // idle list
  Note park;
  std::atomic<int32_t> tid{0};  // kernel thread id, for the preemption signal
  G* lockedg = nullptr;     // runtime.LockOSThread: the only G this M runs
  bool exiting = false;     // its locked G exited: the thread ends
  uint32_t fastrand = 0;
};

// A FIFO of goroutines linked through G::schedlink.
struct GQueue {
  G* head = nullptr;
  G* tail = nullptr;
  std::atomic<int32_t> size{0};  // read without the lock as a hint
  void push(G* gp);
  void pushFront(G* gp);
  G* pop();
};

// ---- run queues (exported for tests) ----
// Puts gp on pp's local queue (in runnext when next). When the ring is full,
// half of it moves to global under global's lock.
void runqput(P* pp, G* gp, bool next, GQueue* global, Mutex* globalLock);
// Gets a G from pp's local queue; inheritTime says it came from runnext.
G* runqget(P* pp, bool* inheritTime = nullptr);
bool runqempty(P* pp);
// Steals half of victim's queue into pp; returns one G to run or null.
G* runqsteal(P* pp, P* victim, bool stealRunNext);
// Takes a batch from global into pp's local queue; returns one G to run.
G* globrunqget(P* pp, GQueue* global, int32_t max, int32_t nprocs);
// The queue policy of findRunnable without stealing: every 61st tick the
// global queue first, then local, then global.
G* runqPick(P* pp, GQueue* global, Mutex* globalLock, int32_t nprocs, bool* inheritTime);

// ---- goroutine life cycle ----
// Parks the current goroutine: on g0, unlockf(gp, arg) runs after the switch;
// if it returns false the goroutine is made runnable again at once.
void gopark(bool (*unlockf)(G*, void*), void* arg, WaitReason reason);
// Makes a parked goroutine runnable (on the caller's P, in runnext).
void goready(G* gp);
// Starts a runtime-internal goroutine running closure (Go's system
// goroutines, e.g. the finalizer goroutine): NumGoroutine does not count it
// and deadlock reports and tracebacks of other goroutines leave it out.
G* goSystem(void* closure);
// goSystem for a thread that is not running a goroutine (sysmon): the new
// goroutine goes to the global queue.
void startSystemGoroutine(void* closure);
// Wakes sysmon at once; async-signal-safe.
void wakeSysmon();
// Yields the processor: the current goroutine goes to the global queue.
void gosched();
// Finishes gp, the current goroutine (runtime.Goexit after its defers ran).
[[noreturn]] void goexit0(G* gp);
// The P of the calling M (goroutine or g0).
P* currentP();
// Calls fn for every live P; the world is stopped (the collector's root
// phase) or the caller tolerates races.
void forEachP(void (*fn)(P*, void*), void* arg);
// sync.Mutex's spinning policy (Go's sync_runtime_canSpin): spin at most four
// times, and only with several CPUs, another P busy with gol code and nothing
// waiting in this P's run queue.
bool syncCanSpin(int64_t iter);

// Blocking system calls: the P is handed off while the calling goroutine sits
// in the kernel, so other goroutines keep running.
void entersyscall();
void exitsyscall();

// runtime.LockOSThread / UnlockOSThread for gp, the running goroutine.
// While locked, gp runs only on its M and the M runs nothing else: when gp
// blocks, the M gives its P away and sleeps until an M that finds gp
// runnable hands it a P (Go's stoplockedm/startlockedm). A goroutine that
// exits locked ends its thread.
void lockOSThread(G* gp);
void unlockOSThread(G* gp);
// debug.SetMaxThreads: returns the previous limit (10000 at start). Threads
// are the Ms, sysmon and the process's first thread; a program that needs
// more dies with Go's "thread exhaustion".
int64_t setMaxThreads(int64_t n);

// ---- runtime package entry points ----
int64_t numGoroutine();
int32_t numCPU();
// GOMAXPROCS(n): returns the previous value; n < 1 only queries.
int32_t gomaxprocs(int32_t n);
int64_t goid(G* gp);

// For timers and sleeps: wakes an idle M when a timer earlier than the one
// any sleeping M waits for is added.
void wakeTimerSleeper(int64_t when);

// Runs before a preempted goroutine continues (gol_morestack's safe point).
void preemptPark(G* gp);

uint32_t fastrand();

}  // namespace gol::rt
