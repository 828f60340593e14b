// natives.cpp — fmt's native entry points. Printing to standard output is one
// write(2) per call, unbuffered like Go's os.Stdout, so output interleaves
// with standard error exactly as in Go.
#include <unistd.h>

#include <cerrno>

#include "gol/cxx.h"
#include "stdlib/fmt/print.h"
#include "stdlib/internal/gostring.h"
#include "stdlib/internal/symbols.h"

namespace gol::fmt {
namespace {

// (n int, err error)
struct WriteResult {
  int64_t n;
  GolIface err;
};

// (s string, wrapped int)
struct ErrorfResult {
  GolString s;
  int64_t wrapped;
};

// Writes all of s to standard output. A write error ends the output early;
// n counts what was written (the error itself is not reported: see the
// report in stdlib/fmt/fmt.gol).
WriteResult writeStdout(const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    ssize_t w = ::write(1, s.data() + done, s.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;
    done += size_t(w);
  }
  return {int64_t(done), {nullptr, nullptr}};
}

}  // namespace
}  // namespace gol::fmt

using gol::fmt::Printer;
using gol::fmt::WriteResult;

extern "C" {

WriteResult gol_fmt_Print(GolG* g, void*, GolIface* a, int64_t n, int64_t) {
  gol::RootFrame<1> roots(g);
  roots[0] = a;
  Printer p(g);
  p.doPrint(a, n);
  return gol::fmt::writeStdout(p.buf);
}

WriteResult gol_fmt_Println(GolG* g, void*, GolIface* a, int64_t n, int64_t) {
  gol::RootFrame<1> roots(g);
  roots[0] = a;
  Printer p(g);
  p.doPrintln(a, n);
  return gol::fmt::writeStdout(p.buf);
}

WriteResult gol_fmt_Printf(GolG* g, void*, const uint8_t* f, int64_t flen, GolIface* a, int64_t n, int64_t) {
  gol::RootFrame<2> roots(g);
  roots[0] = a;
  roots[1] = const_cast<uint8_t*>(f);
  Printer p(g);
  p.doPrintf(gol::view(f, flen), a, n);
  return gol::fmt::writeStdout(p.buf);
}

GolString gol_fmt_Sprint(GolG* g, void*, GolIface* a, int64_t n, int64_t) {
  gol::RootFrame<1> roots(g);
  roots[0] = a;
  Printer p(g);
  p.doPrint(a, n);
  return gol::std_::newString(g, p.buf);
}

GolString gol_fmt_Sprintln(GolG* g, void*, GolIface* a, int64_t n, int64_t) {
  gol::RootFrame<1> roots(g);
  roots[0] = a;
  Printer p(g);
  p.doPrintln(a, n);
  return gol::std_::newString(g, p.buf);
}

GolString gol_fmt_Sprintf(GolG* g, void*, const uint8_t* f, int64_t flen, GolIface* a, int64_t n, int64_t) {
  gol::RootFrame<2> roots(g);
  roots[0] = a;
  roots[1] = const_cast<uint8_t*>(f);
  Printer p(g);
  p.doPrintf(gol::view(f, flen), a, n);
  return gol::std_::newString(g, p.buf);
}

gol::fmt::ErrorfResult gol_fmt_errorf(GolG* g, void*, const uint8_t* f, int64_t flen, GolIface* a, int64_t n,
                                      int64_t) {
  gol::RootFrame<2> roots(g);
  roots[0] = a;
  roots[1] = const_cast<uint8_t*>(f);
  Printer p(g);
  p.wrapErrs = true;
  p.doPrintf(gol::view(f, flen), a, n);
  return {gol::std_::newString(g, p.buf), p.wrappedErr};
}

}  // extern "C"

namespace gol::std_ {

Symbols fmtSymbols() {
  static const GolSymbol table[] = {
      GOL_NATIVE("fmt.Print", gol_fmt_Print),
      GOL_NATIVE("fmt.Println", gol_fmt_Println),
      GOL_NATIVE("fmt.Printf", gol_fmt_Printf),
      GOL_NATIVE("fmt.Sprint", gol_fmt_Sprint),
      GOL_NATIVE("fmt.Sprintln", gol_fmt_Sprintln),
      GOL_NATIVE("fmt.Sprintf", gol_fmt_Sprintf),
      GOL_NATIVE("fmt.errorf", gol_fmt_errorf),
  };
  return table;
}

}  // namespace gol::std_
