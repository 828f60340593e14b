// types.cpp — the universe, type predicates and type strings.
//
// Invariants: the universe scope holds exactly Go's predeclared identifiers
// (plus any/min/max/clear of newer Go); Basic types exist once per kind,
// except the byte and rune aliases, which are distinct Basic objects of kind
// Uint8/Int32 so messages can say "byte" — identical() compares kinds.
// typeString() reproduces types2's spelling (used verbatim in messages).
#include "lang/types.h"
#include "lang/lexer.h"

#include <algorithm>
#include <cstdio>

namespace gol::types {

Type* Type::underlying() {
  if (kind == TypeKind::Named) {
    auto* n = static_cast<Named*>(this);
    return n->under ? n->under : this;
  }
  return this;
}

const Type* Type::underlying() const { return const_cast<Type*>(this)->underlying(); }

Type* Tuple::at(size_t i) const { return vars[i]->type; }

bool Object::exported() const { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }

std::string Object::id() const {
  if (exported() || !pkg) return name;
  return pkg->path + "." + name;
}

std::string Func::fullName() const {
  std::string prefix = pkg ? pkg->path : "";
  Signature* sig = signature();
  if (sig && sig->recv) {
    Type* rt = sig->recv->type;
    bool ptr = false;
    if (auto* p = as<Pointer>(rt)) {
      rt = p->elem;
      ptr = true;
    }
    std::string tn = rt->kind == TypeKind::Named ? static_cast<Named*>(rt)->obj->name : typeString(rt);
    if (ptr) return prefix + ".(*" + tn + ")." + name;
    return prefix + "." + tn + "." + name;
  }
  if (targs.empty()) return prefix + "." + name;
  std::string s = prefix + "." + name + "[";
  for (size_t i = 0; i < targs.size(); i++) s += (i ? "," : "") + typeString(targs[i]);
  return s + "]";
}

Object* Scope::lookup(const std::string& n) const {
  auto it = elems.find(n);
  return it == elems.end() ? nullptr : it->second;
}

Object* Scope::insert(Object* obj) {
  auto [it, inserted] = elems.emplace(obj->name, obj);
  if (!inserted) return it->second;
  if (!obj->parent) obj->parent = this;
  return nullptr;
}

Scope* Store::newScope(Scope* parent, Pos pos, std::string comment) {
  scopes_.push_back(std::make_unique<Scope>(parent, pos, std::move(comment)));
  Scope* s = scopes_.back().get();
  if (parent) parent->children.push_back(s);
  return s;
}

Package* Store::newPackage(std::string path, std::string name) {
  packages_.push_back(std::make_unique<Package>());
  Package* p = packages_.back().get();
  p->path = std::move(path);
  p->name = std::move(name);
  p->scope = newScope(universe_, Pos{}, "package " + p->name);
  return p;
}

Type* Store::newTupleOf(std::vector<Var*> vars) {
  auto* t = newType<Tuple>();
  t->vars = std::move(vars);
  return t;
}

Store::Store() {
  universe_ = newScope(nullptr, Pos{}, "universe");
  empty_ = newType<Tuple>();
  struct B {
    BasicKind k;
    uint32_t info;
    const char* name;
  };
  static const B basics[] = {
      {BasicKind::Invalid, 0, "invalid type"},
      {BasicKind::Bool, IsBoolean, "bool"},
      {BasicKind::Int, IsInteger, "int"},
      {BasicKind::Int8, IsInteger, "int8"},
      {BasicKind::Int16, IsInteger, "int16"},
      {BasicKind::Int32, IsInteger, "int32"},
      {BasicKind::Int64, IsInteger, "int64"},
      {BasicKind::Uint, IsInteger | IsUnsigned, "uint"},
      {BasicKind::Uint8, IsInteger | IsUnsigned, "uint8"},
      {BasicKind::Uint16, IsInteger | IsUnsigned, "uint16"},
      {BasicKind::Uint32, IsInteger | IsUnsigned, "uint32"},
      {BasicKind::Uint64, IsInteger | IsUnsigned, "uint64"},
      {BasicKind::Uintptr, IsInteger | IsUnsigned, "uintptr"},
      {BasicKind::Float32, IsFloat, "float32"},
      {BasicKind::Float64, IsFloat, "float64"},
      {BasicKind::Complex64, IsComplex, "complex64"},
      {BasicKind::Complex128, IsComplex, "complex128"},
      {BasicKind::String, IsString, "string"},
      {BasicKind::UnsafePointer, 0, "Pointer"},
      {BasicKind::UntypedBool, IsBoolean | IsUntyped, "untyped bool"},
      {BasicKind::UntypedInt, IsInteger | IsUntyped, "untyped int"},
      {BasicKind::UntypedRune, IsInteger | IsUntyped, "untyped rune"},
      {BasicKind::UntypedFloat, IsFloat | IsUntyped, "untyped float"},
      {BasicKind::UntypedComplex, IsComplex | IsUntyped, "untyped complex"},
      {BasicKind::UntypedString, IsString | IsUntyped, "untyped string"},
      {BasicKind::UntypedNil, IsUntyped, "untyped nil"},
  };
  for (const B& b : basics) basics_.push_back(newType<Basic>(b.k, b.info, b.name));
  byte_ = newType<Basic>(BasicKind::Uint8, IsInteger | IsUnsigned, "byte");
  rune_ = newType<Basic>(BasicKind::Int32, IsInteger, "rune");

  auto defType = [&](const std::string& name, Type* t) {
    auto* tn = newObject<TypeName>(Pos{}, nullptr, name, t);
    universe_->insert(tn);
    return tn;
  };
  for (size_t k = size_t(BasicKind::Bool); k <= size_t(BasicKind::String); k++) defType(basics_[k]->name, basics_[k]);
  defType("byte", byte_);
  defType("rune", rune_);

  any_ = newType<Interface>();
  any_->complete = true;
  any_->isUniverseAny = true;
  defType("any", any_)->isAlias = true;

  // comparable: the constraint satisfied by the comparable types
  auto* comparableIface = newType<Interface>();
  comparableIface->complete = true;
  comparableIface->needsComparable = true;
  auto* comparableType = newType<Named>();
  comparableType->obj = defType("comparable", comparableType);
  comparableType->under = comparableIface;

  // type error interface { Error() string }
  error_ = newType<Named>();
  error_->obj = defType("error", error_);
  auto* errIface = newType<Interface>();
  auto* sig = newType<Signature>();
  sig->params = static_cast<Tuple*>(newTupleOf({}));
  sig->results = static_cast<Tuple*>(newTupleOf({newObject<Var>(Pos{}, nullptr, "", basics_[size_t(BasicKind::String)], VarKind::Result)}));
  auto* errorMethod = newObject<Func>(Pos{}, nullptr, "Error", sig);
  sig->recv = newObject<Var>(Pos{}, nullptr, "", error_, VarKind::Param);
  errIface->methods.push_back(errorMethod);
  errIface->allMethods.push_back(errorMethod);
  errIface->complete = true;
  error_->under = errIface;

  auto defConst = [&](const std::string& name, BasicKind k, constant::Value v) {
    universe_->insert(newObject<Const>(Pos{}, nullptr, name, basics_[size_t(k)], std::move(v)));
  };
  defConst("true", BasicKind::UntypedBool, constant::Value::makeBool(true));
  defConst("false", BasicKind::UntypedBool, constant::Value::makeBool(false));
  defConst("iota", BasicKind::UntypedInt, constant::Value::makeInt64(0));
  universe_->insert(newObject<Nil>(basics_[size_t(BasicKind::UntypedNil)]));

  static const std::pair<const char*, BuiltinId> builtins[] = {
      {"append", BuiltinId::Append}, {"cap", BuiltinId::Cap},         {"clear", BuiltinId::Clear},
      {"close", BuiltinId::Close},   {"complex", BuiltinId::Complex}, {"copy", BuiltinId::Copy},
      {"delete", BuiltinId::Delete}, {"imag", BuiltinId::Imag},       {"len", BuiltinId::Len},
      {"make", BuiltinId::Make},     {"max", BuiltinId::Max},         {"min", BuiltinId::Min},
      {"new", BuiltinId::New},       {"panic", BuiltinId::Panic},     {"print", BuiltinId::Print},
      {"println", BuiltinId::Println}, {"real", BuiltinId::Real},     {"recover", BuiltinId::Recover}};
  for (auto& [name, id] : builtins) universe_->insert(newObject<Builtin>(name, id));
}

// ---- predicates -------------------------------------------------------------------

bool isNamed(const Type* t) { return t->kind == TypeKind::Named || t->kind == TypeKind::Basic; }

bool isBasicInfo(const Type* t, uint32_t info) {
  const Type* u = t->underlying();
  return u->kind == TypeKind::Basic && (static_cast<const Basic*>(u)->info & info) != 0;
}

bool isUntyped(const Type* t) {
  return t->kind == TypeKind::Basic && (static_cast<const Basic*>(t)->info & IsUntyped) != 0;
}

bool isTyped(const Type* t) { return !isUntyped(t); }

bool isInterface(const Type* t) { return t->underlying()->kind == TypeKind::Interface; }

bool hasNil(const Type* t) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case TypeKind::Basic: return static_cast<const Basic*>(u)->bkind == BasicKind::UnsafePointer;
    case TypeKind::Pointer: case TypeKind::Slice: case TypeKind::Map: case TypeKind::Chan:
    case TypeKind::Signature: case TypeKind::Interface:
      return true;
    default: return false;
  }
}

