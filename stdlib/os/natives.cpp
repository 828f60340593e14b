// natives.cpp — os's system calls. Each returns an errno (0 for success)
// that os.gol turns into Go's error values; none of them keeps a gol pointer
// across an allocation except runtimeArgs, which roots its slice.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "stdlib/internal/gostring.h"
#include "gol/cxx.h"
#include "stdlib/internal/symbols.h"
#include "stdlib/internal/sys.h"
#include "stdlib/natives.h"

namespace {

using gol::view;

std::vector<std::string>& programArgs() {
  static std::vector<std::string> args;
  return args;
}

struct IntPair {
  int64_t n;
  int64_t errno_;
};

struct BytesErr {
  GolSlice data;
  int64_t errno_;
};

struct StringBool {
  GolString s;
  bool ok;
};

struct OpErr {
  GolString op;
  int64_t errno_;
};

GolString literal(const char* s) { return {reinterpret_cast<const uint8_t*>(s), int64_t(strlen(s))}; }

}  // namespace

extern "C" {

void gol_stdlib_set_args(int argc, const char* const* argv) {
  programArgs().assign(argv, argv + argc);
}

GolSlice gol_os_runtimeArgs(GolG* g, void*) {
  const std::vector<std::string>& args = programArgs();
  auto n = int64_t(args.size());
  if (n == 0) return {nullptr, 0, 0};
  gol::RootFrame<1> roots(g);
  auto* strs = static_cast<GolString*>(gol_alloc(g, &gol::kStringType, n));
  roots[0] = strs;
  for (int64_t i = 0; i < n; i++) strs[i] = gol::std_::newString(g, args[size_t(i)]);
  return {strs, n, n};
}

IntPair gol_os_write(GolG*, void*, int64_t fd, const uint8_t* p, int64_t len, int64_t) {
  int64_t done = 0;
  while (done < len) {
    ssize_t w = ::write(int(fd), p + done, size_t(len - done));
    if (w < 0) {
      if (errno == EINTR) continue;
      return {done, errno};
    }
    done += w;
  }
  return {done, 0};
}

IntPair gol_os_read(GolG* g, void*, int64_t fd, uint8_t* p, int64_t len, int64_t) {
  for (;;) {
    // A read that would wait (an empty pipe or terminal) lets the P run other
    // goroutines meanwhile; reads with data at hand, from regular files
    // always, skip the hand-off's cost.
    struct pollfd pfd = {int(fd), POLLIN, 0};
    bool mayBlock = poll(&pfd, 1, 0) == 0;
    if (mayBlock) gol_entersyscall(g);
    ssize_t r = ::read(int(fd), p, size_t(len));
    int err = errno;  // exitsyscall may take locks and so change errno
    if (mayBlock) gol_exitsyscall(g);
    if (r < 0 && err == EINTR) continue;
    if (r < 0) return {0, err};
    return {r, 0};
  }
}

StringBool gol_os_LookupEnv(GolG* g, void*, const uint8_t* p, int64_t n) {
  std::optional<std::string> v = gol::std_::lookupEnv(view(p, n));
  if (!v) return {{nullptr, 0}, false};
  return {gol::std_::newString(g, *v), true};
}

int64_t gol_os_setenv(GolG*, void*, const uint8_t* k, int64_t kn, const uint8_t* v, int64_t vn) {
  std::string key(view(k, kn)), value(view(v, vn));
  if (key.empty() || key.find('=') != std::string::npos || key.find('\0') != std::string::npos ||
      value.find('\0') != std::string::npos)
    return EINVAL;
  return setenv(key.c_str(), value.c_str(), 1) == 0 ? 0 : errno;
}

void gol_os_Exit(GolG* g, void*, int64_t code) { gol_exit(g, int32_t(code)); }

BytesErr gol_os_readFile(GolG* g, void*, const uint8_t* p, int64_t n) {
  std::string data;
  if (int e = gol::std_::readWholeFile(view(p, n), -1, &data)) return {{nullptr, 0, 0}, e};
  GolSlice s = gol::std_::newBytes(g, data);
  if (s.ptr == nullptr) s = {const_cast<char*>(""), 0, 0};  // a non-nil empty slice, as Go returns
  return {s, 0};
}

OpErr gol_os_writeFile(GolG*, void*, const uint8_t* p, int64_t n, const uint8_t* d, int64_t dn, int64_t, uint32_t perm) {
  std::string name(view(p, n));
  int fd = open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, perm & 0777);
  if (fd < 0) return {literal("open"), errno};
  int64_t done = 0;
  while (done < dn) {
    ssize_t w = ::write(fd, d + done, size_t(dn - done));
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      int e = errno;
      close(fd);
      return {literal("write"), e};
    }
    done += w;
  }
  if (close(fd) != 0) return {literal("close"), errno};
  return {{nullptr, 0}, 0};
}

}  // extern "C"

namespace gol::std_ {

Symbols osSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("os.Exit", gol_os_Exit),
      GOL_NATIVE("os.LookupEnv", gol_os_LookupEnv),
      GOL_NATIVE("os.read", gol_os_read),
      GOL_NATIVE("os.readFile", gol_os_readFile),
      GOL_NATIVE("os.runtimeArgs", gol_os_runtimeArgs),
      GOL_NATIVE("os.setenv", gol_os_setenv),
      GOL_NATIVE("os.write", gol_os_write),
      GOL_NATIVE("os.writeFile", gol_os_writeFile),
  };
  return table;
}

}  // namespace gol::std_
