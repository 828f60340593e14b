// proc.cpp — the G/M/P scheduler (Go's proc.go, simplified; see proc.h for
// the invariants).
//
// Life of a goroutine: gol_go allocates a G and its first stack segment,
// makes an fcontext on it and puts it in the creator's runnext. An M in
// schedule() picks it (findRunnable), jumps into it (execute) and gets control
// back only when the goroutine calls mcall: gopark (blocked), gosched/preempt
// (still runnable), goexit (dead) or exitsyscall without a free P.
//
// Idle Ms: an M that finds no work gives up its P and sleeps on its Note. At
// most one idle M (the timer sleeper) sleeps with a timeout: until the
// earliest timer of any P. When every M is idle, no goroutine is in a system
// call and no timer is pending, nothing can ever wake the program: checkdead
// reports the deadlock with every goroutine's traceback, as Go does.
//
// The process host (gol_runtime_main's caller) is not an M: it starts the main
// goroutine and sleeps until main returns or the program deadlocks.
#include "runtime/proc.h"

#include <boost/context/detail/fcontext.hpp>
#include <pthread.h>
#include <sched.h>
#include <sys/auxv.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include "runtime/check.h"
#include "runtime/leakcheck.h"
#include "runtime/panic.h"
#include "runtime/preempt.h"
#include "runtime/print.h"
#include "runtime/signal.h"
#include "runtime/stack.h"
#include "runtime/traceback.h"

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define GOL_TSAN_FIBERS 1
#endif

namespace gol::rt {

using boost::context::detail::jump_fcontext;
using boost::context::detail::make_fcontext;
using boost::context::detail::transfer_t;

namespace {

thread_local G* tlsG = nullptr;

struct MainRun;

// Fields written by different threads at high rates (the lock and its run
// queue, the spinning and idle counts, the goroutine counters, the free-G
// list, the list of all Gs) start cache lines of their own, so one does not
// slow the others through false sharing.
struct Sched {
  alignas(64) Mutex lock;  // guards everything below that is not atomic
  GQueue runq;
  P* pidle = nullptr;
  alignas(64) std::atomic<int32_t> npidle{0};
  M* midle = nullptr;
  int32_t nmidle = 0;
  int32_t nmidlelocked = 0;  // Ms asleep until their locked G can run
  int32_t mcount = 0;        // live Ms
  int64_t mnext = 0;         // M ids
  int32_t maxmcount = 10000;  // debug.SetMaxThreads
  alignas(64) std::atomic<int32_t> nmspinning{0};
  std::atomic<int32_t> nsyscall{0};
  std::vector<P*> allp;  // allp[0..gomaxprocs) are live
  std::atomic<int32_t> gomaxprocs{0};
  int32_t newprocs = 0;  // applied by the next startTheWorld
  int32_t ncpu = 1;
  bool initialised = false;

  M* timerSleeper = nullptr;
  int64_t timerSleepUntil = 0;

  Note sysmonNote;
  int64_t sysmonUntil = 0;  // when sysmon checks next
  bool sysmonIdle = false;  // sysmon sleeps long: every P was idle

  std::atomic<bool> gcwaiting{false};
  int32_t stopwait = 0;
  Note stopnote;
  Mutex worldLock;  // serialises stopTheWorld callers (taken on g0-safe paths)

  alignas(64) std::atomic<int64_t> goidgen{0};
  std::atomic<int64_t> ngoroutines{0};
  alignas(64) Mutex gfreeLock;
  G* gfree = nullptr;
  alignas(64) Mutex allgLock;
  std::vector<G*> allgs;

