// Panics, defers and recover driven from C++ exactly as generated code
// drives them (abi.h, "Deferred calls and recovery"), runtime error values
// and messages, and the fatal output of unrecovered panics.
#include <gtest/gtest.h>
#include <setjmp.h>

#include <string>
#include <vector>

#include "runtime/panic.h"
#include "runtime/typedesc.h"
#include "tests/unit/runtime/mem_testutil.h"

using namespace gol::rt;
using namespace gol::rt::testing;

namespace {

const GolFuncInfo kMain = {lit("main.main"), lit("prog.gol"), 0, 0, nullptr};
const GolFuncInfo kF = {lit("main.f"), lit("prog.gol"), 0, 0, nullptr};
const GolFuncInfo kDeferred = {lit("main.f.func1"), lit("prog.gol"), 0, 0, nullptr};

struct Frame {
  GolFrame f;
  explicit Frame(GolG* g, const GolFuncInfo* fn) {
    f.prev = g->frame;
    f.fn = fn;
    g->frame = &f;
  }
  void pop(GolG* g) { g->frame = f.prev; }
};

// A func() closure whose body is a C++ function of the test.
struct Closure {
  void (*code)(GolG*, void*);
  void (*body)(GolG*, GolFrame*, Closure*);
  std::vector<std::string>* log;
  GolIface recovered;
};

// The deferred function: pushes its own frame, as a compiled one does.
void deferredEntry(GolG* g, void* ctx) {
  auto* c = static_cast<Closure*>(ctx);
  Frame fr(g, &kDeferred);
  c->body(g, &fr.f, c);
  fr.pop(g);
}

Closure closure(void (*body)(GolG*, GolFrame*, Closure*), std::vector<std::string>* log) {
  return Closure{deferredEntry, body, log, {nullptr, nullptr}};
}

GolIface stringValue(const char* s) {
  static std::vector<GolString*> keep;
  keep.push_back(new GolString(lit(s)));
  return GolIface{&kStringType, keep.back()};
}

std::string text(GolIface v) {
  if (v.tab == &kStringType) return std::string(view(*static_cast<GolString*>(v.data)));
  std::string out;
  if (callErrorOrString(nullptr, v, &out)) return out;
  return "<?>";
}

// main.f: defers each closure in order, then calls body. Returns true when
// it returned through a recovery.
bool runF(GolG* g, std::vector<Closure*> defers, void (*body)(GolG*)) {
  Frame fr(g, &kF);
  uint64_t buf[GOL_JMPBUF_WORDS];
  if (_setjmp(reinterpret_cast<__jmp_buf_tag*>(buf))) {
    gol_rundefers(g, &fr.f);
    fr.pop(g);
    return true;
  }
  for (Closure* c : defers) gol_defer(g, &fr.f, buf, c);
  body(g);
  gol_rundefers(g, &fr.f);
  fr.pop(g);
  return false;
}

void recoverBody(GolG* g, GolFrame* self, Closure* c) {
  c->recovered = gol_recover(g, self);
  c->log->push_back("recover:" + (c->recovered.tab ? text(c->recovered) : std::string("nil")));
}

void logBody(GolG*, GolFrame*, Closure* c) { c->log->push_back("deferred"); }

void panicBoom(GolG* g) { gol_panic(g, &kStringType, stringValue("boom").data); }
void returnNormally(GolG*) {}

}  // namespace

TEST(PanicRecover, RecoverStopsThePanicAndTheFunctionReturns) {
  TestG g;
  std::vector<std::string> log;
  Closure c = closure(recoverBody, &log);
  Frame mainFrame(&g, &kMain);
  EXPECT_TRUE(runF(&g, {&c}, panicBoom));
  EXPECT_EQ(log, std::vector<std::string>{"recover:boom"});
  EXPECT_EQ(g.frame, &mainFrame.f);
  EXPECT_EQ(g.panics, nullptr);
  EXPECT_EQ(g.defers, nullptr);
}

