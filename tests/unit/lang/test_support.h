// test_support.h — helpers shared by the front-end tests: a stub std loader
// and one-call checking of a single main file.
#pragma once

#include <memory>
#include <string>

#include "lang/checker.h"

namespace gol::testing {

// A tiny std: fmt, strings and os with the signatures the tests use.
inline PackageLoader stubLoader() {
  return [](const std::string& path) -> std::optional<std::vector<SourceFile>> {
    if (path == "fmt")
      return std::vector<SourceFile>{{"fmt.gol",
                                      "package fmt\n"
                                      "type Stringer interface { String() string }\n"
                                      "func Println(a ...any) (n int, err error)\n"
                                      "func Printf(format string, a ...any) (n int, err error)\n"
                                      "func Sprintf(format string, a ...any) string\n"
                                      "func Errorf(format string, a ...any) error\n"}};
    if (path == "strings")
      return std::vector<SourceFile>{{"strings.gol",
                                      "package strings\n"
                                      "type Builder struct { buf []byte }\n"
                                      "func (b *Builder) WriteString(s string) (int, error) { b.buf = append(b.buf, s...); return len(s), nil }\n"
                                      "func (b *Builder) String() string { return string(b.buf) }\n"
                                      "func Repeat(s string, n int) string\n"}};
    if (path == "os") return std::vector<SourceFile>{{"os.gol", "package os\nfunc Exit(code int)\n"}};
    return std::nullopt;
  };
}

inline std::unique_ptr<Program> check(const std::string& src, const std::string& name = "prog.gol") {
  return checkProgram({{name, src}}, stubLoader());
}

inline std::string errorsOf(const std::string& src) { return check(src)->errorText(); }

}  // namespace gol::testing
