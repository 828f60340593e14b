// print.h — formatting of the runtime's own output (print/println, panic
// messages, tracebacks) exactly as Go's runtime/print.go formats it.
//
// Invariants
//  - Output goes straight to file descriptor 2 with write(2), unbuffered, as
//    Go's gwrite does: nothing is lost when the process exits right after.
//  - The append* functions only format; they never allocate from the gol heap,
//    so they are safe inside a collection or a fatal error.
#pragma once

#include <cstdint>
#include <string>

namespace gol::rt {

void writeStderr(const char* p, size_t n);
void writeStderr(const std::string& s);

void appendInt(std::string& out, int64_t v);
void appendUint(std::string& out, uint64_t v);
void appendHex(std::string& out, uint64_t v);      // 0x1f
void appendFloat(std::string& out, double v);      // +1.500000e+000
void appendBool(std::string& out, bool v);

}  // namespace gol::rt
