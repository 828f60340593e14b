// sys.h — the system calls more than one package's natives make (os's, and
// time's, which cannot use os: in Go, os imports time), with Go's error
// conventions: errno values, and error texts as Go's syscall.Errno prints
// them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gol::std_ {

// Reads the named file into *data: all of it, or at most max bytes when
// max >= 0. Returns 0 or the errno of the failing call.
int readWholeFile(std::string_view name, int64_t max, std::string* data);

// syscall.Errno(e).Error(): glibc's message with a lower-case first letter.
std::string errnoText(int e);

// The environment variable key, if it is set.
std::optional<std::string> lookupEnv(std::string_view key);

}  // namespace gol::std_
