// constant.h — exact values of Go constant expressions (like go/constant).
//
// Invariants: integers are exact arbitrary-precision (BigInt); floats are exact
// rationals (BigRat, denominator > 0, reduced), so untyped arithmetic such as
// 1<<100>>98 or 0.1+0.2==0.3 is exact as the Go spec requires. A Value of
// kind Unknown stands for an erroneous constant and absorbs every operation.
// The checker bounds magnitudes (see kMaxBits) so values stay small.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/token.h"

namespace gol::constant {

class BigInt {
 public:
  BigInt() = default;
  BigInt(int64_t v);  // NOLINT: implicit on purpose, integers convert freely
  static BigInt fromUint64(uint64_t v);
  // Parses digits in base 2..16 (no prefix, no separators). Empty -> 0.
  static BigInt parse(std::string_view digits, int base);

  bool isZero() const { return mag_.empty(); }
  bool isNeg() const { return neg_; }
  int sign() const { return isZero() ? 0 : neg_ ? -1 : 1; }
  size_t bitLen() const;  // of the magnitude
  std::optional<int64_t> toInt64() const;
  std::optional<uint64_t> toUint64() const;
  double toDouble() const;
  std::string toString() const;  // decimal

  friend BigInt operator-(const BigInt& a);
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b);
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  // Truncated division (Go's / and %); b must be non-zero.
  static void divMod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r);
  friend BigInt operator<<(const BigInt& a, size_t n);
  friend BigInt operator>>(const BigInt& a, size_t n);  // arithmetic (floor)
  // Two's-complement bitwise operations, as Go defines them on constants.
  friend BigInt operator&(const BigInt& a, const BigInt& b);
  friend BigInt operator|(const BigInt& a, const BigInt& b);
  friend BigInt operator^(const BigInt& a, const BigInt& b);
  static BigInt andNot(const BigInt& a, const BigInt& b);
  static BigInt gcd(BigInt a, BigInt b);
  friend int compare(const BigInt& a, const BigInt& b);
  friend bool operator==(const BigInt& a, const BigInt& b) { return compare(a, b) == 0; }
  BigInt abs() const {
    BigInt r = *this;
    r.neg_ = false;
    return r;
  }

 private:
  void trim();
  static int cmpMag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
  static std::vector<uint32_t> addMag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
  static std::vector<uint32_t> subMag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
  static void divModMag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>& q,
                        std::vector<uint32_t>& r);
  std::vector<uint32_t> twos(size_t words) const;
  static BigInt fromTwos(std::vector<uint32_t> w);
  bool neg_ = false;
  std::vector<uint32_t> mag_;  // little-endian limbs, no leading zeros
};

class BigRat {
 public:
  BigRat() : num_(0), den_(1) {}
  BigRat(BigInt n) : num_(std::move(n)), den_(1) {}  // NOLINT
  BigRat(BigInt n, BigInt d);  // d != 0
  // Exact value of a Go float literal (decimal or hex, '_' allowed).
  static std::optional<BigRat> parseLiteral(std::string_view lit);
  static BigRat fromDouble(double d);
  const BigInt& num() const { return num_; }
  const BigInt& den() const { return den_; }
  bool isInt() const { return den_ == BigInt(1); }
  int sign() const { return num_.sign(); }
  double toDouble() const;  // correctly rounded
  float toFloat() const;    // correctly rounded
  // Largest magnitude of numerator/denominator in bits, to bound growth.
  size_t bitLen() const { return std::max(num_.bitLen(), den_.bitLen()); }
  friend BigRat operator-(const BigRat& a) { return BigRat(-a.num_, a.den_); }
  friend BigRat operator+(const BigRat& a, const BigRat& b);
  friend BigRat operator-(const BigRat& a, const BigRat& b);
  friend BigRat operator*(const BigRat& a, const BigRat& b);
  friend BigRat operator/(const BigRat& a, const BigRat& b);  // b != 0
  friend int compare(const BigRat& a, const BigRat& b);
  BigInt trunc() const;  // toward zero

 private:
  BigInt num_, den_;
};

enum class Kind : uint8_t { Unknown, Bool, String, Int, Float };

class Value {
 public:
  Value() = default;  // Unknown
  static Value makeBool(bool b);
  static Value makeString(std::string s);
  static Value makeInt(BigInt i);
  static Value makeInt64(int64_t i) { return makeInt(BigInt(i)); }
  static Value makeFloat(BigRat f);  // stays Float even if integral
  // From a literal token; Unknown if malformed.
  static Value fromLiteral(Tok tok, std::string_view lit);

  Kind kind() const { return kind_; }
  bool isKnown() const { return kind_ != Kind::Unknown; }
  bool boolVal() const { return b_; }
  const std::string& stringVal() const;
  const BigInt& intVal() const;
  BigRat ratVal() const;  // Int or Float as a rational
  std::optional<int64_t> int64Val() const;   // Int (or integral Float) fitting int64
  std::optional<uint64_t> uint64Val() const; // Int (or integral Float) fitting uint64
  double float64Val() const;  // Int or Float, rounded
  // Go's formatting for error messages: 300, 1e+100, 0.1, "str", true.
  std::string toString() const;
  // Exact decimal-ish form for debugging and tests ("3/10" for a rational).
  std::string exactString() const;

 private:
  // Values are copied a lot (operands, Info): the payload is shared and
  // immutable, so copies are cheap and an Unknown/bool value allocates nothing.
  struct Rep {
    std::string s;
    BigInt i;
    BigRat f;
  };
  Kind kind_ = Kind::Unknown;
  bool b_ = false;
  std::shared_ptr<const Rep> rep_;
};

// Integer-ness of a numeric value: Int, or Float with an integral value.
std::optional<BigInt> toInt(const Value& v);
Value toFloat(const Value& v);  // Int -> Float; Float unchanged

// Arithmetic on operands of matching kinds (the checker converts first).
// For Quo on integers with intDiv, truncated integer division is used.
// Returns Unknown for division by zero (checker reports it beforehand).
Value binaryOp(const Value& x, Tok op, const Value& y, bool intDiv);
Value unaryOp(Tok op, const Value& x, int unsignedBits);  // unsignedBits>0: ^x for uintN
Value shift(const Value& x, Tok op, uint64_t s);
bool compare(const Value& x, Tok op, const Value& y);

// Bit length beyond which integer constants are rejected (gc uses 512).
constexpr size_t kMaxBits = 512;

}  // namespace gol::constant
