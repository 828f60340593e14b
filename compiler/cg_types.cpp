// cg_types.cpp — Go types to LLVM types, sizes, pointer maps and the
// flattened calling convention of abi.h.
//
// Invariants: sizes and alignments are the DataLayout's for the lowered type,
// which match Go's amd64 layout (natural alignment, C-like struct padding).
// A parameter is passed as its scalars when it has at most kMaxFlatScalars of
// them, else by pointer to a caller-owned copy. Results of at most two
// scalars come back directly when they occupy separate eightbytes (as the C
// ABI returns the same struct); anything else goes through sret.
#include "compiler/cg_internal.h"

#include "llvm/IR/DataLayout.h"

namespace gol::cg {

namespace {

constexpr size_t kMaxFlatScalars = 8;

}  // namespace

TypeMap::TypeMap(llvm::LLVMContext& ctx, const llvm::DataLayout& dl, const AbiTypes& abi)
    : ctx_(ctx), dl_(dl), abi_(abi) {}

llvm::Type* TypeMap::lower(T::Type* t) {
  auto it = cache_.find(t);
  if (it != cache_.end()) return it->second;
  llvm::Type* r = nullptr;
  T::Type* u = t->underlying();
  switch (u->kind) {
    case T::TypeKind::Basic: {
      switch (static_cast<T::Basic*>(u)->bkind) {
        case T::BasicKind::Bool:
        case T::BasicKind::UntypedBool: r = abi_.i1; break;
        case T::BasicKind::Int8:
        case T::BasicKind::Uint8: r = abi_.i8; break;
        case T::BasicKind::Int16:
        case T::BasicKind::Uint16: r = abi_.i16; break;
        case T::BasicKind::Int32:
        case T::BasicKind::Uint32:
        case T::BasicKind::UntypedRune: r = abi_.i32; break;
        case T::BasicKind::Float32: r = abi_.f32; break;
        case T::BasicKind::Float64:
        case T::BasicKind::UntypedFloat: r = abi_.f64; break;
        case T::BasicKind::String:
        case T::BasicKind::UntypedString: r = abi_.string; break;
        case T::BasicKind::UnsafePointer:
        case T::BasicKind::UntypedNil: r = abi_.ptr; break;
        case T::BasicKind::Complex64: r = llvm::StructType::get(ctx_, {abi_.f32, abi_.f32}); break;
        case T::BasicKind::Complex128:
        case T::BasicKind::UntypedComplex: r = llvm::StructType::get(ctx_, {abi_.f64, abi_.f64}); break;
        default: r = abi_.i64; break;
      }
      break;
    }
    case T::TypeKind::Pointer:
    case T::TypeKind::Map:
    case T::TypeKind::Chan:
    case T::TypeKind::Signature: r = abi_.ptr; break;
    case T::TypeKind::Slice: r = abi_.slice; break;
    case T::TypeKind::Interface: r = abi_.iface; break;
    case T::TypeKind::Array: {
      auto* a = static_cast<T::Array*>(u);
      r = llvm::ArrayType::get(lower(a->elem), uint64_t(a->len));
      break;
    }
    case T::TypeKind::Struct: {
      std::vector<llvm::Type*> fields;
      for (T::Var* f : static_cast<T::Struct*>(u)->fields) fields.push_back(lower(f->type));
      r = llvm::StructType::get(ctx_, fields);
      break;
    }
    case T::TypeKind::Tuple: {
      std::vector<llvm::Type*> fields;
      for (T::Var* v : static_cast<T::Tuple*>(u)->vars) fields.push_back(lower(v->type));
      r = llvm::StructType::get(ctx_, fields);
      break;
    }
    case T::TypeKind::Named: break;  // underlying() never returns Named
  }
  cache_[t] = r;
  return r;
}

uint64_t TypeMap::size(T::Type* t) { return dl_.getTypeAllocSize(lower(t)); }
uint64_t TypeMap::align(T::Type* t) { return dl_.getABITypeAlign(lower(t)).value(); }

// Decided from the type's structure, not from pointerWords' bitmap, which
// would take a bit per word of a value that may be terabytes large.
bool TypeMap::hasPointers(T::Type* t) {
  T::Type* u = t->underlying();
  switch (u->kind) {
    case T::TypeKind::Basic: {
      auto bk = static_cast<T::Basic*>(u)->bkind;
      return bk == T::BasicKind::String || bk == T::BasicKind::UnsafePointer || bk == T::BasicKind::UntypedString ||
             bk == T::BasicKind::UntypedNil;
    }
    case T::TypeKind::Array: {
      auto* a = static_cast<T::Array*>(u);
      return a->len > 0 && size(a->elem) > 0 && hasPointers(a->elem);
    }
    case T::TypeKind::Struct:
    case T::TypeKind::Tuple: {
      const auto& vars = u->kind == T::TypeKind::Struct ? static_cast<T::Struct*>(u)->fields
                                                         : static_cast<T::Tuple*>(u)->vars;
      for (T::Var* v : vars)
        if (hasPointers(v->type)) return true;
      return false;
    }
    case T::TypeKind::Named: return false;
    default: return true;
  }
}

void TypeMap::pointerWords(T::Type* t, uint64_t offset, std::vector<bool>& words) {
  T::Type* u = t->underlying();
  switch (u->kind) {
    case T::TypeKind::Basic: {
      auto bk = static_cast<T::Basic*>(u)->bkind;
      if (bk == T::BasicKind::String || bk == T::BasicKind::UnsafePointer || bk == T::BasicKind::UntypedString ||
          bk == T::BasicKind::UntypedNil)
        words[offset / 8] = true;
      return;
    }
    case T::TypeKind::Pointer:
    case T::TypeKind::Map:
    case T::TypeKind::Chan:
    case T::TypeKind::Signature:
    case T::TypeKind::Slice: words[offset / 8] = true; return;
    case T::TypeKind::Interface:
      words[offset / 8] = true;  // the itab/type word points to static data; harmless
      words[offset / 8 + 1] = true;
      return;
    case T::TypeKind::Array: {
      auto* a = static_cast<T::Array*>(u);
      if (!hasPointers(a->elem)) return;
      uint64_t es = size(a->elem);
      for (int64_t i = 0; i < a->len; i++) pointerWords(a->elem, offset + uint64_t(i) * es, words);
      return;
    }
    case T::TypeKind::Struct:
    case T::TypeKind::Tuple: {
      auto* st = llvm::cast<llvm::StructType>(lower(u));
      const llvm::StructLayout* sl = dl_.getStructLayout(st);
      const auto& vars = u->kind == T::TypeKind::Struct ? static_cast<T::Struct*>(u)->fields
                                                         : static_cast<T::Tuple*>(u)->vars;
      for (size_t i = 0; i < vars.size(); i++) pointerWords(vars[i]->type, offset + sl->getElementOffset(i), words);
      return;
    }
    case T::TypeKind::Named: return;
  }
}

void TypeMap::flatten(T::Type* t, std::vector<llvm::Type*>& out) {
  llvm::Type* lt = lower(t);
  if (auto* st = llvm::dyn_cast<llvm::StructType>(lt)) {
    T::Type* u = t->underlying();
    if (u->kind == T::TypeKind::Struct) {
      for (T::Var* f : static_cast<T::Struct*>(u)->fields) flatten(f->type, out);
      return;
    }
    for (llvm::Type* e : st->elements()) out.push_back(e);  // string, slice, iface, complex
    return;
  }
  if (lt->isArrayTy()) {
    auto* a = static_cast<T::Array*>(t->underlying());
    for (int64_t i = 0; i < a->len; i++) flatten(a->elem, out);
    return;
  }
  out.push_back(lt);
}

bool TypeMap::passByPointer(T::Type* t) {
  std::vector<llvm::Type*> scalars;
  flatten(t, scalars);
  return scalars.size() > kMaxFlatScalars;
}

int TypeMap::extension(T::Type* t) {
  llvm::Type* lt = lower(t);
  if (!lt->isIntegerTy() || lt->getIntegerBitWidth() >= 32) return 0;
  if (lt->getIntegerBitWidth() == 1) return 2;
  return T::isUnsigned(t) ? 2 : 1;
}

const AbiSig& TypeMap::signature(T::Signature* sig, T::Type* recvType) {
  auto key = std::make_pair(sig, recvType);
  auto it = sigs_.find(key);
  if (it != sigs_.end()) return *it->second;
  auto s = std::make_unique<AbiSig>();
  s->resultVars = sig->results;
  for (T::Var* r : sig->results->vars) s->results.push_back(r->type);

  // Results.
  std::vector<llvm::Type*> resultTypes;
  std::vector<llvm::Type*> scalars;
  for (T::Type* r : s->results) {
    resultTypes.push_back(lower(r));
    flatten(r, scalars);
  }
  if (resultTypes.empty())
    s->resultTuple = abi_.voidTy;
  else if (resultTypes.size() == 1)
    s->resultTuple = resultTypes[0];
  else
    s->resultTuple = llvm::StructType::get(ctx_, resultTypes);
  bool direct = scalars.size() <= 1 ||
                (scalars.size() == 2 && dl_.getTypeAllocSize(scalars[0]) == 8 && dl_.getTypeAllocSize(scalars[1]) <= 8);
  s->sret = !direct;
  if (direct) s->directScalars = scalars;

  std::vector<llvm::Type*> args;
  if (s->sret) args.push_back(abi_.ptr);
  s->gArg = args.size();
  args.push_back(abi_.ptr);
  s->ctxArg = args.size();
  args.push_back(abi_.ptr);
  auto addParam = [&](T::Type* pt) {
    AbiParam p{pt, unsigned(args.size()), 0, passByPointer(pt)};
    if (p.byPointer) {
      args.push_back(abi_.ptr);
      p.numArgs = 1;
    } else {
      std::vector<llvm::Type*> flat;
      flatten(pt, flat);
      for (llvm::Type* f : flat) args.push_back(f);
      p.numArgs = unsigned(flat.size());
    }
    s->params.push_back(p);
  };
  if (recvType) addParam(recvType);
  for (T::Var* p : sig->params->vars) addParam(p->type);

  llvm::Type* ret = abi_.voidTy;
  if (!s->sret) {
    if (scalars.size() == 1)
      ret = scalars[0];
    else if (scalars.size() == 2)
      ret = llvm::StructType::get(ctx_, scalars);
  }
  s->fty = llvm::FunctionType::get(ret, args, false);
  auto* raw = s.get();
  sigs_[key] = std::move(s);
  return *raw;
}

}  // namespace gol::cg
