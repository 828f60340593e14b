// format.h — fmt's low-level formatter: padding, integers, floats, strings
// and quoting under the current flags, width and precision. A line-by-line
// counterpart of Go 1.19's fmt/format.go; the printer (print.cpp) decides
// which of these to call for a value and verb.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gol::fmt {

struct Flags {
  bool widPresent = false;
  bool precPresent = false;
  bool minus = false;
  bool plus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  // %+v and %#v: plus and sharp moved here so that nested values see them.
  bool plusV = false;
  bool sharpV = false;
};

class Formatter {
 public:
  explicit Formatter(std::string& buf) : buf_(buf) {}

  Flags flags;
  int wid = 0;
  int prec = 0;

  void clearFlags() { flags = Flags{}; }
  void writePadding(int n);
  void pad(std::string_view s);

  void fmtBoolean(bool v);
  void fmtUnicode(uint64_t u);
  void fmtInteger(uint64_t u, int base, bool isSigned, int32_t verb, const char* digits);
  void fmtS(std::string_view s);
  void fmtSx(std::string_view s, const char* digits);
  void fmtQ(std::string_view s);
  void fmtC(uint64_t c);
  void fmtQc(uint64_t c);
  void fmtFloat(double v, int size, int32_t verb, int prec);

  static constexpr const char* kLowerDigits = "0123456789abcdefx";
  static constexpr const char* kUpperDigits = "0123456789ABCDEFX";

 private:
  std::string_view truncate(std::string_view s) const;

  std::string& buf_;
};

}  // namespace gol::fmt
