// Maps: insert, lookup, update, delete, growth, iteration (including
// mutation during iteration), generic keys, NaN keys, the by-value fast
// paths agreeing with the generic entry points, and the collector.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>

#include "runtime/mgc.h"
#include "runtime/typedesc.h"
#include "tests/unit/runtime/mem_testutil.h"

using namespace gol::rt;
using namespace gol::rt::testing;

namespace {

struct Pair {
  int64_t a;
  GolString b;
};
const GolField kPairFields[2] = {{lit("a"), &kIntType, 0, 0, 1, {}, {}},
                                 {lit("b"), &kStringType, 8, 0, 1, {}, {}}};
const uint8_t kPairMask[1] = {2};
const GolType kPairType = {24, 16, kPairMask, 10, GOL_KIND_STRUCT, 8, GOL_TF_COMPARABLE, lit("main.Pair"),
                           lit("main"), nullptr, nullptr, 0, kPairFields, 2, 0, nullptr, 0, nullptr, 0};

const GolType kStrInt = mapType(&kStringType, &kIntType);
const GolType kIntInt = mapType(&kIntType, &kIntType);
const GolType kPairInt = mapType(&kPairType, &kIntType);
const GolType kAnyInt = mapType(&kAnyType, &kIntType);
const GolType kFloatInt = mapType(&kFloatType, &kIntType);
const GolType kI32Int = mapType(&typeInt32, &kIntType);

// Keeps gol strings alive and rooted for the duration of a test.
struct Strings {
  std::set<std::string> pool;
  GolString get(const std::string& s) {
    auto& kept = *pool.insert(s).first;
    return GolString{reinterpret_cast<const uint8_t*>(kept.data()), int64_t(kept.size())};
  }
};

int64_t get(TestG& g, const GolType* mt, GolMap* m, const void* key, bool* ok = nullptr) {
  int32_t found;
  int64_t v = *static_cast<int64_t*>(gol_mapaccess(&g, mt, m, key, &found));
  if (ok) *ok = found;
  return v;
}

void put(TestG& g, const GolType* mt, GolMap* m, const void* key, int64_t v) {
  *static_cast<int64_t*>(gol_mapassign(&g, mt, m, key)) = v;
}

std::map<int64_t, int64_t> collectIntMap(TestG& g, const GolType* mt, GolMap* m) {
  GolMapIter it;
  std::map<int64_t, int64_t> out;
  for (gol_mapiterinit(&g, mt, m, &it); it.key; gol_mapiternext(&g, &it)) {
    int64_t k = *static_cast<int64_t*>(it.key);
    EXPECT_TRUE(out.emplace(k, *static_cast<int64_t*>(it.value)).second) << "key produced twice";
  }
  return out;
}

}  // namespace

TEST(MapBasic, IntKeysInsertLookupUpdateDeleteAndGrow) {
  TestG g;
  RootFrame<1> roots(&g);
  GolMap* m = gol_makemap(&g, &kIntInt, 0);
  roots[0] = m;
  for (int64_t i = 0; i < 10000; i++) put(g, &kIntInt, m, &i, i * 3);
  EXPECT_EQ(gol_maplen(m), 10000);
  for (int64_t i = 0; i < 10000; i++) ASSERT_EQ(get(g, &kIntInt, m, &i), i * 3);
  for (int64_t i = 0; i < 10000; i += 2) gol_mapdelete(&g, &kIntInt, m, &i);
  EXPECT_EQ(gol_maplen(m), 5000);
  for (int64_t i = 0; i < 10000; i++) {
    bool ok;
    int64_t v = get(g, &kIntInt, m, &i, &ok);
    ASSERT_EQ(ok, i % 2 == 1);
    ASSERT_EQ(v, ok ? i * 3 : 0);
  }
  int64_t k = 7;
  put(g, &kIntInt, m, &k, -1);
  EXPECT_EQ(get(g, &kIntInt, m, &k), -1);
  EXPECT_EQ(gol_maplen(m), 5000);
}

TEST(MapBasic, StringKeysCompareByContent) {
  TestG g;
  Strings s;
  GolMap* m = gol_makemap(&g, &kStrInt, 100);
  for (int i = 0; i < 300; i++) {
    GolString k = s.get("key" + std::to_string(i));
    put(g, &kStrInt, m, &k, i);
  }
  for (int i = 0; i < 300; i++) {
    std::string copy = "key" + std::to_string(i);
    GolString k{reinterpret_cast<const uint8_t*>(copy.data()), int64_t(copy.size())};
    ASSERT_EQ(get(g, &kStrInt, m, &k), i);
  }
  GolString missing = s.get("nope");
  bool ok;
  EXPECT_EQ(get(g, &kStrInt, m, &missing, &ok), 0);
  EXPECT_FALSE(ok);
}

