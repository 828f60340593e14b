// signal.cpp — signal handlers and per-M alternate signal stacks (see
// signal.h). The decisions a handler makes belong to the part of the
// runtime it serves: preemption to preempt.cpp, faults to gol_sigpanic.
#include "runtime/signal.h"

#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>

#include "runtime/panic.h"
#include "runtime/preempt.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/stack.h"

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

void onPreemptSignal(int, siginfo_t*, void* ucontext) {
  int saved = errno;
  asyncPreemptSignal(ucontext);
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

}  // namespace

void initSignals() {
  static std::once_flag once;
  std::call_once(once, [] {
    install(kPreemptSignal, onPreemptSignal);
    install(SIGSEGV, onFault);
    install(SIGBUS, onFault);
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
