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

// Records the program's arguments for os.Args (argv[0] is the program name);
// the driver calls it before the program's package initialisers run.
void gol_stdlib_set_args(int argc, const char* const* argv);

#ifdef __cplusplus
}
#endif
