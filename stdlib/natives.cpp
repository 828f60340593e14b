// natives.cpp — gol_stdlib_symbols: the union of the packages' tables,
// sorted by name once so the JIT (or a test) can binary-search it.
#include "stdlib/natives.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "stdlib/internal/symbols.h"

namespace {

std::vector<GolSymbol> collectSymbols() {
  std::vector<GolSymbol> all;
  for (gol::std_::Symbols table : {gol::std_::contextSymbols(), gol::std_::errorsSymbols(), gol::std_::fmtSymbols(), gol::std_::mathSymbols(), gol::std_::osSymbols(), gol::std_::reflectliteSymbols(), gol::std_::strconvSymbols(), gol::std_::stringsSymbols(),
                                    gol::std_::timeSymbols(), gol::std_::syncSymbols(), gol::std_::syncAtomicSymbols(), gol::std_::syscallSymbols(),
                                    gol::std_::unicodeSymbols()}) all.insert(all.end(), table.begin(), table.end());
  std::sort(all.begin(), all.end(), [](const GolSymbol& a, const GolSymbol& b) { return strcmp(a.name, b.name) < 0; });
  return all;
}

}  // namespace

extern "C" const GolSymbol* gol_stdlib_symbols(size_t* n) {
  static const std::vector<GolSymbol> symbols = collectSymbols();
  *n = symbols.size();
  return symbols.data();
}
