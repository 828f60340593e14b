// panic.cpp — defer, panic, recover and Goexit (Go's panic.go), and the fatal
// paths that print and exit with status 2. See panic.h for the invariants and
// abi.h ("Deferred calls and recovery") for the protocol with generated code.
//
// A panic runs the deferred calls LIFO on top of the panicking C stack, so an
// unrecovered panic still has the whole shadow stack for its traceback. When
// a deferred call recovers, the panic's C frames are abandoned: the shadow
// stack is cut back to the deferring function's frame and control
// _longjmp()s into that function, which runs its remaining defers and returns.
#include "runtime/panic.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>

#include "runtime/mgc.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/signal.h"
#include "runtime/stack.h"
#include "runtime/traceback.h"
#include "runtime/typedesc.h"

namespace gol::rt {

namespace {

// Room left between a resumed frame and the code that frees the segments
// above it (finishCrossSegmentJump).
constexpr uintptr_t kJumpStackGap = 256;

// An address below the caller's whole frame: this never-inlined callee's.
__attribute__((noinline)) uintptr_t currentSP() {
  return reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
}

const GolFuncInfo kDeferCallInfo = {golStr("runtime.deferCall"), {nullptr, 0}, 0,
                                    GOL_FN_DEFERPROC, nullptr};

void callClosure(G* gp, void* closure) {
  auto fn = *static_cast<void (**)(GolG*, void*)>(closure);
  fn(gp, closure);
}

// Runs d's call on behalf of panic p on a GOL_FN_DEFERPROC frame.
void runDeferForPanic(G* gp, Defer* d, Panic* p) {
  d->started = true;
  d->panic = p;
  GolFrame callFrame = {gp->frame, &kDeferCallInfo};
  gp->frame = &callFrame;
  p->callFrame = &callFrame;
  callClosure(gp, d->closure);
  gp->frame = callFrame.prev;
  p->callFrame = nullptr;
  if (gp->defers != d) fatal("bad defer entry in panic");
  d->panic = nullptr;
  gp->defers = d->link;
}

// A defer already started by an earlier panic (or Goexit) is running below
// us and has now panicked: that panic is aborted and the defer is done.
void dropStartedDefer(G* gp, Defer* d) {
  if (d->panic) d->panic->aborted = true;
  gp->defers = d->link;
  delete d;
}

struct CrossSegmentJump {
  StackSeg* stack;
  void* buf;
};

// Runs on the owner's segment, below the owner's frame (only dead frames of
// its callees live there), so freeing the deeper segments cannot pull the
// stack from under this code.
[[noreturn]] void finishCrossSegmentJump(GolG* g, void* arg) {
  CrossSegmentJump jump = *static_cast<CrossSegmentJump*>(arg);
  unwindStackTo(static_cast<G*>(g), jump.stack);
  _longjmp(static_cast<__jmp_buf_tag*>(jump.buf), 1);
}

// Resumes the function owning frame, whose _setjmp filled buf, with the
// shadow stack cut back to it. sp is a free address below its frame on its
// segment, stack.
[[noreturn]] void jumpToFrame(G* gp, GolFrame* frame, StackSeg* stack, uintptr_t sp, void* buf) {
  gp->frame = frame;
  if (gp->stack != stack) {
    CrossSegmentJump jump{stack, buf};
    gol_call_on_stack(gp, reinterpret_cast<void (*)(GolG*, void*)>(&finishCrossSegmentJump), &jump,
                      (sp - kJumpStackGap) & ~uintptr_t(15));
  }
  _longjmp(static_cast<__jmp_buf_tag*>(buf), 1);
}

// Where a recovery resumes: the deferring function's frame and jump buffer.
struct ResumePoint {
  GolFrame* frame;
  StackSeg* stack;
  uintptr_t sp;
  void* buf;
};

// Panic p was recovered by the deferred call of the function at `to`.
[[noreturn]] void recovery(G* gp, Panic* p, ResumePoint to) {
  gp->panics = p->link;
  Panic* next = gp->panics;
  if (next && next->goexit && next->aborted) {
    // The recovered panic had interrupted a Goexit: Goexit goes on.
    next->aborted = false;
    jumpToFrame(gp, next->goexitFrame, next->goexitStack, next->goexitSP, next->goexitBuf);
  }
  while (gp->panics && gp->panics->aborted) gp->panics = gp->panics->link;
  jumpToFrame(gp, to.frame, to.stack, to.sp, to.buf);
}

void printPanicValue(G* gp, GolIface v, std::string& out);

void printPanicChain(G* gp, Panic* p, std::string& out) {
  if (p->link) {
    printPanicChain(gp, p->link, out);
    if (!p->link->goexit) out += '\t';
  }
  if (p->goexit) return;
  out += "panic: ";
  printPanicValue(gp, p->arg, out);
  if (p->recovered) out += " [recovered]";
  out += '\n';
}

// bool, int, string...: printed bare; a defined type T is printed as T(v).
bool isPredeclared(const GolType* t) { return view(t->string).find('.') == std::string_view::npos; }

// Go's printany/printanycustomtype after preprintpanics turned errors and
// Stringers into their text.
void printPanicValue(G* gp, GolIface v, std::string& out) {
  auto* t = static_cast<const GolType*>(v.tab);
  if (!t) {
    out += "nil";
    return;
  }
  std::string text;
  if (callErrorOrString(gp, v, &text)) {
    out += text;
    return;
  }
  bool plain = isPredeclared(t);
  std::string name(view(t->string));
  const void* d = v.data;
  auto wrap = [&](auto&& body) {
    if (!plain) out += name + "(";
    body();
    if (!plain) out += ")";
  };
  switch (t->kind) {
    case GOL_KIND_STRING: {
      auto* s = static_cast<const GolString*>(d);
      if (!plain) out += name + "(\"";
      out.append(reinterpret_cast<const char*>(s->ptr), size_t(s->len));
      if (!plain) out += "\")";
      return;
    }
    case GOL_KIND_BOOL: return wrap([&] { appendBool(out, *static_cast<const bool*>(d)); });
    case GOL_KIND_INT: case GOL_KIND_INT64:
      return wrap([&] { appendInt(out, *static_cast<const int64_t*>(d)); });
    case GOL_KIND_INT8: return wrap([&] { appendInt(out, *static_cast<const int8_t*>(d)); });
    case GOL_KIND_INT16: return wrap([&] { appendInt(out, *static_cast<const int16_t*>(d)); });
    case GOL_KIND_INT32: return wrap([&] { appendInt(out, *static_cast<const int32_t*>(d)); });
    case GOL_KIND_UINT: case GOL_KIND_UINT64: case GOL_KIND_UINTPTR:
      return wrap([&] { appendUint(out, *static_cast<const uint64_t*>(d)); });
    case GOL_KIND_UINT8: return wrap([&] { appendUint(out, *static_cast<const uint8_t*>(d)); });
    case GOL_KIND_UINT16: return wrap([&] { appendUint(out, *static_cast<const uint16_t*>(d)); });
    case GOL_KIND_UINT32: return wrap([&] { appendUint(out, *static_cast<const uint32_t*>(d)); });
    case GOL_KIND_FLOAT32: return wrap([&] { appendFloat(out, *static_cast<const float*>(d)); });
    case GOL_KIND_FLOAT64: return wrap([&] { appendFloat(out, *static_cast<const double*>(d)); });
    case GOL_KIND_COMPLEX64:
    case GOL_KIND_COMPLEX128: {
      bool wide = t->kind == GOL_KIND_COMPLEX128;
      double re = wide ? static_cast<const double*>(d)[0] : static_cast<const float*>(d)[0];
      double im = wide ? static_cast<const double*>(d)[1] : static_cast<const float*>(d)[1];
      if (!plain) out += name;
      out += '(';
      appendFloat(out, re);
      appendFloat(out, im);
      out += "i)";
      return;
    }
    default:
      out += "(" + name + ") ";
      appendHex(out, uint64_t(uintptr_t(d)));
  }
}

const Panic* firstSigpanic(const Panic* p) {
  for (; p; p = p->link)
    if (p->sigpanic) return p;
  return nullptr;
}

[[noreturn]] void exitProcess(int code) {
  fflush(nullptr);
  _exit(code);
}

// GOTRACEBACK and debug.SetTraceback, in Go's encoding: the level shifted
// left past two flags, so that or-ing in the environment's setting makes it
// a floor that SetTraceback cannot go below.
constexpr uint32_t kTraceAll = 1;
constexpr uint32_t kTraceCrash = 2;
constexpr int kTraceLevelShift = 2;
constexpr uint32_t kTraceUnset = ~uint32_t(0);

uint32_t parseTraceback(std::string_view s) {
  if (s == "none") return 0;
  if (s == "single" || s.empty()) return 1 << kTraceLevelShift;
  if (s == "all") return 1 << kTraceLevelShift | kTraceAll;
  if (s == "system") return 2 << kTraceLevelShift | kTraceAll;
  if (s == "crash") return 2 << kTraceLevelShift | kTraceAll | kTraceCrash;
  // Anything else means every goroutine, at the numeric level given if any.
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || n > 0xffffffffu) return kTraceAll;
    n = n * 10 + uint64_t(c - '0');
  }
  return n > 0xffffffffu ? kTraceAll : uint32_t(n << kTraceLevelShift) | kTraceAll;
}

