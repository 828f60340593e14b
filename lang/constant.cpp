// constant.cpp — arbitrary-precision integers, rationals and constant values.
//
// Invariants: BigInt magnitudes have no leading zero limbs and zero is never
// negative; BigRat is reduced with a positive denominator. Bitwise operations
// use infinite two's complement, as Go's untyped constants do. Algorithms are
// schoolbook: constants in real programs are small and the checker bounds
// their size, so simplicity beats asymptotics here.
#include "lang/constant.h"
#include "lang/lexer.h"

#include <cmath>
#include <cstdio>
#include <algorithm>

namespace gol::constant {

// ---- BigInt -------------------------------------------------------------------

BigInt::BigInt(int64_t v) {
  neg_ = v < 0;
  uint64_t m = neg_ ? uint64_t(0) - uint64_t(v) : uint64_t(v);
  while (m) {
    mag_.push_back(uint32_t(m));
    m >>= 32;
  }
}

BigInt BigInt::fromUint64(uint64_t v) {
  BigInt r;
  while (v) {
    r.mag_.push_back(uint32_t(v));
    v >>= 32;
  }
  return r;
}

void BigInt::trim() {
  while (!mag_.empty() && mag_.back() == 0) mag_.pop_back();
  if (mag_.empty()) neg_ = false;
}

BigInt BigInt::parse(std::string_view digits, int base) {
  BigInt r;
  for (char c : digits) {
    int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    uint64_t carry = uint64_t(d);
    for (auto& limb : r.mag_) {
      uint64_t t = uint64_t(limb) * uint64_t(base) + carry;
      limb = uint32_t(t);
      carry = t >> 32;
    }
    if (carry) r.mag_.push_back(uint32_t(carry));
  }
  r.trim();
  return r;
}

size_t BigInt::bitLen() const {
  if (mag_.empty()) return 0;
  size_t n = (mag_.size() - 1) * 32;
  uint32_t top = mag_.back();
  while (top) {
    n++;
    top >>= 1;
  }
  return n;
}

std::optional<uint64_t> BigInt::toUint64() const {
  if (neg_ || mag_.size() > 2) return std::nullopt;
  uint64_t v = 0;
  for (size_t i = mag_.size(); i-- > 0;) v = (v << 32) | mag_[i];
  return v;
}

std::optional<int64_t> BigInt::toInt64() const {
  if (mag_.size() > 2) return std::nullopt;
  uint64_t v = 0;
  for (size_t i = mag_.size(); i-- > 0;) v = (v << 32) | mag_[i];
  if (!neg_) {
    if (v > uint64_t(INT64_MAX)) return std::nullopt;
    return int64_t(v);
  }
  if (v > uint64_t(INT64_MAX) + 1) return std::nullopt;
  return int64_t(uint64_t(0) - v);
}

double BigInt::toDouble() const { return BigRat(*this).toDouble(); }

std::string BigInt::toString() const {
  if (mag_.empty()) return "0";
  std::vector<uint32_t> m = mag_;
  std::string s;
  while (!m.empty()) {
    uint64_t rem = 0;
    for (size_t i = m.size(); i-- > 0;) {
      uint64_t cur = (rem << 32) | m[i];
      m[i] = uint32_t(cur / 1000000000u);
      rem = cur % 1000000000u;
    }
    while (!m.empty() && m.back() == 0) m.pop_back();
    for (int k = 0; k < 9; k++) {
      s += char('0' + rem % 10);
      rem /= 10;
      if (m.empty() && rem == 0) break;
    }
  }
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (neg_) s += '-';
  std::reverse(s.begin(), s.end());
  return s;
}

int BigInt::cmpMag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

std::vector<uint32_t> BigInt::addMag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> r(std::max(a.size(), b.size()) + 1);
  uint64_t carry = 0;
  for (size_t i = 0; i < r.size(); i++) {
    uint64_t t = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
    r[i] = uint32_t(t);
    carry = t >> 32;
  }
  return r;
}

