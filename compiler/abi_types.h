// abi_types.h — LLVM mirrors of the layouts in include/gol/abi.h.
//
// Invariant: every struct built here has exactly the size and field offsets
// of its C twin in abi.h; abi_types.cpp checks that against the host compiler's
// layout when it is first built for a context, so a mismatch fails loudly at
// start-up instead of corrupting memory.
#pragma once

#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/LLVMContext.h"

namespace gol {

struct AbiTypes {
  explicit AbiTypes(llvm::LLVMContext& ctx, const llvm::DataLayout& dl);

  llvm::Type* i1;
  llvm::Type* i8;
  llvm::Type* i16;
  llvm::Type* i32;
  llvm::Type* i64;
  llvm::Type* f32;
  llvm::Type* f64;
  llvm::PointerType* ptr;
  llvm::Type* voidTy;

  llvm::StructType* string;     // {ptr, i64}
  llvm::StructType* slice;      // {ptr, i64, i64}
  llvm::StructType* iface;      // {ptr, ptr}
  llvm::StructType* type;       // GolType
  llvm::StructType* field;      // GolField
  llvm::StructType* method;     // GolMethod
  llvm::StructType* imethod;    // GolIMethod
  llvm::StructType* itabHeader; // GolItab without fun[]
  llvm::StructType* funcInfo;   // GolFuncInfo
  llvm::StructType* selectCase; // GolSelectCase
};

}  // namespace gol
