// checker_test.cpp — the typed AST: expression types and modes, constant
// values, selections, method sets, captures, init order, escaping variables.
#include <gtest/gtest.h>

#include "tests/unit/lang/test_support.h"

namespace {

using namespace gol;
using gol::testing::check;

// Finds the first expression whose printed form is `text`.
const TypeAndValue* typeOfExpr(const Program& p, const std::string& text) {
  for (auto& [e, tv] : p.info.types)
    if (ast::exprString(e) == text && !ast::isa<ast::ParenExpr>(e)) return &tv;
  return nullptr;
}

types::Object* objectNamed(const Program& p, const std::string& name) {
  for (auto& [id, obj] : p.info.defs)
    if (obj && id->name == name) return obj;
  return nullptr;
}

TEST(Checker, HelloWorld) {
  auto p = check("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  ASSERT_EQ(p->packages.size(), 2u);
  EXPECT_EQ(p->packages[0]->path, "fmt");
  EXPECT_EQ(p->packages.back(), p->mainPkg);
  const TypeAndValue* call = typeOfExpr(*p, "fmt.Println(\"hello, world\")");
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(types::typeString(call->type), "(n int, err error)");
  // the untyped string argument is recorded with its final type (any's default: string)
  const TypeAndValue* arg = typeOfExpr(*p, "\"hello, world\"");
  ASSERT_NE(arg, nullptr);
  EXPECT_EQ(arg->mode, Mode::Constant);
  EXPECT_EQ(types::typeString(arg->type), "string");
  auto* println = types::asObj<types::Func>(p->packages[0]->scope->lookup("Println"));
  ASSERT_NE(println, nullptr);
  EXPECT_TRUE(println->native());
  EXPECT_TRUE(println->signature()->variadic);
}

TEST(Checker, ConstantArithmeticIsExact) {
  auto p = check(
      "package main\n"
      "const big = 1 << 100 >> 98\n"
      "const f = 0.1 + 0.2\n"
      "const eq = f == 0.3\n"
      "const (\n\tA = iota * 10\n\tB\n\tC\n)\n"
      "const s = \"a\" + \"b\"\n"
      "const h = 'a' + 1\n"
      "const d = 7 / 2\n"
      "const fd = 7 / 2.0\n"
      "const typed int8 = -128\n"
      "const huge = 1e300 * 1e300 / 1e300\n"
      "func main() {}\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  auto val = [&](const char* n) { return static_cast<types::Const*>(objectNamed(*p, n))->val; };
  EXPECT_EQ(val("big").exactString(), "4");
  EXPECT_EQ(val("f").exactString(), "3/10");
  EXPECT_TRUE(val("eq").boolVal());
  EXPECT_EQ(val("C").exactString(), "20");
  EXPECT_EQ(val("s").stringVal(), "ab");
  EXPECT_EQ(val("h").exactString(), "98");
  EXPECT_EQ(types::typeString(objectNamed(*p, "h")->type), "untyped rune");
  EXPECT_EQ(val("d").exactString(), "3");
  EXPECT_EQ(val("fd").exactString(), "7/2");
  EXPECT_EQ(val("typed").int64Val().value(), -128);
  EXPECT_EQ(val("huge").float64Val(), 1e300);
}

TEST(Checker, ExpressionTypes) {
  auto p = check(
      "package main\n"
      "type T struct{ x int }\n"
      "func main() {\n"
      "\tvar t T\n\tm := map[string][]int{}\n\tv, ok := m[\"k\"]\n\tc := make(chan T, 1)\n"
      "\tr := []rune(\"héllo\")\n\tbs := []byte(\"x\")\n\tvar i any = t\n\ttt, ok2 := i.(T)\n"
      "\t_, _, _, _, _, _, _ = v, ok, c, r, bs, tt, ok2\n\t_ = &t.x\n\t_ = <-c\n\t_ = len(r) + cap(bs)\n"
      "}\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  EXPECT_EQ(types::typeString(typeOfExpr(*p, "m[\"k\"]")->type), "[]int");
  EXPECT_EQ(typeOfExpr(*p, "m[\"k\"]")->mode, Mode::CommaOK);
  EXPECT_EQ(types::typeString(typeOfExpr(*p, "&t.x")->type), "*int");
  EXPECT_EQ(typeOfExpr(*p, "t.x")->mode, Mode::Variable);
  EXPECT_EQ(types::typeString(typeOfExpr(*p, "<-c")->type, p->mainPkg), "T");
  EXPECT_EQ(types::typeString(typeOfExpr(*p, "[]rune(\"héllo\")")->type), "[]rune");
  EXPECT_EQ(typeOfExpr(*p, "i.(T)")->mode, Mode::CommaOK);
  EXPECT_EQ(types::typeString(objectNamed(*p, "ok")->type), "bool");
  EXPECT_TRUE(static_cast<types::Var*>(objectNamed(*p, "t"))->addressTaken);
}

TEST(Checker, SelectionsThroughEmbedding) {
  auto p = check(
      "package main\n"
      "type Inner struct{ n int }\n"
      "func (i *Inner) Inc() { i.n++ }\n"
      "func (i Inner) Get() int { return i.n }\n"
      "type Outer struct{ *Inner; name string }\n"
      "func main() {\n\to := Outer{Inner: &Inner{}}\n\to.Inc()\n\t_ = o.n\n\t_ = o.Get\n\tf := Inner.Get\n\t_ = f\n}\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  const Selection* inc = nullptr;
  const Selection* n = nullptr;
  const Selection* mexpr = nullptr;
  for (auto& [sel, s] : p->info.selections) {
    std::string t = ast::exprString(sel);
    if (t == "o.Inc") inc = &s;
    if (t == "o.n") n = &s;
    if (t == "Inner.Get") mexpr = &s;
  }
  ASSERT_TRUE(inc && n && mexpr);
  EXPECT_EQ(inc->kind, SelectionKind::MethodVal);
  EXPECT_EQ(inc->index, (std::vector<int>{0, 0}));
  EXPECT_TRUE(inc->indirect);
  EXPECT_EQ(n->kind, SelectionKind::FieldVal);
  EXPECT_EQ(n->index, (std::vector<int>{0, 0}));
  EXPECT_TRUE(n->indirect);
  EXPECT_EQ(mexpr->kind, SelectionKind::MethodExpr);
  EXPECT_EQ(types::typeString(typeOfExpr(*p, "Inner.Get")->type, p->mainPkg), "func(Inner) int");
}

TEST(Checker, MethodSetsAndInterfaces) {
  auto p = check(
      "package main\n"
      "import \"fmt\"\n"
      "type S struct{}\n"
      "func (S) String() string { return \"s\" }\n"
      "type P struct{}\n"
      "func (*P) String() string { return \"p\" }\n"
      "func main() {\n\tvar a fmt.Stringer = S{}\n\tvar b fmt.Stringer = &S{}\n\tvar c fmt.Stringer = &P{}\n\t_, _, _ = a, b, c\n}\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  auto q = check(
      "package main\nimport \"fmt\"\ntype P struct{}\nfunc (*P) String() string { return \"p\" }\n"
      "func main() { var c fmt.Stringer = P{}; _ = c }\n");
  EXPECT_EQ(q->errorText(),
            "prog.gol:5:36: cannot use P{} (value of type P) as type fmt.Stringer in variable declaration:\n"
            "\tP does not implement fmt.Stringer (String method has pointer receiver)\n");
}

TEST(Checker, ClosureCaptures) {
  auto p = check(
      "package main\n"
      "func main() {\n\tx := 1\n\ty := 2\n\tf := func() int {\n\t\tg := func() int { return x }\n\t\treturn g() + 1\n\t}\n"
      "\t_ = f\n\t_ = y\n}\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  auto* x = static_cast<types::Var*>(objectNamed(*p, "x"));
  auto* y = static_cast<types::Var*>(objectNamed(*p, "y"));
  EXPECT_TRUE(x->captured);
  EXPECT_TRUE(x->mustHeapAllocate());
  EXPECT_FALSE(y->captured);
  int litsCapturingX = 0;
  for (auto& [lit, vars] : p->info.captures)
    if (vars.size() == 1 && vars[0] == x) litsCapturingX++;
  EXPECT_EQ(litsCapturingX, 2);  // the inner literal and the outer one through it
}

TEST(Checker, PackageInitOrderFollowsDependencies) {
  auto p = check(
      "package main\n"
      "var a = c + b\nvar b = f()\nvar c = f()\nvar d = 3\n"
      "func f() int { return d }\nfunc main() {}\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  std::vector<std::string> order;
  for (auto& init : p->info.initOrder) order.push_back(init.lhs[0]->name);
  EXPECT_EQ(order, (std::vector<std::string>{"d", "b", "c", "a"}));
}

TEST(Checker, UntypedConstantsTakeContextType) {
  auto p = check("package main\nfunc main() {\n\tvar f float64 = 1 << 3\n\tvar u uint8 = 255\n\tx := 2.0 * 3\n\t_, _, _ = f, u, x\n}\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  EXPECT_EQ(types::typeString(typeOfExpr(*p, "1 << 3")->type), "float64");
  EXPECT_EQ(types::typeString(typeOfExpr(*p, "255")->type), "uint8");
  EXPECT_EQ(types::typeString(objectNamed(*p, "x")->type), "float64");
}

TEST(Checker, ControlFlowAccepted) {
  auto p = check(
      "package main\n"
      "import \"fmt\"\n"
      "type Shape interface{ Area() float64 }\n"
      "type Sq struct{ s float64 }\n"
      "func (q Sq) Area() float64 { return q.s * q.s }\n"
      "func classify(v any) string {\n"
      "\tswitch x := v.(type) {\n\tcase int:\n\t\treturn fmt.Sprintf(\"int %d\", x)\n\tcase Shape:\n\t\treturn \"shape\"\n\tdefault:\n\t\treturn \"?\"\n\t}\n}\n"
      "func loop() (n int) {\n\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\tn = -1\n\t\t}\n\t}()\n"
      "outer:\n\tfor i := range 10 {\n\t\tfor j := 0; j < i; j++ {\n\t\t\tif j == 3 {\n\t\t\t\tcontinue outer\n\t\t\t}\n\t\t\tn += j\n\t\t}\n\t}\n"
      "\tch := make(chan int)\n\tdone := make(chan struct{})\n\tgo func() { ch <- 1; close(done) }()\n"
      "\tselect {\n\tcase v := <-ch:\n\t\tn += v\n\tcase <-done:\n\t}\n\treturn\n}\n"
      "func forever() int {\n\tfor {\n\t}\n}\n"
      "func main() { fmt.Println(classify(Sq{2}), loop()); _ = forever }\n");
  EXPECT_TRUE(p->ok()) << p->errorText();
}

TEST(Checker, TooManyErrorsStopsAtTen) {
  std::string src = "package main\nfunc main() {\n";
  for (int i = 0; i < 12; i++) src += "\tv" + std::to_string(i) + " := 1\n";
  src += "}\n";
  std::string text = check(src)->errorText();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 11);
  EXPECT_NE(text.find("prog.gol:12:2: too many errors\n"), std::string::npos);
}

// A flat chain is not nesting: 1000 terms are checked, 100000 are refused
// quickly, without exhausting the stack.
TEST(Checker, LongChainsAreBounded) {
  std::string e = "1";
  for (int i = 0; i < 1000; i++) e += " + 1";
  EXPECT_TRUE(check("package main\nvar x = " + e + "\nfunc main() {}\n")->ok());
  for (int i = 1000; i < 100000; i++) e += " + 1";
  auto p = check("package main\nvar x = " + e + "\nfunc main() {}\n");
  EXPECT_FALSE(p->ok());
  EXPECT_NE(p->errorText().find("chain of operations or declarations too long"), std::string::npos);
}

// Variables each using the next are a chain of declarations, not nesting.
TEST(Checker, LongDeclarationChainsAreBounded) {
  auto chain = [](int n) {
    std::string src = "package main\n";
    for (int i = 0; i < n; i++) src += "var a" + std::to_string(i) + " = a" + std::to_string(i + 1) + "\n";
    return src + "var a" + std::to_string(n) + " = 0\nfunc main() {}\n";
  };
  EXPECT_TRUE(check(chain(1000))->ok());
  auto p = check(chain(5000));
  EXPECT_FALSE(p->ok());
  EXPECT_NE(p->errorText().find("chain of operations or declarations too long"), std::string::npos);
}

TEST(Checker, DeepExpressionsAreBounded) {
  std::string e = "1";
  for (int i = 0; i < 1100; i++) e = "-(" + e + ")";
  auto p = check("package main\nvar x = " + e + "\nfunc main() {}\n");
  EXPECT_FALSE(p->ok());
  EXPECT_NE(p->errorText().find("too deeply nested"), std::string::npos);
}

}  // namespace

namespace {

// Every expression of a valid program has a recorded, typed entry; every
// identifier resolves to an object (or is a definition, label or package name).
void expectCompleteTypedAst(const gol::Program& p) {
  using namespace gol;
  for (types::Package* pkg : p.packages) {
    for (ast::File* f : pkg->files) {
      ast::inspect(f, [&](ast::Node* n) {
        if (auto* id = ast::dynCast<ast::Ident>(n)) {
          bool known = p.info.defs.count(id) || p.info.uses.count(id);
          EXPECT_TRUE(known) << "unresolved identifier " << id->name << " at " << p.fset.position(id->pos);
          return true;
        }
        if (ast::isa<ast::ImportSpec>(n)) return false;  // paths are not expressions
        if (ast::isa<ast::FieldList>(n) || ast::isa<ast::Field>(n) || ast::isa<ast::FuncType>(n)) return true;
        auto* e = dynamic_cast<ast::Expr*>(n);
        if (!e || ast::isa<ast::KeyValueExpr>(e) || ast::isa<ast::Ellipsis>(e)) return true;
        const TypeAndValue* tv = p.info.typeOf(e);
        EXPECT_NE(tv, nullptr) << "no type for " << ast::exprString(e) << " at " << p.fset.position(e->pos);
        if (tv && tv->mode != Mode::TypeExpr && tv->type && types::isUntyped(tv->type)) {
          EXPECT_EQ(types::typeString(tv->type), "untyped nil") << ast::exprString(e) << " at " << p.fset.position(e->pos);
        }
        return true;
      });
    }
  }
}

TEST(Checker, TypedAstIsComplete) {
  auto p = gol::testing::check(
      "package main\n"
      "import \"fmt\"\n"
      "type Op func(a, b int) int\n"
      "type Pair struct{ k string; v []int }\n"
      "type Stack[]int\n"
      "func (s *Stack) Push(v int) { *s = append(*s, v) }\n"
      "const Mask = 1<<8 - 1\n"
      "var table = map[string]Op{\"add\": func(a, b int) int { return a + b }}\n"
      "func main() {\n"
      "\tvar s Stack\n\ts.Push(1)\n\tps := []Pair{{\"a\", []int{1, 2}}, {k: \"b\"}}\n"
      "\tfor i, p := range ps {\n\t\tif len(p.v) > 0 && p.v[0] == i {\n\t\t\tcontinue\n\t\t}\n\t}\n"
      "\tx := 3.5\n\ty := int(x) << 2 & Mask\n\tvar e error = nil\n\tif e == nil {\n\t\ty++\n\t}\n"
      "\tch := make(chan int, 1)\n\tch <- y\n\tv, ok := <-ch\n"
      "\tvar any1 any = v\n\tswitch t := any1.(type) {\n\tcase int:\n\t\t_ = t + 1\n\tcase string, error:\n\t\t_ = t\n\t}\n"
      "\tarr := [...]int{1, 2, 3}\n\tsl := arr[1:]\n\tfmt.Println(table[\"add\"](1, 2), ok, sl[0], 'x', 1e3, x > 2, -y, ^y, !ok, s)\n"
      "\tdefer func() { recover() }()\n"
      "}\n");
  ASSERT_TRUE(p->ok()) << p->errorText();
  expectCompleteTypedAst(*p);
}

}  // namespace

namespace {

TEST(Checker, TypedAstIsCompleteForSeedPrograms) {
  for (const char* src : {R"gol(package main

import "fmt"

func worker(id int, jobs <-chan int, results chan<- int) {
	for j := range jobs {
		results <- j * id
	}
}

func divide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func main() {
	jobs := make(chan int, 10)
	results := make(chan int, 10)
	for w := 1; w <= 3; w++ {
		go worker(w, jobs, results)
	}
	for i := range 5 {
		jobs <- i
	}
	close(jobs)
	count := 0
outer:
	for {
		select {
		case r := <-results:
			count += r
			if count > 100 {
				break outer
			}
		default:
			break outer
		}
	}
	x := min(3, 4, count)
	counter := func() func() int {
		c := 0
		return func() int { c++; return c }
	}()
	goto end
end:
	fmt.Println(x, counter(), max(1.5, 2))
	if q, err := divide(1, 0); err != nil {
		fmt.Println(q, err)
	}
}
)gol", R"gol(package main

import (
	"fmt"
	"strings"
)

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ w, h float64 }
type Circle struct{ r float64 }

func (r Rect) Area() float64   { return r.w * r.h }
func (r Rect) Name() string    { return "rect" }
func (c *Circle) Area() float64 { return 3 * c.r * c.r }
func (c *Circle) Name() string  { return "circle" }

type Named struct {
	*Circle
	tags map[string][]int
}

const (
	A = iota << 2
	B
	C = "s" + "t"
	Big = 1 << 100 >> 98
)

var total = sum(1, 2, 3)

func sum(xs ...int) (n int) {
	for _, x := range xs {
		n += x
	}
	return
}

func main() {
	shapes := []Shape{Rect{2, 3}, &Circle{1}}
	var b strings.Builder
	for i, s := range shapes {
		switch v := s.(type) {
		case Rect:
			b.WriteString(fmt.Sprintf("%d %v", i, v.w))
		case *Circle:
			_ = v.r
		default:
		}
	}
	n := Named{Circle: &Circle{2}, tags: map[string][]int{"a": {1, 2}}}
	fmt.Println(n.Area(), total, A, B, C, Big, b.String())
}
)gol"}) {
    auto p = gol::testing::check(src);
    ASSERT_TRUE(p->ok()) << p->errorText();
    expectCompleteTypedAst(*p);
  }
}

}  // namespace

namespace {

TEST(Checker, ChannelTypeSpelling) {
  auto p = gol::testing::check(
      "package main\nfunc main() {\n\tvar a chan (<-chan int)\n\tvar b chan<- chan int\n\tvar c <-chan <-chan int\n\tvar x int = a\n\t_, _, _, _ = a, b, c, x\n}\n");
  EXPECT_EQ(p->errorText(), "prog.gol:6:14: cannot use a (variable of type chan (<-chan int)) as type int in variable declaration\n");
  EXPECT_EQ(gol::types::typeString(gol::testing::check("package main\nvar b chan<- chan int\nfunc main() {}\n")
                                       ->mainPkg->scope->lookup("b")->type),
            "chan<- chan int");
}

}  // namespace