// |a| >= |b|
std::vector<uint32_t> BigInt::subMag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> r(a.size());
  int64_t borrow = 0;
  for (size_t i = 0; i < a.size(); i++) {
    int64_t t = int64_t(a[i]) - borrow - (i < b.size() ? int64_t(b[i]) : 0);
    borrow = t < 0;
    r[i] = uint32_t(t + (borrow << 32));
  }
  return r;
}

BigInt operator-(const BigInt& a) {
  BigInt r = a;
  if (!r.mag_.empty()) r.neg_ = !r.neg_;
  return r;
}

BigInt operator+(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.neg_ == b.neg_) {
    r.mag_ = BigInt::addMag(a.mag_, b.mag_);
    r.neg_ = a.neg_;
  } else if (BigInt::cmpMag(a.mag_, b.mag_) >= 0) {
    r.mag_ = BigInt::subMag(a.mag_, b.mag_);
    r.neg_ = a.neg_;
  } else {
    r.mag_ = BigInt::subMag(b.mag_, a.mag_);
    r.neg_ = b.neg_;
  }
  r.trim();
  return r;
}

BigInt operator-(const BigInt& a, const BigInt& b) { return a + (-b); }

BigInt operator*(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.isZero() || b.isZero()) return r;
  r.mag_.assign(a.mag_.size() + b.mag_.size(), 0);
  for (size_t i = 0; i < a.mag_.size(); i++) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.mag_.size(); j++) {
      uint64_t t = uint64_t(a.mag_[i]) * b.mag_[j] + r.mag_[i + j] + carry;
      r.mag_[i + j] = uint32_t(t);
      carry = t >> 32;
    }
    r.mag_[i + b.mag_.size()] += uint32_t(carry);
  }
  r.neg_ = a.neg_ != b.neg_;
  r.trim();
  return r;
}

// Long division on magnitudes (Knuth, TAOCP vol. 2, 4.3.1, algorithm D).
void BigInt::divModMag(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<uint32_t>& q,
                       std::vector<uint32_t>& r) {
  q.assign(a.size(), 0);
  r.clear();
  if (cmpMag(a, b) < 0) {
    q.clear();
    r = a;
    return;
  }
  if (b.size() == 1) {
    uint64_t rem = 0;
    for (size_t i = a.size(); i-- > 0;) {
      uint64_t cur = (rem << 32) | a[i];
      q[i] = uint32_t(cur / b[0]);
      rem = cur % b[0];
    }
    if (rem) r.push_back(uint32_t(rem));
    return;
  }
  // normalize so the divisor's top limb has its high bit set
  int s = __builtin_clz(b.back());
  size_t n = b.size(), m = a.size() - b.size();
  std::vector<uint32_t> v(n), u(a.size() + 1);
  for (size_t i = n; i-- > 0;) v[i] = (b[i] << s) | (s && i ? uint32_t(uint64_t(b[i - 1]) >> (32 - s)) : 0);
  u[a.size()] = s ? uint32_t(uint64_t(a.back()) >> (32 - s)) : 0;
  for (size_t i = a.size(); i-- > 0;) u[i] = (a[i] << s) | (s && i ? uint32_t(uint64_t(a[i - 1]) >> (32 - s)) : 0);
  const uint64_t base = uint64_t(1) << 32;
  for (size_t j = m + 1; j-- > 0;) {
    uint64_t num = (uint64_t(u[j + n]) << 32) | u[j + n - 1];
    uint64_t qhat = num / v[n - 1];
    uint64_t rhat = num % v[n - 1];
    while (qhat >= base || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
      qhat--;
      rhat += v[n - 1];
      if (rhat >= base) break;
    }
    int64_t borrow = 0;
    uint64_t carry = 0;
    for (size_t i = 0; i < n; i++) {
      uint64_t p = qhat * v[i] + carry;
      carry = p >> 32;
      int64_t t = int64_t(u[i + j]) - borrow - int64_t(uint32_t(p));
      u[i + j] = uint32_t(t);
      borrow = t < 0 ? 1 : 0;
    }
    int64_t t = int64_t(u[j + n]) - borrow - int64_t(carry);
    u[j + n] = uint32_t(t);
    if (t < 0) {
      // qhat was one too large: add the divisor back
      qhat--;
      uint64_t c = 0;
      for (size_t i = 0; i < n; i++) {
        uint64_t sum = uint64_t(u[i + j]) + v[i] + c;
        u[i + j] = uint32_t(sum);
        c = sum >> 32;
      }
      u[j + n] += uint32_t(c);
    }
    q[j] = uint32_t(qhat);
  }
  r.assign(n, 0);
  for (size_t i = 0; i < n; i++) r[i] = (u[i] >> s) | (s ? uint32_t(uint64_t(u[i + 1]) << (32 - s)) : 0);
  while (!r.empty() && r.back() == 0) r.pop_back();
}

