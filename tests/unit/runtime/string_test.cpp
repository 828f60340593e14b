// Strings and slices: concatenation, comparison, conversions, UTF-8
// decoding as for-range does it, and append/make capacities as Go 1.19's.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/malloc.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/traceback.h"
#include "runtime/typedesc.h"
#include "tests/unit/runtime/mem_testutil.h"

using namespace gol::rt;
using namespace gol::rt::testing;

namespace {

std::string str(GolString s) { return std::string(reinterpret_cast<const char*>(s.ptr), size_t(s.len)); }
GolString gs(const std::string& s) { return GolString{reinterpret_cast<const uint8_t*>(s.data()), int64_t(s.size())}; }

// The capacities seen while appending one element at a time, as Go prints them.
std::string capSequence(const GolType* elem, int n) {
  TestG g;
  GolSlice s{nullptr, 0, 0};
  std::string out;
  for (int i = 0; i < n; i++) {
    if (s.len == s.cap) {
      s = gol_growslice(&g, elem, s.ptr, s.len, s.cap, 1);
      out += std::to_string(s.cap) + " ";
    }
    s.len++;
  }
  return out;
}

const GolType kS3 = {24, 0, nullptr, 30, GOL_KIND_STRUCT, 8, GOL_TF_COMPARABLE, lit("main.S3"), lit("main"),
                     nullptr, nullptr, 0, nullptr, 0, 0, nullptr, 0, nullptr, 0};

}  // namespace

TEST(StringOps, ConcatJoinsAndReusesSingleOperands) {
  TestG g;
  std::string a = "hello", b = ", ", c = "world";
  GolString parts[3] = {gs(a), gs(b), gs(c)};
  EXPECT_EQ(str(gol_concat(&g, parts, 3)), "hello, world");
  GolString one[3] = {gs(""), gs(a), gs("")};
  EXPECT_EQ(gol_concat(&g, one, 3).ptr, one[1].ptr);
  EXPECT_EQ(gol_concat(&g, one, 0).len, 0);
}

TEST(StringOps, CompareIsBytewiseThenByLength) {
  auto cmp = [](const std::string& a, const std::string& b) {
    return gol_strcmp(reinterpret_cast<const uint8_t*>(a.data()), int64_t(a.size()),
                      reinterpret_cast<const uint8_t*>(b.data()), int64_t(b.size()));
  };
  EXPECT_EQ(cmp("abc", "abc"), 0);
  EXPECT_LT(cmp("ab", "abc"), 0);
  EXPECT_GT(cmp("b", "abc"), 0);
  EXPECT_GT(cmp("\xff", "a"), 0);
  EXPECT_EQ(cmp("", ""), 0);
}

TEST(StringOps, ByteAndRuneConversions) {
  TestG g;
  std::string s = "héllo, 世界";
  GolSlice bytes = gol_string_to_bytes(&g, gs(s).ptr, int64_t(s.size()));
  EXPECT_EQ(bytes.len, int64_t(s.size()));
  EXPECT_EQ(bytes.cap, 16);
  EXPECT_EQ(str(gol_bytes_to_string(&g, static_cast<uint8_t*>(bytes.ptr), bytes.len)), s);
  GolSlice runes = gol_string_to_runes(&g, gs(s).ptr, int64_t(s.size()));
  ASSERT_EQ(runes.len, 9);
  auto* r = static_cast<int32_t*>(runes.ptr);
  EXPECT_EQ(r[1], 0xE9);
  EXPECT_EQ(r[7], 0x4E16);
  EXPECT_EQ(str(gol_runes_to_string(&g, r, runes.len)), s);
  std::string bad = "a\xffz";
  GolSlice br = gol_string_to_runes(&g, gs(bad).ptr, 3);
  EXPECT_EQ(static_cast<int32_t*>(br.ptr)[1], 0xFFFD);
}

TEST(StringOps, RuneToStringReplacesInvalidRunes) {
  TestG g;
  EXPECT_EQ(str(gol_rune_to_string(&g, 'A')), "A");
  EXPECT_EQ(str(gol_rune_to_string(&g, 0x1F600)), "\xF0\x9F\x98\x80");
  EXPECT_EQ(str(gol_rune_to_string(&g, -1)), "\uFFFD");
  EXPECT_EQ(str(gol_rune_to_string(&g, 0xD800)), "\uFFFD");
  EXPECT_EQ(str(gol_rune_to_string(&g, 0x110000)), "\uFFFD");
  int32_t rs[2] = {0xD800, 'x'};
  EXPECT_EQ(str(gol_runes_to_string(&g, rs, 2)), "\uFFFDx");
}

