// rtcalls.h — declarations of runtime entry points (include/gol/abi.h) in a
// module being generated. The table in rtcalls.cpp is the compiler's copy of
// the abi.h prototypes; keep the two in step.
#pragma once

#include <string>

#include "compiler/abi_types.h"
#include "llvm/IR/Module.h"

namespace gol {

// Returns the declaration of runtime entry point `name` in `module`, adding it
// (with its attributes, e.g. noreturn) on first use. Aborts on an unknown name:
// that is a compiler bug, not a user error.
llvm::FunctionCallee runtimeFunction(llvm::Module& module, const AbiTypes& abi, const std::string& name);

}  // namespace gol