  MainRun* mainRun = nullptr;  // the program being run, if any
  G* mainG = nullptr;
};

Sched& sched = *new Sched;  // never destroyed: Ms may run during exit

// The program run by gol_runtime_main; its closure word comes first so the
// main goroutine starts like any other.
struct MainRun {
  void (*fn)(GolG*, void*);
  GolEntry init;
  GolEntry main;
  int exitCode = 0;
  Note done;
};

M* currentM() { return getg()->m; }

// When goroutines parked, for the "N minutes" of tracebacks: a millisecond
// clock that costs a few nanoseconds, since every blocking channel operation
// parks.
int64_t parkClock() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// ---- TSan fiber annotations (no-ops in normal builds) ----

void* tsanCurrentFiber() {
#ifdef GOL_TSAN_FIBERS
  return __tsan_get_current_fiber();
#else
  return nullptr;
#endif
}

void* tsanNewFiber() {
#ifdef GOL_TSAN_FIBERS
  return __tsan_create_fiber(0);
#else
  return nullptr;
#endif
}

void tsanSwitchTo(void* fiber) {
#ifdef GOL_TSAN_FIBERS
  __tsan_switch_to_fiber(fiber, 0);
#else
  (void)fiber;
#endif
}

// ---- CPU count ----

int32_t cgroupCPULimit() {
  // cgroup v2: "max 100000" or "200000 100000"; v1: quota and period files.
  long long quota = -1, period = 0;
  if (FILE* f = fopen("/sys/fs/cgroup/cpu.max", "r")) {
    char q[32] = {};
    if (fscanf(f, "%31s %lld", q, &period) == 2 && strcmp(q, "max") != 0) quota = atoll(q);
    fclose(f);
  } else if (FILE* fq = fopen("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "r")) {
    if (fscanf(fq, "%lld", &quota) != 1) quota = -1;
    fclose(fq);
    if (FILE* fp = fopen("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "r")) {
      if (fscanf(fp, "%lld", &period) != 1) period = 0;
      fclose(fp);
    }
  }
  if (quota <= 0 || period <= 0) return 0;
  return int32_t((quota + period - 1) / period);
}

int32_t computeNumCPU() {
  cpu_set_t set;
  int32_t n = 0;
  if (sched_getaffinity(0, sizeof set, &set) == 0) n = CPU_COUNT(&set);
  if (n <= 0) n = int32_t(sysconf(_SC_NPROCESSORS_ONLN));
  if (n <= 0) n = 1;
  int32_t limit = cgroupCPULimit();
  if (limit > 0 && limit < n) n = limit;
  return n;
}

int32_t initialProcs(int32_t ncpu) {
  if (const char* env = getenv("GOMAXPROCS")) {
    int v = atoi(env);
    if (v > 0) return v;
  }
  return ncpu;
}

// ---- idle P and M lists (sched.lock held) ----

void pidleput(P* pp) {
  pp->status.store(PStatus::Idle);
  pp->link = sched.pidle;
  sched.pidle = pp;
  sched.npidle.fetch_add(1);
}

// sysmon sleeps 100 ms while every P is idle; a P going back to work must
// be watched from now on (a goroutine it runs may spin at once). Caller
// holds sched.lock.
void wakeIdleSysmon() {
  if (!sched.sysmonIdle) return;
  sched.sysmonIdle = false;
  sched.sysmonNote.wakeup();
}

P* pidleget() {
  P* pp = sched.pidle;
  if (pp) {
    sched.pidle = pp->link;
    sched.npidle.fetch_sub(1);
    pp->link = nullptr;
    wakeIdleSysmon();
  }
  return pp;
}

bool pidleremove(P* want) {
  for (P** pp = &sched.pidle; *pp; pp = &(*pp)->link) {
    if (*pp == want) {
      *pp = want->link;
      want->link = nullptr;
      sched.npidle.fetch_sub(1);
      wakeIdleSysmon();
      return true;
    }
  }
  return false;
}

void mput(M* mp) {
  mp->link = sched.midle;
  sched.midle = mp;
  sched.nmidle++;
}

M* mget() {
  M* mp = sched.midle;
  if (mp) {
    sched.midle = mp->link;
    sched.nmidle--;
    mp->link = nullptr;
  }
  return mp;
}

bool mremove(M* want) {
  for (M** mp = &sched.midle; *mp; mp = &(*mp)->link) {
    if (*mp == want) {
      *mp = want->link;
      want->link = nullptr;
      sched.nmidle--;
      return true;
    }
  }
  return false;
}

void acquirep(M* mp, P* pp) {
  mp->p = pp;
  __atomic_store_n(&pp->m, mp, __ATOMIC_RELEASE);
  pp->status.store(PStatus::Running);
}

P* releasep(M* mp) {
  P* pp = mp->p;
  mp->p = nullptr;
  __atomic_store_n(&pp->m, nullptr, __ATOMIC_RELEASE);
  return pp;
}

// ---- M creation and wake-up ----

void schedule(M* mp) __attribute__((noreturn));
void checkdead();

void* mstart(void* arg) {
  M* mp = static_cast<M*>(arg);
  tlsG = mp->g0;
  mp->g0->tsanFiber = tsanCurrentFiber();
  minitSignals();
  mp->tid.store(int32_t(gettid()), std::memory_order_release);
  P* pp = mp->nextp;
  mp->nextp = nullptr;
  acquirep(mp, pp);
  schedule(mp);
}

// Each process gets other random choices (select, map iteration) as in Go:
// the seed mixes the kernel's per-process random bytes with the M's id. Zero
// is the one state xorshift never leaves, so it is avoided.
uint32_t fastrandSeed(int64_t mid) {
  static const uint32_t processRandom = [] {
    uint32_t r = 0;
    if (auto* bytes = reinterpret_cast<const uint8_t*>(getauxval(AT_RANDOM))) std::memcpy(&r, bytes, sizeof r);
    return r ^ uint32_t(getpid());
  }();
  uint32_t seed = processRandom ^ uint32_t(mid * 0x9E3779B9u);
  return seed ? seed : 1;
}

// Threads besides the Ms: the process's first thread and sysmon.
constexpr int32_t kOtherThreads = 2;

// Go's checkmcount (sched.lock not held).
void checkmcount() {
  sched.lock.lock();
  int32_t n = sched.mcount + kOtherThreads, max = sched.maxmcount;
  sched.lock.unlock();
  if (n <= max) return;
  fflush(stdout);
  fprintf(stderr, "runtime: program exceeds %d-thread limit\n", max);
  fatal("thread exhaustion");
}

// Starts a new M for pp (sched.lock not held).
void newm(P* pp, bool spinning) {
  M* mp = new M;
  // Zeroed, GolG header included: timer callbacks run on g0 and start
  // goroutines with it as their parent, which has no frames.
  mp->g0 = new G();
  mp->g0->m = mp;
  mp->nextp = pp;
  mp->spinning = spinning;
  {
    MutexGuard l(sched.lock);
    mp->id = sched.mnext++;
    sched.mcount++;
  }
  mp->fastrand = fastrandSeed(mp->id);
  checkmcount();
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t tid;
  if (pthread_create(&tid, &attr, mstart, mp) != 0) {
    fprintf(stderr, "runtime: failed to create new OS thread\n");
    fatal("newosproc");
  }
  pthread_attr_destroy(&attr);
}

// Runs pp (an idle P if null) on an idle or new M. Without a P to give, a
// spinning start is cancelled.
void startm(P* pp, bool spinning) {
  sched.lock.lock();
  if (!pp) {
    pp = pidleget();
    if (!pp) {
      sched.lock.unlock();
      if (spinning) sched.nmspinning.fetch_sub(1);
      return;
    }
  }
  M* mp = mget();
  if (mp) {
    mp->spinning = spinning;
    mp->nextp = pp;
    if (sched.timerSleeper == mp) sched.timerSleeper = nullptr;
  }
  sched.lock.unlock();
  if (!mp) {
    newm(pp, spinning);
    return;
  }
  mp->park.wakeup();
}

// Wakes an M to look for work if there is an idle P and nobody is spinning.
void wakep() {
  if (sched.npidle.load() == 0) return;
  int32_t zero = 0;
  if (sched.nmspinning.load() != 0 || !sched.nmspinning.compare_exchange_strong(zero, 1)) return;
  startm(nullptr, true);
}

// Parks mp until startm hands it a P. With pollUntil != 0 it may become the
// timer sleeper and wake by itself at pollUntil to run timers.
void stopm(M* mp, int64_t pollUntil) {
  for (;;) {
    sched.lock.lock();
    mp->park.clear();
    mput(mp);
    bool timed = false;
    if (pollUntil != 0 && (!sched.timerSleeper || pollUntil < sched.timerSleepUntil)) {
      sched.timerSleeper = mp;
      sched.timerSleepUntil = pollUntil;
      timed = true;
    }
    checkdead();
    sched.lock.unlock();

    if (timed) {
      int64_t wait = pollUntil - nanotime();
      if (wait > 0) mp->park.sleepFor(wait);
    } else {
      mp->park.sleep();
    }

    sched.lock.lock();
    if (sched.timerSleeper == mp) sched.timerSleeper = nullptr;
    if (!mremove(mp)) {
      // startm claimed us: nextp is ours (the wake-up may still be in flight).
      P* pp = mp->nextp;
      mp->nextp = nullptr;
      sched.lock.unlock();
      acquirep(mp, pp);
      return;
    }
    // Woken for timers (timeout or an earlier timer), or spuriously.
    P* pp = timed || pollUntil != 0 ? pidleget() : nullptr;
    sched.lock.unlock();
    if (pp) {
      acquirep(mp, pp);
      mp->spinning = true;
      sched.nmspinning.fetch_add(1);
      return;
    }
    pollUntil = 0;  // every P is busy: their Ms run the timers
  }
}

// Hands pp to another M or puts it on the idle list (sched.lock not held).
void handoffp(P* pp) {
  if (!runqempty(pp) || sched.runq.size != 0) {
    startm(pp, false);
    return;
  }
  int32_t zero = 0;
  if (sched.nmspinning.load() + sched.npidle.load() == 0 &&
      sched.nmspinning.compare_exchange_strong(zero, 1)) {
    startm(pp, true);
    return;
  }
  sched.lock.lock();
  if (sched.gcwaiting.load()) {
    pp->status.store(PStatus::GCStop);
    if (--sched.stopwait == 0) sched.stopnote.wakeup();
    sched.lock.unlock();
    return;
  }
  if (sched.runq.size != 0 || pp->timers.when0.load() != 0) {
    // Timers need an M that will sleep until they are due.
    sched.lock.unlock();
    startm(pp, false);
    return;
  }
  pidleput(pp);
  sched.lock.unlock();
}

// ---- context switching ----

// A goroutine's status moves only along the scheduler's transitions (from,
// to); finding it in any other state is a runtime bug.
void moveStatus(G* gp, GStatus from, GStatus to, const char* invariant) {
  GOL_ASSERT(gp->status.exchange(to) == from, invariant);
}

// Jumps from g0 into gp; returns on g0 when gp calls mcall.
void execute(M* mp, G* gp, bool inheritTime) {
  if (!inheritTime) __atomic_store_n(&mp->p->schedtick, mp->p->schedtick + 1, __ATOMIC_RELAXED);
  gp->m = mp;
  moveStatus(gp, GStatus::Runnable, GStatus::Running, "execute: goroutine not runnable");
  __atomic_store_n(&mp->curg, gp, __ATOMIC_RELEASE);
  tlsG = gp;
  tsanSwitchTo(gp->tsanFiber);
  transfer_t t = jump_fcontext(gp->context, mp);
  tlsG = mp->g0;
  gp->context = t.fctx;
  __atomic_store_n(&mp->curg, nullptr, __ATOMIC_RELEASE);
  // Armed before afterSwitch can make a locked gp runnable: from then on
  // startlockedm may wake this M.
  if (mp->lockedg) mp->park.clear();
  auto fn = mp->afterSwitch;
  mp->afterSwitch = nullptr;
  fn(gp, mp->afterArg);
}

// Switches from the running goroutine to its M's g0 and runs fn(gp, arg)
// there; returns when gp is resumed (possibly on another M).
void mcall(G* gp, void (*fn)(G*, void*), void* arg) {
  gp->schedFP = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  M* mp = gp->m;
  mp->afterSwitch = fn;
  mp->afterArg = arg;
  tsanSwitchTo(mp->g0->tsanFiber);
  transfer_t t = jump_fcontext(mp->g0ctx, nullptr);
  static_cast<M*>(t.data)->g0ctx = t.fctx;
}

void goexitCurrent() __attribute__((noreturn));

void goroutineStart(transfer_t t) {
  M* mp = static_cast<M*>(t.data);
  mp->g0ctx = t.fctx;
  G* gp = mp->curg;
  auto fn = *static_cast<GolEntry*>(gp->entry);
  fn(gp, gp->entry);
  goexitCurrent();
}

// ---- G allocation ----

G* gfget() {
  MutexGuard l(sched.gfreeLock);
  G* gp = sched.gfree;
  if (gp) sched.gfree = gp->schedlink;
  return gp;
}

void gfput(G* gp) {
  MutexGuard l(sched.gfreeLock);
  gp->schedlink = sched.gfree;
  sched.gfree = gp;
}

G* allocG() {
  if (G* gp = gfget()) return gp;
  G* gp = new G;
  gp->tsanFiber = tsanNewFiber();
  MutexGuard l(sched.allgLock);
  sched.allgs.push_back(gp);
  return gp;
}

// Creates a runnable goroutine running closure; parent may be null (host),
// createdPC is the go statement's return address (0 for the host).
G* newproc(void* closure, G* parent, uintptr_t createdPC) {
  G* gp = allocG();
  gp->goid = sched.goidgen.fetch_add(1) + 1;
  gp->entry = closure;
  gp->frame = nullptr;
  gp->schedlink = nullptr;
  gp->waitReason = WaitReason::Zero;
  gp->waiting = nullptr;
  gp->param = nullptr;
  gp->selectDone.store(false);
  gp->preempt.store(false);
  gp->defers = nullptr;
  gp->panics = nullptr;
  gp->goexiting = false;
  gp->panicOnFault = false;
  gp->system = false;
  gp->lockedm = nullptr;
  gp->lockedCount = 0;
  gp->parentGoid = parent ? parent->goid : 0;
  gp->createdPC = createdPC;
  gp->creationStack.clear();
  gp->schedFP = 0;
  stackInit(gp);
  gp->context = make_fcontext(reinterpret_cast<void*>(stackTop(gp->stack)),
                              stackTop(gp->stack) - gp->stack->lo, goroutineStart);
  sched.ngoroutines.fetch_add(1);
  gp->status.store(GStatus::Runnable);
  return gp;
}

// ---- the scheduler loop ----

void globrunqput(G* gp) {
  MutexGuard l(sched.lock);
  sched.runq.push(gp);
}

void gcstopm(M* mp) {
  if (mp->spinning) {
    mp->spinning = false;
    sched.nmspinning.fetch_sub(1);
  }
  P* pp = releasep(mp);
  sched.lock.lock();
  pp->status.store(PStatus::GCStop);
  if (--sched.stopwait == 0) sched.stopnote.wakeup();
  sched.lock.unlock();
  stopm(mp, 0);
}

void resetspinning(M* mp) {
  mp->spinning = false;
  if (sched.nmspinning.fetch_sub(1) == 1) wakep();
}

// Reads the clock only when pp has a timer: the scheduler calls this on every
// pass, and a clock read would be a large part of a channel hand-off.
void runDueTimers(P* pp) {
  int64_t w = pp->timers.when0.load(std::memory_order_relaxed);
  if (w == 0) return;
  int64_t now = nanotime();
  if (w <= now) runTimers(pp, now);
}

// Tries to steal work (and run other Ps' due timers) for mp's P.
G* stealWork(M* mp, bool* inheritTime) {
  P* pp = mp->p;
  int32_t n = sched.gomaxprocs.load();
  for (int round = 0; round < 4; round++) {
    bool last = round == 3;
    uint32_t start = fastrand();
    for (int32_t i = 0; i < n; i++) {
      P* p2 = sched.allp[(start + i) % n];
      if (p2 == pp) continue;
      if (last) {
        runDueTimers(p2);
        if (G* gp = runqget(pp, inheritTime)) return gp;
      }
      if (G* gp = runqsteal(pp, p2, last)) return gp;
    }
  }
  return nullptr;
}

int64_t earliestTimer() {
  int64_t w = 0;
  int32_t n = sched.gomaxprocs.load();
  for (int32_t i = 0; i < n; i++) {
    int64_t t = sched.allp[i]->timers.when0.load(std::memory_order_relaxed);
    if (t != 0 && (w == 0 || t < w)) w = t;
  }
  return w;
}

// Finds a runnable goroutine, blocking (with the P given up) until one
// exists.
G* findRunnable(M* mp, bool* inheritTime) {
top:
  P* pp = mp->p;
  if (sched.gcwaiting.load()) {
    gcstopm(mp);
    goto top;
  }
  runDueTimers(pp);
  int32_t nprocs = sched.gomaxprocs.load();
  if (G* gp = runqPick(pp, &sched.runq, &sched.lock, nprocs, inheritTime)) return gp;

  if (mp->spinning || 2 * sched.nmspinning.load() < nprocs - sched.npidle.load()) {
    if (!mp->spinning) {
      mp->spinning = true;
      sched.nmspinning.fetch_add(1);
    }
    if (G* gp = stealWork(mp, inheritTime)) return gp;
  }

  sched.lock.lock();
  if (sched.gcwaiting.load() || sched.runq.size != 0) {
    G* gp = sched.runq.size != 0 ? globrunqget(pp, &sched.runq, 0, nprocs) : nullptr;
    sched.lock.unlock();
    if (gp) {
      *inheritTime = false;
      return gp;
    }
    goto top;
  }
  releasep(mp);
  pidleput(pp);
  sched.lock.unlock();

  bool wasSpinning = mp->spinning;
  if (mp->spinning) {
    mp->spinning = false;
    sched.nmspinning.fetch_sub(1);
  }
  // Work may have arrived between our scan and giving up the P.
  for (int32_t i = 0; i < nprocs; i++) {
    if (runqempty(sched.allp[i])) continue;
    sched.lock.lock();
    P* again = pidleget();
    sched.lock.unlock();
    if (again) {
      acquirep(mp, again);
      if (wasSpinning) {
        mp->spinning = true;
        sched.nmspinning.fetch_add(1);
      }
      goto top;
    }
    break;
  }
  stopm(mp, earliestTimer());
  goto top;
}

// An M whose locked G cannot run gives its P away and sleeps until
// startlockedm hands it one with the G runnable. The waker, not the M, takes
// it off the count of idle locked Ms, so checkdead never counts a woken M
// as idle.
void stoplockedm(M* mp) {
  if (mp->p) handoffp(releasep(mp));
  sched.lock.lock();
  sched.nmidlelocked++;
  checkdead();
  sched.lock.unlock();
  mp->park.sleep();
  P* pp = mp->nextp;
  mp->nextp = nullptr;
  acquirep(mp, pp);
}

// mp found gp runnable, but gp is locked to another M: that M gets mp's P
// and runs gp; mp goes idle.
void startlockedm(M* mp, G* gp) {
  M* owner = gp->lockedm;
  owner->nextp = releasep(mp);
  sched.lock.lock();
  sched.nmidlelocked--;
  sched.lock.unlock();
  owner->park.wakeup();
  stopm(mp, 0);
}

// The M of a goroutine that exited locked: its thread ends, as in Go, since
// the goroutine may have changed the thread's state for good.
[[noreturn]] void mexit(M* mp) {
  handoffp(releasep(mp));
  sched.lock.lock();
  sched.mcount--;
  checkdead();
  sched.lock.unlock();
  unminitSignals();
  pthread_exit(nullptr);
}

void schedule(M* mp) {
  for (;;) {
    if (mp->exiting) mexit(mp);
    if (G* locked = mp->lockedg) {
      stoplockedm(mp);
      execute(mp, locked, false);
      continue;
    }
    bool inheritTime = false;
    G* gp = findRunnable(mp, &inheritTime);
    if (mp->spinning) resetspinning(mp);
    if (gp->lockedm && gp->lockedm != mp) {
      startlockedm(mp, gp);
      continue;
    }
    execute(mp, gp, inheritTime);
  }
}

// ---- what runs on g0 after a goroutine switched away ----

struct ParkArgs {
  bool (*unlockf)(G*, void*);
  void* arg;
};

void parkM(G* gp, void* a) {
  auto* pa = static_cast<ParkArgs*>(a);
  moveStatus(gp, GStatus::Running, GStatus::Waiting, "park: goroutine not running");
  if (pa->unlockf && !pa->unlockf(gp, pa->arg)) {
    gp->status.store(GStatus::Runnable);
    runqput(gp->m->p, gp, true, &sched.runq, &sched.lock);
  }
}

void goschedM(G* gp, void*) {
  moveStatus(gp, GStatus::Running, GStatus::Runnable, "gosched: goroutine not running");
  globrunqput(gp);
}

void goexitM(G* gp, void*) {
  if (M* mp = gp->lockedm) {
    mp->lockedg = nullptr;
    mp->exiting = true;
    gp->lockedm = nullptr;
    gp->lockedCount = 0;
  }
  moveStatus(gp, GStatus::Running, GStatus::Dead, "goexit: goroutine not running");
  gp->m = nullptr;
  gp->frame = nullptr;
  gp->entry = nullptr;
  gp->waitReason = WaitReason::Zero;
  stackRelease(gp);
  if (!gp->system) sched.ngoroutines.fetch_sub(1);
  gfput(gp);
}

void exitsyscallM(G* gp, void*) {
  M* mp = currentM();
  moveStatus(gp, GStatus::Syscall, GStatus::Runnable, "exitsyscall: goroutine not in a system call");
  sched.lock.lock();
  sched.runq.push(gp);
  sched.nsyscall.fetch_sub(1);
  sched.lock.unlock();
  // A locked M waits for gp itself (schedule's stoplockedm).
  if (!mp->lockedg) stopm(mp, 0);
}

void goexitCurrent() {
  mcall(getg(), goexitM, nullptr);
  __builtin_unreachable();
}

// ---- deadlock detection ----

void printGoroutineHeader(G* gp) {
  int64_t waited = gp->status.load() == GStatus::Waiting ? (parkClock() - gp->waitSince) / 60000000000LL : 0;
  const char* state = gp->status.load() == GStatus::Waiting ? waitReasonString(gp->waitReason) : "runnable";
  writeStderr(goroutineHeader(gp, state, waited));
}

void dumpGoroutine(G* gp, void* first) {
  if (gp->system) return;
  bool* isFirst = static_cast<bool*>(first);
  if (!*isFirst) fputc('\n', stderr);
  *isFirst = false;
  printGoroutineHeader(gp);
  printTraceback(gp);
}

// Called with sched.lock held whenever an M goes idle.
void checkdead() {
  if (!sched.mainRun) return;
  if (sched.nmidle + sched.nmidlelocked != sched.mcount || sched.nsyscall.load() != 0) return;
  int32_t n = sched.gomaxprocs.load();
  for (int32_t i = 0; i < n; i++) {
    if (sched.allp[i]->timers.when0.load() != 0) return;
    if (!runqempty(sched.allp[i])) return;
  }
  if (sched.runq.size != 0) return;
  MainRun* run = sched.mainRun;
  sched.mainRun = nullptr;
  sched.mainG = nullptr;
  int64_t waiting = 0;
  forEachG([](G* gp, void* n) { *static_cast<int64_t*>(n) += !gp->system; }, &waiting);
  fflush(stdout);
  // Go reports a deadlock as a fatal error of the program, not of the
  // runtime: GOTRACEBACK=none leaves out the goroutines, crash aborts.
  TracebackSettings ts = tracebackSettings();
  if (waiting == 0) {  // only possible when main called runtime.Goexit
    fprintf(stderr, "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
  } else {
    fprintf(stderr, "fatal error: all goroutines are asleep - deadlock!\n");
    if (ts.level > 0) {
      fputc('\n', stderr);
      bool first = true;
      forEachG(dumpGoroutine, &first);
    }
  }
  fflush(stderr);
  if (ts.crash) dieWithReport("");
  run->exitCode = 2;
  run->done.wakeup();
}

void runMain(GolG* g, void* ctx) {
  auto* run = static_cast<MainRun*>(ctx);
  if (run->init) run->init(g, nullptr);
  run->main(g, nullptr);
  if (leakcheckLevel() > 0 && leakReport(static_cast<G*>(g)) && leakcheckLevel() > 1) run->exitCode = 2;
  {
    MutexGuard l(sched.lock);
    if (sched.mainRun == run) {
      sched.mainRun = nullptr;
      sched.mainG = nullptr;
    }
  }
  run->done.wakeup();
}

// ---- P set resizing (world stopped, or before the first M) ----

// Makes allp[0..n) live. Work and timers of removed Ps move to the global
// queue and to allp[0].
void procresize(int32_t n) {
  int32_t old = sched.gomaxprocs.load();
  while (int32_t(sched.allp.size()) < n) {
    P* pp = new P;
    pp->id = int32_t(sched.allp.size());
    pp->status.store(PStatus::GCStop);
    sched.allp.push_back(pp);
  }
  for (int32_t i = old; i < n; i++) sched.allp[i]->status.store(PStatus::GCStop);
  for (int32_t i = n; i < old; i++) {
    P* pp = sched.allp[i];
    if (G* gp = pp->runnext.exchange(nullptr)) sched.runq.push(gp);
    while (G* gp = runqget(pp)) sched.runq.push(gp);
    moveTimers(pp, sched.allp[0]);
    pidleremove(pp);
    pp->status.store(PStatus::Dead);
  }
  sched.gomaxprocs.store(n);
}

constexpr int64_t kForcePreemptNs = 10000000;
constexpr int64_t kSysmonPeriodNs = 10000000;
constexpr int64_t kSysmonIdlePeriodNs = 100000000;
constexpr int64_t kSysmonMinSleepNs = 20000;

// Preempts goroutines that have held their P for kForcePreemptNs, or that
// keep the P's due timers from running (the scheduler runs them between
// goroutines, so a sleeper on a busy P would otherwise wait up to 10 ms
// more). Checks every 10 ms while anything runs, and when the earliest timer
// of a busy P is due; every 100 ms when all Ps are idle (idle Ms sleep until
// their timers themselves), until one goes back to work.
void* sysmon(void*) {
  int64_t sleepNs = kSysmonPeriodNs;
  for (;;) {
    sched.sysmonNote.sleepFor(sleepNs);
    sched.sysmonNote.clear();
    pollSignals();
    int64_t now = nanotime();
    int64_t next = now + kSysmonPeriodNs;
    MutexGuard l(sched.lock);
    int32_t n = sched.gomaxprocs.load();
    for (int32_t i = 0; i < n; i++) {
      P* pp = sched.allp[i];
      uint32_t tick = __atomic_load_n(&pp->schedtick, __ATOMIC_RELAXED);
      bool running = pp->status.load() == PStatus::Running;
      int64_t timer = pp->timers.when0.load(std::memory_order_relaxed);
      if (!running || tick != pp->sysmonTick) {
        pp->sysmonTick = tick;
        pp->sysmonWhen = now;
      }
      if (!running) continue;
      if (now - pp->sysmonWhen >= kForcePreemptNs || (timer != 0 && timer <= now)) preemptone(pp, nullptr);
      else if (timer != 0 && timer < next) next = timer;
    }
    sched.sysmonIdle = sched.npidle.load() == n;
    if (sched.sysmonIdle) next = now + kSysmonIdlePeriodNs;
    sched.sysmonUntil = next;
    sleepNs = std::max(next - now, kSysmonMinSleepNs);
  }
}

}  // namespace

void preemptRunning() {
  MutexGuard l(sched.lock);
  int32_t n = sched.gomaxprocs.load();
  for (int32_t i = 0; i < n; i++)
    if (sched.allp[i]->status.load() == PStatus::Running) preemptone(sched.allp[i], nullptr);
}

namespace {

void startSysmon() {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t tid;
  if (pthread_create(&tid, &attr, sysmon, nullptr) != 0) fatal("runtime: cannot start sysmon");
  pthread_attr_destroy(&attr);
}

void schedinit() {
  sched.ncpu = computeNumCPU();
  procresize(initialProcs(sched.ncpu));
  for (int32_t i = sched.gomaxprocs.load() - 1; i >= 0; i--) pidleput(sched.allp[i]);
  sched.initialised = true;
  // GOTRACEBACK is read now, as Go reads it at start-up: a later os.Setenv
  // does not change it.
  tracebackSettings();
  initPreemption();
  startSysmon();
}

}  // namespace

// ---- GQueue ----

void GQueue::push(G* gp) {
  gp->schedlink = nullptr;
  if (tail) tail->schedlink = gp;
  else head = gp;
  tail = gp;
  size++;
}

void GQueue::pushFront(G* gp) {
  gp->schedlink = head;
  head = gp;
  if (!tail) tail = gp;
  size++;
}

G* GQueue::pop() {
  G* gp = head;
  if (!gp) return nullptr;
  head = gp->schedlink;
  if (!head) tail = nullptr;
  gp->schedlink = nullptr;
  size--;
  return gp;
}

// ---- local run queues (Go's runqput/runqget/runqgrab/runqsteal) ----

namespace {

// Moves half of pp's ring plus gp to the global queue; false if a thief
// changed the ring meanwhile (then the caller retries the fast path).
bool runqputslow(P* pp, G* gp, uint32_t h, uint32_t t, GQueue* global, Mutex* globalLock) {
  G* batch[kRunqSize / 2 + 1];
  uint32_t n = (t - h) / 2;
  for (uint32_t i = 0; i < n; i++) batch[i] = pp->runq[(h + i) % kRunqSize].load(std::memory_order_relaxed);
  if (!pp->runqhead.compare_exchange_strong(h, h + n, std::memory_order_release)) return false;
  batch[n] = gp;
  MutexGuard l(*globalLock);
  for (uint32_t i = 0; i <= n; i++) global->push(batch[i]);
  return true;
}

// Copies up to half of pp's queue into batch; returns how many.
uint32_t runqgrab(P* pp, G** batch, bool stealRunNext) {
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_acquire);
    uint32_t n = t - h;
    n = n - n / 2;
    if (n == 0) {
      if (stealRunNext) {
        G* next = pp->runnext.load();
        if (next && pp->status.load() == PStatus::Running) {
          // The owner may be about to schedule it; give it a moment (Go
          // sleeps 3us here) so a ready-then-block pair stays on one P.
          usleep(3);
        }
        if (next && pp->runnext.compare_exchange_strong(next, nullptr)) {
          batch[0] = next;
          return 1;
        }
      }
      return 0;
    }
    if (n > kRunqSize / 2) continue;  // inconsistent h and t
    for (uint32_t i = 0; i < n; i++) batch[i] = pp->runq[(h + i) % kRunqSize].load(std::memory_order_relaxed);
    if (pp->runqhead.compare_exchange_strong(h, h + n, std::memory_order_acq_rel)) return n;
  }
}

}  // namespace

void runqput(P* pp, G* gp, bool next, GQueue* global, Mutex* globalLock) {
  if (next) {
    G* old = pp->runnext.exchange(gp);
    if (!old) return;
    gp = old;  // kick the old runnext to the tail
  }
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    if (t - h < kRunqSize) {
      pp->runq[t % kRunqSize].store(gp, std::memory_order_relaxed);
      pp->runqtail.store(t + 1, std::memory_order_release);
      return;
    }
    if (runqputslow(pp, gp, h, t, global, globalLock)) return;
  }
}

G* runqget(P* pp, bool* inheritTime) {
  if (G* next = pp->runnext.load()) {
    if (pp->runnext.compare_exchange_strong(next, nullptr)) {
      if (inheritTime) *inheritTime = true;
      return next;
    }
  }
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    if (t == h) return nullptr;
    G* gp = pp->runq[h % kRunqSize].load(std::memory_order_relaxed);
    if (pp->runqhead.compare_exchange_strong(h, h + 1, std::memory_order_release)) {
      if (inheritTime) *inheritTime = false;
      return gp;
    }
  }
}

