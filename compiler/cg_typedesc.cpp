// cg_typedesc.cpp — type descriptors (GolType), itabs, method sets and the
// wrappers through which interfaces, method values and method expressions
// call methods.
//
// Invariants
//  - One descriptor per type identity: the global "type:<symbol>" is
//    link-once, and <symbol> is the %T spelling with canonical basic names
//    (byte is uint8), local named types disambiguated by a counter, and
//    struct fields spelled with their names (embedded ones too) and the
//    package of unexported ones. So a dynamic type compares by pointer.
//  - Method tables are sorted by name, as the runtime's itab merge requires;
//    every entry's ifn takes the receiver as the interface data word.
//  - Descriptors are filled after all functions are generated (they may
//    reference each other and force wrapper generation).
#include "compiler/cg_internal.h"

#include <algorithm>
#include <cstring>

namespace gol::cg {

namespace {

// The largest type with pointers whose GC mask (a bit per word, in the
// generated module) gol builds.
constexpr uint64_t kMaxMaskedSize = uint64_t(4) << 30;

uint32_t fnv1a(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

const char* basicName(T::BasicKind k) {
  switch (k) {
    case T::BasicKind::Bool: return "bool";
    case T::BasicKind::Int: return "int";
    case T::BasicKind::Int8: return "int8";
    case T::BasicKind::Int16: return "int16";
    case T::BasicKind::Int32: return "int32";
    case T::BasicKind::Int64: return "int64";
    case T::BasicKind::Uint: return "uint";
    case T::BasicKind::Uint8: return "uint8";
    case T::BasicKind::Uint16: return "uint16";
    case T::BasicKind::Uint32: return "uint32";
    case T::BasicKind::Uint64: return "uint64";
    case T::BasicKind::Uintptr: return "uintptr";
    case T::BasicKind::Float32: return "float32";
    case T::BasicKind::Float64: return "float64";
    case T::BasicKind::Complex64: return "complex64";
    case T::BasicKind::Complex128: return "complex128";
    case T::BasicKind::String: return "string";
    case T::BasicKind::UnsafePointer: return "unsafe.Pointer";
    default: return "invalid";
  }
}

uint8_t goKind(T::Type* t) {
  T::Type* u = t->underlying();
  switch (u->kind) {
    case T::TypeKind::Basic:
      switch (static_cast<T::Basic*>(u)->bkind) {
        case T::BasicKind::Bool: return GOL_KIND_BOOL;
        case T::BasicKind::Int: return GOL_KIND_INT;
        case T::BasicKind::Int8: return GOL_KIND_INT8;
        case T::BasicKind::Int16: return GOL_KIND_INT16;
        case T::BasicKind::Int32: return GOL_KIND_INT32;
        case T::BasicKind::Int64: return GOL_KIND_INT64;
        case T::BasicKind::Uint: return GOL_KIND_UINT;
        case T::BasicKind::Uint8: return GOL_KIND_UINT8;
        case T::BasicKind::Uint16: return GOL_KIND_UINT16;
        case T::BasicKind::Uint32: return GOL_KIND_UINT32;
        case T::BasicKind::Uint64: return GOL_KIND_UINT64;
        case T::BasicKind::Uintptr: return GOL_KIND_UINTPTR;
        case T::BasicKind::Float32: return GOL_KIND_FLOAT32;
        case T::BasicKind::Float64: return GOL_KIND_FLOAT64;
        case T::BasicKind::Complex64: return GOL_KIND_COMPLEX64;
        case T::BasicKind::Complex128: return GOL_KIND_COMPLEX128;
        case T::BasicKind::String: return GOL_KIND_STRING;
        case T::BasicKind::UnsafePointer: return GOL_KIND_UNSAFE_POINTER;
        default: return GOL_KIND_INVALID;
      }
    case T::TypeKind::Pointer: return GOL_KIND_POINTER;
    case T::TypeKind::Slice: return GOL_KIND_SLICE;
    case T::TypeKind::Array: return GOL_KIND_ARRAY;
    case T::TypeKind::Map: return GOL_KIND_MAP;
    case T::TypeKind::Chan: return GOL_KIND_CHAN;
    case T::TypeKind::Struct: return GOL_KIND_STRUCT;
    case T::TypeKind::Signature: return GOL_KIND_FUNC;
    case T::TypeKind::Interface: return GOL_KIND_INTERFACE;
    default: return GOL_KIND_INVALID;
  }
}

bool pointerShaped(T::Type* t) {
  T::Type* u = t->underlying();
  if (u->kind == T::TypeKind::Basic) return static_cast<T::Basic*>(u)->bkind == T::BasicKind::UnsafePointer;
  return u->kind == T::TypeKind::Pointer || u->kind == T::TypeKind::Map || u->kind == T::TypeKind::Chan ||
         u->kind == T::TypeKind::Signature;
}

}  // namespace

// ---- names ----------------------------------------------------------------

namespace {

std::string spell(ModuleGen& m, T::Type* t, bool symbol, std::unordered_map<const T::Named*, std::string>& locals,
                  int& counter);

// A struct tag as %T prints it: Go-quoted as strconv.Quote does for ASCII
// (non-ASCII bytes are escaped as \x.., where Go would keep printable runes).
std::string quoteTag(const std::string& tag) {
  std::string out = "\"";
  for (unsigned char c : tag) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += char(c);
    } else if (const char* esc = std::strchr("\a\b\f\n\r\t\v", c); esc && c) {
      out += '\\';
      out += "abfnrtv"[esc - "\a\b\f\n\r\t\v"];
    } else {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out + "\"";
}

std::string spellTuple(ModuleGen& m, T::Tuple* tu, bool variadic, bool symbol,
                       std::unordered_map<const T::Named*, std::string>& locals, int& counter) {
  std::string s;
  for (size_t i = 0; i < tu->vars.size(); i++) {
    if (i) s += ", ";
    if (variadic && i + 1 == tu->vars.size())
      s += "..." + spell(m, static_cast<T::Slice*>(tu->vars[i]->type->underlying())->elem, symbol, locals, counter);
    else
      s += spell(m, tu->vars[i]->type, symbol, locals, counter);
  }
  return s;
}

std::string spell(ModuleGen& m, T::Type* t, bool symbol, std::unordered_map<const T::Named*, std::string>& locals,
                  int& counter) {
  switch (t->kind) {
    case T::TypeKind::Basic: return basicName(static_cast<T::Basic*>(t)->bkind);
    case T::TypeKind::Named: {
      auto* n = static_cast<T::Named*>(t);
      std::string base = n->obj->pkg ? n->obj->pkg->name + "." + n->obj->name : n->obj->name;
      if (!symbol) return base;
      bool local = n->obj->pkg && n->obj->parent && n->obj->parent != n->obj->pkg->scope;
      if (!local) return n->obj->pkg ? n->obj->pkg->path + "." + n->obj->name : n->obj->name;
      auto it = locals.find(n);
      if (it != locals.end()) return it->second;
      std::string s = n->obj->pkg->path + "." + n->obj->name + "·" + std::to_string(++counter);
      locals[n] = s;
      return s;
    }
    case T::TypeKind::Pointer: return "*" + spell(m, static_cast<T::Pointer*>(t)->elem, symbol, locals, counter);
    case T::TypeKind::Slice: return "[]" + spell(m, static_cast<T::Slice*>(t)->elem, symbol, locals, counter);
    case T::TypeKind::Array: {
      auto* a = static_cast<T::Array*>(t);
      return "[" + std::to_string(a->len) + "]" + spell(m, a->elem, symbol, locals, counter);
    }
    case T::TypeKind::Map: {
      auto* mp = static_cast<T::Map*>(t);
      return "map[" + spell(m, mp->key, symbol, locals, counter) + "]" + spell(m, mp->elem, symbol, locals, counter);
    }
    case T::TypeKind::Chan: {
      auto* c = static_cast<T::Chan*>(t);
      std::string prefix = c->dir == T::ChanDir::SendOnly ? "chan<- " : c->dir == T::ChanDir::RecvOnly ? "<-chan " : "chan ";
      std::string elem = spell(m, c->elem, symbol, locals, counter);
      // "chan <-chan int" would read as "chan<- chan int": Go parenthesises.
      bool parens = c->dir == T::ChanDir::SendRecv && c->elem->kind == T::TypeKind::Chan &&
                    static_cast<T::Chan*>(c->elem)->dir == T::ChanDir::RecvOnly;
      return parens ? prefix + "(" + elem + ")" : prefix + elem;
    }
    case T::TypeKind::Struct: {
      auto* st = static_cast<T::Struct*>(t);
      if (st->fields.empty()) return "struct {}";
      std::string s = "struct { ";
      for (size_t i = 0; i < st->fields.size(); i++) {
        if (i) s += "; ";
        T::Var* f = st->fields[i];
        if (symbol) {
          // Identity needs every field's name (an embedded alias names its
          // field: struct{ Int } is not struct{ int }) and, for unexported
          // names, the package.
          if (f->embedded) s += "embedded ";
          if (!f->exported() && f->pkg) s += f->pkg->path + ".";
          s += f->name + " ";
        } else if (!f->embedded) {
          s += f->name + " ";
        }
        s += spell(m, f->type, symbol, locals, counter);
        if (i < st->tags.size() && !st->tags[i].empty()) s += " " + quoteTag(st->tags[i]);
      }
      return s + " }";
    }
    case T::TypeKind::Signature: {
      auto* sig = static_cast<T::Signature*>(t);
      std::string s = "func(" + spellTuple(m, sig->params, sig->variadic, symbol, locals, counter) + ")";
      if (sig->results->vars.size() == 1) return s + " " + spell(m, sig->results->vars[0]->type, symbol, locals, counter);
      if (sig->results->vars.size() > 1) return s + " (" + spellTuple(m, sig->results, false, symbol, locals, counter) + ")";
      return s;
    }
    case T::TypeKind::Interface: {
      auto* it = static_cast<T::Interface*>(t);
      if (it->allMethods.empty()) return "interface {}";
      std::string s = "interface { ";
      for (size_t i = 0; i < it->allMethods.size(); i++) {
        if (i) s += "; ";
        T::Func* f = it->allMethods[i];
        std::string sig = spell(m, f->type, symbol, locals, counter);
        // An unexported method belongs to its package: Go qualifies it.
        if (!f->exported() && f->pkg) s += (symbol ? f->pkg->path : f->pkg->name) + ".";
        s += f->name + sig.substr(4);  // drop "func"
      }
      return s + " }";
    }
    case T::TypeKind::Tuple: return "(" + spellTuple(m, static_cast<T::Tuple*>(t), false, symbol, locals, counter) + ")";
  }
  return "?";
}

}  // namespace

std::string ModuleGen::typeName(T::Type* t) { return spell(*this, t, false, localTypeNames_, localTypeCounter_); }

// ---- method sets --------------------------------------------------------------

int ModuleGen::methodIndex(T::Interface* it, const std::string& name) {
  for (size_t i = 0; i < it->allMethods.size(); i++)
    if (it->allMethods[i]->name == name) return int(i);
  return 0;
}

std::vector<MethodEntry> ModuleGen::methodSet(T::Type* t) {
  std::vector<MethodEntry> out;
  if (T::isInterface(t)) return out;
  bool isPtr = false;
  T::Type* base = t;
  if (auto* p = T::as<T::Pointer>(t)) {
    base = p->elem;
    isPtr = true;
  }
  // Candidate method names: declared methods of every named type reachable
  // through embedded fields (and methods of embedded interfaces).
  std::set<std::pair<std::string, T::Package*>> names;
  std::vector<T::Type*> work = {base};
  std::set<T::Type*> seen;
  while (!work.empty()) {
    T::Type* cur = work.back();
    work.pop_back();
    if (auto* p = T::as<T::Pointer>(cur)) cur = p->elem;
    if (!seen.insert(cur).second) continue;
    if (auto* n = T::as<T::Named>(cur))
      for (T::Func* f : n->methods) names.insert({f->name, f->pkg});
    T::Type* u = cur->underlying();
    if (auto* it = T::as<T::Interface>(u)) {
      for (T::Func* f : it->allMethods) names.insert({f->name, f->pkg});
      continue;
    }
    if (auto* st = T::as<T::Struct>(u))
      for (T::Var* f : st->fields)
        if (f->embedded) work.push_back(f->type);
  }
  for (auto& [name, pkg] : names) {
    T::LookupResult r = T::lookupFieldOrMethod(t, false, pkg, name);
    auto* f = r.obj && r.obj->kind == T::ObjKind::Func ? static_cast<T::Func*>(r.obj) : nullptr;
    if (!f || r.ambiguous) continue;
    if (r.needsAddr && !isPtr) continue;
    std::vector<int> path(r.index.begin(), r.index.end() - 1);
    out.push_back({name, f, path, r.needsAddr});
  }
  std::sort(out.begin(), out.end(), [](const MethodEntry& a, const MethodEntry& b) { return a.name < b.name; });
  return out;
}

// ---- wrappers -------------------------------------------------------------------

namespace {

// Calls method `method` given the address `addr` of a value of type t, after
// following `path` through embedded fields. Returns the call's result.
llvm::Value* callThroughPath(FuncGen& f, T::Type* t, llvm::Value* addr, const std::vector<int>& path, T::Func* method,
                             std::vector<llvm::Value*>& args, Pos pos) {
  ModuleGen& m = f.m;
  for (size_t k = 0; k < path.size(); k++) {
    auto* st = static_cast<T::Struct*>(t->underlying());
    addr = f.b.CreateStructGEP(m.tm.lower(t), addr, unsigned(path[k]));
    t = st->fields[size_t(path[k])]->type;
    if (auto* p = T::as<T::Pointer>(t); p && k + 1 < path.size()) {
      addr = f.nilCheck(f.b.CreateLoad(m.abi.ptr, addr), pos);
      t = p->elem;
    }
  }
  T::Signature* msig = method->signature();
  if (T::isInterface(t)) {
    // Promoted through an embedded interface field.
    llvm::Value* iface = f.load(t, addr);
    llvm::Value* fnptr = f.ifaceMethodFn(iface, t, method->name, pos);
    args.insert(args.begin(), f.b.CreateExtractValue(iface, 1));
    return f.callIndirect(fnptr, m.tm.signature(msig, m.unsafePointer()), nullptr, args, pos);
  }
  T::Type* want = msig->recv->type;
  bool wantPtr = T::as<T::Pointer>(want) != nullptr;
  bool fieldIsPtr = T::as<T::Pointer>(t) != nullptr && !path.empty();
  llvm::Value* recv;
  if (wantPtr)
    recv = fieldIsPtr ? f.b.CreateLoad(m.abi.ptr, addr) : addr;
  else if (fieldIsPtr)
    recv = f.load(want, f.nilCheck(f.b.CreateLoad(m.abi.ptr, addr), pos));
  else
    recv = f.load(want, f.nilCheck(addr, pos));
  args.insert(args.begin(), recv);
  return f.callDirect(m.function(method), m.tm.signature(msig, want), nullptr, args, pos);
}

llvm::Value* tupleOrSingle(FuncGen&, llvm::Value* v) { return v; }

// The (*T).M wrapper of a value method M reports a nil pointer with Go's
// panicwrap text rather than as a nil dereference.
llvm::Value* nilCheckValueMethod(FuncGen& f, llvm::Value* p, T::Type* elem, T::Func* method) {
  auto* named = T::as<T::Named>(elem);
  std::string type = named ? named->obj->name : f.m.typeName(elem);
  std::string pkg = method->pkg ? method->pkg->path + "." : "";
  std::string msg = "value method " + pkg + type + "." + method->name + " called using nil *" + type + " pointer";
  return f.panicIfNil(p, "gol_panic_wrap", {f.g, f.b.CreateGlobalString(msg, "panicwrap")}, Pos{});
}

}  // namespace

llvm::Function* ModuleGen::ifaceWrapper(T::Type* recvType, const MethodEntry& me) {
  std::string name = "type:" + spell(*this, recvType, true, localTypeNames_, localTypeCounter_) + "." + me.name + "·i";
  auto it = wrappers_.find(name);
  if (it != wrappers_.end()) return it->second;
  T::Signature* msig = me.method->signature();
  llvm::Function* fn = declareFunction(name, msig, unsafePointer());
  fn->setLinkage(llvm::GlobalValue::LinkOnceODRLinkage);
  wrappers_[name] = fn;
  // Go elides such autogenerated wrappers from tracebacks.
  FuncGen fg(*this, fn, me.method->fullName(), me.method->pos, true);
  fg.genWrapper(msig, unsafePointer(), [&](FuncGen& f, std::vector<llvm::Value*>& params) -> llvm::Value* {
    llvm::Value* word = params[0];
    std::vector<llvm::Value*> args(params.begin() + 1, params.end());
    T::Type* t = recvType;
    if (auto* p = T::as<T::Pointer>(recvType)) {
      if (me.path.empty() && T::as<T::Pointer>(me.method->signature()->recv->type)) {
        args.insert(args.begin(), word);
        return f.callDirect(function(me.method), tm.signature(msig, me.method->signature()->recv->type), nullptr, args,
                            me.method->pos);
      }
      t = p->elem;
      llvm::Value* addr = me.path.empty() ? nilCheckValueMethod(f, word, t, me.method) : f.nilCheck(word, Pos{});
      return tupleOrSingle(f, callThroughPath(f, t, addr, me.path, me.method, args, Pos{}));
    }
    if (pointerShaped(recvType)) {
      args.insert(args.begin(), word);
      return f.callDirect(function(me.method), tm.signature(msig, me.method->signature()->recv->type), nullptr, args,
                          me.method->pos);
    }
    return callThroughPath(f, t, word, me.path, me.method, args, Pos{});
  });
  return fn;
}

llvm::Function* ModuleGen::methodValueWrapper(T::Func* method) {
  std::string name = method->fullName() + "·fm";
  auto it = wrappers_.find(name);
  if (it != wrappers_.end()) return it->second;
  T::Signature* msig = method->signature();
  T::Type* rt = msig->recv->type;
  llvm::Function* fn = declareFunction(name, msig, nullptr);
  fn->setLinkage(llvm::GlobalValue::InternalLinkage);
  wrappers_[name] = fn;
  FuncGen fg(*this, fn, method->fullName() + "-fm", method->pos);
  fg.genWrapper(msig, nullptr, [&](FuncGen& f, std::vector<llvm::Value*>& params) -> llvm::Value* {
    llvm::Value* box = f.b.CreateLoad(abi.ptr, f.b.CreateConstInBoundsGEP1_64(abi.ptr, f.ctxArg, 1));
    params.insert(params.begin(), f.load(rt, box));
    return f.callDirect(function(method), tm.signature(msig, rt), nullptr, params, method->pos);
  });
  return fn;
}

llvm::Function* ModuleGen::ifaceMethodValueWrapper(T::Type* ifaceType, T::Func* method) {
  std::string name = "type:" + spell(*this, ifaceType, true, localTypeNames_, localTypeCounter_) + "." + method->name + "·fm";
  auto it = wrappers_.find(name);
  if (it != wrappers_.end()) return it->second;
  T::Signature* msig = method->signature();
  llvm::Function* fn = declareFunction(name, msig, nullptr);
  fn->setLinkage(llvm::GlobalValue::InternalLinkage);
  wrappers_[name] = fn;
  FuncGen fg(*this, fn, typeName(ifaceType) + "." + method->name + "-fm", method->pos);
  fg.genWrapper(msig, nullptr, [&](FuncGen& f, std::vector<llvm::Value*>& params) -> llvm::Value* {
    llvm::Value* box = f.b.CreateLoad(abi.ptr, f.b.CreateConstInBoundsGEP1_64(abi.ptr, f.ctxArg, 1));
    llvm::Value* iface = f.load(ifaceType, box);
    llvm::Value* fnptr = f.ifaceMethodFn(iface, ifaceType, method->name, method->pos);
    params.insert(params.begin(), f.b.CreateExtractValue(iface, 1));
    return f.callIndirect(fnptr, tm.signature(msig, unsafePointer()), nullptr, params, method->pos);
  });
  return fn;
}

llvm::Constant* ModuleGen::methodExprValue(T::Type* recvType, T::Func* method, const std::vector<int>& path) {
  std::string name = "type:" + spell(*this, recvType, true, localTypeNames_, localTypeCounter_) + "." + method->name + "·me";
  if (auto* gv = mod.getNamedGlobal(name + "·f")) return gv;
  T::Signature* msig = method->signature();
  llvm::Function* fn = declareFunction(name, msig, recvType);
  fn->setLinkage(llvm::GlobalValue::InternalLinkage);
  FuncGen fg(*this, fn, method->fullName(), method->pos, true);  // elided, as above
  fg.genWrapper(msig, recvType, [&](FuncGen& f, std::vector<llvm::Value*>& params) -> llvm::Value* {
    llvm::Value* recv = params[0];
    std::vector<llvm::Value*> args(params.begin() + 1, params.end());
    if (T::isInterface(recvType)) {
      llvm::Value* fnptr = f.ifaceMethodFn(recv, recvType, method->name, method->pos);
      args.insert(args.begin(), f.b.CreateExtractValue(recv, 1));
      return f.callIndirect(fnptr, tm.signature(msig, unsafePointer()), nullptr, args, method->pos);
    }
    // Work from the receiver's address, through any embedded fields.
    T::Type* t = recvType;
    llvm::Value* addr;
    if (auto* p = T::as<T::Pointer>(recvType)) {
      t = p->elem;
      addr = recv;
      if (path.empty() && T::as<T::Pointer>(msig->recv->type)) {
        args.insert(args.begin(), recv);
        return f.callDirect(function(method), tm.signature(msig, msig->recv->type), nullptr, args, method->pos);
      }
      if (path.empty()) addr = nilCheckValueMethod(f, recv, t, method);
    } else {
      addr = f.tempSlot(recvType);
      f.b.CreateStore(recv, addr);
    }
    return callThroughPath(f, t, addr, path, method, args, method->pos);
  });
  auto* init = llvm::ConstantStruct::getAnon(ctx, {fn});
  auto* gv = new llvm::GlobalVariable(mod, init->getType(), true, llvm::GlobalValue::InternalLinkage, init, name + "·f");
  gv->setAlignment(llvm::Align(8));
  return gv;
}

T::Type* ModuleGen::closureStruct(const std::vector<T::Type*>& fields) {
  std::string key;
  for (T::Type* f : fields) key += spell(*this, f, true, localTypeNames_, localTypeCounter_) + ";";
  auto it = closureStructs_.find(key);
  if (it != closureStructs_.end()) return it->second;
  auto* st = prog.store.newType<T::Struct>();
  for (size_t i = 0; i < fields.size(); i++) {
    st->fields.push_back(prog.store.newObject<T::Var>(Pos{}, nullptr, "F" + std::to_string(i), fields[i], T::VarKind::Field));
    st->tags.push_back("");
  }
  closureStructs_[key] = st;
  return st;
}

// ---- descriptors ------------------------------------------------------------------

std::string ModuleGen::typeDescSymbol(T::Type* t) {
  return "type:" + spell(*this, t, true, localTypeNames_, localTypeCounter_);
}

void ModuleGen::markUsedInIface(T::Type* t) {
  std::string sym = typeDescSymbol(t);
  if (!usedInIface_.insert(sym).second) return;
  // A descriptor filled earlier is filled again, now with its methods.
  auto it = typeDescs_.find(sym);
  if (it != typeDescs_.end()) pendingTypeDescs_.push_back({t, llvm::cast<llvm::GlobalVariable>(it->second)});
  // fmt and the runtime reach the parts of a value through its descriptor.
  T::Type* u = t->underlying();
  switch (u->kind) {
    case T::TypeKind::Pointer: markUsedInIface(static_cast<T::Pointer*>(u)->elem); break;
    case T::TypeKind::Slice: markUsedInIface(static_cast<T::Slice*>(u)->elem); break;
    case T::TypeKind::Array: markUsedInIface(static_cast<T::Array*>(u)->elem); break;
    case T::TypeKind::Chan: markUsedInIface(static_cast<T::Chan*>(u)->elem); break;
    case T::TypeKind::Map:
      markUsedInIface(static_cast<T::Map*>(u)->key);
      markUsedInIface(static_cast<T::Map*>(u)->elem);
      break;
    case T::TypeKind::Struct:
      for (T::Var* field : static_cast<T::Struct*>(u)->fields) markUsedInIface(field->type);
      break;
    default: break;
  }
}

llvm::Constant* ModuleGen::typeDesc(T::Type* t) {
  std::string sym = typeDescSymbol(t);
  auto it = typeDescs_.find(sym);
  if (it != typeDescs_.end()) return it->second;
  auto* gv = new llvm::GlobalVariable(mod, abi.type, true, llvm::GlobalValue::LinkOnceODRLinkage, nullptr, sym);
  gv->setAlignment(llvm::Align(8));
  typeDescs_[sym] = gv;
  pendingTypeDescs_.push_back({t, gv});
  return gv;
}

llvm::Constant* ModuleGen::gcmask(T::Type* t) {
  std::vector<bool> words((tm.size(t) + 7) / 8, false);
  tm.pointerWords(t, 0, words);
  std::vector<uint8_t> bytes((words.size() + 7) / 8, 0);
  for (size_t i = 0; i < words.size(); i++)
    if (words[i]) bytes[i / 8] |= uint8_t(1u << (i % 8));
  if (bytes.empty()) return llvm::ConstantPointerNull::get(abi.ptr);
  auto* data = llvm::ConstantDataArray::get(ctx, bytes);
  return new llvm::GlobalVariable(mod, data->getType(), true, llvm::GlobalValue::PrivateLinkage, data, "gcmask");
}

namespace {

llvm::Constant* fieldConst(ModuleGen& m, const std::string& name, llvm::Constant* type, int64_t offset, bool embedded,
                           bool exported, const std::string& tag) {
  auto* pad = llvm::ConstantAggregateZero::get(llvm::ArrayType::get(m.abi.i8, 6));
  return llvm::ConstantStruct::get(
      m.abi.field, {m.stringConst(name), type, llvm::ConstantInt::get(m.abi.i64, offset),
                    llvm::ConstantInt::get(m.abi.i8, embedded), llvm::ConstantInt::get(m.abi.i8, exported), pad,
                    m.stringConst(tag)});
}

llvm::Constant* tableGlobal(ModuleGen& m, llvm::Type* elemTy, const std::vector<llvm::Constant*>& elems,
                            const std::string& name) {
  if (elems.empty()) return llvm::ConstantPointerNull::get(m.abi.ptr);
  auto* at = llvm::ArrayType::get(elemTy, elems.size());
  return new llvm::GlobalVariable(m.mod, at, true, llvm::GlobalValue::PrivateLinkage, llvm::ConstantArray::get(at, elems),
                                  name);
}

}  // namespace

llvm::Constant* ModuleGen::fieldTable(T::Struct* st, const std::string& name) {
  const llvm::StructLayout* sl = tm.layout().getStructLayout(llvm::cast<llvm::StructType>(tm.lower(st)));
  std::vector<llvm::Constant*> elems;
  for (size_t i = 0; i < st->fields.size(); i++) {
    T::Var* f = st->fields[i];
    elems.push_back(fieldConst(*this, f->name, typeDesc(f->type), int64_t(sl->getElementOffset(unsigned(i))), f->embedded,
                               f->exported(), i < st->tags.size() ? st->tags[i] : ""));
  }
  return tableGlobal(*this, abi.field, elems, name + ".fields");
}

llvm::Constant* ModuleGen::funcTypeTable(T::Signature* sig, const std::string& name) {
  std::vector<llvm::Constant*> elems;
  for (T::Var* v : sig->params->vars) elems.push_back(fieldConst(*this, "", typeDesc(v->type), 0, false, false, ""));
  for (T::Var* v : sig->results->vars) elems.push_back(fieldConst(*this, "", typeDesc(v->type), 0, false, false, ""));
  return tableGlobal(*this, abi.field, elems, name + ".params");
}

namespace {

// The method's type without its receiver, as a Signature.
T::Signature* withoutRecv(ModuleGen& m, T::Signature* sig) {
  if (!sig->recv) return sig;
  auto* s = m.prog.store.newType<T::Signature>();
  s->params = sig->params;
  s->results = sig->results;
  s->variadic = sig->variadic;
  return s;
}

}  // namespace

bool ModuleGen::callableThroughInterface(T::Func* method) {
  // The runtime itself calls Error and String (panic values), as Go's does.
  if (method->name == "Error" || method->name == "String") return true;
  if (!ifaceMethodsCollected_) {
    // Code generation creates no interface types: one pass suffices.
    prog.store.forEachType([&](T::Type* t) {
      if (auto* it = T::as<T::Interface>(t))
        for (T::Func* f : it->methods) ifaceMethods_.emplace(f->name, f->signature());
    });
    ifaceMethodsCollected_ = true;
  }
  auto [lo, hi] = ifaceMethods_.equal_range(method->name);
  // identical() ignores receivers.
  for (auto it = lo; it != hi; ++it)
    if (T::identical(it->second, method->signature())) return true;
  return false;
}

llvm::Constant* ModuleGen::methodTable(T::Type* t, const std::string& name, int64_t* count) {
  std::vector<llvm::Constant*> elems;
  for (const MethodEntry& me : methodSet(t)) {
    // Only interface calls reach a method through the table (conversions,
    // assertions, fmt's Stringer checks): a method no interface in the
    // program declares is left out, so its code need not be compiled.
    if (!callableThroughInterface(me.method)) continue;
    std::string pkgpath = me.method->exported() || !me.method->pkg ? "" : me.method->pkg->path;
    elems.push_back(llvm::ConstantStruct::get(
        abi.method, {stringConst(me.name), stringConst(pkgpath), typeDesc(withoutRecv(*this, me.method->signature())),
                     ifaceWrapper(t, me)}));
  }
  *count = int64_t(elems.size());
  return tableGlobal(*this, abi.method, elems, name + ".methods");
}

llvm::Constant* ModuleGen::imethodTable(T::Interface* it, const std::string& name, int64_t* count) {
  std::vector<llvm::Constant*> elems;
  for (T::Func* f : it->allMethods) {
    std::string pkgpath = f->exported() || !f->pkg ? "" : f->pkg->path;
    elems.push_back(llvm::ConstantStruct::get(
        abi.imethod, {stringConst(f->name), stringConst(pkgpath), typeDesc(withoutRecv(*this, f->signature()))}));
  }
  *count = int64_t(elems.size());
  return tableGlobal(*this, abi.imethod, elems, name + ".imethods");
}

void ModuleGen::fillTypeDesc(T::Type* t, llvm::GlobalVariable* gv) {
  std::string str = typeName(t);
  std::string name = gv->getName().str();
  T::Type* u = t->underlying();
  uint64_t size = tm.size(t);
  int64_t ptrdata = 0;
  // A bit per word: affordable only for values with pointers below kMaxMaskedSize,
  // while pointer-free arrays may be as large as the address space.
  if (tm.hasPointers(t) && size > kMaxMaskedSize) {
    errors_.push_back({Pos{}, "type " + str + " is too large for gol: values with pointers may take at most " +
                                  std::to_string(kMaxMaskedSize >> 30) + " GB"});
  } else if (tm.hasPointers(t)) {
    std::vector<bool> words((size + 7) / 8, false);
    tm.pointerWords(t, 0, words);
    for (size_t i = 0; i < words.size(); i++)
      if (words[i]) ptrdata = int64_t(i + 1) * 8;
  }
  uint16_t flags = 0;
  if (T::comparable(t)) flags |= GOL_TF_COMPARABLE;
  if (pointerShaped(t)) flags |= GOL_TF_DIRECT_IFACE;
  if (t->kind == T::TypeKind::Named) flags |= GOL_TF_NAMED;
  std::string pkgpath;
  if (auto* n = T::as<T::Named>(t); n && n->obj->pkg) pkgpath = n->obj->pkg->path;

  llvm::Constant* null = llvm::ConstantPointerNull::get(abi.ptr);
  llvm::Constant *elem = null, *key = null, *fields = null, *methods = null, *imethods = null;
  int64_t len = 0, nfields = 0, nin = 0, nmethods = 0, nimethods = 0;
  switch (u->kind) {
    case T::TypeKind::Pointer: elem = typeDesc(static_cast<T::Pointer*>(u)->elem); break;
    case T::TypeKind::Slice: elem = typeDesc(static_cast<T::Slice*>(u)->elem); break;
    case T::TypeKind::Array:
      elem = typeDesc(static_cast<T::Array*>(u)->elem);
      len = static_cast<T::Array*>(u)->len;
      break;
    case T::TypeKind::Chan: {
      auto* c = static_cast<T::Chan*>(u);
      elem = typeDesc(c->elem);
      len = c->dir == T::ChanDir::SendOnly ? GOL_CHAN_SEND : c->dir == T::ChanDir::RecvOnly ? GOL_CHAN_RECV : GOL_CHAN_BOTH;
      break;
    }
    case T::TypeKind::Map:
      key = typeDesc(static_cast<T::Map*>(u)->key);
      elem = typeDesc(static_cast<T::Map*>(u)->elem);
      break;
    case T::TypeKind::Struct:
      fields = fieldTable(static_cast<T::Struct*>(u), name);
      nfields = int64_t(static_cast<T::Struct*>(u)->fields.size());
      break;
    case T::TypeKind::Signature: {
      auto* sig = static_cast<T::Signature*>(u);
      fields = funcTypeTable(sig, name);
      nin = int64_t(sig->params->vars.size());
      nfields = nin + int64_t(sig->results->vars.size());
      if (sig->variadic) flags |= GOL_TF_VARIADIC;
      break;
    }
    case T::TypeKind::Interface: imethods = imethodTable(static_cast<T::Interface*>(u), name, &nimethods); break;
    default: break;
  }
  // Methods are reached only through interface values, so only types whose
  // values can be in one need them (and their code).
  if (u->kind != T::TypeKind::Interface && usedInIface_.count(name)) methods = methodTable(t, name, &nmethods);
  auto* init = llvm::ConstantStruct::get(
      abi.type,
      {llvm::ConstantInt::get(abi.i64, size), llvm::ConstantInt::get(abi.i64, ptrdata), ptrdata ? gcmask(t) : null,
       llvm::ConstantInt::get(abi.i32, fnv1a(str)), llvm::ConstantInt::get(abi.i8, goKind(t)),
       llvm::ConstantInt::get(abi.i8, tm.align(t)), llvm::ConstantInt::get(abi.i16, flags), stringConst(str),
       stringConst(pkgpath), elem, key, llvm::ConstantInt::get(abi.i64, len), fields, llvm::ConstantInt::get(abi.i64, nfields),
       llvm::ConstantInt::get(abi.i64, nin), methods, llvm::ConstantInt::get(abi.i64, nmethods), imethods,
       llvm::ConstantInt::get(abi.i64, nimethods)});
  gv->setInitializer(init);
}

llvm::Constant* ModuleGen::itab(T::Type* concrete, T::Type* iface) {
  std::string sym = "itab:" + spell(*this, concrete, true, localTypeNames_, localTypeCounter_) + "," +
                    spell(*this, iface, true, localTypeNames_, localTypeCounter_);
  auto it = itabs_.find(sym);
  if (it != itabs_.end()) return it->second;
  markUsedInIface(concrete);
  auto* itype = static_cast<T::Interface*>(iface->underlying());
  std::vector<MethodEntry> ms = methodSet(concrete);
  std::vector<llvm::Constant*> fns;
  for (T::Func* im : itype->allMethods) {
    llvm::Constant* fn = llvm::ConstantPointerNull::get(abi.ptr);
    for (const MethodEntry& me : ms)
      if (me.name == im->name) fn = ifaceWrapper(concrete, me);
    fns.push_back(fn);
  }
  auto* funTy = llvm::ArrayType::get(abi.ptr, fns.size());
  std::vector<llvm::Type*> fields(abi.itabHeader->element_begin(), abi.itabHeader->element_end());
  fields.push_back(funTy);
  auto* ty = llvm::StructType::get(ctx, fields);
  auto* init = llvm::ConstantStruct::get(
      ty, {typeDesc(iface), typeDesc(concrete), llvm::ConstantInt::get(abi.i32, fnv1a(typeName(concrete))),
           llvm::ConstantInt::get(abi.i32, 0), llvm::ConstantArray::get(funTy, fns)});
  auto* gv = new llvm::GlobalVariable(mod, ty, true, llvm::GlobalValue::LinkOnceODRLinkage, init, sym);
  gv->setAlignment(llvm::Align(8));
  itabs_[sym] = gv;
  return gv;
}

}  // namespace gol::cg
