// jit.h — gol's JIT session: one LLVM ORC LLJIT that takes module after module
// (a run adds the user's program; the REPL and the embedding API add more
// later) and resolves their references to the runtime and native stdlib
// through the tables those libraries export.
#pragma once

#include <memory>
#include <string>

#include "compiler/objcache.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

namespace gol {

struct JitOptions {
  int optLevel = 2;  // 0 = no IR optimisation and fast instruction selection
};

// CPU time of the calling thread in milliseconds. Phases are measured in it,
// not in wall time: compilation runs on one thread, and a loaded machine then
// does not inflate the phase that happened to be preempted.
double threadCpuMs();

// Time the JIT spent per phase (threadCpuMs), summed over modules
// (`gol run -timings` prints them).
struct JitTimes {
  double opt = 0;   // the IR optimisation pipeline
  double isel = 0;  // instruction selection and the rest of codegen, to an object
  double link = 0;  // JITLink: linking objects and resolving symbols (in lookup)
};

class Jit {
 public:
  static llvm::Expected<std::unique_ptr<Jit>> create(const JitOptions& opts);

  // The layout and target every module added here must be built for.
  const llvm::DataLayout& dataLayout() const { return jit_->getDataLayout(); }
  const llvm::Triple& targetTriple() const { return jit_->getTargetTriple(); }

  // Optimises (at optLevel), compiles and adds a module; its symbols become
  // visible to later modules and to lookup(). An unchanged module comes from
  // the object cache. The object is also cached under programKey, if given.
  llvm::Error addModule(std::unique_ptr<llvm::Module> module, std::unique_ptr<llvm::LLVMContext> ctx,
                        const std::string& programKey = "");

  // The cache key of a one-file program by its inputs (ObjectCache::programKey),
  // or "" when the cache cannot key programs so.
  std::string programKey(const std::string& path, const std::string& source) const;
  const ObjectCache& cache() const { return cache_; }
  // Adds the object cached under programKey: true if there was one.
  llvm::Expected<bool> addCachedProgram(const std::string& programKey);

  // Address of a defined symbol, compiling whatever it needs.
  llvm::Expected<void*> lookup(const std::string& name);

  const JitTimes& times() const { return times_; }

 private:
  Jit(std::unique_ptr<llvm::orc::LLJIT> jit, std::unique_ptr<llvm::TargetMachine> tm, JitOptions opts);
  llvm::Error defineRuntimeSymbols();
  void optimize(llvm::Module& module);

  std::unique_ptr<llvm::orc::LLJIT> jit_;
  std::unique_ptr<llvm::TargetMachine> tm_;  // for the optimiser's cost model
  JitOptions opts_;
  ObjectCache cache_;
  JitTimes times_;
};

}  // namespace gol
