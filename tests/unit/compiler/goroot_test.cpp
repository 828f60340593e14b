// goroot_test.cpp — finding the Go tree and go/build's file selection rules
// (compiler/goroot.cpp), on trees made in a temporary directory.
#include "compiler/goroot.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace gol::goroot {
namespace {

class TempTree : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/gol_goroot_test_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf '" + root_ + "'").c_str()); }

  void write(const std::string& rel, const std::string& text) {
    std::string path = root_ + "/" + rel;
    std::system(("mkdir -p '" + path.substr(0, path.rfind('/')) + "'").c_str());
    std::ofstream(path) << text;
  }

  std::string root_;
};

TEST(GorootRules, FileNames) {
  Target t;
  EXPECT_TRUE(nameMatches("list.go", t));
  EXPECT_TRUE(nameMatches("zoneinfo_linux.go", t));
  EXPECT_TRUE(nameMatches("index_amd64.go", t));
  EXPECT_TRUE(nameMatches("sys_linux_amd64.go", t));
  EXPECT_TRUE(nameMatches("linux.go", t));         // the name proper is no constraint
  EXPECT_TRUE(nameMatches("exec_unix.go", t));     // unix is a tag, never a suffix
  EXPECT_TRUE(nameMatches("foo_bar_baz.go", t));
  EXPECT_FALSE(nameMatches("list_test.go", t));
  EXPECT_FALSE(nameMatches("sys_linux_test.go", t));
  EXPECT_FALSE(nameMatches("zoneinfo_windows.go", t));
  EXPECT_FALSE(nameMatches("index_arm64.go", t));
  EXPECT_FALSE(nameMatches("sys_linux_arm64.go", t));
  EXPECT_FALSE(nameMatches("sys_darwin_amd64.go", t));
  EXPECT_FALSE(nameMatches("_hidden.go", t));
  EXPECT_FALSE(nameMatches(".hidden.go", t));
  EXPECT_FALSE(nameMatches("asm_amd64.s", t));
  EXPECT_FALSE(nameMatches("README", t));
}

TEST(GorootRules, Expressions) {
  Target t;
  EXPECT_EQ(evalExpr("linux", t), true);
  EXPECT_EQ(evalExpr("unix", t), true);
  EXPECT_EQ(evalExpr("gol && purego", t), true);
  EXPECT_EQ(evalExpr("gc", t), false);
  EXPECT_EQ(evalExpr("cgo", t), false);
  EXPECT_EQ(evalExpr("ignore", t), false);
  EXPECT_EQ(evalExpr("!windows && !plan9", t), true);
  EXPECT_EQ(evalExpr("unix || (js && wasm)", t), true);
  EXPECT_EQ(evalExpr("(js && wasm) || windows", t), false);
  EXPECT_EQ(evalExpr("amd64 && !purego", t), false);
  EXPECT_EQ(evalExpr("go1.18", t), true);
  EXPECT_EQ(evalExpr("go1.19", t), true);
  EXPECT_EQ(evalExpr("go1.20", t), false);
  EXPECT_EQ(evalExpr("!!linux", t), true);
  EXPECT_EQ(evalExpr("linux &&", t), std::nullopt);
  EXPECT_EQ(evalExpr("(linux", t), std::nullopt);
  EXPECT_EQ(evalExpr("linux linux", t), std::nullopt);
  EXPECT_EQ(evalExpr("", t), std::nullopt);
  EXPECT_EQ(evalExpr(std::string(100000, '('), t), std::nullopt);
}

TEST(GorootRules, Headers) {
  Target t;
  EXPECT_TRUE(headerMatches("// Copyright\n\npackage x\n", t));
  EXPECT_FALSE(headerMatches("//go:build ignore\n\npackage main\n", t));
  EXPECT_TRUE(headerMatches("// Copyright\n\n//go:build linux && amd64\n\npackage x\n", t));
  // //go:build wins over +build lines
  EXPECT_TRUE(headerMatches("//go:build linux\n// +build windows\n\npackage x\n", t));
  // legacy lines: space is or, comma is and, lines are and
  EXPECT_TRUE(headerMatches("// +build windows linux,amd64\n\npackage x\n", t));
  EXPECT_FALSE(headerMatches("// +build linux,!amd64\n\npackage x\n", t));
  EXPECT_FALSE(headerMatches("// +build linux\n// +build windows\n\npackage x\n", t));
  // a +build line with no blank line before the package clause is a comment
  EXPECT_TRUE(headerMatches("// +build windows\npackage x\n", t));
  // constraints after the package clause do not count
  EXPECT_TRUE(headerMatches("package x\n\n//go:build windows\n", t));
  EXPECT_FALSE(headerMatches("/* block\n comment */\n//go:build windows\n\npackage x\n", t));
  // a malformed constraint leaves the file out
  EXPECT_FALSE(headerMatches("//go:build linux &&\n\npackage x\n", t));
}