bool runqempty(P* pp) {
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_acquire);
    G* next = pp->runnext.load();
    if (t == pp->runqtail.load(std::memory_order_acquire)) return h == t && !next;
  }
}

G* runqsteal(P* pp, P* victim, bool stealRunNext) {
  G* batch[kRunqSize / 2];
  uint32_t n = runqgrab(victim, batch, stealRunNext);
  if (n == 0) return nullptr;
  G* gp = batch[--n];
  if (n == 0) return gp;
  uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
  for (uint32_t i = 0; i < n; i++) pp->runq[(t + i) % kRunqSize].store(batch[i], std::memory_order_relaxed);
  pp->runqtail.store(t + n, std::memory_order_release);
  return gp;
}

G* globrunqget(P* pp, GQueue* global, int32_t max, int32_t nprocs) {
  if (global->size == 0) return nullptr;
  int32_t n = global->size / (nprocs > 0 ? nprocs : 1) + 1;
  if (n > global->size) n = global->size;
  if (max > 0 && n > max) n = max;
  if (n > int32_t(kRunqSize / 2)) n = kRunqSize / 2;
  G* gp = global->pop();
  for (int32_t i = 1; i < n; i++) {
    G* more = global->pop();
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    pp->runq[t % kRunqSize].store(more, std::memory_order_relaxed);
    pp->runqtail.store(t + 1, std::memory_order_release);
  }
  return gp;
}

