// objcache.h — an on-disk cache of compiled JIT objects keyed by a content
// hash of the optimised module's input IR, and of whole programs keyed by
// their inputs, as `go build` caches packages: a program that has not changed
// skips checking, code generation and optimisation.
//
// Invariants: a key covers everything the object depends on (the IR, hashed
// as bitcode, which is cheaper to produce than IR text and equally
// deterministic; the optimisation level, LLVM's version and the host CPU and
// features); entries
// are written atomically (temporary file + rename), so a reader never sees a
// partial object; any I/O failure just means a miss. GOLCACHE=off disables the
// cache, GOLCACHE=DIR moves it (default $XDG_CACHE_HOME/gol or ~/.cache/gol).
//
// Trimming, as go build's cache: a hit marks its entry used (its modification
// time, refreshed at most once an hour so hits rarely write), and at most
// once a day a store removes the entries unused for five days; trim.txt's
// modification time records the last trim.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "llvm/IR/Module.h"
#include "llvm/Support/MemoryBuffer.h"

namespace gol {

class ObjectCache {
 public:
  ObjectCache();
  bool enabled() const { return !dir_.empty(); }
  // The key of a module's object by its IR; "" when the cache is off.
  std::string key(const llvm::Module& module, int optLevel) const;
  // A key for a whole one-file program computed from its inputs instead of
  // its IR, so a hit skips checking and code generation: the gol binary's
  // build ID (which covers the compiler, the runtime and the embedded
  // stdlib), the path as given (it is in the program's tracebacks), the
  // source text, the optimisation level and the host CPU. "" when the cache
  // is off or the binary has no build ID.
  std::string programKey(const std::string& path, const std::string& source, int optLevel) const;
  // A program also depends on the files it read outside the gol binary (the
  // Go tree's package sources). Its object goes under keyWithInputs: the
  // program key extended by each file's path, size and modification time,
  // the list being recorded beside it, so that recordedKey finds the same
  // key on a later run if and only if none of those files changed ("" when
  // there is no record or a file is gone).
  std::string keyWithInputs(const std::string& programKey, const std::vector<std::string>& inputs) const;
  std::string recordedKey(const std::string& programKey) const;
  std::unique_ptr<llvm::MemoryBuffer> load(const std::string& key) const;
  void store(const std::string& key, const llvm::MemoryBuffer& object) const;
  // Removes entries unused for kTrimAge, if the last trim is kTrimInterval
  // old (store calls it; exposed for tests).
  void trimIfDue() const;

  static constexpr long kTrimAge = 5 * 24 * 3600;    // seconds
  static constexpr long kTrimInterval = 24 * 3600;
  static constexpr long kUsedGranularity = 3600;

 private:
  void writeFile(const std::string& name, llvm::StringRef bytes) const;

  std::string dir_;
};

}  // namespace gol
