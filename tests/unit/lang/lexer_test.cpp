// lexer_test.cpp — tokens, automatic semicolons, literal values, positions
// and gc's lexical error messages.
#include <gtest/gtest.h>

#include "lang/lexer.h"

namespace {

using gol::Tok;

struct Lexed {
  std::vector<gol::Token> toks;
  std::vector<std::string> errs;
};

Lexed lex(const std::string& src) {
  static std::vector<std::string> keep;  // tokens view the source
  keep.push_back(src);
  Lexed out;
  gol::Lexer lx(keep.back(), 0, [&](gol::Pos p, std::string m) {
    out.errs.push_back(std::to_string(p.line) + ":" + std::to_string(p.col) + ": " + m);
  });
  for (;;) {
    gol::Token t = lx.next();
    out.toks.push_back(t);
    if (t.tok == Tok::EOF_) break;
  }
  return out;
}

std::string kinds(const Lexed& l) {
  std::string s;
  for (auto& t : l.toks) {
    if (!s.empty()) s += " ";
    if (t.tok == Tok::Semicolon) s += ";" + std::string(t.lit == "semicolon" ? "" : "(" + std::string(t.lit) + ")");
    else if (t.tok == Tok::Ident || gol::isLiteral(t.tok)) s += std::string(t.lit);
    else s += std::string(gol::tokString(t.tok));
  }
  return s;
}

TEST(Lexer, SemicolonInsertion) {
  EXPECT_EQ(kinds(lex("x\ny")), "x ;(newline) y ;(EOF) EOF");
  EXPECT_EQ(kinds(lex("return\n}")), "return ;(newline) } ;(EOF) EOF");
  EXPECT_EQ(kinds(lex("a +\nb")), "a + b ;(EOF) EOF");
  EXPECT_EQ(kinds(lex("f()\n")), "f ( ) ;(newline) EOF");
  EXPECT_EQ(kinds(lex("x++ /* a\nb */ y")), "x ++ ;(newline) y ;(EOF) EOF");
  EXPECT_EQ(kinds(lex("x // c\ny")), "x ;(newline) y ;(EOF) EOF");
  EXPECT_EQ(kinds(lex("a; b")), "a ; b ;(EOF) EOF");
}

TEST(Lexer, Operators) {
  EXPECT_EQ(kinds(lex("&^= <<= ... <- := &&")), "&^= <<= ... <- := && EOF");
  EXPECT_EQ(kinds(lex("a.b..c")), "a . b . . c ;(EOF) EOF");
}

TEST(Lexer, Positions) {
  Lexed l = lex("package main\n\n\tx := 1");
  ASSERT_GE(l.toks.size(), 6u);
  EXPECT_EQ(l.toks[3].pos.line, 3u);  // x
  EXPECT_EQ(l.toks[3].pos.col, 2u);   // after a tab: byte column
  EXPECT_EQ(l.toks[4].pos.col, 4u);   // :=
}

TEST(Lexer, NumberLiterals) {
  for (const char* ok : {"0x_1F", "0o17", "0b1010", "1_000_000", "017", "1.5e-3", "0x1p-2", ".5", "1.", "0X1.8P+1"}) {
    Lexed l = lex(ok);
    EXPECT_TRUE(l.errs.empty()) << ok;
    EXPECT_EQ(l.toks[0].lit, ok);
  }
  EXPECT_EQ(lex("08").errs.at(0), "1:2: invalid digit '8' in octal literal");
  EXPECT_EQ(lex("1__0").errs.at(0), "1:3: '_' must separate successive digits");
  EXPECT_EQ(lex("0x").errs.at(0), "1:3: hexadecimal literal has no digits");
  EXPECT_EQ(lex("0x1.0").errs.at(0), "1:6: hexadecimal mantissa requires a 'p' exponent");
  EXPECT_EQ(lex("1e").errs.at(0), "1:3: exponent has no digits");
  EXPECT_EQ(lex("0b12").errs.at(0), "1:4: invalid digit '2' in binary literal");
  EXPECT_EQ(lex("1i").toks[0].tok, Tok::Imag);
}

TEST(Lexer, StringAndRuneValues) {
  EXPECT_EQ(gol::unquoteString(R"("a\tb\n\x41\101\u00e9\U0001F600\\\"")"), "a\tb\nAA\xc3\xa9\xf0\x9f\x98\x80\\\"");
  EXPECT_EQ(gol::unquoteString("`raw\r\n\\n`"), "raw\n\\n");
  EXPECT_EQ(gol::unquoteRune("'a'"), 'a');
  EXPECT_EQ(gol::unquoteRune(R"('\n')"), '\n');
  EXPECT_EQ(gol::unquoteRune(R"('\'')"), '\'');
  EXPECT_EQ(gol::unquoteRune("'\xe4\xb8\x96'"), 0x4E16);
  EXPECT_EQ(gol::unquoteRune(R"('\x7f')"), 0x7f);
}

// Constants in messages and struct tags in type strings are quoted as Go's
// strconv.Quote does (expected values printed by Go 1.19).
TEST(Lexer, QuotingFollowsGo) {
  EXPECT_EQ(gol::quoteString("a\tb\"\\\n\x01\xc3\xa9\u200b\xff'\x7f\U0001F600"),
            R"("a\tb\"\\\n\x01é\u200b\xff'\x7f😀")");
  EXPECT_EQ(gol::quoteRune('\''), R"('\'')");
  EXPECT_EQ(gol::quoteRune('"'), R"('"')");
}

TEST(Lexer, StringErrors) {
  EXPECT_EQ(lex("\"abc").errs.at(0), "1:1: string not terminated");
  EXPECT_EQ(lex("\"a\nb\"").errs.at(0), "1:3: newline in string");
  EXPECT_EQ(lex("`abc").errs.at(0), "1:1: string not terminated");
  EXPECT_EQ(lex(R"("\q")").errs.at(0), "1:3: unknown escape");
  EXPECT_EQ(lex(R"("\400")").errs.at(0), "1:6: octal escape value 256 > 255");
  EXPECT_EQ(lex(R"("\uD800")").errs.at(0), "1:8: escape is invalid Unicode code point U+D800");
  EXPECT_EQ(lex(R"("\xZZ")").errs.at(0), "1:4: invalid character 'Z' in hexadecimal escape");
  EXPECT_EQ(lex("''").errs.at(0), "1:2: empty rune literal or unescaped '");
  EXPECT_EQ(lex("'ab'").errs.at(0), "1:1: more than one character in rune literal");
  EXPECT_EQ(lex("/* x").errs.at(0), "1:1: comment not terminated");
}

TEST(Lexer, InvalidCharacters) {
  EXPECT_EQ(lex("a @ b").errs.at(0), "1:3: invalid character U+0040 '@'");
  EXPECT_EQ(lex(std::string("a\0b", 3)).errs.at(0), "1:2: invalid NUL character");
  EXPECT_EQ(lex("a \xff").errs.at(0), "1:3: invalid UTF-8 encoding");
  Lexed u = lex("π := 3");
  EXPECT_TRUE(u.errs.empty());
  EXPECT_EQ(u.toks[0].lit, "π");
}

TEST(Lexer, NeverStuckOnGarbage) {
  std::string junk;
  for (int i = 0; i < 256; i++) junk += char(i);
  Lexed l = lex(junk + junk);
  EXPECT_EQ(l.toks.back().tok, Tok::EOF_);
}

}  // namespace
