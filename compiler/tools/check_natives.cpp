// check_natives.cpp — the natives check run on every build of gol: each std
// function declared without a body must have a native whose C++ signature is
// exactly what its Go declaration lowers to.
//
// It type-checks every embedded std package with the front end, lowers each
// bodyless declaration with the code generator's own TypeMap, and compares
// the result, as a signature code (gol/native.h), with the code GOL_NATIVE
// recorded from the registered C++ function. A mismatch, a declaration
// without a native or a native without a declaration fails the build with a
// message naming the Go declaration and the C++ function.
//
// Invariant: sync/atomic's bodyless functions without a registered native
// are code-generator intrinsics (compiler/cg_atomic.cpp), never natives.
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "compiler/cg_internal.h"
#include "compiler/goroot.h"
#include "lang/ast.h"
#include "lang/checker.h"
#include "stdlib/natives.h"
#include "stdlib/sources.h"

namespace gol {

namespace {

namespace T = types;

// x86-64 SysV, as the JIT's target machine reports it.
constexpr const char* kDataLayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128";

void addScalars(llvm::Type* t, std::string& code) {
  if (auto* st = llvm::dyn_cast<llvm::StructType>(t)) {
    for (llvm::Type* e : st->elements()) addScalars(e, code);
  } else if (auto* at = llvm::dyn_cast<llvm::ArrayType>(t)) {
    for (uint64_t i = 0; i < at->getNumElements(); i++) addScalars(at->getElementType(), code);
  } else if (t->isPointerTy()) {
    code += 'p';
  } else if (t->isIntegerTy()) {
    unsigned bits = t->getIntegerBitWidth();
    code += bits == 1 ? 'b' : bits == 8 ? 'c' : bits == 16 ? 'h' : bits == 32 ? 'i' : 'l';
  } else if (t->isFloatTy()) {
    code += 'f';
  } else if (t->isDoubleTy()) {
    code += 'd';
  } else {
    code += '?';
  }
}

// The signature code of the function the code generator declares for sig.
std::string goCode(const cg::AbiSig& sig) {
  std::string code;
  if (sig.sret) {
    code += 'S';
    addScalars(sig.resultTuple, code);
  } else if (sig.fty->getReturnType()->isVoidTy()) {
    code += 'v';
  } else {
    addScalars(sig.fty->getReturnType(), code);
  }
  code += ':';
  for (unsigned i = sig.sret ? 1 : 0; i < sig.fty->getNumParams(); i++) addScalars(sig.fty->getParamType(i), code);
  return code;
}

std::map<std::string, const GolSymbol*> registeredNatives() {
  std::map<std::string, const GolSymbol*> natives;
  size_t n = 0;
  const GolSymbol* std = gol_stdlib_symbols(&n);
  for (size_t i = 0; i < n; i++) natives[std[i].name] = &std[i];
  const GolSymbol* rt = gol_runtime_symbols(&n);
  for (size_t i = 0; i < n; i++) {
    // Runtime entry points have no Go declaration: only gol names have a dot.
    if (std::string(rt[i].name).find('.') != std::string::npos) natives[rt[i].name] = &rt[i];
  }
  return natives;
}

// Checks gol's own std packages and the overlaid tree packages, loaded as a
// program loads them, so their bodyless declarations are the ones runs see.
int check() {
  std::set<std::string> paths;
  for (const StdlibFile* f = stdlibFiles(); f->importPath; f++) {
    std::string path = f->importPath;
    paths.insert(path.rfind("overlay/", 0) == 0 ? path.substr(8) : path);
  }
  std::string mainText = "package main\n";
  for (const std::string& p : paths) mainText += "import _ \"" + p + "\"\n";
  mainText += "func main() {}\n";
  goroot::Packages packages;
  auto prog = checkProgram(
      {SourceFile{"natives_check.gol", mainText}}, [&](const std::string& path) { return packages.load(path); },
      [&](const std::string& path) { return packages.missing(path); });
  if (!prog->ok()) {
    std::fprintf(stderr, "natives check: the std packages do not type-check:\n%s", prog->errorText().c_str());
    return 1;
  }

  llvm::LLVMContext ctx;
  llvm::DataLayout dl(kDataLayout);
  AbiTypes abi(ctx, dl);
  cg::TypeMap tm(ctx, dl, abi);
  std::map<std::string, const GolSymbol*> natives = registeredNatives();
  std::set<std::string> declared;
  int failures = 0;
  for (T::Package* pkg : prog->packages) {
    for (ast::File* file : pkg->files) {
      for (ast::Decl* d : file->decls) {
        auto* fd = ast::dynCast<ast::FuncDecl>(d);
        if (!fd || fd->body) continue;
        auto* f = T::asObj<T::Func>(prog->info.objectOf(fd->name));
        if (!f) continue;
        std::string name = f->fullName();
        T::Signature* sig = f->signature();
        std::string goDecl = prog->fset.position(fd->pos) + ": Go declaration " + name + " " + T::typeString(sig);
        auto it = natives.find(name);
        if (it == natives.end()) {
          if (pkg->path == "sync/atomic") continue;
          std::fprintf(stderr, "natives check: %s has no native (register one with GOL_NATIVE)\n", goDecl.c_str());
          failures++;
          continue;
        }
        declared.insert(name);
        const GolSymbol& native = *it->second;
        if (!native.sig || !native.cname) {
          std::fprintf(stderr, "natives check: %s: its native is not registered with GOL_NATIVE\n", goDecl.c_str());
          failures++;
          continue;
        }
        std::string want = goCode(tm.signature(sig, sig->recv ? sig->recv->type : nullptr));
        if (want != native.sig) {
          std::fprintf(stderr,
                       "natives check: %s lowers to signature %s, but its native, C++ function %s, has %s "
                       "(codes: gol/native.h)\n",
                       goDecl.c_str(), want.c_str(), native.cname, native.sig);
          failures++;
        }
      }
    }
  }
  for (const auto& [name, native] : natives) {
    if (!declared.count(name)) {
      std::fprintf(stderr, "natives check: C++ function %s is registered as %s, which no std package declares\n",
                   native->cname ? native->cname : "(not registered with GOL_NATIVE)", name.c_str());
      failures++;
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

}  // namespace gol

int main() { return gol::check(); }
