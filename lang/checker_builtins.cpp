// checker_builtins.cpp — calls of predeclared functions (go/types builtins.go)
// plus min, max and clear from Go 1.21.
//
// Invariants: argument counts are checked before argument types; every
// argument expression is checked exactly once (even after an error) so that
// Info is complete and variables count as used; complex/real/imag are
// rejected as unsupported by gol.
#include <utility>

#include "lang/checker_internal.h"

namespace gol {

void Checker::builtinCall(Operand& x, ast::CallExpr* call, BuiltinId id) {
  static const struct {
    const char* name;
    size_t nargs;
    bool variadic;
  } info[] = {
      {"append", 1, true}, {"cap", 1, false},  {"clear", 1, false},   {"close", 1, false},  {"complex", 2, false},
      {"copy", 2, false},  {"delete", 2, false}, {"imag", 1, false},  {"len", 1, false},    {"make", 1, true},
      {"max", 1, true},    {"min", 1, true},   {"new", 1, false},     {"panic", 1, false},  {"print", 0, true},
      {"println", 0, true}, {"real", 1, false}, {"recover", 0, false},
  };
  const auto& bin = info[size_t(id)];
  std::string name = bin.name;
  x.expr = call;
  if (id == BuiltinId::Complex || id == BuiltinId::Real || id == BuiltinId::Imag) {
    error(call->pos, "complex numbers are not supported by gol (built-in " + name + ")");
    useExprs(call->args);
    x.mode = Mode::Invalid;
    return;
  }
  if (call->hasEllipsis() && id != BuiltinId::Append) {
    error(call->pos, "invalid operation: invalid use of ... with built-in " + name);
    useExprs(call->args);
    x.mode = Mode::Invalid;
    return;
  }
  size_t nargs = call->args.size();
  // evaluate arguments (make/new take a type first)
  std::vector<Operand> args;
  if (id != BuiltinId::Make && id != BuiltinId::New) {
    if (nargs == 1) {
      multiExpr(args, call->args[0]);
    } else {
      for (size_t i = 0; i < nargs; i++) {
        Operand o;
        Type* hint = nullptr;
        if (id == BuiltinId::Append && i > 0 && !args.empty() && !args[0].invalid())
          if (auto* s = as<Slice>(args[0].type->underlying())) hint = s->elem;
        exprWithHint(o, call->args[i], hint);
        args.push_back(o);
      }
    }
    for (auto& a : args)
      if (a.invalid()) {
        x.mode = Mode::Invalid;
        return;
      }
    nargs = args.size();
  }
  const char* countMsg = nargs < bin.nargs ? "not enough" : (!bin.variadic && nargs > bin.nargs ? "too many" : nullptr);
  if (countMsg) {
    error(call->pos, "invalid operation: " + std::string(countMsg) + " arguments for " + exprStr(call) + " (expected " +
                         std::to_string(bin.nargs) + ", found " + std::to_string(nargs) + ")");
    if (id == BuiltinId::Make || id == BuiltinId::New) useExprs(call->args);
    x.mode = Mode::Invalid;
    return;
  }
  Type* intT = store_.basic(BasicKind::Int);
  switch (id) {
    case BuiltinId::Append: {
      Operand& s = args[0];
      auto* st = as<Slice>(s.type->underlying());
      if (!st) {
        if (s.isNil()) error(s.expr->pos, "first argument to append must be a typed slice; found untyped nil");
        else error(s.expr->pos, "first argument to append must be a slice; have " + operandStr(s));
        x.mode = Mode::Invalid;
        return;
      }
      if (call->hasEllipsis()) {
        if (nargs != 2) {
          error(call->pos, "invalid operation: can only use ... with final argument in list");
          x.mode = Mode::Invalid;
          return;
        }
        // append([]byte, string...)
        auto* eb = as<Basic>(st->elem->underlying());
        if (eb && eb->bkind == BasicKind::Uint8 && isString(args[1].type)) {
          if (isUntyped(args[1].type)) implicitConvert(args[1], store_.basic(BasicKind::String));
        } else {
          assignment(args[1], s.type, "argument to append");
        }
      } else {
        for (size_t i = 1; i < nargs; i++) assignment(args[i], st->elem, "argument to append");
      }
      x.mode = Mode::Value;
      x.type = s.type;
      return;
    }
    case BuiltinId::Cap:
    case BuiltinId::Len: {
      Operand& a = args[0];
      Type* t = a.type->underlying();
      if (auto* p = as<Pointer>(t))
        if (as<Array>(p->elem->underlying())) t = p->elem->underlying();
      Mode mode = Mode::Invalid;
      constant::Value val;
      switch (t->kind) {
        case TypeKind::Basic:
          if (isString(t) && id == BuiltinId::Len) {
            if (a.mode == Mode::Constant) {
              mode = Mode::Constant;
              val = constant::Value::makeInt64(int64_t(a.val.stringVal().size()));
            } else {
              mode = Mode::Value;
            }
          }
          break;
        case TypeKind::Array:
          mode = Mode::Value;
          if (!ast::hasCallOrRecv(a.expr)) {
            mode = Mode::Constant;
            val = constant::Value::makeInt64(static_cast<Array*>(t)->len);
          }
          break;
        case TypeKind::Slice: case TypeKind::Chan: mode = Mode::Value; break;
        case TypeKind::Map: if (id == BuiltinId::Len) mode = Mode::Value; break;
        default: break;
      }
      if (mode == Mode::Invalid) {
        error(a.expr->pos, "invalid argument: " + operandStr(a) + " for " + name);
        x.mode = Mode::Invalid;
        return;
      }
      if (isUntyped(a.type)) implicitConvert(a, store_.basic(BasicKind::String));
      x.mode = mode;
      x.type = intT;
      x.val = val;
      return;
    }
    case BuiltinId::Clear: {
      Type* t = args[0].type->underlying();
      if (t->kind != TypeKind::Map && t->kind != TypeKind::Slice) {
        error(args[0].expr->pos, "invalid argument: " + operandStr(args[0]) + " is not a map or slice");
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::NoValue;
      x.type = store_.emptyTuple();
      return;
    }
    case BuiltinId::Close: {
      auto* c = as<Chan>(args[0].type->underlying());
      if (!c) {
        error(args[0].expr->pos, "invalid operation: cannot close non-channel " + operandStr(args[0]));
        x.mode = Mode::Invalid;
        return;
      }
      if (c->dir == ChanDir::RecvOnly) {
        error(args[0].expr->pos, "invalid operation: cannot close receive-only channel " + operandStr(args[0]));
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::NoValue;
      x.type = store_.emptyTuple();
      return;
    }
    case BuiltinId::Copy: {
      Operand &dst = args[0], &src = args[1];
      auto* ds = as<Slice>(dst.type->underlying());
      Type* srcElem = nullptr;
      if (auto* ss = as<Slice>(src.type->underlying())) srcElem = ss->elem;
      else if (isString(src.type)) srcElem = store_.byteType();
      if (!ds || !srcElem) {
        error(dst.expr->pos, "invalid argument: copy expects slice arguments; found " + operandStr(dst) + " and " + operandStr(src));
        x.mode = Mode::Invalid;
        return;
      }
      if (!identical(ds->elem, srcElem)) {
        error(dst.expr->pos, "invalid argument: arguments to copy " + operandStr(dst) + " and " + operandStr(src) +
                                 " have different element types " + typeStr(ds->elem) + " and " + typeStr(srcElem));
        x.mode = Mode::Invalid;
        return;
      }
      if (isUntyped(src.type)) implicitConvert(src, store_.basic(BasicKind::String));
      x.mode = Mode::Value;
      x.type = intT;
      return;
    }
    case BuiltinId::Delete: {
      auto* m = as<Map>(args[0].type->underlying());
      if (!m) {
        error(args[0].expr->pos, "invalid argument: " + operandStr(args[0]) + " is not a map");
        x.mode = Mode::Invalid;
        return;
      }
      assignment(args[1], m->key, "argument to delete");
      if (args[1].invalid()) {
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::NoValue;
      x.type = store_.emptyTuple();
      return;
    }
    case BuiltinId::Make: {
      Pos savedSizePos = std::exchange(sizePos_, call->lparen);
      Type* T = typExpr(call->args[0]);
      sizePos_ = savedSizePos;
      if (T == store_.invalid()) {
        useExprs({call->args.begin() + 1, call->args.end()});
        x.mode = Mode::Invalid;
        return;
      }
      size_t min = 1;
      switch (T->underlying()->kind) {
        case TypeKind::Slice: min = 2; break;
        case TypeKind::Map: case TypeKind::Chan: break;
        default:
          error(call->args[0]->pos, "invalid argument: cannot make " + exprStr(call->args[0]) + "; type must be slice, map, or channel");
          useExprs({call->args.begin() + 1, call->args.end()});
          x.mode = Mode::Invalid;
          return;
      }
      if (nargs < min || nargs > min + 1) {
        error(call->pos, "invalid operation: " + exprStr(call) + " expects " + std::to_string(min) + " or " +
                             std::to_string(min + 1) + " arguments; found " + std::to_string(nargs));
        useExprs({call->args.begin() + 1, call->args.end()});
        x.mode = Mode::Invalid;
        return;
      }
      int64_t sizes[2] = {-1, -1};
      bool ok = true;
      for (size_t i = 1; i < nargs; i++) {
        int64_t v;
        if (!index(call->args[i], -1, &v)) ok = false;
        sizes[i - 1] = v;
      }
      if (ok && sizes[0] >= 0 && sizes[1] >= 0 && sizes[0] > sizes[1]) {
        error(call->args[1]->pos, "invalid argument: length and capacity swapped");
      }
      x.mode = Mode::Value;
      x.type = T;
      return;
    }
    case BuiltinId::New: {
      Type* T = typExpr(call->args[0]);
      x.mode = T == store_.invalid() ? Mode::Invalid : Mode::Value;
      x.type = store_.newType<Pointer>(T);
      return;
    }
    case BuiltinId::Panic: {
      assignment(args[0], store_.anyType(), "argument to panic");
      if (args[0].invalid()) {
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::NoValue;
      x.type = store_.emptyTuple();
      return;
    }
    case BuiltinId::Print:
    case BuiltinId::Println: {
      for (auto& a : args) {
        assignment(a, nullptr, "argument to " + name);
        if (a.invalid()) {
          x.mode = Mode::Invalid;
          return;
        }
      }
      x.mode = Mode::NoValue;
      x.type = store_.emptyTuple();
      return;
    }
    case BuiltinId::Recover:
      x.mode = Mode::Value;
      x.type = store_.anyType();
      return;
    case BuiltinId::Max:
    case BuiltinId::Min: {
      Operand acc = args[0];
      for (size_t i = 0; i < nargs; i++) {
        Operand& a = args[i];
        if (!isOrdered(a.type)) {
          error(a.expr->pos, "invalid argument: " + operandStr(a) + " cannot be ordered");
          x.mode = Mode::Invalid;
          return;
        }
        if (i == 0) continue;
        matchTypes(acc, a);
        if (acc.invalid()) {
          x.mode = Mode::Invalid;
          return;
        }
        if (!identical(acc.type, a.type)) {
          error(a.expr->pos, "invalid argument: mismatched types " + typeStr(acc.type) + " (previous argument) and " +
                                 typeStr(a.type) + " (type of " + exprStr(a.expr) + ")");
          x.mode = Mode::Invalid;
          return;
        }
        if (acc.mode == Mode::Constant && a.mode == Mode::Constant) {
          bool less = constant::compare(a.val, Tok::Lss, acc.val);
          if ((id == BuiltinId::Min) == less) acc.val = a.val;
        } else {
          acc.mode = Mode::Value;
        }
      }
      // all operands take the final type
      if (acc.mode != Mode::Constant)
        for (auto& a : args) {
          implicitConvert(a, acc.type);
          if (isUntyped(a.type)) updateExprType(a.expr, defaultType(a.type), true);
        }
      if (acc.mode != Mode::Constant && isUntyped(acc.type)) acc.type = defaultType(acc.type);
      x.mode = acc.mode;
      x.type = acc.type;
      x.val = acc.val;
      return;
    }
    default:
      error(call->pos, "built-in " + name + " is not supported by gol");
      x.mode = Mode::Invalid;
      return;
  }
}

}  // namespace gol
