// driver.cpp — read, check, generate, JIT and run one program.
//
// Invariants: nothing is printed on stdout by the driver; diagnostics go to
// stderr in gc's format and give exit code 1; internal failures (LLVM errors)
// give exit code 3 with a "gol: internal error" line, never a crash. The JIT
// and the checked program of a run are never destroyed (see runFile).
#include "compiler/driver.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "compiler/codegen.h"
#include "compiler/goroot.h"
#include "compiler/jit.h"
#include "gol/abi.h"
#include "lang/checker.h"
#include "lang/parser.h"
#include "stdlib/natives.h"
#include "llvm/Support/raw_ostream.h"

namespace gol {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The driver's share of RunOptions::timings (threadCpuMs); the JIT keeps the rest.
struct FrontTimes {
  double parse = 0, check = 0, codegen = 0;
};
int internalError(const std::string& what, llvm::Error err) {
  std::string msg = llvm::toString(std::move(err));
  std::fprintf(stderr, "gol: internal error: %s: %s\n", what.c_str(), msg.c_str());
  return 3;
}

// Checks and compiles the program into the JIT: 0, or the exit code of the
// failure (its diagnostics printed). `prog` keeps the checked program; its
// object is cached under programKey extended by the Go tree's files it read.
int compileProgram(Jit& jit, SourceFile file, const RunOptions& opts, const std::string& programKey,
                   std::unique_ptr<Program>& prog, FrontTimes& times) {
  if (opts.timings) {
    double start = threadCpuMs();
    ast::Arena scratch;
    parseFile(scratch, file.text, 0, [](Pos, std::string) {}, false);
    times.parse = threadCpuMs() - start;
  }
  double start = threadCpuMs();
  goroot::Packages packages;
  prog = checkProgram(
      {std::move(file)}, [&](const std::string& path) { return packages.load(path); },
      [&](const std::string& path) { return packages.missing(path); });
  times.check = threadCpuMs() - start - times.parse;
  if (!prog->ok()) {
    std::fputs(prog->errorText().c_str(), stderr);
    return 1;
  }
  std::vector<CodegenError> errors;
  start = threadCpuMs();
  auto gm = generateModule(*prog, jit.dataLayout(), jit.targetTriple().str(), errors);
  times.codegen = threadCpuMs() - start;
  if (!gm) {
    for (const CodegenError& e : errors) {
      if (e.pos.valid())
        std::fprintf(stderr, "%s: %s\n", prog->fset.position(e.pos).c_str(), e.msg.c_str());
      else
        std::fprintf(stderr, "gol: %s\n", e.msg.c_str());
    }
    return 1;
  }
  if (opts.dumpIR) gm->module->print(llvm::errs(), nullptr);
  if (auto err = jit.addModule(std::move(gm->module), std::move(gm->context),
                               jit.cache().keyWithInputs(programKey, packages.inputs())))
    return internalError("adding the module", std::move(err));
  return 0;
}

// Go spells system errors in lower case ("open x.gol: no such file or directory").
void sysError(const char* op, const std::string& path, int err) {
  std::string why = std::strerror(err);
  if (!why.empty()) why[0] = char(std::tolower(static_cast<unsigned char>(why[0])));
  std::fprintf(stderr, "gol: %s %s: %s\n", op, path.c_str(), why.c_str());
}

// Only a regular file of at most kMaxSourceBytes is read: a directory, a device
// such as /dev/zero or a fifo could block or never end, and a huge file would
// only exhaust memory before the lexer gets to refuse it.
bool readSource(const std::string& path, std::string& text) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    sysError("open", path, errno);
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    sysError("stat", path, errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    sysError("read", path, EISDIR);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    std::fprintf(stderr, "gol: %s: not a regular file\n", path.c_str());
    return false;
  }
  if (uint64_t(st.st_size) > kMaxSourceBytes) {
    std::fprintf(stderr, "gol: %s: source file larger than %llu MB\n", path.c_str(),
                 static_cast<unsigned long long>(kMaxSourceBytes >> 20));
    return false;
  }
  // the file may grow while it is read: never take more than the limit
  text.resize(size_t(st.st_size));
  size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      sysError("read", path, errno);
      return false;
    }
    if (n == 0) break;
    got += size_t(n);
  }
  text.resize(got);
  return true;
}

}  // namespace

int runFile(const std::string& path, const std::vector<std::string>& args, const RunOptions& opts) {
  auto start = Clock::now();
  std::string text;
  if (!readSource(path, text)) return 1;
  SourceFile file{path, std::move(text)};

  auto jit = Jit::create(JitOptions{opts.optLevel});
  if (!jit) return internalError("creating the JIT", jit.takeError());
  // A program compiled before from the same inputs is not checked or
  // generated again: its object comes straight from the cache.
  std::string programKey = opts.dumpIR ? "" : (*jit)->programKey(file.name, file.text);
  auto cached = (*jit)->addCachedProgram((*jit)->cache().recordedKey(programKey));
  if (!cached) return internalError("loading the cached program", cached.takeError());
  std::unique_ptr<Program> prog;
  FrontTimes front;
  if (!*cached) {
    if (int code = compileProgram(**jit, std::move(file), opts, programKey, prog, front)) return code;
  }
  auto init = (*jit)->lookup(kInitSymbol);
  if (!init) return internalError("compiling", init.takeError());
  auto mainFn = (*jit)->lookup(kMainSymbol);
  if (!mainFn) return internalError("compiling", mainFn.takeError());
  if (opts.timings) {
    const JitTimes& jt = (*jit)->times();
    std::fprintf(stderr, "gol timings (ms): parse %.1f check %.1f codegen %.1f opt %.1f isel %.1f link %.1f total %.1f "
                 "cpu %.1f\n",
                 front.parse, front.check, front.codegen, jt.opt, jt.isel, jt.link, msSince(start), threadCpuMs());
  }

  std::vector<const char*> argv = {path.c_str()};
  for (const std::string& a : args) argv.push_back(a.c_str());
  gol_stdlib_set_args(int(argv.size()), argv.data());
  // When main returns, other goroutines may still be running compiled code,
  // which lives in the JIT and points into the program's data; a Go program
  // exits without stopping them. So neither is destroyed (which would also
  // only cost time: the process exits next).
  (void)jit->release();
  (void)prog.release();
  return gol_runtime_main(reinterpret_cast<GolEntry>(*init), reinterpret_cast<GolEntry>(*mainFn));
}

std::string gorootLine() {
  const auto& tree = goroot::installed();
  if (!tree) return "GOROOT not found: install golang-1.19-src or set GOROOT";
  return "GOROOT " + tree->dir + " (" + (tree->version.empty() ? "unknown version" : tree->version) + ")";
}

}  // namespace gol
