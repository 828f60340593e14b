// types.h — Go types, objects, scopes and packages (shaped like go/types).
//
// Invariants:
//  - Types, objects and scopes are owned by a Store and referenced by plain
//    pointers; they are immutable once the checker has finished a package.
//  - Type identity is structural: compare with identical(), never by pointer,
//    except that each Basic kind and each Named type exist exactly once.
//  - Named::underlying() is never a Named; Type::underlying() of a Named is its
//    underlying type, of any other type the type itself.
//  - Interface::methodSet() is the complete, name-sorted method set including
//    embedded interfaces (computed by the checker before use).
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/ast.h"
#include "lang/constant.h"
#include "lang/token.h"

namespace gol::types {

struct Object;
struct Var;
struct Func;
struct TypeName;
struct Package;
struct Scope;

enum class TypeKind : uint8_t { Basic, Named, Pointer, Slice, Array, Map, Chan, Struct, Tuple, Signature, Interface };

struct Type {
  explicit Type(TypeKind k) : kind(k) {}
  virtual ~Type() = default;
  const TypeKind kind;
  Type* underlying();
  const Type* underlying() const;
};

enum class BasicKind : uint8_t {
  Invalid,
  Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
  Float32, Float64, Complex64, Complex128, String, UnsafePointer,
  UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString, UntypedNil,
};

enum BasicInfo : uint32_t {
  IsBoolean = 1, IsInteger = 2, IsUnsigned = 4, IsFloat = 8, IsComplex = 16, IsString = 32, IsUntyped = 64,
  IsOrdered = IsInteger | IsFloat | IsString,
  IsNumeric = IsInteger | IsFloat | IsComplex,
  IsConstType = IsBoolean | IsNumeric | IsString,
};

struct Basic : Type {
  static constexpr TypeKind kKind = TypeKind::Basic;
  Basic(BasicKind k, uint32_t info, std::string name) : Type(TypeKind::Basic), bkind(k), info(info), name(std::move(name)) {}
  BasicKind bkind;
  uint32_t info;
  std::string name;  // "int", "untyped int", "byte" for the byte alias
};

struct Named : Type {
  static constexpr TypeKind kKind = TypeKind::Named;
  Named() : Type(TypeKind::Named) {}
  TypeName* obj = nullptr;
  Type* under = nullptr;        // never Named once resolved
  std::vector<Func*> methods;   // declared methods, in source order
  // A generic type (type List[T any] ...) is only a pattern: under stays
  // Invalid and no value has this type. Each instantiation List[int] is a
  // Named of its own with origin = List and targs = [int]; obj->name spells
  // the type arguments as %T prints them ("List[int]", "Box[main.P]").
  bool generic = false;
  Named* origin = nullptr;
  std::vector<Type*> targs;
};

struct Pointer : Type {
  static constexpr TypeKind kKind = TypeKind::Pointer;
  explicit Pointer(Type* e) : Type(TypeKind::Pointer), elem(e) {}
  Type* elem;
};

struct Slice : Type {
  static constexpr TypeKind kKind = TypeKind::Slice;
  explicit Slice(Type* e) : Type(TypeKind::Slice), elem(e) {}
  Type* elem;
};

struct Array : Type {
  static constexpr TypeKind kKind = TypeKind::Array;
  Array(Type* e, int64_t n) : Type(TypeKind::Array), elem(e), len(n) {}
  Type* elem;
  int64_t len;
};

struct Map : Type {
  static constexpr TypeKind kKind = TypeKind::Map;
  Map(Type* k, Type* v) : Type(TypeKind::Map), key(k), elem(v) {}
  Type* key;
  Type* elem;
};

enum class ChanDir : uint8_t { SendRecv, SendOnly, RecvOnly };

struct Chan : Type {
  static constexpr TypeKind kKind = TypeKind::Chan;
  Chan(ChanDir d, Type* e) : Type(TypeKind::Chan), dir(d), elem(e) {}
  ChanDir dir;
  Type* elem;
};

struct Struct : Type {
  static constexpr TypeKind kKind = TypeKind::Struct;
  Struct() : Type(TypeKind::Struct) {}
  std::vector<Var*> fields;       // Var::varKind == Field; embedded flag on Var
  std::vector<std::string> tags;  // same length as fields ("" if none)
};

struct Tuple : Type {
  static constexpr TypeKind kKind = TypeKind::Tuple;
  Tuple() : Type(TypeKind::Tuple) {}
  std::vector<Var*> vars;
  size_t size() const { return vars.size(); }
  Type* at(size_t i) const;
};

struct Signature : Type {
  static constexpr TypeKind kKind = TypeKind::Signature;
  Signature() : Type(TypeKind::Signature) {}
  Var* recv = nullptr;        // non-null for methods
  Tuple* params = nullptr;    // never null
  Tuple* results = nullptr;   // never null
  bool variadic = false;      // last param is ...T, typed as []T
};

struct Interface : Type {
  static constexpr TypeKind kKind = TypeKind::Interface;
  Interface() : Type(TypeKind::Interface) {}
  std::vector<Func*> methods;    // explicitly declared
  std::vector<Type*> embeddeds;  // embedded interfaces
  std::vector<Func*> allMethods; // complete method set, sorted by name
  bool complete = false;         // allMethods computed
  bool isUniverseAny = false;    // the predeclared "any" (printed as such)
  // Type-set elements of a constraint interface: a type satisfies it if it
  // matches a term of every union (after the method set) and, with
  // needsComparable, is comparable. Such interfaces are constraints only.
  struct Term {
    bool tilde;  // ~T: any type whose underlying type is T
    Type* type;
  };
  std::vector<std::vector<Term>> unions;
  bool needsComparable = false;
  bool isConstraint() const { return !unions.empty() || needsComparable; }
  bool isEmpty() const { return complete ? allMethods.empty() : methods.empty() && embeddeds.empty(); }
  const std::vector<Func*>& methodSet() const { return allMethods; }
};

template <class T> T* as(Type* t) { return t && t->kind == T::kKind ? static_cast<T*>(t) : nullptr; }

// ---- Objects ------------------------------------------------------------

enum class ObjKind : uint8_t { Var, Const, TypeName, Func, PkgName, Builtin, Label, Nil };

struct Object {
  Object(ObjKind k, Pos p, Package* pkg, std::string name, Type* t)
      : kind(k), pos(p), pkg(pkg), name(std::move(name)), type(t) {}
  virtual ~Object() = default;
  const ObjKind kind;
  Pos pos;
  Package* pkg;      // nullptr for universe objects
  std::string name;
  Type* type;
  Scope* parent = nullptr;  // scope declaring the object (nullptr for fields/methods)
  bool exported() const;
  // Unique identity for lookup: name, qualified by package path if unexported.
  std::string id() const;
};

enum class VarKind : uint8_t { Local, Param, Result, Field, Global };

struct Var : Object {
  Var(Pos p, Package* pkg, std::string name, Type* t, VarKind vk) : Object(ObjKind::Var, p, pkg, std::move(name), t), varKind(vk) {}
  VarKind varKind;
  bool embedded = false;      // embedded struct field
  bool used = false;
  bool addressTaken = false;  // &v or implicit &v (method call on addressable v with *T receiver)
  bool captured = false;      // referenced by a closure other than its declaring function
  bool mustHeapAllocate() const { return addressTaken || captured; }
};

struct Const : Object {
  Const(Pos p, Package* pkg, std::string name, Type* t, constant::Value v)
      : Object(ObjKind::Const, p, pkg, std::move(name), t), val(std::move(v)) {}
  constant::Value val;
};

struct TypeName : Object {
  TypeName(Pos p, Package* pkg, std::string name, Type* t) : Object(ObjKind::TypeName, p, pkg, std::move(name), t) {}
  bool isAlias = false;
  bool typeParam = false;  // a type parameter's name, bound to its type argument in an instance
};

struct Func : Object {
  Func(Pos p, Package* pkg, std::string name, Signature* sig) : Object(ObjKind::Func, p, pkg, std::move(name), sig) {}
  Signature* signature() const { return static_cast<Signature*>(type); }
  ast::FuncDecl* decl = nullptr;  // nullptr for interface methods
  // An instance of a generic function or of a generic type's method: decl is
  // its own clone of the generic declaration, checked with the type
  // parameters bound to targs.
  Func* origin = nullptr;
  std::vector<Type*> targs;
  bool native() const { return decl && !decl->body; }  // bodyless std function
  bool intrinsic = false;         // implemented by the code generator, no decl
  // "main.f", "main.T.M" or "main.(*T).M": the name Go prints in tracebacks,
  // except that instances spell their type arguments ("main.F[int]",
  // "main.(*List[int]).Push"), which keeps the name unique; tracebacks
  // elide them ("main.F[...]", as Go prints).
  std::string fullName() const;
};

struct PkgName : Object {
  PkgName(Pos p, Package* pkg, std::string name, Package* imported)
      : Object(ObjKind::PkgName, p, pkg, std::move(name), nullptr), imported(imported) {}
  Package* imported;
  bool used = false;
};

enum class BuiltinId : uint8_t {
  Append, Cap, Clear, Close, Complex, Copy, Delete, Imag, Len, Make, Max, Min, New, Panic, Print, Println, Real, Recover,
};

struct Builtin : Object {
  Builtin(std::string name, BuiltinId id) : Object(ObjKind::Builtin, Pos{}, nullptr, std::move(name), nullptr), id(id) {}
  BuiltinId id;
};

struct Label : Object {
  Label(Pos p, Package* pkg, std::string name) : Object(ObjKind::Label, p, pkg, std::move(name), nullptr) {}
  bool used = false;
};

struct Nil : Object {
  explicit Nil(Type* t) : Object(ObjKind::Nil, Pos{}, nullptr, "nil", t) {}
};

template <class T> T* asObj(Object* o);
template <> inline Var* asObj<Var>(Object* o) { return o && o->kind == ObjKind::Var ? static_cast<Var*>(o) : nullptr; }
template <> inline Const* asObj<Const>(Object* o) { return o && o->kind == ObjKind::Const ? static_cast<Const*>(o) : nullptr; }
template <> inline TypeName* asObj<TypeName>(Object* o) { return o && o->kind == ObjKind::TypeName ? static_cast<TypeName*>(o) : nullptr; }
template <> inline Func* asObj<Func>(Object* o) { return o && o->kind == ObjKind::Func ? static_cast<Func*>(o) : nullptr; }
template <> inline PkgName* asObj<PkgName>(Object* o) { return o && o->kind == ObjKind::PkgName ? static_cast<PkgName*>(o) : nullptr; }
template <> inline Builtin* asObj<Builtin>(Object* o) { return o && o->kind == ObjKind::Builtin ? static_cast<Builtin*>(o) : nullptr; }

// ---- Scopes and packages ----------------------------------------------------

struct Scope {
  Scope(Scope* parent, Pos pos, std::string comment) : parent(parent), pos(pos), comment(std::move(comment)) {}
  Scope* parent;
  std::vector<Scope*> children;
  Pos pos, end;
  std::string comment;  // "universe", "package main", "function", "block", ...
  std::unordered_map<std::string, Object*> elems;
  bool isFunc = false;  // the outermost scope of a function body