uint32_t envTraceback() {
  static const uint32_t bits = [] {
    const char* env = getenv("GOTRACEBACK");
    return parseTraceback(env ? env : "");
  }();
  return bits;
}

std::atomic<uint32_t> tracebackSet{kTraceUnset};

uint32_t tracebackBits() {
  uint32_t t = tracebackSet.load();
  return t == kTraceUnset ? envTraceback() : t;
}

std::atomic<bool> dying{false};
thread_local bool thisThreadDying = false;

// Lets one thread print a fatal report: another thread that fails meanwhile
// waits for the process to end; a failure while reporting exits at once.
void startDying() {
  if (!dying.exchange(true)) {
    thisThreadDying = true;
    return;
  }
  if (thisThreadDying) exitProcess(2);
  for (;;) pause();
}

// Go's fatalpanic: the panic chain, the panicking goroutine's traceback, exit 2.
[[noreturn]] void fatalPanic(G* gp) {
  // Error and String methods are user code: they may panic in turn.
  static std::atomic<G*> printingFor{nullptr};
  if (printingFor.load() == gp) {
    // Go names what the method panicked with: a plain string's text, else
    // its type.
    std::string msg = "panic while printing panic value";
    auto* t = gp->panics ? static_cast<const GolType*>(gp->panics->arg.tab) : nullptr;
    if (t && t->kind == GOL_KIND_STRING && view(t->string) == "string") {
      auto* str = static_cast<const GolString*>(gp->panics->arg.data);
      msg += ": " + std::string(reinterpret_cast<const char*>(str->ptr), size_t(str->len));
    } else if (t) {
      msg += ": type " + std::string(view(t->string));
    }
    fatal(msg.c_str());
  }
  printingFor.store(gp);
  std::string out;
  printPanicChain(gp, gp->panics, out);
  if (const Panic* p = firstSigpanic(gp->panics)) out += signalLine(p->fault);
  TracebackSettings ts = tracebackSettings();
  if (ts.level > 0) {
    // Every goroutine must be where it waits before its stack is read.
    if (ts.all) stopTheWorld("fatal panic");
    out += '\n';
    out += goroutineHeader(gp, "running");
    formatTraceback(gp, out);
    if (ts.all) formatOtherGoroutines(gp, out, ts.level >= 2);
  }
  dieWithReport(out);
}

}  // namespace

