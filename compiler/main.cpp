// main.cpp — the gol command line: `gol run [-O0] [-dump-ir] [-timings] file.gol [args...]`
// and `gol version` (which also names the Go tree the standard library comes from).
#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <string>
#include <vector>

#include "compiler/driver.h"

namespace {

constexpr const char* kVersion = "gol version 0.1.0 (go1.22 language, LLVM 19 ORC JIT)";

int usage() {
  std::fprintf(stderr,
               "usage: gol run [-O0] [-dump-ir] [-timings] file.gol [arguments...]\n"
               "       gol version\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string cmd = argv[1];
  if (cmd == "version" || cmd == "-version" || cmd == "--version") {
    std::printf("%s\n%s\n", kVersion, gol::gorootLine().c_str());
    return 0;
  }
  if (cmd != "run") return usage();
  gol::RunOptions opts;
  int i = 2;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (std::strcmp(argv[i], "-O0") == 0)
      opts.optLevel = 0;
    else if (std::strcmp(argv[i], "-dump-ir") == 0)
      opts.dumpIR = true;
    else if (std::strcmp(argv[i], "-timings") == 0)
      opts.timings = true;
    else
      return usage();
  }
  if (i >= argc) return usage();
  std::string file = argv[i++];
  std::vector<std::string> args(argv + i, argv + argc);
  int code = gol::runFile(file, args, opts);
  // Other goroutines may still be running JIT code: leave without running
  // static destructors (which would tear the JIT down under them), as a Go
  // program's exit does not wait for its goroutines.
  std::fflush(nullptr);
  _exit(code);
}
