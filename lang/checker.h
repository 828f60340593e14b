// checker.h — type-checks a gol program: package main plus the std packages it
// imports. This is the public shape of the typed AST used by the code generator.
//
// Invariants:
//  - A Program owns everything (sources, AST, types, objects); every pointer in
//    Info points into it and stays valid as long as the Program.
//  - If errors is empty, every expression in the AST of every package has an
//    entry in info.types (with untyped constants recorded at their final,
//    converted type), every identifier an entry in defs or uses, and every
//    selector x.f that is not a package-qualified identifier an entry in
//    selections. Nothing unsupported is accepted silently.
//  - packages lists every package in dependency order; main is last.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/ast.h"
#include "lang/constant.h"
#include "lang/types.h"

namespace gol {

struct SourceFile {
  std::string name;  // as printed in messages, e.g. "hello.gol"
  std::string text;
};

// Returns the source files of a std package, or nullopt if the package is not
// provided.
using PackageLoader = std::function<std::optional<std::vector<SourceFile>>(const std::string& importPath)>;

enum class Mode : uint8_t {
  Invalid,   // erroneous operand
  NoValue,   // call of a function without results
  Builtin,   // a built-in function name (only as call target)
  TypeExpr,  // the expression denotes a type
  Constant,  // a constant; value holds it
  Variable,  // addressable
  MapIndex,  // m[k]: assignable, not addressable
  Value,     // any other value
  CommaOK,   // value that may be used in a v, ok = x context (map index, type assert, receive)
};

struct TypeAndValue {
  Mode mode = Mode::Invalid;
  types::Type* type = nullptr;
  constant::Value value;  // for Mode::Constant
  bool isType() const { return mode == Mode::TypeExpr; }
  bool isValue() const { return mode >= Mode::Constant; }
  bool isConstant() const { return mode == Mode::Constant; }
};

enum class SelectionKind : uint8_t { FieldVal, MethodVal, MethodExpr };

// x.f where f is a field or method (not a package-qualified name).
struct Selection {
  SelectionKind kind = SelectionKind::FieldVal;
  types::Type* recv = nullptr;  // type of x (for MethodExpr, the type T in T.f)
  types::Object* obj = nullptr; // Var (field) or Func (method)
  std::vector<int> index;       // path through embedded fields; last: field/method index
  bool indirect = false;        // a pointer indirection occurs on the path
};

// One package-level variable initialization, in execution order.
struct Initializer {
  std::vector<types::Var*> lhs;  // several for var a, b = f()
  ast::Expr* rhs = nullptr;
};

struct Info {
  std::unordered_map<const ast::Expr*, TypeAndValue> types;
  // Identifier -> object it declares: nullptr for the package clause name and
  // for "_" on the left of "="; labels have types::Label objects. The x in
  // "switch x := y.(type)" maps to a placeholder Var of y's type: the variables
  // code uses are the per-clause ones in implicits.
  std::unordered_map<const ast::Ident*, types::Object*> defs;
  std::unordered_map<const ast::Ident*, types::Object*> uses;  // labels, fields in keyed literals included
  // CaseClause of a type switch -> its implicitly declared variable;
  // ImportSpec without a name -> its PkgName; embedded struct Field -> its Var.
  std::unordered_map<const ast::Node*, types::Object*> implicits;
  std::unordered_map<const ast::SelectorExpr*, Selection> selections;
  std::unordered_map<const ast::Node*, types::Scope*> scopes;  // File, FuncType, blocks, clauses, if/for/switch
  std::vector<Initializer> initOrder;  // across all packages, dependencies first
  // Variables of enclosing functions referenced by each function literal
  // (directly or by nested literals), in order of first reference.
  std::unordered_map<const ast::FuncLit*, std::vector<types::Var*>> captures;
  // Methods by receiver base type, for building itabs/method tables.
  const TypeAndValue* typeOf(const ast::Expr* e) const;
  types::Object* objectOf(const ast::Ident* id) const;  // defs, then uses
};

struct Diagnostic {
  Pos pos;
  std::string msg;
};

struct Program {
  FileSet fset;
  ast::Arena arena;
  types::Store store;
  std::vector<std::unique_ptr<SourceFile>> sources;
  std::vector<types::Package*> packages;  // dependency order, main last
  types::Package* mainPkg = nullptr;
  Info info;
  std::vector<Diagnostic> errors;  // sorted by position, deduplicated

  bool ok() const { return errors.empty(); }
  // "file:line:col: msg" lines as gc prints them: at most 10, then "too many errors".
  std::string errorText() const;
};

// Parses and checks `mainFiles` (package main) and, through `loader`, every std
// package they import (transitively).
// Says why the loader has no package of that path (the error printed instead
// of the default "not in std").
using MissingPackage = std::function<std::string(const std::string& importPath)>;

std::unique_ptr<Program> checkProgram(std::vector<SourceFile> mainFiles, const PackageLoader& loader,
                                      const MissingPackage& missing = nullptr);

// Maximum nesting depth of expressions/statements/types before the front end
// reports "too deeply nested" instead of recursing further.
constexpr int kMaxNesting = 1000;
// The left operand of a binary expression continues a chain (a + b + c), and a
// declaration checked because another uses it starts afresh: neither nests.
// The front and back ends still recurse along both, so all recursion together
// is held to this many levels, which need about 5 MB of the main thread's 8 MB
// stack (measured: a 4000-term chain of + fails under `ulimit -s 4096`).
constexpr int kMaxRecursion = 4000;

}  // namespace gol
