// rtcalls.cpp — the compiler's table of runtime entry-point signatures.
//
// Signatures are spelled compactly: the first letter is the result, the rest
// the parameters. v void, p pointer, i i32, l i64, d double, S GolString,
// L GolSlice, I GolIface (S/L/I as results only: parameters are flattened by
// the caller). A GolSlice result is 24 bytes, so C returns it through a hidden
// sret pointer: such entries are declared void with a leading sret parameter
// (FuncGen::callRuntimeSlice passes it). A trailing '!' marks a noreturn function.
#include "compiler/rtcalls.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace gol {

namespace {

struct Entry {
  const char* name;
  const char* sig;
};

const Entry kEntries[] = {
    {"gol_alloc", "pppl"},
    {"gol_register_globals", "vppl"},
    {"gol_morestack", "vppp"},
    {"gol_panic", "vppp!"},
    {"gol_panic_index", "vpll!"},
    {"gol_panic_slice", "vpill!"},
    {"gol_panic_divide", "vp!"},
    {"gol_panic_nil", "vp!"},
    {"gol_panic_shift", "vp!"},
    {"gol_panic_nilmap", "vp!"},
    {"gol_panic_assert", "vpppp!"},
    {"gol_panic_msg", "vpp!"},
    {"gol_panic_wrap", "vpp!"},
    {"gol_defer", "vpppp"},
    {"gol_rundefers", "vpp"},
    {"gol_recover", "Ipp"},
    {"gol_concat", "Sppl"},
    {"gol_strcmp", "lplpl"},
    {"gol_bytes_to_string", "Sppl"},
    {"gol_string_to_bytes", "Lppl"},
    {"gol_string_to_runes", "Lppl"},
    {"gol_runes_to_string", "Sppl"},
    {"gol_rune_to_string", "Spi"},
    {"gol_decoderune", "vpllp"},
    {"gol_growslice", "Lppplll"},
    {"gol_makeslice", "Lppll"},
    {"gol_getitab", "ppppi"},
    {"gol_efaceeq", "ipppp"},
    {"gol_ifaceeq", "ipppp"},
    {"gol_memequal", "ipppp"},
    {"gol_makemap", "pppl"},
    {"gol_mapaccess", "pppppp"},
    {"gol_mapassign", "ppppp"},
    {"gol_mapdelete", "vpppp"},
    {"gol_mapaccess_faststr", "ppppplp"},
    {"gol_mapassign_faststr", "pppppl"},
    {"gol_mapdelete_faststr", "vppppl"},
    {"gol_mapaccess_fast32", "ppppip"},
    {"gol_mapassign_fast32", "ppppi"},
    {"gol_mapdelete_fast32", "vpppi"},
    {"gol_mapaccess_fast64", "pppplp"},
    {"gol_mapassign_fast64", "ppppl"},
    {"gol_mapdelete_fast64", "vpppl"},
    {"gol_maplen", "lp"},
    {"gol_mapclear", "vppp"},
    {"gol_mapiterinit", "vpppp"},
    {"gol_mapiternext", "vpp"},
    {"gol_go", "vpp"},
    {"gol_makechan", "pppl"},
    {"gol_chansend", "vppp"},
    {"gol_chanrecv", "ippp"},
    {"gol_closechan", "vpp"},
    {"gol_chanlen", "lp"},
    {"gol_chancap", "lp"},
    {"gol_select", "lpplip"},
    {"gol_printstring", "vppl"},
    {"gol_printint", "vpl"},
    {"gol_printuint", "vpl"},
    {"gol_printfloat", "vpd"},
    {"gol_printbool", "vpi"},
    {"gol_printpointer", "vpp"},
    {"gol_printiface", "vppp"},
    {"gol_printsp", "vp"},
    {"gol_printnl", "vp"},
    {"gol_exit", "vpi!"},
    {"_setjmp", "ip"},
    {"memcmp", "ippl"},
};

llvm::Type* letterType(const AbiTypes& abi, char c) {
  switch (c) {
    case 'v': return abi.voidTy;
    case 'p': return abi.ptr;
    case 'i': return abi.i32;
    case 'l': return abi.i64;
    case 'd': return abi.f64;
    case 'S': return abi.string;
    case 'L': return abi.slice;
    case 'I': return abi.iface;
  }
  std::fprintf(stderr, "gol: internal error: bad runtime signature letter '%c'\n", c);
  std::abort();
}

const Entry& findEntry(const std::string& name) {
  for (const Entry& e : kEntries) {
    if (name == e.name) return e;
  }
  std::fprintf(stderr, "gol: internal error: unknown runtime entry point %s\n", name.c_str());
  std::abort();
}

}  // namespace

llvm::FunctionCallee runtimeFunction(llvm::Module& module, const AbiTypes& abi, const std::string& name) {
  if (llvm::Function* f = module.getFunction(name)) return f;
  const Entry& e = findEntry(name);
  size_t n = std::strlen(e.sig);
  bool noreturn = e.sig[n - 1] == '!';
  if (noreturn) n--;
  std::vector<llvm::Type*> params;
  bool sret = e.sig[0] == 'L';
  if (sret) params.push_back(abi.ptr);
  for (size_t i = 1; i < n; i++) params.push_back(letterType(abi, e.sig[i]));
  auto* fty = llvm::FunctionType::get(sret ? abi.voidTy : letterType(abi, e.sig[0]), params, false);
  auto* f = llvm::Function::Create(fty, llvm::Function::ExternalLinkage, name, module);
  if (sret) f->addParamAttr(0, llvm::Attribute::getWithStructRetType(module.getContext(), abi.slice));
  if (noreturn) {
    f->setDoesNotReturn();
    f->addFnAttr(llvm::Attribute::Cold);
  }
  if (name == "_setjmp") f->addFnAttr(llvm::Attribute::ReturnsTwice);
  return f;
}

}  // namespace gol
