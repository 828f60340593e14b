// preempt.cpp — preemption requests and the asynchronous (signal) path; see
// preempt.h for the invariants.
//
// Why any instruction of generated code is a safe point once its registers
// and innermost frames are scanned conservatively:
//  - Every pointer live across a call sits in a linked GolFrame's roots, so
//    outer frames (each stopped at a call) are covered precisely. What only
//    the interrupted function holds is in a register, a spill slot or red-zone
//    word of its own frame, or an outgoing/incoming argument slot of its
//    caller's frame: the conservative range [save area, caller frame end).
//  - A GolFrame is linked only after its header and zeroed roots are
//    written (the code generator puts a signal fence before the linking
//    store), so the collector never follows an uninitialised prev or fn. An
//    unlinked frame that is still running is innermost, hence covered.
//  - Generated code reaches the goroutine only through its g argument and
//    its own stack, never thread-local storage, so it may resume on another
//    thread. Stack growth and frame switching happen in runtime code
//    (gol_morestack, gol_call_on_stack), where the handler never acts.
//  - The heap does not move, so a pointer found conservatively is only ever
//    marked, never rewritten; a false positive merely retains an object.
#include "runtime/preempt.h"

#include <cpuid.h>
#include <signal.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "runtime/godebug.h"
#include "runtime/lock_futex.h"
#include "runtime/proc.h"
#include "runtime/signal.h"
#include "runtime/stack.h"

// Read by the save stub (preempt_amd64.S): bytes XSAVE writes for the
// enabled state components, a multiple of 64.
extern "C" {
uint32_t gol_xsave_size = 0;
void gol_async_preempt();
void gol_async_preempt_end();
}

namespace gol::rt {

namespace {

// The x86-64 System V red zone: a leaf may keep data below its sp.
constexpr uintptr_t kRedZone = 128;
// Room for runtime frames below the save area while the goroutine parks.
constexpr uintptr_t kParkFrames = 8192;
constexpr int kMaxCodeRanges = 1 << 14;

std::atomic<bool> asyncEnabled{false};
std::atomic<int64_t> nCooperative{0};
std::atomic<int64_t> nAsync{0};
std::atomic<int64_t> nSignals{0};

// Published append-only: a reader sees ranges [0, count) complete.
struct CodeRange {
  std::atomic<uintptr_t> start{0};
  std::atomic<uintptr_t> end{0};
};
CodeRange codeRanges[kMaxCodeRanges];
std::atomic<int32_t> codeRangeCount{0};
std::atomic<uintptr_t> codeLo{UINTPTR_MAX};
std::atomic<uintptr_t> codeHi{0};
Mutex codeLock;

// Size of the XSAVE area for the components the OS enabled; 0 without
// XSAVE support (then the signal path stays off). ThreadSanitizer defers
// asynchronous signals and hands the handler a copy of the context, which
// cannot be redirected: no signal path there either.
uint32_t xsaveAreaSize() {
#if defined(__SANITIZE_THREAD__)
  return 0;
#endif
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) return 0;
  if (!__get_cpuid_count(0xD, 0, &a, &b, &c, &d)) return 0;
  return (b + 63) & ~63u;
}

}  // namespace

void initPreemption() {
  gol_xsave_size = xsaveAreaSize();
  asyncEnabled.store(gol_xsave_size != 0 && godebugValue("asyncpreemptoff", 0) == 0);
  initSignals();
}

bool asyncPreemptEnabled() { return asyncEnabled.load(std::memory_order_relaxed); }

void setAsyncPreemptEnabled(bool on) { asyncEnabled.store(on && gol_xsave_size != 0); }

void preemptone(P* pp, G* self) {
  M* mp = __atomic_load_n(&pp->m, __ATOMIC_ACQUIRE);
  if (!mp) return;
  G* gp = __atomic_load_n(&mp->curg, __ATOMIC_ACQUIRE);
  if (!gp || gp == self) return;
  gp->preempt.store(true);
  __atomic_store_n(&gp->stackguard, GOL_STACK_PREEMPT, __ATOMIC_RELEASE);
  int32_t tid = mp->tid.load(std::memory_order_acquire);
  if (tid == 0 || !asyncPreemptEnabled()) return;
  // The handler checks which goroutine it interrupted: if gp has moved on,
  // the signal finds a goroutine without a request and does nothing.
  syscall(SYS_tgkill, getpid(), tid, kPreemptSignal);
  nSignals.fetch_add(1, std::memory_order_relaxed);
}

