// Code generator tests: the IR shape the ABI promises (stack checks, frame
// records, sret results, runtime calls, map entry points by key class) and,
// through the JIT, that compiled functions honour the calling convention of
// include/gol/abi.h when called from C++ with a hand-made goroutine header,
// that GOLPERFMAP=1 lists them in perf's map, and that a program's object is
// cached by its inputs.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "compiler/codegen.h"
#include "compiler/jit.h"
#include "gol/abi.h"
#include "lang/checker.h"
#include "llvm/IR/Instructions.h"

namespace gol {
namespace {

std::optional<std::vector<SourceFile>> noStd(const std::string&) { return std::nullopt; }

struct Compiled {
  std::unique_ptr<Program> prog;
  std::unique_ptr<Jit> jit;
  std::unique_ptr<GeneratedModule> gm;
};

Compiled generate(const std::string& src) {
  Compiled c;
  c.prog = checkProgram({{"t.gol", src}}, noStd);
  EXPECT_TRUE(c.prog->ok()) << c.prog->errorText();
  setenv("GOLCACHE", "off", 1);
  auto jit = Jit::create(JitOptions{2});
  EXPECT_TRUE(bool(jit));
  c.jit = std::move(*jit);
  std::vector<CodegenError> errors;
  c.gm = generateModule(*c.prog, c.jit->dataLayout(), c.jit->targetTriple().str(), errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].msg);
  return c;
}

bool callsFunction(llvm::Function* f, const std::string& callee) {
  for (auto& bb : *f)
    for (auto& inst : bb)
      if (auto* call = llvm::dyn_cast<llvm::CallInst>(&inst))
        if (call->getCalledFunction() && call->getCalledFunction()->getName() == callee) return true;
  return false;
}

const char* kProgram = R"(package main

type P struct{ X, Y int }

func add(a, b int) int { return a + b }

func twice(x int) int { return add(x, x) + add(0, 0) }

func three() (int, int, int) { return 1, 2, 3 }

func mk(x int) *P { return &P{x, x + 1} }

func main() {
	a, b, c := three()
	_ = mk(twice(a + b + c))
}
)";

TEST(Codegen, LeafFunctionHasNoStackCheckOrFrame) {
  Compiled c = generate(kProgram);
  // Only functions reachable from main are generated; all of these are.
  llvm::Function* add = c.gm->module->getFunction("main.add");
  ASSERT_NE(add, nullptr);
  EXPECT_FALSE(callsFunction(add, "gol_morestack"));
  EXPECT_EQ(add->arg_size(), 4u);  // g, ctx, a, b
}

TEST(Codegen, CallingFunctionChecksStackAndAllocatingOneRoots) {
  Compiled c = generate(kProgram);
  EXPECT_TRUE(callsFunction(c.gm->module->getFunction("main.twice"), "gol_morestack"));
  llvm::Function* mk = c.gm->module->getFunction("main.mk");
  EXPECT_TRUE(callsFunction(mk, "gol_alloc"));
  EXPECT_TRUE(callsFunction(mk, "gol_morestack"));
}

// The preemption signal may stop a goroutine between any two instructions
// and the collector then follows g->frame: every store that links a record
// (a function's frame or a morestack pack) must come after a fence that
// keeps the record's header and zeroed roots in front of it.
TEST(Codegen, FramesAreLinkedOnlyBehindASignalFence) {
  Compiled c = generate(R"(package main

type P struct{ X, Y int }

func twice(x int) int { return x + x }

func keep(p *P) int { return twice(p.X) + p.Y }

func main() { _ = keep(&P{1, 2}) }
)");
  llvm::Function* keep = c.gm->module->getFunction("main.keep");
  ASSERT_NE(keep, nullptr);
  int links = 0;
  for (auto& bb : *keep)
    for (auto& inst : bb) {
      auto* st = llvm::dyn_cast<llvm::StoreInst>(&inst);
      if (!st || !llvm::isa<llvm::AllocaInst>(st->getValueOperand())) continue;
      auto* fence = llvm::dyn_cast_or_null<llvm::FenceInst>(st->getPrevNode());
      ASSERT_NE(fence, nullptr) << "unfenced link in block " << bb.getName().str();
      EXPECT_EQ(fence->getSyncScopeID(), keep->getContext().getOrInsertSyncScopeID("singlethread"));
      links++;
    }
  EXPECT_EQ(links, 2);  // the frame and the morestack pack
}

const char* kFrames = R"(package main

func small(i int) int {
	var a [200]int
	a[i] = i
	return a[3]
}

