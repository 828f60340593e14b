// signal.cpp — signal handlers and per-M alternate signal stacks (see
// signal.h). The decisions a handler makes belong to the part of the
// runtime it serves: preemption to preempt.cpp, faults to gol_sigpanic.
#include "runtime/signal.h"

#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "runtime/panic.h"
#include "runtime/preempt.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/traceback.h"

extern "C" [[noreturn]] void gol_sigpanic();

namespace gol::rt {

namespace {

// Big enough for the kernel's signal frame with AVX-512 state plus the
// handlers' own frames.
constexpr size_t kAltStackBytes = 64 * 1024;
// Go treats faults below this address as nil dereferences.
constexpr uintptr_t kNilPageLimit = 0x1000;
// Stack that gol_sigpanic and a panic's deferred calls may need below the
// faulting frame before any prologue check runs.
constexpr uintptr_t kSigpanicRoom = 8192;

// ---- signals for package os/signal ----
//
// The handler only records: a wanted signal sets its bit in sigPending and
// wakes the goroutine blocked in signal_recv (os/signal's loop), which hands
// it to the channels. A bit is one pending delivery however often the
// signal came, as with Go's queue.

std::atomic<uint64_t> sigWanted{0};   // os/signal delivers these
std::atomic<uint64_t> sigIgnored{0};  // set to SIG_IGN by signal.Ignore
std::atomic<uint64_t> sigPending{0};
Note sigNote;
Mutex sigLock;  // orders the sigaction calls of enable, disable and ignore

constexpr int kMaxSignal = 64;

uint64_t sigBit(int sig) { return uint64_t(1) << (sig - 1); }

// Signals a Go program takes over at start-up and then drops unless a
// channel wants them (their default action would end the process): among
// them the real-time signals above the three glibc and Go keep for
// themselves.
bool dropsUnlessNotified(int sig) {
  if (sig >= 35) return true;
  switch (sig) {
    case SIGUSR1: case SIGUSR2: case SIGALRM: case SIGXCPU:
    case SIGXFSZ: case SIGVTALRM: case SIGPROF: case SIGIO: case SIGPWR:
      return true;
  }
  return false;
}

// The runtime's own signals keep their handlers whatever os/signal asks.
// Neither are glibc's two internal real-time signals, SIGKILL and SIGSTOP,
// nor the signals a faulting instruction raises: a handler that only
// queued those would return to the same instruction forever.
bool dispositionFixed(int sig) {
  switch (sig) {
    case SIGURG: case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE:
    case SIGTRAP: case SIGSYS: case SIGKILL: case SIGSTOP: case 32: case 33:
      return true;
  }
  return false;
}

// What SIGQUIT interrupted, for the report: written once, by the handler
// that wins requested, and read once seen is set.
struct QuitState {
  std::atomic<bool> requested{false};
  std::atomic<bool> seen{false};
  int32_t code = 0;
  int64_t m = 0;
  gregset_t regs = {};
} quitState;

void queueSignal(int sig) {
  sigPending.fetch_or(sigBit(sig));
  sigNote.wakeup();
}

void onPreemptSignal(int sig, siginfo_t*, void* ucontext) {
  int saved = errno;
  asyncPreemptSignal(ucontext);
  if (sigWanted.load(std::memory_order_relaxed) & sigBit(sig)) queueSignal(sig);
  errno = saved;
}

void onSignal(int sig, siginfo_t* info, void* ucontext) {
  int saved = errno;
  if (sigWanted.load() & sigBit(sig)) {
    queueSignal(sig);
  } else if (sig == SIGQUIT) {
    if (!quitState.requested.exchange(true)) {
      G* gp = getg();
      quitState.code = info->si_code;
      quitState.m = gp && gp->m ? gp->m->id : 0;
      memcpy(quitState.regs, static_cast<ucontext_t*>(ucontext)->uc_mcontext.gregs, sizeof(gregset_t));
      quitState.seen.store(true, std::memory_order_release);
      wakeSysmon();
    }
  } else if (!dropsUnlessNotified(sig)) {
    // signal.Stop raced with this delivery: the default action is due. The
    // signal stays blocked until the handler returns.
    struct sigaction sa = {};
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, nullptr);
    raise(sig);
  }
  errno = saved;
}

const char* signalName(int sig) { return sig == SIGBUS ? "SIGBUS" : "SIGSEGV"; }
const char* signalText(int sig) { return sig == SIGBUS ? "bus error" : "segmentation violation"; }

// Writes s with write(2) alone: no allocation, no locks.
void rawWrite(const char* s) {
  size_t n = 0;
  while (s[n]) n++;
  while (n > 0) {
    ssize_t w = write(2, s, n);
    if (w <= 0) return;
    s += w;
    n -= size_t(w);
  }
}

void rawHex(uintptr_t v) {
  char buf[19] = "0x";
  int digits = 1;
  while (digits < 16 && (v >> (4 * digits)) != 0) digits++;
  for (int i = 0; i < digits; i++) buf[2 + i] = "0123456789abcdef"[(v >> (4 * (digits - 1 - i))) & 15];
  buf[2 + digits] = 0;
  rawWrite(buf);
}

// A fault outside generated code is a bug in the runtime or a native: no
// goroutine state can be trusted, so report from the handler and leave.
[[noreturn]] void runtimeFault(int sig, const siginfo_t* info, uintptr_t pc) {
  rawWrite("fatal error: unexpected signal during runtime execution\n[signal ");
  rawWrite(signalName(sig));
  rawWrite(": ");
  rawWrite(signalText(sig));
  rawWrite(" code=");
  rawHex(uintptr_t(info->si_code));
  rawWrite(" addr=");
  rawHex(reinterpret_cast<uintptr_t>(info->si_addr));
  rawWrite(" pc=");
  rawHex(pc);
  rawWrite("]\n");
  _exit(2);
}

void onFault(int sig, siginfo_t* info, void* ucontext) {
  auto* uc = static_cast<ucontext_t*>(ucontext);
  greg_t* regs = uc->uc_mcontext.gregs;
  auto pc = uintptr_t(regs[REG_RIP]);
  auto sp = uintptr_t(regs[REG_RSP]);
  G* gp = getg();
  bool onGoroutine = gp && gp->m && gp != gp->m->g0 && gp->stack;
  if (!onGoroutine || !inGeneratedCode(pc) || sp > gp->stack->hi || sp < gp->stack->lo + kSigpanicRoom)
    runtimeFault(sig, info, pc);
  gp->fault = Fault{sig, info->si_code, reinterpret_cast<uintptr_t>(info->si_addr), pc};
  // Make the faulting instruction call gol_sigpanic: the fake return
  // address is pc + 1 because tracebacks look up the byte before a return
  // address, and that byte must belong to the faulting instruction. The red
  // zone is skipped and the call is aligned as the ABI wants it.
  sp = ((sp - 128) & ~uintptr_t(15)) - 8;
  *reinterpret_cast<uintptr_t*>(sp) = pc + 1;
  regs[REG_RSP] = greg_t(sp);
  regs[REG_RIP] = greg_t(reinterpret_cast<uintptr_t>(gol_sigpanic));
}

void install(int sig, void (*handler)(int, siginfo_t*, void*)) {
  struct sigaction sa = {};
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
  sigfillset(&sa.sa_mask);
  sigaction(sig, &sa, nullptr);
}

void setDisposition(int sig, void (*disposition)(int)) {
  struct sigaction sa = {};
  sa.sa_handler = disposition;
  sigaction(sig, &sa, nullptr);
}

// The disposition a signal nobody is notified of has in a Go program.
void restoreDefault(int sig) {
  if (sig == SIGQUIT || dropsUnlessNotified(sig)) install(sig, onSignal);
  else setDisposition(sig, SIG_DFL);
}

bool validSignal(int64_t sig) { return sig >= 1 && sig <= kMaxSignal; }

}  // namespace

