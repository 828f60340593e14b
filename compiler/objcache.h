// objcache.h — an on-disk cache of compiled JIT objects keyed by a content
// hash of the optimised module's input IR, as `go build` caches packages: a
// program that has not changed skips optimisation and code generation.
//
// Invariants: a key covers everything the object depends on (the IR, hashed
// as bitcode, which is cheaper to produce than IR text and equally
// deterministic; the optimisation level, LLVM's version and the host CPU and
// features); entries
// are written atomically (temporary file + rename), so a reader never sees a
// partial object; any I/O failure just means a miss. GOLCACHE=off disables the
// cache, GOLCACHE=DIR moves it (default $XDG_CACHE_HOME/gol or ~/.cache/gol).
#pragma once

#include <memory>
#include <string>

#include "llvm/IR/Module.h"
#include "llvm/Support/MemoryBuffer.h"

namespace gol {

class ObjectCache {
 public:
  ObjectCache();
  bool enabled() const { return !dir_.empty(); }
  std::string key(const llvm::Module& module, int optLevel) const;
  std::unique_ptr<llvm::MemoryBuffer> load(const std::string& key) const;
  void store(const std::string& key, const llvm::MemoryBuffer& object) const;

 private:
  std::string dir_;
};

}  // namespace gol