void BigInt::divMod(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
  BigInt qq, rr;
  divModMag(a.mag_, b.mag_, qq.mag_, rr.mag_);
  qq.neg_ = a.neg_ != b.neg_;
  rr.neg_ = a.neg_;
  qq.trim();
  rr.trim();
  q = std::move(qq);
  r = std::move(rr);
}

BigInt operator<<(const BigInt& a, size_t n) {
  if (a.isZero()) return a;
  BigInt r;
  r.neg_ = a.neg_;
  size_t words = n / 32, bits = n % 32;
  r.mag_.assign(words, 0);
  uint32_t carry = 0;
  for (uint32_t limb : a.mag_) {
    r.mag_.push_back(bits ? (limb << bits) | carry : limb);
    carry = bits ? limb >> (32 - bits) : 0;
  }
  if (carry) r.mag_.push_back(carry);
  r.trim();
  return r;
}

BigInt operator>>(const BigInt& a, size_t n) {
  if (a.neg_) {
    // floor division by 2^n for negative numbers: -((|a|-1) >> n) - 1
    BigInt m = (-a) - BigInt(1);
    return -(m >> n) - BigInt(1);
  }
  BigInt r;
  size_t words = n / 32, bits = n % 32;
  if (words >= a.mag_.size()) return r;
  for (size_t i = words; i < a.mag_.size(); i++) {
    uint64_t cur = a.mag_[i] >> bits;
    if (bits && i + 1 < a.mag_.size()) cur |= uint64_t(a.mag_[i + 1]) << (32 - bits);
    r.mag_.push_back(uint32_t(cur));
  }
  r.trim();
  return r;
}

std::vector<uint32_t> BigInt::twos(size_t words) const {
  std::vector<uint32_t> w(words, 0);
  for (size_t i = 0; i < mag_.size() && i < words; i++) w[i] = mag_[i];
  if (neg_) {
    uint64_t carry = 1;
    for (auto& x : w) {
      uint64_t t = uint64_t(uint32_t(~x)) + carry;
      x = uint32_t(t);
      carry = t >> 32;
    }
  }
  return w;
}

BigInt BigInt::fromTwos(std::vector<uint32_t> w) {
  BigInt r;
  bool neg = !w.empty() && (w.back() >> 31);
  if (neg) {
    uint64_t carry = 1;
    for (auto& x : w) {
      uint64_t t = uint64_t(uint32_t(~x)) + carry;
      x = uint32_t(t);
      carry = t >> 32;
    }
  }
  r.mag_ = std::move(w);
  r.neg_ = neg;
  r.trim();
  return r;
}

template <class F>
static BigInt bitwise(const BigInt& a, const BigInt& b, F f, std::vector<uint32_t> (BigInt::*twos)(size_t) const,
                      BigInt (*from)(std::vector<uint32_t>)) {
  size_t words = std::max(a.bitLen(), b.bitLen()) / 32 + 2;
  auto x = (a.*twos)(words), y = (b.*twos)(words);
  for (size_t i = 0; i < words; i++) x[i] = f(x[i], y[i]);
  return from(std::move(x));
}

BigInt operator&(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](uint32_t x, uint32_t y) { return x & y; }, &BigInt::twos, &BigInt::fromTwos);
}
BigInt operator|(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](uint32_t x, uint32_t y) { return x | y; }, &BigInt::twos, &BigInt::fromTwos);
}
BigInt operator^(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](uint32_t x, uint32_t y) { return x ^ y; }, &BigInt::twos, &BigInt::fromTwos);
}
BigInt BigInt::andNot(const BigInt& a, const BigInt& b) {
  return bitwise(a, b, [](uint32_t x, uint32_t y) { return x & ~y; }, &BigInt::twos, &BigInt::fromTwos);
}

