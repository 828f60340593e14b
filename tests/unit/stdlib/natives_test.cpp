// natives_test.cpp — the native table agrees with the embedded gol sources:
// every bodiless top-level func in a std package has a native of that name,
// every native is declared by some package, and the table is sorted.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <sstream>
#include <string>

#include "stdlib/natives.h"
#include "stdlib/sources.h"

namespace {

// The native's name for a declaration after "func ": "Name(..." gives
// "Name", a method "(x *T) Name(..." gives "(*T).Name".
std::string nativeName(const std::string& decl) {
  if (decl[0] != '(') return decl.substr(0, decl.find('('));
  size_t close = decl.find(')');
  std::string recv = decl.substr(1, close - 1);
  recv = recv.substr(recv.rfind(' ') + 1);  // drop the receiver's name
  std::string method = decl.substr(close + 2, decl.find('(', close) - close - 2);
  return (recv[0] == '*' ? "(" + recv + ")" : recv) + "." + method;
}

// "func Name(" and "func (r *T) Name(" lines without a body (no '{' on the
// line): natives, unless a //gol:intrinsic line (the compiler implements
// them) comes right before.
std::set<std::string> declaredNatives() {
  std::set<std::string> names;
  for (const gol::StdlibFile* f = gol::stdlibFiles(); f->importPath != nullptr; f++) {
    std::istringstream in(f->source);
    std::string prev;
    for (std::string line; std::getline(in, line); prev = line) {
      if (line.rfind("func ", 0) != 0 || line.find('{') != std::string::npos || prev == "//gol:intrinsic") continue;
      names.insert(std::string(f->importPath) + "." + nativeName(line.substr(5)));
    }
  }
  return names;
}

TEST(Natives, TableMatchesDeclarations) {
  size_t n = 0;
  const GolSymbol* syms = gol_stdlib_symbols(&n);
  std::set<std::string> table;
  for (size_t i = 0; i < n; i++) {
    table.insert(syms[i].name);
    EXPECT_NE(syms[i].addr, nullptr) << syms[i].name;
    if (i > 0) EXPECT_LT(strcmp(syms[i - 1].name, syms[i].name), 0) << "unsorted at " << syms[i].name;
  }
  // Packages runtime and runtime/debug, time's clocks and timers, and part
  // of sync are implemented by the runtime itself.
  std::set<std::string> runtimeTable;
  size_t nrt = 0;
  const GolSymbol* rt = gol_runtime_symbols(&nrt);
  for (size_t i = 0; i < nrt; i++) runtimeTable.insert(rt[i].name);
  std::set<std::string> declared = declaredNatives();
  for (const std::string& d : declared)
    EXPECT_TRUE(table.count(d) || runtimeTable.count(d)) << "no native for " << d;
  for (const std::string& t : table) EXPECT_TRUE(declared.count(t)) << "native " << t << " is not declared";
  for (const std::string& t : runtimeTable)
    // Dotted names are gol natives; the rest are ABI entry points (gol_*,
    // and libc's _setjmp and memcmp).
    if (t.find('.') != std::string::npos) EXPECT_TRUE(declared.count(t)) << "runtime native " << t << " is not declared";
  EXPECT_GT(n, 80u);
}

}  // namespace
