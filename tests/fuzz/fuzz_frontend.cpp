// fuzz_frontend.cpp — libFuzzer entry: the input is one main .gol file, checked
// with a small in-memory std (fmt, strings) so imports exercise the loader,
// and lowered to LLVM IR when it type-checks. Any crash, sanitizer report,
// leak or timeout is a bug: the front end must turn every input into either a
// typed program or error messages, and the code generator every typed program
// into verified IR or an "unsupported" error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/codegen.h"
#include "lang/checker.h"
#include "llvm/IR/DataLayout.h"

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
  if (!prog->ok()) return 0;
  // x86-64 Linux, as the JIT's host target; no JIT is needed to lower.
  static const llvm::DataLayout layout("e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128");
  std::vector<gol::CodegenError> errors;
  auto module = gol::generateModule(*prog, layout, "x86_64-pc-linux-gnu", errors);
  for (const gol::CodegenError& e : errors)
    if (e.msg.find("internal error") != std::string::npos) __builtin_trap();  // invalid IR
  return 0;
}
