// atof.cpp — see atof.h. The syntax check follows Go's readFloat and
// underscoreOK; the conversion itself is glibc's strtod/strtof (correctly
// rounded, and directly to float32 for bitSize 32, as Go rounds).
#include "stdlib/strconv/atof.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace gol::strconv {
namespace {

char lower(char c) { return char(c | 0x20); }

size_t commonPrefixLenIgnoreCase(std::string_view s, std::string_view prefix) {
  size_t n = std::min(s.size(), prefix.size());
  for (size_t i = 0; i < n; i++)
    if (lower(s[i]) != prefix[i]) return i;
  return n;
}

// "inf", "infinity" and "nan" with optional sign (no sign for NaN), which
// must make up the whole string.
bool special(std::string_view s, double& f) {
  if (s.empty()) return false;
  double sign = 1;
  size_t nsign = 0;
  if (s[0] == '+' || s[0] == '-') {
    if (s[0] == '-') sign = -1;
    nsign = 1;
    s.remove_prefix(1);
  } else if (lower(s[0]) == 'n') {
    if (s.size() == 3 && commonPrefixLenIgnoreCase(s, "nan") == 3) {
      f = std::nan("");
      return true;
    }
    return false;
  }
  size_t n = commonPrefixLenIgnoreCase(s, "infinity");
  if (3 < n && n < 8) n = 3;
  if ((n == 3 || n == 8) && n == s.size()) {
    f = sign * HUGE_VAL;
    return true;
  }
  (void)nsign;
  return false;
}

bool underscoreOK(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); i++) {
    char c = s[i];
    if (('0' <= c && c <= '9') || (hex && 'a' <= lower(c) && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

// Go's readFloat as a recogniser: true if all of s is a float literal; the
// literal without underscores goes to clean.
bool readFloat(std::string_view s, std::string& clean) {
  size_t i = 0;
  bool underscores = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
  bool hex = false;
  if (i + 2 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    hex = true;
    clean += "0x";
    i += 2;
  }
  bool sawdot = false, sawdigits = false;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c == '_') {
      underscores = true;
    } else if (c == '.') {
      if (sawdot) break;
      sawdot = true;
      clean += c;
    } else if (('0' <= c && c <= '9') || (hex && 'a' <= lower(c) && lower(c) <= 'f')) {
      sawdigits = true;
      clean += c;
    } else {
      break;
    }
  }
  if (!sawdigits) return false;
  char expChar = hex ? 'p' : 'e';
  if (i < s.size() && lower(s[i]) == expChar) {
    clean += expChar;
    i++;
    if (i >= s.size()) return false;
    if (s[i] == '+' || s[i] == '-') clean += s[i++];
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    for (; i < s.size() && (('0' <= s[i] && s[i] <= '9') || s[i] == '_'); i++) {
      if (s[i] == '_')
        underscores = true;
      else
        clean += s[i];
    }
  } else if (hex) {
    return false;
  }
  if (underscores && !underscoreOK(s.substr(0, i))) return false;
  return i == s.size();
}

}  // namespace

ParsedFloat parseFloat(std::string_view s, int bitSize) {
  double f;
  if (special(s, f)) return {f, ParseStatus::Ok};
  std::string clean;
  if (!readFloat(s, clean)) return {0, ParseStatus::Syntax};
  errno = 0;
  if (bitSize == 32) {
    float v = strtof(clean.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(v)) return {double(v), ParseStatus::Range};
    return {double(v), ParseStatus::Ok};
  }
  double v = strtod(clean.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(v)) return {v, ParseStatus::Range};
  return {v, ParseStatus::Ok};
}

}  // namespace gol::strconv
