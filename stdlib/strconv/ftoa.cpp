// ftoa.cpp — see ftoa.h.
#include "stdlib/strconv/ftoa.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace gol::strconv {
namespace {

struct FloatInfo {
  int mantbits;
  int expbits;
  int bias;
};
constexpr FloatInfo kFloat32{23, 8, -127};
constexpr FloatInfo kFloat64{52, 11, -1023};

// Decimal digits d[0..nd) with the decimal point before d[dp]; no leading or
// trailing zeros; zero is nd == 0, dp == 0.
struct Digits {
  char d[2500];
  int nd = 0;
  int dp = 0;
};

// Parses to_chars output ("1.2345e+02", "123.4500", "0.0012") into digits.
void parseDigits(const char* s, const char* end, Digits& out) {
  int nd = 0, dp = 0;
  bool sawPoint = false;
  const char* p = s;
  for (; p < end && *p != 'e'; p++) {
    if (*p == '.') {
      sawPoint = true;
      continue;
    }
    if (nd == 0 && *p == '0') {
      if (sawPoint) dp--;
      continue;
    }
    out.d[nd++] = *p;
    if (!sawPoint) dp++;
  }
  if (p < end) {
    int exp = 0;
    std::from_chars(p + 1 + (p[1] == '+'), end, exp);
    dp += exp;
  }
  while (nd > 0 && out.d[nd - 1] == '0') nd--;
  out.nd = nd;
  out.dp = nd == 0 ? 0 : dp;
}

void shortestDigits(double v, int bitSize, Digits& out) {
  char buf[64];
  std::to_chars_result r = bitSize == 32 ? std::to_chars(buf, buf + sizeof buf, float(v), std::chars_format::scientific)
                                         : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  parseDigits(buf, r.ptr, out);
}

// v rounded to n significant digits (n >= 1).
void significantDigits(double v, int n, Digits& out) {
  char buf[900];
  std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, std::min(n - 1, 780));
  parseDigits(buf, r.ptr, out);
}

// v rounded to prec digits after the decimal point.
void fixedDigits(double v, int prec, Digits& out) {
  static thread_local char buf[2000];
  std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, std::min(prec, 1100));
  parseDigits(buf, r.ptr, out);
}

void fmtE(std::string& dst, bool neg, const Digits& d, int prec, char fmt) {
  if (neg) dst += '-';
  dst += d.nd != 0 ? d.d[0] : '0';
  if (prec > 0) {
    dst += '.';
    int i = 1;
    int m = std::min(d.nd, prec + 1);
    if (i < m) {
      dst.append(d.d + i, size_t(m - i));
      i = m;
    }
    for (; i <= prec; i++) dst += '0';
  }
  dst += fmt;
  int exp = d.nd == 0 ? 0 : d.dp - 1;
  dst += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 10) {
    dst += '0';
    dst += char('0' + exp);
  } else if (exp < 100) {
    dst += char('0' + exp / 10);
    dst += char('0' + exp % 10);
  } else {
    dst += char('0' + exp / 100);
    dst += char('0' + exp / 10 % 10);
    dst += char('0' + exp % 10);
  }
}

void fmtF(std::string& dst, bool neg, const Digits& d, int prec) {
  if (neg) dst += '-';
  if (d.dp > 0) {
    int m = std::min(d.nd, d.dp);
    dst.append(d.d, size_t(m));
    for (; m < d.dp; m++) dst += '0';
  } else {
    dst += '0';
  }
  if (prec > 0) {
    dst += '.';
    for (int i = 0; i < prec; i++) {
      int j = d.dp + i;
      dst += (0 <= j && j < d.nd) ? d.d[j] : '0';
    }
  }
}

void fmtB(std::string& dst, bool neg, uint64_t mant, int exp, const FloatInfo& flt) {
  if (neg) dst += '-';
  dst += std::to_string(mant);
  dst += 'p';
  exp -= flt.mantbits;
  if (exp >= 0) dst += '+';
  dst += std::to_string(exp);
}

