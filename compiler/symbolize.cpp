// symbolize.cpp — CodeMap (see symbolize.h).
#include "compiler/symbolize.h"

#include "compiler/codegen.h"
#include "compiler/link_observer.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/ExecutionEngine/JITLink/JITLink.h"
#include "llvm/Object/ObjectFile.h"

namespace gol {

namespace {

// Where the JIT linker put each code section of an object: DWARF read with
// these addresses describes the running code directly.
class LinkedSections : public llvm::LoadedObjectInfo {
 public:
  std::unordered_map<uint64_t, uint64_t> address;  // section index -> load address

  uint64_t getSectionLoadAddress(const llvm::object::SectionRef& sec) const override {
    auto it = address.find(sec.getIndex());
    return it == address.end() ? 0 : it->second;
  }
  std::unique_ptr<llvm::LoadedObjectInfo> clone() const override { return std::make_unique<LinkedSections>(*this); }
};

}  // namespace

struct CodeMap::Object {
  std::unique_ptr<llvm::MemoryBuffer> bytes;
  std::vector<std::pair<std::string, uint64_t>> linked;  // function -> final address
  // Parsed on first use:
  std::unique_ptr<llvm::object::ObjectFile> file;
  LinkedSections sections;
  struct Range {
    uint64_t start, end, section;
  };
  std::vector<Range> ranges;  // of the linked code sections
  std::unique_ptr<llvm::DWARFContext> dwarf;

  uint64_t sectionAt(uint64_t pc) const {
    for (const Range& r : ranges)
      if (pc >= r.start && pc < r.end) return r.section;
    return llvm::object::SectionedAddress::UndefSection;
  }

  bool load() {
    if (dwarf) return true;
    auto parsed = llvm::object::ObjectFile::createObjectFile(bytes->getMemBufferRef());
    if (!parsed) {
      llvm::consumeError(parsed.takeError());
      return false;
    }
    file = std::move(*parsed);
    std::unordered_map<std::string, uint64_t> final(linked.begin(), linked.end());
    for (const llvm::object::SymbolRef& sym : file->symbols()) {
      auto name = sym.getName();
      auto value = sym.getValue();
      auto section = sym.getSection();
      if (name && value && section && *section != file->section_end()) {
        // The linker keeps a section in one piece: any function locates it.
        auto it = final.find(name->str());
        if (it != final.end()) sections.address[(*section)->getIndex()] = it->second - *value;
      }
      llvm::consumeError(name.takeError());
      llvm::consumeError(value.takeError());
      llvm::consumeError(section.takeError());
    }
    for (const llvm::object::SectionRef& sec : file->sections()) {
      auto it = sections.address.find(sec.getIndex());
      if (it != sections.address.end()) ranges.push_back({it->second, it->second + sec.getSize(), sec.getIndex()});
    }
    dwarf = llvm::DWARFContext::create(*file, llvm::DWARFContext::ProcessDebugRelocations::Process, &sections);
    return true;
  }
};

class CodeMapPlugin : public LinkObserver {
 public:
  explicit CodeMapPlugin(CodeMap& map) : map_(map) {}

 private:
  void linked(llvm::jitlink::LinkGraph& g) override {
    // Local functions are not in the graph, but a section stays one block
    // and every code section holds a global function.
    for (llvm::jitlink::Symbol* sym : g.defined_symbols()) {
      if (!sym->isCallable() || !sym->hasName()) continue;
      const llvm::jitlink::Block& block = sym->getBlock();
      uint64_t start = block.getAddress().getValue();
      map_.addFunction(g.getName(), sym->getName().str(), sym->getAddress().getValue(), start, block.getSize());
      gol_register_code(start, start + block.getSize());
    }
  }

