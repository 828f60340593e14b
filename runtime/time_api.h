// time_api.h — natives of package time implemented by the runtime (Go's
// runtime/time.go API for the time package): clocks, Sleep, and the timers
// behind time.Timer, time.Ticker and time.AfterFunc. Each has the gol ABI and
// is listed in gol_runtime_symbols under the gol name in its comment.
//
// Layouts shared with stdlib/time (checked by static_asserts in time_api.cpp)
//  - GoTime is time.Time: Go's encoding of a wall clock reading (seconds since
//    1885 and nanoseconds in wall, with the hasMonotonic bit) plus a monotonic
//    reading in ext, and the *Location.
//  - TimeTimer is time.runtimeTimer: the runtime's Timer (runtime/time.h)
//    followed by what the timer delivers when it fires: the current time to
//    the channel c, or a new goroutine running fn when fn is not nil.
#pragma once

#include <cstdint>

#include "gol/abi.h"
#include "runtime/time.h"

namespace gol::rt {

struct GoTime {
  uint64_t wall;
  int64_t ext;
  void* loc;
};

struct TimeTimer {
  Timer t;       // t.arg is the TimeTimer itself once started
  GolChan* c;    // buffered (cap 1): sends never block
  void* fn;      // func() closure for AfterFunc, else null
  void* loc;     // the Location of the times sent on c (time.Local)
};

// time.Now's reading with loc as its Location.
GoTime timeNow(void* loc);

}  // namespace gol::rt

extern "C" {
gol::rt::GoTime gol_time_now(GolG* g, void* ctx, void* loc);          // time.now
int64_t gol_time_runtimeNano(GolG* g, void* ctx);                     // time.runtimeNano
void gol_time_Sleep(GolG* g, void* ctx, int64_t ns);                  // time.Sleep
void gol_time_startTimer(GolG* g, void* ctx, gol::rt::TimeTimer* r);  // time.startTimer
bool gol_time_stopTimer(GolG* g, void* ctx, gol::rt::TimeTimer* r);   // time.stopTimer
bool gol_time_resetTimer(GolG* g, void* ctx, gol::rt::TimeTimer* r, int64_t when,
                         int64_t period);                             // time.resetTimer
}
