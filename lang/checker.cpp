// checker.cpp — program driver: parse main, load imported std packages
// through the loader, check packages in dependency order, format errors.
//
// Invariants: a package is loaded and checked at most once; an import cycle
// is reported instead of recursing; syntax errors stop the pipeline before
// type checking (as gc does); errors are sorted by position and exact
// duplicates on one line dropped before printing.
#include <algorithm>
#include <map>

#include "lang/checker_internal.h"
#include "lang/parser.h"

namespace gol {

const TypeAndValue* Info::typeOf(const ast::Expr* e) const {
  auto it = types.find(e);
  return it == types.end() ? nullptr : &it->second;
}

types::Object* Info::objectOf(const ast::Ident* id) const {
  if (auto it = defs.find(id); it != defs.end()) return it->second;
  if (auto it = uses.find(id); it != uses.end()) return it->second;
  return nullptr;
}

std::string Program::errorText() const {
  std::string out;
  int n = 0;
  for (const Diagnostic& d : errors) {
    std::string prefix = d.pos.valid() ? fset.position(d.pos) + ": " : "";
    if (n == 10) {
      out += fset.position(errors[9].pos) + ": too many errors\n";
      break;
    }
    out += prefix + d.msg + "\n";
    n++;
  }
  return out;
}

namespace {

class Loader {
 public:
  Loader(Program& prog, const PackageLoader& load, const MissingPackage& missing)
      : prog_(prog), load_(load), missing_(missing) {}

  Package* checkMain(std::vector<SourceFile> files) {
    std::vector<ast::File*> asts;
    std::vector<uint32_t> idx;
    if (!parseAll(std::move(files), asts, idx)) return nullptr;
    Package* pkg = prog_.store.newPackage("main", "main");
    for (size_t i = 0; i < asts.size(); i++) {
      if (asts[i]->name && asts[i]->name->name == "_") {
        err(asts[i]->name->pos, "invalid package name _");
        return nullptr;
      }
      if (asts[i]->name && asts[i]->name->name != "main") {
        err(asts[i]->name->pos, "package " + asts[i]->name->name + " is not a main package; gol runs package main");
        return nullptr;
      }
    }
    check(pkg, asts, idx);
    return pkg;
  }

 private:
  void err(Pos p, std::string msg) { prog_.errors.push_back({p, std::move(msg)}); }

  bool parseAll(std::vector<SourceFile> files, std::vector<ast::File*>& asts, std::vector<uint32_t>& idx,
                bool std = false) {
    size_t before = prog_.errors.size();
    for (SourceFile& f : files) {
      prog_.sources.push_back(std::make_unique<SourceFile>(std::move(f)));
      const SourceFile& sf = *prog_.sources.back();
      uint32_t fi = prog_.fset.add(sf.name);
      ast::File* file =
          parseFile(prog_.arena, sf.text, fi, [this](Pos p, std::string m) { err(p, std::move(m)); }, std);
      asts.push_back(file);
      idx.push_back(fi);
    }
    for (size_t i = before; i < prog_.errors.size(); i++)
      if (prog_.errors[i].msg.rfind("syntax error", 0) == 0) return false;
    return true;
  }

  void check(Package* pkg, std::vector<ast::File*>& asts, std::vector<uint32_t>& idx) {
    pkg->files = asts;
    prog_.info.types.reserve(prog_.arena.size());
    prog_.info.uses.reserve(prog_.arena.size() / 2);
    Checker c(prog_, pkg, prog_.errors);
    c.checkFiles(asts, idx, [this, pkg](const std::string& path, Pos pos) { return import(pkg, path, pos); });
    prog_.packages.push_back(pkg);
  }

  Package* import(Package* importer, const std::string& path, Pos pos) {
    if (auto it = loaded_.find(path); it != loaded_.end()) {
      if (inProgress_.count(path)) {
        err(pos, "import cycle not allowed");
        return broken(path);
      }
      return it->second;
    }
    if (path == "unsafe" || path == "C") {
      err(pos, "package " + path + " is not supported by gol");
      return loaded_[path] = broken(path);
    }
    std::optional<std::vector<SourceFile>> files = load_ ? load_(path) : std::nullopt;
    if (!files || files->empty()) {
      err(pos, missing_ ? missing_(path) : "package " + path + " is not in std" + supportedList());
      return loaded_[path] = broken(path);
    }
    std::vector<ast::File*> asts;
    std::vector<uint32_t> idx;
    if (!parseAll(std::move(*files), asts, idx, true)) return loaded_[path] = broken(path);
    std::string name = asts[0]->name ? asts[0]->name->name : path;
    Package* pkg = prog_.store.newPackage(path, name);
    pkg->isStd = true;
    loaded_[path] = pkg;
    inProgress_.insert(path);
    check(pkg, asts, idx);
    inProgress_.erase(path);
    return pkg;
  }

  // A stand-in for a package that failed to import (the failure is reported
  // once): its uses are silently invalid instead of cascading errors.
  Package* broken(const std::string& path) {
    std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
    Package* pkg = prog_.store.newPackage(path, name);
    pkg->broken = true;
    return pkg;
  }

  std::string supportedList() const {
    std::string s;
    for (const char* p : {"bufio", "bytes", "errors", "fmt", "io", "math", "math/rand", "os", "sort", "strconv", "strings",
                          "sync", "sync/atomic", "time", "unicode", "unicode/utf8"}) {
      if (load_ && load_(p)) s += (s.empty() ? "" : ", ") + std::string(p);
    }
    return s.empty() ? "" : " (gol supports: " + s + ")";
  }

  Program& prog_;
  const PackageLoader& load_;
  const MissingPackage& missing_;
  std::map<std::string, Package*> loaded_;
  std::set<std::string> inProgress_;
};

void sortErrors(std::vector<Diagnostic>& errs) {
  std::stable_sort(errs.begin(), errs.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
  std::vector<Diagnostic> out;
  for (Diagnostic& d : errs) {
    if (!out.empty() && out.back().pos.line == d.pos.line && out.back().pos.file == d.pos.file && out.back().msg == d.msg)
      continue;
    out.push_back(std::move(d));
  }
  errs = std::move(out);
}

}  // namespace

std::unique_ptr<Program> checkProgram(std::vector<SourceFile> mainFiles, const PackageLoader& loader,
                                      const MissingPackage& missing) {
  auto prog = std::make_unique<Program>();
  Loader l(*prog, loader, missing);
  prog->mainPkg = l.checkMain(std::move(mainFiles));
  if (prog->mainPkg && prog->errors.empty()) {
    auto* m = asObj<Func>(prog->mainPkg->scope->lookup("main"));
    if (!m) prog->errors.push_back({Pos{}, "function main is undeclared in the main package"});
  }
  sortErrors(prog->errors);
  return prog;
}

}  // namespace gol
