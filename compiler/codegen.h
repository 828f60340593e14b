// codegen.h — lowers a type-checked program to one LLVM module.
//
// The generated module follows include/gol/abi.h: every function takes the
// goroutine and a closure context first, links a GolFrame into the shadow
// stack when it holds roots across calls (or defers, or recovers), checks its
// stack bound in the prologue, and reaches the runtime only through the entry
// points declared there. Functions carry DWARF line tables for tracebacks.
#pragma once

#include <memory>
#include <string>

#include "lang/checker.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

namespace gol {

// The DWARF name of compiler helpers (go/defer thunks, package
// initialisation), whose frames tracebacks do not show.
inline constexpr const char* kHiddenFunction = "gol\xC2\xB7helper";
// The DWARF linkage name of functions without parameters, which tracebacks
// print as "name()" rather than "name(...)".
inline constexpr const char* kNoArgsMarker = "gol\xC2\xB7noargs";
// The entry points every generated module defines: package initialisation
// (globals, init funcs) and main.main.
inline constexpr const char* kInitSymbol = "gol.init";
inline constexpr const char* kMainSymbol = "main.main";

struct GeneratedModule {
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
};

struct CodegenError {
  Pos pos;
  std::string msg;
};

// Generates code for every package of `prog` (which must have no errors).
// Constructs that the generator does not support yet are reported through
// `errors` with their position and no module is returned.
std::unique_ptr<GeneratedModule> generateModule(Program& prog, const llvm::DataLayout& layout,
                                                const std::string& triple, std::vector<CodegenError>& errors);

}  // namespace gol