void fmtX(std::string& dst, int prec, char fmt, bool neg, uint64_t mant, int exp, const FloatInfo& flt) {
  if (mant == 0) exp = 0;
  mant <<= 60 - flt.mantbits;
  while (mant != 0 && (mant & (uint64_t(1) << 60)) == 0) {
    mant <<= 1;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    unsigned shift = unsigned(prec * 4);
    uint64_t extra = (mant << shift) & ((uint64_t(1) << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (uint64_t(1) << 59)) mant++;
    mant <<= 60 - shift;
    if (mant & (uint64_t(1) << 61)) {
      mant >>= 1;
      exp++;
    }
  }
  const char* hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg) dst += '-';
  dst += '0';
  dst += fmt;
  dst += char('0' + ((mant >> 60) & 1));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    dst += '.';
    for (; mant != 0; mant <<= 4) dst += hex[(mant >> 60) & 15];
  } else if (prec > 0) {
    dst += '.';
    for (int i = 0; i < prec; i++, mant <<= 4) dst += hex[(mant >> 60) & 15];
  }
  dst += fmt == 'X' ? 'P' : 'p';
  dst += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 100) {
    dst += char('0' + exp / 10);
    dst += char('0' + exp % 10);
  } else if (exp < 1000) {
    dst += char('0' + exp / 100);
    dst += char('0' + exp / 10 % 10);
    dst += char('0' + exp % 10);
  } else {
    dst += char('0' + exp / 1000);
    dst += char('0' + exp / 100 % 10);
    dst += char('0' + exp / 10 % 10);
    dst += char('0' + exp % 10);
  }
}

void formatDigits(std::string& dst, bool shortest, bool neg, const Digits& digs, int prec, char fmt) {
  switch (fmt) {
    case 'e':
    case 'E':
      fmtE(dst, neg, digs, prec, fmt);
      return;
    case 'f':
      fmtF(dst, neg, digs, prec);
      return;
    case 'g':
    case 'G': {
      int eprec = prec;
      if (eprec > digs.nd && digs.nd >= digs.dp) eprec = digs.nd;
      // Go: with shortest formatting, %e is chosen as if the precision were 6.
      if (shortest) eprec = 6;
      int exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > digs.nd) prec = digs.nd;
        fmtE(dst, neg, digs, prec - 1, char(fmt + 'e' - 'g'));
        return;
      }
      if (prec > digs.dp) prec = digs.nd;
      fmtF(dst, neg, digs, std::max(prec - digs.dp, 0));
      return;
    }
  }
  dst += '%';
  dst += fmt;
}

}  // namespace

void appendFloat(std::string& dst, double val, char fmt, int prec, int bitSize) {
  uint64_t bits;
  const FloatInfo& flt = bitSize == 32 ? kFloat32 : kFloat64;
  if (bitSize == 32) {
    float f = float(val);
    uint32_t b;
    memcpy(&b, &f, 4);
    bits = b;
  } else {
    memcpy(&bits, &val, 8);
  }
  bool neg = (bits >> (flt.expbits + flt.mantbits)) != 0;
  int exp = int(bits >> flt.mantbits) & ((1 << flt.expbits) - 1);
  uint64_t mant = bits & ((uint64_t(1) << flt.mantbits) - 1);
  if (exp == (1 << flt.expbits) - 1) {
    dst += mant != 0 ? "NaN" : neg ? "-Inf" : "+Inf";
    return;
  }
  if (exp == 0)
    exp++;
  else
    mant |= uint64_t(1) << flt.mantbits;
  exp += flt.bias;
  if (fmt == 'b') return fmtB(dst, neg, mant, exp, flt);
  if (fmt == 'x' || fmt == 'X') return fmtX(dst, prec, fmt, neg, mant, exp, flt);

  double mag = val < 0 || neg ? -val : val;
  if (bitSize == 32) mag = double(float(mag));
  static thread_local Digits digs;
  bool shortest = prec < 0;
  if (shortest) {
    shortestDigits(mag, bitSize, digs);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = std::max(digs.nd - 1, 0);
        break;
      case 'f':
        prec = std::max(digs.nd - digs.dp, 0);
        break;
      case 'g':
      case 'G':
        prec = digs.nd;
        break;
    }
  } else {
    switch (fmt) {
      case 'e':
      case 'E':
        significantDigits(mag, prec + 1, digs);
        break;
      case 'f':
        fixedDigits(mag, prec, digs);
        break;
      case 'g':
      case 'G':
        if (prec == 0) prec = 1;
        significantDigits(mag, prec, digs);
        break;
      default:
        digs.nd = digs.dp = 0;
        break;
    }
  }
  formatDigits(dst, shortest, neg, digs, prec, fmt);
}

}  // namespace gol::strconv
