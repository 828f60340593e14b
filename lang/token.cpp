// token.cpp — token spellings and operator precedence (the Go spec's table).
#include "lang/token.h"

namespace gol {

std::string FileSet::position(Pos p) const {
  std::string s = p.file < names_.size() ? names_[p.file] : "?";
  return s + ":" + std::to_string(p.line) + ":" + std::to_string(p.col);
}

std::string_view tokString(Tok t) {
  static const std::string_view names[] = {
      "ILLEGAL", "EOF", "COMMENT", "name", "literal", "literal", "literal", "literal", "literal",
      "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "&^",
      "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^=",
      "&&", "||", "<-", "++", "--", "==", "<", ">", "=", "!",
      "!=", "<=", ">=", ":=", "...",
      "(", "[", "{", ",", ".", ")", "]", "}", ";", ":", "~",
      "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
      "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
      "struct", "switch", "type", "var"};
  static_assert(sizeof(names) / sizeof(names[0]) == size_t(Tok::Count_));
  return names[size_t(t)];
}

bool isKeyword(Tok t) { return t >= Tok::Break && t <= Tok::Var; }
bool isLiteral(Tok t) { return t >= Tok::Ident && t <= Tok::String; }
bool isOperator(Tok t) { return t >= Tok::Add && t <= Tok::Tilde; }

int precedence(Tok t) {
  switch (t) {
    case Tok::LOr: return 1;
    case Tok::LAnd: return 2;
    case Tok::Eql: case Tok::Neq: case Tok::Lss: case Tok::Leq: case Tok::Gtr: case Tok::Geq: return 3;
    case Tok::Add: case Tok::Sub: case Tok::Or: case Tok::Xor: return 4;
    case Tok::Mul: case Tok::Quo: case Tok::Rem: case Tok::Shl: case Tok::Shr: case Tok::And: case Tok::AndNot:
      return 5;
    default: return 0;
  }
}

Tok assignOpBase(Tok t) {
  switch (t) {
    case Tok::AddAssign: return Tok::Add;
    case Tok::SubAssign: return Tok::Sub;
    case Tok::MulAssign: return Tok::Mul;
    case Tok::QuoAssign: return Tok::Quo;
    case Tok::RemAssign: return Tok::Rem;
    case Tok::AndAssign: return Tok::And;
    case Tok::OrAssign: return Tok::Or;
    case Tok::XorAssign: return Tok::Xor;
    case Tok::ShlAssign: return Tok::Shl;
    case Tok::ShrAssign: return Tok::Shr;
    case Tok::AndNotAssign: return Tok::AndNot;
    default: return Tok::Illegal;
  }
}

}  // namespace gol
