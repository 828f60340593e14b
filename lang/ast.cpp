// ast.cpp — small helpers over the syntax tree.
#include "lang/ast.h"

namespace gol::ast {

size_t FieldList::numFields() const {
  size_t n = 0;
  for (const Field* f : list) n += f->names.empty() ? 1 : f->names.size();
  return n;
}

Expr* unparen(Expr* e) {
  while (auto* p = dynCast<ParenExpr>(e)) e = p->x;
  return e;
}

const Expr* unparen(const Expr* e) {
  while (auto* p = dynCast<ParenExpr>(e)) e = p->x;
  return e;
}

bool hasCallOrRecv(const Expr* e) {
  if (!e) return false;
  switch (e->kind) {
    case Kind::CallExpr: return true;
    case Kind::UnaryExpr: {
      auto* u = cast<UnaryExpr>(e);
      return u->op == Tok::Arrow || hasCallOrRecv(u->x);
    }
    case Kind::ParenExpr: return hasCallOrRecv(cast<ParenExpr>(e)->x);
    case Kind::SelectorExpr: return hasCallOrRecv(cast<SelectorExpr>(e)->x);
    case Kind::IndexExpr:
      return hasCallOrRecv(cast<IndexExpr>(e)->x) || hasCallOrRecv(cast<IndexExpr>(e)->index);
    case Kind::StarExpr: return hasCallOrRecv(cast<StarExpr>(e)->x);
    case Kind::BinaryExpr:
      return hasCallOrRecv(cast<BinaryExpr>(e)->x) || hasCallOrRecv(cast<BinaryExpr>(e)->y);
    case Kind::CompositeLit: {
      for (const Expr* el : cast<CompositeLit>(e)->elts)
        if (hasCallOrRecv(el)) return true;
      return false;
    }
    case Kind::KeyValueExpr:
      return hasCallOrRecv(cast<KeyValueExpr>(e)->key) || hasCallOrRecv(cast<KeyValueExpr>(e)->value);
    default: return false;
  }
}

void inspect(Node* n, const std::function<bool(Node*)>& f) {
  if (!n || !f(n)) return;
  auto all = [&](auto& v) {
    for (auto* c : v) inspect(c, f);
  };
  switch (n->kind) {
    case Kind::BadExpr: case Kind::Ident: case Kind::BasicLit: case Kind::BadStmt: case Kind::EmptyStmt: break;
    case Kind::Ellipsis: inspect(cast<Ellipsis>(n)->elt, f); break;
    case Kind::FuncLit: inspect(cast<FuncLit>(n)->type, f); inspect(cast<FuncLit>(n)->body, f); break;
    case Kind::CompositeLit: inspect(cast<CompositeLit>(n)->type, f); all(cast<CompositeLit>(n)->elts); break;
    case Kind::ParenExpr: inspect(cast<ParenExpr>(n)->x, f); break;
    case Kind::SelectorExpr: inspect(cast<SelectorExpr>(n)->x, f); inspect(cast<SelectorExpr>(n)->sel, f); break;
    case Kind::IndexExpr:
      inspect(cast<IndexExpr>(n)->x, f);
      inspect(cast<IndexExpr>(n)->index, f);
      all(cast<IndexExpr>(n)->more);
      break;
    case Kind::SliceExpr: {
      auto* s = cast<SliceExpr>(n);
      inspect(s->x, f);
      inspect(s->low, f);
      inspect(s->high, f);
      inspect(s->max, f);
      break;
    }
    case Kind::TypeAssertExpr: inspect(cast<TypeAssertExpr>(n)->x, f); inspect(cast<TypeAssertExpr>(n)->type, f); break;
    case Kind::CallExpr: inspect(cast<CallExpr>(n)->fun, f); all(cast<CallExpr>(n)->args); break;
    case Kind::StarExpr: inspect(cast<StarExpr>(n)->x, f); break;
    case Kind::UnaryExpr: inspect(cast<UnaryExpr>(n)->x, f); break;
    case Kind::BinaryExpr: inspect(cast<BinaryExpr>(n)->x, f); inspect(cast<BinaryExpr>(n)->y, f); break;
    case Kind::KeyValueExpr: inspect(cast<KeyValueExpr>(n)->key, f); inspect(cast<KeyValueExpr>(n)->value, f); break;
    case Kind::ArrayType: inspect(cast<ArrayType>(n)->len, f); inspect(cast<ArrayType>(n)->elt, f); break;
    case Kind::StructType: inspect(cast<StructType>(n)->fields, f); break;
    case Kind::FuncType:
      inspect(cast<FuncType>(n)->typeParams, f);
      inspect(cast<FuncType>(n)->params, f); inspect(cast<FuncType>(n)->results, f); break;
    case Kind::InterfaceType: inspect(cast<InterfaceType>(n)->methods, f); break;
    case Kind::MapType: inspect(cast<MapType>(n)->key, f); inspect(cast<MapType>(n)->value, f); break;
    case Kind::ChanType: inspect(cast<ChanType>(n)->value, f); break;
    case Kind::DeclStmt: inspect(cast<DeclStmt>(n)->decl, f); break;
    case Kind::LabeledStmt: inspect(cast<LabeledStmt>(n)->label, f); inspect(cast<LabeledStmt>(n)->stmt, f); break;
    case Kind::ExprStmt: inspect(cast<ExprStmt>(n)->x, f); break;
    case Kind::SendStmt: inspect(cast<SendStmt>(n)->chan, f); inspect(cast<SendStmt>(n)->value, f); break;
    case Kind::IncDecStmt: inspect(cast<IncDecStmt>(n)->x, f); break;
    case Kind::AssignStmt: all(cast<AssignStmt>(n)->lhs); all(cast<AssignStmt>(n)->rhs); break;
    case Kind::GoStmt: inspect(cast<GoStmt>(n)->call, f); break;
    case Kind::DeferStmt: inspect(cast<DeferStmt>(n)->call, f); break;
    case Kind::ReturnStmt: all(cast<ReturnStmt>(n)->results); break;
    case Kind::BranchStmt: inspect(cast<BranchStmt>(n)->label, f); break;
    case Kind::BlockStmt: all(cast<BlockStmt>(n)->list); break;
    case Kind::IfStmt: {
      auto* s = cast<IfStmt>(n);
      inspect(s->init, f);
      inspect(s->cond, f);
      inspect(s->body, f);
      inspect(s->else_, f);
      break;
    }
    case Kind::CaseClause: all(cast<CaseClause>(n)->list); all(cast<CaseClause>(n)->body); break;
    case Kind::SwitchStmt: {
      auto* s = cast<SwitchStmt>(n);
      inspect(s->init, f);
      inspect(s->tag, f);
      inspect(s->body, f);
      break;
    }
    case Kind::TypeSwitchStmt: {
      auto* s = cast<TypeSwitchStmt>(n);
      inspect(s->init, f);
      inspect(s->assign, f);
      inspect(s->body, f);
      break;
    }
    case Kind::CommClause: inspect(cast<CommClause>(n)->comm, f); all(cast<CommClause>(n)->body); break;
    case Kind::SelectStmt: inspect(cast<SelectStmt>(n)->body, f); break;
    case Kind::ForStmt: {
      auto* s = cast<ForStmt>(n);
      inspect(s->init, f);
      inspect(s->cond, f);
      inspect(s->post, f);
      inspect(s->body, f);
      break;
    }
    case Kind::RangeStmt: {
      auto* s = cast<RangeStmt>(n);
      inspect(s->key, f);
      inspect(s->value, f);
      inspect(s->x, f);
      inspect(s->body, f);
      break;
    }
    case Kind::ImportSpec: inspect(cast<ImportSpec>(n)->name, f); inspect(cast<ImportSpec>(n)->path, f); break;
    case Kind::ValueSpec: all(cast<ValueSpec>(n)->names); inspect(cast<ValueSpec>(n)->type, f); all(cast<ValueSpec>(n)->values); break;
    case Kind::TypeSpec:
      inspect(cast<TypeSpec>(n)->name, f);
      inspect(cast<TypeSpec>(n)->typeParams, f);
      inspect(cast<TypeSpec>(n)->type, f);
      break;
    case Kind::GenDecl: all(cast<GenDecl>(n)->specs); break;
    case Kind::FuncDecl: {
      auto* d = cast<FuncDecl>(n);
      inspect(d->recv, f);
      inspect(d->name, f);
      inspect(d->type, f);
      inspect(d->body, f);
      break;
    }
    case Kind::Field: all(cast<Field>(n)->names); inspect(cast<Field>(n)->type, f); inspect(cast<Field>(n)->tag, f); break;
    case Kind::FieldList: all(cast<FieldList>(n)->list); break;
    case Kind::File: inspect(cast<File>(n)->name, f); all(cast<File>(n)->decls); break;
  }
}

}  // namespace gol::ast