TEST(PanicRecover, DefersRunLastInFirstOut) {
  TestG g;
  std::vector<std::string> log;
  Closure rec = closure(recoverBody, &log), l1 = closure(logBody, &log), l2 = closure(logBody, &log);
  Frame mainFrame(&g, &kMain);
  EXPECT_TRUE(runF(&g, {&rec, &l1, &l2}, panicBoom));
  EXPECT_EQ(log, (std::vector<std::string>{"deferred", "deferred", "recover:boom"}));
}

TEST(PanicRecover, RecoverReturnsNilWithoutAPanic) {
  TestG g;
  std::vector<std::string> log;
  Closure c = closure(recoverBody, &log);
  Frame mainFrame(&g, &kMain);
  EXPECT_FALSE(runF(&g, {&c}, returnNormally));
  EXPECT_EQ(log, std::vector<std::string>{"recover:nil"});
}

void recoverFromNestedCall(GolG* g, GolFrame* self, Closure* c) {
  Frame helper(g, &kF);   // recover() called by a function the deferred call called
  c->recovered = gol_recover(g, &helper.f);
  helper.pop(g);
  c->log->push_back(c->recovered.tab ? "recovered" : "nil");
}

TEST(PanicRecoverDeathTest, RecoverInANestedCallDoesNotStopThePanic) {
  EXPECT_EXIT(
      {
        TestG g;
        std::vector<std::string> log;
        Closure c = closure(recoverFromNestedCall, &log);
        Frame mainFrame(&g, &kMain);
        runF(&g, {&c}, panicBoom);
      },
      ::testing::ExitedWithCode(2), "^panic: boom\n\ngoroutine 1 \\[running\\]:\n");
}

void panicAgainBody(GolG* g, GolFrame*, Closure*) { gol_panic(g, &kStringType, stringValue("second").data); }

TEST(PanicRecover, APanicInADeferredCallReplacesTheCurrentOne) {
  TestG g;
  std::vector<std::string> log;
  Closure rec = closure(recoverBody, &log), again = closure(panicAgainBody, &log);
  Frame mainFrame(&g, &kMain);
  EXPECT_TRUE(runF(&g, {&rec, &again}, panicBoom));
  EXPECT_EQ(log, std::vector<std::string>{"recover:second"});
  EXPECT_EQ(g.panics, nullptr);
}

TEST(PanicFatalDeathTest, UnrecoveredPanicPrintsMessageAndTracebackAndExits2) {
  EXPECT_EXIT(
      {
        TestG g;
        Frame mainFrame(&g, &kMain);
        runF(&g, {}, panicBoom);
      },
      ::testing::ExitedWithCode(2),
      "^panic: boom\n\ngoroutine 1 \\[running\\]:\n$");
}

void repanicBody(GolG* g, GolFrame* self, Closure* c) {
  GolIface r = gol_recover(g, self);
  gol_panic(g, r.tab, r.data);
}

TEST(PanicFatalDeathTest, RepanickedValueIsMarkedRecovered) {
  EXPECT_EXIT(
      {
        TestG g;
        std::vector<std::string> log;
        Closure c = closure(repanicBody, &log);
        Frame mainFrame(&g, &kMain);
        runF(&g, {&c}, panicBoom);
      },
      ::testing::ExitedWithCode(2), "^panic: boom \\[recovered\\]\n\tpanic: boom\n\ngoroutine 1");
}

TEST(PanicFatalDeathTest, NestedPanicsPrintBoth) {
  EXPECT_EXIT(
      {
        TestG g;
        std::vector<std::string> log;
        Closure c = closure(panicAgainBody, &log);
        Frame mainFrame(&g, &kMain);
        runF(&g, {&c}, panicBoom);
      },
      ::testing::ExitedWithCode(2),
      "^panic: boom\n\tpanic: second\n\ngoroutine 1 \\[running\\]:\n$");
}

