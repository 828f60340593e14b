// perfmap.cpp — see perfmap.h.
//
// Invariants
//  - Entries are written after fix-ups, when every symbol has its final
//    address, and the file is flushed after each linked graph: gol leaves
//    through _exit, which does not flush stdio buffers.
//  - Only named, callable symbols with a size are listed; perf needs nothing
//    else, and the file is only ever appended to (perf takes the last entry
//    for an address).
#include "compiler/perfmap.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "compiler/link_observer.h"

namespace gol {

namespace {

class PerfMapPlugin : public LinkObserver {
 public:
  explicit PerfMapPlugin(std::FILE* out) : out_(out) {}
  ~PerfMapPlugin() override { std::fclose(out_); }

 private:
  void linked(llvm::jitlink::LinkGraph& graph) override {
    std::lock_guard<std::mutex> l(lock_);
    for (llvm::jitlink::Symbol* sym : graph.defined_symbols()) {
      if (!sym->hasName() || !sym->isCallable() || sym->getSize() == 0) continue;
      llvm::StringRef name = sym->getName();
      std::fprintf(out_, "%llx %llx %.*s\n", static_cast<unsigned long long>(sym->getAddress().getValue()),
                   static_cast<unsigned long long>(sym->getSize()), int(name.size()), name.data());
    }
    std::fflush(out_);
  }

  std::FILE* out_;
  std::mutex lock_;
};

}  // namespace

std::unique_ptr<llvm::orc::ObjectLinkingLayer::Plugin> perfMapPluginFromEnv() {
  const char* env = std::getenv("GOLPERFMAP");
  if (!env || std::strcmp(env, "1") != 0) return nullptr;
  std::string path = "/tmp/perf-" + std::to_string(getpid()) + ".map";
  std::FILE* out = std::fopen(path.c_str(), "a");
  if (!out) {
    std::fprintf(stderr, "gol: GOLPERFMAP: cannot write %s\n", path.c_str());
    return nullptr;
  }
  return std::make_unique<PerfMapPlugin>(out);
}

}  // namespace gol
