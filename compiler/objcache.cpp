// objcache.cpp — see objcache.h.
#include "compiler/objcache.h"

#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/ADT/StringExtras.h"
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

// The GNU build ID note of the running executable, or "".
std::string buildId() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) {
        for (int i = 0; i < info->dlpi_phnum; i++) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          auto* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const char* name = p + sizeof *note;
            const char* desc = name + ((note->n_namesz + 3) & ~3u);
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
              static_cast<std::string*>(out)->assign(desc, note->n_descsz);
              return 1;
            }
            p = desc + ((note->n_descsz + 3) & ~3u);
          }
        }
        return 1;   // the first object is the executable: stop there
      },
      &id);
  return id;
}

// What a compiled object depends on besides its IR or sources.
void describeTarget(llvm::raw_ostream& os, int optLevel) {
  os << "\n; opt " << optLevel << " llvm " << LLVM_VERSION_STRING << " cpu " << llvm::sys::getHostCPUName();
  for (auto& f : llvm::sys::getHostCPUFeatures()) os << (f.second ? " +" : " -") << f.first();
}

std::string hashKey(const char* prefix, llvm::ArrayRef<char> bytes) {
  llvm::ArrayRef<uint8_t> data(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%016llx%08zx", prefix, (unsigned long long)llvm::xxh3_64bits(data), bytes.size());
  return buf;
}

}  // namespace

ObjectCache::ObjectCache() : dir_(cacheDir()) {}

std::string ObjectCache::key(const llvm::Module& module, int optLevel) const {
  if (!enabled()) return "";  // writing a big module's bitcode costs a noticeable share of a cold run
  llvm::SmallVector<char, 0> bytes;
  llvm::raw_svector_ostream os(bytes);
  llvm::WriteBitcodeToFile(module, os);
  describeTarget(os, optLevel);
  return hashKey("", bytes);
}

std::string ObjectCache::programKey(const std::string& path, const std::string& source, int optLevel) const {
  static const std::string id = buildId();
  if (!enabled() || id.empty()) return "";
  llvm::SmallVector<char, 0> bytes;
  llvm::raw_svector_ostream os(bytes);
  os << "gol build " << llvm::toHex(id) << "\npath " << path.size() << ' ' << path << "\nsource " << source.size()
     << '\n' << source;
  describeTarget(os, optLevel);
  return hashKey("p", bytes);
}

namespace {

// Each file's path, size and modification time, or nullopt if one is gone.
std::optional<std::string> stampInputs(const std::string& programKey, const std::vector<std::string>& inputs) {
  std::string text = "program " + programKey + "\n";
  for (const std::string& path : inputs) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    text += std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
            std::to_string(st.st_mtim.tv_nsec) + " " + path + "\n";
  }
  return text;
}

}  // namespace

std::string ObjectCache::keyWithInputs(const std::string& programKey, const std::vector<std::string>& inputs) const {
  if (!enabled() || programKey.empty()) return "";
  std::optional<std::string> stamps = stampInputs(programKey, inputs);
  if (!stamps) return "";
  std::string list;
  for (const std::string& path : inputs) list += path + "\n";
  writeFile(programKey + ".inputs", list);
  return hashKey("p", llvm::ArrayRef<char>(stamps->data(), stamps->size()));
}

std::string ObjectCache::recordedKey(const std::string& programKey) const {
  if (!enabled() || programKey.empty()) return "";
  auto buf = llvm::MemoryBuffer::getFile(dir_ + "/" + programKey + ".inputs");
  if (!buf) return "";
  std::vector<std::string> inputs;
  llvm::StringRef rest = (*buf)->getBuffer();
  while (!rest.empty()) {
    auto [line, tail] = rest.split('\n');
    if (!line.empty()) inputs.push_back(line.str());
    rest = tail;
  }
  std::optional<std::string> stamps = stampInputs(programKey, inputs);
  if (!stamps) return "";
  return hashKey("p", llvm::ArrayRef<char>(stamps->data(), stamps->size()));
}

namespace {

// Seconds since path was last modified, or -1 when it cannot be read.
long ageOf(const std::string& path, time_t now) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return -1;
  return long(now - st.st_mtime);
}

void markUsed(const std::string& path) { ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0); }

}  // namespace

std::unique_ptr<llvm::MemoryBuffer> ObjectCache::load(const std::string& key) const {
  if (!enabled()) return nullptr;
  std::string path = dir_ + "/" + key + ".o";
  auto buf = llvm::MemoryBuffer::getFile(path);
  if (!buf) return nullptr;
  if (ageOf(path, time(nullptr)) > kUsedGranularity) markUsed(path);
  return std::move(*buf);
}

void ObjectCache::store(const std::string& key, const llvm::MemoryBuffer& object) const {
  if (!enabled()) return;
  writeFile(key + ".o", object.getBuffer());
  trimIfDue();
}

void ObjectCache::trimIfDue() const {
  time_t now = time(nullptr);
  std::string marker = dir_ + "/trim.txt";
  long sinceTrim = ageOf(marker, now);
  if (sinceTrim >= 0 && sinceTrim < kTrimInterval) return;
  writeFile("trim.txt", "");
  DIR* d = opendir(dir_.c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    bool entry = name.size() > 2 && (llvm::StringRef(name).ends_with(".o") || llvm::StringRef(name).ends_with(".inputs") ||
                                     name.find(".tmp") != std::string::npos);
    if (!entry) continue;
    std::string path = dir_ + "/" + name;
    if (ageOf(path, now) > kTrimAge) std::remove(path.c_str());
  }
  closedir(d);
}

void ObjectCache::writeFile(const std::string& name, llvm::StringRef bytes) const {
  std::string path = dir_ + "/" + name;
  std::string tmp = path + ".tmp" + std::to_string(getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) std::remove(tmp.c_str());
}

}  // namespace gol
