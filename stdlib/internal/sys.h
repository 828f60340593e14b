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

// syscall.Errno(e).Error(): Go's text, "errno N" for numbers it has none for.
std::string errnoText(int e);

// s with its first letter lowered, unless s starts with an acronym ("CPU",
// "I/O"): how Go's error and signal texts differ from glibc's.
std::string lowerFirst(std::string s);

// The environment variable key, if it is set.
std::optional<std::string> lookupEnv(std::string_view key);

}  // namespace gol::std_
