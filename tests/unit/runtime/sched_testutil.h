// sched_testutil.h — helpers for the scheduler/channel/stack tests: running
// a C++ lambda as the gol main goroutine or as a new goroutine, and the type
// descriptors channels need.
#pragma once

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
  int rc = gol_runtime_main(init, [](GolG* g, void*) { mainBody()(static_cast<G*>(g)); }, 0, nullptr);
  gcSetPercent(oldPercent);
  return rc;
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

}  // namespace gol::rt::test
