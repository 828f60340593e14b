// checker_internal.h — the Checker class shared by the checker_*.cpp files.
//
// Invariants:
//  - One Checker checks one package; package-level objects are declared
//    first (collectObjects), resolved lazily on first use (objDecl, with
//    grey/black colouring to detect cycles), function bodies last.
//  - An Operand describes the expression being checked; after an error it is
//    Mode::Invalid and every consumer stays silent about it (no cascades).
//  - Untyped expressions are recorded in untyped_ until their final type is
//    known; finalize() writes their types into Info (defaults if never fixed).
//  - depth_ bounds recursion over expressions/types/statements.
#pragma once

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "lang/checker.h"

namespace gol {

using namespace types;

struct Operand {
  Mode mode = Mode::Invalid;
  ast::Expr* expr = nullptr;
  Type* type = nullptr;
  constant::Value val;
  BuiltinId builtin = BuiltinId::Append;
  bool nilValue = false;  // the predeclared nil (also after conversion to a typed nil)
  bool invalid() const { return mode == Mode::Invalid; }
  bool isNil() const {
    return nilValue || (type && type->kind == TypeKind::Basic && static_cast<Basic*>(type)->bkind == BasicKind::UntypedNil);
  }
};

// Package-level declaration data for lazily resolved objects.
struct DeclInfo {
  Scope* fileScope = nullptr;
  ast::ValueSpec* vspec = nullptr;  // const/var
  ast::TypeSpec* tspec = nullptr;
  ast::FuncDecl* fdecl = nullptr;
  std::vector<Var*> lhs;            // var a, b = f(): all vars of the spec
  ast::Expr* typeExpr = nullptr;    // const/var type
  ast::Expr* init = nullptr;        // const/var initializer (nullptr if none)
  int iota = 0;
  bool inherited = false;           // const spec repeating the previous spec's expressions
  std::set<Object*> deps;           // package-level vars/funcs referenced
  // An instance of a generic declaration: checks that depend on the type
  // arguments (duplicate cases, impossible assertions) are gc's to make on
  // the generic code, where type parameters are not yet known types.
  bool instance = false;
  int instLevel = 0;  // instances: 1 + the level of the instance whose body created it
  // An instance whose type arguments mention stand-ins for type parameters
  // (checkUninstantiated): only its undefined names are reported.
  bool opaque = false;
};

// Per-function checking context.
struct FuncCtx {
  Signature* sig = nullptr;
  const ast::Node* node = nullptr;  // FuncDecl or FuncLit
  const ast::FuncLit* lit = nullptr;
  FuncCtx* outer = nullptr;
  Scope* scope = nullptr;           // outermost scope of the function
  bool hasNamedResults = false;
};

enum class Color : uint8_t { White, Grey, Black };

// A generic function or type of this package and its instances (see
// checker_generics.cpp).
struct Generic {
  Object* obj = nullptr;                 // the generic Func or TypeName
  ast::FieldList* tparams = nullptr;     // [P C, ...]
  ast::TypeSpec* tspec = nullptr;        // generic type: its declaration
  ast::FuncDecl* fdecl = nullptr;        // generic function: its declaration
  Scope* fileScope = nullptr;
  std::vector<std::string> names;        // type parameter names, in order
  std::vector<std::pair<std::vector<Type*>, Object*>> instances;
};

// "List[T any]", "Pair[K comparable, V any]": a generic object as gc names it.
std::string genericName(const Generic* g);

class Checker {
 public:
  Checker(Program& prog, Package* pkg, std::vector<Diagnostic>& errs) : prog_(prog), pkg_(pkg), store_(prog.store), info_(prog.info), errs_(errs) {}
  void checkFiles(const std::vector<ast::File*>& files, const std::vector<uint32_t>& fileIdx,
                  const std::function<Package*(const std::string&, Pos)>& importer);

  // ---- errors ----
  void error(Pos p, std::string msg);
  std::string typeStr(const Type* t) const { return typeString(t, pkg_); }
  std::string exprStr(const ast::Expr* e) const { return ast::exprString(e); }
  std::string operandStr(const Operand& x) const;  // "x (variable of type int)"
  static Pos errPos(const ast::Expr* e);           // gc's position for an expression

