// lexer.cpp — Go scanner, modelled on cmd/compile/internal/syntax/scanner.go.
//
// Invariants: ch_ is the character at off_ (width chw_), -1 at end of input;
// line_/col_ is its position (col counts bytes, 1-based). Every error is
// reported once at the position gc reports it. Invalid bytes never stop the
// scan: the lexer always makes progress and ends with EOF.
#include "lang/lexer.h"

#include <cstdio>

namespace gol {

std::pair<int32_t, int> decodeUTF8(std::string_view s, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return {c, 1};
  int n;
  int32_t r;
  int32_t min;
  if ((c & 0xE0) == 0xC0) { n = 2; r = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { n = 3; r = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { n = 4; r = c & 0x07; min = 0x10000; }
  else return {-1, 1};
  if (i + n > s.size()) return {-1, 1};
  for (int k = 1; k < n; k++) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) return {-1, 1};
    r = (r << 6) | (cc & 0x3F);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) return {-1, 1};
  return {r, n};
}

void appendUTF8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c < 0xE000)) c = 0xFFFD;
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
}

// Unicode letters and digits: the scripts programs are written in. Code points
// outside these ranges are reported as invalid identifier characters.
static bool isUnicodeLetter(char32_t c) {
  static const char32_t ranges[][2] = {
      {0xAA, 0xAA},     {0xB5, 0xB5},     {0xBA, 0xBA},     {0xC0, 0xD6},
      {0xD8, 0xF6},     {0xF8, 0x2C1},    {0x370, 0x373},   {0x376, 0x377},
      {0x37B, 0x37D},   {0x386, 0x386},   {0x388, 0x3FF},   {0x400, 0x481},
      {0x48A, 0x52F},   {0x531, 0x556},   {0x561, 0x587},   {0x5D0, 0x5EA},
      {0x620, 0x64A},   {0x904, 0x939},   {0xE01, 0xE30},   {0x10A0, 0x10FF},
      {0x1E00, 0x1FFF}, {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x4E00, 0x9FFF},
      {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}};
  for (auto& r : ranges)
    if (c >= r[0] && c <= r[1]) return true;
  return false;
}

static bool isUnicodeDigit(char32_t c) {
  return (c >= 0x660 && c <= 0x669) || (c >= 0x966 && c <= 0x96F) || (c >= 0xFF10 && c <= 0xFF19);
}

bool isPrintable(char32_t c) {
  if (c < 0x20 || c == 0x7F) return false;
  if (c >= 0x80 && c <= 0xA0) return false;
  // Spaces other than ASCII's are not printable either.
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000) return false;
  if (c == 0xAD || c == 0xFEFF || (c >= 0x2028 && c <= 0x202E) || (c >= 0x200B && c <= 0x200F)) return false;
  if (c >= 0xD800 && c < 0xE000) return false;
  return c <= 0x10FFFF;
}

std::string formatCodePoint(char32_t c) {
  char buf[32];
  snprintf(buf, sizeof buf, "U+%04X", unsigned(c));
  std::string s = buf;
  if (isPrintable(c)) {
    s += " '";
    appendUTF8(s, c);
    s += "'";
  }
  return s;
}

// Appends c as Go's %q spells it between quote marks: the quote mark itself
// and backslash escaped, printable runes as they are, others as escapes.
static void appendQuoted(std::string& s, char32_t c, char quote) {
  switch (c) {
    case '\a': s += "\\a"; return;
    case '\b': s += "\\b"; return;
    case '\f': s += "\\f"; return;
    case '\n': s += "\\n"; return;
    case '\r': s += "\\r"; return;
    case '\t': s += "\\t"; return;
    case '\v': s += "\\v"; return;
    case '\\': s += "\\\\"; return;
  }
  if (c == char32_t(quote)) {
    s += '\\';
    s += quote;
    return;
  }
  char buf[16];
  if (isPrintable(c)) {
    appendUTF8(s, c);
    return;
  }
  if (c < 0x80)
    snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
  else if (c < 0x10000)
    snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
  else
    snprintf(buf, sizeof buf, "\\U%08x", unsigned(c));
  s += buf;
}

