// traceback.cpp — prints goroutine stacks by walking frame pointers (see
// traceback.h). Go prints argument words for each frame; gol does not record
// arguments, so a frame prints "(...)", as Go does for inlined calls, unless
// its function has no parameters: "main.main()".
#include "runtime/traceback.h"

#include <sys/mman.h>

#include <atomic>
#include <vector>

#include "runtime/lock_futex.h"
#include "runtime/preempt.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/typedesc.h"

namespace gol::rt {

namespace {

std::atomic<GolSymbolizer> symbolizer{nullptr};

// LLVM's DWARF reader behind the symbolizer may need more stack than a
// goroutine's guard reserve; symbolizing is rare, so one shared stack does.
constexpr size_t kSymbolizeStackBytes = 1 << 20;
Mutex symbolizeLock;
uintptr_t symbolizeStackTop = 0;

// Frames the symbolizer can describe at once for one return address
// (the function and the calls inlined into it).
constexpr int kMaxInlined = 32;

bool onStackOf(const G* gp, uintptr_t p) {
  for (const StackSeg* s = gp->stack; s; s = s->prev)
    if (p >= s->lo && p + 2 * sizeof(uintptr_t) <= s->hi) return true;
  return false;
}

// Return addresses of gp's frames, innermost first. Symbolizing looks at
// pc - 1 (the call); the frame the preemption signal stopped was at its pc
// itself, so it is listed as pc + 1.
std::vector<uintptr_t> callerPCs(const G* gp, uintptr_t fp, size_t max) {
  std::vector<uintptr_t> pcs;
  bool exact = false;
  while (pcs.size() < max && fp % sizeof(uintptr_t) == 0 && onStackOf(gp, fp)) {
    auto* record = reinterpret_cast<const uintptr_t*>(fp);
    if (record[1] == 0) break;
    pcs.push_back(record[1] + (exact ? 1 : 0));
    exact = inAsyncPreemptStub(record[1]);
    fp = record[0];
  }
  return pcs;
}

struct SymbolizeJob {
  GolSymbolizer fn;
  const std::vector<uintptr_t>* pcs;
  std::vector<GolPCFrame>* frames;
  size_t want;  // stop once this many frames are known
  std::vector<int32_t>* counts;  // optional: how many frames each pc gave
};

void runSymbolizeJob(GolG*, void* arg) {
  auto* job = static_cast<SymbolizeJob*>(arg);
  GolPCFrame buf[kMaxInlined];
  for (uintptr_t pc : *job->pcs) {
    // pc - 1: the call instruction, not whatever follows it (a call that
    // never returns may be the last instruction of its function).
    int32_t n = job->fn(pc - 1, buf, kMaxInlined);
    job->frames->insert(job->frames->end(), buf, buf + n);
    if (job->counts) job->counts->push_back(n);
    if (job->frames->size() >= job->want) return;
  }
}

// Describes pcs, innermost first, stopping after want frames.
std::vector<GolPCFrame> symbolize(const std::vector<uintptr_t>& pcs, size_t want,
                                  std::vector<int32_t>* counts = nullptr) {
  std::vector<GolPCFrame> frames;
  GolSymbolizer fn = symbolizer.load(std::memory_order_acquire);
  if (!fn || pcs.empty()) return frames;
  SymbolizeJob job{fn, &pcs, &frames, want, counts};
  MutexGuard l(symbolizeLock);
  if (!symbolizeStackTop) {
    void* mem = mmap(nullptr, kSymbolizeStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                     -1, 0);
    if (mem == MAP_FAILED) return frames;
    symbolizeStackTop = reinterpret_cast<uintptr_t>(mem) + kSymbolizeStackBytes;
  }
  gol_call_on_stack(nullptr, runSymbolizeJob, &job, symbolizeStackTop);
  return frames;
}

void appendFrame(std::string& out, const GolPCFrame& f) {
  out += view(f.function);
  out += f.noArgs ? "()" : "(...)";
  out += "\n\t";
  out += view(f.file);
  out += ':';
  appendInt(out, f.line);
  out += '\n';
}

void appendCreatedBy(G* gp, std::string& out) {
  std::vector<GolPCFrame> at = symbolize({gp->createdPC}, 1);
  if (at.empty()) return;
  out += "created by ";
  out += view(at[0].function);
  out += " in goroutine ";
  appendInt(out, gp->parentGoid);
  out += "\n\t";
  out += view(at[0].file);
  out += ':';
  appendInt(out, at[0].line);
  out += '\n';
}

}  // namespace

std::string goroutineHeader(G* gp, const char* status, int64_t minutes) {
  std::string out = "goroutine ";
  appendInt(out, gp->goid);
  out += " [";
  out += status;
  if (minutes >= 1) {
    out += ", ";
    appendInt(out, minutes);
    out += " minutes";
  }
  if (gp->lockedm) out += ", locked to thread";
  out += "]:\n";
  return out;
}

bool hasTraceback(G* gp) { return gp && gp->stack && (gp == getg() || gp->schedFP); }

// noinline: the walk starts at this function's own frame record.
__attribute__((noinline)) void formatTraceback(G* gp, std::string& out) {
  uintptr_t fp = gp == getg() ? reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) : gp->schedFP;
  // Runtime frames and inlining make frames and return addresses differ in
  // number; a generous walk limit still bounds the work on deep stacks.
  std::vector<uintptr_t> pcs = callerPCs(gp, fp, 4 * kMaxTracebackFrames + 64);
  std::vector<GolPCFrame> frames = symbolize(pcs, kMaxTracebackFrames + 1);
  size_t shown = std::min<size_t>(frames.size(), kMaxTracebackFrames);
  for (size_t i = 0; i < shown; i++) appendFrame(out, frames[i]);
  if (frames.size() > shown) out += "...additional frames elided...\n";
  if (gp->goid != 1 && gp->createdPC) appendCreatedBy(gp, out);
}

