// print.cpp — the built-in print and println (gol_print*) and the number
// formatting shared with panic messages and tracebacks (see print.h).
#include "runtime/print.h"

#include <unistd.h>

#include <cerrno>

#include "gol/abi.h"

namespace gol::rt {

void writeStderr(const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = write(2, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    p += w;
    n -= size_t(w);
  }
}

void writeStderr(const std::string& s) { writeStderr(s.data(), s.size()); }

void appendUint(std::string& out, uint64_t v) {
  char buf[24];
  int i = sizeof buf;
  do {
    buf[--i] = char('0' + v % 10);
    v /= 10;
  } while (v);
  out.append(buf + i, sizeof buf - i);
}

void appendInt(std::string& out, int64_t v) {
  if (v < 0) {
    out += '-';
    appendUint(out, 0 - uint64_t(v));
    return;
  }
  appendUint(out, uint64_t(v));
}

void appendHex(std::string& out, uint64_t v) {
  static const char dig[] = "0123456789abcdef";
  char buf[20];
  int i = sizeof buf;
  do {
    buf[--i] = dig[v % 16];
    v /= 16;
  } while (v);
  out += "0x";
  out.append(buf + i, sizeof buf - i);
}

// Go's printfloat: seven significant digits, sign always shown, three-digit
// exponent. The arithmetic is Go's, step for step, so the rounding agrees.
void appendFloat(std::string& out, double v) {
  if (v != v) {
    out += "NaN";
    return;
  }
  if (v + v == v && v > 0) {
    out += "+Inf";
    return;
  }
  if (v + v == v && v < 0) {
    out += "-Inf";
    return;
  }
  constexpr int n = 7;
  char buf[n + 7];
  buf[0] = '+';
  int e = 0;
  if (v == 0) {
    if (1 / v < 0) buf[0] = '-';
  } else {
    if (v < 0) {
      v = -v;
      buf[0] = '-';
    }
    while (v >= 10) {
      e++;
      v /= 10;
    }
    while (v < 1) {
      e--;
      v *= 10;
    }
    double h = 5.0;
    for (int i = 0; i < n; i++) h /= 10;
    v += h;
    if (v >= 10) {
      e++;
      v /= 10;
    }
  }
  for (int i = 0; i < n; i++) {
    int s = int(v);
    buf[i + 2] = char(s + '0');
    v -= double(s);
    v *= 10;
  }
  buf[1] = buf[2];
  buf[2] = '.';
  buf[n + 2] = 'e';
  buf[n + 3] = '+';
  if (e < 0) {
    e = -e;
    buf[n + 3] = '-';
  }
  buf[n + 4] = char(e / 100 + '0');
  buf[n + 5] = char(e / 10 % 10 + '0');
  buf[n + 6] = char(e % 10 + '0');
  out.append(buf, sizeof buf);
}

void appendBool(std::string& out, bool v) { out += v ? "true" : "false"; }

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

void gol_printstring(GolG*, const uint8_t* p, int64_t n) {
  writeStderr(reinterpret_cast<const char*>(p), size_t(n));
}

void gol_printint(GolG*, int64_t v) {
  std::string s;
  appendInt(s, v);
  writeStderr(s);
}

void gol_printuint(GolG*, uint64_t v) {
  std::string s;
  appendUint(s, v);
  writeStderr(s);
}

void gol_printfloat(GolG*, double v) {
  std::string s;
  appendFloat(s, v);
  writeStderr(s);
}

void gol_printbool(GolG*, int32_t v) { writeStderr(v ? "true" : "false", v ? 4 : 5); }

void gol_printpointer(GolG*, const void* p) {
  std::string s;
  appendHex(s, uint64_t(uintptr_t(p)));
  writeStderr(s);
}

void gol_printiface(GolG*, const void* tab, void* data) {
  std::string s = "(";
  appendHex(s, uint64_t(uintptr_t(tab)));
  s += ',';
  appendHex(s, uint64_t(uintptr_t(data)));
  s += ')';
  writeStderr(s);
}

void gol_printsp(GolG*) { writeStderr(" ", 1); }
void gol_printnl(GolG*) { writeStderr("\n", 1); }

}  // extern "C"
