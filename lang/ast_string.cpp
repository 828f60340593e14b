// ast_string.cpp — expressions printed as gc's syntax.String (short form).
//
// The output must match gc's messages byte for byte, so the spacing rules are
// those of cmd/compile/internal/syntax/printer.go: binary operators are
// surrounded by blanks, function and composite literal bodies become "…".
#include "lang/ast.h"

namespace gol::ast {
namespace {

void print(std::string& out, const Expr* e);

void printList(std::string& out, const std::vector<Expr*>& l) {
  for (size_t i = 0; i < l.size(); i++) {
    if (i) out += ", ";
    print(out, l[i]);
  }
}

void printFields(std::string& out, const FieldList* fl, const char* sep) {
  if (!fl) return;
  for (size_t i = 0; i < fl->list.size(); i++) {
    const Field* f = fl->list[i];
    if (i) out += sep;
    for (size_t k = 0; k < f->names.size(); k++) {
      if (k) out += ", ";
      out += f->names[k]->name;
    }
    if (!f->names.empty()) out += " ";
    print(out, f->type);
    if (f->tag) out += " " + f->tag->value;
  }
}

void printSignature(std::string& out, const FuncType* ft) {
  out += "(";
  printFields(out, ft->params, ", ");
  out += ")";
  const FieldList* r = ft->results;
  if (!r || r->list.empty()) return;
  out += " ";
  if (r->list.size() == 1 && r->list[0]->names.empty()) {
    print(out, r->list[0]->type);
    return;
  }
  out += "(";
  printFields(out, r, ", ");
  out += ")";
}

void printMethods(std::string& out, const FieldList* fl) {
  for (size_t i = 0; i < fl->list.size(); i++) {
    const Field* f = fl->list[i];
    if (i) out += "; ";
    if (!f->names.empty()) {
      out += f->names[0]->name;
      printSignature(out, cast<FuncType>(f->type));
    } else {
      print(out, f->type);
    }
  }
}

void print(std::string& out, const Expr* e) {
  if (!e) return;
  switch (e->kind) {
    case Kind::BadExpr: out += "<bad expr>"; return;
    case Kind::Ident: out += cast<Ident>(e)->name; return;
    case Kind::BasicLit: out += cast<BasicLit>(e)->value; return;
    case Kind::Ellipsis:
      out += "...";
      print(out, cast<Ellipsis>(e)->elt);
      return;
    case Kind::FuncLit: {
      auto* f = cast<FuncLit>(e);
      print(out, f->type);
      out += f->body && !f->body->list.empty() ? " {…}" : " {}";
      return;
    }
    case Kind::CompositeLit: {
      auto* c = cast<CompositeLit>(e);
      print(out, c->type);
      out += c->elts.empty() ? "{}" : "{…}";
      return;
    }
    case Kind::ParenExpr:
      out += "(";
      print(out, cast<ParenExpr>(e)->x);
      out += ")";
      return;
    case Kind::SelectorExpr:
      print(out, cast<SelectorExpr>(e)->x);
      out += ".";
      out += cast<SelectorExpr>(e)->sel->name;
      return;
    case Kind::IndexExpr:
      print(out, cast<IndexExpr>(e)->x);
      out += "[";
      print(out, cast<IndexExpr>(e)->index);
      for (const Expr* m : cast<IndexExpr>(e)->more) {
        out += ", ";
        print(out, m);
      }
      out += "]";
      return;
    case Kind::SliceExpr: {
      auto* s = cast<SliceExpr>(e);
      print(out, s->x);
      out += "[";
      print(out, s->low);
      out += ":";
      print(out, s->high);
      if (s->max) {
        out += ":";
        print(out, s->max);
      }
      out += "]";
      return;
    }
    case Kind::TypeAssertExpr: {
      auto* t = cast<TypeAssertExpr>(e);
      print(out, t->x);
      out += ".(";
      if (t->type) print(out, t->type);
      else out += "type";
      out += ")";
      return;
    }
    case Kind::CallExpr: {
      auto* c = cast<CallExpr>(e);
      print(out, c->fun);
      out += "(";
      printList(out, c->args);
      if (c->hasEllipsis()) out += "...";
      out += ")";
      return;
    }
    case Kind::StarExpr:
      out += "*";
      print(out, cast<StarExpr>(e)->x);
      return;
    case Kind::UnaryExpr:
      out += tokString(cast<UnaryExpr>(e)->op);
      print(out, cast<UnaryExpr>(e)->x);
      return;
    case Kind::BinaryExpr: {
      auto* b = cast<BinaryExpr>(e);
      print(out, b->x);
      out += " ";
      out += tokString(b->op);
      out += " ";
      print(out, b->y);
      return;
    }
    case Kind::KeyValueExpr:
      print(out, cast<KeyValueExpr>(e)->key);
      out += ": ";
      print(out, cast<KeyValueExpr>(e)->value);
      return;
    case Kind::ArrayType: {
      auto* a = cast<ArrayType>(e);
      out += "[";
      if (a->len) print(out, a->len);
      out += "]";
      print(out, a->elt);
      return;
    }
    case Kind::StructType:
      out += "struct{";
      printFields(out, cast<StructType>(e)->fields, "; ");
      out += "}";
      return;
    case Kind::FuncType:
      out += "func";
      printSignature(out, cast<FuncType>(e));
      return;
    case Kind::InterfaceType:
      out += "interface{";
      printMethods(out, cast<InterfaceType>(e)->methods);
      out += "}";
      return;
    case Kind::MapType:
      out += "map[";
      print(out, cast<MapType>(e)->key);
      out += "]";
      print(out, cast<MapType>(e)->value);
      return;
    case Kind::ChanType: {
      auto* c = cast<ChanType>(e);
      if (c->dir == ChanDir::Recv) out += "<-";
      out += "chan";
      if (c->dir == ChanDir::Send) out += "<-";
      out += " ";
      auto* inner = dynCast<ChanType>(c->value);
      if (c->dir == ChanDir::Both && inner && inner->dir == ChanDir::Recv) {
        out += "(";
        print(out, c->value);
        out += ")";
      } else {
        print(out, c->value);
      }
      return;
    }
    default: out += "<stmt>"; return;
  }
}

}  // namespace

std::string exprString(const Expr* e) {
  std::string out;
  print(out, e);
  return out;
}

}  // namespace gol::ast