G* runqPick(P* pp, GQueue* global, Mutex* globalLock, int32_t nprocs, bool* inheritTime) {
  if (pp->schedtick % kGlobalRunqPollTicks == 0 && global->size > 0) {
    MutexGuard l(*globalLock);
    if (G* gp = globrunqget(pp, global, 1, nprocs)) {
      *inheritTime = false;
      return gp;
    }
  }
  if (G* gp = runqget(pp, inheritTime)) return gp;
  if (global->size > 0) {
    MutexGuard l(*globalLock);
    if (G* gp = globrunqget(pp, global, 0, nprocs)) {
      *inheritTime = false;
      return gp;
    }
  }
  return nullptr;
}

// ---- public scheduler API ----

__attribute__((noinline)) G* getg() {
  G* gp = tlsG;
  // The asm makes the load opaque: a caller must reread the thread pointer
  // after every switch, because the goroutine may now run on another thread.
  asm volatile("" : "+r"(gp)::"memory");
  return gp;
}

void forEachG(void (*fn)(G*, void*), void* arg) {
  MutexGuard l(sched.allgLock);
  for (G* gp : sched.allgs)
    if (gp->status.load() != GStatus::Dead) fn(gp, arg);
}

void gopark(bool (*unlockf)(G*, void*), void* arg, WaitReason reason) {
  G* gp = getg();
  gp->waitReason = reason;
  gp->waitSince = parkClock();
  ParkArgs pa{unlockf, arg};
  mcall(gp, parkM, &pa);
  gp->waitReason = WaitReason::Zero;
}

