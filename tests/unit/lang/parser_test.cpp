// parser_test.cpp — AST shapes and gc's syntax error messages.
#include <gtest/gtest.h>

#include "lang/parser.h"

namespace {

using namespace gol::ast;

struct Parsed {
  Arena arena;
  File* file = nullptr;
  std::vector<std::string> errs;
  std::string src;
};

std::unique_ptr<Parsed> parse(const std::string& src) {
  auto p = std::make_unique<Parsed>();
  p->src = src;
  gol::ErrorFn err = [&](gol::Pos pos, std::string m) {
    p->errs.push_back(std::to_string(pos.line) + ":" + std::to_string(pos.col) + ": " + m);
  };
  p->file = gol::parseFile(p->arena, p->src, 0, err);
  return p;
}

// The first statement of func main's body.
Stmt* firstStmt(Parsed& p) {
  for (Decl* d : p.file->decls)
    if (auto* f = dynCast<FuncDecl>(d); f && f->name->name == "main") return f->body->list.at(0);
  return nullptr;
}

Expr* exprOf(Parsed& p) {
  auto* s = cast<AssignStmt>(firstStmt(p));
  return s->rhs.at(0);
}

std::unique_ptr<Parsed> parseExpr(const std::string& e) { return parse("package main\nfunc main() { _ = " + e + " }\n"); }

TEST(Parser, PrecedenceAndPrinting) {
  auto p = parseExpr("a + b*c << 2 == d && !e || f");
  ASSERT_TRUE(p->errs.empty());
  auto* top = cast<BinaryExpr>(exprOf(*p));
  EXPECT_EQ(top->op, gol::Tok::LOr);
  EXPECT_EQ(exprString(top), "a + b * c << 2 == d && !e || f");
  auto* andE = cast<BinaryExpr>(top->x);
  EXPECT_EQ(andE->op, gol::Tok::LAnd);
  auto* eq = cast<BinaryExpr>(andE->x);
  EXPECT_EQ(eq->op, gol::Tok::Eql);
  auto* add = cast<BinaryExpr>(eq->x);
  EXPECT_EQ(add->op, gol::Tok::Add);
  EXPECT_EQ(cast<BinaryExpr>(add->y)->op, gol::Tok::Shl);
}

TEST(Parser, PrimaryExpressions) {
  auto p = parseExpr("f(x, y...)[1:2:3].m.(T)");
  ASSERT_TRUE(p->errs.empty());
  auto* ta = cast<TypeAssertExpr>(exprOf(*p));
  auto* sel = cast<SelectorExpr>(ta->x);
  EXPECT_EQ(sel->sel->name, "m");
  auto* sl = cast<SliceExpr>(sel->x);
  EXPECT_TRUE(sl->slice3);
  auto* call = cast<CallExpr>(sl->x);
  EXPECT_TRUE(call->hasEllipsis());
  EXPECT_EQ(call->args.size(), 2u);
}

TEST(Parser, TypeParametersAndInstantiations) {
  auto p = parse("package main\ntype M[K comparable, V ~int | ~string] struct{ B[K]; next *M[K, V] }\n"
                 "func F[S ~[]E, E any](s S) {}\nfunc main() { _ = F[[]int, int]; _ = m[1] }\n");
  ASSERT_TRUE(p->errs.empty()) << p->errs[0];
  auto* ts = cast<TypeSpec>(cast<GenDecl>(p->file->decls[0])->specs[0]);
  ASSERT_NE(ts->typeParams, nullptr);
  ASSERT_EQ(ts->typeParams->list.size(), 2u);
  EXPECT_EQ(exprString(ts->typeParams->list[1]->type), "~int | ~string");
  auto* st = cast<StructType>(ts->type);
  EXPECT_TRUE(st->fields->list[0]->names.empty());  // embedded B[K]
  EXPECT_EQ(exprString(st->fields->list[1]->type), "*M[K, V]");
  auto* fd = cast<FuncDecl>(p->file->decls[1]);
  ASSERT_NE(fd->type->typeParams, nullptr);
  EXPECT_EQ(fd->type->typeParams->list[0]->names[0]->name, "S");
  auto* ix = cast<IndexExpr>(exprOf(*p));
  EXPECT_EQ(ix->more.size(), 1u);
  EXPECT_EQ(exprString(ix), "F[[]int, int]");
}

// Instances get their own copy of a declaration: equal text, no shared node.
TEST(Parser, CloneIsDeepAndFaithful) {
  auto p = parse("package main\nfunc F[T any](x T) (r T) { for i := range 3 { r = G[T](x, i) }; return }\n");
  ASSERT_TRUE(p->errs.empty());
  auto* fd = cast<FuncDecl>(p->file->decls[0]);
  FuncDecl* c = cloneNode(p->arena, fd);
  std::vector<Node*> orig, copy;
  inspect(fd, [&](Node* n) { orig.push_back(n); return true; });
  inspect(c, [&](Node* n) { copy.push_back(n); return true; });
  ASSERT_EQ(orig.size(), copy.size());
  for (size_t i = 0; i < orig.size(); i++) {
    EXPECT_NE(orig[i], copy[i]);
    EXPECT_EQ(orig[i]->kind, copy[i]->kind);
    EXPECT_EQ(orig[i]->pos.line, copy[i]->pos.line);
    EXPECT_EQ(orig[i]->pos.col, copy[i]->pos.col);
    if (orig[i]->kind <= Kind::ChanType) {  // an expression
      EXPECT_EQ(exprString(static_cast<Expr*>(orig[i])), exprString(static_cast<Expr*>(copy[i])));
    }
  }
}

TEST(Parser, CompositeLiteralsAndFuncLits) {
  auto p = parseExpr("[]T{{1, 2}, {x: 3}}");
  ASSERT_TRUE(p->errs.empty());
  auto* cl = cast<CompositeLit>(exprOf(*p));
  EXPECT_EQ(exprString(cl), "[]T{…}");
  ASSERT_EQ(cl->elts.size(), 2u);
  EXPECT_EQ(cast<CompositeLit>(cl->elts[0])->type, nullptr);
  auto q = parseExpr("func(a, b int) (int, error) { return 0, nil }");
  ASSERT_TRUE(q->errs.empty());
  auto* fl = cast<FuncLit>(exprOf(*q));
  EXPECT_EQ(fl->type->params->numFields(), 2u);
  EXPECT_EQ(exprString(fl), "func(a, b int) (int, error) {…}");
}

TEST(Parser, ChannelTypes) {
  auto p = parseExpr("make(chan<- <-chan int)");
  ASSERT_TRUE(p->errs.empty());
  auto* call = cast<CallExpr>(exprOf(*p));
  auto* ct = cast<ChanType>(call->args[0]);
  EXPECT_EQ(ct->dir, ChanDir::Send);
  EXPECT_EQ(cast<ChanType>(ct->value)->dir, ChanDir::Recv);
}

TEST(Parser, CompositeLiteralInIfHeaderNeedsParens) {
  auto p = parse("package main\nfunc main() { if x == (T{}) { } }\n");
  EXPECT_TRUE(p->errs.empty());
  auto* ifs = cast<IfStmt>(firstStmt(*p));
  EXPECT_EQ(exprString(ifs->cond), "x == (T{})");
}

TEST(Parser, Statements) {
  auto p = parse(
      "package main\nfunc main() {\n"
      "L: for i := 0; i < 10; i++ { continue L }\n"
      "for k, v := range m {}\n"
      "switch x := y.(type) { case int: default: }\n"
      "select { case v, ok := <-c: case c <- 1: default: }\n"
      "go f(); defer g()\n"
      "x, y = y, x\n"
      "a += 2\n"
      "}\n");
  ASSERT_TRUE(p->errs.empty()) << p->errs[0];
  auto* body = cast<FuncDecl>(p->file->decls[0])->body;
  ASSERT_EQ(body->list.size(), 8u);
  EXPECT_TRUE(isa<LabeledStmt>(body->list[0]));
  EXPECT_TRUE(isa<ForStmt>(cast<LabeledStmt>(body->list[0])->stmt));
  auto* r = cast<RangeStmt>(body->list[1]);
  EXPECT_EQ(r->tok, gol::Tok::Define);
  auto* ts = cast<TypeSwitchStmt>(body->list[2]);
  EXPECT_TRUE(isa<AssignStmt>(ts->assign));
  EXPECT_EQ(cast<CaseClause>(ts->body->list[1])->isDefault, true);
  auto* sel = cast<SelectStmt>(body->list[3]);
  EXPECT_EQ(sel->body->list.size(), 3u);
  EXPECT_TRUE(isa<GoStmt>(body->list[4]));
  EXPECT_TRUE(isa<DeferStmt>(body->list[5]));
  EXPECT_EQ(cast<AssignStmt>(body->list[7])->tok, gol::Tok::AddAssign);
}

TEST(Parser, Declarations) {
  auto p = parse(
      "package main\nimport (\n\t\"fmt\"\n\tx \"strings\"\n)\n"
      "const (\n\tA = iota\n\tB\n)\n"
      "type (\n\tT struct { a, b int; *E; c string \"t\" }\n\tAl = T\n)\n"
      "var v, w = 1, 2\n"
      "func (t *T) M(a ...int) {}\n"
      "func native(x int) int\n");
  ASSERT_TRUE(p->errs.empty()) << p->errs[0];
  EXPECT_EQ(p->file->imports.size(), 2u);
  EXPECT_EQ(p->file->imports[1]->name->name, "x");
  auto* consts = cast<GenDecl>(p->file->decls[1]);
  EXPECT_EQ(cast<ValueSpec>(consts->specs[1])->iota, 1);
  EXPECT_TRUE(cast<ValueSpec>(consts->specs[1])->values.empty());
  auto* types = cast<GenDecl>(p->file->decls[2]);
  EXPECT_TRUE(cast<TypeSpec>(types->specs[1])->isAlias());
  auto* st = cast<StructType>(cast<TypeSpec>(types->specs[0])->type);
  EXPECT_EQ(st->fields->list.size(), 3u);
  EXPECT_TRUE(st->fields->list[1]->names.empty());
  auto* m = cast<FuncDecl>(p->file->decls[4]);
  ASSERT_NE(m->recv, nullptr);
  EXPECT_TRUE(isa<Ellipsis>(m->type->params->list[0]->type));
  EXPECT_EQ(cast<FuncDecl>(p->file->decls[5])->body, nullptr);
}

TEST(Parser, SyntaxErrors) {
  auto err = [](const std::string& src) {
    auto p = parse(src);
    return p->errs.empty() ? std::string() : p->errs[0];
  };
  EXPECT_EQ(err("func main() {}"), "1:1: syntax error: package statement must be first");
  EXPECT_EQ(err("package main\nfunc main() {\n\tx := 1\n"), "4:1: syntax error: unexpected EOF, expecting }");
  EXPECT_EQ(err("package main\nfunc main() { x := := 1 }"), "2:20: syntax error: unexpected :=, expecting expression");
  EXPECT_EQ(err("package main\nx := 1\n"), "2:1: syntax error: non-declaration statement outside function body");
  EXPECT_EQ(err("package main\nfunc main() {\n\tif true {\n\t}\n\telse {\n\t}\n}\n"), "5:2: syntax error: unexpected else, expecting }");
  EXPECT_EQ(err("package main\nfunc main() { f(a b) }"), "2:19: syntax error: unexpected b in argument list; possibly missing comma or )");
  EXPECT_EQ(err("package main\nfunc main() { for i := 0; i < 3; j := 1 {} }"),
            "2:36: syntax error: cannot declare in post statement of for loop");
  EXPECT_EQ(err("package main\nfunc main() { var x = [3]int{1,2,3}[1:2:] }"), "2:41: final index required in 3-index slice");
  EXPECT_EQ(err("package main\nfunc main()\n{\n}\n"), "3:1: syntax error: unexpected semicolon or newline before {");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "package main\nvar x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\n";
  auto p = parse(deep);
  ASSERT_FALSE(p->errs.empty());
  EXPECT_NE(p->errs[0].find("too deeply nested"), std::string::npos);
  std::string blocks = "package main\nfunc main() " + std::string(50000, '{') + std::string(50000, '}') + "\n";
  auto q = parse(blocks);
  ASSERT_FALSE(q->errs.empty());
}

}  // namespace