// The compiler uses the by-value entry points for string, 4- and 8-byte keys
// and the generic ones elsewhere (a range loop's lookups after growth, for
// one): both must agree on every entry of one map.
TEST(MapFast, StringEntryPointsAgreeWithTheGenericOnes) {
  TestG g;
  Strings s;
  RootFrame<1> roots(&g);
  GolMap* m = gol_makemap(&g, &kStrInt, 0);
  roots[0] = m;
  for (int i = 0; i < 2000; i++) {
    std::string k = "k" + std::to_string(i) + std::string(size_t(i % 40), 'x');   // 2..44 bytes
    GolString gk = s.get(k);
    if (i % 2) {
      put(g, &kStrInt, m, &gk, i);
    } else {
      *static_cast<int64_t*>(gol_mapassign_faststr(&g, &kStrInt, m, gk.ptr, gk.len)) = i;
    }
  }
  EXPECT_EQ(gol_maplen(m), 2000);
  for (int i = 0; i < 2000; i++) {
    std::string k = "k" + std::to_string(i) + std::string(size_t(i % 40), 'x');
    GolString gk{reinterpret_cast<const uint8_t*>(k.data()), int64_t(k.size())};
    int32_t ok = 0;
    ASSERT_EQ(*static_cast<int64_t*>(gol_mapaccess_faststr(&g, &kStrInt, m, gk.ptr, gk.len, &ok)), i);
    ASSERT_TRUE(ok);
    ASSERT_EQ(get(g, &kStrInt, m, &gk), i);
    if (i % 3 == 0) gol_mapdelete_faststr(&g, &kStrInt, m, gk.ptr, gk.len);
  }
  EXPECT_EQ(gol_maplen(m), 2000 - 667);
  int32_t ok = 1;
  EXPECT_EQ(*static_cast<int64_t*>(gol_mapaccess_faststr(&g, &kStrInt, m, nullptr, 0, &ok)), 0);
  EXPECT_FALSE(ok);
  EXPECT_EQ(*static_cast<int64_t*>(gol_mapaccess_faststr(&g, &kStrInt, nullptr, nullptr, 0, nullptr)), 0);
}

TEST(MapFast, WordEntryPointsAgreeWithTheGenericOnes) {
  TestG g;
  RootFrame<1> roots(&g);
  GolMap* m = gol_makemap(&g, &kIntInt, 0);
  roots[0] = m;
  for (int64_t i = -3000; i < 3000; i++) {
    if (i % 2) {
      put(g, &kIntInt, m, &i, i * 7);
    } else {
      *static_cast<int64_t*>(gol_mapassign_fast64(&g, &kIntInt, m, uint64_t(i))) = i * 7;
    }
  }
  for (int64_t i = -3000; i < 3000; i++) {
    int32_t ok = 0;
    ASSERT_EQ(*static_cast<int64_t*>(gol_mapaccess_fast64(&g, &kIntInt, m, uint64_t(i), &ok)), i * 7);
    ASSERT_TRUE(ok);
    ASSERT_EQ(get(g, &kIntInt, m, &i), i * 7);
    if (i % 5 == 0) gol_mapdelete_fast64(&g, &kIntInt, m, uint64_t(i));
  }
  EXPECT_EQ(gol_maplen(m), 6000 - 1200);
  EXPECT_EQ(collectIntMap(g, &kIntInt, m).size(), 4800u);

  GolMap* m32 = gol_makemap(&g, &kI32Int, 0);
  roots[0] = m32;
  for (int32_t i = -500; i < 500; i++) {
    if (i % 2) {
      put(g, &kI32Int, m32, &i, i);
    } else {
      *static_cast<int64_t*>(gol_mapassign_fast32(&g, &kI32Int, m32, uint32_t(i))) = i;
    }
  }
  for (int32_t i = -500; i < 500; i++) {
    ASSERT_EQ(*static_cast<int64_t*>(gol_mapaccess_fast32(&g, &kI32Int, m32, uint32_t(i), nullptr)), i);
    ASSERT_EQ(get(g, &kI32Int, m32, &i), i);
    gol_mapdelete_fast32(&g, &kI32Int, m32, uint32_t(i));
  }
  EXPECT_EQ(gol_maplen(m32), 0);
}

TEST(MapBasic, StructKeysCompareFieldByField) {
  TestG g;
  Strings s;
  GolMap* m = gol_makemap(&g, &kPairInt, 0);
  Pair a{1, s.get("x")}, b{1, s.get("y")}, a2{1, s.get("x")};
  put(g, &kPairInt, m, &a, 10);
  put(g, &kPairInt, m, &b, 20);
  EXPECT_EQ(get(g, &kPairInt, m, &a2), 10);
  EXPECT_EQ(gol_maplen(m), 2);
}