  Object* lookup(const std::string& name) const;
  // Inserts obj unless an object with that name exists; returns the existing one.
  Object* insert(Object* obj);
};

struct Package {
  std::string path;  // import path, "main" for the main package
  std::string name;
  Scope* scope = nullptr;
  std::vector<Package*> imports;
  std::vector<ast::File*> files;
  bool isStd = false;  // bodyless functions allowed
  bool broken = false; // failed to import (already reported): uses are silent
  std::set<std::string> genericNames;  // std: Go's generic API, declared but rejected
  std::vector<std::pair<Type*, Named*>> instances;  // sync/atomic: Pointer[T] by T
};

// Owns types, objects and scopes; provides the universe.
class Store {
 public:
  Store();
  template <class T, class... A>
  T* newType(A&&... a) {
    auto p = std::make_unique<T>(std::forward<A>(a)...);
    T* raw = p.get();
    types_.push_back(std::move(p));
    return raw;
  }
  template <class T, class... A>
  T* newObject(A&&... a) {
    auto p = std::make_unique<T>(std::forward<A>(a)...);
    T* raw = p.get();
    objects_.push_back(std::move(p));
    return raw;
  }
  Scope* newScope(Scope* parent, Pos pos, std::string comment);
  Package* newPackage(std::string path, std::string name);