TEST_F(TempTree, FindsTreesInOrder) {
  write("share/go-1.9/src/errors/errors.go", "package errors\n");
  write("share/go-1.19/src/errors/errors.go", "package errors\n");
  write("share/go-1.19/src/internal/goversion/goversion.go", "package goversion\n\nconst Version = 19\n");
  write("share/go-1.20/VERSION", "no source here\n");
  write("share/other/src/x.go", "package x\n");
  write("env/src/errors/errors.go", "package errors\n");
  write("env/VERSION", "go1.21.3\ntime 2023\n");

  Search s{std::nullopt, {root_ + "/share"}, {}, false};
  auto t = find(s);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->dir, root_ + "/share/go-1.19");  // 1.19 is newer than 1.9; 1.20 has no src/
  EXPECT_EQ(t->version, "go1.19");
  EXPECT_EQ(t->minor, 19);

  s.env = root_ + "/env";
  t = find(s);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->dir, root_ + "/env");
  EXPECT_EQ(t->version, "go1.21.3");
  EXPECT_EQ(t->minor, 21);

  // a $GOROOT without src/ is skipped, as are empty share directories
  s.env = root_ + "/nowhere";
  s.shareDirs = {root_ + "/nowhere"};
  s.fixed = {root_ + "/env"};
  t = find(s);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->dir, root_ + "/env");

  // Debian's split tree: the source under share/, VERSION under lib/
  write("lib/go-1.19/VERSION", "go1.19.8\n");
  t = find(Search{std::nullopt, {root_ + "/share"}, {}, false});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->version, "go1.19.8");

  s.fixed = {};
  EXPECT_FALSE(find(s));
  EXPECT_NE(missingTreeMessage("container/list").find("golang-1.19-src"), std::string::npos);
}

TEST_F(TempTree, LoadsAPackagesFiles) {
  write("src/p/b.go", "package p\n");
  write("src/p/a.go", "// +build linux\n\npackage p\n");
  write("src/p/a_test.go", "package p\n");
  write("src/p/c_windows.go", "package p\n");
  write("src/p/d.go", "//go:build ignore\n\npackage main\n");
  write("src/p/e_amd64.go", "//go:build !purego\n\npackage p\n");
  write("src/p/f_linux_amd64.go", "//go:build gol\n\npackage p\n");
  write("src/p/g.s", "TEXT ·f(SB)\n");
  write("src/vendor/golang.org/x/q/q.go", "package q\n");
  write("src/only/x_test.go", "package only\n");
  Tree tree{root_, "go1.19", 19};
  std::vector<std::string> inputs;
  auto files = loadPackage(tree, "p", Target{}, &inputs);
  ASSERT_TRUE(files);
  std::vector<std::string> names;
  for (const SourceFile& f : *files) names.push_back(f.name.substr(f.name.rfind('/') + 1));
  EXPECT_EQ(names, (std::vector<std::string>{"a.go", "b.go", "f_linux_amd64.go"}));
  EXPECT_EQ((*files)[1].text, "package p\n");
  // the directory and every file read, taken or not
  EXPECT_EQ(inputs, (std::vector<std::string>{root_ + "/src/p", root_ + "/src/p/a.go", root_ + "/src/p/b.go",
                                              root_ + "/src/p/d.go", root_ + "/src/p/e_amd64.go",
                                              root_ + "/src/p/f_linux_amd64.go"}));

  auto vendored = loadPackage(tree, "golang.org/x/q", Target{}, nullptr);
  ASSERT_TRUE(vendored);
  EXPECT_EQ(vendored->size(), 1u);
  EXPECT_FALSE(loadPackage(tree, "only", Target{}, nullptr));
  EXPECT_FALSE(loadPackage(tree, "missing", Target{}, nullptr));
  EXPECT_FALSE(loadPackage(tree, "../p", Target{}, nullptr));
}

TEST(GorootPackages, OwnPackagesFirstAndNoneTiedToGosRuntime) {
  Packages p;
  auto fmt = p.load("fmt");
  ASSERT_TRUE(fmt);
  EXPECT_EQ(fmt->front().name.rfind("fmt/", 0), 0u);  // gol's embedded fmt, not the tree's
  EXPECT_TRUE(p.inputs().empty());
  for (const char* path : {"reflect", "runtime/pprof", "internal/poll", "internal/abi"}) {
    EXPECT_FALSE(p.load(path)) << path;
    EXPECT_NE(p.missing(path).find("is not supported by gol yet"), std::string::npos) << path;
  }
  EXPECT_FALSE(p.load("overlay/math/bits"));  // overlays are parts of packages, not packages
  // gol's own stands in for one of those
  auto lite = p.load("internal/reflectlite");
  ASSERT_TRUE(lite);
  EXPECT_EQ(lite->front().name.rfind("internal/reflectlite/", 0), 0u);
}

}  // namespace
}  // namespace gol::goroot
