// lexer.h — turns one source file into Go tokens.
//
// Invariants: follows cmd/compile/internal/syntax's scanner, including
// automatic semicolon insertion (an inserted semicolon has lit "newline" or
// "EOF", an explicit one "semicolon") and its error wording and positions.
// Token::lit views the source text (or a static string) and lives as long as
// the source. After EOF the lexer keeps returning EOF.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "lang/token.h"

namespace gol {

struct Token {
  Tok tok = Tok::EOF_;
  Pos pos;
  std::string_view lit;  // identifiers, literals, semicolons ("newline", ...)
  bool bad = false;      // a literal with a reported error
};

using ErrorFn = std::function<void(Pos, std::string)>;

class Lexer {
 public:
  Lexer(std::string_view src, uint32_t file, ErrorFn err);
  Token next();

 private:
  void nextch();
  void error(std::string msg) { errorAt(line_, col_, std::move(msg)); }
  void errorAt(uint32_t line, uint32_t col, std::string msg);
  void skipLine();
  bool skipComment();
  void ident();
  bool atIdentChar(bool first);
  void number(bool seenPoint);
  int digits(int base, int* invalid);
  void runeLit();
  void stdString();
  void rawString();
  bool escape(char32_t quote);
  Tok opOrAssign(Tok op, Tok opAssign);

  std::string_view src_;
  uint32_t file_;
  ErrorFn err_;
  size_t off_ = 0;     // offset of ch_
  size_t chw_ = 0;     // width of ch_ in bytes
  int32_t ch_ = -1;    // current character, -1 at EOF
  uint32_t line_ = 1, col_ = 1;  // position of ch_
  size_t lineStart_ = 0;          // offset of the first byte of line_
  bool nlsemi_ = false;
  Token tok_;          // token being built
  size_t start_ = 0;   // byte offset of the token being built
};

// The value of a string or rune literal whose spelling is valid
// (as checked by the lexer): escapes decoded, raw strings with \r removed.
std::string unquoteString(std::string_view lit);
int32_t unquoteRune(std::string_view lit);

// Go's strconv.IsPrint, for the ranges Go source meets in practice.
bool isPrintable(char32_t c);
// Go's %#U: "U+0040 '@'".
std::string formatCodePoint(char32_t c);
// Go's %q of a rune: 'x', '\n', '\x00'.
std::string quoteRune(char32_t c);
// Go's %q of a string (strconv.Quote): "a\tb", invalid UTF-8 bytes as \xff.
std::string quoteString(std::string_view s);
// Appends the UTF-8 encoding of c (invalid code points as U+FFFD).
void appendUTF8(std::string& out, char32_t c);
// Decodes one UTF-8 sequence at s[i]; returns (rune, width), rune -1 if invalid.
std::pair<int32_t, int> decodeUTF8(std::string_view s, size_t i);

}  // namespace gol
