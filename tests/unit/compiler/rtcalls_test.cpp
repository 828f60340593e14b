// Runtime entry points: every name in include/gol/abi_entries.inc is
// declared by the code generator with the LLVM signature of its C prototype,
// and resolves in the JIT's symbol table to the runtime's function with the
// same signature code. An entry added to the list alone is covered here.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>

#include "compiler/rtcalls.h"
#include "gol/abi.h"
#include "llvm/IR/DataLayout.h"

namespace gol {
namespace {

constexpr const char* kDataLayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128";

std::map<std::string, const GolSymbol*> runtimeSymbols() {
  size_t n = 0;
  const GolSymbol* syms = gol_runtime_symbols(&n);
  std::map<std::string, const GolSymbol*> byName;
  for (size_t i = 0; i < n; i++) byName[syms[i].name] = &syms[i];
  return byName;
}

struct RtcallsTest : ::testing::Test {
  llvm::LLVMContext ctx;
  llvm::DataLayout dl{kDataLayout};
  AbiTypes abi{ctx, dl};
  llvm::Module mod{"t", ctx};
};

TEST_F(RtcallsTest, EveryEntryIsDeclaredAndResolves) {
  auto syms = runtimeSymbols();
  ASSERT_GT(RtFn::kCount, 60);
  for (int i = 0; i < RtFn::kCount; i++) {
    RtFn fn = RtFn::at(i);
    SCOPED_TRACE(fn.name());
    auto* f = llvm::dyn_cast<llvm::Function>(runtimeFunction(mod, abi, fn).getCallee());
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->getName(), fn.name());
    EXPECT_EQ(runtimeFunction(mod, abi, fn).getCallee(), f) << "declared once per module";
    auto it = syms.find(fn.name());
    ASSERT_NE(it, syms.end()) << "missing from gol_runtime_symbols";
    EXPECT_NE(it->second->addr, nullptr);
    EXPECT_STREQ(it->second->cname, fn.name());
  }
}

TEST_F(RtcallsTest, SignaturesFollowTheCPrototypes) {
  auto* alloc = llvm::cast<llvm::Function>(runtimeFunction(mod, abi, "gol_alloc").getCallee());
  EXPECT_EQ(alloc->getFunctionType(), llvm::FunctionType::get(abi.ptr, {abi.ptr, abi.ptr, abi.i64}, false));

  // A 24-byte GolSlice comes back through a leading sret pointer.
  auto* grow = llvm::cast<llvm::Function>(runtimeFunction(mod, abi, "gol_growslice").getCallee());
  EXPECT_TRUE(grow->getReturnType()->isVoidTy());
  EXPECT_EQ(grow->getParamStructRetType(0), abi.slice);
  EXPECT_EQ(grow->arg_size(), 7u);

  // 16-byte results come back in registers, as the LLVM struct of their fields.
  auto* concat = llvm::cast<llvm::Function>(runtimeFunction(mod, abi, "gol_concat").getCallee());
  EXPECT_EQ(concat->getReturnType(), abi.string);
  auto* recover = llvm::cast<llvm::Function>(runtimeFunction(mod, abi, "gol_recover").getCallee());
  EXPECT_EQ(recover->getReturnType(), abi.iface);

  auto* panic = llvm::cast<llvm::Function>(runtimeFunction(mod, abi, "gol_panic").getCallee());
  EXPECT_TRUE(panic->doesNotReturn());
  auto* chansend = llvm::cast<llvm::Function>(runtimeFunction(mod, abi, "gol_chansend").getCallee());
  EXPECT_FALSE(chansend->doesNotReturn());

  auto* setjmp = llvm::cast<llvm::Function>(runtimeFunction(mod, abi, "_setjmp").getCallee());
  EXPECT_TRUE(setjmp->hasFnAttribute(llvm::Attribute::ReturnsTwice));
  EXPECT_EQ(setjmp->getFunctionType(), llvm::FunctionType::get(abi.i32, {abi.ptr}, false));
  auto* memcmp = llvm::cast<llvm::Function>(runtimeFunction(mod, abi, "memcmp").getCallee());
  EXPECT_EQ(memcmp->getFunctionType(), llvm::FunctionType::get(abi.i32, {abi.ptr, abi.ptr, abi.i64}, false));
}

}  // namespace
}  // namespace gol
