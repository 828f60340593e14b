// token.h — Go's lexical tokens and source positions.
//
// Invariants: a Pos is (file index, line, column), line and column 1-based,
// column counting bytes exactly as gc does; Pos{} (line 0) means "no
// position". Token spellings are Go's, so error messages can quote them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gol {

struct Pos {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t col = 0;
  bool valid() const { return line != 0; }
  friend bool operator==(const Pos&, const Pos&) = default;
  friend bool operator<(const Pos& a, const Pos& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    return a.col < b.col;
  }
};

// FileSet maps Pos::file indices to file names.
class FileSet {
 public:
  uint32_t add(std::string name) {
    names_.push_back(std::move(name));
    return uint32_t(names_.size() - 1);
  }
  const std::string& name(uint32_t file) const { return names_.at(file); }
  std::string position(Pos p) const;  // "file:line:col"
 private:
  std::vector<std::string> names_;
};

enum class Tok : uint8_t {
  Illegal, EOF_, Comment,
  // literals
  Ident, Int, Float, Imag, Char, String,
  // operators
  Add, Sub, Mul, Quo, Rem, And, Or, Xor, Shl, Shr, AndNot,
  AddAssign, SubAssign, MulAssign, QuoAssign, RemAssign, AndAssign, OrAssign,
  XorAssign, ShlAssign, ShrAssign, AndNotAssign,
  LAnd, LOr, Arrow, Inc, Dec, Eql, Lss, Gtr, Assign, Not,
  Neq, Leq, Geq, Define, Ellipsis,
  LParen, LBrack, LBrace, Comma, Period, RParen, RBrack, RBrace, Semicolon, Colon,
  Tilde,
  // keywords
  Break, Case, Chan, Const, Continue, Default, Defer, Else, Fallthrough, For,
  Func, Go, Goto, If, Import, Interface, Map, Package, Range, Return, Select,
  Struct, Switch, Type, Var,
  Count_
};

std::string_view tokString(Tok t);  // "+", "func", "EOF", "name", ...
bool isKeyword(Tok t);
bool isLiteral(Tok t);
bool isOperator(Tok t);

// Binary operator precedence as in the Go spec (0 = not a binary operator).
int precedence(Tok t);

// For an op-assign token (+=) the underlying binary operator (+).
Tok assignOpBase(Tok t);

}  // namespace gol