  // ---- declarations (checker_decls.cpp) ----
  void collectObjects(const std::vector<ast::File*>& files, const std::function<Package*(const std::string&, Pos)>& importer);
  void declarePkgObj(ast::Ident* id, Object* obj, DeclInfo* d);
  void packageObjects();
  void objDecl(Object* obj);
  void constDecl(Const* obj, ast::Expr* typeExpr, ast::Expr* init, int iota, bool inherited);
  void varDecl(Var* obj, const std::vector<Var*>& lhs, ast::Expr* typeExpr, ast::Expr* init);
  void typeDecl(TypeName* obj, ast::TypeSpec* spec);
  void funcDecl(Func* obj, DeclInfo* d);
  void declStmt(ast::GenDecl* d);
  void initOrder();
  void arity(Pos pos, const std::vector<ast::Ident*>& names, const std::vector<ast::Expr*>& inits, bool isConst, bool inherited);
  void unusedImports();
  void checkFuncBodies();
  void funcBody(FuncCtx* ctx, ast::BlockStmt* body);

  // ---- types (checker_types.cpp) ----
  Type* typExpr(ast::Expr* e);            // reports "x is not a type"
  Type* definedType(ast::Expr* e, Named* def);
  Type* typInternal(ast::Expr* e, Named* def);
  // atomic.Pointer[T], or nullptr when e is not that (checker_instance.cpp).
  Type* atomicPointerInstance(ast::IndexExpr* e);
  Signature* funcType(ast::FuncType* ft, ast::FieldList* recv, Scope* scope);
  void collectParams(Scope* scope, ast::FieldList* list, bool variadicOk, VarKind kind, std::vector<Var*>& out, bool& variadic);
  Struct* structType(ast::StructType* st);
  Interface* interfaceType(ast::InterfaceType* it, Named* def);
  void completeInterface(Interface* it, Pos pos);
  void constraintOnly(Type* t, ast::Expr* e);
  int64_t arrayLength(ast::Expr* e);
  // Queues gc's size limits for an array or channel type, checked once every type is complete.
  void checkSizeLater(Type* t, Pos p);
  void validType(Named* n, Pos pos);
  void resolvePendingUnderlying();
  void cycleError(const std::vector<Object*>& cycle);

  // ---- expressions (checker_exprs.cpp) ----
  void expr(Operand& x, ast::Expr* e);              // single value
  void exprOrType(Operand& x, ast::Expr* e);
  void multiExpr(std::vector<Operand>& xs, ast::Expr* e);  // allows tuples
  void exprWithHint(Operand& x, ast::Expr* e, Type* hint);
  void rawExpr(Operand& x, ast::Expr* e, Type* hint, bool allowGeneric);
  void exprInternal(Operand& x, ast::Expr* e, Type* hint);
  void ident(Operand& x, ast::Ident* id, bool wantType);
  void basicLit(Operand& x, ast::BasicLit* lit);
  void funcLit(Operand& x, ast::FuncLit* lit);
  void compositeLit(Operand& x, ast::CompositeLit* lit, Type* hint);
  void selector(Operand& x, ast::SelectorExpr* e);
  void indexExpr(Operand& x, ast::IndexExpr* e);
  void sliceExpr(Operand& x, ast::SliceExpr* e);
  void typeAssert(Operand& x, ast::TypeAssertExpr* e);
  void callExpr(Operand& x, ast::CallExpr* e);
  void callResult(Operand& x, Signature* sig);
  void arguments(ast::CallExpr* call, Signature* sig, std::vector<Operand>& args, bool ellipsisArgs, const std::string& fname);
  void unary(Operand& x, ast::UnaryExpr* e);
  void binary(Operand& x, ast::Expr* e, ast::Expr* lhs, ast::Expr* rhs, Tok op, Pos opPos);
  // e is null for an assignment operation (x <<= y).
  void shift(Operand& x, Operand& y, ast::Expr* e, Tok op, Pos opPos);
  void comparison(Operand& x, Operand& y, Tok op, ast::Expr* e);
  void matchTypes(Operand& x, Operand& y);
  bool index(ast::Expr* e, int64_t max, int64_t* val);  // checks an index expression
  void singleValue(Operand& x);
  void useExprs(const std::vector<ast::Expr*>& es);
  void markAddressTaken(ast::Expr* e);
  void recordUse(ast::Ident* id, Object* obj);
  void noteVarUse(Var* v, bool markUsed = true);