  Scope* universe() const { return universe_; }
  Basic* basic(BasicKind k) const { return basics_[size_t(k)]; }
  Basic* byteType() const { return byte_; }
  Basic* runeType() const { return rune_; }
  Named* errorType() const { return error_; }
  Interface* anyType() const { return any_; }
  Basic* invalid() const { return basic(BasicKind::Invalid); }
  Type* newTupleOf(std::vector<Var*> vars);
  Tuple* emptyTuple() const { return empty_; }  // the type of calls without results
  // Every type created so far, in creation order.
  template <class F>
  void forEachType(F&& f) const {
    for (const auto& t : types_) f(t.get());
  }

 private:
  std::vector<std::unique_ptr<Type>> types_;
  std::vector<std::unique_ptr<Object>> objects_;
  std::vector<std::unique_ptr<Scope>> scopes_;
  std::vector<std::unique_ptr<Package>> packages_;
  Scope* universe_ = nullptr;
  std::vector<Basic*> basics_;
  Basic* byte_ = nullptr;
  Basic* rune_ = nullptr;
  Named* error_ = nullptr;
  Interface* any_ = nullptr;
  Tuple* empty_ = nullptr;
};

// ---- Predicates ---------------------------------------------------------------

bool identical(const Type* a, const Type* b);
bool identicalIgnoreTags(const Type* a, const Type* b);  // for conversions
bool isNamed(const Type* t);  // Named or Basic (a defined type)
bool isBasicInfo(const Type* t, uint32_t info);  // underlying Basic with any of info
inline bool isBoolean(const Type* t) { return isBasicInfo(t, IsBoolean); }
inline bool isInteger(const Type* t) { return isBasicInfo(t, IsInteger); }
inline bool isUnsigned(const Type* t) { return isBasicInfo(t, IsUnsigned); }
inline bool isFloat(const Type* t) { return isBasicInfo(t, IsFloat); }
inline bool isNumeric(const Type* t) { return isBasicInfo(t, IsNumeric); }
inline bool isString(const Type* t) { return isBasicInfo(t, IsString); }
inline bool isOrdered(const Type* t) { return isBasicInfo(t, IsOrdered); }
inline bool isConstType(const Type* t) { return isBasicInfo(t, IsConstType); }
bool isUntyped(const Type* t);
bool isInterface(const Type* t);
bool isTyped(const Type* t);
bool comparable(const Type* t);
bool hasNil(const Type* t);  // pointer, slice, map, chan, func, interface, unsafe.Pointer

// Go's spelling of a type; package-qualified except for types of `relativeTo`.
std::string typeString(const Type* t, const Package* relativeTo = nullptr);

// ---- Lookup and method sets ---------------------------------------------------

struct LookupResult {
  Object* obj = nullptr;     // Var (field) or Func (method), nullptr if not found
  std::vector<int> index;    // path through embedded fields, last is field/method index
  bool indirect = false;     // a pointer was dereferenced on the path
  bool ambiguous = false;    // several at the shallowest depth
  bool needsAddr = false;    // method with pointer receiver on a non-pointer value
};

// Field or method `name` of type T (as in go/types.LookupFieldOrMethod). pkg
// qualifies unexported names.
LookupResult lookupFieldOrMethod(Type* T, bool addressable, const Package* pkg, const std::string& name);

// The method named `name` missing from V for T to implement interface iface,
// or nullptr if V implements it. wrongType reports a method with that name but
// the wrong signature (or pointer receiver when V is not a pointer).
Func* missingMethod(Type* V, Interface* iface, bool* wrongType, Func** have = nullptr);

}  // namespace gol::types