bool comparable(const Type* t) {
  const Type* u = t->underlying();
  switch (u->kind) {
    case TypeKind::Basic: return static_cast<const Basic*>(u)->bkind != BasicKind::UntypedNil;
    case TypeKind::Pointer: case TypeKind::Chan: case TypeKind::Interface: return true;
    case TypeKind::Struct:
      for (const Var* f : static_cast<const Struct*>(u)->fields)
        if (!comparable(f->type)) return false;
      return true;
    case TypeKind::Array: return comparable(static_cast<const Array*>(u)->elem);
    default: return false;
  }
}

static bool identicalImpl(const Type* a, const Type* b, bool tags);

static bool identicalTuple(const Tuple* a, const Tuple* b, bool tags) {
  if (a->vars.size() != b->vars.size()) return false;
  for (size_t i = 0; i < a->vars.size(); i++)
    if (!identicalImpl(a->vars[i]->type, b->vars[i]->type, tags)) return false;
  return true;
}

bool identical(const Type* a, const Type* b) { return identicalImpl(a, b, true); }
bool identicalIgnoreTags(const Type* a, const Type* b) { return identicalImpl(a, b, false); }

static bool identicalImpl(const Type* a, const Type* b, bool tags) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Basic: return static_cast<const Basic*>(a)->bkind == static_cast<const Basic*>(b)->bkind;
    case TypeKind::Named: return false;  // each defined type is unique
    case TypeKind::Pointer: return identicalImpl(static_cast<const Pointer*>(a)->elem, static_cast<const Pointer*>(b)->elem, tags);
    case TypeKind::Slice: return identicalImpl(static_cast<const Slice*>(a)->elem, static_cast<const Slice*>(b)->elem, tags);
    case TypeKind::Array: {
      auto *x = static_cast<const Array*>(a), *y = static_cast<const Array*>(b);
      return x->len == y->len && identicalImpl(x->elem, y->elem, tags);
    }
    case TypeKind::Map: {
      auto *x = static_cast<const Map*>(a), *y = static_cast<const Map*>(b);
      return identicalImpl(x->key, y->key, tags) && identicalImpl(x->elem, y->elem, tags);
    }
    case TypeKind::Chan: {
      auto *x = static_cast<const Chan*>(a), *y = static_cast<const Chan*>(b);
      return x->dir == y->dir && identicalImpl(x->elem, y->elem, tags);
    }
    case TypeKind::Struct: {
      auto *x = static_cast<const Struct*>(a), *y = static_cast<const Struct*>(b);
      if (x->fields.size() != y->fields.size()) return false;
      for (size_t i = 0; i < x->fields.size(); i++) {
        const Var *f = x->fields[i], *g = y->fields[i];
        if (f->embedded != g->embedded || (tags && x->tags[i] != y->tags[i]) || f->id() != g->id() || !identicalImpl(f->type, g->type, tags))
          return false;
      }
      return true;
    }
    case TypeKind::Tuple: return identicalTuple(static_cast<const Tuple*>(a), static_cast<const Tuple*>(b), tags);
    case TypeKind::Signature: {
      auto *x = static_cast<const Signature*>(a), *y = static_cast<const Signature*>(b);
      return x->variadic == y->variadic && identicalTuple(x->params, y->params, tags) && identicalTuple(x->results, y->results, tags);
    }
    case TypeKind::Interface: {
      auto *x = static_cast<const Interface*>(a), *y = static_cast<const Interface*>(b);
      if (x->allMethods.size() != y->allMethods.size()) return false;
      for (size_t i = 0; i < x->allMethods.size(); i++) {
        const Func *f = x->allMethods[i], *g = y->allMethods[i];
        if (f->id() != g->id() || !identicalImpl(f->type, g->type, tags)) return false;
      }
      return true;
    }
  }
  return false;
}