BigInt BigInt::gcd(BigInt a, BigInt b) {
  a = a.abs();
  b = b.abs();
  while (!b.isZero()) {
    BigInt q, r;
    divMod(a, b, q, r);
    a = std::move(b);
    b = std::move(r);
  }
  return a;
}

int compare(const BigInt& a, const BigInt& b) {
  if (a.neg_ != b.neg_) return a.neg_ ? -1 : 1;
  int c = BigInt::cmpMag(a.mag_, b.mag_);
  return a.neg_ ? -c : c;
}

// ---- BigRat ---------------------------------------------------------------------

BigRat::BigRat(BigInt n, BigInt d) {
  if (d.isNeg()) {
    n = -n;
    d = -d;
  }
  BigInt g = BigInt::gcd(n, d);
  if (!g.isZero() && !(g == BigInt(1))) {
    BigInt q, r;
    BigInt::divMod(n, g, q, r);
    n = q;
    BigInt::divMod(d, g, q, r);
    d = q;
  }
  num_ = std::move(n);
  den_ = std::move(d);
}

BigRat operator+(const BigRat& a, const BigRat& b) { return BigRat(a.num_ * b.den_ + b.num_ * a.den_, a.den_ * b.den_); }
BigRat operator-(const BigRat& a, const BigRat& b) { return BigRat(a.num_ * b.den_ - b.num_ * a.den_, a.den_ * b.den_); }
BigRat operator*(const BigRat& a, const BigRat& b) { return BigRat(a.num_ * b.num_, a.den_ * b.den_); }
BigRat operator/(const BigRat& a, const BigRat& b) { return BigRat(a.num_ * b.den_, a.den_ * b.num_); }
int compare(const BigRat& a, const BigRat& b) { return compare(a.num_ * b.den_, b.num_ * a.den_); }

BigInt BigRat::trunc() const {
  BigInt q, r;
  BigInt::divMod(num_, den_, q, r);
  return q;
}

// Rounds |num/den| to a binary float with `mantBits` significant bits
// (round half to even), returning mantissa and exponent: value = m * 2^e.
static void roundRat(const BigInt& num, const BigInt& den, int mantBits, uint64_t& m, long& e) {
  BigInt n = num.abs();
  long shift = long(mantBits) + 2 - (long(n.bitLen()) - long(den.bitLen()));
  BigInt a = shift >= 0 ? n << size_t(shift) : n;
  BigInt b = shift >= 0 ? den : den << size_t(-shift);
  BigInt q, r;
  BigInt::divMod(a, b, q, r);
  // q has mantBits+2 or mantBits+3 bits; reduce to mantBits with rounding
  long extra = long(q.bitLen()) - mantBits;
  bool sticky = !r.isZero();
  if (extra > 0) {
    BigInt low = q - ((q >> size_t(extra)) << size_t(extra));
    BigInt half = BigInt(1) << size_t(extra - 1);
    q = q >> size_t(extra);
    int c = compare(low, half);
    bool roundUp = c > 0 || (c == 0 && (sticky || (q.toUint64().value_or(0) & 1)));
    if (roundUp) q = q + BigInt(1);
    if (long(q.bitLen()) > mantBits) {
      q = q >> 1;
      extra++;
    }
  }
  m = q.toUint64().value_or(0);
  e = extra - shift;
}

// Rounds |num/den| to an IEEE binary format with `mantBits` significant bits
// whose smallest subnormal is 2^minExp. Below the normal range fewer bits
// reach down to 2^minExp; rounding once to those, from the exact value,
// avoids the double rounding of a full mantissa then ldexp.
static void roundIEEE(const BigInt& num, const BigInt& den, int mantBits, long minExp, uint64_t& m, long& e) {
  roundRat(num, den, mantBits, m, e);
  if (e >= minExp) return;
  long bits = mantBits - (minExp - e);
  if (bits >= 1) {
    roundRat(num, den, int(bits), m, e);
    return;
  }
  // Not above half the smallest subnormal: 0 (a tie goes to the even 0),
  // unless the value lies strictly between that half and the subnormal.
  m = 0;
  e = minExp;
  if (bits == 0 && compare(num.abs() << size_t(1 - minExp), den) > 0) m = 1;
}

