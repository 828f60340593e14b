// parser.cpp — recursive-descent Go parser producing go/ast-shaped trees.
//
// Modelled on cmd/compile/internal/syntax/parser.go so that syntax errors have
// gc's wording, positions and recovery. Invariants:
//  - tok_ is the current token; next() advances, never past EOF.
//  - xnest_ < 0 while parsing an if/for/switch header, where a '{' after a
//    type name starts the body, not a composite literal (Go's ambiguity rule).
//  - depth_ counts nested productions; beyond kMaxNesting the parser reports
//    one error and behaves as if the input ended, so it never overflows.
//  - Only the first error on a line is reported (as gc does).
#include "lang/parser.h"

#include "lang/checker.h"

namespace gol {
namespace {

using namespace ast;

class Parser {
 public:
  Parser(Arena& arena, std::string_view src, uint32_t file, const ErrorFn& err, bool std)
      : arena_(arena), err_(err), std_(std), lexer_(src, file, [this](Pos p, std::string m) { report(p, std::move(m)); }) {
    next();
  }

  File* file();

 private:
  // ---- tokens and errors ----
  void next() {
    if (aborted_) {
      tok_.tok = Tok::EOF_;
      return;
    }
    tok_ = lexer_.next();
  }
  bool got(Tok t) {
    if (tok_.tok == t) {
      next();
      return true;
    }
    return false;
  }
  void want(Tok t) {
    if (!got(t)) {
      syntaxError("expecting " + tokName(t));
      advance({});
    }
  }
  bool gotAssign() {
    if (tok_.tok == Tok::Define) {
      syntaxError("expecting =");
      next();
      return true;
    }
    return got(Tok::Assign);
  }
  Pos pos() const { return tok_.pos; }
  // gc reports at most one syntax error per line.
  void report(Pos p, std::string msg) {
    errcnt_++;
    if (msg.rfind("syntax error", 0) == 0) {
      if (p.line == lastErrLine_ && p.file == lastErrFile_) return;
      lastErrLine_ = p.line;
      lastErrFile_ = p.file;
    }
    err_(p, std::move(msg));
  }
  void error(const std::string& msg) { report(pos(), msg); }
  void syntaxError(const std::string& msg) { syntaxErrorAt(pos(), msg); }
  void syntaxErrorAt(Pos p, std::string msg);
  static std::string tokName(Tok t);
  std::string currentTokString() const;
  void advance(std::initializer_list<Tok> follow);

  // Guards recursion; returns false (after reporting once) when too deep.
  struct Depth {
    Parser& p;
    explicit Depth(Parser& p) : p(p) { p.depth_++; }
    ~Depth() { p.depth_--; }
  };
  bool tooDeep() {
    if (depth_ <= kMaxNesting) return false;
    if (!aborted_) {
      report(pos(), "syntax error: too deeply nested (gol allows at most " + std::to_string(kMaxNesting) + " levels)");
      aborted_ = true;
      tok_.tok = Tok::EOF_;
    }
    return true;
  }

  template <class T> T* make(Pos p) { return arena_.make<T>(p); }
  BadExpr* badExpr() { return make<BadExpr>(pos()); }

  // ---- declarations ----
  template <class F> void appendGroup(std::vector<Decl*>& decls, Tok kw, Pos kwPos, F f);
  template <class F> Pos list(const char* context, Tok sep, Tok close, F f);
  Spec* importSpec();
  Spec* constSpec(int iota);
  Spec* typeSpec();
  Spec* varSpec();
  FuncDecl* funcDeclOrNil(Pos pos);
  BlockStmt* funcBody();

  // ---- expressions ----
  Expr* expr() { return binaryExpr(nullptr, 0); }
  Expr* binaryExpr(Expr* x, int prec);
  Expr* unaryExpr();
  Expr* operand(bool keepParens);
  Expr* pexpr(Expr* x, bool keepParens);
  Expr* bareComplitExpr();
  CompositeLit* complitExpr(Expr* type);
  std::vector<Expr*> exprList();
  std::vector<Expr*> argList(Pos& ellipsis, Pos& rparen);
  Ident* name();
  std::vector<Ident*> nameList(Ident* first);
  Expr* qualifiedName(Ident* name);
  BasicLit* oliteral();

  // ---- types ----
  Expr* type();
  Expr* typeOrNil();
  FuncType* funcType(const char* context, Pos pos);
  Expr* arrayType(Pos pos, Expr* len);
  Expr* chanElem();
  StructType* structType();
  InterfaceType* interfaceType();
  FieldList* funcResult();
  void fieldDecl(StructType* st);
  Field* methodDecl();
  Field* paramDeclOrNil(Ident* name, Tok follow);
  FieldList* paramList(Ident* name, Tok close, bool requireNames);
  void rejectTypeParams(Pos pos);
  void recordStdGeneric(const std::string& name);
  FieldList* typeParamList(Pos lbrack, Ident* first, Expr* firstConstraint);
  Expr* constraintTerm();
  Expr* constraintElem();
  void typeArgs(IndexExpr* ix);
  void skipBracketed();

  // ---- statements ----
  Stmt* simpleStmt(std::vector<Expr*>* lhs, Tok keyword);
  Stmt* labeledStmtOrNil(Ident* label);
  BlockStmt* blockStmt(const char* context);
  Stmt* declStmt();
  Stmt* forStmt();
  struct Header {
    Stmt* init = nullptr;
    Stmt* cond = nullptr;  // ExprStmt, or the type-switch guard statement
    Stmt* post = nullptr;
    Expr* condExpr = nullptr;
  };
  Header header(Tok keyword);
  IfStmt* ifStmt();
  Stmt* switchStmt();
  SelectStmt* selectStmt();
  CaseClause* caseClause();
  CommClause* commClause();
  Stmt* callStmt();
  Stmt* stmtOrNil();
  std::vector<Stmt*> stmtList();

