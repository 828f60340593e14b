// godebug.cpp — parsing of GODEBUG (see godebug.h for the invariants).
#include "runtime/godebug.h"

#include <cstdlib>
#include <string_view>

namespace gol::rt {

namespace {

bool parseDecimal(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  bool negative = s.front() == '-';
  if (negative) s.remove_prefix(1);
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = negative ? -v : v;
  return true;
}

}  // namespace

int64_t godebugValue(const char* name, int64_t fallback) {
  const char* text = getenv("GODEBUG");
  std::string_view all = text ? text : "", key = name;
  int64_t result = fallback;
  while (!all.empty()) {
    size_t comma = all.find(',');
    std::string_view item = all.substr(0, comma);
    all = comma == std::string_view::npos ? std::string_view() : all.substr(comma + 1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos || item.substr(0, eq) != key) continue;
    int64_t v;
    if (parseDecimal(item.substr(eq + 1), &v)) result = v;
  }
  return result;
}

}  // namespace gol::rt
