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
//    inputs). A large module is split after optimisation (llvm::SplitModule,
//    its local symbols made hidden globals so the parts can link to each
//    other) and its parts selected in parallel, each in an LLVMContext of its
//    own that a worker thread reads from the part's bitcode.
//  - Objects are linked by JITLink (ORC's ObjectLinkingLayer), so linker
//    plugins see every linked function: GOLPERFMAP=1 adds the perf map
//    writer (perfmap.h).
#include "compiler/jit.h"

#include "compiler/symbolize.h"

#include <time.h>

#include <mutex>
#include <thread>

#include "compiler/perfmap.h"
#include "gol/abi.h"
#include "stdlib/natives.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Transforms/Utils/SplitModule.h"

namespace gol {

namespace {

void initializeTargetOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

// Adds the CPU time from its construction to its destruction to a total.
class PhaseTimer {
 public:
  explicit PhaseTimer(double& totalMs) : total_(totalMs), start_(cpuMs()) {}
  ~PhaseTimer() { total_ += cpuMs() - start_; }

 private:
  double& total_;
  double start_;
};

llvm::CodeGenOptLevel codegenLevel(int optLevel) {
  return optLevel == 0 ? llvm::CodeGenOptLevel::None : llvm::CodeGenOptLevel::Default;
}

}  // namespace

double cpuMs() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

Jit::Jit(std::unique_ptr<llvm::orc::LLJIT> jit, llvm::orc::JITTargetMachineBuilder jtmb,
         std::unique_ptr<llvm::TargetMachine> tm, JitOptions opts)
    : jit_(std::move(jit)), jtmb_(std::move(jtmb)), tm_(std::move(tm)), opts_(opts) {
  if (opts_.codegenThreads == 0) opts_.codegenThreads = std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
}

llvm::Expected<std::unique_ptr<Jit>> Jit::create(const JitOptions& opts) {
  initializeTargetOnce();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  jtmb->setCodeGenOptLevel(codegenLevel(opts.optLevel));
  auto tm = jtmb->createTargetMachine();
  if (!tm) return tm.takeError();
  auto lljit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*jtmb).create();
  if (!lljit) return lljit.takeError();
  if (auto* linker = llvm::dyn_cast<llvm::orc::ObjectLinkingLayer>(&(*lljit)->getObjLinkingLayer()))
    linker->addPlugin(CodeMap::process().plugin());
  std::unique_ptr<Jit> self(new Jit(std::move(*lljit), std::move(*jtmb), std::move(*tm), opts));
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

llvm::Expected<std::vector<std::unique_ptr<llvm::MemoryBuffer>>> Jit::compile(llvm::Module& module) {
  PhaseTimer timer(times_.isel);
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects;
  size_t defined = 0;
  for (llvm::Function& f : module) defined += !f.isDeclaration();
  unsigned parts = opts_.codegenThreads;
  if (parts < 2 || defined < opts_.splitMinFunctions) {
    auto object = llvm::orc::SimpleCompiler(*tm_)(module);
    if (!object) return object.takeError();
    objects.push_back(std::move(*object));
    return objects;
  }
  std::vector<llvm::SmallVector<char, 0>> bitcode;
  llvm::SplitModule(module, parts, [&](std::unique_ptr<llvm::Module> part) {
    bitcode.emplace_back();
    llvm::raw_svector_ostream os(bitcode.back());
    llvm::WriteBitcodeToFile(*part, os);
  });
  objects.resize(bitcode.size());
  std::vector<std::string> errors(bitcode.size());
  auto select = [&](size_t i) {
    llvm::LLVMContext ctx;
    auto fail = [&](llvm::Error err) { errors[i] = llvm::toString(std::move(err)); };
    auto part = llvm::parseBitcodeFile(llvm::MemoryBufferRef(llvm::StringRef(bitcode[i].data(), bitcode[i].size()), "part"), ctx);
    if (!part) return fail(part.takeError());
    auto tm = jtmb_.createTargetMachine();
    if (!tm) return fail(tm.takeError());
    auto object = llvm::orc::SimpleCompiler(**tm)(**part);
    if (!object) return fail(object.takeError());
    objects[i] = std::move(*object);
  };
  std::vector<std::thread> workers;
  for (size_t i = 1; i < bitcode.size(); i++) workers.emplace_back(select, i);
  if (!bitcode.empty()) select(0);
  for (std::thread& w : workers) w.join();
  for (const std::string& e : errors)
    if (!e.empty()) return llvm::make_error<llvm::StringError>(e, llvm::inconvertibleErrorCode());
  return objects;
}

llvm::Error Jit::addObjects(std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects) {
  for (auto& object : objects)
    if (auto err = jit_->addObjectFile(CodeMap::process().adopt(std::move(object)))) return err;
  return llvm::Error::success();
}

llvm::Error Jit::addModule(std::unique_ptr<llvm::Module> module, std::unique_ptr<llvm::LLVMContext> ctx,
                           const std::string& programKey) {
  module->setDataLayout(dataLayout());
  module->setTargetTriple(targetTriple().str());
  std::string key = cache_.key(*module, opts_.optLevel);
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects;
  if (auto entry = cache_.load(key)) objects = unbundleObjects(std::move(entry));
  if (objects.empty()) {
    optimize(*module);
    auto compiled = compile(*module);
    if (!compiled) return compiled.takeError();
    objects = std::move(*compiled);
    if (cache_.enabled()) cache_.store(key, *bundleObjects(objects));
  }
  if (!programKey.empty()) cache_.store(programKey, *bundleObjects(objects));
  return addObjects(std::move(objects));
}

std::string Jit::programKey(const std::string& path, const std::string& source) const {
  return cache_.programKey(path, source, opts_.optLevel);
}

llvm::Expected<bool> Jit::addCachedProgram(const std::string& programKey) {
  if (programKey.empty()) return false;
  std::unique_ptr<llvm::MemoryBuffer> entry = cache_.load(programKey);
  if (!entry) return false;
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects = unbundleObjects(std::move(entry));
  if (objects.empty()) return false;
  if (auto err = addObjects(std::move(objects))) return std::move(err);
  return true;
}

llvm::Expected<void*> Jit::lookup(const std::string& name) {
  PhaseTimer timer(times_.link);
  auto addr = jit_->lookup(name);
  if (!addr) return addr.takeError();
  return addr->toPtr<void*>();
}

}  // namespace gol