  CodeMap& map_;
};

namespace {

int32_t symbolizeHook(uintptr_t pc, GolPCFrame* frames, int32_t max) {
  return CodeMap::process().symbolize(pc, frames, max);
}

}  // namespace

CodeMap& CodeMap::process() {
  static CodeMap* map = [] {
    auto* m = new CodeMap;  // lives as long as the code it describes
    gol_set_symbolizer(symbolizeHook);
    return m;
  }();
  return *map;
}

CodeMap::~CodeMap() = default;

std::unique_ptr<llvm::MemoryBuffer> CodeMap::adopt(std::unique_ptr<llvm::MemoryBuffer> object) {
  std::lock_guard<std::mutex> l(mu_);
  std::string id = "gol-object-" + std::to_string(nextObject_++);
  auto kept = std::make_unique<Object>();
  kept->bytes = std::move(object);
  auto toLink = llvm::MemoryBuffer::getMemBuffer(kept->bytes->getBuffer(), id, false);
  objects_[id] = std::move(kept);
  return toLink;
}

std::unique_ptr<llvm::orc::ObjectLinkingLayer::Plugin> CodeMap::plugin() { return std::make_unique<CodeMapPlugin>(*this); }

void CodeMap::addFunction(const std::string& object, const std::string& name, uint64_t address, uint64_t blockStart,
                          uint64_t blockSize) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = objects_.find(object);
  if (it == objects_.end()) return;
  it->second->linked.push_back({name, address});
  code_[blockStart] = {blockStart + blockSize, it->second.get()};
}

GolString CodeMap::intern(const std::string& s) {
  const std::string& kept = *strings_.insert(s).first;
  return {reinterpret_cast<const uint8_t*>(kept.data()), int64_t(kept.size())};
}

int32_t CodeMap::symbolize(uintptr_t pc, GolPCFrame* frames, int32_t max) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = code_.upper_bound(pc);
  if (it == code_.begin()) return 0;
  --it;
  const CodeRange& code = it->second;
  if (pc >= code.end || !code.object->load()) return 0;
  // DWARF keeps the section of each address even once relocated.
  llvm::object::SectionedAddress addr{pc, code.object->sectionAt(pc)};
  using Spec = llvm::DILineInfoSpecifier;
  llvm::DIInliningInfo info = code.object->dwarf->getInliningInfoForAddress(
      addr, Spec(Spec::FileLineInfoKind::RawValue, Spec::FunctionNameKind::ShortName));
  uint32_t n = info.getNumberOfFrames();
  if (n == 0 || info.getFrame(0).Line == 0) return 0;
  // The last frame is the function the code belongs to; the others were
  // inlined into it, and Go prints inlined calls as "f(...)" regardless.
  llvm::DIInliningInfo linkage = code.object->dwarf->getInliningInfoForAddress(
      addr, Spec(Spec::FileLineInfoKind::None, Spec::FunctionNameKind::LinkageName));
  bool outerNoArgs = linkage.getNumberOfFrames() == n && linkage.getFrame(n - 1).FunctionName == kNoArgsMarker;
  // runtime.FuncForPC(pc).Entry(): the start of the subprogram the
  // innermost (maybe inlined) subroutine at pc lies in, relocated as the
  // line tables are.
  uint64_t entry = 0, high = 0, section = 0;
  llvm::DWARFDie fn = code.object->dwarf->getDIEsForAddress(pc).FunctionDIE;
  while (fn && fn.getTag() != llvm::dwarf::DW_TAG_subprogram) fn = fn.getParent();
  if (!fn || !fn.getLowAndHighPC(entry, high, section)) entry = 0;
  int32_t out = 0;
  for (uint32_t i = 0; i < n && out < max; i++) {
    const llvm::DILineInfo& f = info.getFrame(i);
    if (f.FunctionName == kHiddenFunction || f.Line == 0) continue;
    frames[out++] = {intern(f.FunctionName), intern(f.FileName), int32_t(f.Line), i == n - 1 && outerNoArgs,
                     uintptr_t(entry)};
  }
  return out;
}

}  // namespace gol