TEST(MapBasic, InterfaceKeysUseDynamicTypeAndValue) {
  TestG g;
  GolMap* m = gol_makemap(&g, &kAnyInt, 0);
  int64_t one = 1;
  double onef = 1.0;
  GolIface ki{&kIntType, &one}, kf{&kFloatType, &onef}, knil{nullptr, nullptr};
  put(g, &kAnyInt, m, &ki, 1);
  put(g, &kAnyInt, m, &kf, 2);
  put(g, &kAnyInt, m, &knil, 3);
  int64_t oneAgain = 1;
  GolIface ki2{&kIntType, &oneAgain};
  EXPECT_EQ(get(g, &kAnyInt, m, &ki2), 1);
  EXPECT_EQ(get(g, &kAnyInt, m, &kf), 2);
  EXPECT_EQ(get(g, &kAnyInt, m, &knil), 3);
  EXPECT_EQ(gol_maplen(m), 3);
}

TEST(MapBasic, NaNKeysAreAlwaysNewAndZeroesAreOneKey) {
  TestG g;
  GolMap* m = gol_makemap(&g, &kFloatInt, 0);
  double nan = std::nan("");
  put(g, &kFloatInt, m, &nan, 1);
  put(g, &kFloatInt, m, &nan, 2);
  bool ok;
  get(g, &kFloatInt, m, &nan, &ok);
  EXPECT_FALSE(ok);
  double pz = 0.0, nz = -0.0;
  put(g, &kFloatInt, m, &pz, 5);
  EXPECT_EQ(get(g, &kFloatInt, m, &nz), 5);
  EXPECT_EQ(gol_maplen(m), 3);
  gol_mapdelete(&g, &kFloatInt, m, &nan);
  EXPECT_EQ(gol_maplen(m), 3);
  int n = 0;
  GolMapIter it;
  for (gol_mapiterinit(&g, &kFloatInt, m, &it); it.key; gol_mapiternext(&g, &it)) n++;
  EXPECT_EQ(n, 3);
}

TEST(MapBasic, NilMapReadsZeroAndHasLengthZero) {
  TestG g;
  int64_t k = 1;
  bool ok;
  EXPECT_EQ(get(g, &kIntInt, nullptr, &k, &ok), 0);
  EXPECT_FALSE(ok);
  EXPECT_EQ(gol_maplen(nullptr), 0);
  gol_mapdelete(&g, &kIntInt, nullptr, &k);
  GolMapIter it;
  gol_mapiterinit(&g, &kIntInt, nullptr, &it);
  EXPECT_EQ(it.key, nullptr);
}

TEST(MapIter, ProducesEveryEntryOnceInRandomizedOrder) {
  TestG g;
  GolMap* m = gol_makemap(&g, &kIntInt, 0);
  for (int64_t i = 0; i < 100; i++) put(g, &kIntInt, m, &i, i + 1);
  auto all = collectIntMap(g, &kIntInt, m);
  ASSERT_EQ(all.size(), 100u);
  for (auto [k, v] : all) EXPECT_EQ(v, k + 1);
  std::set<int64_t> firsts;
  for (int round = 0; round < 50; round++) {
    GolMapIter it;
    gol_mapiterinit(&g, &kIntInt, m, &it);
    firsts.insert(*static_cast<int64_t*>(it.key));
  }
  EXPECT_GT(firsts.size(), 1u);
}

TEST(MapIter, DeletedEntriesAreNotProducedEvenAfterGrowth) {
  TestG g;
  RootFrame<1> roots(&g);
  GolMap* m = gol_makemap(&g, &kIntInt, 0);
  roots[0] = m;
  for (int64_t i = 0; i < 64; i++) put(g, &kIntInt, m, &i, i);
  GolMapIter it;
  std::set<int64_t> seen;
  bool mutated = false;
  for (gol_mapiterinit(&g, &kIntInt, m, &it); it.key; gol_mapiternext(&g, &it)) {
    int64_t k = *static_cast<int64_t*>(it.key);
    EXPECT_TRUE(seen.insert(k).second);
    if (mutated && k < 64) {
      EXPECT_EQ(k % 2, 0) << "deleted key " << k << " produced";
    }
    if (!mutated) {
      mutated = true;
      // delete every odd key not yet seen, then force growth
      for (int64_t j = 1; j < 64; j += 2)
        if (j != k) gol_mapdelete(&g, &kIntInt, m, &j);
      for (int64_t j = 1000; j < 3000; j++) put(g, &kIntInt, m, &j, j);
    }
  }
  for (int64_t j = 0; j < 64; j += 2) EXPECT_TRUE(seen.count(j)) << j;
}