func large(i int) int {
	var a [20000]int
	a[i] = i
	b := a
	return b[7]
}

func main() { _ = small(1) + large(2) }
)";

uint64_t largestAlloca(llvm::Function* f) {
  uint64_t most = 0;
  for (auto& inst : f->getEntryBlock())
    if (auto* a = llvm::dyn_cast<llvm::AllocaInst>(&inst))
      most = std::max<uint64_t>(most, f->getDataLayout().getTypeAllocSize(a->getAllocatedType()));
  return most;
}

TEST(Codegen, LeafWithMoreThanAKilobyteOfLocalsIsChecked) {
  Compiled c = generate(kFrames);
  llvm::Function* small = c.gm->module->getFunction("main.small");
  EXPECT_TRUE(callsFunction(small, "gol_morestack"));
  // Callees with larger frames are never inlined into it.
  EXPECT_EQ(small->getFnAttribute("inline-max-stacksize").getValueAsString(), "2048");
}

TEST(Codegen, LargeFrameIsCheckedBeforeItIsAllocated) {
  Compiled c = generate(kFrames);
  // main.large is a wrapper with a small frame whose check covers the body's.
  llvm::Function* wrapper = c.gm->module->getFunction("main.large");
  llvm::Function* body = c.gm->module->getFunction("main.large\xC2\xB7" "frame");
  ASSERT_NE(wrapper, nullptr);
  ASSERT_NE(body, nullptr);
  EXPECT_TRUE(callsFunction(wrapper, "gol_morestack"));
  EXPECT_TRUE(callsFunction(wrapper, body->getName().str()));
  EXPECT_LT(largestAlloca(wrapper), 256u);
  EXPECT_FALSE(callsFunction(body, "gol_morestack"));
  EXPECT_TRUE(body->hasFnAttribute(llvm::Attribute::NoInline));
  EXPECT_EQ(largestAlloca(body), 160000u);
}

TEST(Codegen, LargeValuesAreZeroedAndCopiedInBulk) {
  Compiled c = generate(kFrames);
  llvm::Function* body = c.gm->module->getFunction("main.large\xC2\xB7" "frame");
  ASSERT_NE(body, nullptr);
  for (auto& bb : *body)
    for (auto& inst : bb) {
      if (auto* st = llvm::dyn_cast<llvm::StoreInst>(&inst)) EXPECT_FALSE(st->getValueOperand()->getType()->isArrayTy());
      if (auto* ld = llvm::dyn_cast<llvm::LoadInst>(&inst)) EXPECT_FALSE(ld->getType()->isArrayTy());
    }
  EXPECT_TRUE(callsFunction(body, "llvm.memset.p0.i64"));
  EXPECT_TRUE(callsFunction(body, "llvm.memmove.p0.p0.i64"));
}

TEST(Codegen, LargeValuesAssignedToBlankAreNotLoaded) {
  Compiled c = generate(R"(package main

func main() {
	var a [10000]int64
	_ = a
}
)");
  for (llvm::Function& f : *c.gm->module)
    for (auto& bb : f)
      for (auto& inst : bb)
        if (auto* ld = llvm::dyn_cast<llvm::LoadInst>(&inst)) EXPECT_FALSE(ld->getType()->isArrayTy()) << f.getName().str();
}

TEST(Codegen, LargeResultsUseSret) {
  Compiled c = generate(kProgram);
  llvm::Function* f = c.gm->module->getFunction("main.three");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->getReturnType()->isVoidTy());
  EXPECT_TRUE(f->hasParamAttribute(0, llvm::Attribute::StructRet));
}

const char* kLiterals = R"(package main

var table = [...]int{1, 2, 3, 4, 5, 6, 7, 8}
var list = []int{10, 20, 30, 40, 50}
var names = []string{"a", "b", "c", "d"}
var later = []int{1, 2, 3, f(), 5}

func f() int { return 4 }

func local(x int) []int { return []int{9, 8, 7, x, 6} }

func main() {
	_, _, _, _ = table, list, names, later
	_ = local(1)
}
)";

// Whether f stores the integer constant v anywhere.
bool storesConstant(llvm::Function* f, int64_t v) {
  for (auto& bb : *f)
    for (auto& inst : bb)
      if (auto* st = llvm::dyn_cast<llvm::StoreInst>(&inst))
        if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(st->getValueOperand()); c && c->getSExtValue() == v)
          return true;
  return false;
}