std::string quoteRune(char32_t c) {
  std::string s = "'";
  appendQuoted(s, c, '\'');
  return s + "'";
}

std::string quoteString(std::string_view str) {
  std::string s = "\"";
  for (size_t i = 0; i < str.size();) {
    auto [r, width] = decodeUTF8(str, i);
    if (r < 0) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\x%02x", unsigned(static_cast<unsigned char>(str[i])));
      s += buf;
    } else {
      appendQuoted(s, char32_t(r), '"');
    }
    i += size_t(width);
  }
  return s + "\"";
}

static bool isLetter(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool isDecimal(int32_t c) { return c >= '0' && c <= '9'; }
static int32_t lower(int32_t c) { return c | ('x' - 'X'); }
static bool isHex(int32_t c) { return isDecimal(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }

static const char* baseName(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 10: return "decimal";
    default: return "hexadecimal";
  }
}

Lexer::Lexer(std::string_view src, uint32_t file, ErrorFn err) : src_(src), file_(file), err_(std::move(err)) {
  if (src_.substr(0, 3) == "\xEF\xBB\xBF") off_ = 3;  // a leading BOM is ignored
  nextch();
}

void Lexer::errorAt(uint32_t line, uint32_t col, std::string msg) { err_(Pos{file_, line, col}, std::move(msg)); }

void Lexer::nextch() {
  if (ch_ == '\n') {
    line_++;
    lineStart_ = off_ + chw_;
  }
  off_ += chw_;
  col_ = uint32_t(off_ - lineStart_ + 1);
  if (off_ >= src_.size()) {
    ch_ = -1;
    chw_ = 0;
    return;
  }
  unsigned char c = src_[off_];
  if (c < 0x80) {
    ch_ = c;
    chw_ = 1;
    if (ch_ == 0) error("invalid NUL character");
    return;
  }
  auto [r, w] = decodeUTF8(src_, off_);
  chw_ = size_t(w);
  ch_ = r;
  if (r < 0) {
    error("invalid UTF-8 encoding");
    ch_ = 0xFFFD;
  } else if (r == 0xFEFF) {
    error("invalid BOM in the middle of the file");
  }
}

Token Lexer::next() {
  bool nlsemi = nlsemi_;
  nlsemi_ = false;
  for (;;) {
    while (ch_ == ' ' || ch_ == '\t' || (ch_ == '\n' && !nlsemi) || ch_ == '\r') nextch();
    tok_ = Token{};
    tok_.pos = Pos{file_, line_, col_};
    start_ = off_;
    if (isLetter(ch_) || (ch_ >= 0x80 && atIdentChar(true))) {
      nextch();
      ident();
      return tok_;
    }
    switch (ch_) {
      case -1:
        if (nlsemi) {
          tok_.tok = Tok::Semicolon;
          tok_.lit = "EOF";
          return tok_;
        }
        tok_.tok = Tok::EOF_;
        return tok_;
      case '\n':
        nextch();
        tok_.tok = Tok::Semicolon;
        tok_.lit = "newline";
        return tok_;
      case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        number(false);
        return tok_;
      case '"': stdString(); return tok_;
      case '`': rawString(); return tok_;
      case '\'': runeLit(); return tok_;
      case '(': nextch(); tok_.tok = Tok::LParen; return tok_;
      case '[': nextch(); tok_.tok = Tok::LBrack; return tok_;
      case '{': nextch(); tok_.tok = Tok::LBrace; return tok_;
      case ',': nextch(); tok_.tok = Tok::Comma; return tok_;
      case ';': nextch(); tok_.tok = Tok::Semicolon; tok_.lit = "semicolon"; return tok_;
      case ')': nextch(); nlsemi_ = true; tok_.tok = Tok::RParen; return tok_;
      case ']': nextch(); nlsemi_ = true; tok_.tok = Tok::RBrack; return tok_;
      case '}': nextch(); nlsemi_ = true; tok_.tok = Tok::RBrace; return tok_;
      case ':':
        nextch();
        if (ch_ == '=') { nextch(); tok_.tok = Tok::Define; return tok_; }
        tok_.tok = Tok::Colon;
        return tok_;
      case '.':
        nextch();
        if (isDecimal(ch_)) { number(true); return tok_; }
        if (ch_ == '.' && off_ + 1 < src_.size() && src_[off_ + 1] == '.') {
          nextch();
          nextch();
          tok_.tok = Tok::Ellipsis;
          return tok_;
        }
        tok_.tok = Tok::Period;
        return tok_;
      case '+':
        nextch();
        if (ch_ == '+') { nextch(); nlsemi_ = true; tok_.tok = Tok::Inc; return tok_; }
        tok_.tok = opOrAssign(Tok::Add, Tok::AddAssign);
        return tok_;
      case '-':
        nextch();
        if (ch_ == '-') { nextch(); nlsemi_ = true; tok_.tok = Tok::Dec; return tok_; }
        tok_.tok = opOrAssign(Tok::Sub, Tok::SubAssign);
        return tok_;
      case '*': nextch(); tok_.tok = opOrAssign(Tok::Mul, Tok::MulAssign); return tok_;
      case '/':
        nextch();
        if (ch_ == '/') {
          skipLine();
          continue;
        }
        if (ch_ == '*') {
          nextch();
          uint32_t startLine = tok_.pos.line;
          skipComment();
          if (line_ > startLine && nlsemi) {
            tok_.tok = Tok::Semicolon;
            tok_.lit = "newline";
            return tok_;
          }
          continue;
        }
        tok_.tok = opOrAssign(Tok::Quo, Tok::QuoAssign);
        return tok_;
      case '%': nextch(); tok_.tok = opOrAssign(Tok::Rem, Tok::RemAssign); return tok_;
      case '&':
        nextch();
        if (ch_ == '&') { nextch(); tok_.tok = Tok::LAnd; return tok_; }
        if (ch_ == '^') { nextch(); tok_.tok = opOrAssign(Tok::AndNot, Tok::AndNotAssign); return tok_; }
        tok_.tok = opOrAssign(Tok::And, Tok::AndAssign);
        return tok_;
      case '|':
        nextch();
        if (ch_ == '|') { nextch(); tok_.tok = Tok::LOr; return tok_; }
        tok_.tok = opOrAssign(Tok::Or, Tok::OrAssign);
        return tok_;
      case '^': nextch(); tok_.tok = opOrAssign(Tok::Xor, Tok::XorAssign); return tok_;
      case '<':
        nextch();
        if (ch_ == '=') { nextch(); tok_.tok = Tok::Leq; return tok_; }
        if (ch_ == '<') { nextch(); tok_.tok = opOrAssign(Tok::Shl, Tok::ShlAssign); return tok_; }
        if (ch_ == '-') { nextch(); tok_.tok = Tok::Arrow; return tok_; }
        tok_.tok = Tok::Lss;
        return tok_;
      case '>':
        nextch();
        if (ch_ == '=') { nextch(); tok_.tok = Tok::Geq; return tok_; }
        if (ch_ == '>') { nextch(); tok_.tok = opOrAssign(Tok::Shr, Tok::ShrAssign); return tok_; }
        tok_.tok = Tok::Gtr;
        return tok_;
      case '=':
        nextch();
        if (ch_ == '=') { nextch(); tok_.tok = Tok::Eql; return tok_; }
        tok_.tok = Tok::Assign;
        return tok_;
      case '!':
        nextch();
        if (ch_ == '=') { nextch(); tok_.tok = Tok::Neq; return tok_; }
        tok_.tok = Tok::Not;
        return tok_;
      case '~': nextch(); tok_.tok = Tok::Tilde; return tok_;
      default:
        error("invalid character " + formatCodePoint(char32_t(ch_)));
        nextch();
        continue;
    }
  }
}

Tok Lexer::opOrAssign(Tok op, Tok opAssign) {
  if (ch_ == '=') {
    nextch();
    return opAssign;
  }
  return op;
}

void Lexer::skipLine() {
  while (ch_ >= 0 && ch_ != '\n') nextch();
}

bool Lexer::skipComment() {
  while (ch_ >= 0) {
    while (ch_ == '*') {
      nextch();
      if (ch_ == '/') {
        nextch();
        return true;
      }
    }
    if (ch_ < 0) break;
    nextch();
  }
  errorAt(tok_.pos.line, tok_.pos.col, "comment not terminated");
  return false;
}

static Tok keyword(std::string_view s) {
  static const std::pair<std::string_view, Tok> kws[] = {
      {"break", Tok::Break},   {"case", Tok::Case},         {"chan", Tok::Chan},
      {"const", Tok::Const},   {"continue", Tok::Continue}, {"default", Tok::Default},
      {"defer", Tok::Defer},   {"else", Tok::Else},         {"fallthrough", Tok::Fallthrough},
      {"for", Tok::For},       {"func", Tok::Func},         {"go", Tok::Go},
      {"goto", Tok::Goto},     {"if", Tok::If},             {"import", Tok::Import},
      {"interface", Tok::Interface}, {"map", Tok::Map},     {"package", Tok::Package},
      {"range", Tok::Range},   {"return", Tok::Return},     {"select", Tok::Select},
      {"struct", Tok::Struct}, {"switch", Tok::Switch},     {"type", Tok::Type},
      {"var", Tok::Var}};
  for (auto& [name, tok] : kws)
    if (name == s) return tok;
  return Tok::Ident;
}

void Lexer::ident() {
  while (isLetter(ch_) || isDecimal(ch_) || (ch_ >= 0x80 && atIdentChar(false))) nextch();
  tok_.lit = src_.substr(start_, off_ - start_);
  tok_.tok = keyword(tok_.lit);
  nlsemi_ = tok_.tok == Tok::Ident || tok_.tok == Tok::Break || tok_.tok == Tok::Continue ||
            tok_.tok == Tok::Fallthrough || tok_.tok == Tok::Return;
}

bool Lexer::atIdentChar(bool first) {
  if (isUnicodeLetter(char32_t(ch_)) || ch_ == '_') return true;
  if (isUnicodeDigit(char32_t(ch_))) {
    if (first) error("identifier cannot begin with digit " + formatCodePoint(char32_t(ch_)));
    return true;
  }
  if (ch_ >= 0x80) {
    error("invalid character " + formatCodePoint(char32_t(ch_)) + " in identifier");
    return true;
  }
  return false;
}

int Lexer::digits(int base, int* invalid) {
  int digsep = 0;
  if (base <= 10) {
    int32_t max = '0' + base;
    while (isDecimal(ch_) || ch_ == '_') {
      int ds = 1;
      if (ch_ == '_') ds = 2;
      else if (ch_ >= max && invalid && *invalid < 0) *invalid = int(off_ - start_);
      digsep |= ds;
      nextch();
    }
  } else {
    while (isHex(ch_) || ch_ == '_') {
      digsep |= ch_ == '_' ? 2 : 1;
      nextch();
    }
  }
  return digsep;
}

// Index of the first misplaced '_' in a number literal, or -1.
static int invalidSep(std::string_view x) {
  int32_t x1 = ' ';
  int32_t d = '.';
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = lower(x[1]);
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); i++) {
    int32_t p = d;
    d = x[i];
    if (d == '_') {
      if (p != '0') return int(i);
    } else if (isDecimal(d) || (x1 == 'x' && isHex(d))) {
      d = '0';
    } else {
      if (p == '_') return int(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return int(x.size()) - 1;
  return -1;
}

void Lexer::number(bool seenPoint) {
  bool ok = true;
  Tok kind = Tok::Int;
  int base = 10;
  int32_t prefix = 0;
  int digsep = 0;
  int invalid = -1;
  if (seenPoint) start_ = off_ - 1;
  if (!seenPoint) {
    if (ch_ == '0') {
      nextch();
      switch (lower(ch_)) {
        case 'x': nextch(); base = 16; prefix = 'x'; break;
        case 'o': nextch(); base = 8; prefix = 'o'; break;
        case 'b': nextch(); base = 2; prefix = 'b'; break;
        default: base = 8; prefix = '0'; digsep = 1;
      }
    }
    digsep |= digits(base, &invalid);
    if (ch_ == '.') {
      if (prefix == 'o' || prefix == 'b') {
        error(std::string("invalid radix point in ") + baseName(base) + " literal");
        ok = false;
      }
      nextch();
      seenPoint = true;
    }
  }
  if (seenPoint) {
    kind = Tok::Float;
    digsep |= digits(base, &invalid);
  }
  if ((digsep & 1) == 0 && ok) {
    error(std::string(baseName(base)) + " literal has no digits");
    ok = false;
  }
  int32_t e = lower(ch_);
  if (e == 'e' || e == 'p') {
    if (ok) {
      if (e == 'e' && prefix != 0 && prefix != '0') {
        error(quoteRune(char32_t(ch_)) + " exponent requires decimal mantissa");
        ok = false;
      } else if (e == 'p' && prefix != 'x') {
        error(quoteRune(char32_t(ch_)) + " exponent requires hexadecimal mantissa");
        ok = false;
      }
    }
    nextch();
    kind = Tok::Float;
    if (ch_ == '+' || ch_ == '-') nextch();
    digsep = digits(10, nullptr) | (digsep & 2);
    if ((digsep & 1) == 0 && ok) {
      error("exponent has no digits");
      ok = false;
    }
  } else if (prefix == 'x' && kind == Tok::Float && ok) {
    error("hexadecimal mantissa requires a 'p' exponent");
    ok = false;
  }
  if (ch_ == 'i') {
    kind = Tok::Imag;
    nextch();
  }
  tok_.tok = kind;
  tok_.lit = src_.substr(start_, off_ - start_);
  if (kind == Tok::Int && invalid >= 0 && ok) {
    errorAt(tok_.pos.line, tok_.pos.col + invalid,
            "invalid digit " + quoteRune(char32_t(tok_.lit[invalid])) + " in " + baseName(base) + " literal");
    ok = false;
  }
  if ((digsep & 2) != 0 && ok) {
    int i = invalidSep(tok_.lit);
    if (i >= 0) {
      errorAt(tok_.pos.line, tok_.pos.col + i, "'_' must separate successive digits");
      ok = false;
    }
  }
  tok_.bad = !ok;
  nlsemi_ = true;
}

void Lexer::runeLit() {
  bool ok = true;
  nextch();
  for (int n = 0;; n++) {
    if (ch_ == '\'') {
      if (ok) {
        if (n == 0) {
          error("empty rune literal or unescaped '");
          ok = false;
        } else if (n != 1) {
          errorAt(tok_.pos.line, tok_.pos.col, "more than one character in rune literal");
          ok = false;
        }
      }
      nextch();
      break;
    }
    if (ch_ == '\\') {
      nextch();
      if (!escape('\'')) ok = false;
      continue;
    }
    if (ch_ == '\n') {
      if (ok) {
        error("newline in rune literal");
        ok = false;
      }
      break;
    }
    if (ch_ < 0) {
      if (ok) {
        errorAt(tok_.pos.line, tok_.pos.col, "rune literal not terminated");
        ok = false;
      }
      break;
    }
    nextch();
  }
  tok_.tok = Tok::Char;
  tok_.lit = src_.substr(start_, off_ - start_);
  tok_.bad = !ok;
  nlsemi_ = true;
}

void Lexer::stdString() {
  bool ok = true;
  nextch();
  for (;;) {
    if (ch_ == '"') {
      nextch();
      break;
    }
    if (ch_ == '\\') {
      nextch();
      if (!escape('"')) ok = false;
      continue;
    }
    if (ch_ == '\n') {
      error("newline in string");
      ok = false;
      break;
    }
    if (ch_ < 0) {
      errorAt(tok_.pos.line, tok_.pos.col, "string not terminated");
      ok = false;
      break;
    }
    nextch();
  }
  tok_.tok = Tok::String;
  tok_.lit = src_.substr(start_, off_ - start_);
  tok_.bad = !ok;
  nlsemi_ = true;
}

void Lexer::rawString() {
  bool ok = true;
  nextch();
  for (;;) {
    if (ch_ == '`') {
      nextch();
      break;
    }
    if (ch_ < 0) {
      errorAt(tok_.pos.line, tok_.pos.col, "string not terminated");
      ok = false;
      break;
    }
    nextch();
  }
  tok_.tok = Tok::String;
  tok_.lit = src_.substr(start_, off_ - start_);
  tok_.bad = !ok;
  nlsemi_ = true;
}

bool Lexer::escape(char32_t quote) {
  int n;
  uint32_t base, max;
  switch (ch_) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      nextch();
      return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      n = 3; base = 8; max = 255;
      break;
    case 'x': nextch(); n = 2; base = 16; max = 255; break;
    case 'u': nextch(); n = 4; base = 16; max = 0x10FFFF; break;
    case 'U': nextch(); n = 8; base = 16; max = 0x10FFFF; break;
    default:
      if (ch_ == int32_t(quote)) {
        nextch();
        return true;
      }
      if (ch_ < 0) return true;  // the caller reports the missing terminator
      error("unknown escape");
      return false;
  }
  uint32_t x = 0;
  for (int i = n; i > 0; i--) {
    if (ch_ < 0) return true;
    uint32_t d = base;
    if (isDecimal(ch_)) d = uint32_t(ch_ - '0');
    else if (lower(ch_) >= 'a' && lower(ch_) <= 'f') d = uint32_t(lower(ch_) - 'a' + 10);
    if (d >= base) {
      error("invalid character " + quoteRune(char32_t(ch_)) + " in " + baseName(int(base)) + " escape");
      return false;
    }
    x = x * base + d;
    nextch();
  }
  if (x > max && base == 8) {
    error("octal escape value " + std::to_string(x) + " > 255");
    return false;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    error("escape is invalid Unicode code point " + formatCodePoint(x));
    return false;
  }
  return true;
}

// Decodes one escape starting after the backslash at s[i]; advances i.
// Returns the value and whether it is a byte (\x, octal) rather than a rune.
static std::pair<uint32_t, bool> decodeEscape(std::string_view s, size_t& i) {
  char c = s[i++];
  switch (c) {
    case 'a': return {'\a', false};
    case 'b': return {'\b', false};
    case 'f': return {'\f', false};
    case 'n': return {'\n', false};
    case 'r': return {'\r', false};
    case 't': return {'\t', false};
    case 'v': return {'\v', false};
    case 'x': case 'u': case 'U': {
      int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      uint32_t x = 0;
      for (int k = 0; k < n && i < s.size(); k++, i++) {
        char d = s[i];
        x = x * 16 + uint32_t(isDecimal(d) ? d - '0' : lower(d) - 'a' + 10);
      }
      return {x, c == 'x'};
    }
    default:
      if (c >= '0' && c <= '7') {
        uint32_t x = uint32_t(c - '0');
        for (int k = 0; k < 2 && i < s.size(); k++, i++) x = x * 8 + uint32_t(s[i] - '0');
        return {x, true};
      }
      return {uint32_t(uint8_t(c)), false};  // \\ \' \"
  }
}

std::string unquoteString(std::string_view lit) {
  std::string out;
  if (lit.size() < 2) return out;
  std::string_view body = lit.substr(1, lit.size() - 2);
  if (lit[0] == '`') {
    for (char c : body)
      if (c != '\r') out += c;
    return out;
  }
  for (size_t i = 0; i < body.size();) {
    if (body[i] != '\\') {
      out += body[i++];
      continue;
    }
    i++;
    if (i >= body.size()) break;
    auto [v, isByte] = decodeEscape(body, i);
    if (isByte) out += char(v);
    else appendUTF8(out, v);
  }
  return out;
}

int32_t unquoteRune(std::string_view lit) {
  if (lit.size() < 3) return 0;
  std::string_view body = lit.substr(1, lit.size() - 2);
  if (body[0] == '\\') {
    size_t i = 1;
    if (i >= body.size()) return 0;
    return int32_t(decodeEscape(body, i).first);
  }
  auto [r, w] = decodeUTF8(body, 0);
  return r < 0 ? 0xFFFD : r;
}

}  // namespace gol
