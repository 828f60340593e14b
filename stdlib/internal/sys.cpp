// sys.cpp — see sys.h.
#include "stdlib/internal/sys.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace gol::std_ {

// Reads straight into *data: natives run on goroutine stacks, which have
// only GOL_STACK_GUARD_RESERVE bytes to spare for a buffer.
int readWholeFile(std::string_view name, int64_t max, std::string* data) {
  int fd = open(std::string(name).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  constexpr size_t kChunk = 65536;
  size_t have = 0;
  while (max < 0 || int64_t(have) < max) {
    size_t want = kChunk;
    if (max >= 0 && uint64_t(max) - have < want) want = size_t(uint64_t(max) - have);
    data->resize(have + want);
    ssize_t r = ::read(fd, data->data() + have, want);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int e = errno;
      close(fd);
      data->clear();
      return e;
    }
    if (r == 0) break;
    have += size_t(r);
  }
  data->resize(have);
  close(fd);
  return 0;
}

std::string errnoText(int e) {
  // Go's table has texts for 1..132 except two unused numbers; they are
  // glibc's, with two exceptions, first letter lowered unless an acronym.
  if (e <= 0 || e >= 133 || e == 41 || e == 58) return "errno " + std::to_string(e);
  if (e == ESTALE) return "stale NFS file handle";
  return lowerFirst(strerror(e));
}

std::string lowerFirst(std::string s) {
  if (s.size() > 1 && islower(static_cast<unsigned char>(s[1])))
    s[0] = char(tolower(static_cast<unsigned char>(s[0])));
  return s;
}

std::optional<std::string> lookupEnv(std::string_view key) {
  const char* v = getenv(std::string(key).c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

}  // namespace gol::std_
