// quote.cpp — see quote.h. Mirrors Go's quote.go function by function so that
// every escape decision (which runes print raw, \x vs \u vs \U) matches.
#include "stdlib/strconv/quote.h"

#include <algorithm>

#include "stdlib/internal/utf8.h"

namespace gol::strconv {
namespace {

constexpr const char* kLowerHex = "0123456789abcdef";

template <typename T>
size_t lowerBound(const T* a, size_t n, T x) {
  return size_t(std::lower_bound(a, a + n, x) - a);
}

bool inGraphicList(int32_t r) {
  if (r > 0xFFFF) return false;
  auto rr = uint16_t(r);
  size_t i = lowerBound(tables::isGraphic, tables::isGraphicLen, rr);
  return i < tables::isGraphicLen && tables::isGraphic[i] == rr;
}

void appendEscapedRune(std::string& buf, int32_t r, char quote, bool asciiOnly, bool graphicOnly) {
  if (r == quote || r == '\\') {
    buf += '\\';
    buf += char(r);
    return;
  }
  if (asciiOnly) {
    if (r < utf8::RuneSelf && isPrint(r)) {
      buf += char(r);
      return;
    }
  } else if (isPrint(r) || (graphicOnly && inGraphicList(r))) {
    utf8::appendRune(buf, r);
    return;
  }
  switch (r) {
    case '\a': buf += "\\a"; return;
    case '\b': buf += "\\b"; return;
    case '\f': buf += "\\f"; return;
    case '\n': buf += "\\n"; return;
    case '\r': buf += "\\r"; return;
    case '\t': buf += "\\t"; return;
    case '\v': buf += "\\v"; return;
  }
  if (r < ' ' || r == 0x7f) {
    buf += "\\x";
    buf += kLowerHex[uint8_t(r) >> 4];
    buf += kLowerHex[uint8_t(r) & 0xF];
    return;
  }
  if (!utf8::validRune(r)) r = 0xFFFD;
  if (r < 0x10000) {
    buf += "\\u";
    for (int s = 12; s >= 0; s -= 4) buf += kLowerHex[(r >> s) & 0xF];
  } else {
    buf += "\\U";
    for (int s = 28; s >= 0; s -= 4) buf += kLowerHex[(r >> s) & 0xF];
  }
}

int unhex(char c) {
  if ('0' <= c && c <= '9') return c - '0';
  if ('a' <= c && c <= 'f') return c - 'a' + 10;
  if ('A' <= c && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go's UnquoteChar: decodes one (possibly escaped) character from the front
// of s, advancing it. Returns false on a syntax error.
bool unquoteChar(std::string_view& s, char quote, int32_t& value, bool& multibyte) {
  multibyte = false;
  if (s.empty()) return false;
  auto c = uint8_t(s[0]);
  if (c == uint8_t(quote) && (quote == '\'' || quote == '"')) return false;
  if (c >= utf8::RuneSelf) {
    utf8::Decoded d = utf8::decodeRune(s);
    s.remove_prefix(size_t(d.size));
    value = d.rune;
    multibyte = true;
    return true;
  }
  if (c != '\\') {
    value = c;
    s.remove_prefix(1);
    return true;
  }
  if (s.size() <= 1) return false;
  char e = s[1];
  s.remove_prefix(2);
  switch (e) {
    case 'a': value = '\a'; return true;
    case 'b': value = '\b'; return true;
    case 'f': value = '\f'; return true;
    case 'n': value = '\n'; return true;
    case 'r': value = '\r'; return true;
    case 't': value = '\t'; return true;
    case 'v': value = '\v'; return true;
    case '\\': value = '\\'; return true;
    case '\'':
    case '"':
      if (e != quote) return false;
      value = e;
      return true;
    case 'x':
    case 'u':
    case 'U': {
      size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      if (s.size() < n) return false;
      int32_t v = 0;
      for (size_t j = 0; j < n; j++) {
        int x = unhex(s[j]);
        if (x < 0) return false;
        v = (v << 4) | x;
      }
      s.remove_prefix(n);
      if (e != 'x') {
        if (!utf8::validRune(v)) return false;
        multibyte = true;
      }
      value = v;
      return true;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      int32_t v = e - '0';
      if (s.size() < 2) return false;
      for (size_t j = 0; j < 2; j++) {
        int x = s[j] - '0';
        if (x < 0 || x > 7) return false;
        v = (v << 3) | x;
      }
      s.remove_prefix(2);
      if (v > 255) return false;
      value = v;
      return true;
    }
  }
  return false;
}

bool validString(std::string_view s) {
  while (!s.empty()) {
    utf8::Decoded d = utf8::decodeRune(s);
    if (d.rune == utf8::RuneError && d.size == 1) return false;
    s.remove_prefix(size_t(d.size));
  }
  return true;
}

}  // namespace

bool isPrint(int32_t r) {
  using namespace tables;
  if (r <= 0xFF) {
    if (0x20 <= r && r <= 0x7E) return true;
    if (0xA1 <= r && r <= 0xFF) return r != 0xAD;
    return false;
  }
  if (0 <= r && r < (1 << 16)) {
    auto rr = uint16_t(r);
    size_t i = lowerBound(isPrint16, isPrint16Len, rr);
    if (i >= isPrint16Len || rr < isPrint16[i & ~size_t(1)] || isPrint16[i | 1] < rr) return false;
    size_t j = lowerBound(isNotPrint16, isNotPrint16Len, rr);
    return j >= isNotPrint16Len || isNotPrint16[j] != rr;
  }
  auto rr = uint32_t(r);
  size_t i = lowerBound(isPrint32, isPrint32Len, rr);
  if (i >= isPrint32Len || rr < isPrint32[i & ~size_t(1)] || isPrint32[i | 1] < rr) return false;
  if (r >= 0x20000) return true;
  auto r16 = uint16_t(r - 0x10000);
  size_t j = lowerBound(isNotPrint32, isNotPrint32Len, r16);
  return j >= isNotPrint32Len || isNotPrint32[j] != r16;
}

bool isGraphic(int32_t r) { return isPrint(r) || inGraphicList(r); }

bool canBackquote(std::string_view s) {
  while (!s.empty()) {
    utf8::Decoded d = utf8::decodeRune(s);
    s.remove_prefix(size_t(d.size));
    if (d.size > 1) {
      if (d.rune == 0xFEFF) return false;
      continue;
    }
    if (d.rune == utf8::RuneError) return false;
    if ((d.rune < ' ' && d.rune != '\t') || d.rune == '`' || d.rune == 0x7F) return false;
  }
  return true;
}

void appendQuotedWith(std::string& buf, std::string_view s, char quote, bool asciiOnly, bool graphicOnly) {
  buf += quote;
  while (!s.empty()) {
    int32_t r = uint8_t(s[0]);
    int width = 1;
    if (r >= utf8::RuneSelf) {
      utf8::Decoded d = utf8::decodeRune(s);
      r = d.rune;
      width = d.size;
    }
    if (width == 1 && r == utf8::RuneError) {
      buf += "\\x";
      buf += kLowerHex[uint8_t(s[0]) >> 4];
      buf += kLowerHex[uint8_t(s[0]) & 0xF];
    } else {
      appendEscapedRune(buf, r, quote, asciiOnly, graphicOnly);
    }
    s.remove_prefix(size_t(width));
  }
  buf += quote;
}

void appendQuotedRuneWith(std::string& buf, int32_t r, char quote, bool asciiOnly, bool graphicOnly) {
  buf += quote;
  if (!utf8::validRune(r)) r = utf8::RuneError;
  appendEscapedRune(buf, r, quote, asciiOnly, graphicOnly);
  buf += quote;
}

bool unquote(std::string_view in, std::string& out) {
  out.clear();
  if (in.size() < 2) return false;
  char quote = in[0];
  size_t end = in.find(quote, 1);
  if (end == std::string_view::npos) return false;
  end += 1;  // position after the terminating quote, if nothing is escaped
  if (quote == '`') {
    if (end != in.size()) return false;
    for (size_t i = 1; i + 1 < end; i++)
      if (in[i] != '\r') out += in[i];
    return true;
  }
  if (quote != '"' && quote != '\'') return false;
  std::string_view body = in.substr(1, end - 2);
  if (body.find('\\') == std::string_view::npos && body.find('\n') == std::string_view::npos) {
    bool valid;
    if (quote == '"') {
      valid = validString(body);
    } else {
      utf8::Decoded d = utf8::decodeRune(body);
      valid = size_t(1 + d.size + 1) == end && (d.rune != utf8::RuneError || d.size != 1);
    }
    if (valid) {
      if (end != in.size()) return false;
      out.assign(body);
      return true;
    }
  }
  std::string_view rest = in.substr(1);
  while (!rest.empty() && rest[0] != quote) {
    if (rest[0] == '\n') return false;
    int32_t r;
    bool multibyte;
    if (!unquoteChar(rest, quote, r, multibyte)) return false;
    if (r < utf8::RuneSelf || !multibyte)
      out += char(r);
    else
      utf8::appendRune(out, r);
    if (quote == '\'') break;
  }
  if (rest.empty() || rest[0] != quote) return false;
  rest.remove_prefix(1);
  return rest.empty();
}

}  // namespace gol::strconv
