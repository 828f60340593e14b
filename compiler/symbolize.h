// symbolize.h — what a code address of JIT-compiled gol code means, for the
// runtime's tracebacks (gol_set_symbolizer).
//
// The code generator gives every function DWARF line tables (functions,
// inlined calls, lines). CodeMap keeps each object the JIT links, records
// where the linker put its functions (an ObjectLinkingLayer plugin), and
// answers the runtime from the object's DWARF, parsed on first use.
//
// Invariants
//  - One CodeMap per process (CodeMap::process()): the runtime's symbolizer
//    hook is a plain function, and code from every JIT session is in one
//    address space.
//  - Strings handed to the runtime are interned and never freed.
//  - Frames of compiler helpers (codegen.h's kHiddenFunction) and calls with line 0
//    (morestack) are not reported.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "gol/abi.h"
#include "llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h"
#include "llvm/Support/MemoryBuffer.h"

namespace llvm {
class DWARFContext;
namespace object {
class ObjectFile;
}
}  // namespace llvm

namespace gol {

class CodeMap {
 public:
  static CodeMap& process();

  // Keeps an object that is about to be linked and returns a view of it to
  // link, named so the plugin can match the linked graph to it.
  std::unique_ptr<llvm::MemoryBuffer> adopt(std::unique_ptr<llvm::MemoryBuffer> object);
  // Records the final addresses of linked functions.
  std::unique_ptr<llvm::orc::ObjectLinkingLayer::Plugin> plugin();
  // GolSymbolizer semantics.
  int32_t symbolize(uintptr_t pc, GolPCFrame* frames, int32_t max);

  ~CodeMap();

 private:
  struct Object;
  struct CodeRange {  // a linked code section
    uint64_t end;
    Object* object;
  };
  friend class CodeMapPlugin;
  void addFunction(const std::string& object, const std::string& name, uint64_t address, uint64_t blockStart,
                   uint64_t blockSize);
  GolString intern(const std::string& s);

  std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<Object>> objects_;
  std::map<uint64_t, CodeRange> code_;  // by start address
  std::set<std::string> strings_;
  int nextObject_ = 0;
};

}  // namespace gol
