// signal.cpp — signal handlers and per-M alternate signal stacks (see
// signal.h). The decisions a handler makes belong to the part of the
// runtime it serves: preemption to preempt.cpp.
#include "runtime/signal.h"

#include <sys/mman.h>

#include <cerrno>
#include <mutex>

#include "runtime/preempt.h"
#include "runtime/runtime2.h"

namespace gol::rt {

namespace {

// Big enough for the kernel's signal frame with AVX-512 state plus the
// handlers' own frames.
constexpr size_t kAltStackBytes = 64 * 1024;

void onPreemptSignal(int, siginfo_t*, void* ucontext) {
  int saved = errno;
  asyncPreemptSignal(ucontext);
  errno = saved;
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
  std::call_once(once, [] { install(kPreemptSignal, onPreemptSignal); });
}

void minitSignals() {
  void* mem = mmap(nullptr, kAltStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) fatal("runtime: cannot allocate signal stack");
  stack_t st = {};
  st.ss_sp = mem;
  st.ss_size = kAltStackBytes;
  sigaltstack(&st, nullptr);
}

}  // namespace gol::rt