namespace {

GolIface recoverRuntimeError(void (*body)(GolG*)) {
  TestG g;
  std::vector<std::string> log;
  Closure c = closure(recoverBody, &log);
  Frame mainFrame(&g, &kMain);
  runF(&g, {&c}, body);
  return c.recovered;
}

std::string runtimeErrorText(void (*body)(GolG*)) {
  GolIface v = recoverRuntimeError(body);
  return text(v) + " (" + std::string(view(static_cast<const GolType*>(v.tab)->string)) + ")";
}

}  // namespace

TEST(PanicRuntimeError, MessagesAndTypesMatchGo) {
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_index(g, 5, 3); }),
            "runtime error: index out of range [5] with length 3 (runtime.boundsError)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_index(g, -1, 3); }),
            "runtime error: index out of range [-1] (runtime.boundsError)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_divide(g); }),
            "runtime error: integer divide by zero (runtime.errorString)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_nil(g); }),
            "runtime error: invalid memory address or nil pointer dereference (runtime.errorString)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_shift(g); }),
            "runtime error: negative shift amount (runtime.errorString)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_nilmap(g); }),
            "assignment to entry in nil map (runtime.plainError)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_msg(g, "makeslice: len out of range"); }),
            "runtime error: makeslice: len out of range (runtime.errorString)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_assert(g, &kStringType, &kIntType, &kAnyType); }),
            "interface conversion: interface {} is string, not int (*runtime.TypeAssertionError)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_assert(g, nullptr, &kIntType, &kAnyType); }),
            "interface conversion: interface {} is nil, not int (*runtime.TypeAssertionError)");
}

TEST(PanicRuntimeError, SliceBoundsVariants) {
  EXPECT_EQ(boundsErrorMessage(kBoundsSliceAlen, 5, 3), "slice bounds out of range [:5] with length 3");
  EXPECT_EQ(boundsErrorMessage(kBoundsSliceAcap, 5, 3), "slice bounds out of range [:5] with capacity 3");
  EXPECT_EQ(boundsErrorMessage(kBoundsSliceB, 4, 2), "slice bounds out of range [4:2]");
  EXPECT_EQ(boundsErrorMessage(kBoundsSliceB, -1, 2), "slice bounds out of range [-1:]");
  EXPECT_EQ(boundsErrorMessage(kBoundsSlice3Alen, 9, 3), "slice bounds out of range [::9] with length 3");
  EXPECT_EQ(boundsErrorMessage(kBoundsSlice3Acap, 9, 3), "slice bounds out of range [::9] with capacity 3");
  EXPECT_EQ(boundsErrorMessage(kBoundsSlice3B, 4, 2), "slice bounds out of range [:4:2]");
  EXPECT_EQ(boundsErrorMessage(kBoundsSlice3C, 4, 2), "slice bounds out of range [4:2:]");
  EXPECT_EQ(boundsErrorMessage(kBoundsConvert, 4, 2),
            "cannot convert slice with length 2 to pointer to array with length 4");
  EXPECT_EQ(runtimeErrorText([](GolG* g) { gol_panic_slice(g, kBoundsSliceAcap, 5, 3); }),
            "runtime error: slice bounds out of range [:5] with capacity 3 (runtime.boundsError)");
}

TEST(PanicRuntimeError, RuntimeErrorsHaveTheRuntimeErrorMethod) {
  GolIface v = recoverRuntimeError([](GolG* g) { gol_panic_divide(g); });
  auto* t = static_cast<const GolType*>(v.tab);
  EXPECT_NE(findMethod(t, "RuntimeError"), nullptr);
  EXPECT_NE(findMethod(t, "Error"), nullptr);
}

TEST(PanicRuntimeError, UnhashableAndUncomparableInterfaceValues) {
  EXPECT_EQ(runtimeErrorText([](GolG* g) {
              static GolSlice s{nullptr, 0, 0};
              GolIface k{&kIntSliceType, &s};
              valueHash(static_cast<G*>(g), &kAnyType, &k, 0);
            }),
            "runtime error: hash of unhashable type []int (runtime.errorString)");
  EXPECT_EQ(runtimeErrorText([](GolG* g) {
              static GolSlice s{nullptr, 0, 0};
              gol_efaceeq(g, &kIntSliceType, &s, &s);
            }),
            "runtime error: comparing uncomparable type []int (runtime.errorString)");
}

