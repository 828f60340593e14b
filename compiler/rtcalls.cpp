// rtcalls.cpp — LLVM declarations of the runtime entry points, derived from
// their C prototypes.
//
// Each entry's signature code (gol/native.h) is computed here from the type
// of the prototype abi.h declares, then spelled in LLVM types: a struct
// result of at most 16 bytes is returned as an LLVM struct of its scalars (as
// the C ABI returns it in registers), a larger one (GolSlice) through a
// leading sret parameter, which FuncGen::callRuntimeSlice passes.
#include "compiler/rtcalls.h"

#include <setjmp.h>
#include <string.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "gol/abi.h"
#include "gol/native.h"

namespace gol {

namespace {

struct Entry {
  const char* sig;
  bool noreturn;
  bool returnsTwice;
};

// libc's prototypes carry nonnull attributes, which a function pointer type
// drops; that is all GCC's -Wignored-attributes says about them here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
const Entry kEntries[] = {
#define GOL_ENTRY(ret, name, params) {abi::kSig<decltype(&name)>.s, false, false},
#define GOL_ENTRY_NORETURN(name, params) {abi::kSig<decltype(&name)>.s, true, false},
#define GOL_LIBC_ENTRY(name, returnsTwice) {abi::kSig<decltype(&::name)>.s, false, returnsTwice},
#include "gol/abi_entries.inc"
};
#pragma GCC diagnostic pop
static_assert(sizeof kEntries / sizeof kEntries[0] == size_t(RtFn::kCount), "one entry per name");

llvm::Type* scalarType(const AbiTypes& abi, char c) {
  switch (c) {
    case 'p': return abi.ptr;
    case 'b': return abi.i1;
    case 'c': return abi.i8;
    case 'h': return abi.i16;
    case 'i': return abi.i32;
    case 'l': return abi.i64;
    case 'f': return abi.f32;
    case 'd': return abi.f64;
  }
  std::fprintf(stderr, "gol: internal error: bad signature code letter '%c'\n", c);
  std::abort();
}

// The type of a run of scalars: the scalar itself, or a literal struct.
llvm::Type* scalarsType(const AbiTypes& abi, llvm::LLVMContext& ctx, const char* from, const char* to) {
  std::vector<llvm::Type*> fields;
  for (const char* p = from; p != to; p++) fields.push_back(scalarType(abi, *p));
  if (fields.size() == 1) return fields[0];
  return llvm::StructType::get(ctx, fields);
}

}  // namespace

llvm::FunctionCallee runtimeFunction(llvm::Module& module, const AbiTypes& abi, RtFn fn) {
  if (llvm::Function* f = module.getFunction(fn.name())) return f;
  const Entry& e = kEntries[fn.index()];
  llvm::LLVMContext& ctx = module.getContext();
  const char* colon = strchr(e.sig, ':');
  bool sret = e.sig[0] == 'S';
  llvm::Type* result = e.sig[0] == 'v' ? abi.voidTy : scalarsType(abi, ctx, e.sig + (sret ? 1 : 0), colon);
  std::vector<llvm::Type*> params;
  if (sret) params.push_back(abi.ptr);
  for (const char* p = colon + 1; *p; p++) params.push_back(scalarType(abi, *p));
  auto* fty = llvm::FunctionType::get(sret ? abi.voidTy : result, params, false);
  auto* f = llvm::Function::Create(fty, llvm::Function::ExternalLinkage, fn.name(), module);
  if (sret) f->addParamAttr(0, llvm::Attribute::getWithStructRetType(ctx, result));
  if (e.noreturn) {
    f->setDoesNotReturn();
    f->addFnAttr(llvm::Attribute::Cold);
  }
  if (e.returnsTwice) f->addFnAttr(llvm::Attribute::ReturnsTwice);
  return f;
}

}  // namespace gol
