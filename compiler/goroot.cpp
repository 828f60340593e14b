// goroot.cpp — finding the installed Go tree and selecting a package's files
// by go/build's rules (see goroot.h for the invariants).
#include "compiler/goroot.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "stdlib/sources.h"

namespace gol::goroot {

namespace {

// Names go/build knows as operating systems and architectures: only these
// make a file-name suffix a constraint ("list_test.go" is no constraint).
const std::set<std::string> kOSes = {"aix",     "android", "darwin",  "dragonfly", "freebsd", "hurd",
                                     "illumos", "ios",     "js",      "linux",     "nacl",    "netbsd",
                                     "openbsd", "plan9",   "solaris", "windows",   "zos"};
const std::set<std::string> kArches = {
    "386",   "amd64",    "amd64p32", "arm",     "armbe",   "arm64",   "arm64be", "loong64", "mips",
    "mipsle", "mips64",  "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv",
    "riscv64", "s390",   "s390x",    "sparc",   "sparc64", "wasm"};
// Systems that satisfy the `unix` tag (a tag only, never a file suffix).
const std::set<std::string> kUnixes = {"aix",     "android", "darwin",  "dragonfly", "freebsd", "hurd",
                                       "illumos", "ios",     "linux",   "netbsd",    "openbsd", "solaris"};

bool isDir(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool readFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// "go1.19.8" -> 19; 0 if the string is not a go1.N release.
int minorOf(const std::string& version) {
  if (version.rfind("go1.", 0) != 0) return 0;
  return std::atoi(version.c_str() + 4);
}

// The tree's version: its VERSION file (release trees), else the language
// version internal/goversion declares (Debian's source package has no VERSION
// beside src/).
std::string versionOf(const std::string& dir) {
  std::string text;
  // Debian keeps the source in /usr/share/go-1.N and VERSION in /usr/lib/go-1.N.
  std::string debian;
  if (size_t at = dir.rfind("/share/go-"); at != std::string::npos && dir.find('/', at + 7) == std::string::npos)
    debian = dir.substr(0, at) + "/lib" + dir.substr(at + 6) + "/VERSION";
  for (const std::string& path : {dir + "/VERSION", debian}) {
    if (path.empty() || !readFile(path, text)) continue;
    std::string first = trim(text.substr(0, text.find('\n')));
    if (minorOf(first) > 0) return first;
  }
  if (readFile(dir + "/src/internal/goversion/goversion.go", text)) {
    size_t at = text.find("const Version = ");
    if (at != std::string::npos) return "go1." + std::to_string(std::atoi(text.c_str() + at + 16));
  }
  return "";
}

std::optional<Tree> treeAt(const std::string& dir) {
  if (dir.empty() || !isDir(dir + "/src")) return std::nullopt;
  Tree t{dir, versionOf(dir), 0};
  t.minor = minorOf(t.version);
  return t;
}

// "go-1.19" -> {1, 19}; {-1} for anything else, which sorts first.
std::vector<int> shareVersion(const std::string& name) {
  if (name.rfind("go-", 0) != 0) return {-1};
  std::vector<int> parts;
  std::istringstream in(name.substr(3));
  std::string part;
  while (std::getline(in, part, '.')) {
    if (part.empty() || !std::all_of(part.begin(), part.end(), ::isdigit)) return {-1};
    parts.push_back(std::atoi(part.c_str()));
  }
  return parts.empty() ? std::vector<int>{-1} : parts;
}

std::optional<Tree> newestShared(const std::string& share) {
  DIR* d = ::opendir(share.c_str());
  if (!d) return std::nullopt;
  std::string best;
  std::vector<int> bestVersion{-1};
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    std::vector<int> v = shareVersion(name);
    if (v[0] < 0 || !isDir(share + "/" + name + "/src")) continue;
    if (v > bestVersion) bestVersion = v, best = name;
  }
  ::closedir(d);
  if (best.empty()) return std::nullopt;
  return treeAt(share + "/" + best);
}

std::string goEnvGoroot() {
  FILE* p = ::popen("go env GOROOT 2>/dev/null", "r");
  if (!p) return "";
  std::string out;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  return trim(out);
}

// A recursive-descent reader of //go:build expressions:
//   or := and {"||" and};  and := not {"&&" not};  not := "!" not | "(" or ")" | tag
class ExprReader {
 public:
  ExprReader(const std::string& s, const Target& t) : s_(s), t_(t) {}

