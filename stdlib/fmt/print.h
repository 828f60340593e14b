// print.h — fmt's printer: walks argument values through their type
// descriptors and renders them as Go 1.19's fmt/print.go does (operand
// spacing, verbs and their argument errors, Stringer/error/GoStringer, maps in
// internal/fmtsort order, &{...} for pointers at top level).
//
// Invariants
//  - The output accumulates in buf (C++ memory); no gol pointer is created
//    until the caller copies buf out, so the printer itself never allocates
//    from the gol heap except for map iterators, which it roots.
//  - The caller keeps the argument array alive (rooted) for the printer's
//    whole run: String/Error methods are gol code and may collect.
//  - Method calls go through GolMethod.ifn with the receiver's interface data
//    word, exactly as an interface method call would.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gol/abi.h"
#include "stdlib/fmt/format.h"
#include "stdlib/fmt/value.h"

namespace gol::fmt {

class Printer {
 public:
  explicit Printer(GolG* g) : g_(g), fmt_(buf) {}

  void doPrint(const GolIface* a, int64_t n);
  void doPrintln(const GolIface* a, int64_t n);
  void doPrintf(std::string_view format, const GolIface* a, int64_t n);

  std::string buf;
  // Errorf: %w is accepted, and the index of the argument it named.
  bool wrapErrs = false;
  int64_t wrappedErr = -1;

 private:
  void printArg(Value arg, int32_t verb);
  void printValue(Value v, int32_t verb, int depth);
  bool handleMethods(int32_t verb);
  void badVerb(int32_t verb);
  void fmtBool(bool v, int32_t verb);
  void fmt0x64(uint64_t v, bool leading0x);
  void fmtInteger(uint64_t v, bool isSigned, int32_t verb);
  void fmtFloat(double v, int size, int32_t verb);
  void fmtComplex(double re, double im, int size, int32_t verb);
  void fmtString(std::string_view v, int32_t verb);
  void fmtBytes(std::string_view v, bool isNil, int32_t verb, std::string_view typeString);
  void fmtPointer(Value v, int32_t verb);
  void printMap(Value v, int32_t verb, int depth);
  void printStruct(Value v, int32_t verb, int depth);
  void printList(Value v, int32_t verb, int depth);
  void writeRune(int32_t r);
  void argNumber(int64_t& argNum, std::string_view format, size_t& i, int64_t numArgs, bool& found);
  void intFromArg(const GolIface* a, int64_t n, int64_t& argNum, int& num, bool& isInt);

  GolG* g_;
  Formatter fmt_;
  // Go's p.arg / p.value: what badVerb reports. argSet distinguishes "the
  // operand itself" (printed with its methods) from a nested value.
  Value arg_;
  bool argSet_ = false;
  Value value_;
  int64_t argIndex_ = -1;
  bool reordered_ = false;
  bool goodArgNum_ = true;
  bool erroring_ = false;
};

}  // namespace gol::fmt