void goready(G* gp) {
  M* mp = currentM();
  moveStatus(gp, GStatus::Waiting, GStatus::Runnable, "goready: goroutine not waiting");
  runqput(mp->p, gp, true, &sched.runq, &sched.lock);
  wakep();
}

void gosched() { mcall(getg(), goschedM, nullptr); }

void goexit0(G* gp) {
  mcall(gp, goexitM, nullptr);
  __builtin_unreachable();
}

P* currentP() { return currentM()->p; }

void forEachP(void (*fn)(P*, void*), void* arg) {
  int32_t n = sched.gomaxprocs.load();
  for (int32_t i = 0; i < n; i++) fn(sched.allp[i], arg);
}

bool syncCanSpin(int64_t iter) {
  constexpr int64_t kActiveSpin = 4;
  if (iter >= kActiveSpin || sched.ncpu <= 1 ||
      sched.gomaxprocs.load() <= sched.npidle.load() + sched.nmspinning.load() + 1)
    return false;
  return runqempty(currentP());
}

void entersyscall() {
  G* gp = getg();
  gp->schedFP = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  M* mp = gp->m;
  moveStatus(gp, GStatus::Running, GStatus::Syscall, "entersyscall: goroutine not running");
  sched.nsyscall.fetch_add(1);
  P* pp = releasep(mp);
  mp->nextp = pp;  // remembered: exitsyscall prefers it
  handoffp(pp);
}