TEST(Codegen, ConstantLiteralsAreStaticData) {
  Compiled c = generate(kLiterals);
  llvm::Module& m = *c.gm->module;
  // Package-level variables of constants start with their value: no code.
  llvm::GlobalVariable* table = m.getNamedGlobal("main.table");
  ASSERT_NE(table, nullptr);
  EXPECT_FALSE(table->getInitializer()->isNullValue());
  EXPECT_NE(m.getNamedGlobal("main.list\xC2\xB7" "array"), nullptr);
  EXPECT_FALSE(m.getNamedGlobal("main.list")->getInitializer()->isNullValue());
  // Elements holding pointers live on the heap (the collector scans them),
  // copied from static data.
  EXPECT_TRUE(m.getNamedGlobal("main.names")->getInitializer()->isNullValue());
  llvm::Function* init = m.getFunction(kInitSymbol);
  EXPECT_TRUE(callsFunction(init, "llvm.memcpy.p0.p0.i64"));
  EXPECT_FALSE(storesConstant(init, 5));
  // In a function, the constant part is one copy, and only x is stored.
  llvm::Function* local = m.getFunction("main.local");
  ASSERT_NE(local, nullptr);
  EXPECT_TRUE(callsFunction(local, "llvm.memcpy.p0.p0.i64"));
  for (int64_t v : {9, 8, 7, 6}) EXPECT_FALSE(storesConstant(local, v)) << v;
}

TEST(Codegen, NoGeneratedFunctionUnwinds) {
  // One function that may unwind puts every function's frame description in
  // .eh_frame, which JITLink links in time quadratic in their number.
  Compiled c = generate(R"(package main

func work(c chan int, n int) {
	var a [20000]int
	a[n] = n
	c <- a[n]
}

var ready = make(chan int, 1)

func main() {
	go work(ready, 3)
	defer func() { <-ready }()
}
)");
  size_t defined = 0;
  for (llvm::Function& f : *c.gm->module) {
    if (f.isDeclaration()) continue;
    defined++;
    EXPECT_TRUE(f.doesNotThrow()) << f.getName().str();
  }
  EXPECT_GT(defined, 3u);  // thunks and frame bodies included
}

TEST(Codegen, FunctionsOfOneSignatureShareTheirMorestackThunk) {
  Compiled c = generate(R"(package main

func a(x int) int { return b(x) + 1 }
func b(x int) int { return d(x) * 2 }
func d(x int) int { return e(x, x) }
func e(x, y int) int { return f(x) + y }
func f(x int) int {
	if x > 0 {
		return a(x - 1)
	}
	return 0
}

func main() { _ = a(3) }
)");
  std::set<std::string> thunks;
  for (const char* name : {"main.a", "main.b", "main.d", "main.e", "main.f"}) {
    llvm::Function* fn = c.gm->module->getFunction(name);
    ASSERT_NE(fn, nullptr) << name;
    for (auto& bb : *fn)
      for (auto& inst : bb)
        if (auto* call = llvm::dyn_cast<llvm::CallInst>(&inst))
          if (call->getCalledFunction() && call->getCalledFunction()->getName() == "gol_morestack")
            thunks.insert(call->getArgOperand(1)->getName().str());
  }
  EXPECT_EQ(thunks.size(), 2u);  // func(int) int and func(int, int) int
}

struct Triple {
  int64_t a, b, c;
};

TEST(Codegen, JitFunctionsFollowTheCAbiAndRestoreTheShadowStack) {
  Compiled c = generate(kProgram);
  ASSERT_FALSE(bool(c.jit->addModule(std::move(c.gm->module), std::move(c.gm->context))));
  auto addP = c.jit->lookup("main.add");
  auto twiceP = c.jit->lookup("main.twice");
  auto threeP = c.jit->lookup("main.three");
  ASSERT_TRUE(addP && twiceP && threeP);
  GolFrame sentinel{};
  GolG g{0, &sentinel};  // stackguard 0: the check never fails
  auto add = reinterpret_cast<int64_t (*)(GolG*, void*, int64_t, int64_t)>(*addP);
  auto twice = reinterpret_cast<int64_t (*)(GolG*, void*, int64_t)>(*twiceP);
  auto three = reinterpret_cast<Triple (*)(GolG*, void*)>(*threeP);
  EXPECT_EQ(add(&g, nullptr, 40, 2), 42);
  EXPECT_EQ(twice(&g, nullptr, 21), 42);
  EXPECT_EQ(g.frame, &sentinel);  // every frame linked on entry was unlinked
  Triple t = three(&g, nullptr);
  EXPECT_EQ(t.a, 1);
  EXPECT_EQ(t.b, 2);
  EXPECT_EQ(t.c, 3);
}