void initSignals() {
  static std::once_flag once;
  std::call_once(once, [] {
    install(kPreemptSignal, onPreemptSignal);
    install(SIGSEGV, onFault);
    install(SIGBUS, onFault);
    install(SIGQUIT, onSignal);
    for (int sig = 1; sig <= kMaxSignal; sig++)
      if (dropsUnlessNotified(sig)) install(sig, onSignal);
    // As in Go, SIGHUP and SIGINT ignored by the parent (nohup) count as
    // ignored by signal.Ignore.
    for (int sig : {SIGHUP, SIGINT}) {
      struct sigaction old = {};
      if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) sigIgnored.fetch_or(sigBit(sig));
    }
  });
}

void minitSignals() {
  void* mem = mmap(nullptr, kAltStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) fatal("runtime: cannot allocate signal stack");
  stack_t st = {};
  st.ss_sp = mem;
  st.ss_size = kAltStackBytes;
  sigaltstack(&st, nullptr);
}

namespace {

void appendRegister(std::string& out, const char* name, uint64_t v) {
  out += name;
  for (size_t n = strlen(name); n < 7; n++) out += ' ';
  appendHex(out, v);
  out += '\n';
}

// Go's SIGQUIT report: what the signal interrupted, every goroutine (the
// world stopped, so each shows where it waits), the interrupted thread's
// registers; then the process ends as after any fatal error.
void reportQuit(GolG*, void*) {
  stopTheWorld("SIGQUIT");
  const greg_t* r = quitState.regs;
  std::string out = "SIGQUIT: quit\nPC=";
  appendHex(out, uint64_t(r[REG_RIP]));
  out += " m=";
  appendInt(out, quitState.m);
  out += " sigcode=";
  appendInt(out, quitState.code);
  out += '\n';
  formatOtherGoroutines(getg(), out, true);
  out += '\n';
  static constexpr struct {
    const char* name;
    int reg;
  } kRegs[] = {{"rax", REG_RAX}, {"rbx", REG_RBX}, {"rcx", REG_RCX}, {"rdx", REG_RDX}, {"rdi", REG_RDI},
               {"rsi", REG_RSI}, {"rbp", REG_RBP}, {"rsp", REG_RSP}, {"r8", REG_R8},   {"r9", REG_R9},
               {"r10", REG_R10}, {"r11", REG_R11}, {"r12", REG_R12}, {"r13", REG_R13}, {"r14", REG_R14},
               {"r15", REG_R15}, {"rip", REG_RIP}, {"rflags", REG_EFL}};
  for (const auto& reg : kRegs) appendRegister(out, reg.name, uint64_t(r[reg.reg]));
  auto segs = uint64_t(r[REG_CSGSFS]);
  appendRegister(out, "cs", segs & 0xffff);
  appendRegister(out, "fs", (segs >> 32) & 0xffff);
  appendRegister(out, "gs", (segs >> 16) & 0xffff);
  dieWithReport(out);
}

struct EntryClosure {
  void (*fn)(GolG*, void*);
};
const EntryClosure kQuitEntry{reportQuit};

}  // namespace