void exitsyscall() {
  G* gp = getg();
  M* mp = gp->m;
  P* old = mp->nextp;
  mp->nextp = nullptr;
  P* pp = nullptr;
  sched.lock.lock();
  if (!sched.gcwaiting.load()) pp = pidleremove(old) ? old : pidleget();
  if (pp) sched.nsyscall.fetch_sub(1);
  sched.lock.unlock();
  if (pp) {
    acquirep(mp, pp);
    moveStatus(gp, GStatus::Syscall, GStatus::Running, "exitsyscall: goroutine not in a system call");
    return;
  }
  mcall(gp, exitsyscallM, nullptr);
}

int64_t numGoroutine() { return sched.ngoroutines.load(); }

int32_t numCPU() { return sched.ncpu; }

int32_t gomaxprocs(int32_t n) {
  int32_t old = sched.gomaxprocs.load();
  if (n < 1 || n == old) return old;
  stopTheWorld("GOMAXPROCS");
  sched.newprocs = n;
  startTheWorld();
  return old;
}

int64_t goid(G* gp) { return gp->goid; }

void lockOSThread(G* gp) {
  if (gp->lockedCount == UINT32_MAX) fatal("LockOSThread nesting overflow");
  gp->lockedCount++;
  gp->lockedm = gp->m;
  gp->m->lockedg = gp;
}

