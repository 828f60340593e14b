// Itabs built at run time and the conversion panics of interfaces.
#include <gtest/gtest.h>

#include <string>

#include "runtime/panic.h"
#include "runtime/typedesc.h"
#include "tests/unit/runtime/mem_testutil.h"

using namespace gol::rt;
using namespace gol::rt::testing;

namespace {

GolString methodA(GolG*, void*, void*) { return lit("A"); }
GolString methodB(GolG*, void*, void*) { return lit("B"); }
GolString methodC(GolG*, void*, void*) { return lit("C"); }

// func() string, built separately from the runtime's own descriptor: method
// types match by identity of unnamed types, not by pointer.
const GolField kOutString[1] = {{lit("string"), &kStringType, 0, 0, 0, {}, {}}};
const GolType kFnString = {8, 8, kMaskP, fnv1a("func() string"), GOL_KIND_FUNC, 8, GOL_TF_DIRECT_IFACE,
                           lit("func() string"), {}, nullptr, nullptr, 0, kOutString, 1, 0,
                           nullptr, 0, nullptr, 0};

const GolMethod kTMethods[3] = {
    {lit("A"), {}, &kFnString, reinterpret_cast<void*>(&methodA)},
    {lit("B"), {}, &kFnString, reinterpret_cast<void*>(&methodB)},
    {lit("C"), {}, &kFnString, reinterpret_cast<void*>(&methodC)},
};
const GolType kT = {8, 0, nullptr, 20, GOL_KIND_INT, 8, GOL_TF_COMPARABLE | GOL_TF_NAMED, lit("main.T"),
                    lit("main"), nullptr, nullptr, 0, nullptr, 0, 0, kTMethods, 3, nullptr, 0};

const GolIMethod kACMethods[2] = {{lit("A"), {}, &typeFuncString}, {lit("C"), {}, &typeFuncString}};
const GolType kIfaceAC = {16, 16, kMaskIface, 21, GOL_KIND_INTERFACE, 8, GOL_TF_COMPARABLE | GOL_TF_NAMED,
                          lit("main.AC"), lit("main"), nullptr, nullptr, 0, nullptr, 0, 0, nullptr, 0,
                          kACMethods, 2};
const GolIMethod kADMethods[2] = {{lit("A"), {}, &typeFuncString}, {lit("D"), {}, &typeFuncString}};
const GolType kIfaceAD = {16, 16, kMaskIface, 22, GOL_KIND_INTERFACE, 8, GOL_TF_COMPARABLE | GOL_TF_NAMED,
                          lit("main.I"), lit("main"), nullptr, nullptr, 0, nullptr, 0, 0, nullptr, 0,
                          kADMethods, 2};

std::string call(const GolItab* tab, int i) {
  auto fn = reinterpret_cast<GolString (*)(GolG*, void*, void*)>(tab->fun[i]);
  return std::string(view(fn(nullptr, nullptr, nullptr)));
}

}  // namespace

TEST(Itab, BuildsByMergingSortedMethodTablesAndCaches) {
  TestG g;
  const GolItab* tab = gol_getitab(&g, &kIfaceAC, &kT, 0);
  ASSERT_NE(tab, nullptr);
  EXPECT_EQ(tab->inter, &kIfaceAC);
  EXPECT_EQ(tab->type, &kT);
  EXPECT_EQ(tab->hash, kT.hash);
  EXPECT_EQ(call(tab, 0), "A");
  EXPECT_EQ(call(tab, 1), "C");
  EXPECT_EQ(gol_getitab(&g, &kIfaceAC, &kT, 0), tab);
}

TEST(Itab, MissingMethodFailsSoftlyWhenAllowed) {
  TestG g;
  EXPECT_EQ(gol_getitab(&g, &kIfaceAD, &kT, 1), nullptr);
  EXPECT_EQ(gol_getitab(&g, &kIfaceAD, &kT, 1), nullptr);
  EXPECT_EQ(gol_getitab(&g, &kIfaceAD, nullptr, 1), nullptr);
}

TEST(Itab, ManyTypesFillAndGrowTheCache) {
  TestG g;
  static GolType types[500];
  for (int i = 0; i < 500; i++) {
    types[i] = kT;
    types[i].hash = uint32_t(i);
  }
  for (int i = 0; i < 500; i++) ASSERT_EQ(gol_getitab(&g, &kIfaceAC, &types[i], 0)->type, &types[i]);
  for (int i = 0; i < 500; i++) ASSERT_EQ(gol_getitab(&g, &kIfaceAC, &types[i], 0)->type, &types[i]);
}

TEST(ItabDeathTest, MissingMethodPanicsWithGosMessage) {
  EXPECT_EXIT({
    TestG g;
    gol_getitab(&g, &kIfaceAD, &kT, 0);
  }, ::testing::ExitedWithCode(2), "^panic: interface conversion: main.T is not main.I: missing method D\n");
  EXPECT_EXIT({
    TestG g;
    gol_panic_assert(&g, &kT, &kIfaceAD, &kAnyType);
  }, ::testing::ExitedWithCode(2), "^panic: interface conversion: main.T is not main.I: missing method D\n");
}
