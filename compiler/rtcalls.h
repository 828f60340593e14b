// rtcalls.h — declarations of runtime entry points (include/gol/abi_entries.inc)
// in a module being generated.
//
// Invariant: the compiler has no table of its own. Names come from the entry
// list, checked when the compiler is compiled (RtFn's constructor is
// consteval), and each LLVM signature is derived from the C prototype's types
// (rtcalls.cpp), so the code generator cannot disagree with the runtime.
#pragma once

#include <cstddef>

#include "compiler/abi_types.h"
#include "llvm/IR/Module.h"

namespace gol {

namespace rtdetail {

inline constexpr const char* kNames[] = {
#define GOL_ENTRY(ret, name, params) #name,
#define GOL_ENTRY_NORETURN(name, params) #name,
#define GOL_LIBC_ENTRY(name, returnsTwice) #name,
#include "gol/abi_entries.inc"
};

// Not constexpr: reaching it while compiling a constant fails the build,
// naming this function.
int runtime_entry_not_in_abi_entries_inc();

consteval bool sameName(const char* a, const char* b) {
  for (; *a && *a == *b; a++, b++) {
  }
  return *a == *b;
}

}  // namespace rtdetail

// One runtime entry point, written as its name: m.rt("gol_alloc").
class RtFn {
 public:
  static constexpr int kCount = int(sizeof rtdetail::kNames / sizeof rtdetail::kNames[0]);

  consteval RtFn(const char* name) : index_(indexOf(name)) {}
  static constexpr RtFn at(int index) { return RtFn(index, 0); }

  int index() const { return index_; }
  const char* name() const { return rtdetail::kNames[index_]; }

 private:
  constexpr RtFn(int index, int) : index_(index) {}
  static consteval int indexOf(const char* name) {
    for (int i = 0; i < kCount; i++)
      if (rtdetail::sameName(rtdetail::kNames[i], name)) return i;
    return rtdetail::runtime_entry_not_in_abi_entries_inc();
  }
  int index_;
};

// Returns the declaration of `fn` in `module`, adding it (with its
// attributes: sret, noreturn, returns_twice) on first use.
llvm::FunctionCallee runtimeFunction(llvm::Module& module, const AbiTypes& abi, RtFn fn);

}  // namespace gol
