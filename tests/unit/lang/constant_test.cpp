// constant_test.cpp — arbitrary-precision arithmetic behind Go constants.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "lang/constant.h"

namespace {

using namespace gol::constant;

TEST(BigInt, DivisionMatchesDefinition) {
  std::mt19937_64 rng(7);
  auto random = [&](int limbs) {
    BigInt x = 0;
    for (int i = 0; i < limbs; i++) x = (x << 32) + BigInt::fromUint64(rng() & 0xffffffff);
    return (rng() & 1) ? -x : x;
  };
  for (int it = 0; it < 5000; it++) {
    BigInt a = random(1 + int(rng() % 8)), b = random(1 + int(rng() % 5));
    if (rng() % 4 == 0) b = BigInt::fromUint64(0xffffffff) << size_t(rng() % 64);
    if (b.isZero()) continue;
    BigInt q, r;
    BigInt::divMod(a, b, q, r);
    ASSERT_TRUE(q * b + r == a) << a.toString() << " / " << b.toString();
    ASSERT_LT(compare(r.abs(), b.abs()), 0);
    if (!r.isZero()) ASSERT_EQ(r.isNeg(), a.isNeg());
  }
}

TEST(BigInt, TwosComplementBitOps) {
  EXPECT_EQ((BigInt(-6) & BigInt(3)).toString(), "2");
  EXPECT_EQ((BigInt(-6) | BigInt(3)).toString(), "-5");
  EXPECT_EQ((BigInt(-6) ^ BigInt(3)).toString(), "-7");
  EXPECT_EQ(BigInt::andNot(BigInt(7), BigInt(-2)).toString(), "1");
  EXPECT_EQ((BigInt(-7) >> 1).toString(), "-4");  // arithmetic shift floors
  EXPECT_EQ(((BigInt(1) << 100) >> 98).toString(), "4");
  EXPECT_EQ((BigInt(1) << 64).toString(), "18446744073709551616");
}

TEST(Value, Literals) {
  EXPECT_EQ(Value::fromLiteral(gol::Tok::Int, "0x_FF").exactString(), "255");
  EXPECT_EQ(Value::fromLiteral(gol::Tok::Int, "0o17").exactString(), "15");
  EXPECT_EQ(Value::fromLiteral(gol::Tok::Int, "017").exactString(), "15");
  EXPECT_EQ(Value::fromLiteral(gol::Tok::Float, "1.5e3").exactString(), "1500");
  EXPECT_EQ(Value::fromLiteral(gol::Tok::Float, "0x1p-2").exactString(), "1/4");
  EXPECT_EQ(Value::fromLiteral(gol::Tok::Float, "0.1").exactString(), "1/10");
  EXPECT_EQ(Value::fromLiteral(gol::Tok::Float, "1e100").toString(), "1e+100");
}

TEST(BigRat, RoundsToNearestDouble) {
  auto v = Value::fromLiteral(gol::Tok::Float, "0.1");
  EXPECT_EQ(v.float64Val(), 0.1);
  EXPECT_EQ(v.ratVal().toFloat(), 0.1f);
  auto big = Value::fromLiteral(gol::Tok::Float, "1.7976931348623157e308");
  EXPECT_EQ(big.float64Val(), 1.7976931348623157e308);
  auto tiny = Value::fromLiteral(gol::Tok::Float, "4.9406564584124654e-324");
  EXPECT_EQ(tiny.float64Val(), 4.9406564584124654e-324);
}

// Subnormal results are rounded once, on the subnormal grid: rounding to 53
// bits first and then to the grid would move values just below the smallest
// normal (Go 1.19 test/fixedbugs/bug321.go) up to it.
TEST(BigRat, RoundsSubnormalsOnce) {
  auto f64 = [](const char* lit) { return Value::fromLiteral(gol::Tok::Float, lit).float64Val(); };
  auto f32 = [](const char* lit) { return Value::fromLiteral(gol::Tok::Float, lit).ratVal().toFloat(); };
  EXPECT_EQ(f64("2.2250738585072011e-308"), std::ldexp(double((1ull << 52) - 1), -1074));
  EXPECT_EQ(f64("2.2250738585072012e-308"), std::ldexp(1.0, -1022));
  EXPECT_EQ(f64("1e-320"), std::ldexp(2024.0, -1074));
  EXPECT_EQ(f64("2.4703282292062328e-324"), std::ldexp(1.0, -1074));  // just above half the smallest
  EXPECT_EQ(f64("2.4703282292062327e-324"), 0.0);                     // just below it
  EXPECT_EQ(f64("0x1p-1075"), 0.0);                                   // the tie goes to even 0
  EXPECT_EQ(f64("0x3p-1075"), std::ldexp(2.0, -1074));                // 1.5 ulp: tie to even 2
  EXPECT_EQ(f32("1.4e-45"), std::ldexp(1.0f, -149));
  EXPECT_EQ(f32("7.006492321624085e-46"), 0.0f);
  EXPECT_EQ(f32("1.1754942e-38"), std::ldexp(float((1u << 23) - 1), -149));
}

}  // namespace
