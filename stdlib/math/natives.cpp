// natives.cpp — math's natives: bit conversions and libm. Go's special
// cases are libm's (C99 Annex F) for these functions, with three exceptions
// handled here: Pow10's table range, Ilogb's results for 0/Inf/NaN, and
// Frexp's exponent for 0/Inf/NaN.
#include <climits>
#include <cmath>
#include <cstring>

#include "stdlib/internal/symbols.h"

namespace {

struct FracExp {
  double frac;
  int64_t exp;
};

}  // namespace

extern "C" {

uint64_t gol_math_Float64bits(GolG*, void*, double f) {
  uint64_t b;
  memcpy(&b, &f, 8);
  return b;
}
double gol_math_Float64frombits(GolG*, void*, uint64_t b) {
  double f;
  memcpy(&f, &b, 8);
  return f;
}
uint32_t gol_math_Float32bits(GolG*, void*, float f) {
  uint32_t b;
  memcpy(&b, &f, 4);
  return b;
}
float gol_math_Float32frombits(GolG*, void*, uint32_t b) {
  float f;
  memcpy(&f, &b, 4);
  return f;
}

#define GOL_UNARY(name, fn) \
  double gol_math_##name(GolG*, void*, double x) { return fn(x); }
#define GOL_BINARY(name, fn) \
  double gol_math_##name(GolG*, void*, double x, double y) { return fn(x, y); }

GOL_UNARY(Sqrt, std::sqrt)
GOL_UNARY(Cbrt, std::cbrt)
GOL_UNARY(Exp, std::exp)
GOL_UNARY(Exp2, std::exp2)
GOL_UNARY(Expm1, std::expm1)
GOL_UNARY(Log, std::log)
GOL_UNARY(Log2, std::log2)
GOL_UNARY(Log10, std::log10)
GOL_UNARY(Log1p, std::log1p)
GOL_UNARY(Logb, std::logb)
GOL_UNARY(Floor, std::floor)
GOL_UNARY(Ceil, std::ceil)
GOL_UNARY(Trunc, std::trunc)
GOL_UNARY(Round, std::round)
GOL_UNARY(RoundToEven, std::nearbyint)
GOL_UNARY(Sin, std::sin)
GOL_UNARY(Cos, std::cos)
GOL_UNARY(Tan, std::tan)
GOL_UNARY(Asin, std::asin)
GOL_UNARY(Acos, std::acos)
GOL_UNARY(Atan, std::atan)
GOL_UNARY(Sinh, std::sinh)
GOL_UNARY(Cosh, std::cosh)
GOL_UNARY(Tanh, std::tanh)
GOL_UNARY(Asinh, std::asinh)
GOL_UNARY(Acosh, std::acosh)
GOL_UNARY(Atanh, std::atanh)
GOL_UNARY(Gamma, std::tgamma)
GOL_UNARY(Erf, std::erf)
GOL_UNARY(Erfc, std::erfc)
GOL_BINARY(Pow, std::pow)
GOL_BINARY(Mod, std::fmod)
GOL_BINARY(Remainder, std::remainder)
GOL_BINARY(Hypot, std::hypot)
GOL_BINARY(Atan2, std::atan2)
GOL_BINARY(Nextafter, std::nextafter)
#undef GOL_UNARY
#undef GOL_BINARY

double gol_math_FMA(GolG*, void*, double x, double y, double z) { return std::fma(x, y, z); }

// Go: 0 for n < -323, +Inf for n > 308, else the exact table value.
double gol_math_Pow10(GolG*, void*, int64_t n) {
  if (n < -323) return 0;
  if (n > 308) return HUGE_VAL;
  return std::pow(10.0, double(n));
}

// Go: Ilogb(±Inf) = MaxInt32, Ilogb(0) = MinInt32, Ilogb(NaN) = MaxInt32.
int64_t gol_math_Ilogb(GolG*, void*, double x) {
  if (x == 0) return INT32_MIN;
  if (std::isnan(x) || std::isinf(x)) return INT32_MAX;
  return std::ilogb(x);
}

FracExp gol_math_Frexp(GolG*, void*, double f) {
  if (f == 0 || std::isnan(f) || std::isinf(f)) return {f, 0};
  int e;
  double frac = std::frexp(f, &e);
  return {frac, e};
}

double gol_math_Ldexp(GolG*, void*, double frac, int64_t exp) {
  if (exp > INT_MAX) exp = INT_MAX;
  if (exp < INT_MIN) exp = INT_MIN;
  return std::ldexp(frac, int(exp));
}

}  // extern "C"