void unlockOSThread(G* gp) {
  if (gp->lockedCount == 0 || --gp->lockedCount != 0) return;
  gp->m->lockedg = nullptr;
  gp->lockedm = nullptr;
}

int64_t setMaxThreads(int64_t n) {
  sched.lock.lock();
  int64_t old = sched.maxmcount;
  sched.maxmcount = int32_t(std::clamp<int64_t>(n, INT32_MIN, INT32_MAX));
  sched.lock.unlock();
  checkmcount();
  return old;
}

uint32_t fastrand() {
  M* mp = currentM();
  uint32_t x = mp->fastrand;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  mp->fastrand = x;
  return x;
}

void wakeTimerSleeper(int64_t when) {
  sched.lock.lock();
  M* mp = sched.timerSleeper;
  bool wake = mp && when < sched.timerSleepUntil;
  if (wake) sched.timerSleeper = nullptr;
  // Without a timer sleeper, an idle P's M must wake to become one.
  bool noSleeper = !mp && sched.npidle.load() > 0;
  // A timer on a P that stays busy runs only once its goroutine is stopped:
  // sysmon must look at it when it is due, not at its next regular check.
  bool busy = sched.runq.size != 0 || !runqempty(currentP());
  bool kickSysmon = busy && when < sched.sysmonUntil;
  if (kickSysmon) sched.sysmonUntil = when;
  sched.lock.unlock();
  if (kickSysmon) sched.sysmonNote.wakeup();
  if (wake) mp->park.wakeup();
  else if (noSleeper) wakep();
}