  std::optional<bool> all() {
    std::optional<bool> v = orExpr();
    skipSpace();
    if (!v || i_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  void skipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) i_++;
  }
  bool eat(const char* op) {
    skipSpace();
    size_t n = std::strlen(op);
    if (s_.compare(i_, n, op) != 0) return false;
    i_ += n;
    return true;
  }
  std::optional<bool> orExpr() {
    std::optional<bool> v = andExpr();
    while (v && eat("||")) {
      std::optional<bool> r = andExpr();
      if (!r) return std::nullopt;
      v = *v || *r;
    }
    return v;
  }
  std::optional<bool> andExpr() {
    std::optional<bool> v = notExpr();
    while (v && eat("&&")) {
      std::optional<bool> r = notExpr();
      if (!r) return std::nullopt;
      v = *v && *r;
    }
    return v;
  }
  std::optional<bool> notExpr() {
    if (++depth_ > 100) return std::nullopt;  // "!!!!..." or "((((...": refuse, never overflow
    std::optional<bool> v;
    if (eat("!")) {
      v = notExpr();
      if (v) v = !*v;
    } else if (eat("(")) {
      v = orExpr();
      if (v && !eat(")")) v = std::nullopt;
    } else {
      skipSpace();
      size_t b = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '.'))
        i_++;
      if (i_ > b) v = t_.tag(s_.substr(b, i_ - b));
    }
    depth_--;
    return v;
  }

  const std::string& s_;
  const Target& t_;
  size_t i_ = 0;
  int depth_ = 0;
};

// One `// +build` line's argument: space-separated options, any of which may
// hold; each a comma-joined list of terms that must all hold.
std::optional<bool> evalPlusBuild(const std::string& line, const Target& t) {
  std::istringstream words(line);
  std::string option;
  bool any = false;
  while (words >> option) {
    bool all = true;
    std::istringstream terms(option);
    std::string term;
    while (std::getline(terms, term, ',')) {
      bool neg = !term.empty() && term[0] == '!';
      std::string name = neg ? term.substr(1) : term;
      if (name.empty() || name[0] == '!') return std::nullopt;
      if (t.tag(name) == neg) all = false;
    }
    any = any || all;
  }
  return any;
}

}  // namespace

bool Target::tag(const std::string& name) const {
  if (name == goos || name == goarch || tags.count(name)) return true;
  if (name == "unix") return kUnixes.count(goos) > 0;
  if (name.rfind("go1.", 0) == 0) {
    std::string rest = name.substr(4);
    return !rest.empty() && std::all_of(rest.begin(), rest.end(), ::isdigit) && std::atoi(rest.c_str()) <= goMinor;
  }
  return false;
}

std::optional<Tree> find(const Search& search) {
  if (search.env && !search.env->empty()) {
    if (auto t = treeAt(*search.env)) return t;
  }
  for (const std::string& share : search.shareDirs) {
    if (auto t = newestShared(share)) return t;
  }
  for (const std::string& dir : search.fixed) {
    if (auto t = treeAt(dir)) return t;
  }
  if (search.askGo) return treeAt(goEnvGoroot());
  return std::nullopt;
}

const std::optional<Tree>& installed() {
  static const std::optional<Tree> tree = [] {
    Search s;
    if (const char* env = std::getenv("GOROOT")) s.env = env;
    return find(s);
  }();
  return tree;
}

std::string missingTreeMessage(const std::string& importPath) {
  return "package " + importPath +
         " is not one of gol's own and Go's standard library source is not installed: install golang-1.19-src "
         "(scripts/install-deps.sh does) or set GOROOT";
}

bool nameMatches(const std::string& fileName, const Target& t) {
  if (fileName.size() < 4 || fileName.compare(fileName.size() - 3, 3, ".go") != 0) return false;
  if (fileName[0] == '_' || fileName[0] == '.') return false;
  std::string stem = fileName.substr(0, fileName.size() - 3);
  std::vector<std::string> parts;
  std::istringstream in(stem);
  for (std::string p; std::getline(in, p, '_');) parts.push_back(p);
  if (parts.size() > 1 && parts.back() == "test") return false;
  // The first element is the name proper, never a constraint ("linux.go").
  parts.erase(parts.begin());
  size_t n = parts.size();
  if (n >= 2 && kOSes.count(parts[n - 2]) && kArches.count(parts[n - 1]))
    return t.tag(parts[n - 2]) && t.tag(parts[n - 1]);
  if (n >= 1 && (kOSes.count(parts[n - 1]) || kArches.count(parts[n - 1]))) return t.tag(parts[n - 1]);
  return true;
}

std::optional<bool> evalExpr(const std::string& expr, const Target& t) { return ExprReader(expr, t).all(); }

bool headerMatches(const std::string& text, const Target& t) {
  // The header is the comments and blank lines before the package clause;
  // `// +build` lines count only if a blank line follows them there.
  std::optional<std::string> goBuild;
  std::vector<std::string> plusBuild, pending;
  std::istringstream in(text);
  bool inBlock = false;
  for (std::string raw; std::getline(in, raw);) {
    std::string line = trim(raw);
    if (inBlock) {
      if (line.find("*/") != std::string::npos) inBlock = false;
      continue;
    }
    if (line.empty()) {
      plusBuild.insert(plusBuild.end(), pending.begin(), pending.end());
      pending.clear();
      continue;
    }
    if (line.rfind("/*", 0) == 0) {
      inBlock = line.find("*/", 2) == std::string::npos;
      continue;
    }
    if (line.rfind("//", 0) != 0) break;
    if (line.rfind("//go:build", 0) == 0 && (line.size() == 10 || line[10] == ' ' || line[10] == '\t')) {
      if (!goBuild) goBuild = line.substr(10);
      continue;
    }
    std::string body = trim(line.substr(2));
    if (body.rfind("+build", 0) == 0 && (body.size() == 6 || body[6] == ' ' || body[6] == '\t'))
      pending.push_back(body.substr(6));
  }
  if (goBuild) return evalExpr(*goBuild, t).value_or(false);
  for (const std::string& line : plusBuild) {
    std::optional<bool> v = evalPlusBuild(line, t);
    if (!v || !*v) return false;
  }
  return true;
}

