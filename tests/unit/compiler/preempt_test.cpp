// Asynchronous preemption end to end: gol programs whose goroutines loop
// without calls are JIT-compiled and run in this process, and the runtime's
// preemption counters show which path stopped them. The stress test
// preempts a worker thousands of times inside floating-point, vectorised and
// pointer-chasing loops while another goroutine makes the collector run,
// and checks its results against Go's.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "compiler/driver.h"
#include "runtime/preempt.h"

namespace gol {
namespace {

struct ProgramRun {
  int code;
  std::string out;
};

ProgramRun runProgram(const std::string& name, const std::string& src) {
  setenv("GOLCACHE", "off", 1);
  std::string path = ::testing::TempDir() + name + "-" + std::to_string(getpid()) + ".gol";
  std::ofstream(path) << src;
  ::testing::internal::CaptureStdout();
  int code = runFile(path, {}, RunOptions{});
  fflush(stdout);
  ProgramRun r{code, ::testing::internal::GetCapturedStdout()};
  std::remove(path.c_str());
  return r;
}

// main spins on the only P until a goroutine it started sets the flag: only
// stopping main inside its call-free loop lets that goroutine run.
const char* kSpinOnOneP = R"(package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

func main() {
	old := runtime.GOMAXPROCS(1)
	var flag int32
	go func() { atomic.StoreInt32(&flag, 1) }()
	for atomic.LoadInt32(&flag) == 0 {
	}
	runtime.GOMAXPROCS(old)
	fmt.Println("flag set")
}
)";

TEST(Preempt, CallFreeLoopIsStoppedByTheSignal) {
  rt::PreemptStats before = rt::preemptStats();
  ProgramRun r = runProgram("spin", kSpinOnOneP);
  rt::PreemptStats after = rt::preemptStats();
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "flag set\n");
  EXPECT_GT(after.signals, before.signals);
  EXPECT_GT(after.async, before.async);
}

// The worker's list and slices are reachable only from its registers and
// stack slots while compute runs (compute makes no calls, its caller keeps
// nothing after the call); churn reuses freed memory with other values.
const char* kStress = R"(package main

import (
	"fmt"
	"math"
	"sync/atomic"
)

type node struct {
	v    int64
	next *node
}

type work struct {
	head    *node
	a, b, c []float64
}

var stop int32

func setup(n, m int) work {
	var w work
	for i := 0; i < n; i++ {
		w.head = &node{v: int64(i*7 + 3), next: w.head}
	}
	w.a = make([]float64, m)
	w.b = make([]float64, m)
	w.c = make([]float64, m)
	for i := range w.a {
		w.a[i] = float64(i)*0.25 + 1
		w.b[i] = 1 / float64(i+1)
		w.c[i] = math.Sqrt(float64(i))
	}
	return w
}

func compute(head *node, a, b, c []float64, rounds int) (int64, float64) {
	var total int64
	var fsum float64
	for r := 0; r < rounds; r++ {
		for p := head; p != nil; p = p.next {
			total += p.v ^ int64(r)
		}
		for i := range c {
			c[i] = a[i]*b[i] + c[i]*0.5
		}
		x := float64(r)
		for i := 0; i < 64; i++ {
			x = x*1.0000001 + 0.5
		}
		fsum += c[r%len(c)] + x
	}
	return total, fsum
}

func churn(done chan int) {
	var keepNodes [64]*node
	var keepFloats [4][]float64
	n := 0
	for atomic.LoadInt32(&stop) == 0 {
		keepNodes[n%64] = &node{v: -1}
		if n%16 == 0 {
			f := make([]float64, 1000)
			for i := range f {
				f[i] = math.NaN()
			}
			keepFloats[n/16%4] = f
		}
		n++
	}
	done <- len(keepNodes) + len(keepFloats)
}

func main() {
	done := make(chan int)
	go churn(done)
	res := make(chan string)
	go func() {
		w := setup(5000, 1000)
		total, fsum := compute(w.head, w.a, w.b, w.c, 40000)
		res <- fmt.Sprintf("%d %x", total, math.Float64bits(fsum))
	}()
	fmt.Println(<-res)
	atomic.StoreInt32(&stop, 1)
	fmt.Println(<-done)
}
)";

// What Go 1.19 prints for kStress.
const char* kStressGo = "4699239177984 41c7e152e2175578\n68\n";

TEST(Preempt, WorkerStoppedThousandsOfTimesComputesWhatGoComputes) {
  std::atomic<bool> running{true};
  std::thread hammer([&] {
    while (running.load()) {
      rt::preemptRunning();
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  });
  rt::PreemptStats before = rt::preemptStats();
  ProgramRun r = runProgram("stress", kStress);
  rt::PreemptStats after = rt::preemptStats();
  running.store(false);
  hammer.join();
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, kStressGo);
  EXPECT_GE(after.async - before.async, 1000) << "signals sent: " << after.signals - before.signals;
  RecordProperty("async_stops", std::to_string(after.async - before.async));
  RecordProperty("signals", std::to_string(after.signals - before.signals));
}

}  // namespace
}  // namespace gol
