// fuzz_frontend.cpp — libFuzzer entry: the input is one main .gol file, checked
// with a small in-memory std (fmt, strings) so imports exercise the loader.
// Any crash, sanitizer report, leak or timeout is a front-end bug: the front
// end must turn every input into either a typed program or error messages.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lang/checker.h"

namespace {

std::optional<std::vector<gol::SourceFile>> loadStd(const std::string& path) {
  if (path == "fmt")
    return std::vector<gol::SourceFile>{{"fmt.gol",
                                         "package fmt\n"
                                         "type Stringer interface { String() string }\n"
                                         "func Println(a ...any) (n int, err error)\n"
                                         "func Sprintf(format string, a ...any) string\n"
                                         "func Errorf(format string, a ...any) error\n"}};
  if (path == "strings")
    return std::vector<gol::SourceFile>{{"strings.gol",
                                         "package strings\n"
                                         "type Builder struct { buf []byte }\n"
                                         "func (b *Builder) WriteString(s string) (int, error) { b.buf = append(b.buf, s...); return len(s), nil }\n"
                                         "func (b *Builder) String() string { return string(b.buf) }\n"}};
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string src(reinterpret_cast<const char*>(data), size);
  auto prog = gol::checkProgram({{"fuzz.gol", std::move(src)}}, loadStd);
  std::string text = prog->errorText();  // formatting must not crash either
  (void)text;
  return 0;
}
