// symbols.h — each package's table of natives, gathered by natives.cpp.
// Listing the tables explicitly (rather than registering from static
// initialisers) keeps every package's object file linked in from the
// static library.
#pragma once

#include <cstddef>
#include <span>

#include "gol/abi.h"
#include "gol/native.h"

namespace gol::std_ {

using Symbols = std::span<const GolSymbol>;

Symbols contextSymbols();
Symbols errorsSymbols();
Symbols fmtSymbols();
Symbols mathSymbols();
Symbols osSymbols();
Symbols reflectliteSymbols();
Symbols strconvSymbols();
Symbols timeSymbols();
Symbols syncSymbols();
Symbols syncAtomicSymbols();
Symbols syscallSymbols();
Symbols stringsSymbols();
Symbols unicodeSymbols();

}  // namespace gol::std_