void pollSignals() {
  if (!quitState.seen.load(std::memory_order_acquire)) return;
  static std::atomic<bool> started{false};
  if (!started.exchange(true)) startSystemGoroutine(const_cast<EntryClosure*>(&kQuitEntry));
}

void unminitSignals() {
  stack_t st = {};
  if (sigaltstack(nullptr, &st) != 0 || (st.ss_flags & SS_DISABLE)) return;
  stack_t off = {};
  off.ss_flags = SS_DISABLE;
  if (sigaltstack(&off, nullptr) == 0) munmap(st.ss_sp, st.ss_size);
}

std::string signalLine(const Fault& f) {
  std::string out = "[signal ";
  out += signalName(f.signo);
  out += ": ";
  out += signalText(f.signo);
  out += " code=";
  appendHex(out, uint64_t(uint32_t(f.code)));
  out += " addr=";
  appendHex(out, f.addr);
  out += " pc=";
  appendHex(out, f.pc);
  out += "]\n";
  return out;
}

}  // namespace gol::rt

using namespace gol::rt;

// Entered from a faulting instruction of generated code (onFault), on the
// goroutine's stack, as if that instruction had called it.
extern "C" void gol_sigpanic() {
  G* gp = getg();
  Fault f = gp->fault;
  bool unmapped = f.signo == SIGBUS ? f.code == BUS_ADRERR : f.code == SEGV_MAPERR;
  if (unmapped && f.addr < kNilPageLimit) {
    panicValue(gp,
               makeRuntimeError(gp, RuntimeErrorKind::ErrorString, "invalid memory address or nil pointer dereference"),
               true, &f);
  }
  if (gp->panicOnFault) panicValue(gp, makeFaultError(gp, f.addr), true, &f);
  fatalFault(gp, f);
}

// ---- natives of package os/signal ----

extern "C" {

void gol_signal_enable(GolG*, void*, int64_t sig) {
  if (!validSignal(sig)) return;
  MutexGuard l(sigLock);
  sigIgnored.fetch_and(~sigBit(int(sig)));
  sigWanted.fetch_or(sigBit(int(sig)));
  if (!dispositionFixed(int(sig))) install(int(sig), onSignal);
}

void gol_signal_disable(GolG*, void*, int64_t sig) {
  if (!validSignal(sig)) return;
  MutexGuard l(sigLock);
  sigWanted.fetch_and(~sigBit(int(sig)));
  if (!dispositionFixed(int(sig))) restoreDefault(int(sig));
}

void gol_signal_ignore(GolG*, void*, int64_t sig) {
  if (!validSignal(sig)) return;
  MutexGuard l(sigLock);
  sigWanted.fetch_and(~sigBit(int(sig)));
  if (dispositionFixed(int(sig))) return;
  sigIgnored.fetch_or(sigBit(int(sig)));
  setDisposition(int(sig), SIG_IGN);
}

bool gol_signal_ignored(GolG*, void*, int64_t sig) {
  return validSignal(sig) && (sigIgnored.load() & sigBit(int(sig))) != 0;
}

// Blocks, as a system call (the P goes to other goroutines), until a wanted
// signal is pending, and takes it. Only os/signal's loop goroutine calls it.
int64_t gol_signal_recv(GolG*, void*) {
  for (;;) {
    sigNote.clear();
    for (uint64_t p = sigPending.load(); p != 0; p = sigPending.load()) {
      uint64_t bit = p & -p;
      if (sigPending.fetch_and(~bit) & bit) return __builtin_ctzll(bit) + 1;
    }
    entersyscall();
    sigNote.sleep();
    exitsyscall();
  }
}

}  // extern "C"
