// ast.h — the syntax tree of a gol (Go) source file, shaped like go/ast.
//
// Invariants:
//  - Every node is owned by an Arena and referenced by plain pointers; nodes
//    never outlive their Arena and are never shared between two parents.
//  - Node::kind identifies the concrete class; use isa<T>/cast<T>/dynCast<T>.
//  - Node::pos is the position of the node's first token (as go/ast's Pos()),
//    which is also where gc reports errors about the node. Extra positions
//    (operators, brackets) are stored as in go/ast when useful for messages.
//  - Optional children are nullptr when absent (e.g. IfStmt::init, else_).
//  - Identifiers: the blank identifier is an Ident named "_".
#pragma once

#include <cassert>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lang/token.h"

namespace gol::ast {

enum class Kind : uint8_t {
  // expressions
  BadExpr, Ident, Ellipsis, BasicLit, FuncLit, CompositeLit, ParenExpr, SelectorExpr,
  IndexExpr, SliceExpr, TypeAssertExpr, CallExpr, StarExpr, UnaryExpr, BinaryExpr,
  KeyValueExpr, ArrayType, StructType, FuncType, InterfaceType, MapType, ChanType,
  // statements
  BadStmt, DeclStmt, EmptyStmt, LabeledStmt, ExprStmt, SendStmt, IncDecStmt, AssignStmt,
  GoStmt, DeferStmt, ReturnStmt, BranchStmt, BlockStmt, IfStmt, CaseClause, SwitchStmt,
  TypeSwitchStmt, CommClause, SelectStmt, ForStmt, RangeStmt,
  // specs and declarations
  ImportSpec, ValueSpec, TypeSpec, GenDecl, FuncDecl,
  // other
  Field, FieldList, File,
};

struct Node {
  explicit Node(Kind k, Pos p) : kind(k), pos(p) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  const Kind kind;
  Pos pos;
};

struct Expr : Node { using Node::Node; };
struct Stmt : Node { using Node::Node; };
struct Spec : Node { using Node::Node; };
struct Decl : Node { using Node::Node; };

template <class T> bool isa(const Node* n) { return n && n->kind == T::kKind; }
// cast asserts the kind (debug builds): a wrong cast is a front-end bug.
template <class T> T* cast(Node* n) {
  assert(isa<T>(n));
  return static_cast<T*>(n);
}
template <class T> const T* cast(const Node* n) {
  assert(isa<T>(n));
  return static_cast<const T*>(n);
}
template <class T> T* dynCast(Node* n) { return isa<T>(n) ? static_cast<T*>(n) : nullptr; }
template <class T> const T* dynCast(const Node* n) { return isa<T>(n) ? static_cast<const T*>(n) : nullptr; }

#define GOL_NODE(Name, Base) \
  static constexpr Kind kKind = Kind::Name; \
  explicit Name(Pos p) : Base(Kind::Name, p) {}

// ---- Fields ---------------------------------------------------------------

struct BasicLit;
struct Ident;

// A struct field, parameter, result or interface method (or embedded type).
struct Field : Node {
  GOL_NODE(Field, Node)
  std::vector<Ident*> names;  // empty for anonymous/embedded
  Expr* type = nullptr;       // for interface methods a FuncType
  BasicLit* tag = nullptr;    // struct tag or nullptr
};

struct FieldList : Node {
  GOL_NODE(FieldList, Node)
  Pos closing;
  std::vector<Field*> list;
  size_t numFields() const;  // counting every name
};

// ---- Expressions ----------------------------------------------------------

struct BadExpr : Expr { GOL_NODE(BadExpr, Expr) };

struct Ident : Expr {
  GOL_NODE(Ident, Expr)
  std::string name;
  bool isBlank() const { return name == "_"; }
};

// "...T" in a parameter list or "[...]T" array length.
struct Ellipsis : Expr {
  GOL_NODE(Ellipsis, Expr)
  Expr* elt = nullptr;  // nullptr in [...]T
};

struct BasicLit : Expr {
  GOL_NODE(BasicLit, Expr)
  Tok tok = Tok::Int;  // Int, Float, Imag, Char, String
  std::string value;   // literal spelling as in the source
  bool bad = false;    // malformed (the lexer reported it)
};

struct FuncType;
struct BlockStmt;

struct FuncLit : Expr {
  GOL_NODE(FuncLit, Expr)
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
};

struct CompositeLit : Expr {
  GOL_NODE(CompositeLit, Expr)
  Expr* type = nullptr;  // nullptr for elided types in nested literals
  Pos lbrace, rbrace;
  std::vector<Expr*> elts;
};

struct ParenExpr : Expr {
  GOL_NODE(ParenExpr, Expr)
  Expr* x = nullptr;
};

struct SelectorExpr : Expr {
  GOL_NODE(SelectorExpr, Expr)
  Expr* x = nullptr;
  Ident* sel = nullptr;
};

// x[index] or, with more type arguments, an instantiation x[index, more...].
struct IndexExpr : Expr {
  GOL_NODE(IndexExpr, Expr)
  Expr* x = nullptr;
  Pos lbrack;
  Expr* index = nullptr;
  std::vector<Expr*> more;  // type arguments after the first
};

struct SliceExpr : Expr {
  GOL_NODE(SliceExpr, Expr)
  Expr* x = nullptr;
  Pos lbrack;
  Expr* low = nullptr;
  Expr* high = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;
};

struct TypeAssertExpr : Expr {
  GOL_NODE(TypeAssertExpr, Expr)
  Expr* x = nullptr;
  Expr* type = nullptr;  // nullptr for x.(type) in a type switch
};

struct CallExpr : Expr {
  GOL_NODE(CallExpr, Expr)
  Expr* fun = nullptr;
  Pos lparen;
  std::vector<Expr*> args;
  Pos ellipsis;  // valid if the last argument is followed by "..."
  Pos rparen;
  bool hasEllipsis() const { return ellipsis.valid(); }
};

// *x: a pointer type or an indirection.
struct StarExpr : Expr {
  GOL_NODE(StarExpr, Expr)
  Expr* x = nullptr;
};

struct UnaryExpr : Expr {
  GOL_NODE(UnaryExpr, Expr)
  Tok op = Tok::Add;  // Add Sub Not Xor And Arrow(receive)
  Expr* x = nullptr;
};

struct BinaryExpr : Expr {
  GOL_NODE(BinaryExpr, Expr)
  Expr* x = nullptr;
  Pos opPos;
  Tok op = Tok::Add;
  Expr* y = nullptr;
};

struct KeyValueExpr : Expr {
  GOL_NODE(KeyValueExpr, Expr)
  Expr* key = nullptr;
  Pos colon;
  Expr* value = nullptr;
};

struct ArrayType : Expr {
  GOL_NODE(ArrayType, Expr)
  Expr* len = nullptr;  // nullptr for slices; Ellipsis for [...]T
  Expr* elt = nullptr;
};

struct StructType : Expr {
  GOL_NODE(StructType, Expr)
  FieldList* fields = nullptr;
};

struct FuncType : Expr {
  GOL_NODE(FuncType, Expr)
  FieldList* typeParams = nullptr;  // [P C, ...] of a generic function
  FieldList* params = nullptr;
  FieldList* results = nullptr;  // nullptr if none
};

struct InterfaceType : Expr {
  GOL_NODE(InterfaceType, Expr)
  // Methods (names+FuncType), embedded types and type-set elements: an
  // unnamed Field whose type is a ~T term (UnaryExpr Tilde) or a union
  // (BinaryExpr Or) of terms.
  FieldList* methods = nullptr;
};

struct MapType : Expr {
  GOL_NODE(MapType, Expr)
  Expr* key = nullptr;
  Expr* value = nullptr;
};

enum class ChanDir : uint8_t { Both, Send, Recv };

struct ChanType : Expr {
  GOL_NODE(ChanType, Expr)
  ChanDir dir = ChanDir::Both;
  Expr* value = nullptr;
};

// ---- Statements -----------------------------------------------------------

struct BadStmt : Stmt { GOL_NODE(BadStmt, Stmt) };

struct GenDecl;

struct DeclStmt : Stmt {
  GOL_NODE(DeclStmt, Stmt)
  GenDecl* decl = nullptr;
};

// An explicit or implicit semicolon (empty statement).
struct EmptyStmt : Stmt {
  GOL_NODE(EmptyStmt, Stmt)
  bool implicit = false;
};

struct LabeledStmt : Stmt {
  GOL_NODE(LabeledStmt, Stmt)
  Ident* label = nullptr;
  Stmt* stmt = nullptr;
};

struct ExprStmt : Stmt {
  GOL_NODE(ExprStmt, Stmt)
  Expr* x = nullptr;
};

struct SendStmt : Stmt {
  GOL_NODE(SendStmt, Stmt)
  Expr* chan = nullptr;
  Pos arrow;
  Expr* value = nullptr;
};

struct IncDecStmt : Stmt {
  GOL_NODE(IncDecStmt, Stmt)
  Expr* x = nullptr;
  Tok tok = Tok::Inc;  // Inc or Dec
};

struct AssignStmt : Stmt {
  GOL_NODE(AssignStmt, Stmt)
  std::vector<Expr*> lhs;
  Pos tokPos;
  Tok tok = Tok::Assign;  // Assign, Define, or an op-assign (AddAssign...)
  std::vector<Expr*> rhs;
};

struct GoStmt : Stmt {
  GOL_NODE(GoStmt, Stmt)
  CallExpr* call = nullptr;
};

struct DeferStmt : Stmt {
  GOL_NODE(DeferStmt, Stmt)
  CallExpr* call = nullptr;
};

struct ReturnStmt : Stmt {
  GOL_NODE(ReturnStmt, Stmt)
  std::vector<Expr*> results;
};

struct BranchStmt : Stmt {
  GOL_NODE(BranchStmt, Stmt)
  Tok tok = Tok::Break;  // Break, Continue, Goto, Fallthrough
  Ident* label = nullptr;
};

struct BlockStmt : Stmt {
  GOL_NODE(BlockStmt, Stmt)
  std::vector<Stmt*> list;
  Pos rbrace;
};

struct IfStmt : Stmt {
  GOL_NODE(IfStmt, Stmt)
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* body = nullptr;
  Stmt* else_ = nullptr;  // nullptr, IfStmt or BlockStmt
};

// A case of an expression or type switch. list is empty for default.
struct CaseClause : Stmt {
  GOL_NODE(CaseClause, Stmt)
  std::vector<Expr*> list;
  bool isDefault = false;
  Pos colon;
  std::vector<Stmt*> body;
};

struct SwitchStmt : Stmt {
  GOL_NODE(SwitchStmt, Stmt)
  Stmt* init = nullptr;
  Expr* tag = nullptr;
  BlockStmt* body = nullptr;  // list holds CaseClause*
};

// switch [init;] [x :=] y.(type) { ... }; assign is an AssignStmt (x := y.(type))
// or an ExprStmt (y.(type)).
struct TypeSwitchStmt : Stmt {
  GOL_NODE(TypeSwitchStmt, Stmt)
  Stmt* init = nullptr;
  Stmt* assign = nullptr;
  BlockStmt* body = nullptr;  // list holds CaseClause*
};

// A case of a select. comm is nullptr for default; otherwise a SendStmt, or an
// ExprStmt/AssignStmt whose right-hand side is a receive (<-ch).
struct CommClause : Stmt {
  GOL_NODE(CommClause, Stmt)
  Stmt* comm = nullptr;
  Pos colon;
  std::vector<Stmt*> body;
};

struct SelectStmt : Stmt {
  GOL_NODE(SelectStmt, Stmt)
  BlockStmt* body = nullptr;  // list holds CommClause*
};

struct ForStmt : Stmt {
  GOL_NODE(ForStmt, Stmt)
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
};

struct RangeStmt : Stmt {
  GOL_NODE(RangeStmt, Stmt)
  Expr* key = nullptr;    // may be nullptr
  Expr* value = nullptr;  // may be nullptr
  Pos tokPos;
  Tok tok = Tok::Illegal;  // Illegal if key == nullptr, else Assign or Define
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
};

// ---- Specs and declarations -------------------------------------------------

struct ImportSpec : Spec {
  GOL_NODE(ImportSpec, Spec)
  Ident* name = nullptr;  // local name, "." , "_" or nullptr
  BasicLit* path = nullptr;
};

// A const or var spec: names [type] [= values]. For a const spec without
// values, the parser leaves values empty; the checker repeats the previous
// spec's expressions (iota semantics).
struct ValueSpec : Spec {
  GOL_NODE(ValueSpec, Spec)
  std::vector<Ident*> names;
  Expr* type = nullptr;
  std::vector<Expr*> values;
  int iota = 0;  // index of the spec within its const group
};

struct TypeSpec : Spec {
  GOL_NODE(TypeSpec, Spec)
  Ident* name = nullptr;
  FieldList* typeParams = nullptr;  // [P C, ...] of a generic type
  Pos assign;  // valid for an alias (type A = B)
  Expr* type = nullptr;
  bool isAlias() const { return assign.valid(); }
};

struct GenDecl : Decl {
  GOL_NODE(GenDecl, Decl)
  Tok tok = Tok::Var;  // Import, Const, Type, Var
  Pos lparen;          // valid for a grouped declaration
  std::vector<Spec*> specs;
};

struct FuncDecl : Decl {
  GOL_NODE(FuncDecl, Decl)
  FieldList* recv = nullptr;  // nullptr for functions
  Ident* name = nullptr;
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;  // nullptr for a bodyless (native) function
};

struct File : Node {
  GOL_NODE(File, Node)
  Ident* name = nullptr;  // package name
  std::vector<Decl*> decls;
  std::vector<ImportSpec*> imports;
  // Names of generic declarations the parser rejected (already reported);
  // the checker stays silent about their uses.
  std::vector<std::string> rejectedNames;
};

#undef GOL_NODE

// Owns every node of one program.
class Arena {
 public:
  template <class T>
  T* make(Pos p) {
    auto n = std::make_unique<T>(p);
    T* raw = n.get();
    nodes_.push_back(std::move(n));
    return raw;
  }
  size_t size() const { return nodes_.size(); }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
};

// A deep copy of n: every node of the copy is new (allocated in arena), with
// the positions of the original. Generic declarations are cloned once per
// instantiation so that each instance has its own entries in Info.
Node* clone(Arena& arena, const Node* n);
template <class T> T* cloneNode(Arena& arena, const T* n) { return static_cast<T*>(clone(arena, n)); }

// Go's short form of an expression as gc prints it in messages: function
// bodies and composite literal contents are elided ("func() {…}", "T{…}").
std::string exprString(const Expr* e);

// Visits n and its descendants in source order (pre-order); f returning false
// skips the node's children. Null children are not visited.
void inspect(Node* n, const std::function<bool(Node*)>& f);

// Whether e contains a call or a channel receive: then len(e) of an array is
// not a constant and a range over e must evaluate it.
bool hasCallOrRecv(const Expr* e);

// Strips any number of parentheses: ((x)) -> x.
Expr* unparen(Expr* e);
const Expr* unparen(const Expr* e);

}  // namespace gol::ast