double BigRat::toDouble() const {
  if (num_.isZero()) return 0.0;
  uint64_t m;
  long e;
  roundIEEE(num_, den_, 53, -1074, m, e);
  double d = std::ldexp(double(m), int(std::clamp(e, -100000L, 100000L)));
  return num_.isNeg() ? -d : d;
}

float BigRat::toFloat() const {
  if (num_.isZero()) return 0.0f;
  uint64_t m;
  long e;
  roundIEEE(num_, den_, 24, -149, m, e);
  float f = std::ldexp(float(m), int(std::clamp(e, -100000L, 100000L)));
  return num_.isNeg() ? -f : f;
}

BigRat BigRat::fromDouble(double d) {
  int e;
  double frac = std::frexp(d, &e);
  auto m = int64_t(std::ldexp(frac, 53));
  e -= 53;
  if (e >= 0) return BigRat(BigInt(m) << size_t(e));
  return BigRat(BigInt(m), BigInt(1) << size_t(-e));
}

std::optional<BigRat> BigRat::parseLiteral(std::string_view lit) {
  std::string s;
  for (char c : lit)
    if (c != '_') s += c;
  int base = 10;
  size_t i = 0;
  if (s.size() >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
    base = 16;
    i = 2;
  }
  std::string mant;
  long fracDigits = 0;
  bool seenPoint = false;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c == '.') {
      seenPoint = true;
      continue;
    }
    char lc = char(c | 0x20);
    if ((base == 10 && lc == 'e') || (base == 16 && lc == 'p')) break;
    mant += c;
    if (seenPoint) fracDigits++;
  }
  long exp = 0;
  if (i < s.size()) {
    i++;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    for (; i < s.size(); i++) {
      exp = exp * 10 + (s[i] - '0');
      if (exp > 100000) return std::nullopt;  // absurd exponent: reject rather than allocate
    }
    if (neg) exp = -exp;
  }
  BigInt m = BigInt::parse(mant, base);
  if (base == 16) {
    long e2 = exp - 4 * fracDigits;
    if (std::labs(e2) > 100000) return std::nullopt;
    if (e2 >= 0) return BigRat(m << size_t(e2));
    return BigRat(m, BigInt(1) << size_t(-e2));
  }
  long e10 = exp - fracDigits;
  if (std::labs(e10) > 10000) return std::nullopt;
  BigInt p = 1;
  BigInt ten = 10;
  for (long k = 0; k < std::labs(e10); k++) p = p * ten;
  if (e10 >= 0) return BigRat(m * p);
  return BigRat(m, p);
}

// ---- Value ---------------------------------------------------------------------------

Value Value::makeBool(bool b) {
  Value v;
  v.kind_ = Kind::Bool;
  v.b_ = b;
  return v;
}

Value Value::makeString(std::string s) {
  Value v;
  v.kind_ = Kind::String;
  v.rep_ = std::make_shared<const Rep>(Rep{std::move(s), {}, {}});
  return v;
}

Value Value::makeInt(BigInt i) {
  Value v;
  v.kind_ = Kind::Int;
  v.rep_ = std::make_shared<const Rep>(Rep{{}, std::move(i), {}});
  return v;
}

Value Value::makeFloat(BigRat f) {
  Value v;
  v.kind_ = Kind::Float;
  v.rep_ = std::make_shared<const Rep>(Rep{{}, {}, std::move(f)});
  return v;
}

const std::string& Value::stringVal() const {
  static const std::string empty;
  return rep_ ? rep_->s : empty;
}

const BigInt& Value::intVal() const {
  static const BigInt zero;
  return rep_ ? rep_->i : zero;
}


BigRat Value::ratVal() const {
  if (!rep_) return BigRat();
  return kind_ == Kind::Int ? BigRat(rep_->i) : rep_->f;
}

std::optional<int64_t> Value::int64Val() const {
  if (auto i = toInt(*this)) return i->toInt64();
  return std::nullopt;
}