void preemptPark(G* gp) {
  gp->preempt.store(false);
  nCooperative.fetch_add(1, std::memory_order_relaxed);
  gosched();
}

bool inGeneratedCode(uintptr_t pc) {
  if (pc < codeLo.load(std::memory_order_acquire) || pc >= codeHi.load(std::memory_order_acquire)) return false;
  int32_t n = codeRangeCount.load(std::memory_order_acquire);
  for (int32_t i = 0; i < n; i++) {
    if (pc >= codeRanges[i].start.load(std::memory_order_relaxed) && pc < codeRanges[i].end.load(std::memory_order_relaxed))
      return true;
  }
  return false;
}

bool inAsyncPreemptStub(uintptr_t pc) {
  return pc > reinterpret_cast<uintptr_t>(gol_async_preempt) && pc <= reinterpret_cast<uintptr_t>(gol_async_preempt_end);
}

void asyncPreemptSignal(void* ucontext) {
  G* gp = getg();
  if (!gp || !gp->m || gp == gp->m->g0 || !gp->preempt.load(std::memory_order_relaxed)) return;
  auto* uc = static_cast<ucontext_t*>(ucontext);
  greg_t* regs = uc->uc_mcontext.gregs;
  auto pc = uintptr_t(regs[REG_RIP]);
  auto sp = uintptr_t(regs[REG_RSP]);
  if (!inGeneratedCode(pc)) return;
  const StackSeg* seg = gp->stack;
  uintptr_t need = kRedZone + 8 * 18 + gol_xsave_size + 64 + kParkFrames;
  if (!seg || sp > seg->hi || sp < seg->lo + need) return;
  // The stub returns with `ret $kRedZone`: it pops the resume PC and then
  // releases the red zone, leaving sp exactly as interrupted.
  sp -= kRedZone + 8;
  *reinterpret_cast<uintptr_t*>(sp) = pc;
  regs[REG_RSP] = greg_t(sp);
  regs[REG_RIP] = greg_t(reinterpret_cast<uintptr_t>(gol_async_preempt));
}

PreemptStats preemptStats() {
  return {nCooperative.load(), nAsync.load(), nSignals.load()};
}

}  // namespace gol::rt

using namespace gol::rt;

// Called by the save stub on the goroutine's stack with every register of
// the interrupted code saved in [saveLo, stubFP): parks the goroutine until
// it is scheduled again. stubFP is the stub's frame record: the interrupted
// rbp, then the resume PC, then the red zone, then the interrupted sp.
extern "C" void gol_async_preempt_park(uintptr_t saveLo, uintptr_t stubFP) {
  G* gp = getg();
  uintptr_t sp = stubFP + 16 + kRedZone;
  uintptr_t top = stackTop(gp->stack);
  // The conservative range ends with the interrupted function's caller's
  // frame (stack arguments live there); when the frame chain does not lead
  // there plausibly, with the whole segment.
  uintptr_t hi = top;
  uintptr_t fp = *reinterpret_cast<uintptr_t*>(stubFP);
  if (fp > sp && fp < top && fp % 8 == 0) {
    uintptr_t callerFP = *reinterpret_cast<uintptr_t*>(fp);
    if (callerFP > fp && callerFP + 16 <= top) hi = callerFP + 16;
  }
  gp->asyncLo = saveLo;
  gp->asyncHi = hi;
  // The poisoned stackguard stays: the next prologue restores it, as after
  // a stop at an allocation.
  gp->preempt.store(false);
  nAsync.fetch_add(1, std::memory_order_relaxed);
  gosched();
  gp->asyncLo = 0;
  gp->asyncHi = 0;
}

extern "C" void gol_register_code(uintptr_t start, uintptr_t end) {
  MutexGuard l(codeLock);
  int32_t n = codeRangeCount.load(std::memory_order_relaxed);
  for (int32_t i = 0; i < n; i++)
    if (codeRanges[i].start.load(std::memory_order_relaxed) == start) return;
  // Beyond the table, code is simply never stopped asynchronously.
  if (n == kMaxCodeRanges) return;
  codeRanges[n].start.store(start, std::memory_order_relaxed);
  codeRanges[n].end.store(end, std::memory_order_relaxed);
  codeRangeCount.store(n + 1, std::memory_order_release);
  if (start < codeLo.load(std::memory_order_relaxed)) codeLo.store(start, std::memory_order_release);
  if (end > codeHi.load(std::memory_order_relaxed)) codeHi.store(end, std::memory_order_release);
}
