// format.cpp — see format.h. Go's fmtS and fmtBs (and fmtSx/fmtBx) coincide
// here because strings and byte slices are both plain byte views in C++.
#include "stdlib/fmt/format.h"

#include "stdlib/internal/utf8.h"
#include "stdlib/strconv/ftoa.h"
#include "stdlib/strconv/quote.h"

namespace gol::fmt {

void Formatter::writePadding(int n) {
  if (n <= 0) return;
  buf_.append(size_t(n), flags.zero ? '0' : ' ');
}

void Formatter::pad(std::string_view s) {
  if (!flags.widPresent || wid == 0) {
    buf_.append(s);
    return;
  }
  int width = wid - int(utf8::runeCount(s));
  if (!flags.minus) {
    writePadding(width);
    buf_.append(s);
  } else {
    buf_.append(s);
    writePadding(width);
  }
}

void Formatter::fmtBoolean(bool v) { pad(v ? "true" : "false"); }

void Formatter::fmtUnicode(uint64_t u) {
  int precision = flags.precPresent && prec > 4 ? prec : 4;
  std::string hex;
  for (uint64_t v = u; v != 0 || hex.empty(); v >>= 4) hex.insert(hex.begin(), kUpperDigits[v & 0xF]);
  std::string out = "U+";
  if (int(hex.size()) < precision) out.append(size_t(precision) - hex.size(), '0');
  out += hex;
  if (flags.sharp && u <= uint64_t(utf8::MaxRune) && strconv::isPrint(int32_t(u))) {
    out += " '";
    utf8::appendRune(out, int32_t(u));
    out += '\'';
  }
  bool oldZero = flags.zero;
  flags.zero = false;
  pad(out);
  flags.zero = oldZero;
}

void Formatter::fmtInteger(uint64_t u, int base, bool isSigned, int32_t verb, const char* digits) {
  bool negative = isSigned && int64_t(u) < 0;
  if (negative) u = -u;

  int precision = 0;
  if (flags.precPresent) {
    precision = prec;
    if (precision == 0 && u == 0) {
      bool oldZero = flags.zero;
      flags.zero = false;
      writePadding(wid);
      flags.zero = oldZero;
      return;
    }
  } else if (flags.zero && flags.widPresent) {
    precision = wid;
    if (negative || flags.plus || flags.space) precision--;  // leave room for the sign
  }

  // Built right to left, as Go does, then reversed.
  std::string rev;
  switch (base) {
    case 10:
      for (; u >= 10; u /= 10) rev += char('0' + u % 10);
      break;
    case 16:
      for (; u >= 16; u >>= 4) rev += digits[u & 0xF];
      break;
    case 8:
      for (; u >= 8; u >>= 3) rev += char('0' + (u & 7));
      break;
    case 2:
      for (; u >= 2; u >>= 1) rev += char('0' + (u & 1));
      break;
  }
  rev += digits[u];
  while (int(rev.size()) < precision) rev += '0';
  if (flags.sharp) {
    switch (base) {
      case 2:
        rev += "b0";
        break;
      case 8:
        if (rev.back() != '0') rev += '0';
        break;
      case 16:
        rev += digits[16];
        rev += '0';
        break;
    }
  }
  if (verb == 'O') rev += "o0";
  if (negative)
    rev += '-';
  else if (flags.plus)
    rev += '+';
  else if (flags.space)
    rev += ' ';
  std::string out(rev.rbegin(), rev.rend());
  bool oldZero = flags.zero;
  flags.zero = false;
  pad(out);
  flags.zero = oldZero;
}

std::string_view Formatter::truncate(std::string_view s) const {
  if (!flags.precPresent) return s;
  int n = prec;
  for (size_t i = 0; i < s.size();) {
    if (--n < 0) return s.substr(0, i);
    i += uint8_t(s[i]) < utf8::RuneSelf ? 1 : size_t(utf8::decodeRune(s.substr(i)).size);
  }
  return s;
}

void Formatter::fmtS(std::string_view s) { pad(truncate(s)); }

void Formatter::fmtSx(std::string_view s, const char* digits) {
  int length = int(s.size());
  if (flags.precPresent && prec < length) length = prec;
  int width = 2 * length;
  if (width > 0) {
    if (flags.space) {
      if (flags.sharp) width *= 2;
      width += length - 1;
    } else if (flags.sharp) {
      width += 2;
    }
  } else {
    if (flags.widPresent) writePadding(wid);
    return;
  }
  if (flags.widPresent && wid > width && !flags.minus) writePadding(wid - width);
  if (flags.sharp) {
    buf_ += '0';
    buf_ += digits[16];
  }
  for (int i = 0; i < length; i++) {
    if (flags.space && i > 0) {
      buf_ += ' ';
      if (flags.sharp) {
        buf_ += '0';
        buf_ += digits[16];
      }
    }
    auto c = uint8_t(s[size_t(i)]);
    buf_ += digits[c >> 4];
    buf_ += digits[c & 0xF];
  }
  if (flags.widPresent && wid > width && flags.minus) writePadding(wid - width);
}

void Formatter::fmtQ(std::string_view s) {
  s = truncate(s);
  if (flags.sharp && strconv::canBackquote(s)) {
    std::string q = "`";
    q += s;
    q += '`';
    pad(q);
    return;
  }
  std::string q;
  strconv::appendQuotedWith(q, s, '"', flags.plus, false);
  pad(q);
}

void Formatter::fmtC(uint64_t c) {
  int32_t r = c > uint64_t(utf8::MaxRune) ? utf8::RuneError : int32_t(c);
  std::string out;
  utf8::appendRune(out, r);
  pad(out);
}

void Formatter::fmtQc(uint64_t c) {
  int32_t r = c > uint64_t(utf8::MaxRune) ? utf8::RuneError : int32_t(c);
  std::string out;
  strconv::appendQuotedRuneWith(out, r, '\'', flags.plus, false);
  pad(out);
}

void Formatter::fmtFloat(double v, int size, int32_t verb, int precision) {
  if (flags.precPresent) precision = prec;
  // num[0] is reserved for the sign, as in Go.
  std::string num = "+";
  strconv::appendFloat(num, v, char(verb), precision, size);
  if (num[1] == '-' || num[1] == '+')
    num.erase(0, 1);
  else
    num[0] = '+';
  if (flags.space && num[0] == '+' && !flags.plus) num[0] = ' ';
  if (num[1] == 'I' || num[1] == 'N') {
    bool oldZero = flags.zero;
    flags.zero = false;
    if (num[1] == 'N' && !flags.space && !flags.plus) num.erase(0, 1);
    pad(num);
    flags.zero = oldZero;
    return;
  }
  if (flags.sharp && verb != 'b') {
    int digits = 0;
    switch (verb) {
      case 'v':
      case 'g':
      case 'G':
      case 'x':
        digits = precision == -1 ? 6 : precision;
        break;
    }
    std::string tail;
    bool hasDecimalPoint = false;
    bool sawNonzeroDigit = false;
    for (size_t i = 1; i < num.size(); i++) {
      char c = num[i];
      if (c == '.') {
        hasDecimalPoint = true;
        continue;
      }
      if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
        tail = num.substr(i);
        num.resize(i);
        break;
      }
      if (c != '0') sawNonzeroDigit = true;
      if (sawNonzeroDigit) digits--;
    }
    if (!hasDecimalPoint) {
      if (num.size() == 2 && num[1] == '0') digits--;  // a leading 0 counts as a digit
      num += '.';
    }
    for (; digits > 0; digits--) num += '0';
    num += tail;
  }
  if (flags.plus || num[0] != '+') {
    if (flags.zero && flags.widPresent && wid > int(num.size())) {
      buf_ += num[0];
      writePadding(wid - int(num.size()));
      buf_.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  pad(std::string_view(num).substr(1));
}

}  // namespace gol::fmt