const char* kMapProgram = R"(package main

type Name string
type T struct{ a, b int }

func counts(words []Name) map[Name]int {
	m := map[Name]int{}
	for _, w := range words {
		m[w]++
	}
	return m
}

func lookups(a map[int32]bool, b map[*T]int, c map[T]int, k int32) (bool, int, int) {
	delete(b, nil)
	return a[k], b[&T{}], c[T{1, 2}]
}

func boxed() any { return 42 }

func main() {
	_ = counts(nil)
	lookups(nil, nil, nil, 1)
	_ = boxed()
}
)";

TEST(Codegen, MapOperationsUseTheEntryPointOfTheirKeyClass) {
  Compiled c = generate(kMapProgram);
  llvm::Function* counts = c.gm->module->getFunction("main.counts");
  ASSERT_NE(counts, nullptr);
  // m[w]++ is one mapassign, as in Go.
  EXPECT_TRUE(callsFunction(counts, "gol_mapassign_faststr"));
  EXPECT_FALSE(callsFunction(counts, "gol_mapaccess_faststr"));
  EXPECT_FALSE(callsFunction(counts, "gol_mapassign"));
  llvm::Function* lookups = c.gm->module->getFunction("main.lookups");
  EXPECT_TRUE(callsFunction(lookups, "gol_mapaccess_fast32"));
  EXPECT_TRUE(callsFunction(lookups, "gol_mapaccess_fast64"));
  EXPECT_TRUE(callsFunction(lookups, "gol_mapdelete_fast64"));
  EXPECT_TRUE(callsFunction(lookups, "gol_mapaccess"));   // struct keys: generic
}

TEST(Codegen, ConstantsConvertedToInterfacesAreNotAllocated) {
  Compiled c = generate(kMapProgram);
  EXPECT_FALSE(callsFunction(c.gm->module->getFunction("main.boxed"), "gol_alloc"));
}

TEST(Codegen, PerfMapListsTheLinkedFunctions) {
  std::string path = "/tmp/perf-" + std::to_string(getpid()) + ".map";
  std::remove(path.c_str());
  setenv("GOLPERFMAP", "1", 1);
  Compiled c = generate(kProgram);
  unsetenv("GOLPERFMAP");
  ASSERT_FALSE(bool(c.jit->addModule(std::move(c.gm->module), std::move(c.gm->context))));
  auto add = c.jit->lookup("main.add");
  ASSERT_TRUE(bool(add));
  std::ifstream in(path);
  std::string line;
  bool found = false;
  while (std::getline(in, line)) {
    unsigned long long start = 0, size = 0;
    char name[256];
    ASSERT_EQ(std::sscanf(line.c_str(), "%llx %llx %255s", &start, &size, name), 3) << line;
    if (std::string(name) == "main.add") {
      found = true;
      EXPECT_EQ(start, reinterpret_cast<uintptr_t>(*add));
      EXPECT_GT(size, 0u);
    }
  }
  EXPECT_TRUE(found);
  std::remove(path.c_str());
}

// A program compiled once is found again by its inputs alone (build ID,
// path, source, options), without checking or generating it.
TEST(Codegen, ProgramsAreCachedByTheirInputs) {
  char dir[] = "/tmp/golcacheXXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  Compiled c = generate(kProgram);
  setenv("GOLCACHE", dir, 1);
  auto fresh = Jit::create(JitOptions{2});
  ASSERT_TRUE(bool(fresh));
  std::string key = (*fresh)->programKey("t.gol", kProgram);
  ASSERT_FALSE(key.empty());
  EXPECT_NE(key, (*fresh)->programKey("u.gol", kProgram));
  EXPECT_NE(key, (*fresh)->programKey("t.gol", std::string(kProgram) + "\n"));
  auto miss = (*fresh)->addCachedProgram(key);
  ASSERT_TRUE(bool(miss));
  EXPECT_FALSE(*miss);
  ASSERT_FALSE(bool((*fresh)->addModule(std::move(c.gm->module), std::move(c.gm->context), key)));
  auto again = Jit::create(JitOptions{2});
  ASSERT_TRUE(bool(again));
  EXPECT_EQ((*again)->programKey("t.gol", kProgram), key);
  auto hit = (*again)->addCachedProgram(key);
  ASSERT_TRUE(bool(hit));
  EXPECT_TRUE(*hit);
  auto add = (*again)->lookup("main.add");
  ASSERT_TRUE(bool(add));
  GolFrame sentinel{};
  GolG g{0, &sentinel};
  EXPECT_EQ(reinterpret_cast<int64_t (*)(GolG*, void*, int64_t, int64_t)>(*add)(&g, nullptr, 40, 2), 42);
  setenv("GOLCACHE", "off", 1);
  std::filesystem::remove_all(dir);
}

