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

}  // namespace gol::ast
