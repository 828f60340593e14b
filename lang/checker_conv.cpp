// checker_conv.cpp — assignability, implicit conversion of untyped values,
// constant representability and explicit conversions (go/types
// assignments.go, operand.go, conversions.go, expr.go representable).
//
// Invariants: a constant of a typed kind is always representable in its type
// (checked after every constant operation); untyped operands become typed
// only through implicitConvert, which also updates the recorded types of the
// expression tree.
#include <cmath>

#include "lang/checker_internal.h"
#include "lang/lexer.h"

namespace gol {

static const char* modeString(Mode m) {
  switch (m) {
    case Mode::Invalid: return "invalid operand";
    case Mode::NoValue: return "no value";
    case Mode::Builtin: return "built-in";
    case Mode::TypeExpr: return "type";
    case Mode::Constant: return "constant";
    case Mode::Variable: return "variable";
    case Mode::MapIndex: return "map index expression";
    case Mode::Value: return "value";
    case Mode::CommaOK: return "comma, ok expression";
  }
  return "";
}

std::string Checker::operandStr(const Operand& x) const {
  if (x.mode == Mode::Value && x.type && x.type->kind == TypeKind::Basic &&
      static_cast<Basic*>(x.type)->bkind == BasicKind::UntypedNil)
    return "nil";
  std::string expr;
  if (x.expr) expr = exprStr(x.expr);
  else if (x.mode == Mode::TypeExpr) expr = typeStr(x.type);
  else if (x.mode == Mode::Constant) expr = x.val.toString();
  std::string s;
  if (!expr.empty()) s = expr + " (";
  bool hasType = false;
  if (x.mode != Mode::Invalid && x.mode != Mode::NoValue && x.mode != Mode::Builtin && x.mode != Mode::TypeExpr && x.type) {
    if (isUntyped(x.type)) s += static_cast<Basic*>(x.type)->name + " ";
    else hasType = true;
  }
  s += modeString(x.mode);
  if (x.mode == Mode::Constant) {
    std::string v = x.val.toString();
    if (v != expr) s += " " + v;
  }
  if (hasType) {
    if (x.type != store_.invalid()) s += " of type " + typeStr(x.type);
    else s += " with invalid type";
  }
  if (!expr.empty()) s += ")";
  return s;
}

Type* Checker::defaultType(Type* t) {
  if (t->kind != TypeKind::Basic) return t;
  switch (static_cast<Basic*>(t)->bkind) {
    case BasicKind::UntypedBool: return store_.basic(BasicKind::Bool);
    case BasicKind::UntypedInt: return store_.basic(BasicKind::Int);
    case BasicKind::UntypedRune: return store_.runeType();
    case BasicKind::UntypedFloat: return store_.basic(BasicKind::Float64);
    case BasicKind::UntypedComplex: return store_.basic(BasicKind::Complex128);
    case BasicKind::UntypedString: return store_.basic(BasicKind::String);
    default: return t;
  }
}

// ---- representability ------------------------------------------------------------

static bool fitsInt(const constant::BigInt& v, BasicKind k) {
  using constant::BigInt;
  auto range = [&](int bits, bool isSigned) {
    if (isSigned) {
      BigInt lo = -(BigInt(1) << size_t(bits - 1)), hi = (BigInt(1) << size_t(bits - 1)) - BigInt(1);
      return compare(v, lo) >= 0 && compare(v, hi) <= 0;
    }
    BigInt hi = (BigInt(1) << size_t(bits)) - BigInt(1);
    return v.sign() >= 0 && compare(v, hi) <= 0;
  };
  switch (k) {
    case BasicKind::Int8: return range(8, true);
    case BasicKind::Int16: return range(16, true);
    case BasicKind::Int32: return range(32, true);
    case BasicKind::Int: case BasicKind::Int64: return range(64, true);
    case BasicKind::Uint8: return range(8, false);
    case BasicKind::Uint16: return range(16, false);
    case BasicKind::Uint32: return range(32, false);
    case BasicKind::Uint: case BasicKind::Uint64: case BasicKind::Uintptr: return range(64, false);
    case BasicKind::UntypedInt: case BasicKind::UntypedRune: return true;
    default: return false;
  }
}

// Whether x fits t; *rounded receives the value rounded to t (floats).
static bool fitsConst(const constant::Value& x, Basic* t, constant::Value* rounded) {
  using constant::Kind;
  if (rounded) *rounded = x;
  if (x.kind() == Kind::Unknown) return true;
  if (t->info & IsInteger) {
    auto i = constant::toInt(x);
    if (!i) return false;
    if (rounded) *rounded = constant::Value::makeInt(*i);
    return fitsInt(*i, t->bkind);
  }
  if (t->info & IsFloat) {
    if (x.kind() != Kind::Int && x.kind() != Kind::Float) return false;
    constant::BigRat r = x.ratVal();
    if (t->bkind == BasicKind::UntypedFloat) {
      if (rounded) *rounded = constant::toFloat(x);
      return true;
    }
    if (t->bkind == BasicKind::Float32) {
      float f = r.toFloat();
      if (std::isinf(f)) return false;
      if (rounded) *rounded = constant::Value::makeFloat(constant::BigRat::fromDouble(double(f)));
      return true;
    }
    double d = r.toDouble();
    if (std::isinf(d)) return false;
    if (rounded) *rounded = constant::Value::makeFloat(constant::BigRat::fromDouble(d));
    return true;
  }
  if (t->info & IsComplex) return false;
  if (t->info & IsString) return x.kind() == Kind::String;
  if (t->info & IsBoolean) return x.kind() == Kind::Bool;
  return false;
}

// code: "" ok, "truncated", "overflows", "invalid"
bool Checker::representable(Operand& x, Basic* t, constant::Value* rounded, std::string* code) {
  if (fitsConst(x.val, t, rounded)) return true;
  if (isNumeric(x.type) && (t->info & IsNumeric)) {
    *code = (!isInteger(x.type) && (t->info & IsInteger)) ? "truncated" : "overflows";
  } else {
    *code = "invalid";
  }
  return false;
}

void Checker::representableConst(Operand& x, Basic* t) {
  constant::Value v;
  std::string code;
  if (!representable(x, t, &v, &code)) {
    if (code == "truncated") error(errPos(x.expr), operandStr(x) + " truncated to " + typeStr(t));
    else if (code == "overflows") error(errPos(x.expr), operandStr(x) + " overflows " + typeStr(t));
    else error(errPos(x.expr), "cannot convert " + operandStr(x) + " to " + typeStr(t));
    x.mode = Mode::Invalid;
    return;
  }
  x.val = v;
}

// After a constant operation: typed constants must fit their type, untyped
// integers must stay below kMaxBits.
void Checker::overflow(Operand& x, Pos opPos) {
  if (!x.val.isKnown()) {
    error(opPos, "constant result is not representable");
    return;
  }
  if (isTyped(x.type)) {
    if (auto* b = as<Basic>(x.type->underlying())) {
      constant::Value v;
      std::string code;
      if (!representable(x, b, &v, &code)) {
        Pos at = x.expr ? x.expr->pos : opPos;
        if (code == "overflows") error(at, operandStr(x) + " overflows " + typeStr(x.type));
        else if (code == "truncated") error(at, operandStr(x) + " truncated to " + typeStr(x.type));
        else error(at, "cannot convert " + operandStr(x) + " to " + typeStr(x.type));
        x.mode = Mode::Invalid;
        return;
      }
      x.val = v;
    }
    return;
  }
  if (x.val.kind() == constant::Kind::Int && x.val.intVal().bitLen() > constant::kMaxBits) {
    std::string name = "operation";
    if (auto* b = ast::dynCast<ast::BinaryExpr>(x.expr)) {
      switch (b->op) {
        case Tok::Add: name = "addition"; break;
        case Tok::Sub: name = "subtraction"; break;
        case Tok::Xor: name = "bitwise XOR"; break;
        case Tok::Mul: name = "multiplication"; break;
        case Tok::Shl: name = "shift"; break;
        default: break;
      }
    }
    error(opPos, "constant " + name + " overflow");
    x.val = constant::Value();
  }
  if (x.val.kind() == constant::Kind::Float && x.val.ratVal().bitLen() > 16 * constant::kMaxBits) {
    error(opPos, "constant result is not representable (gol limits untyped float constants to 8192 bits)");
    x.mode = Mode::Invalid;
  }
}

// ---- implicit conversion -------------------------------------------------------------

// Returns the target type for untyped x converted to target, or nullptr with
// *code set ("truncated"/"overflows"/"invalid").
static Type* implicitType(Checker& c, Operand& x, Type* target, constant::Value* val, std::string* code) {
  if (x.invalid() || isTyped(x.type) || target == c.store_.invalid()) return x.type;
  if (isUntyped(target)) {
    auto xk = static_cast<Basic*>(x.type)->bkind, tk = static_cast<Basic*>(target)->bkind;
    if (isNumeric(x.type) && isNumeric(target)) return xk < tk ? target : x.type;
    if (xk != tk) {
      *code = "invalid";
      return nullptr;
    }
    return x.type;
  }
  bool isNil = static_cast<Basic*>(x.type)->bkind == BasicKind::UntypedNil;
  if (isNil) {
    if (hasNil(target)) return target;
    *code = "invalid";
    return nullptr;
  }
  Type* u = target->underlying();
  if (auto* b = as<Basic>(u)) {
    if (x.mode == Mode::Constant) {
      constant::Value v;
      if (!c.representable(x, b, &v, code)) return nullptr;
      *val = v;
      return target;
    }
    bool ok;
    switch (static_cast<Basic*>(x.type)->bkind) {
      case BasicKind::UntypedBool: ok = isBoolean(target); break;
      case BasicKind::UntypedInt: case BasicKind::UntypedRune: case BasicKind::UntypedFloat: case BasicKind::UntypedComplex:
        ok = isNumeric(target);
        break;
      case BasicKind::UntypedString: ok = isString(target); break;
      default: ok = false;
    }
    if (!ok) {
      *code = "invalid";
      return nullptr;
    }
    return target;
  }
  if (auto* it = as<Interface>(u)) {
    if (!it->isEmpty()) {
      *code = "invalid";
      return nullptr;
    }
    return c.defaultType(x.type);
  }
  *code = "invalid";
  return nullptr;
}

void Checker::implicitConvert(Operand& x, Type* target) {
  constant::Value val = x.val;
  std::string code;
  Type* t = implicitType(*this, x, target, &val, &code);
  if (!t) {
    std::string tstr = typeStr(target);
    if (code == "truncated") error(errPos(x.expr), operandStr(x) + " truncated to " + tstr);
    else if (code == "overflows") error(errPos(x.expr), operandStr(x) + " overflows " + tstr);
    else error(errPos(x.expr), "cannot convert " + operandStr(x) + " to " + tstr);
    x.mode = Mode::Invalid;
    return;
  }
  if (x.mode == Mode::Constant) x.val = val;
  if (t != x.type) {
    x.type = t;
    updateExprType(x.expr, t, false);
  }
}

// ---- assignability ------------------------------------------------------------------------

std::string Checker::missingMethodCause(Type* V, Type* T) {
  auto* it = as<Interface>(T->underlying());
  if (!it) return "";
  bool wrong = false;
  Func* have = nullptr;
  Func* m = missingMethod(V, it, &wrong, &have);
  if (!m) return "";
  std::string mname = m->name + " method";
  auto funcStr = [&](Func* f) {
    std::string s = typeStr(f->type);
    return f->name + s.substr(4);  // drop "func"
  };
  if (auto* p = as<Pointer>(V->underlying()); p && isInterface(p->elem))
    return "(type " + typeStr(V) + " is pointer to interface, not interface)";
  if (have) {
    if (identical(have->type, m->type)) return "(" + mname + " has pointer receiver)";
    return "(wrong type for " + mname + ")\n\t\thave " + funcStr(have) + "\n\t\twant " + funcStr(m);
  }
  return "(missing " + mname + ")";
}

// Whether t mentions the invalid type (an error was reported for it already).
static bool containsInvalid(const Type* t, int depth = 0) {
  if (!t || depth > 32) return false;
  switch (t->kind) {
    case TypeKind::Basic: return static_cast<const Basic*>(t)->bkind == BasicKind::Invalid;
    case TypeKind::Pointer: return containsInvalid(static_cast<const Pointer*>(t)->elem, depth + 1);
    case TypeKind::Slice: return containsInvalid(static_cast<const Slice*>(t)->elem, depth + 1);
    case TypeKind::Array: return containsInvalid(static_cast<const Array*>(t)->elem, depth + 1);
    case TypeKind::Map:
      return containsInvalid(static_cast<const Map*>(t)->key, depth + 1) || containsInvalid(static_cast<const Map*>(t)->elem, depth + 1);
    case TypeKind::Chan: return containsInvalid(static_cast<const Chan*>(t)->elem, depth + 1);
    case TypeKind::Tuple:
      for (const Var* v : static_cast<const Tuple*>(t)->vars)
        if (containsInvalid(v->type, depth + 1)) return true;
      return false;
    case TypeKind::Signature: {
      auto* s = static_cast<const Signature*>(t);
      return containsInvalid(s->params, depth + 1) || containsInvalid(s->results, depth + 1);
    }
    default: return false;
  }
}

bool Checker::implements(Type* V, Type* T, std::string* cause) {
  auto* it = as<Interface>(T->underlying());
  if (!it) {
    if (cause) *cause = typeStr(T) + " is not an interface";
    return false;
  }
  completeInterface(it, Pos{});
  if (auto* vi = as<Interface>(V->underlying())) completeInterface(vi, Pos{});
  bool wrong = false;
  Func* have = nullptr;
  Func* m = missingMethod(V, it, &wrong, &have);
  if (!m) return true;
  if (have && (containsInvalid(have->type) || containsInvalid(m->type))) return true;  // already reported
  if (cause) *cause = typeStr(V) + " does not implement " + typeStr(T) + " " + missingMethodCause(V, T);
  return false;
}

bool Checker::assignableTo(Operand& x, Type* T, std::string* reason) {
  if (x.invalid() || T == store_.invalid() || x.type == store_.invalid()) return true;
  Type* V = x.type;
  if (identical(V, T)) return true;
  Type* Vu = V->underlying();
  Type* Tu = T->underlying();
  if (isUntyped(Vu)) {
    constant::Value v;
    std::string code;
    return implicitType(*this, x, T, &v, &code) != nullptr;
  }
  if (identical(Vu, Tu) && (!isNamed(V) || !isNamed(T))) return true;
  if (Tu->kind == TypeKind::Interface) {
    std::string cause;
    if (!implements(V, T, &cause)) {
      if (reason) *reason = cause;
      return false;
    }
    return true;
  }
  if (Vu->kind == TypeKind::Interface) {
    if (implements(T, V, nullptr) && reason) *reason = "need type assertion";
    return false;
  }
  if (auto* vc = as<Chan>(Vu); vc && vc->dir == ChanDir::SendRecv) {
    if (auto* tc = as<Chan>(Tu); tc && identical(vc->elem, tc->elem)) return !isNamed(V) || !isNamed(T);
  }
  return false;
}

void Checker::assignment(Operand& x, Type* T, const std::string& context) {
  singleValue(x);
  if (x.invalid()) return;
  switch (x.mode) {
    case Mode::Constant: case Mode::Variable: case Mode::MapIndex: case Mode::Value: case Mode::CommaOK: break;
    default:
      error(errPos(x.expr), "cannot assign " + operandStr(x) + " to " + (T ? typeStr(T) : "_") + " in " + context);
      x.mode = Mode::Invalid;
      return;
  }
  if (isUntyped(x.type)) {
    Type* target = T;
    if (!T || isInterface(T)) {
      if (!T && static_cast<Basic*>(x.type)->bkind == BasicKind::UntypedNil) {
        error(errPos(x.expr), "use of untyped nil in " + context);
        x.mode = Mode::Invalid;
        return;
      }
      if (!T || !isInterface(T)) target = defaultType(x.type);
      else if (static_cast<Basic*>(x.type)->bkind != BasicKind::UntypedNil) target = defaultType(x.type);
    }
    constant::Value val = x.val;
    std::string code;
    Type* nt = implicitType(*this, x, target, &val, &code);
    if (!nt) {
      std::string msg = "cannot use " + operandStr(x) + " as " + typeStr(target) + " value in " + context;
      if (code == "truncated") msg += " (truncated)";
      else if (code == "overflows") msg += " (overflows)";
      error(errPos(x.expr), msg);
      x.mode = Mode::Invalid;
      return;
    }
    if (x.mode == Mode::Constant) x.val = val;
    if (nt != x.type) {
      x.type = nt;
      updateExprType(x.expr, nt, false);
    }
  }
  if (!T) return;
  std::string reason;
  if (!assignableTo(x, T, &reason)) {
    if (!reason.empty()) error(errPos(x.expr), "cannot use " + operandStr(x) + " as type " + typeStr(T) + " in " + context + ":\n\t" + reason);
    else error(errPos(x.expr), "cannot use " + operandStr(x) + " as type " + typeStr(T) + " in " + context);
    x.mode = Mode::Invalid;
  }
}

// ---- explicit conversions ----------------------------------------------------------------

bool Checker::convertibleTo(Operand& x, Type* T, std::string* cause) {
  if (assignableTo(x, T, nullptr)) return true;
  Type* V = x.type;
  Type* Vu = V->underlying();
  Type* Tu = T->underlying();
  if (identicalIgnoreTags(Vu, Tu)) return true;
  if (auto* vp = as<Pointer>(V), *tp = as<Pointer>(T); vp && tp) {
    if (identicalIgnoreTags(vp->elem->underlying(), tp->elem->underlying())) return true;
  }
  if ((isInteger(V) || isFloat(V)) && (isInteger(T) || isFloat(T))) return true;
  if (isBasicInfo(V, IsComplex) && isBasicInfo(T, IsComplex)) return true;
  if ((isInteger(V) || (as<Slice>(Vu) && isBasicInfo(as<Slice>(Vu)->elem, IsInteger))) && isString(T)) {
    if (isInteger(V)) return true;
    auto* e = as<Basic>(as<Slice>(Vu)->elem->underlying());
    return e && (e->bkind == BasicKind::Uint8 || e->bkind == BasicKind::Int32);
  }
  if (isString(V)) {
    if (auto* s = as<Slice>(Tu)) {
      auto* e = as<Basic>(s->elem->underlying());
      return e && (e->bkind == BasicKind::Uint8 || e->bkind == BasicKind::Int32);
    }
  }
  // slice to array pointer (Go 1.17)
  if (auto* s = as<Slice>(Vu)) {
    if (auto* p = as<Pointer>(Tu)) {
      if (auto* a = as<Array>(p->elem->underlying()); a && identical(s->elem, a->elem)) return true;
    }
  }
  (void)cause;
  return false;
}

void Checker::conversion(Operand& x, Type* T, ast::CallExpr* call) {
  bool constArg = x.mode == Mode::Constant;
  bool ok = false;
  Type* Tu = T->underlying();
  if (constArg && isConstType(T)) {
    auto* b = static_cast<Basic*>(Tu);
    constant::Value v;
    std::string code;
    if (representable(x, b, &v, &code)) {
      ok = true;
      x.val = v;
    } else if (isInteger(x.type) && isString(T)) {
      // int -> string of a constant
      auto i = constant::toInt(x.val);
      int64_t r = i && i->toInt64() && *i->toInt64() >= 0 && *i->toInt64() <= 0x10FFFF ? *i->toInt64() : 0xFFFD;
      std::string s;
      appendUTF8(s, char32_t(r));
      x.val = constant::Value::makeString(s);
      ok = true;
    }
  } else if (constArg && isString(x.type) && !isConstType(T)) {
    ok = convertibleTo(x, T, nullptr);
    if (ok) x.mode = Mode::Value;
  } else if (x.mode != Mode::Constant || true) {
    ok = convertibleTo(x, T, nullptr);
    if (ok && x.mode != Mode::Constant) x.mode = Mode::Value;
    if (ok && x.mode == Mode::Constant && !isConstType(T)) x.mode = Mode::Value;
  }
  if (!ok) {
    error(errPos(x.expr), "cannot convert " + operandStr(x) + " to type " + typeStr(T));
    x.mode = Mode::Invalid;
    return;
  }
  // an untyped argument takes its type from the conversion (or its default)
  if (isUntyped(x.type)) {
    Type* final = T;
    if (isInterface(T) || (constArg && !isConstType(T))) final = defaultType(x.type);
    if (static_cast<Basic*>(x.type)->bkind == BasicKind::UntypedNil) final = T;
    updateExprType(x.expr, final, true);
  }
  x.type = T;
  x.expr = call;
  x.nilValue = false;
}

}  // namespace gol
