// check.h — GOL_ASSERT: the runtime's invariants, stated in code.
//
// Invariants
//  - Checks are on in every build, the Release build the tests run
//    included, as Go's throw is: a violated invariant is a runtime bug, and
//    going on would corrupt memory or hang far from the cause.
//  - A failing check prints "fatal error: <invariant>" and aborts at once,
//    without tracebacks: it may fire with any runtime lock held, on any stack
//    (g0, a signal handler's caller), where stopping the world could hang.
//  - Only cheap checks (a compare of data the code touches anyway) belong
//    here, so benchmark ratios do not move.
#pragma once

namespace gol::rt {

[[noreturn]] void invariantFailed(const char* invariant);

}  // namespace gol::rt

#define GOL_ASSERT(cond, invariant) \
  (__builtin_expect(!(cond), 0) ? ::gol::rt::invariantFailed(invariant) : void(0))