TEST(StringOps, DecodeRuneFollowsForRange) {
  auto decode = [](const std::string& s, int64_t i) {
    int64_t out[2];
    gol_decoderune(reinterpret_cast<const uint8_t*>(s.data()), int64_t(s.size()), i, out);
    return std::vector<int64_t>{out[0], out[1]};
  };
  EXPECT_EQ(decode("a", 0), (std::vector<int64_t>{'a', 1}));
  EXPECT_EQ(decode("x世", 1), (std::vector<int64_t>{0x4E16, 3}));
  EXPECT_EQ(decode("\xe4\xb8", 0), (std::vector<int64_t>{0xFFFD, 1}));       // truncated
  EXPECT_EQ(decode("\xc0\x80", 0), (std::vector<int64_t>{0xFFFD, 1}));       // overlong
  EXPECT_EQ(decode("\xed\xa0\x80", 0), (std::vector<int64_t>{0xFFFD, 1}));   // surrogate
  EXPECT_EQ(decode("\xf4\x90\x80\x80", 0), (std::vector<int64_t>{0xFFFD, 1}));  // > U+10FFFF
  EXPECT_EQ(decode("\x80", 0), (std::vector<int64_t>{0xFFFD, 1}));
  EXPECT_EQ(decode("\xf0\x9f\x98\x80", 0), (std::vector<int64_t>{0x1F600, 4}));
}

TEST(SliceGrowth, CapacitiesMatchGo119) {
  // Expected output of appending one element at a time under Go 1.19.
  EXPECT_EQ(capSequence(&kBytesType, 5000), "8 16 32 64 128 256 512 896 1408 2048 3072 4096 5376 ");
  EXPECT_EQ(capSequence(&kIntType, 5000), "1 2 4 8 16 32 64 128 256 512 848 1280 1792 2560 3408 5120 ");
  EXPECT_EQ(capSequence(&kS3, 3000), "1 2 4 8 16 32 64 128 256 512 853 1365 2048 3072 ");
  TestG g;
  GolSlice ints = gol_makeslice(&g, &kIntType, 3, 3);
  EXPECT_EQ(gol_growslice(&g, &kIntType, ints.ptr, 3, 3, 5).cap, 8);
  GolSlice bytes = gol_makeslice(&g, &kBytesType, 5, 8);
  EXPECT_EQ(gol_growslice(&g, &kBytesType, bytes.ptr, 5, 8, 20).cap, 32);
}

TEST(SliceGrowth, GrowCopiesTheOldElements) {
  TestG g;
  GolSlice s = gol_makeslice(&g, &kIntType, 3, 3);
  auto* p = static_cast<int64_t*>(s.ptr);
  p[0] = 1, p[1] = 2, p[2] = 3;
  GolSlice t = gol_growslice(&g, &kIntType, s.ptr, s.len, s.cap, 1);
  EXPECT_EQ(t.len, 3);
  auto* q = static_cast<int64_t*>(t.ptr);
  EXPECT_EQ(q[0] + q[1] + q[2], 6);
  EXPECT_EQ(q[3], 0);
}

TEST(SliceGrowthDeathTest, MakeSliceRangeErrors) {
  EXPECT_EXIT({
    TestG g;
    gol_makeslice(&g, &kIntType, -1, 5);
  }, ::testing::ExitedWithCode(2), "^panic: runtime error: makeslice: len out of range\n");
  EXPECT_EXIT({
    TestG g;
    gol_makeslice(&g, &kIntType, 5, 2);
  }, ::testing::ExitedWithCode(2), "^panic: runtime error: makeslice: cap out of range\n");
  EXPECT_EXIT({
    TestG g;
    gol_makeslice(&g, &kIntType, 1, int64_t(1) << 62);
  }, ::testing::ExitedWithCode(2), "^panic: runtime error: makeslice: cap out of range\n");
}