std::optional<uint64_t> Value::uint64Val() const {
  if (auto i = toInt(*this)) return i->toUint64();
  return std::nullopt;
}

double Value::float64Val() const {
  if (kind_ == Kind::Int) return intVal().toDouble();
  if (kind_ == Kind::Float) return rep_->f.toDouble();
  return 0;
}

// Go's %.6g-style formatting used by go/constant for floats in messages.
static std::string formatFloat(const BigRat& r) {
  double d = r.toDouble();
  if (std::isinf(d) || (d == 0 && r.sign() != 0)) {
    // outside float64 range: print an approximation as go/constant does (x.xxxxxe+NNN)
    BigInt n = r.num().abs(), dd = r.den();
    long e10 = long(double(n.bitLen()) * 0.30103) - long(double(dd.bitLen()) * 0.30103);
    BigRat scaled = r;
    BigInt p = 1;
    for (long k = 0; k < std::labs(e10); k++) p = p * BigInt(10);
    scaled = e10 >= 0 ? r / BigRat(p) : r * BigRat(p);
    double m = std::fabs(scaled.toDouble());
    while (m >= 10) { m /= 10; e10++; }
    while (m < 1 && m > 0) { m *= 10; e10--; }
    char buf[64];
    snprintf(buf, sizeof buf, "%s%.5ge%+ld", r.sign() < 0 ? "-" : "", m, e10);
    return buf;
  }
  char buf[64];
  snprintf(buf, sizeof buf, "%.6g", d);
  std::string s = buf;
  // C prints e+06, Go prints e+06 as well; keep as is.
  return s;
}

std::string Value::toString() const {
  switch (kind_) {
    case Kind::Unknown: return "unknown";
    case Kind::Bool: return b_ ? "true" : "false";
    case Kind::String: {
      // go/constant shortens long strings to 72 characters with "..."
      std::string q = quoteString(stringVal());
      if (q.size() > 72) q = q.substr(0, 72 - 3) + "...";
      return q;
    }
    case Kind::Int: return intVal().toString();
    case Kind::Float:
      if (rep_->f.isInt() && rep_->f.num().bitLen() < 64) return rep_->f.num().toString();
      return formatFloat(rep_->f);
  }
  return "";
}

std::string Value::exactString() const {
  if (kind_ == Kind::Float) {
    if (rep_->f.isInt()) return rep_->f.num().toString();
    return rep_->f.num().toString() + "/" + rep_->f.den().toString();
  }
  if (kind_ == Kind::String) return quoteString(stringVal());
  return toString();
}

std::optional<BigInt> toInt(const Value& v) {
  if (v.kind() == Kind::Int) return v.intVal();
  if (v.kind() == Kind::Float) {
    BigRat r = v.ratVal();
    if (r.isInt()) return r.num();
  }
  return std::nullopt;
}

Value toFloat(const Value& v) {
  if (v.kind() == Kind::Int) return Value::makeFloat(BigRat(v.intVal()));
  return v;
}