void panicValue(G* gp, GolIface v, bool sigpanic, const Fault* fault) {
  Panic p = {};
  p.arg = v;
  p.sigpanic = sigpanic;
  p.fault = fault ? *fault : Fault{SIGSEGV, SEGV_MAPERR, 0, 0};
  p.link = gp->panics;
  gp->panics = &p;
  while (Defer* d = gp->defers) {
    if (d->started) {
      dropStartedDefer(gp, d);
      continue;
    }
    runDeferForPanic(gp, d, &p);
    ResumePoint to{d->frame, d->stack, d->sp, d->jmpbuf};
    delete d;
    if (p.recovered) recovery(gp, &p, to);
  }
  fatalPanic(gp);
}

void goexit(G* gp) {
  Panic p = {};
  p.goexit = true;
  p.link = gp->panics;
  uint64_t buf[GOL_JMPBUF_WORDS];
  p.goexitBuf = buf;
  p.goexitFrame = gp->frame;
  p.goexitStack = gp->stack;
  p.goexitSP = currentSP();
  gp->panics = &p;
  // A recovered panic that had aborted this Goexit resumes here.
  _setjmp(reinterpret_cast<__jmp_buf_tag*>(buf));
  while (Defer* d = gp->defers) {
    if (d->started) {
      dropStartedDefer(gp, d);
      continue;
    }
    runDeferForPanic(gp, d, &p);
    delete d;
  }
  gp->panics = p.link;
  goexit0(gp);
}

void markDeferAndPanicRoots(G* gp) {
  for (Defer* d = gp->defers; d; d = d->link) gcMarkPointer(d->closure);
  for (Panic* p = gp->panics; p; p = p->link) gcMarkPointer(p->arg.data);
}

namespace {

std::string fatalReport(G* gp, const char* msg, const std::string& after = {}) {
  std::string out = "fatal error: ";
  out += msg;
  out += '\n';
  out += after;
  if (hasTraceback(gp)) {
    out += '\n';
    out += goroutineHeader(gp, "running");
    formatTraceback(gp, out);
  }
  return out;
}

}  // namespace

TracebackSettings tracebackSettings() {
  uint32_t t = tracebackBits();
  return {int32_t(t >> kTraceLevelShift), (t & kTraceAll) != 0, (t & kTraceCrash) != 0};
}

void setTraceback(std::string_view level) { tracebackSet.store(parseTraceback(level) | envTraceback()); }