TEST(StringPrint, FloatsAndNumbersFormatAsGoPrint) {
  auto f = [](double v) {
    std::string s;
    appendFloat(s, v);
    return s;
  };
  EXPECT_EQ(f(1.5), "+1.500000e+000");
  EXPECT_EQ(f(0), "+0.000000e+000");
  EXPECT_EQ(f(-0.0), "-0.000000e+000");
  EXPECT_EQ(f(123456789.0), "+1.234568e+008");
  EXPECT_EQ(f(1e-300), "+1.000000e-300");
  EXPECT_EQ(f(1.0 / 0.0), "+Inf");
  EXPECT_EQ(f(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(f(0.0 / 0.0), "NaN");
  std::string s;
  appendInt(s, INT64_MIN);
  s += ' ';
  appendHex(s, 0);
  s += ' ';
  appendHex(s, 0xc000012345);
  EXPECT_EQ(s, "-9223372036854775808 0x0 0xc000012345");
}

TEST(StringPrintDeathTest, PrintlnWritesToStderr) {
  EXPECT_EXIT({
    TestG g;
    gol_printstring(&g, lit("x").ptr, 1);
    gol_printsp(&g);
    gol_printint(&g, -3);
    gol_printsp(&g);
    gol_printbool(&g, 1);
    gol_printsp(&g);
    gol_printiface(&g, nullptr, nullptr);
    gol_printsp(&g);
    gol_printfloat(&g, 2.0);
    gol_printnl(&g);
    _exit(0);
  }, ::testing::ExitedWithCode(0), "^x -3 true \\(0x0,0x0\\) \\+2.000000e\\+000\n$");
}

namespace {

// Fake code addresses: what the test symbolizer knows about each.
constexpr uintptr_t kInnerPC = 0x1000, kRuntimePC = 0x2000, kInlinedPC = 0x3000, kGoStmtPC = 0x4000;

int32_t fakeSymbolizer(uintptr_t pc, GolPCFrame* frames, int32_t max) {
  auto frame = [](const char* fn, int32_t line) { return GolPCFrame{lit(fn), lit("prog.gol"), line, 0}; };
  switch (pc + 1) {  // tracebacks ask about the call instruction, pc - 1
    case kInnerPC: frames[0] = frame("main.worker", 25); return 1;
    case kInlinedPC:
      if (max < 2) return 0;
      frames[0] = frame("main.helper", 40);
      frames[1] = frame("main.worker", 22);
      return 2;
    case kGoStmtPC: frames[0] = frame("main.main", 14); return 1;
    default: return 0;  // runtime code
  }
}

}  // namespace

TEST(StringTraceback, WalksFramePointersHidesRuntimeFramesAndShowsTheCreator) {
  // A parked goroutine's stack: three frame records, innermost first.
  alignas(16) uintptr_t stack[16] = {};
  uintptr_t* inner = &stack[2];
  uintptr_t* runtimeFrame = &stack[6];
  uintptr_t* outer = &stack[10];
  inner[0] = reinterpret_cast<uintptr_t>(runtimeFrame), inner[1] = kInnerPC;
  runtimeFrame[0] = reinterpret_cast<uintptr_t>(outer), runtimeFrame[1] = kRuntimePC;
  outer[0] = 0, outer[1] = kInlinedPC;
  StackSeg seg{reinterpret_cast<uintptr_t>(stack), reinterpret_cast<uintptr_t>(stack + 16), nullptr, nullptr};
  TestG g;
  g.goid = 7;
  g.parentGoid = 1;
  g.createdPC = kGoStmtPC;
  g.stack = &seg;
  g.schedFP = reinterpret_cast<uintptr_t>(inner);
  gol_set_symbolizer(fakeSymbolizer);
  std::string out = goroutineHeader(&g, "chan receive");
  formatTraceback(&g, out);
  gol_set_symbolizer(nullptr);
  EXPECT_EQ(out,
            "goroutine 7 [chan receive]:\n"
            "main.worker(...)\n\tprog.gol:25\n"
            "main.helper(...)\n\tprog.gol:40\n"
            "main.worker(...)\n\tprog.gol:22\n"
            "created by main.main in goroutine 1\n\tprog.gol:14\n");
}

TEST(SliceGrowth, ZeroSizeElementsGetANonNilPointer) {
  TestG g;
  const GolType empty = {0, 0, nullptr, 31, GOL_KIND_STRUCT, 1, GOL_TF_COMPARABLE, lit("struct {}"), {},
                         nullptr, nullptr, 0, nullptr, 0, 0, nullptr, 0, nullptr, 0};
  GolSlice s = gol_growslice(&g, &empty, nullptr, 0, 0, 3);
  EXPECT_NE(s.ptr, nullptr);
  EXPECT_EQ(s.cap, 3);
}