Value binaryOp(const Value& x, Tok op, const Value& y, bool intDiv) {
  if (!x.isKnown() || !y.isKnown()) return Value();
  if (x.kind() == Kind::Bool && y.kind() == Kind::Bool) {
    if (op == Tok::LAnd) return Value::makeBool(x.boolVal() && y.boolVal());
    if (op == Tok::LOr) return Value::makeBool(x.boolVal() || y.boolVal());
    return Value();
  }
  if (x.kind() == Kind::String && y.kind() == Kind::String) {
    if (op == Tok::Add) return Value::makeString(x.stringVal() + y.stringVal());
    return Value();
  }
  if (x.kind() == Kind::Int && y.kind() == Kind::Int) {
    const BigInt& a = x.intVal();
    const BigInt& b = y.intVal();
    switch (op) {
      case Tok::Add: return Value::makeInt(a + b);
      case Tok::Sub: return Value::makeInt(a - b);
      case Tok::Mul: return Value::makeInt(a * b);
      case Tok::Quo:
        if (b.isZero()) return Value();
        if (intDiv) {
          BigInt q, r;
          BigInt::divMod(a, b, q, r);
          return Value::makeInt(q);
        }
        return Value::makeFloat(BigRat(a, b));
      case Tok::Rem: {
        if (b.isZero()) return Value();
        BigInt q, r;
        BigInt::divMod(a, b, q, r);
        return Value::makeInt(r);
      }
      case Tok::And: return Value::makeInt(a & b);
      case Tok::Or: return Value::makeInt(a | b);
      case Tok::Xor: return Value::makeInt(a ^ b);
      case Tok::AndNot: return Value::makeInt(BigInt::andNot(a, b));
      default: return Value();
    }
  }
  if ((x.kind() == Kind::Int || x.kind() == Kind::Float) && (y.kind() == Kind::Int || y.kind() == Kind::Float)) {
    BigRat a = x.ratVal(), b = y.ratVal();
    switch (op) {
      case Tok::Add: return Value::makeFloat(a + b);
      case Tok::Sub: return Value::makeFloat(a - b);
      case Tok::Mul: return Value::makeFloat(a * b);
      case Tok::Quo:
        if (b.sign() == 0) return Value();
        return Value::makeFloat(a / b);
      default: return Value();
    }
  }
  return Value();
}

Value unaryOp(Tok op, const Value& x, int unsignedBits) {
  if (!x.isKnown()) return x;
  switch (op) {
    case Tok::Add: return x;
    case Tok::Sub:
      if (x.kind() == Kind::Int) return Value::makeInt(-x.intVal());
      if (x.kind() == Kind::Float) return Value::makeFloat(-x.ratVal());
      return Value();
    case Tok::Xor: {
      if (x.kind() != Kind::Int) return Value();
      BigInt r = x.intVal() ^ BigInt(-1);
      if (unsignedBits > 0) r = r & ((BigInt(1) << size_t(unsignedBits)) - BigInt(1));
      return Value::makeInt(r);
    }
    case Tok::Not:
      if (x.kind() == Kind::Bool) return Value::makeBool(!x.boolVal());
      return Value();
    default: return Value();
  }
}

Value shift(const Value& x, Tok op, uint64_t s) {
  auto i = toInt(x);
  if (!i) return Value();
  if (op == Tok::Shl) return Value::makeInt(*i << size_t(s));
  return Value::makeInt(*i >> size_t(s));
}

bool compare(const Value& x, Tok op, const Value& y) {
  int c = 0;
  if (x.kind() == Kind::Bool && y.kind() == Kind::Bool) {
    c = x.boolVal() == y.boolVal() ? 0 : 1;
  } else if (x.kind() == Kind::String && y.kind() == Kind::String) {
    c = x.stringVal().compare(y.stringVal());
    c = c < 0 ? -1 : c > 0 ? 1 : 0;
  } else if (x.kind() == Kind::Int && y.kind() == Kind::Int) {
    c = compare(x.intVal(), y.intVal());
  } else {
    c = compare(x.ratVal(), y.ratVal());
  }
  switch (op) {
    case Tok::Eql: return c == 0;
    case Tok::Neq: return c != 0;
    case Tok::Lss: return c < 0;
    case Tok::Leq: return c <= 0;
    case Tok::Gtr: return c > 0;
    case Tok::Geq: return c >= 0;
    default: return false;
  }
}

Value Value::fromLiteral(Tok tok, std::string_view lit) {
  switch (tok) {
    case Tok::Int: {
      std::string s;
      for (char c : lit)
        if (c != '_') s += c;
      int base = 10;
      size_t i = 0;
      if (s.size() >= 2 && s[0] == '0') {
        char p = char(s[1] | 0x20);
        if (p == 'x') { base = 16; i = 2; }
        else if (p == 'o') { base = 8; i = 2; }
        else if (p == 'b') { base = 2; i = 2; }
        else { base = 8; i = 1; }
      }
      if (s.size() - i > 4096) return Value();
      return makeInt(BigInt::parse(std::string_view(s).substr(i), base));
    }
    case Tok::Float: {
      auto r = BigRat::parseLiteral(lit);
      if (!r) return Value();
      return makeFloat(*r);
    }
    default: return Value();
  }
}

}  // namespace gol::constant