namespace {

// dieWithReport after startDying.
[[noreturn]] void writeReportAndDie(const std::string& report) {
  writeStderr(report);
  if (tracebackSettings().crash) {
    // GOTRACEBACK=crash: end by SIGABRT (a core dump where enabled), as Go.
    fflush(nullptr);
    signal(SIGABRT, SIG_DFL);
    sigset_t abrt;
    sigemptyset(&abrt);
    sigaddset(&abrt, SIGABRT);
    pthread_sigmask(SIG_UNBLOCK, &abrt, nullptr);
    raise(SIGABRT);
  }
  exitProcess(2);
}

}  // namespace

[[noreturn]] void dieWithReport(const std::string& report) {
  startDying();
  writeReportAndDie(report);
}

[[noreturn]] void fatal(const char* msg) {
  // Dying first: a failure while the report is formatted exits at once.
  startDying();
  writeReportAndDie(fatalReport(getg(), msg));
}

[[noreturn]] void fatalUser(const char* msg) {
  G* gp = getg();
  // Stopping first: a goroutine parked in startDying would never reach the
  // safe point the stop waits for.
  stopTheWorld("fatal error");
  // A failure library code finds is the program's: it prints as much as
  // GOTRACEBACK asks, but always every goroutine when anything.
  TracebackSettings ts = tracebackSettings();
  std::string out;
  if (ts.level > 0) {
    out = fatalReport(gp, msg);
    formatOtherGoroutines(gp, out, ts.level >= 2);
  } else {
    out = std::string("fatal error: ") + msg + "\n";
  }
  dieWithReport(out);
}

[[noreturn]] void fatalFault(G* gp, const Fault& f) {
  stopTheWorld("fatal error");
  std::string out = "unexpected fault address ";
  appendHex(out, f.addr);
  out += '\n';
  out += fatalReport(gp, "fault", signalLine(f));
  formatOtherGoroutines(gp, out);
  dieWithReport(out);
}

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

void gol_defer(GolG* g, GolFrame* frame, void* jmpbuf, void* closure) {
  G* gp = static_cast<G*>(g);
  gp->defers = new Defer{gp->defers, frame, jmpbuf, closure, gp->stack, nullptr, false, currentSP()};
}

void gol_rundefers(GolG* g, GolFrame* frame) {
  G* gp = static_cast<G*>(g);
  RootFrame<1> roots(g);
  while (Defer* d = gp->defers) {
    if (d->frame != frame) return;
    gp->defers = d->link;
    roots[0] = d->closure;
    delete d;
    callClosure(gp, roots[0]);
  }
}

GolIface gol_recover(GolG* g, GolFrame* frame) {
  G* gp = static_cast<G*>(g);
  Panic* p = gp->panics;
  if (!frame) return GolIface{nullptr, nullptr};
  // A deferred function entered on a new stack segment has its arguments'
  // pack frame between it and the defer-call frame.
  GolFrame* caller = frame->prev;
  while (caller && (caller->fn->flags & GOL_FN_MORESTACK)) caller = caller->prev;
  if (p && !p->goexit && !p->recovered && caller == p->callFrame) {
    p->recovered = true;
    return p->arg;
  }
  return GolIface{nullptr, nullptr};
}

void gol_panic(GolG* g, const void* tab, void* data) {
  panicValue(static_cast<G*>(g), GolIface{tab, data});
}

void gol_panic_index(GolG* g, int64_t i, int64_t len) {
  panicRuntimeError(static_cast<G*>(g), RuntimeErrorKind::BoundsError,
                    boundsErrorMessage(kBoundsIndex, i, len));
}

void gol_panic_slice(GolG* g, int32_t code, int64_t x, int64_t y) {
  panicRuntimeError(static_cast<G*>(g), RuntimeErrorKind::BoundsError, boundsErrorMessage(code, x, y));
}

void gol_panic_divide(GolG* g) {
  panicRuntimeError(static_cast<G*>(g), RuntimeErrorKind::ErrorString, "integer divide by zero");
}

void gol_panic_nil(GolG* g) {
  G* gp = static_cast<G*>(g);
  panicValue(gp, makeRuntimeError(gp, RuntimeErrorKind::ErrorString,
                                  "invalid memory address or nil pointer dereference"),
             true);
}

void gol_panic_shift(GolG* g) {
  panicRuntimeError(static_cast<G*>(g), RuntimeErrorKind::ErrorString, "negative shift amount");
}

void gol_panic_nilmap(GolG* g) {
  panicRuntimeError(static_cast<G*>(g), RuntimeErrorKind::PlainError, "assignment to entry in nil map");
}

void gol_panic_msg(GolG* g, const char* msg) {
  panicRuntimeError(static_cast<G*>(g), RuntimeErrorKind::ErrorString, msg);
}

void gol_panic_wrap(GolG* g, const char* msg) {
  panicRuntimeError(static_cast<G*>(g), RuntimeErrorKind::PlainError, msg);
}

}  // extern "C"