// ---- type strings ---------------------------------------------------------------------

static void writeType(std::string& out, const Type* t, const Package* rel, int depth);

static void writeTuple(std::string& out, const Tuple* tup, bool variadic, const Package* rel, int depth) {
  out += "(";
  for (size_t i = 0; i < tup->vars.size(); i++) {
    if (i) out += ", ";
    const Var* v = tup->vars[i];
    if (!v->name.empty()) out += v->name + " ";
    if (variadic && i + 1 == tup->vars.size() && v->type->kind == TypeKind::Slice) {
      out += "...";
      writeType(out, static_cast<const Slice*>(v->type)->elem, rel, depth);
    } else {
      writeType(out, v->type, rel, depth);
    }
  }
  out += ")";
}

static void writeSignature(std::string& out, const Signature* s, const Package* rel, int depth) {
  writeTuple(out, s->params, s->variadic, rel, depth);
  size_t n = s->results->vars.size();
  if (n == 0) return;
  out += " ";
  if (n == 1 && s->results->vars[0]->name.empty()) {
    writeType(out, s->results->vars[0]->type, rel, depth);
    return;
  }
  writeTuple(out, s->results, false, rel, depth);
}

static void writeType(std::string& out, const Type* t, const Package* rel, int depth) {
  if (!t) {
    out += "<nil>";
    return;
  }
  if (depth > 64) {
    out += "…";
    return;
  }
  depth++;
  switch (t->kind) {
    case TypeKind::Basic: {
      auto* b = static_cast<const Basic*>(t);
      if (b->bkind == BasicKind::UnsafePointer) out += "unsafe.";
      out += b->name;
      return;
    }
    case TypeKind::Named: {
      auto* n = static_cast<const Named*>(t);
      const Named* base = n->origin ? n->origin : n;
      if (base->obj->pkg && base->obj->pkg != rel) out += base->obj->pkg->name + ".";
      out += base->obj->name;
      if (n->origin) {
        out += "[";
        for (size_t i = 0; i < n->targs.size(); i++) {
          if (i) out += ",";
          writeType(out, n->targs[i], rel, depth);
        }
        out += "]";
      }
      return;
    }
    case TypeKind::Pointer:
      out += "*";
      writeType(out, static_cast<const Pointer*>(t)->elem, rel, depth);
      return;
    case TypeKind::Slice:
      out += "[]";
      writeType(out, static_cast<const Slice*>(t)->elem, rel, depth);
      return;
    case TypeKind::Array:
      out += "[" + std::to_string(static_cast<const Array*>(t)->len) + "]";
      writeType(out, static_cast<const Array*>(t)->elem, rel, depth);
      return;
    case TypeKind::Map:
      out += "map[";
      writeType(out, static_cast<const Map*>(t)->key, rel, depth);
      out += "]";
      writeType(out, static_cast<const Map*>(t)->elem, rel, depth);
      return;
    case TypeKind::Chan: {
      auto* c = static_cast<const Chan*>(t);
      bool parens = false;
      if (c->dir == ChanDir::SendRecv) {
        out += "chan ";
        parens = c->elem->kind == TypeKind::Chan && static_cast<const Chan*>(c->elem)->dir == ChanDir::RecvOnly;
      } else if (c->dir == ChanDir::SendOnly) {
        out += "chan<- ";
      } else {
        out += "<-chan ";
      }
      if (parens) out += "(";
      writeType(out, c->elem, rel, depth);
      if (parens) out += ")";
      return;
    }
    case TypeKind::Struct: {
      auto* s = static_cast<const Struct*>(t);
      out += "struct{";
      for (size_t i = 0; i < s->fields.size(); i++) {
        if (i) out += "; ";
        if (!s->fields[i]->embedded) out += s->fields[i]->name + " ";
        writeType(out, s->fields[i]->type, rel, depth);
        if (!s->tags[i].empty()) out += " " + quoteString(s->tags[i]);
      }
      out += "}";
      return;
    }
    case TypeKind::Tuple:
      writeTuple(out, static_cast<const Tuple*>(t), false, rel, depth);
      return;
    case TypeKind::Signature:
      out += "func";
      writeSignature(out, static_cast<const Signature*>(t), rel, depth);
      return;
    case TypeKind::Interface: {
      auto* it = static_cast<const Interface*>(t);
      if (it->isUniverseAny) {
        out += "any";
        return;
      }
      out += "interface{";
      bool first = true;
      // gc lists the explicit methods sorted (exported ones first), then the
      // embedded types as written.
      std::vector<const Func*> methods(it->methods.begin(), it->methods.end());
      std::sort(methods.begin(), methods.end(), [](const Func* a, const Func* b) { return a->id() < b->id(); });
      for (const Func* m : methods) {
        if (!first) out += "; ";
        first = false;
        out += m->name;
        writeSignature(out, m->signature(), rel, depth);
      }
      for (const Type* e : it->embeddeds) {
        if (!first) out += "; ";
        first = false;
        writeType(out, e, rel, depth);
      }
      out += "}";
      return;
    }
  }
}

std::string typeString(const Type* t, const Package* relativeTo) {
  std::string out;
  writeType(out, t, relativeTo, 0);
  return out;
}

}  // namespace gol::types
