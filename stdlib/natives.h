// natives.h — the stdlib's native functions by gol symbol name, for the JIT.
//
// A std function declared without a body in a .gol file is implemented in
// C++ under the name "<importpath>.<Name>" ("fmt.Println",
// "strings.(*Builder).String"), with the gol ABI of include/gol/abi.h.
#pragma once

#include <stddef.h>

#include "gol/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

// Every native, sorted by name; *n receives the count.
const GolSymbol* gol_stdlib_symbols(size_t* n);

#ifdef __cplusplus
}
#endif
