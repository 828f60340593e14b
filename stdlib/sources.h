// The stdlib's gol sources, embedded at build time (cmake/embed_stdlib.cmake)
// so that a run reads no files besides the user's program.
#pragma once

namespace gol {

struct StdlibFile {
  const char* importPath;  // "fmt", "unicode/utf8"
  const char* fileName;    // "print.gol"
  const char* source;
};

// Null-terminated table of every embedded file, sorted by path.
const StdlibFile* stdlibFiles();

}  // namespace gol
