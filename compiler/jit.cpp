// jit.cpp — builds the LLJIT, defines runtime symbols, runs the optimiser.
//
// Invariants
//  - LLVM's native target is initialised once per process, before any Jit.
//  - Runtime and native-stdlib entry points are defined as absolute symbols in
//    the main JITDylib from the tables gol_runtime_symbols()/gol_stdlib_symbols()
//    export, so resolving them costs no dlsym; only libc/libm symbols that LLVM
//    itself emits calls to (memcpy, fmod, ...) fall back to a process search.
//  - Modules are optimised and compiled here, with the same target machine
//    the JIT links for, and handed to ORC as objects (possibly from the
//    object cache, found by the module's IR or, for a whole program, by its
//    inputs).
//  - Objects are linked by JITLink (ORC's ObjectLinkingLayer), so linker
//    plugins see every linked function: GOLPERFMAP=1 adds the perf map
//    writer (perfmap.h).
#include "compiler/jit.h"

#include "compiler/symbolize.h"

#include <time.h>

#include <mutex>

#include "compiler/perfmap.h"
#include "gol/abi.h"
#include "stdlib/natives.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"

namespace gol {

namespace {

void initializeTargetOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

// Adds the thread's CPU time from its construction to its destruction to a total.
class PhaseTimer {
 public:
  explicit PhaseTimer(double& totalMs) : total_(totalMs), start_(threadCpuMs()) {}
  ~PhaseTimer() { total_ += threadCpuMs() - start_; }

 private:
  double& total_;
  double start_;
};

llvm::CodeGenOptLevel codegenLevel(int optLevel) {
  return optLevel == 0 ? llvm::CodeGenOptLevel::None : llvm::CodeGenOptLevel::Default;
}

}  // namespace

double threadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

Jit::Jit(std::unique_ptr<llvm::orc::LLJIT> jit, std::unique_ptr<llvm::TargetMachine> tm, JitOptions opts)
    : jit_(std::move(jit)), tm_(std::move(tm)), opts_(opts) {}

llvm::Expected<std::unique_ptr<Jit>> Jit::create(const JitOptions& opts) {
  initializeTargetOnce();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  jtmb->setCodeGenOptLevel(codegenLevel(opts.optLevel));
  auto tm = jtmb->createTargetMachine();
  if (!tm) return tm.takeError();
  auto lljit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*jtmb)).create();
  if (!lljit) return lljit.takeError();
  if (auto* linker = llvm::dyn_cast<llvm::orc::ObjectLinkingLayer>(&(*lljit)->getObjLinkingLayer()))
    linker->addPlugin(CodeMap::process().plugin());
  std::unique_ptr<Jit> self(new Jit(std::move(*lljit), std::move(*tm), opts));
  if (auto err = self->defineRuntimeSymbols()) return std::move(err);
  if (auto plugin = perfMapPluginFromEnv()) {
    auto* linker = llvm::dyn_cast<llvm::orc::ObjectLinkingLayer>(&self->jit_->getObjLinkingLayer());
    if (!linker) return llvm::make_error<llvm::StringError>("the JIT does not link with JITLink", llvm::inconvertibleErrorCode());
    linker->addPlugin(std::move(plugin));
  }
  return self;
}

llvm::Error Jit::defineRuntimeSymbols() {
  llvm::orc::SymbolMap symbols;
  auto add = [&](const GolSymbol* table, size_t n) {
    for (size_t i = 0; i < n; i++) {
      symbols[jit_->mangleAndIntern(table[i].name)] = {llvm::orc::ExecutorAddr::fromPtr(table[i].addr),
                                                       llvm::JITSymbolFlags::Exported};
    }
  };
  size_t n = 0;
  const GolSymbol* rt = gol_runtime_symbols(&n);
  add(rt, n);
  const GolSymbol* std = gol_stdlib_symbols(&n);
  add(std, n);
  auto& jd = jit_->getMainJITDylib();
  if (auto err = jd.define(llvm::orc::absoluteSymbols(std::move(symbols)))) return err;
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(dataLayout().getGlobalPrefix());
  if (!process) return process.takeError();
  jd.addGenerator(std::move(*process));
  return llvm::Error::success();
}

void Jit::optimize(llvm::Module& module) {
  if (opts_.optLevel == 0) return;
  PhaseTimer timer(times_.opt);
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(tm_.get());
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm = pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
  mpm.run(module, mam);
}

llvm::Error Jit::addModule(std::unique_ptr<llvm::Module> module, std::unique_ptr<llvm::LLVMContext> ctx,
                           const std::string& programKey) {
  module->setDataLayout(dataLayout());
  module->setTargetTriple(targetTriple().str());
  std::string key = cache_.key(*module, opts_.optLevel);
  std::unique_ptr<llvm::MemoryBuffer> object = cache_.load(key);
  if (!object) {
    optimize(*module);
    PhaseTimer timer(times_.isel);
    llvm::orc::SimpleCompiler compile(*tm_);
    auto compiled = compile(*module);
    if (!compiled) return compiled.takeError();
    object = std::move(*compiled);
    cache_.store(key, *object);
  }
  if (!programKey.empty()) cache_.store(programKey, *object);
  return jit_->addObjectFile(CodeMap::process().adopt(std::move(object)));
}

std::string Jit::programKey(const std::string& path, const std::string& source) const {
  return cache_.programKey(path, source, opts_.optLevel);
}

llvm::Expected<bool> Jit::addCachedProgram(const std::string& programKey) {
  if (programKey.empty()) return false;
  std::unique_ptr<llvm::MemoryBuffer> object = cache_.load(programKey);
  if (!object) return false;
  if (auto err = jit_->addObjectFile(CodeMap::process().adopt(std::move(object)))) return std::move(err);
  return true;
}

llvm::Expected<void*> Jit::lookup(const std::string& name) {
  PhaseTimer timer(times_.link);
  auto addr = jit_->lookup(name);
  if (!addr) return addr.takeError();
  return addr->toPtr<void*>();
}

}  // namespace gol
