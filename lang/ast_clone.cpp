// ast_clone.cpp — deep copies of syntax trees (ast::clone).
//
// Invariants: the copy shares no node with the original (Info is keyed by
// node pointers, so a shared node would get one entry for two meanings);
// every field of every node kind is copied, positions included, so messages
// and tracebacks about an instance point at the generic source.
#include "lang/ast.h"

namespace gol::ast {

namespace {

class Cloner {
 public:
  explicit Cloner(Arena& a) : arena_(a) {}

  template <class T>
  T* of(const T* n) {
    return n ? static_cast<T*>(node(n)) : nullptr;
  }
  template <class T>
  std::vector<T*> all(const std::vector<T*>& v) {
    std::vector<T*> out;
    out.reserve(v.size());
    for (const T* n : v) out.push_back(of(n));
    return out;
  }

  Node* node(const Node* n) {
    switch (n->kind) {
      case Kind::BadExpr: return make<BadExpr>(n);
      case Kind::Ident: {
        auto* c = make<Ident>(n);
        c->name = cast<Ident>(n)->name;
        return c;
      }
      case Kind::Ellipsis: {
        auto* c = make<Ellipsis>(n);
        c->elt = of(cast<Ellipsis>(n)->elt);
        return c;
      }
      case Kind::BasicLit: {
        auto* o = cast<BasicLit>(n);
        auto* c = make<BasicLit>(n);
        c->tok = o->tok;
        c->value = o->value;
        c->bad = o->bad;
        return c;
      }
      case Kind::FuncLit: {
        auto* c = make<FuncLit>(n);
        c->type = of(cast<FuncLit>(n)->type);
        c->body = of(cast<FuncLit>(n)->body);
        return c;
      }
      case Kind::CompositeLit: {
        auto* o = cast<CompositeLit>(n);
        auto* c = make<CompositeLit>(n);
        c->type = of(o->type);
        c->lbrace = o->lbrace;
        c->rbrace = o->rbrace;
        c->elts = all(o->elts);
        return c;
      }
      case Kind::ParenExpr: {
        auto* c = make<ParenExpr>(n);
        c->x = of(cast<ParenExpr>(n)->x);
        return c;
      }
      case Kind::SelectorExpr: {
        auto* c = make<SelectorExpr>(n);
        c->x = of(cast<SelectorExpr>(n)->x);
        c->sel = of(cast<SelectorExpr>(n)->sel);
        return c;
      }
      case Kind::IndexExpr: {
        auto* o = cast<IndexExpr>(n);
        auto* c = make<IndexExpr>(n);
        c->x = of(o->x);
        c->lbrack = o->lbrack;
        c->index = of(o->index);
        c->more = all(o->more);
        return c;
      }
      case Kind::SliceExpr: {
        auto* o = cast<SliceExpr>(n);
        auto* c = make<SliceExpr>(n);
        c->x = of(o->x);
        c->lbrack = o->lbrack;
        c->low = of(o->low);
        c->high = of(o->high);
        c->max = of(o->max);
        c->slice3 = o->slice3;
        return c;
      }
      case Kind::TypeAssertExpr: {
        auto* c = make<TypeAssertExpr>(n);
        c->x = of(cast<TypeAssertExpr>(n)->x);
        c->type = of(cast<TypeAssertExpr>(n)->type);
        return c;
      }
      case Kind::CallExpr: {
        auto* o = cast<CallExpr>(n);
        auto* c = make<CallExpr>(n);
        c->fun = of(o->fun);
        c->lparen = o->lparen;
        c->args = all(o->args);
        c->ellipsis = o->ellipsis;
        c->rparen = o->rparen;
        return c;
      }
      case Kind::StarExpr: {
        auto* c = make<StarExpr>(n);
        c->x = of(cast<StarExpr>(n)->x);
        return c;
      }
      case Kind::UnaryExpr: {
        auto* c = make<UnaryExpr>(n);
        c->op = cast<UnaryExpr>(n)->op;
        c->x = of(cast<UnaryExpr>(n)->x);
        return c;
      }
      case Kind::BinaryExpr: {
        auto* o = cast<BinaryExpr>(n);
        auto* c = make<BinaryExpr>(n);
        c->x = of(o->x);
        c->opPos = o->opPos;
        c->op = o->op;
        c->y = of(o->y);
        return c;
      }
      case Kind::KeyValueExpr: {
        auto* o = cast<KeyValueExpr>(n);
        auto* c = make<KeyValueExpr>(n);
        c->key = of(o->key);
        c->colon = o->colon;
        c->value = of(o->value);
        return c;
      }
      case Kind::ArrayType: {
        auto* c = make<ArrayType>(n);
        c->len = of(cast<ArrayType>(n)->len);
        c->elt = of(cast<ArrayType>(n)->elt);
        return c;
      }
      case Kind::StructType: {
        auto* c = make<StructType>(n);
        c->fields = of(cast<StructType>(n)->fields);
        return c;
      }
      case Kind::FuncType: {
        auto* o = cast<FuncType>(n);
        auto* c = make<FuncType>(n);
        c->typeParams = of(o->typeParams);
        c->params = of(o->params);
        c->results = of(o->results);
        return c;
      }
      case Kind::InterfaceType: {
        auto* c = make<InterfaceType>(n);
        c->methods = of(cast<InterfaceType>(n)->methods);
        return c;
      }
      case Kind::MapType: {
        auto* c = make<MapType>(n);
        c->key = of(cast<MapType>(n)->key);
        c->value = of(cast<MapType>(n)->value);
        return c;
      }
      case Kind::ChanType: {
        auto* c = make<ChanType>(n);
        c->dir = cast<ChanType>(n)->dir;
        c->value = of(cast<ChanType>(n)->value);
        return c;
      }
      case Kind::BadStmt: return make<BadStmt>(n);
      case Kind::DeclStmt: {
        auto* c = make<DeclStmt>(n);
        c->decl = of(cast<DeclStmt>(n)->decl);
        return c;
      }
      case Kind::EmptyStmt: {
        auto* c = make<EmptyStmt>(n);
        c->implicit = cast<EmptyStmt>(n)->implicit;
        return c;
      }
      case Kind::LabeledStmt: {
        auto* c = make<LabeledStmt>(n);
        c->label = of(cast<LabeledStmt>(n)->label);
        c->stmt = of(cast<LabeledStmt>(n)->stmt);
        return c;
      }
      case Kind::ExprStmt: {
        auto* c = make<ExprStmt>(n);
        c->x = of(cast<ExprStmt>(n)->x);
        return c;
      }
      case Kind::SendStmt: {
        auto* o = cast<SendStmt>(n);
        auto* c = make<SendStmt>(n);
        c->chan = of(o->chan);
        c->arrow = o->arrow;
        c->value = of(o->value);
        return c;
      }
      case Kind::IncDecStmt: {
        auto* c = make<IncDecStmt>(n);
        c->x = of(cast<IncDecStmt>(n)->x);
        c->tok = cast<IncDecStmt>(n)->tok;
        return c;
      }
      case Kind::AssignStmt: {
        auto* o = cast<AssignStmt>(n);
        auto* c = make<AssignStmt>(n);
        c->lhs = all(o->lhs);
        c->tokPos = o->tokPos;
        c->tok = o->tok;
        c->rhs = all(o->rhs);
        return c;
      }
      case Kind::GoStmt: {
        auto* c = make<GoStmt>(n);
        c->call = of(cast<GoStmt>(n)->call);
        return c;
      }
      case Kind::DeferStmt: {
        auto* c = make<DeferStmt>(n);
        c->call = of(cast<DeferStmt>(n)->call);
        return c;
      }
      case Kind::ReturnStmt: {
        auto* c = make<ReturnStmt>(n);
        c->results = all(cast<ReturnStmt>(n)->results);
        return c;
      }
      case Kind::BranchStmt: {
        auto* c = make<BranchStmt>(n);
        c->tok = cast<BranchStmt>(n)->tok;
        c->label = of(cast<BranchStmt>(n)->label);
        return c;
      }
      case Kind::BlockStmt: {
        auto* c = make<BlockStmt>(n);
        c->list = all(cast<BlockStmt>(n)->list);
        c->rbrace = cast<BlockStmt>(n)->rbrace;
        return c;
      }
      case Kind::IfStmt: {
        auto* o = cast<IfStmt>(n);
        auto* c = make<IfStmt>(n);
        c->init = of(o->init);
        c->cond = of(o->cond);
        c->body = of(o->body);
        c->else_ = of(o->else_);
        return c;
      }
      case Kind::CaseClause: {
        auto* o = cast<CaseClause>(n);
        auto* c = make<CaseClause>(n);
        c->list = all(o->list);
        c->isDefault = o->isDefault;
        c->colon = o->colon;
        c->body = all(o->body);
        return c;
      }
      case Kind::SwitchStmt: {
        auto* o = cast<SwitchStmt>(n);
        auto* c = make<SwitchStmt>(n);
        c->init = of(o->init);
        c->tag = of(o->tag);
        c->body = of(o->body);
        return c;
      }
      case Kind::TypeSwitchStmt: {
        auto* o = cast<TypeSwitchStmt>(n);
        auto* c = make<TypeSwitchStmt>(n);
        c->init = of(o->init);
        c->assign = of(o->assign);
        c->body = of(o->body);
        return c;
      }
      case Kind::CommClause: {
        auto* o = cast<CommClause>(n);
        auto* c = make<CommClause>(n);
        c->comm = of(o->comm);
        c->colon = o->colon;
        c->body = all(o->body);
        return c;
      }
      case Kind::SelectStmt: {
        auto* c = make<SelectStmt>(n);
        c->body = of(cast<SelectStmt>(n)->body);
        return c;
      }
      case Kind::ForStmt: {
        auto* o = cast<ForStmt>(n);
        auto* c = make<ForStmt>(n);
        c->init = of(o->init);
        c->cond = of(o->cond);
        c->post = of(o->post);
        c->body = of(o->body);
        return c;
      }
      case Kind::RangeStmt: {
        auto* o = cast<RangeStmt>(n);
        auto* c = make<RangeStmt>(n);
        c->key = of(o->key);
        c->value = of(o->value);
        c->tokPos = o->tokPos;
        c->tok = o->tok;
        c->x = of(o->x);
        c->body = of(o->body);
        return c;
      }
      case Kind::ImportSpec: {
        auto* c = make<ImportSpec>(n);
        c->name = of(cast<ImportSpec>(n)->name);
        c->path = of(cast<ImportSpec>(n)->path);
        return c;
      }
      case Kind::ValueSpec: {
        auto* o = cast<ValueSpec>(n);
        auto* c = make<ValueSpec>(n);
        c->names = all(o->names);
        c->type = of(o->type);
        c->values = all(o->values);
        c->iota = o->iota;
        return c;
      }
      case Kind::TypeSpec: {
        auto* o = cast<TypeSpec>(n);
        auto* c = make<TypeSpec>(n);
        c->name = of(o->name);
        c->typeParams = of(o->typeParams);
        c->assign = o->assign;
        c->type = of(o->type);
        return c;
      }
      case Kind::GenDecl: {
        auto* o = cast<GenDecl>(n);
        auto* c = make<GenDecl>(n);
        c->tok = o->tok;
        c->lparen = o->lparen;
        c->specs = all(o->specs);
        return c;
      }
      case Kind::FuncDecl: {
        auto* o = cast<FuncDecl>(n);
        auto* c = make<FuncDecl>(n);
        c->recv = of(o->recv);
        c->name = of(o->name);
        c->type = of(o->type);
        c->body = of(o->body);
        return c;
      }
      case Kind::Field: {
        auto* o = cast<Field>(n);
        auto* c = make<Field>(n);
        c->names = all(o->names);
        c->type = of(o->type);
        c->tag = of(o->tag);
        return c;
      }
      case Kind::FieldList: {
        auto* o = cast<FieldList>(n);
        auto* c = make<FieldList>(n);
        c->closing = o->closing;
        for (const Field* f : o->list) c->list.push_back(of(f));
        return c;
      }
      case Kind::File: {
        auto* o = cast<File>(n);
        auto* c = make<File>(n);
        c->name = of(o->name);
        c->decls = all(o->decls);
        c->imports = all(o->imports);
        c->rejectedNames = o->rejectedNames;
        return c;
      }
    }
    return nullptr;
  }

 private:
  template <class T>
  T* make(const Node* n) {
    return arena_.make<T>(n->pos);
  }
  Arena& arena_;
};

}  // namespace

Node* clone(Arena& arena, const Node* n) { return n ? Cloner(arena).node(n) : nullptr; }

}  // namespace gol::ast