std::optional<std::vector<SourceFile>> loadPackage(const Tree& tree, const std::string& importPath,
                                                   const Target& target, std::vector<std::string>* inputs) {
  if (importPath.empty() || importPath.find("..") != std::string::npos || importPath[0] == '/' ||
      importPath.find("/testdata") != std::string::npos || importPath.rfind("cmd/", 0) == 0)
    return std::nullopt;
  // A path whose first element has a dot is a vendored golang.org/x package.
  std::string first = importPath.substr(0, importPath.find('/'));
  std::string dir = tree.dir + "/src/" + (first.find('.') != std::string::npos ? "vendor/" : "") + importPath;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return std::nullopt;
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    if (nameMatches(e->d_name, target)) names.push_back(e->d_name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  // The directory's own time changes when a file is added or removed.
  if (inputs) inputs->push_back(dir);
  std::vector<SourceFile> files;
  for (const std::string& name : names) {
    std::string path = dir + "/" + name;
    struct stat st;
    std::string text;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || !readFile(path, text)) continue;
    if (inputs) inputs->push_back(path);
    if (!headerMatches(text, target)) continue;
    files.push_back({path, std::move(text)});
  }
  if (files.empty()) return std::nullopt;
  return files;
}

namespace {

// Go's implementations of these are part of Go's runtime (its type layout,
// scheduler, memory and system-call conventions): only gol's own may stand in
// for them, so the tree's copies are never compiled.
bool weldedToGoRuntime(const std::string& path) {
  auto under = [&](const char* root) {
    size_t n = std::strlen(root);
    return path.compare(0, n, root) == 0 && (path.size() == n || path[n] == '/');
  };
  return under("runtime") || under("reflect") || under("syscall") || under("internal/syscall") ||
         path == "internal/reflectlite" || path == "internal/poll" || path == "internal/abi" ||
         path == "internal/bytealg" || path == "os/signal" || path == "plugin" || path == "sync" ||
         path == "sync/atomic" || path == "os" || path == "time";
}

}  // namespace

std::optional<std::vector<SourceFile>> Packages::load(const std::string& importPath) {
  if (importPath.rfind("overlay/", 0) == 0) return std::nullopt;
  std::vector<SourceFile> own, overlay;
  std::string overlayPath = "overlay/" + importPath;
  for (const StdlibFile* f = stdlibFiles(); f->importPath; f++) {
    if (importPath == f->importPath) own.push_back({importPath + "/" + f->fileName, f->source});
    if (overlayPath == f->importPath) overlay.push_back({overlayPath + "/" + f->fileName, f->source});
  }
  if (!own.empty()) return own;
  if (weldedToGoRuntime(importPath)) return std::nullopt;
  const std::optional<Tree>& tree = installed();
  if (!tree) return std::nullopt;
  Target target;
  if (tree->minor > 0) target.goMinor = tree->minor;
  std::optional<std::vector<SourceFile>> files = loadPackage(*tree, importPath, target, &inputs_);
  if (!files) return files;
  // An overlay file replaces the tree's file of the same stem or joins the
  // package: gol's words for what the tree reaches Go's runtime through.
  auto stem = [](const std::string& name) {
    std::string base = name.substr(name.rfind('/') + 1);
    return base.substr(0, base.rfind('.'));
  };
  for (SourceFile& o : overlay) {
    auto same = std::find_if(files->begin(), files->end(), [&](const SourceFile& f) { return stem(f.name) == stem(o.name); });
    if (same != files->end()) files->erase(same);
  }
  for (const SourceFile& f : *files) {
    // The directive binds a declaration to another package's symbol, most
    // often inside Go's runtime: compiling the file without it would leave a
    // nil variable or a missing function behind.
    size_t at = f.text.find("\n//go:linkname ");
    if (at == std::string::npos) continue;
    size_t line = std::count(f.text.begin(), f.text.begin() + at + 1, '\n') + 1;
    failures_[importPath] = "package " + importPath + " uses //go:linkname (" + f.name + ":" + std::to_string(line) +
                            "), which gol does not support yet";
    return std::nullopt;
  }
  files->insert(files->end(), overlay.begin(), overlay.end());
  return files;
}

std::string Packages::missing(const std::string& importPath) const {
  if (auto it = failures_.find(importPath); it != failures_.end()) return it->second;
  if (weldedToGoRuntime(importPath))
    return "package " + importPath + " is not supported by gol yet (Go's is tied to Go's own runtime; gol needs its own)";
  const std::optional<Tree>& tree = installed();
  if (!tree) return missingTreeMessage(importPath);
  return "package " + importPath + " is not in GOROOT (" + tree->dir + "/src/" + importPath + ")";
}

}  // namespace gol::goroot