__attribute__((noinline)) std::vector<uintptr_t> captureStack(G* gp, size_t max) {
  return callerPCs(gp, reinterpret_cast<uintptr_t>(__builtin_frame_address(0)), max);
}

void formatStack(const std::vector<uintptr_t>& returnPCs, std::string& out) {
  for (const GolPCFrame& f : symbolize(returnPCs, kMaxTracebackFrames)) appendFrame(out, f);
}

const char* goroutineStatus(G* gp) {
  switch (gp->status.load()) {
    case GStatus::Runnable: return "runnable";
    case GStatus::Syscall: return "syscall";
    case GStatus::Waiting: return waitReasonString(gp->waitReason);
    default: return "running";
  }
}

namespace {

struct OtherGoroutines {
  G* self;
  std::string* out;
  bool system;
};

void appendOtherGoroutine(G* gp, void* arg) {
  auto* d = static_cast<OtherGoroutines*>(arg);
  if (gp == d->self || (gp->system && !d->system) || !hasTraceback(gp)) return;
  *d->out += '\n';
  *d->out += goroutineHeader(gp, goroutineStatus(gp));
  formatTraceback(gp, *d->out);
}

}  // namespace

void formatOtherGoroutines(G* self, std::string& out, bool system) {
  OtherGoroutines d{self, &out, system};
  forEachG(appendOtherGoroutine, &d);
}

// runtime.Callers gives a PC for every logical frame: the return address
// of its machine frame, whose bits from kInlineShift up count the calls
// inlined there that are closer to the top of the stack than the frame.
namespace {
constexpr int kInlineShift = 56;
constexpr uintptr_t kAddressMask = (uintptr_t(1) << kInlineShift) - 1;
}  // namespace

__attribute__((noinline)) int64_t goCallers(G* gp, int64_t skip, uintptr_t* out, int64_t max) {
  if (skip < 0) skip = 0;
  if (max <= 0) return 0;
  uintptr_t fp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  std::vector<uintptr_t> pcs = callerPCs(gp, fp, size_t(skip + max) + 256);
  std::vector<int32_t> counts;
  symbolize(pcs, size_t(skip + max), &counts);
  int64_t n = 0;
  for (size_t i = 0; i < counts.size() && n < max; i++)
    for (int32_t k = 0; k < counts[i] && n < max; k++) {
      if (skip > 0)
        skip--;
      else
        out[n++] = pcs[i] | uintptr_t(k) << kInlineShift;
    }
  return n;
}

bool describePC(uintptr_t pc, GolPCFrame& frame) {
  // symbolize looks at the instruction before a return address.
  std::vector<GolPCFrame> frames = symbolize({(pc & kAddressMask) + 1}, kMaxInlined);
  size_t k = pc >> kInlineShift;
  if (k >= frames.size()) return false;
  frame = frames[k];
  return true;
}

void printTraceback(G* gp) {
  std::string out;
  formatTraceback(gp, out);
  writeStderr(out);
}

}  // namespace gol::rt

extern "C" void gol_set_symbolizer(GolSymbolizer fn) { gol::rt::symbolizer.store(fn, std::memory_order_release); }
