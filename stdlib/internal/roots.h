// roots.h — a shadow-stack frame for natives that hold gol pointers across
// an allocation or a call back into gol code.
//
// The collector finds roots only through g->frame (include/gol/abi.h), so a
// native that keeps a gol pointer in a C++ local while something may collect
// must store it in one of these frames' slots for that time. The frame is
// marked as a wrapper: tracebacks show the gol caller, not the native.
// Frames are pushed and popped strictly LIFO by scope.
#pragma once

#include "gol/abi.h"

namespace gol::std_ {

extern const GolFuncInfo kNativeFrameInfo[4];

template <int N>
class RootFrame {
  static_assert(N >= 1 && N <= 4, "kNativeFrameInfo covers 1..4 roots");

 public:
  explicit RootFrame(GolG* g) : g_(g) {
    rec_.prev = g->frame;
    rec_.fn = &kNativeFrameInfo[N - 1];
    g->frame = reinterpret_cast<GolFrame*>(&rec_);
  }
  ~RootFrame() { g_->frame = rec_.prev; }
  RootFrame(const RootFrame&) = delete;
  RootFrame& operator=(const RootFrame&) = delete;

  void*& operator[](int i) { return rec_.roots[i]; }

 private:
  struct Record {  // GolFrame with a fixed-size roots[] area
    GolFrame* prev;
    const GolFuncInfo* fn;
    void* roots[N] = {};
  };
  static_assert(sizeof(Record) == sizeof(GolFrame) + N * sizeof(void*), "GolFrame layout");
  GolG* g_;
  Record rec_;
};

}  // namespace gol::std_
