// natives.cpp — syscall's natives: plain system calls that never block, so
// none of them hands off the P; error texts come from internal/sys.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "stdlib/internal/gostring.h"
#include "stdlib/internal/symbols.h"
#include "stdlib/internal/sys.h"
#include "stdlib/natives.h"

extern "C" {

int64_t gol_syscall_Getpid(GolG*, void*) { return getpid(); }
int64_t gol_syscall_Getppid(GolG*, void*) { return getppid(); }
int64_t gol_syscall_Gettid(GolG*, void*) { return gettid(); }

// The kernel judges both arguments (it truncates them to 32 bits, as Go's
// raw system call does): a missing process is ESRCH even for a bad signal.
int64_t gol_syscall_kill(GolG*, void*, int64_t pid, int64_t sig) {
  return ::kill(pid_t(pid), int(sig)) == 0 ? 0 : errno;
}

GolString gol_syscall_errnoString(GolG* g, void*, int64_t e) {
  return gol::std_::newString(g, gol::std_::errnoText(e > 1000 || e < 0 ? 1000 : int(e)));
}

// Go names signals 1..31 as glibc does, and every other number "signal N".
GolString gol_syscall_signalString(GolG* g, void*, int64_t sig) {
  std::string s = sig >= 1 && sig <= 31 ? gol::std_::lowerFirst(sigdescr_np(int(sig))) : "signal " + std::to_string(sig);
  return gol::std_::newString(g, s);
}

}  // extern "C"

namespace gol::std_ {

Symbols syscallSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("syscall.Getpid", gol_syscall_Getpid),
      GOL_NATIVE("syscall.Getppid", gol_syscall_Getppid),
      GOL_NATIVE("syscall.Gettid", gol_syscall_Gettid),
      GOL_NATIVE("syscall.kill", gol_syscall_kill),
      GOL_NATIVE("syscall.errnoString", gol_syscall_errnoString),
      GOL_NATIVE("syscall.signalString", gol_syscall_signalString),
  };
  return table;
}

}  // namespace gol::std_