  // ---- generics (checker_generics.cpp) ----
  Generic* genericOf(Object* obj) const;
  Generic* genericExpr(ast::Expr* e);  // e names a generic function or type of this package
  void declareGenericType(TypeName* obj, ast::TypeSpec* spec);
  void declareGenericFunc(Func* obj, DeclInfo* d);
  bool isGenericMethod(ast::FuncDecl* fd) const;
  void markGenericImports();
  void checkGenericMethods();
  std::vector<Type*> typeArgs(ast::IndexExpr* e);
  Type* instantiateType(Generic* g, const std::vector<Type*>& targs, Pos pos);
  Func* instantiateFunc(Generic* g, const std::vector<Type*>& targs, Pos pos);
  Scope* bindTypeParams(Generic* g, const std::vector<ast::Ident*>& names, const std::vector<Type*>& targs, Scope* parent);
  bool satisfies(Generic* g, const std::vector<Type*>& targs, Pos pos);
  void checkConstraints(Generic* g);
  std::vector<Type*> opaqueArgs(Generic* g);
  bool mentionsOpaque(const Type* t, int depth = 0) const;
  void checkUninstantiated();
  std::string cannotInfer(Generic* g, size_t param);
  void instantiationCycle(Generic* g, const std::vector<Type*>& targs, Pos pos);
  Interface* constraintOf(ast::Expr* e);
  void genericIndex(Operand& x, ast::IndexExpr* e, Generic* g);
  void genericCall(Operand& x, ast::CallExpr* e, Generic* g);
  void genericValue(Operand& x, ast::Ident* id, Generic* g, Signature* target);
  bool namesGenericFunc(ast::Expr* e);
  void registerGeneric(Object* obj, ast::FieldList* tparams, ast::TypeSpec* tspec, ast::FuncDecl* fdecl, Scope* scope);
  std::pair<Func*, DeclInfo*> instanceDecl(ast::FuncDecl* fd, Scope* scope, const std::string& name, int level, bool opaque);
  bool inferTypeArgs(Generic* g, ast::CallExpr* call, Pos errAt, std::vector<Operand>& args, std::vector<Type*>& targs);

  // ---- builtins (checker_builtins.cpp) ----
  void builtinCall(Operand& x, ast::CallExpr* call, BuiltinId id);

  // ---- conversions and assignability (checker_conv.cpp) ----
  bool assignableTo(Operand& x, Type* T, std::string* reason);
  void assignment(Operand& x, Type* T, const std::string& context);
  bool convertibleTo(Operand& x, Type* T, std::string* cause);
  void conversion(Operand& x, Type* T, ast::CallExpr* call);
  void implicitConvert(Operand& x, Type* target);   // untyped -> target; reports errors
  bool representable(Operand& x, Basic* t, constant::Value* rounded, std::string* code);
  void representableConst(Operand& x, Basic* t);
  void overflow(Operand& x, Pos opPos);
  Type* defaultType(Type* t);
  bool implements(Type* V, Type* T, std::string* cause);
  std::string missingMethodCause(Type* V, Type* T);

  // ---- statements (checker_stmts.cpp) ----
  void stmtList(const std::vector<ast::Stmt*>& list, int ctx);
  void stmt(ast::Stmt* s, int ctx);
  void assignStmt(ast::AssignStmt* s);
  void shortVarDecl(ast::AssignStmt* s);
  void assignVars(const std::vector<ast::Expr*>& lhs, const std::vector<ast::Expr*>& rhs, Pos pos);
  void initVars(const std::vector<Var*>& lhs, const std::vector<ast::Expr*>& rhs, Pos returnPos, bool isReturn);
  Type* assignVar(ast::Expr* lhs, Operand& x);
  void initVar(Var* v, Operand& x, const std::string& context);
  void assignError(const std::vector<ast::Expr*>& rhs, size_t nvars, size_t nvals, Pos pos);
  void returnError(ast::ReturnStmt* s, const std::vector<Operand>& vals);
  void returnStmt(ast::ReturnStmt* s);
  void ifStmt(ast::IfStmt* s, int ctx);
  void switchStmt(ast::SwitchStmt* s, int ctx);
  void typeSwitchStmt(ast::TypeSwitchStmt* s, int ctx);
  void selectStmt(ast::SelectStmt* s, int ctx);
  void forStmt(ast::ForStmt* s, int ctx);
  void rangeStmt(ast::RangeStmt* s, int ctx);
  void openScope(const ast::Node* n, const std::string& comment);
  void closeScope();
  void declareVar(Var* v, ast::Ident* id);
  void declare(Scope* scope, ast::Ident* id, Object* obj);
  void usage(Scope* s);
  bool isTerminating(ast::Stmt* s, const std::string& label);
  bool isTerminatingList(const std::vector<ast::Stmt*>& l, const std::string& label);
  bool hasBreak(ast::Stmt* s, const std::string& label, bool implicit);
  void labels(ast::BlockStmt* body);

  // ---- recording ----
  void record(Operand& x);
  void recordType(ast::Expr* e, Mode m, Type* t, const constant::Value& v = {});
  void updateExprType(ast::Expr* e, Type* t, bool final);
  void finalizeUntyped();

