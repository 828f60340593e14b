// Memory faults: a SIGSEGV in code registered as generated code becomes Go's
// nil-dereference panic, Go's fatal "fault", or (with SetPanicOnFault) a
// recoverable runtime.Error; a fault elsewhere is a runtime failure. The
// faulting "generated code" is a two-instruction load registered by hand.
#include <gtest/gtest.h>

#include "runtime/api.h"
#include "runtime/panic.h"
#include "runtime/typedesc.h"
#include "tests/unit/runtime/mem_testutil.h"
#include "tests/unit/runtime/sched_testutil.h"

using namespace gol::rt;
using namespace gol::rt::testing;
using namespace gol::rt::test;

// int64 load(GolG* g, void* ctx, uintptr_t addr): reads *addr.
asm(R"(
        .text
        .globl  gol_test_fault_load
        .type   gol_test_fault_load, @function
gol_test_fault_load:
        movq    (%rdx), %rax
        ret
        .globl  gol_test_fault_load_end
gol_test_fault_load_end:
)");
extern "C" int64_t gol_test_fault_load(GolG* g, void* ctx, uintptr_t addr);
extern "C" char gol_test_fault_load_end[];

namespace {

constexpr uintptr_t kWild = 0xdeadbeef;

void registerLoad() {
  gol_register_code(reinterpret_cast<uintptr_t>(&gol_test_fault_load),
                    reinterpret_cast<uintptr_t>(gol_test_fault_load_end));
}

class SignalFaultDeathTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_F(SignalFaultDeathTest, WildAddressIsGosFatalFault) {
  EXPECT_EXIT(
      {
        registerLoad();
        runMain([](G* g) { gol_test_fault_load(g, nullptr, kWild); });
      },
      ::testing::ExitedWithCode(2),
      "^unexpected fault address 0xdeadbeef\nfatal error: fault\n\\[signal SIGSEGV: segmentation violation "
      "code=0x1 addr=0xdeadbeef pc=0x[0-9a-f]+\\]\n\ngoroutine 1 \\[running\\]:\n");
}

TEST_F(SignalFaultDeathTest, NilPageIsGosNilDereferencePanic) {
  EXPECT_EXIT(
      {
        registerLoad();
        runMain([](G* g) { gol_test_fault_load(g, nullptr, 8); });
      },
      ::testing::ExitedWithCode(2),
      "^panic: runtime error: invalid memory address or nil pointer dereference\n\\[signal SIGSEGV: "
      "segmentation violation code=0x1 addr=0x8 pc=0x[0-9a-f]+\\]\n\ngoroutine 1 \\[running\\]:\n");
}

TEST_F(SignalFaultDeathTest, PanicOnFaultPanicsWithTheAddress) {
  EXPECT_EXIT(
      {
        registerLoad();
        runMain([](G* g) {
          gol_rt_debug_SetPanicOnFault(g, nullptr, true);
          gol_test_fault_load(g, nullptr, kWild);
        });
      },
      ::testing::ExitedWithCode(2),
      "^panic: runtime error: invalid memory address or nil pointer dereference\n\\[signal SIGSEGV: "
      "segmentation violation code=0x1 addr=0xdeadbeef pc=0x[0-9a-f]+\\]\n");
}

TEST_F(SignalFaultDeathTest, PanicOnFaultIsRecoverableAndPerGoroutine) {
  EXPECT_EXIT(
      {
        registerLoad();
        int rc = runMain([](G* g) {
          if (gol_rt_debug_SetPanicOnFault(g, nullptr, true)) _exit(3);
          auto op = [](G* g) { gol_test_fault_load(g, nullptr, kWild); };
          if (recovering(g, &op)) _exit(4);
          if (!gol_rt_debug_SetPanicOnFault(g, nullptr, false)) _exit(5);
          // Without it again, the same fault is fatal.
          gol_test_fault_load(g, nullptr, kWild);
        });
        _exit(rc == 0 ? 6 : 7);
      },
      ::testing::ExitedWithCode(2), "^unexpected fault address 0xdeadbeef\nfatal error: fault\n");
}

TEST_F(SignalFaultDeathTest, FaultOutsideGeneratedCodeIsARuntimeFailure) {
  EXPECT_EXIT(runMain([](G*) { (void)*reinterpret_cast<volatile int64_t*>(kWild); }), ::testing::ExitedWithCode(2),
              "^fatal error: unexpected signal during runtime execution\n\\[signal SIGSEGV: segmentation violation "
              "code=0x1 addr=0xdeadbeef pc=0x[0-9a-f]+\\]\n");
}

TEST(SignalFault, FaultErrorIsGosErrorAddressString) {
  TestG g;
  GolIface e = makeFaultError(&g, kWild);
  auto* t = static_cast<const GolType*>(e.tab);
  EXPECT_EQ(view(t->string), "runtime.errorAddressString");
  std::string text;
  ASSERT_TRUE(callErrorOrString(&g, e, &text));
  EXPECT_EQ(text, "runtime error: invalid memory address or nil pointer dereference");
  const GolMethod* addr = findMethod(t, "Addr");
  ASSERT_NE(addr, nullptr);
  EXPECT_EQ(view(addr->mtype->string), "func() uintptr");
  auto fn = reinterpret_cast<uintptr_t (*)(GolG*, void*, void*)>(addr->ifn);
  EXPECT_EQ(fn(&g, nullptr, e.data), kWild);
}

}  // namespace