TEST(MapIter, ValuesUpdatedDuringIterationAreSeen) {
  TestG g;
  GolMap* m = gol_makemap(&g, &kIntInt, 0);
  for (int64_t i = 0; i < 50; i++) put(g, &kIntInt, m, &i, 0);
  GolMapIter it;
  for (gol_mapiterinit(&g, &kIntInt, m, &it); it.key; gol_mapiternext(&g, &it)) {
    int64_t next = (*static_cast<int64_t*>(it.key) + 1) % 50;
    put(g, &kIntInt, m, &next, 1);
  }
  for (auto [k, v] : collectIntMap(g, &kIntInt, m)) EXPECT_EQ(v, 1);
}

TEST(MapBasic, ClearEmptiesTheMapAndStopsIteration) {
  TestG g;
  GolMap* m = gol_makemap(&g, &kIntInt, 0);
  for (int64_t i = 0; i < 100; i++) put(g, &kIntInt, m, &i, i);
  GolMapIter it;
  gol_mapiterinit(&g, &kIntInt, m, &it);
  gol_mapclear(&g, &kIntInt, m);
  gol_mapiternext(&g, &it);
  EXPECT_EQ(it.key, nullptr);
  EXPECT_EQ(gol_maplen(m), 0);
  int64_t k = 5;
  put(g, &kIntInt, m, &k, 6);
  EXPECT_EQ(get(g, &kIntInt, m, &k), 6);
}

TEST(MapGC, CollectorKeepsKeysAndValuesOfRootedMaps) {
  TestG g;
  RootFrame<1> roots(&g);
  // Map layouts are cached by type address: the type must outlive the test.
  static const GolType strStr = mapType(&kStringType, &kStringType);
  GolMap* m = gol_makemap(&g, &strStr, 0);
  roots[0] = m;
  for (int i = 0; i < 2000; i++) {
    std::string ks = "k" + std::to_string(i), vs = "value" + std::to_string(i);
    GolString k = gol_bytes_to_string(&g, reinterpret_cast<const uint8_t*>(ks.data()), int64_t(ks.size()));
    RootFrame<1> kr(&g);
    kr[0] = const_cast<uint8_t*>(k.ptr);
    GolString v = gol_bytes_to_string(&g, reinterpret_cast<const uint8_t*>(vs.data()), int64_t(vs.size()));
    *static_cast<GolString*>(gol_mapassign(&g, &strStr, m, &k)) = v;
  }
  G* gs[1] = {&g};
  gcCollectGoroutines(gs, 1);
  for (int i = 0; i < 500; i++) gol_alloc(&g, &kBytesType, 16);   // reuse freed memory
  for (int i = 0; i < 2000; i++) {
    std::string ks = "k" + std::to_string(i), vs = "value" + std::to_string(i);
    GolString k{reinterpret_cast<const uint8_t*>(ks.data()), int64_t(ks.size())};
    int32_t ok;
    auto* v = static_cast<GolString*>(gol_mapaccess(&g, &strStr, m, &k, &ok));
    ASSERT_TRUE(ok);
    ASSERT_EQ(std::string(reinterpret_cast<const char*>(v->ptr), size_t(v->len)), vs);
  }
}

TEST(MapBasic, HugeHintsAreIgnoredAsInGo) {
  TestG g;
  GolMap* m = gol_makemap(&g, &kIntInt, int64_t(1) << 60);
  int64_t k = 1;
  put(g, &kIntInt, m, &k, 2);
  EXPECT_EQ(get(g, &kIntInt, m, &k), 2);
  EXPECT_NE(gol_makemap(&g, &kIntInt, -5), nullptr);
}

namespace {
GolIface sliceKey() {
  static GolSlice s{nullptr, 0, 0};
  return GolIface{&kIntSliceType, &s};
}
void lookupSliceKeyInNilMap() {
  TestG g;
  GolIface k = sliceKey();
  gol_mapaccess(&g, &kAnyInt, nullptr, &k, nullptr);
}
void assignSliceKey() {
  TestG g;
  GolIface k = sliceKey();
  gol_mapassign(&g, &kAnyInt, gol_makemap(&g, &kAnyInt, 0), &k);
}
}  // namespace

TEST(MapBasicDeathTest, UnhashableKeysPanicEvenOnNilMaps) {
  EXPECT_EXIT(lookupSliceKeyInNilMap(), ::testing::ExitedWithCode(2),
              "^panic: runtime error: hash of unhashable type \\[\\]int\n");
  EXPECT_EXIT(assignSliceKey(), ::testing::ExitedWithCode(2),
              "^panic: runtime error: hash of unhashable type \\[\\]int\n");
}
