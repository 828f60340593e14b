// sched_testutil.h — helpers for the scheduler/channel/stack tests: running
// a C++ lambda as the gol main goroutine or as a new goroutine, recovering
// the panics of runtime calls as compiled code does, and the type
// descriptors channels need.
#pragma once

#include <setjmp.h>

#include <cstring>
#include <functional>

#include "gol/abi.h"
#include "runtime/mgc.h"
#include "runtime/runtime2.h"

namespace gol::rt::test {

// ThreadSanitizer builds run shortened variants of the heavy tests.
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kUnderTsan = true;
#else
inline constexpr bool kUnderTsan = false;
#endif

// A closure in gol's layout: the first word is the function pointer.
struct FnClosure {
  void (*fn)(GolG*, void*);
  std::function<void(G*)> body;
};

inline void runFnClosure(GolG* g, void* ctx) {
  auto* c = static_cast<FnClosure*>(ctx);
  std::function<void(G*)> body = std::move(c->body);
  delete c;
  body(static_cast<G*>(g));
}

inline void go(G* g, std::function<void(G*)> body) {
  gol_go(g, new FnClosure{runFnClosure, std::move(body)});
}

inline std::function<void(G*)>& mainBody() {
  static std::function<void(G*)> body;
  return body;
}

// Runs body as the program's main goroutine; returns gol_runtime_main's
// exit code. The tests' channels are not rooted in shadow frames, so the
// collector is switched off.
inline int runMain(std::function<void(G*)> body, GolEntry init = nullptr) {
  int32_t oldPercent = gcSetPercent(-1);
  mainBody() = std::move(body);
  int rc = gol_runtime_main(init, [](GolG* g, void*) { mainBody()(static_cast<G*>(g)); });
  gcSetPercent(oldPercent);
  return rc;
}

// ---- recovering panics from C++, as compiled code does ----

inline GolString testLit(const char* s) { return {reinterpret_cast<const uint8_t*>(s), int64_t(strlen(s))}; }
inline const GolFuncInfo kRecovering = {testLit("test.recovering"), testLit("sched_testutil.h"), 0, 0, nullptr};
inline const GolFuncInfo kRecoverer = {testLit("test.recovering.func1"), testLit("sched_testutil.h"), 0, 0, nullptr};

// The deferred func() closure of `defer func() { recover() }()`.
inline void recoverEntry(GolG* g, void*) {
  GolFrame fr{g->frame, &kRecoverer};
  g->frame = &fr;
  gol_recover(g, &fr);
  g->frame = fr.prev;
}
struct RecoverClosure {
  void (*code)(GolG*, void*);
};
inline RecoverClosure recoverClosure{recoverEntry};

// Runs (*op)(g), which may panic; returns false when it did (the panic is
// recovered). Nothing with a destructor may live in this frame: a recovery
// longjmps back into it.
template <typename Op>
__attribute__((noinline)) bool recovering(G* g, Op* op) {
  GolFrame fr{g->frame, &kRecovering};
  g->frame = &fr;
  uint64_t buf[GOL_JMPBUF_WORDS];
  if (_setjmp(reinterpret_cast<__jmp_buf_tag*>(buf))) {
    gol_rundefers(g, &fr);
    g->frame = fr.prev;
    return false;
  }
  gol_defer(g, &fr, buf, &recoverClosure);
  (*op)(g);
  gol_rundefers(g, &fr);
  g->frame = fr.prev;
  return true;
}

inline const GolType* int64Type() {
  static const GolType t = [] {
    GolType x{};
    x.size = 8;
    x.kind = GOL_KIND_INT64;
    x.align = 8;
    x.flags = GOL_TF_COMPARABLE;
    x.string = {reinterpret_cast<const uint8_t*>("int64"), 5};
    return x;
  }();
  return &t;
}

inline const GolType* chanInt64Type() {
  static const GolType t = [] {
    GolType x{};
    x.size = 8;
    x.ptrdata = 8;
    static const uint8_t mask[1] = {1};
    x.gcmask = mask;
    x.kind = GOL_KIND_CHAN;
    x.align = 8;
    x.flags = GOL_TF_COMPARABLE | GOL_TF_DIRECT_IFACE;
    x.string = {reinterpret_cast<const uint8_t*>("chan int64"), 10};
    x.elem = int64Type();
    x.len = GOL_CHAN_BOTH;
    return x;
  }();
  return &t;
}

inline GolChan* makeChan(G* g, int64_t size) { return gol_makechan(g, chanInt64Type(), size); }

inline void send(G* g, GolChan* c, int64_t v) { gol_chansend(g, c, &v); }

inline int64_t recv(G* g, GolChan* c, bool* ok = nullptr) {
  int64_t v = -1;
  int32_t r = gol_chanrecv(g, c, &v);
  if (ok) *ok = r != 0;
  return v;
}

// select cases over int64 channels.
inline GolSelectCase recvCase(GolChan* c, int64_t* into) { return {c, into, GOL_CHAN_RECV}; }
inline GolSelectCase sendCase(GolChan* c, int64_t* from) { return {c, from, GOL_CHAN_SEND}; }

}  // namespace gol::rt::test
