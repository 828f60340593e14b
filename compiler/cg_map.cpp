// cg_map.cpp — map element access, assignment and deletion: the runtime entry
// point is picked by key type, as Go's compiler picks mapaccess1_faststr and
// friends.
//
// Invariants
//  - Keys whose underlying type is string use the _faststr entry points,
//    4- and 8-byte integer keys and pointer, channel and unsafe.Pointer keys
//    the _fast32/_fast64 ones; these take the key by value. Every other key
//    type goes by address through the generic entry points. The runtime hashes
//    each key class identically on all paths, so they agree on one map.
//  - A key passed by address lives in a slot of the caller's frame (rooted
//    across the call); a key passed by value is rooted by the runtime while
//    the map grows, the only time an access allocates.
#include "compiler/cg_internal.h"

namespace gol::cg {

namespace {

enum class KeyPath { Generic, Str, Fast32, Fast64 };

KeyPath keyPath(TypeMap& tm, T::Type* key) {
  T::Type* u = key->underlying();
  if (auto* bt = T::as<T::Basic>(u)) {
    if (bt->bkind == T::BasicKind::String) return KeyPath::Str;
    if (bt->bkind == T::BasicKind::UnsafePointer) return KeyPath::Fast64;
    if (!(bt->info & T::IsInteger)) return KeyPath::Generic;
    uint64_t size = tm.size(key);
    return size == 8 ? KeyPath::Fast64 : size == 4 ? KeyPath::Fast32 : KeyPath::Generic;
  }
  if (u->kind == T::TypeKind::Pointer || u->kind == T::TypeKind::Chan) return KeyPath::Fast64;
  return KeyPath::Generic;
}

RtFn entryName(MapOp op, KeyPath path) {
  static constexpr RtFn names[3][4] = {
      {"gol_mapaccess", "gol_mapaccess_faststr", "gol_mapaccess_fast32", "gol_mapaccess_fast64"},
      {"gol_mapassign", "gol_mapassign_faststr", "gol_mapassign_fast32", "gol_mapassign_fast64"},
      {"gol_mapdelete", "gol_mapdelete_faststr", "gol_mapdelete_fast32", "gol_mapdelete_fast64"}};
  return names[int(op)][int(path)];
}

}  // namespace

// Passes the key as op's entry point wants it: by address (keyAddr, or a temp
// holding keyValue) or as scalars (keyValue, or loaded from keyAddr).
llvm::Value* FuncGen::mapCall(MapOp op, T::Type* mapType, llvm::Value* map, llvm::Value* keyValue,
                              llvm::Value* keyAddr, Pos pos, llvm::Value* okSlot) {
  T::Type* kt = static_cast<T::Map*>(mapType->underlying())->key;
  KeyPath path = keyPath(m.tm, kt);
  std::vector<llvm::Value*> args = {g, m.typeDesc(mapType), map};
  if (path == KeyPath::Generic) {
    if (!keyAddr) {
      keyAddr = tempSlot(kt);
      b.CreateStore(keyValue, keyAddr);
    }
    args.push_back(keyAddr);
  } else {
    if (!keyValue) keyValue = load(kt, keyAddr);
    if (path == KeyPath::Str) {
      args.push_back(stringData(keyValue));
      args.push_back(stringLen(keyValue));
    } else {
      args.push_back(keyValue->getType()->isPointerTy() ? b.CreatePtrToInt(keyValue, m.abi.i64) : keyValue);
    }
  }
  if (op == MapOp::Access) args.push_back(okSlot ? okSlot : llvm::ConstantPointerNull::get(m.abi.ptr));
  return call(m.rt(entryName(op, path)), args, pos);
}

}  // namespace gol::cg