namespace gol::std_ {

Symbols mathSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("math.Acos", gol_math_Acos),
      GOL_NATIVE("math.Acosh", gol_math_Acosh),
      GOL_NATIVE("math.Asin", gol_math_Asin),
      GOL_NATIVE("math.Asinh", gol_math_Asinh),
      GOL_NATIVE("math.Atan", gol_math_Atan),
      GOL_NATIVE("math.Atan2", gol_math_Atan2),
      GOL_NATIVE("math.Atanh", gol_math_Atanh),
      GOL_NATIVE("math.Cbrt", gol_math_Cbrt),
      GOL_NATIVE("math.Ceil", gol_math_Ceil),
      GOL_NATIVE("math.Cos", gol_math_Cos),
      GOL_NATIVE("math.Cosh", gol_math_Cosh),
      GOL_NATIVE("math.Erf", gol_math_Erf),
      GOL_NATIVE("math.Erfc", gol_math_Erfc),
      GOL_NATIVE("math.Exp", gol_math_Exp),
      GOL_NATIVE("math.Exp2", gol_math_Exp2),
      GOL_NATIVE("math.Expm1", gol_math_Expm1),
      GOL_NATIVE("math.FMA", gol_math_FMA),
      GOL_NATIVE("math.Float32bits", gol_math_Float32bits),
      GOL_NATIVE("math.Float32frombits", gol_math_Float32frombits),
      GOL_NATIVE("math.Float64bits", gol_math_Float64bits),
      GOL_NATIVE("math.Float64frombits", gol_math_Float64frombits),
      GOL_NATIVE("math.Floor", gol_math_Floor),
      GOL_NATIVE("math.Frexp", gol_math_Frexp),
      GOL_NATIVE("math.Gamma", gol_math_Gamma),
      GOL_NATIVE("math.Hypot", gol_math_Hypot),
      GOL_NATIVE("math.Ilogb", gol_math_Ilogb),
      GOL_NATIVE("math.Ldexp", gol_math_Ldexp),
      GOL_NATIVE("math.Log", gol_math_Log),
      GOL_NATIVE("math.Log10", gol_math_Log10),
      GOL_NATIVE("math.Log1p", gol_math_Log1p),
      GOL_NATIVE("math.Log2", gol_math_Log2),
      GOL_NATIVE("math.Logb", gol_math_Logb),
      GOL_NATIVE("math.Mod", gol_math_Mod),
      GOL_NATIVE("math.Nextafter", gol_math_Nextafter),
      GOL_NATIVE("math.Pow", gol_math_Pow),
      GOL_NATIVE("math.Pow10", gol_math_Pow10),
      GOL_NATIVE("math.Remainder", gol_math_Remainder),
      GOL_NATIVE("math.Round", gol_math_Round),
      GOL_NATIVE("math.RoundToEven", gol_math_RoundToEven),
      GOL_NATIVE("math.Sin", gol_math_Sin),
      GOL_NATIVE("math.Sinh", gol_math_Sinh),
      GOL_NATIVE("math.Sqrt", gol_math_Sqrt),
      GOL_NATIVE("math.Tan", gol_math_Tan),
      GOL_NATIVE("math.Tanh", gol_math_Tanh),
      GOL_NATIVE("math.Trunc", gol_math_Trunc),
  };
  return table;
}

}  // namespace gol::std_