TEST(Codegen, UnsupportedConstructIsAnErrorNotACrash) {
  auto prog = checkProgram({{"t.gol", "package main\n\nfunc main() {\n\tvar s []int\n\t_ = (*[2]int)(s)\n}\n"}}, noStd);
  ASSERT_TRUE(prog->ok()) << prog->errorText();
  auto jit = Jit::create(JitOptions{0});
  ASSERT_TRUE(bool(jit));
  std::vector<CodegenError> errors;
  auto gm = generateModule(*prog, (*jit)->dataLayout(), (*jit)->targetTriple().str(), errors);
  EXPECT_EQ(gm, nullptr);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].msg.find("not supported by gol"), std::string::npos);
  EXPECT_EQ(errors[0].pos.line, 5u);
}

// Blank package variables that only assert an interface implementation
// (the standard library's `var _ I = (*T)(nil)`) are not evaluated, so they
// do not make T's methods reachable; one with a call still runs.
TEST(Codegen, InertBlankVariablesAreNotEvaluated) {
  Compiled c = generate(R"(package main

type I interface{ M() }
type T struct{}
type U struct{}

func (*T) M() { println("T") }
func (U) M()  { println("U") }

var _ I = (*T)(nil)
var _ I = (U{})
var _ = ((*T))(nil)
var calls = 0

func effect() int { calls++; return calls }

var _ = effect()

func main() { println(calls) }
)");
  ASSERT_TRUE(c.gm);
  for (const char* name : {"main.(*T).M", "main.U.M"}) {
    llvm::Function* f = c.gm->module->getFunction(name);
    EXPECT_TRUE(f == nullptr || f->empty()) << name;
  }
  llvm::Function* effect = c.gm->module->getFunction("main.effect");
  ASSERT_NE(effect, nullptr);
  EXPECT_FALSE(effect->empty());
}

// A std package's function declared without a body that neither the
// runtime nor the natives define (assembly in GOROOT) is an error naming it
// where it is declared, not a JIT link failure; unused ones cost nothing.
TEST(Codegen, BodylessFunctionWithoutNativeIsAnError) {
  PackageLoader asm_ = [](const std::string& path) -> std::optional<std::vector<SourceFile>> {
    if (path != "cpu") return std::nullopt;
    return std::vector<SourceFile>{{"cpu/cpu.go", "package cpu\n\nfunc cpuid(op uint32) uint32\n\nfunc unused()\n\n"
                                                  "func Features() uint32 { return cpuid(1) }\n"}};
  };
  auto prog = checkProgram({{"t.gol", "package main\n\nimport \"cpu\"\n\nfunc main() { println(cpu.Features()) }\n"}}, asm_);
  ASSERT_TRUE(prog->ok()) << prog->errorText();
  auto jit = Jit::create(JitOptions{0});
  ASSERT_TRUE(bool(jit));
  std::vector<CodegenError> errors;
  auto gm = generateModule(*prog, (*jit)->dataLayout(), (*jit)->targetTriple().str(), errors);
  EXPECT_EQ(gm, nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].msg.find("function cpu.cpuid (declared without a body"), std::string::npos) << errors[0].msg;
  EXPECT_EQ(errors[0].pos.line, 3u);
}

// Function literals get Go's names, which tracebacks show: func1, func2 in a
// function, func1.1 inside a literal, pkg.glob..func1 in a package-level
// initialiser.
TEST(Codegen, FunctionLiteralsAreNamedAsGoNamesThem) {
  Compiled c = generate(R"(package main

var glob = func() func() int { return func() int { return 1 } }()

type T struct{}

func (T) meth() int { return func() int { return func() int { return 2 }() }() }

func main() {
	f := func() int {
		g := func() int { return 3 }
		return g() + func() int { return 4 }()
	}
	_ = f() + glob() + T{}.meth()
}
)");
  for (const char* name : {"main.glob..func1", "main.glob..func1.1", "main.T.meth.func1", "main.T.meth.func1.1",
                           "main.main.func1", "main.main.func1.1", "main.main.func1.2"})
    EXPECT_NE(c.gm->module->getFunction(name), nullptr) << name;
  EXPECT_EQ(c.gm->module->getFunction("main.main.func1.func1"), nullptr);
}

}  // namespace
}  // namespace gol
