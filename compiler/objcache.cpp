// objcache.cpp — see objcache.h.
#include "compiler/objcache.h"

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include "llvm/TargetParser/Host.h"

namespace gol {

namespace {

std::string cacheDir() {
  const char* env = std::getenv("GOLCACHE");
  if (env && std::string(env) == "off") return "";
  std::string dir;
  if (env && *env) {
    dir = env;
  } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    dir = std::string(xdg) + "/gol";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    mkdir((std::string(home) + "/.cache").c_str(), 0755);
    dir = std::string(home) + "/.cache/gol";
  } else {
    return "";
  }
  mkdir(dir.c_str(), 0755);
  struct stat st;
  if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || access(dir.c_str(), W_OK) != 0) return "";
  return dir;
}

}  // namespace

ObjectCache::ObjectCache() : dir_(cacheDir()) {}

std::string ObjectCache::key(const llvm::Module& module, int optLevel) const {
  llvm::SmallVector<char, 0> bytes;
  llvm::raw_svector_ostream os(bytes);
  llvm::WriteBitcodeToFile(module, os);
  os << "\n; opt " << optLevel << " llvm " << LLVM_VERSION_STRING << " cpu " << llvm::sys::getHostCPUName();
  for (auto& f : llvm::sys::getHostCPUFeatures()) os << (f.second ? " +" : " -") << f.first();
  llvm::ArrayRef<uint8_t> data(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%08zx", (unsigned long long)llvm::xxh3_64bits(data), bytes.size());
  return buf;
}

std::unique_ptr<llvm::MemoryBuffer> ObjectCache::load(const std::string& key) const {
  if (!enabled()) return nullptr;
  auto buf = llvm::MemoryBuffer::getFile(dir_ + "/" + key + ".o");
  if (!buf) return nullptr;
  return std::move(*buf);
}

void ObjectCache::store(const std::string& key, const llvm::MemoryBuffer& object) const {
  if (!enabled()) return;
  std::string path = dir_ + "/" + key + ".o";
  std::string tmp = path + ".tmp" + std::to_string(getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return;
  bool ok = std::fwrite(object.getBufferStart(), 1, object.getBufferSize(), f) == object.getBufferSize();
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) std::remove(tmp.c_str());
}

}  // namespace gol
