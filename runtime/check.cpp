// check.cpp — the failure path of GOL_ASSERT (see check.h).
#include "runtime/check.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace gol::rt {

void invariantFailed(const char* invariant) {
  // write(2) directly: stdio may be locked by the thread that broke the
  // invariant, and nothing here may allocate.
  const char* parts[] = {"fatal error: ", invariant, "\n"};
  for (const char* p : parts) {
    size_t n = strlen(p);
    while (n > 0) {
      ssize_t w = write(2, p, n);
      if (w <= 0) break;
      p += w;
      n -= size_t(w);
    }
  }
  abort();
}

}  // namespace gol::rt
