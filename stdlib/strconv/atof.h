// atof.h — float parsing exactly as Go's strconv.ParseFloat: Go's literal
// syntax (decimal or 0x-hex with p exponent, underscores between digits,
// "inf"/"infinity"/"nan" in any case, optional sign), correctly rounded to
// the requested size; overflow is a range error with ±Inf, underflow is not
// an error.
#pragma once

#include <string_view>

namespace gol::strconv {

enum class ParseStatus { Ok = 0, Syntax = 1, Range = 2 };

struct ParsedFloat {
  double value;
  ParseStatus status;
};

ParsedFloat parseFloat(std::string_view s, int bitSize);

}  // namespace gol::strconv
