// abi_types.cpp — builds the LLVM struct types of abi.h and checks their
// layout against the C definitions.
#include "compiler/abi_types.h"

#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include "gol/abi.h"
#include "llvm/IR/DataLayout.h"

namespace gol {

namespace {

void checkLayout(const llvm::DataLayout& dl, llvm::StructType* t, size_t cSize, const char* name) {
  if (dl.getTypeAllocSize(t) != cSize) {
    std::fprintf(stderr, "gol: internal error: %s layout differs from abi.h (%zu vs %zu bytes)\n", name,
                 (size_t)dl.getTypeAllocSize(t), cSize);
    std::abort();
  }
}

}  // namespace

AbiTypes::AbiTypes(llvm::LLVMContext& ctx, const llvm::DataLayout& dl) {
  i1 = llvm::Type::getInt1Ty(ctx);
  i8 = llvm::Type::getInt8Ty(ctx);
  i16 = llvm::Type::getInt16Ty(ctx);
  i32 = llvm::Type::getInt32Ty(ctx);
  i64 = llvm::Type::getInt64Ty(ctx);
  f32 = llvm::Type::getFloatTy(ctx);
  f64 = llvm::Type::getDoubleTy(ctx);
  ptr = llvm::PointerType::get(ctx, 0);
  voidTy = llvm::Type::getVoidTy(ctx);

  string = llvm::StructType::get(ctx, {ptr, i64});
  slice = llvm::StructType::get(ctx, {ptr, i64, i64});
  iface = llvm::StructType::get(ctx, {ptr, ptr});
  // GolType: size, ptrdata, gcmask, hash, kind, align, flags, string, pkgpath,
  // elem, key, len, fields, nfields, nin, methods, nmethods, imethods,
  // nimethods.
  type = llvm::StructType::get(ctx, {i64, i64, ptr, i32, i8, i8, i16, string, string, ptr, ptr, i64, ptr, i64,
                                     i64, ptr, i64, ptr, i64});
  // GolField: name, type, offset, embedded, exported, pad[6], tag.
  field = llvm::StructType::get(ctx, {string, ptr, i64, i8, i8, llvm::ArrayType::get(i8, 6), string});
  method = llvm::StructType::get(ctx, {string, string, ptr, ptr});
  imethod = llvm::StructType::get(ctx, {string, string, ptr});
  itabHeader = llvm::StructType::get(ctx, {ptr, ptr, i32, i32});
  funcInfo = llvm::StructType::get(ctx, {string, string, i32, i32, ptr});
  selectCase = llvm::StructType::get(ctx, {ptr, ptr, i64});

  checkLayout(dl, type, sizeof(GolType), "GolType");
  checkLayout(dl, field, sizeof(GolField), "GolField");
  checkLayout(dl, method, sizeof(GolMethod), "GolMethod");
  checkLayout(dl, imethod, sizeof(GolIMethod), "GolIMethod");
  checkLayout(dl, itabHeader, offsetof(GolItab, fun), "GolItab");
  checkLayout(dl, funcInfo, sizeof(GolFuncInfo), "GolFuncInfo");
  checkLayout(dl, selectCase, sizeof(GolSelectCase), "GolSelectCase");
}

}  // namespace gol