TEST(PanicFatalDeathTest, NilDereferencePrintsTheSignalLine) {
  EXPECT_EXIT(
      {
        TestG g;
        Frame mainFrame(&g, &kMain);
        gol_panic_nil(&g);
      },
      ::testing::ExitedWithCode(2),
      "^panic: runtime error: invalid memory address or nil pointer dereference\n\\[signal SIGSEGV: "
      "segmentation violation code=0x1 addr=0x0 pc=0x0\\]\n\ngoroutine 1 \\[running\\]:\n");
}

namespace {
const GolType kNamedInt = {8, 0, nullptr, 11, GOL_KIND_INT, 8, GOL_TF_COMPARABLE | GOL_TF_NAMED,
                           lit("main.T"), lit("main"), nullptr, nullptr, 0, nullptr, 0, 0,
                           nullptr, 0, nullptr, 0};
const GolType kNamedStr = {16, 8, kMaskP, 12, GOL_KIND_STRING, 8, GOL_TF_COMPARABLE | GOL_TF_NAMED,
                           lit("main.S"), lit("main"), nullptr, nullptr, 0, nullptr, 0, 0,
                           nullptr, 0, nullptr, 0};
}  // namespace

TEST(PanicFatalDeathTest, PanicValuesPrintAsGoPrintsThem) {
  EXPECT_EXIT({
    TestG g;
    static int64_t v = 5;
    gol_panic(&g, &kNamedInt, &v);
  }, ::testing::ExitedWithCode(2), "^panic: main.T\\(5\\)\n");
  EXPECT_EXIT({
    TestG g;
    static GolString s = lit("hi");
    gol_panic(&g, &kNamedStr, &s);
  }, ::testing::ExitedWithCode(2), "^panic: main.S\\(\"hi\"\\)\n");
  EXPECT_EXIT({
    TestG g;
    static double f = 1.5;
    gol_panic(&g, &kFloatType, &f);
  }, ::testing::ExitedWithCode(2), "^panic: \\+1.500000e\\+000\n");
  EXPECT_EXIT({
    TestG g;
    gol_panic(&g, &kPtrType, reinterpret_cast<void*>(0xc000016098));
  }, ::testing::ExitedWithCode(2), "^panic: \\(\\*main.Node\\) 0xc000016098\n");
  EXPECT_EXIT({
    TestG g;
    gol_panic(&g, nullptr, nullptr);
  }, ::testing::ExitedWithCode(2), "^panic: nil\n");
  EXPECT_EXIT({
    TestG g;
    gol_panic_nilmap(&g);
  }, ::testing::ExitedWithCode(2), "^panic: assignment to entry in nil map\n");
}

namespace {
GolString panickingError(GolG* g, void*, void*) {
  static GolString again = lit("again");
  gol_panic(g, &kStringType, &again);
}
const GolMethod kBadErrorMethods[1] = {{lit("Error"), {}, &typeFuncString, reinterpret_cast<void*>(&panickingError)}};
const GolType kBadError = {8, 0, nullptr, 13, GOL_KIND_INT, 8, GOL_TF_COMPARABLE | GOL_TF_NAMED, lit("main.Bad"),
                           lit("main"), nullptr, nullptr, 0, nullptr, 0, 0, kBadErrorMethods, 1, nullptr, 0};
}  // namespace

TEST(PanicFatalDeathTest, ErrorMethodThatPanicsWhilePrintingIsAFatalError) {
  EXPECT_EXIT({
    TestG g;
    static int64_t v = 1;
    gol_panic(&g, &kBadError, &v);
  }, ::testing::ExitedWithCode(2), "^fatal error: panic while printing panic value: again\n");
}