  Arena& arena_;
  const ErrorFn& err_;
  bool std_;  // a std package's file: generic declarations are recorded silently
  Lexer lexer_;
  Token tok_;
  int xnest_ = 0;
  int fnest_ = 0;
  int depth_ = 0;
  int errcnt_ = 0;
  bool aborted_ = false;
  std::vector<std::string> rejected_;
  uint32_t lastErrLine_ = 0, lastErrFile_ = ~0u;
};

std::string Parser::tokName(Tok t) {
  switch (t) {
    case Tok::Comma: return "comma";
    case Tok::Semicolon: return "semicolon or newline";
    default: return std::string(tokString(t));
  }
}

std::string Parser::currentTokString() const {
  switch (tok_.tok) {
    case Tok::Ident:
    case Tok::Semicolon: return std::string(tok_.lit);
    case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String:
      return "literal " + std::string(tok_.lit);
    case Tok::Comma: return "comma";  // as gc's tokstring
    default: return std::string(tokString(tok_.tok));
  }
}

void Parser::syntaxErrorAt(Pos p, std::string msg) {
  if (tok_.tok == Tok::EOF_ && errcnt_ > 0) return;  // avoid meaningless follow-up errors
  if (msg.rfind("in ", 0) == 0 || msg.rfind("at ", 0) == 0 || msg.rfind("after ", 0) == 0) {
    msg = " " + msg;
  } else if (msg.rfind("expecting ", 0) == 0) {
    msg = ", " + msg;
  } else if (!msg.empty()) {
    report(p, "syntax error: " + msg);
    return;
  }
  report(p, "syntax error: unexpected " + currentTokString() + msg);
}

static bool inSet(Tok t, std::initializer_list<Tok> set) {
  for (Tok s : set)
    if (s == t) return true;
  return false;
}

static bool isStopTok(Tok t) {
  return inSet(t, {Tok::Break, Tok::Const, Tok::Continue, Tok::Defer, Tok::Fallthrough, Tok::For, Tok::Go,
                   Tok::Goto, Tok::If, Tok::Return, Tok::Select, Tok::Switch, Tok::Type, Tok::Var});
}

void Parser::advance(std::initializer_list<Tok> follow) {
  if (follow.size() == 0) {
    if (tok_.tok != Tok::EOF_) next();
    return;
  }
  while (tok_.tok != Tok::EOF_ && !inSet(tok_.tok, follow) && !(fnest_ > 0 && isStopTok(tok_.tok))) next();
}

template <class F>
Pos Parser::list(const char* context, Tok sep, Tok close, F f) {
  bool done = false;
  while (tok_.tok != Tok::EOF_ && tok_.tok != close && !done) {
    done = f();
    if (!got(sep) && tok_.tok != close) {
      syntaxError(std::string("in ") + context + "; possibly missing " + tokName(sep) + " or " + tokName(close));
      advance({Tok::RParen, Tok::RBrack, Tok::RBrace});
      if (tok_.tok != close) return pos();
    }
  }
  Pos p = pos();
  want(close);
  return p;
}

// ---- declarations ---------------------------------------------------------------

File* Parser::file() {
  File* f = make<File>(pos());
  if (!got(Tok::Package)) {
    syntaxError("package statement must be first");
    return f;
  }
  f->name = name();
  want(Tok::Semicolon);
  if (errcnt_ > 0) return f;

  while (tok_.tok == Tok::Import) {
    Pos p = pos();
    next();
    appendGroup(f->decls, Tok::Import, p, [this](int) { return importSpec(); });
    want(Tok::Semicolon);
  }
  while (tok_.tok != Tok::EOF_) {
    Pos p = pos();
    switch (tok_.tok) {
      case Tok::Const:
        next();
        appendGroup(f->decls, Tok::Const, p, [this](int iota) { return constSpec(iota); });
        break;
      case Tok::Type:
        next();
        appendGroup(f->decls, Tok::Type, p, [this](int) { return typeSpec(); });
        break;
      case Tok::Var:
        next();
        appendGroup(f->decls, Tok::Var, p, [this](int) { return varSpec(); });
        break;
      case Tok::Func:
        next();
        if (FuncDecl* d = funcDeclOrNil(p)) f->decls.push_back(d);
        break;
      default: {
        auto* last = f->decls.empty() ? nullptr : dynCast<FuncDecl>(f->decls.back());
        if (tok_.tok == Tok::LBrace && last && !last->body) syntaxError("unexpected semicolon or newline before {");
        else syntaxError("non-declaration statement outside function body");
        advance({Tok::Const, Tok::Type, Tok::Var, Tok::Func});
        continue;
      }
    }
    if (tok_.tok != Tok::EOF_ && !got(Tok::Semicolon)) {
      syntaxError("after top level declaration");
      advance({Tok::Const, Tok::Type, Tok::Var, Tok::Func});
    }
  }
  f->rejectedNames = std::move(rejected_);
  for (Decl* d : f->decls)
    if (auto* g = dynCast<GenDecl>(d); g && g->tok == Tok::Import)
      for (Spec* s : g->specs) f->imports.push_back(cast<ImportSpec>(s));
  return f;
}

template <class F>
void Parser::appendGroup(std::vector<Decl*>& decls, Tok kw, Pos kwPos, F f) {
  GenDecl* g = make<GenDecl>(kwPos);
  g->tok = kw;
  if (tok_.tok == Tok::LParen) {
    g->lparen = pos();
    next();
    int iota = 0;
    list("grouped declaration", Tok::Semicolon, Tok::RParen, [&] {
      if (Spec* s = f(iota++)) g->specs.push_back(s);
      return false;
    });
  } else if (Spec* s = f(0)) {
    g->specs.push_back(s);
  }
  decls.push_back(g);
}

Spec* Parser::importSpec() {
  auto* s = make<ImportSpec>(pos());
  if (tok_.tok == Tok::Ident) {
    s->name = name();
  } else if (tok_.tok == Tok::Period) {
    s->name = make<Ident>(pos());
    s->name->name = ".";
    next();
  }
  s->path = oliteral();
  if (!s->path) {
    syntaxError("missing import path");
    advance({Tok::Semicolon, Tok::RParen});
    return nullptr;
  }
  if (s->path->tok != Tok::String) {
    report(s->path->pos, "syntax error: import path must be a string");
    return nullptr;
  }
  return s;
}

Spec* Parser::constSpec(int iota) {
  auto* s = make<ValueSpec>(pos());
  s->iota = iota;
  s->names = nameList(name());
  if (tok_.tok != Tok::EOF_ && tok_.tok != Tok::Semicolon && tok_.tok != Tok::RParen) {
    s->type = typeOrNil();
    if (gotAssign()) s->values = exprList();
  }
  return s;
}

void Parser::rejectTypeParams(Pos p) {
  report(p, "syntax error: function type must have no type parameters");
}

// A std package may declare Go's generic API so that uses of it are
// reported as generic (ast::File::rejectedNames) rather than undefined; gol
// instantiates only sync/atomic.Pointer from it (checker_instance.cpp).
void Parser::recordStdGeneric(const std::string& name) { rejected_.push_back(name); }

// Skips a bracketed list whose '[' has been consumed, through its ']'.
void Parser::skipBracketed() {
  int depth = 1;
  while (tok_.tok != Tok::EOF_ && depth > 0) {
    if (tok_.tok == Tok::LBrack || tok_.tok == Tok::LParen || tok_.tok == Tok::LBrace) depth++;
    if (tok_.tok == Tok::RBrack || tok_.tok == Tok::RParen || tok_.tok == Tok::RBrace) depth--;
    next();
  }
}

Spec* Parser::typeSpec() {
  auto* s = make<TypeSpec>(pos());
  s->name = name();
  if (tok_.tok == Tok::LBrack) {
    // [N]T, []T, or a type parameter list [P any] (rejected).
    Pos lb = pos();
    next();
    if (tok_.tok == Tok::RBrack) {
      next();
      auto* a = make<ArrayType>(lb);
      a->elt = type();
      s->type = a;
    } else if (tok_.tok == Tok::Ident) {
      Ident* n = name();
      Tok t = tok_.tok;
      bool params = t == Tok::Ident || t == Tok::Interface || t == Tok::Comma || t == Tok::Tilde ||
                    t == Tok::LBrack || t == Tok::Func || t == Tok::Map || t == Tok::Chan || t == Tok::Struct ||
                    t == Tok::Arrow;
      if (std_ && (params || t == Tok::Mul)) {
        recordStdGeneric(s->name->name);
        skipBracketed();
        gotAssign();
        type();  // parsed and dropped: std's generic API is only recorded
        return nullptr;
      }
      Expr* firstConstraint = nullptr;
      if (!params && t == Tok::Mul) {
        // [P *C] declares a type parameter only if *C cannot be an array
        // length: it is followed by a comma or C is a type literal.
        Expr* len = binaryExpr(pexpr(n, false), 0);
        auto* b = dynCast<BinaryExpr>(len);
        bool typeLit = b && (isa<ArrayType>(b->y) || isa<MapType>(b->y) || isa<ChanType>(b->y) ||
                             isa<FuncType>(b->y) || isa<StructType>(b->y) || isa<InterfaceType>(b->y));
        if (b && b->op == Tok::Mul && b->x == n && (tok_.tok == Tok::Comma || typeLit)) {
          auto* star = make<StarExpr>(b->opPos);
          star->x = b->y;
          firstConstraint = star;
          params = true;
        } else {
          s->type = arrayType(lb, len);
          return s;
        }
      }
      if (params) {
        s->typeParams = typeParamList(lb, n, firstConstraint);
        if (gotAssign()) s->assign = s->name->pos;
        s->type = type();
        return s;
      }
      Expr* len = binaryExpr(pexpr(n, false), 0);
      s->type = arrayType(lb, len);
    } else {
      s->type = arrayType(lb, nullptr);
    }
    return s;
  }
  if (gotAssign()) s->assign = s->name->pos;
  s->type = typeOrNil();
  if (!s->type) {
    s->type = badExpr();
    syntaxError("in type declaration");
    advance({Tok::Semicolon, Tok::RParen});
  }
  return s;
}

Spec* Parser::varSpec() {
  auto* s = make<ValueSpec>(pos());
  s->names = nameList(name());
  if (gotAssign()) {
    s->values = exprList();
  } else {
    s->type = type();
    if (gotAssign()) s->values = exprList();
  }
  return s;
}

FuncDecl* Parser::funcDeclOrNil(Pos p) {
  auto* f = make<FuncDecl>(p);
  if (tok_.tok == Tok::LParen) {
    Pos rp = pos();
    next();
    f->recv = paramList(nullptr, Tok::RParen, false);
    f->recv->pos = rp;
    if (f->recv->list.empty()) error("method has no receiver");
    else if (f->recv->numFields() > 1) error("method has multiple receivers");
  }
  if (tok_.tok != Tok::Ident) {
    syntaxError("expecting name or (");
    advance({Tok::LBrace, Tok::Semicolon});
    return nullptr;
  }
  f->name = name();
  if (tok_.tok == Tok::LBrack && !f->recv && !std_) {
    Pos lb = pos();
    next();
    FieldList* tparams = nullptr;
    if (tok_.tok == Tok::RBrack) {
      syntaxError("empty type parameter list");
      next();
    } else {
      tparams = typeParamList(lb, name(), nullptr);
    }
    f->type = funcType(nullptr, f->pos);
    f->type->typeParams = tparams;
    if (tok_.tok == Tok::LBrace) f->body = funcBody();
    return f;
  }
  if (tok_.tok == Tok::LBrack) {
    if (f->recv) report(pos(), "syntax error: method must have no type parameters");  // Go rejects these too
    else recordStdGeneric(f->name->name);
    next();
    skipBracketed();
    funcType(nullptr, f->pos);
    if (tok_.tok == Tok::LBrace) funcBody();  // parsed and dropped: the declaration is rejected
    return nullptr;
  }
  f->type = funcType(nullptr, f->pos);
  if (tok_.tok == Tok::LBrace) f->body = funcBody();
  return f;
}

BlockStmt* Parser::funcBody() {
  fnest_++;
  int outer = xnest_;
  xnest_ = 0;
  BlockStmt* b = blockStmt("");
  xnest_ = outer;
  fnest_--;
  return b;
}

// ---- expressions ----------------------------------------------------------------

Expr* Parser::binaryExpr(Expr* x, int prec) {
  Depth d(*this);
  if (tooDeep()) return badExpr();
  if (!x) x = unaryExpr();
  while (precedence(tok_.tok) > prec) {
    auto* b = make<BinaryExpr>(x->pos);
    b->opPos = pos();
    b->op = tok_.tok;
    int tprec = precedence(tok_.tok);
    next();
    b->x = x;
    b->y = binaryExpr(nullptr, tprec);
    x = b;
  }
  return x;
}

Expr* Parser::unaryExpr() {
  Depth d(*this);
  if (tooDeep()) return badExpr();
  Pos p = pos();
  switch (tok_.tok) {
    case Tok::Mul: {
      next();
      auto* s = make<StarExpr>(p);
      s->x = unaryExpr();
      return s;
    }
    case Tok::Add: case Tok::Sub: case Tok::Not: case Tok::Xor: case Tok::Tilde: case Tok::And: {
      auto* u = make<UnaryExpr>(p);
      u->op = tok_.tok;
      next();
      u->x = unaryExpr();
      if (u->op == Tok::And) u->x = unparen(u->x);
      return u;
    }
    case Tok::Arrow: {
      next();
      Expr* x = unaryExpr();
      if (auto* c = dynCast<ChanType>(x)) {
        // <-chan T: re-associate (<-chan (chan T)) as a receive-only channel type.
        ChanDir dir = ChanDir::Send;
        Expr* t = x;
        while (dir == ChanDir::Send) {
          auto* ct = dynCast<ChanType>(t);
          if (!ct) break;
          dir = ct->dir;
          if (dir == ChanDir::Recv) syntaxError("unexpected <-, expecting chan");
          ct->dir = ChanDir::Recv;
          t = ct->value;
        }
        if (dir == ChanDir::Send) syntaxError("unexpected " + exprString(t) + ", expecting chan");
        c->pos = p;
        return x;
      }
      auto* u = make<UnaryExpr>(p);
      u->op = Tok::Arrow;
      u->x = x;
      return u;
    }
    default:
      return pexpr(nullptr, true);
  }
}

Stmt* Parser::callStmt() {
  Pos p = pos();
  Tok kw = tok_.tok;
  next();
  Expr* x = pexpr(nullptr, tok_.tok == Tok::LParen);
  const char* what = kw == Tok::Go ? "go" : "defer";
  if (Expr* t = unparen(x); t != x) {
    report(x->pos, std::string("expression in ") + what + " must not be parenthesized");
    x = t;
  }
  auto* call = dynCast<CallExpr>(x);
  if (!call) {
    report(x->pos, std::string("expression in ") + what + " must be function call");
    call = make<CallExpr>(x->pos);
    call->fun = x;
  }
  if (kw == Tok::Go) {
    auto* s = make<GoStmt>(p);
    s->call = call;
    return s;
  }
  auto* s = make<DeferStmt>(p);
  s->call = call;
  return s;
}

Expr* Parser::operand(bool keepParens) {
  Pos p = pos();
  switch (tok_.tok) {
    case Tok::Ident:
      return name();
    case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String:
      return oliteral();
    case Tok::LParen: {
      next();
      xnest_++;
      Expr* x = expr();
      xnest_--;
      want(Tok::RParen);
      if (tok_.tok == Tok::LBrace) keepParens = true;
      if (keepParens) {
        auto* px = make<ParenExpr>(p);
        px->x = x;
        return px;
      }
      return x;
    }
    case Tok::Func: {
      next();
      FuncType* ft = funcType("function type", p);
      if (tok_.tok == Tok::LBrace) {
        xnest_++;
        auto* f = make<FuncLit>(p);
        f->type = ft;
        f->body = funcBody();
        xnest_--;
        return f;
      }
      return ft;
    }
    case Tok::LBrack: case Tok::Chan: case Tok::Map: case Tok::Struct: case Tok::Interface:
      return type();
    default: {
      Expr* x = badExpr();
      syntaxError("expecting expression");
      advance({Tok::RParen, Tok::RBrack, Tok::RBrace});
      return x;
    }
  }
}

// Whether x is certainly a value (not a type), for the composite literal rule.
static bool isValue(const Expr* x) {
  switch (x->kind) {
    case Kind::BasicLit: case Kind::CompositeLit: case Kind::FuncLit: case Kind::SliceExpr:
    case Kind::TypeAssertExpr: case Kind::CallExpr: case Kind::UnaryExpr: case Kind::BinaryExpr:
      return true;
    case Kind::ParenExpr: return isValue(cast<ParenExpr>(x)->x);
    case Kind::IndexExpr: return isValue(cast<IndexExpr>(x)->x) || isValue(cast<IndexExpr>(x)->index);
    default: return false;
  }
}

Expr* Parser::pexpr(Expr* x, bool keepParens) {
  Depth d(*this);
  if (tooDeep()) return badExpr();
  if (!x) x = operand(keepParens);
  for (;;) {
    Pos p = pos();
    switch (tok_.tok) {
      case Tok::Period: {
        next();
        if (tok_.tok == Tok::Ident) {
          auto* s = make<SelectorExpr>(x->pos);
          s->x = x;
          s->sel = name();
          x = s;
        } else if (tok_.tok == Tok::LParen) {
          next();
          auto* t = make<TypeAssertExpr>(x->pos);
          t->x = x;
          if (!got(Tok::Type)) t->type = type();
          want(Tok::RParen);
          x = t;
        } else {
          syntaxError("expecting name or (");
          advance({Tok::Semicolon, Tok::RParen});
        }
        break;
      }
      case Tok::LBrack: {
        next();
        if (tok_.tok == Tok::RBrack) {
          syntaxError("expecting operand");
          next();
          break;
        }
        Expr* i = nullptr;
        if (tok_.tok != Tok::Colon) {
          xnest_++;
          i = expr();
          xnest_--;
          if (tok_.tok == Tok::Comma) {
            auto* ix = make<IndexExpr>(x->pos);
            ix->x = x;
            ix->lbrack = p;
            ix->index = i;
            xnest_++;
            typeArgs(ix);
            xnest_--;
            x = ix;
            break;
          }
          if (tok_.tok == Tok::RBrack) {
            next();
            auto* ix = make<IndexExpr>(x->pos);
            ix->x = x;
            ix->lbrack = p;
            ix->index = i;
            x = ix;
            break;
          }
        }
        if (!got(Tok::Colon)) {
          syntaxError("expecting comma, : or ]");
          advance({Tok::Comma, Tok::Colon, Tok::RBrack});
        }
        xnest_++;
        auto* s = make<SliceExpr>(x->pos);
        s->x = x;
        s->lbrack = p;
        s->low = i;
        if (tok_.tok != Tok::Colon && tok_.tok != Tok::RBrack) s->high = expr();
        if (tok_.tok == Tok::Colon) {
          s->slice3 = true;
          if (!s->high) {
            error("middle index required in 3-index slice");
            s->high = badExpr();
          }
          next();
          if (tok_.tok != Tok::RBrack) {
            s->max = expr();
          } else {
            error("final index required in 3-index slice");
            s->max = badExpr();
          }
        }
        xnest_--;
        want(Tok::RBrack);
        x = s;
        break;
      }
      case Tok::LParen: {
        auto* c = make<CallExpr>(x->pos);
        c->lparen = p;
        next();
        c->fun = x;
        c->args = argList(c->ellipsis, c->rparen);
        x = c;
        break;
      }
      case Tok::LBrace: {
        Expr* t = unparen(x);
        bool ok = false;
        switch (t->kind) {
          case Kind::Ident: case Kind::SelectorExpr: ok = xnest_ >= 0; break;
          case Kind::IndexExpr: ok = xnest_ >= 0 && !isValue(t); break;
          case Kind::ArrayType: case Kind::StructType: case Kind::MapType: ok = true; break;
          default: break;
        }
        if (!ok) return x;
        if (t != x) syntaxError("cannot parenthesize type in composite literal");
        x = complitExpr(x);
        break;
      }
      default:
        return x;
    }
  }
}

Expr* Parser::bareComplitExpr() {
  if (tok_.tok == Tok::LBrace) return complitExpr(nullptr);
  return expr();
}

CompositeLit* Parser::complitExpr(Expr* type) {
  Depth d(*this);
  auto* c = make<CompositeLit>(type ? type->pos : pos());
  c->type = type;
  c->lbrace = pos();
  if (tooDeep()) return c;
  xnest_++;
  want(Tok::LBrace);
  c->rbrace = list("composite literal", Tok::Comma, Tok::RBrace, [&] {
    Expr* e = bareComplitExpr();
    if (tok_.tok == Tok::Colon) {
      auto* kv = make<KeyValueExpr>(e->pos);
      kv->colon = pos();
      next();
      kv->key = e;
      kv->value = bareComplitExpr();
      e = kv;
    }
    c->elts.push_back(e);
    return false;
  });
  xnest_--;
  return c;
}

std::vector<Expr*> Parser::exprList() {
  std::vector<Expr*> l{expr()};
  while (got(Tok::Comma)) l.push_back(expr());
  return l;
}

std::vector<Expr*> Parser::argList(Pos& ellipsis, Pos& rparen) {
  std::vector<Expr*> l;
  xnest_++;
  rparen = list("argument list", Tok::Comma, Tok::RParen, [&] {
    l.push_back(expr());
    if (tok_.tok == Tok::Ellipsis) {
      ellipsis = pos();
      next();
      return true;
    }
    return false;
  });
  xnest_--;
  return l;
}

Ident* Parser::name() {
  auto* n = make<Ident>(pos());
  if (tok_.tok == Tok::Ident) {
    n->name = std::string(tok_.lit);
    next();
    return n;
  }
  n->name = "_";
  syntaxError("expecting name");
  advance({});
  return n;
}

std::vector<Ident*> Parser::nameList(Ident* first) {
  std::vector<Ident*> l{first};
  while (got(Tok::Comma)) l.push_back(name());
  return l;
}

Expr* Parser::qualifiedName(Ident* n) {
  Expr* x;
  if (n) {
    x = n;
  } else if (tok_.tok == Tok::Ident) {
    x = name();
  } else {
    auto* b = make<Ident>(pos());
    b->name = "_";
    syntaxError("expecting name");
    advance({Tok::Period, Tok::Semicolon, Tok::RBrace});
    x = b;
  }
  if (tok_.tok == Tok::Period) {
    next();
    auto* s = make<SelectorExpr>(x->pos);
    s->x = x;
    s->sel = name();
    x = s;
  }
  if (tok_.tok == Tok::LBrack) {
    // a generic type's instantiation T[A, B]
    auto* ix = make<IndexExpr>(x->pos);
    ix->x = x;
    ix->lbrack = pos();
    next();
    ix->index = type();
    typeArgs(ix);
    x = ix;
  }
  return x;
}

// The type arguments after the first, through the closing ']'.
void Parser::typeArgs(IndexExpr* ix) {
  while (got(Tok::Comma)) {
    if (tok_.tok == Tok::RBrack) break;
    ix->more.push_back(type());
  }
  want(Tok::RBrack);
}

// [P1, P2 C1, P3 C2]: the '[' and the first name are consumed (and, for
// "[P *C", its constraint); through the closing ']'.
FieldList* Parser::typeParamList(Pos lbrack, Ident* first, Expr* firstConstraint) {
  auto* fl = make<FieldList>(lbrack);
  std::vector<Ident*> names{first};
  for (;;) {
    Expr* constraint = firstConstraint;
    if (!constraint) {
      while (got(Tok::Comma)) {
        if (tok_.tok != Tok::Ident) break;
        names.push_back(name());
      }
      if (tok_.tok == Tok::RBrack) {
        syntaxError("missing type constraint");
        constraint = badExpr();
      } else {
        constraint = constraintElem();
      }
    }
    firstConstraint = nullptr;
    auto* f = make<Field>(names[0]->pos);
    f->names = std::move(names);
    f->type = constraint;
    fl->list.push_back(f);
    if (!got(Tok::Comma) || tok_.tok != Tok::Ident) break;
    names = {name()};
  }
  fl->closing = pos();
  want(Tok::RBrack);
  return fl;
}

// ~T or T.
Expr* Parser::constraintTerm() {
  if (tok_.tok == Tok::Tilde) {
    auto* u = make<UnaryExpr>(pos());
    u->op = Tok::Tilde;
    next();
    u->x = type();
    return u;
  }
  return type();
}

// A union of terms: ~int | ~string | T.
Expr* Parser::constraintElem() {
  Expr* x = constraintTerm();
  while (tok_.tok == Tok::Or) {
    auto* b = make<BinaryExpr>(x->pos);
    b->opPos = pos();
    b->op = Tok::Or;
    next();
    b->x = x;
    b->y = constraintTerm();
    x = b;
  }
  return x;
}

BasicLit* Parser::oliteral() {
  if (!isLiteral(tok_.tok) || tok_.tok == Tok::Ident) return nullptr;
  auto* b = make<BasicLit>(pos());
  b->tok = tok_.tok;
  b->value = std::string(tok_.lit);
  b->bad = tok_.bad;
  next();
  return b;
}

// ---- types ------------------------------------------------------------------------

Expr* Parser::type() {
  Expr* t = typeOrNil();
  if (!t) {
    t = badExpr();
    syntaxError("expecting type");
    advance({Tok::Comma, Tok::Colon, Tok::Semicolon, Tok::RParen, Tok::RBrack, Tok::RBrace});
  }
  return t;
}

Expr* Parser::typeOrNil() {
  Depth d(*this);
  if (tooDeep()) return badExpr();
  Pos p = pos();
  switch (tok_.tok) {
    case Tok::Mul: {
      next();
      auto* s = make<StarExpr>(p);
      s->x = type();
      return s;
    }
    case Tok::Arrow: {
      next();
      want(Tok::Chan);
      auto* c = make<ChanType>(p);
      c->dir = ChanDir::Recv;
      c->value = chanElem();
      return c;
    }
    case Tok::Func:
      next();
      return funcType("function type", p);
    case Tok::LBrack: {
      next();
      if (got(Tok::RBrack)) {
        auto* a = make<ArrayType>(p);
        a->elt = type();
        return a;
      }
      return arrayType(p, nullptr);
    }
    case Tok::Chan: {
      next();
      auto* c = make<ChanType>(p);
      if (got(Tok::Arrow)) c->dir = ChanDir::Send;
      c->value = chanElem();
      return c;
    }
    case Tok::Map: {
      next();
      want(Tok::LBrack);
      auto* m = make<MapType>(p);
      m->key = type();
      want(Tok::RBrack);
      m->value = type();
      return m;
    }
    case Tok::Struct: return structType();
    case Tok::Interface: return interfaceType();
    case Tok::Ident: return qualifiedName(nullptr);
    case Tok::LParen: {
      next();
      auto* px = make<ParenExpr>(p);
      px->x = type();
      want(Tok::RParen);
      return px;
    }
    default: return nullptr;
  }
}

FuncType* Parser::funcType(const char* context, Pos p) {
  auto* ft = make<FuncType>(p);
  if (tok_.tok == Tok::LBrack) {
    rejectTypeParams(pos());
    advance({Tok::LParen});
  }
  Pos lp = pos();
  want(Tok::LParen);
  ft->params = paramList(nullptr, Tok::RParen, false);
  ft->params->pos = lp;
  ft->results = funcResult();
  return ft;
}

Expr* Parser::arrayType(Pos p, Expr* len) {
  if (!len) {
    if (tok_.tok == Tok::Ellipsis) {
      len = make<Ellipsis>(pos());
      next();
    } else {
      xnest_++;
      len = expr();
      xnest_--;
    }
  }
  if (tok_.tok == Tok::Comma) {
    syntaxError("unexpected comma; expecting ]");
    next();
  }
  want(Tok::RBrack);
  auto* a = make<ArrayType>(p);
  a->len = len;
  a->elt = type();
  return a;
}

Expr* Parser::chanElem() {
  Expr* t = typeOrNil();
  if (!t) {
    t = badExpr();
    syntaxError("missing channel element type");
  }
  return t;
}

StructType* Parser::structType() {
  auto* st = make<StructType>(pos());
  st->fields = make<FieldList>(pos());
  want(Tok::Struct);
  want(Tok::LBrace);
  st->fields->closing = list("struct type", Tok::Semicolon, Tok::RBrace, [&] {
    fieldDecl(st);
    return false;
  });
  return st;
}

void Parser::fieldDecl(StructType* st) {
  Pos p = pos();
  auto add = [&](std::vector<Ident*> names, Expr* type, BasicLit* tag) {
    auto* f = make<Field>(names.empty() ? p : names[0]->pos);
    f->names = std::move(names);
    f->type = type;
    f->tag = tag;
    st->fields->list.push_back(f);
  };
  switch (tok_.tok) {
    case Tok::Ident: {
      Ident* n = name();
      if (tok_.tok == Tok::Period || (isLiteral(tok_.tok) && tok_.tok != Tok::Ident) || tok_.tok == Tok::Semicolon || tok_.tok == Tok::RBrace) {
        Expr* t = qualifiedName(n);
        add({}, t, oliteral());
        return;
      }
      if (tok_.tok == Tok::LBrack) {
        // a [N]T, a []T, or an embedded instantiation B[T] (nothing follows the ']')
        Pos lb = pos();
        next();
        if (got(Tok::RBrack)) {
          auto* a = make<ArrayType>(lb);
          a->elt = type();
          add({n}, a, oliteral());
          return;
        }
        xnest_++;
        Expr* x = tok_.tok == Tok::Ellipsis ? nullptr : expr();
        xnest_--;
        if (x && (tok_.tok == Tok::Comma || tok_.tok == Tok::RBrack)) {
          auto* ix = make<IndexExpr>(n->pos);
          ix->x = n;
          ix->lbrack = lb;
          ix->index = x;
          if (tok_.tok == Tok::Comma) {
            typeArgs(ix);
            add({}, ix, oliteral());
            return;
          }
          next();
          if (tok_.tok == Tok::Semicolon || tok_.tok == Tok::RBrace || tok_.tok == Tok::String) {
            add({}, ix, oliteral());
            return;
          }
          auto* a = make<ArrayType>(lb);
          a->len = x;
          a->elt = type();
          add({n}, a, oliteral());
          return;
        }
        add({n}, arrayType(lb, x), oliteral());
        return;
      }
      std::vector<Ident*> names = nameList(n);
      Expr* t = type();
      add(std::move(names), t, oliteral());
      return;
    }
    case Tok::Mul: {
      next();
      Expr* t;
      if (tok_.tok == Tok::LParen) {
        syntaxError("cannot parenthesize embedded type");
        next();
        t = qualifiedName(nullptr);
        got(Tok::RParen);
      } else {
        t = qualifiedName(nullptr);
      }
      auto* s = make<StarExpr>(p);
      s->x = t;
      add({}, s, oliteral());
      return;
    }
    case Tok::LParen: {
      syntaxError("cannot parenthesize embedded type");
      next();
      Expr* t;
      if (tok_.tok == Tok::Mul) {
        Pos sp = pos();
        next();
        auto* s = make<StarExpr>(sp);
        s->x = qualifiedName(nullptr);
        t = s;
      } else {
        t = qualifiedName(nullptr);
      }
      got(Tok::RParen);
      add({}, t, oliteral());
      return;
    }
    default:
      syntaxError("expecting field name or embedded type");
      advance({Tok::Semicolon, Tok::RBrace});
  }
}

InterfaceType* Parser::interfaceType() {
  auto* it = make<InterfaceType>(pos());
  it->methods = make<FieldList>(pos());
  want(Tok::Interface);
  want(Tok::LBrace);
  it->methods->closing = list("interface type", Tok::Semicolon, Tok::RBrace, [&] {
    Field* f;
    if (tok_.tok == Tok::Ident) {
      f = methodDecl();
    } else if (tok_.tok == Tok::Tilde) {
      f = make<Field>(pos());
      f->type = constraintTerm();
    } else {
      f = make<Field>(pos());
      f->type = typeOrNil();
      if (!f->type) {
        f->type = badExpr();
        syntaxError("expecting ~ term or type");
        advance({Tok::Semicolon, Tok::RParen, Tok::RBrack, Tok::RBrace});
      }
    }
    it->methods->list.push_back(f);
    while (f->names.empty() && tok_.tok == Tok::Or) {
      auto* b = make<BinaryExpr>(f->type->pos);
      b->opPos = pos();
      b->op = Tok::Or;
      next();
      b->x = f->type;
      b->y = constraintTerm();
      f->type = b;
    }
    return false;
  });
  return it;
}

Field* Parser::methodDecl() {
  auto* f = make<Field>(pos());
  Ident* n = name();
  if (tok_.tok == Tok::LParen) {
    f->names.push_back(n);
    f->type = funcType("interface method", n->pos);
  } else {
    Pos lb = pos();
    f->type = qualifiedName(n);
    if (tok_.tok == Tok::LParen && isa<IndexExpr>(f->type)) {
      report(lb, "syntax error: interface method must have no type parameters");
      funcType("interface method", n->pos);
      f->type = n;
    }
  }
  return f;
}

FieldList* Parser::funcResult() {
  if (tok_.tok == Tok::LParen) {
    Pos p = pos();
    next();
    FieldList* l = paramList(nullptr, Tok::RParen, false);
    l->pos = p;
    return l;
  }
  Pos p = pos();
  if (Expr* t = typeOrNil()) {
    auto* l = make<FieldList>(p);
    auto* f = make<Field>(p);
    f->type = t;
    l->list.push_back(f);
    return l;
  }
  return nullptr;
}

Field* Parser::paramDeclOrNil(Ident* n, Tok follow) {
  Pos p = n ? n->pos : pos();
  auto* f = make<Field>(p);
  if (tok_.tok == Tok::Ident || n) {
    if (!n) n = name();
    if (tok_.tok == Tok::LBrack) {
      // name []T, name [N]T, or a generic instantiation (rejected).
      Pos lb = pos();
      next();
      if (got(Tok::RBrack)) {
        auto* a = make<ArrayType>(lb);
        a->elt = type();
        f->names.push_back(n);
        f->type = a;
        return f;
      }
      xnest_++;
      Expr* len = expr();
      xnest_--;
      // an unnamed parameter of an instantiated type: T[A] or T[A, B]
      auto* ix = make<IndexExpr>(n->pos);
      ix->x = n;
      ix->lbrack = lb;
      ix->index = len;
      if (tok_.tok == Tok::Comma) {
        typeArgs(ix);
        f->type = ix;
        return f;
      }
      want(Tok::RBrack);
      Expr* elem = typeOrNil();
      if (!elem) {
        f->type = ix;
        return f;
      }
      auto* a = make<ArrayType>(lb);
      a->len = len;
      a->elt = elem;
      f->names.push_back(n);
      f->type = a;
      return f;
    }
    if (tok_.tok == Tok::Period) {
      f->type = qualifiedName(n);
      return f;
    }
    f->names.push_back(n);
  }
  if (tok_.tok == Tok::Ellipsis) {
    auto* e = make<Ellipsis>(pos());
    next();
    e->elt = typeOrNil();
    if (!e->elt) {
      e->elt = badExpr();
      syntaxError("... is missing type");
    }
    f->type = e;
    return f;
  }
  f->type = typeOrNil();
  if (!f->names.empty() || f->type) return f;
  syntaxError("expecting " + tokName(follow));
  advance({Tok::Comma, follow});
  return nullptr;
}

// Parses parameters up to `close`. Afterwards each Field has a type and either
// names (all named) or none (all unnamed), as in go/ast.
FieldList* Parser::paramList(Ident* n, Tok close, bool requireNames) {
  auto* fl = make<FieldList>(pos());
  std::vector<Field*> raw;
  int named = 0, typed = 0;
  fl->closing = list("parameter list", Tok::Comma, close, [&] {
    Field* par = paramDeclOrNil(n, close);
    n = nullptr;
    if (par) {
      if (!par->names.empty() && par->type) named++;
      if (par->type) typed++;
      raw.push_back(par);
    }
    return false;
  });
  if (raw.empty()) return fl;
  if (named == 0 && !requireNames) {
    // all unnamed: a lone name is a type
    for (Field* par : raw) {
      if (!par->names.empty()) {
        par->type = par->names[0];
        par->names.clear();
      }
      fl->list.push_back(par);
    }
    return fl;
  }
  if (named != int(raw.size())) {
    // distribute types right-to-left: a, b int -> (a int, b int)
    Pos errPos;
    Expr* typ = nullptr;
    for (size_t i = raw.size(); i-- > 0;) {
      Field* par = raw[i];
      if (par->type) {
        typ = par->type;
        if (par->names.empty()) {
          errPos = typ->pos;
          auto* blank = make<Ident>(typ->pos);
          blank->name = "_";
          par->names.push_back(blank);
        }
      } else if (typ) {
        par->type = typ;
      } else {
        errPos = par->names[0]->pos;
        par->type = make<BadExpr>(errPos);
      }
    }
    if (errPos.valid()) syntaxErrorAt(errPos, "mixed named and unnamed parameters");
  }
  // group consecutive names sharing the same type expression into one Field
  for (Field* par : raw) {
    if (!fl->list.empty() && fl->list.back()->type == par->type && !fl->list.back()->names.empty())
      fl->list.back()->names.push_back(par->names[0]);
    else
      fl->list.push_back(par);
  }
  return fl;
}

// ---- statements --------------------------------------------------------------------

Stmt* Parser::simpleStmt(std::vector<Expr*>* lhsIn, Tok keyword) {
  if (keyword == Tok::For && tok_.tok == Tok::Range) {
    auto* r = make<RangeStmt>(pos());
    next();
    r->x = expr();
    return r;
  }
  std::vector<Expr*> lhs = lhsIn ? *lhsIn : exprList();
  if (lhs.size() == 1 && tok_.tok != Tok::Assign && tok_.tok != Tok::Define) {
    Pos p = pos();
    Tok t = tok_.tok;
    if (assignOpBase(t) != Tok::Illegal) {
      next();
      auto* a = make<AssignStmt>(lhs[0]->pos);
      a->lhs = lhs;
      a->tokPos = p;
      a->tok = t;
      a->rhs.push_back(expr());
      return a;
    }
    if (t == Tok::Inc || t == Tok::Dec) {
      next();
      auto* s = make<IncDecStmt>(lhs[0]->pos);
      s->x = lhs[0];
      s->tok = t;
      return s;
    }
    if (t == Tok::Arrow) {
      next();
      auto* s = make<SendStmt>(lhs[0]->pos);
      s->chan = lhs[0];
      s->arrow = p;
      s->value = expr();
      return s;
    }
    auto* s = make<ExprStmt>(lhs[0]->pos);
    s->x = lhs[0];
    return s;
  }
  if (tok_.tok == Tok::Assign || tok_.tok == Tok::Define) {
    Pos p = pos();
    Tok t = tok_.tok;
    next();
    if (keyword == Tok::For && tok_.tok == Tok::Range) {
      auto* r = make<RangeStmt>(lhs[0]->pos);
      next();
      r->tokPos = p;
      r->tok = t;
      r->key = lhs[0];
      if (lhs.size() >= 2) r->value = lhs[1];
      if (lhs.size() > 2) report(lhs[2]->pos, "range clause permits at most two iteration variables");
      r->x = expr();
      return r;
    }
    auto* a = make<AssignStmt>(lhs[0]->pos);
    a->lhs = std::move(lhs);
    a->tokPos = p;
    a->tok = t;
    a->rhs = exprList();
    return a;
  }
  syntaxError("expecting := or = or comma");
  advance({Tok::Semicolon, Tok::RBrace});
  auto* s = make<ExprStmt>(lhs[0]->pos);
  s->x = lhs[0];
  return s;
}

Stmt* Parser::labeledStmtOrNil(Ident* label) {
  auto* s = make<LabeledStmt>(label->pos);
  s->label = label;
  want(Tok::Colon);
  if (tok_.tok == Tok::RBrace) {
    s->stmt = make<EmptyStmt>(pos());
    return s;
  }
  s->stmt = stmtOrNil();
  if (s->stmt) return s;
  syntaxErrorAt(s->pos, "missing statement after label");
  return nullptr;
}

BlockStmt* Parser::blockStmt(const char* context) {
  Depth d(*this);
  auto* b = make<BlockStmt>(pos());
  if (tooDeep()) return b;
  if (!got(Tok::LBrace)) {
    syntaxError(std::string("expecting { after ") + context);
    advance({Tok::Ident, Tok::RBrace});
    b->rbrace = pos();
    if (got(Tok::RBrace)) return b;
  }
  b->list = stmtList();
  b->rbrace = pos();
  want(Tok::RBrace);
  return b;
}

Stmt* Parser::declStmt() {
  auto* s = make<DeclStmt>(pos());
  Tok kw = tok_.tok;
  Pos p = pos();
  next();
  std::vector<Decl*> decls;
  switch (kw) {
    case Tok::Const: appendGroup(decls, kw, p, [this](int iota) { return constSpec(iota); }); break;
    case Tok::Type: appendGroup(decls, kw, p, [this](int) { return typeSpec(); }); break;
    default: appendGroup(decls, kw, p, [this](int) { return varSpec(); }); break;
  }
  s->decl = cast<GenDecl>(decls[0]);
  return s;
}

static std::string stmtString(const Stmt* s) {
  if (auto* a = dynCast<AssignStmt>(s)) {
    auto listStr = [](const std::vector<Expr*>& l) {
      std::string r;
      for (size_t i = 0; i < l.size(); i++) r += (i ? ", " : "") + exprString(l[i]);
      return r;
    };
    if (a->tok == Tok::Assign) return "assignment (" + listStr(a->lhs) + ") = (" + listStr(a->rhs) + ")";
    return listStr(a->lhs) + " " + std::string(tokString(a->tok)) + " " + listStr(a->rhs);
  }
  if (auto* i = dynCast<IncDecStmt>(s)) return exprString(i->x) + std::string(tokString(i->tok));
  if (auto* snd = dynCast<SendStmt>(s)) return exprString(snd->chan) + " <- " + exprString(snd->value);
  if (auto* r = dynCast<RangeStmt>(s)) return "range " + exprString(r->x);
  return "statement";
}

Parser::Header Parser::header(Tok keyword) {
  Header h;
  want(keyword);
  if (tok_.tok == Tok::LBrace) {
    if (keyword == Tok::If) {
      syntaxError("missing condition in if statement");
      h.condExpr = badExpr();
    }
    return h;
  }
  int outer = xnest_;
  xnest_ = -1;
  if (tok_.tok != Tok::Semicolon) {
    if (got(Tok::Var)) syntaxError(std::string("var declaration not allowed in ") + tokName(keyword) + " initializer");
    h.init = simpleStmt(nullptr, keyword);
    if (isa<RangeStmt>(h.init)) {
      xnest_ = outer;
      return h;
    }
  }
  Stmt* condStmt = nullptr;
  Pos semiPos;
  std::string semiLit;
  if (tok_.tok != Tok::LBrace) {
    if (tok_.tok == Tok::Semicolon) {
      semiPos = pos();
      semiLit = std::string(tok_.lit);
      next();
    } else {
      want(Tok::LBrace);
      if (tok_.tok != Tok::LBrace) advance({Tok::LBrace, Tok::RBrace});
    }
    if (keyword == Tok::For) {
      if (tok_.tok != Tok::Semicolon) {
        if (tok_.tok == Tok::LBrace) {
          syntaxError("expecting for loop condition");
          goto done;
        }
        condStmt = simpleStmt(nullptr, Tok::Illegal);
      }
      want(Tok::Semicolon);
      if (tok_.tok != Tok::LBrace) {
        h.post = simpleStmt(nullptr, Tok::Illegal);
        if (auto* a = dynCast<AssignStmt>(h.post); a && a->tok == Tok::Define)
          syntaxErrorAt(a->tokPos, "cannot declare in post statement of for loop");
      }
    } else if (tok_.tok != Tok::LBrace) {
      condStmt = simpleStmt(nullptr, keyword);
    }
  } else {
    condStmt = h.init;
    h.init = nullptr;
  }
done:
  if (!condStmt) {
    if (keyword == Tok::If && semiPos.valid()) {
      if (semiLit != "semicolon") syntaxErrorAt(semiPos, "unexpected " + semiLit + ", expecting { after if clause");
      else syntaxErrorAt(semiPos, "missing condition in if statement");
      h.condExpr = make<BadExpr>(semiPos);
    }
  } else if (auto* es = dynCast<ExprStmt>(condStmt)) {
    h.condExpr = es->x;
    h.cond = es;
  } else {
    auto* a = dynCast<AssignStmt>(condStmt);
    bool guard = keyword == Tok::Switch && a && a->tok == Tok::Define && a->lhs.size() == 1 &&
                 isa<Ident>(a->lhs[0]) && a->rhs.size() == 1 && isa<TypeAssertExpr>(a->rhs[0]) &&
                 !cast<TypeAssertExpr>(a->rhs[0])->type;
    if (guard) h.cond = a;
    else syntaxErrorAt(a ? a->tokPos : condStmt->pos, "cannot use " + stmtString(condStmt) + " as value");
  }
  xnest_ = outer;
  return h;
}

Stmt* Parser::forStmt() {
  Pos p = pos();
  Header h = header(Tok::For);
  if (auto* r = dynCast<RangeStmt>(h.init)) {
    r->pos = p;
    r->body = blockStmt("for clause");
    return r;
  }
  auto* f = make<ForStmt>(p);
  f->init = h.init;
  f->cond = h.condExpr;
  f->post = h.post;
  f->body = blockStmt("for clause");
  return f;
}

IfStmt* Parser::ifStmt() {
  Depth d(*this);
  auto* s = make<IfStmt>(pos());
  if (tooDeep()) return s;
  Header h = header(Tok::If);
  s->init = h.init;
  s->cond = h.condExpr;
  s->body = blockStmt("if clause");
  if (got(Tok::Else)) {
    if (tok_.tok == Tok::If) {
      s->else_ = ifStmt();
    } else if (tok_.tok == Tok::LBrace) {
      s->else_ = blockStmt("");
    } else {
      syntaxError("else must be followed by if or statement block");
      advance({Tok::Ident, Tok::RBrace});
    }
  }
  return s;
}

Stmt* Parser::switchStmt() {
  Pos p = pos();
  Header h = header(Tok::Switch);
  auto* body = make<BlockStmt>(pos());
  if (!got(Tok::LBrace)) {
    syntaxError("missing { after switch clause");
    advance({Tok::Case, Tok::Default, Tok::RBrace});
  }
  while (tok_.tok != Tok::EOF_ && tok_.tok != Tok::RBrace) body->list.push_back(caseClause());
  body->rbrace = pos();
  want(Tok::RBrace);
  bool isTypeSwitch = false;
  if (h.cond) {
    if (auto* es = dynCast<ExprStmt>(h.cond)) {
      auto* ta = dynCast<TypeAssertExpr>(es->x);
      isTypeSwitch = ta && !ta->type;
    } else {
      isTypeSwitch = true;  // x := y.(type)
    }
  }
  if (isTypeSwitch) {
    auto* s = make<TypeSwitchStmt>(p);
    s->init = h.init;
    s->assign = h.cond;
    s->body = body;
    return s;
  }
  auto* s = make<SwitchStmt>(p);
  s->init = h.init;
  s->tag = h.condExpr;
  s->body = body;
  return s;
}

SelectStmt* Parser::selectStmt() {
  auto* s = make<SelectStmt>(pos());
  want(Tok::Select);
  s->body = make<BlockStmt>(pos());
  if (!got(Tok::LBrace)) {
    syntaxError("missing { after select clause");
    advance({Tok::Case, Tok::Default, Tok::RBrace});
  }
  while (tok_.tok != Tok::EOF_ && tok_.tok != Tok::RBrace) s->body->list.push_back(commClause());
  s->body->rbrace = pos();
  want(Tok::RBrace);
  return s;
}

CaseClause* Parser::caseClause() {
  auto* c = make<CaseClause>(pos());
  switch (tok_.tok) {
    case Tok::Case:
      next();
      c->list = exprList();
      break;
    case Tok::Default:
      next();
      c->isDefault = true;
      break;
    default:
      syntaxError("expecting case or default or }");
      advance({Tok::Colon, Tok::Case, Tok::Default, Tok::RBrace});
  }
  c->colon = pos();
  want(Tok::Colon);
  c->body = stmtList();
  return c;
}

CommClause* Parser::commClause() {
  auto* c = make<CommClause>(pos());
  switch (tok_.tok) {
    case Tok::Case:
      next();
      c->comm = simpleStmt(nullptr, Tok::Illegal);
      break;
    case Tok::Default:
      next();
      break;
    default:
      syntaxError("expecting case or default or }");
      advance({Tok::Colon, Tok::Case, Tok::Default, Tok::RBrace});
  }
  c->colon = pos();
  want(Tok::Colon);
  c->body = stmtList();
  return c;
}

Stmt* Parser::stmtOrNil() {
  Depth d(*this);
  if (tooDeep()) return nullptr;
  Pos p = pos();
  if (tok_.tok == Tok::Ident) {
    std::vector<Expr*> lhs = exprList();
    if (lhs.size() == 1 && isa<Ident>(lhs[0]) && tok_.tok == Tok::Colon)
      return labeledStmtOrNil(cast<Ident>(lhs[0]));
    return simpleStmt(&lhs, Tok::Illegal);
  }
  switch (tok_.tok) {
    case Tok::Var: case Tok::Const: case Tok::Type:
      return declStmt();
    case Tok::LBrace:
      return blockStmt("");
    case Tok::Add: case Tok::Sub: case Tok::Mul: case Tok::And: case Tok::Xor: case Tok::Not:
    case Tok::Int: case Tok::Float: case Tok::Imag: case Tok::Char: case Tok::String:
    case Tok::Func: case Tok::LParen: case Tok::LBrack: case Tok::Struct: case Tok::Map:
    case Tok::Chan: case Tok::Interface: case Tok::Arrow:
      return simpleStmt(nullptr, Tok::Illegal);
    case Tok::For: return forStmt();
    case Tok::Switch: return switchStmt();
    case Tok::Select: return selectStmt();
    case Tok::If: return ifStmt();
    case Tok::Fallthrough: {
      auto* s = make<BranchStmt>(p);
      s->tok = Tok::Fallthrough;
      next();
      return s;
    }
    case Tok::Break: case Tok::Continue: {
      auto* s = make<BranchStmt>(p);
      s->tok = tok_.tok;
      next();
      if (tok_.tok == Tok::Ident) s->label = name();
      return s;
    }
    case Tok::Go: case Tok::Defer:
      return callStmt();
    case Tok::Goto: {
      auto* s = make<BranchStmt>(p);
      s->tok = Tok::Goto;
      next();
      s->label = name();
      return s;
    }
    case Tok::Return: {
      auto* s = make<ReturnStmt>(p);
      next();
      if (tok_.tok != Tok::Semicolon && tok_.tok != Tok::RBrace) s->results = exprList();
      return s;
    }
    case Tok::Semicolon: {
      auto* s = make<EmptyStmt>(p);
      s->implicit = tok_.lit != "semicolon";
      return s;
    }
    default:
      return nullptr;
  }
}

std::vector<Stmt*> Parser::stmtList() {
  std::vector<Stmt*> l;
  while (tok_.tok != Tok::EOF_ && tok_.tok != Tok::RBrace && tok_.tok != Tok::Case && tok_.tok != Tok::Default) {
    Stmt* s = stmtOrNil();
    if (!s) break;
    if (!isa<EmptyStmt>(s)) l.push_back(s);
    if (!got(Tok::Semicolon) && tok_.tok != Tok::RBrace) {
      syntaxError("at end of statement");
      advance({Tok::Semicolon, Tok::RBrace, Tok::Case, Tok::Default});
      got(Tok::Semicolon);
    }
  }
  return l;
}

}  // namespace

ast::File* parseFile(ast::Arena& arena, std::string_view src, uint32_t file, const ErrorFn& err, bool std) {
  Parser p(arena, src, file, err, std);
  return p.file();
}

}  // namespace gol
