// driver.h — libgol's entry for running a program: read, check, generate,
// JIT, run. The CLI (main.cpp) is a thin shell over this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gol {

// gol run refuses source files larger than this (and anything not a regular file).
inline constexpr uint64_t kMaxSourceBytes = uint64_t(64) << 20;

struct RunOptions {
  int optLevel = 2;
  bool dumpIR = false;  // print the generated module (before optimisation) to stderr
  // Print the time per compilation phase to stderr before the program runs:
  // one line "gol timings (ms): parse P check C codegen G opt O isel I link L
  // total T cpu U", phases in the main thread's CPU time, total the wall time
  // from start to running main.init, cpu the main thread's CPU time so far.
  // parse is a separate parse of the main file (checking parses it again, and
  // check is the rest of the front end: std packages' parsing included).
  bool timings = false;
};

// Runs the program in `path` with `args` as os.Args[1:]. Returns the process
// exit code: 1 for compile errors (printed to stderr as file:line:col: msg),
// otherwise the program's. Once the program has run, the JIT and the checked
// program are left in place, not torn down: the caller is expected to exit.
int runFile(const std::string& path, const std::vector<std::string>& args, const RunOptions& opts);

// `gol version`'s second line: the Go tree the standard library comes from,
// or how to get one.
std::string gorootLine();

}  // namespace gol