  Object* lookup(const std::string& name);

  Program& prog_;
  Package* pkg_;
  Store& store_;
  Info& info_;
  std::vector<Diagnostic>& errs_;
  Scope* scope_ = nullptr;       // current scope
  FuncCtx* func_ = nullptr;      // current function, nullptr at package level
  DeclInfo* decl_ = nullptr;     // package-level declaration being checked (for deps)
  int iota_ = -1;                // current iota, -1 outside constant declarations
  Pos errPosOverride_;           // set while checking an inherited const expression
  Pos sizePos_;                  // where gc reports a type too large: the declared name, make's '('
  int depth_ = 0;
  int recursion_ = 0;  // like depth_, but never reset: bounds the C++ stack
  bool tooDeepReported_ = false;
  std::unordered_map<Object*, DeclInfo*> objMap_;
  std::vector<Object*> objList_;                      // package objects in source order
  std::unordered_map<Object*, Color> color_;
  std::vector<std::unique_ptr<DeclInfo>> declInfos_;
  std::vector<std::unique_ptr<FuncCtx>> funcCtxs_;
  std::vector<std::pair<Func*, DeclInfo*>> funcs_;    // functions and methods, for bodies
  size_t nextBody_ = 0;                               // funcs_ before it are checked
  std::vector<std::pair<ast::FuncDecl*, DeclInfo*>> methodDecls_;
  std::vector<Scope*> fileScopes_;
  std::vector<PkgName*> pkgNames_;
  std::unordered_map<const Var*, const FuncCtx*> varOwner_;   // local var -> declaring function
  struct UntypedInfo {
    Mode mode;
    Type* type;
    constant::Value val;
  };
  std::unordered_map<ast::Expr*, UntypedInfo> untyped_;
  std::vector<Var*> localVars_;  // for "declared but not used"
  std::unordered_map<const Named*, Pos> namedPos_;
  std::vector<std::function<void()>> later_;
  std::vector<Object*> typePath_;          // type declarations being resolved
  std::vector<bool> typePathLiteral_;      // ...whose type is a literal, not a type name
  // Named types declared as another named type whose underlying type was
  // still being built (type T2 T1 inside T1's struct): T2 gets T1's
  // underlying type when T1's declaration completes.
  std::vector<std::pair<Named*, Named*>> pendingUnder_;
  std::unordered_map<Object*, std::unique_ptr<Generic>> generics_;
  std::vector<ast::FuncDecl*> genericMethods_;  // methods of generic types, instantiated with them
  std::vector<std::pair<ast::Node*, Scope*>> genericDecls_;  // generic declarations and their file scopes
  int instDepth_ = 0;
  std::set<const Type*> opaque_;    // stand-ins for type parameters while checking constraints
  bool constraintCtx_ = false;
  bool inInstance() const { return decl_ && decl_->instance; }      // checking a constraint: type-set interfaces are allowed               // nested instantiations, bounded (instantiation cycles)
  std::set<std::string> silentUndefined_;  // rejected generic declarations
  bool silentAllUndefined_ = false;        // a failed dot import  // checks needing complete types
};

// While active, keeps only "undefined: x" errors: a generic body checked with
// stand-ins for its type parameters reports what does not depend on them.
struct OnlyUndefinedNames {
  Checker& c;
  bool active;
  std::vector<Diagnostic> saved;
  OnlyUndefinedNames(Checker& c, bool active) : c(c), active(active) {
    if (active) std::swap(saved, c.errs_);
  }
  ~OnlyUndefinedNames() {
    if (!active) return;
    std::swap(saved, c.errs_);
    for (Diagnostic& d : saved)
      if (d.msg.rfind("undefined: ", 0) == 0) c.errs_.push_back(std::move(d));
  }
};

struct DepthGuard {
  Checker& c;
  bool tooDeep;
  DepthGuard(Checker& c, Pos p) : c(c) {
    ++c.depth_;
    ++c.recursion_;
    tooDeep = c.depth_ > kMaxNesting || c.recursion_ > kMaxRecursion;
    if (tooDeep && !c.tooDeepReported_) {
      c.tooDeepReported_ = true;
      if (c.recursion_ > kMaxRecursion)
        c.error(p, "chain of operations or declarations too long (gol allows at most " +
                       std::to_string(kMaxRecursion) + " levels)");
      else
        c.error(p, "expression or statement too deeply nested (gol allows at most " + std::to_string(kMaxNesting) + " levels)");
    }
  }
  ~DepthGuard() {
    c.depth_--;
    c.recursion_--;
  }
};

}  // namespace gol