void stopTheWorld(const char* reason) {
  G* gp = getg();
  // Another stopper owns the world: wait for it like any other goroutine
  // (parking is a safe point, so its stop can complete).
  while (!sched.worldLock.tryLock()) gosched();
  M* mp = gp->m;
  sched.lock.lock();
  sched.stopwait = sched.gomaxprocs.load();
  sched.gcwaiting.store(true);
  mp->p->status.store(PStatus::GCStop);
  sched.stopwait--;
  while (P* pp = pidleget()) {
    pp->status.store(PStatus::GCStop);
    sched.stopwait--;
  }
  bool wait = sched.stopwait > 0;
  sched.lock.unlock();
  while (wait) {
    int32_t n = sched.gomaxprocs.load();
    for (int32_t i = 0; i < n; i++) preemptone(sched.allp[i], gp);
    sched.stopnote.sleepFor(100000);
    sched.lock.lock();
    wait = sched.stopwait > 0;
    if (!wait) sched.stopnote.clear();
    sched.lock.unlock();
  }
}

void startTheWorld() {
  G* gp = getg();
  M* mp = gp->m;
  std::vector<P*> withWork;
  sched.lock.lock();
  if (sched.newprocs != 0) {
    int32_t n = sched.newprocs;
    sched.newprocs = 0;
    P* mine = mp->p;
    procresize(n);
    if (mine->id >= n) {
      mine->m = nullptr;
      acquirep(mp, sched.allp[0]);
    }
  }
  sched.gcwaiting.store(false);
  int32_t n = sched.gomaxprocs.load();
  for (int32_t i = 0; i < n; i++) {
    P* pp = sched.allp[i];
    if (pp == mp->p) {
      pp->status.store(PStatus::Running);
      continue;
    }
    if (!runqempty(pp)) withWork.push_back(pp);
    else pidleput(pp);
  }
  sched.lock.unlock();
  for (P* pp : withWork) startm(pp, false);
  wakep();
  sched.worldLock.unlock();
}

const char* waitReasonString(WaitReason r) {
  switch (r) {
    case WaitReason::Zero: return "";
    case WaitReason::ChanReceive: return "chan receive";
    case WaitReason::ChanSend: return "chan send";
    case WaitReason::ChanReceiveNilChan: return "chan receive (nil chan)";
    case WaitReason::ChanSendNilChan: return "chan send (nil chan)";
    case WaitReason::Select: return "select";
    case WaitReason::SelectNoCases: return "select (no cases)";
    case WaitReason::Sleep: return "sleep";
    case WaitReason::SyncMutexLock: return "sync.Mutex.Lock";
    case WaitReason::SyncRWMutexLock: return "sync.RWMutex.Lock";
    case WaitReason::SyncRWMutexRLock: return "sync.RWMutex.RLock";
    case WaitReason::SyncCondWait: return "sync.Cond.Wait";
    case WaitReason::SyncWaitGroupWait: return "sync.WaitGroup.Wait";
    case WaitReason::Semacquire: return "semacquire";
    case WaitReason::GCStopTheWorld: return "stopping the world";
    case WaitReason::Preempted: return "preempted";
    case WaitReason::IOWait: return "IO wait";
    case WaitReason::FinalizerWait: return "finalizer wait";
  }
  return "unknown";
}

}  // namespace gol::rt

using namespace gol::rt;

extern "C" void gol_go(GolG* g, void* closure) {
  if (!closure) fatal("go of nil func value");
  G* parent = static_cast<G*>(g);
  G* gp = newproc(closure, parent, reinterpret_cast<uintptr_t>(__builtin_return_address(0)));
  if (leakcheckLevel() > 0) leakRecordCreation(gp, parent);
  runqput(parent->m->p, gp, true, &sched.runq, &sched.lock);
  wakep();
}

G* gol::rt::goSystem(void* closure) {
  G* gp = newproc(closure, nullptr, 0);
  gp->system = true;
  sched.ngoroutines.fetch_sub(1);
  // newproc left it runnable (goready is for parked goroutines): queue it as
  // gol_go queues a new goroutine.
  runqput(currentM()->p, gp, true, &sched.runq, &sched.lock);
  wakep();
  return gp;
}

void gol::rt::startSystemGoroutine(void* closure) {
  G* gp = newproc(closure, nullptr, 0);
  gp->system = true;
  sched.ngoroutines.fetch_sub(1);
  globrunqput(gp);
  wakep();
}

void gol::rt::wakeSysmon() { sched.sysmonNote.wakeup(); }

extern "C" void gol_entersyscall(GolG*) { entersyscall(); }

extern "C" void gol_exitsyscall(GolG*) { exitsyscall(); }

extern "C" void gol_exit(GolG*, int32_t code) {
  fflush(stdout);
  fflush(stderr);
  _exit(code);
}

extern "C" int gol_runtime_main(GolEntry init, GolEntry main_fn) {
  sched.lock.lock();
  bool first = !sched.initialised;
  if (first) schedinit();
  sched.lock.unlock();

  MainRun run{runMain, init, main_fn, 0, {}};
  G* gp = newproc(&run, nullptr, 0);
  sched.lock.lock();
  sched.mainRun = &run;
  sched.mainG = gp;
  sched.runq.push(gp);
  sched.lock.unlock();
  startm(nullptr, false);
  run.done.sleep();
  return run.exitCode;
}
