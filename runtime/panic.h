// panic.h — defer records, panics in flight, recovery, Goexit and the
// runtime's error values (Go's panic.go and error.go).
//
// Invariants
//  - g->defers is a LIFO chain of Defer records, newest first; each names the
//    GolFrame of the function that deferred it and that function's jump
//    buffer (filled by _setjmp on entry, see abi.h).
//  - g->panics is the chain of panics in flight, newest first. A Panic record
//    lives in the C frame of the gol_panic (or Goexit) call that created it,
//    so it is valid exactly as long as it is on the chain: recovery removes
//    it before jumping below that frame.
//  - A deferred call run by a panic sits on a frame flagged GOL_FN_DEFERPROC
//    (Panic::callFrame); recover() succeeds only for the function whose
//    frame->prev is that record (skipping GOL_FN_MORESTACK argument packs,
//    which a call that crosses a stack segment puts between them) and only
//    while the panic is not recovered.
//  - Runtime errors are values whose dynamic type has Error() and
//    RuntimeError() methods implemented here with the gol ABI, so recover()
//    returns a real error value.
//
// gol_panic_slice codes (as Go's boundsErrorCode); x and y are as in Go:
//   0 s[x]         index out of range [x] with length y
//   1 s[?:x]       slice bounds out of range [:x] with length y
//   2 s[?:x]       slice bounds out of range [:x] with capacity y
//   3 s[x:y]       slice bounds out of range [x:y]
//   4 s[?:?:x]     slice bounds out of range [::x] with length y
//   5 s[?:?:x]     slice bounds out of range [::x] with capacity y
//   6 s[?:x:y]     slice bounds out of range [:x:y]
//   7 s[x:y:?]     slice bounds out of range [x:y:]
//   8 (*[x]T)(s)   cannot convert slice with length y to pointer to array with length x
// A negative x selects Go's short form ("index out of range [-1]").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gol/abi.h"
#include "runtime/runtime2.h"

namespace gol::rt {

enum BoundsCode : int32_t {
  kBoundsIndex = 0,
  kBoundsSliceAlen,
  kBoundsSliceAcap,
  kBoundsSliceB,
  kBoundsSlice3Alen,
  kBoundsSlice3Acap,
  kBoundsSlice3B,
  kBoundsSlice3C,
  kBoundsConvert,
  kBoundsCodeCount,
};

struct Defer {
  Defer* link;
  GolFrame* frame;        // owner function's frame
  void* jmpbuf;           // owner function's _setjmp buffer
  void* closure;          // func() performing the deferred call
  StackSeg* stack;        // owner's stack segment, restored by a recovery
  struct Panic* panic;    // panic (or Goexit) running this call, if any
  bool started;
  uintptr_t sp;           // a stack address just below the owner's frame
};

struct Panic {
  Panic* link;
  GolIface arg;
  GolFrame* callFrame;    // the GOL_FN_DEFERPROC frame of the call in progress
  void* goexitBuf;        // Goexit only: where an aborting recovery resumes
  GolFrame* goexitFrame;  // Goexit only: the shadow stack top at the call,
  StackSeg* goexitStack;  //   its stack segment
  uintptr_t goexitSP;     //   and a free address below its frame
  bool recovered;
  bool aborted;
  bool goexit;
  bool sigpanic;          // nil dereference: Go prints a [signal ...] line
  Fault fault;            //   with these values
};

// Collector hook: marks the closures of g's defers and its panic values.
void markDeferAndPanicRoots(G* gp);

// Panics with v (an interface value: tab is a GolType* for any, as for
// gol_panic's eface argument). sigpanic marks a nil dereference or memory
// fault; fault describes it (by default, an explicit check's nil
// dereference: SIGSEGV at address 0).
[[noreturn]] void panicValue(G* gp, GolIface v, bool sigpanic = false, const Fault* fault = nullptr);
// The runtime.Error of a memory fault recovered with debug.SetPanicOnFault
// (Go's runtime.errorAddressString: its Addr method reports the address).
GolIface makeFaultError(G* gp, uintptr_t addr);
// Go's fatal error for a memory fault: "unexpected fault address", then
// "fatal error: fault", the [signal ...] line and every goroutine.
[[noreturn]] void fatalFault(G* gp, const Fault& f);
// GOTRACEBACK (or debug.SetTraceback, which cannot go below it): how many
// frames a fatal report shows (0 none, 1 the program's, 2 also the
// runtime's goroutines), whether of every goroutine, and whether the process
// then ends by SIGABRT.
struct TracebackSettings {
  int32_t level;
  bool all;
  bool crash;
};
TracebackSettings tracebackSettings();
void setTraceback(std::string_view level);
// Writes a fatal report and ends the process: exit status 2, or SIGABRT
// under GOTRACEBACK=crash. One thread reports; others wait for the end.
[[noreturn]] void dieWithReport(const std::string& report);
// The dynamic types of runtime errors, named as Go's.
enum class RuntimeErrorKind {
  ErrorString,     // runtime.errorString: "runtime error: " + text
  PlainError,      // runtime.plainError: text as is
  BoundsError,     // runtime.boundsError: "runtime error: " + text
  TypeAssertion,   // *runtime.TypeAssertionError: text as is
  AddressError,    // runtime.errorAddressString: "runtime error: " + text, address 0
};
// A runtime error value (for recover() and error printing).
GolIface makeRuntimeError(G* gp, RuntimeErrorKind kind, const std::string& text);
[[noreturn]] void panicRuntimeError(G* gp, RuntimeErrorKind kind, const std::string& text);
// The text of an error or Stringer value's Error()/String(), as the fatal
// panic path prints it; false when v has neither method.
bool callErrorOrString(G* gp, GolIface v, std::string* out);
// runtime.Goexit: runs every deferred call, then the scheduler's goexit.
[[noreturn]] void goexit(G* gp);

// Message of a bounds failure, without the "runtime error: " prefix.
std::string boundsErrorMessage(int32_t code, int64_t x, int64_t y);
// Message of a failed type assertion or conversion (Go's TypeAssertionError).
std::string typeAssertionMessage(const GolType* have, const GolType* want, const GolType* iface,
                                 const char* missingMethod);

}  // namespace gol::rt
