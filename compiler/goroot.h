// goroot.h — where Go's standard library source lives, and which of its
// files make up a package for gol's target.
//
// gol compiles the standard library from the installed Go tree (Debian's
// golang-1.19-src) except where stdlib/ holds a package of its own; this file
// finds that tree and selects a package's files the way `go build` would for
// GOOS=linux GOARCH=amd64 with cgo off, the build tags `gol` and `purego`
// (several packages keep a pure-Go fallback behind it) and the release tags
// go1.1 up to the tree's own version.
//
// Invariants: nothing here parses Go beyond a file's leading comments; a file
// whose constraint cannot be parsed is left out (go/build reports it, and gol
// would only report a confusing error later); results are sorted by file
// name, as go/build lists them, so a package's files are checked in the same
// order on every run.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lang/checker.h"

namespace gol::goroot {

// The installed Go tree: dir is GOROOT (its src/ holds the packages).
struct Tree {
  std::string dir;
  std::string version;  // "go1.19.8", or "go1.19" when only the tree's source says
  int minor = 0;        // 19 for go1.19.x: the newest go1.N release tag
};

// Where to look. The defaults are the real environment; tests pass their own.
struct Search {
  std::optional<std::string> env;                // $GOROOT
  std::vector<std::string> shareDirs{"/usr/share"};  // holding go-1.N/src
  std::vector<std::string> fixed{"/usr/lib/go"};     // GOROOTs tried after those
  bool askGo = true;                             // finally `go env GOROOT`
};

// The first usable tree in the order $GOROOT, the newest <share>/go-*/src,
// the fixed directories, `go env GOROOT`; nullopt if none has src/.
std::optional<Tree> find(const Search& search);
// find(Search{getenv("GOROOT")}), looked up once per process.
const std::optional<Tree>& installed();
// The error for a package gol does not have when there is no tree.
std::string missingTreeMessage(const std::string& importPath);

// What a file must match to be part of a package.
struct Target {
  std::string goos = "linux";
  std::string goarch = "amd64";
  std::set<std::string> tags{"gol", "purego"};
  int goMinor = 19;  // go1.1 ... go1.<goMinor> are satisfied
  bool tag(const std::string& name) const;
};

// The file-name rule: name_GOOS.go, name_GOARCH.go, name_GOOS_GOARCH.go, with
// _test.go and files starting with '_' or '.' excluded.
bool nameMatches(const std::string& fileName, const Target& t);
// Evaluates a //go:build expression (without the prefix); nullopt if it is
// malformed.
std::optional<bool> evalExpr(const std::string& expr, const Target& t);
// The constraint in a file's header: its //go:build line, else its
// `// +build` lines (each a disjunction of comma-joined conjunctions, all
// lines required); a file with neither matches.
bool headerMatches(const std::string& text, const Target& t);

// The package's files in tree (vendored golang.org/x packages come from
// src/vendor), or nullopt if it has no directory or no file for the target.
// The package's directory and each file read are appended to inputs when
// given (the program cache checks them on later runs).
std::optional<std::vector<SourceFile>> loadPackage(const Tree& tree, const std::string& importPath,
                                                   const Target& target, std::vector<std::string>* inputs);

// The checker's packages: gol's own (stdlib/, embedded in the binary) first,
// then the installed tree's, except for the packages Go implements as part
// of its runtime (reflect, syscall, ...), which only gol's own can replace.
// Files under stdlib/overlay/<path>/ replace the tree's file of the same
// stem (bits_errors.gol for bits_errors.go) or join the package; a tree file
// left with a //go:linkname directive makes the package unavailable, with
// the reason given by missing().
class Packages {
 public:
  std::optional<std::vector<SourceFile>> load(const std::string& importPath);
  // Why load found nothing, worded as go build words it.
  std::string missing(const std::string& importPath) const;
  // The tree's files and directories read so far.
  const std::vector<std::string>& inputs() const { return inputs_; }

 private:
  std::vector<std::string> inputs_;
  std::map<std::string, std::string> failures_;
};

}  // namespace gol::goroot
