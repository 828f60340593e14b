// value.h — a typed view of a gol value in memory, the printer's stand-in for
// reflect.Value: a descriptor, the address of the value, and whether it was
// reached through an unexported struct field (Go's flagRO: such values are
// printed but their methods are never called).
#pragma once

#include <cstring>
#include <string_view>

#include "gol/abi.h"

namespace gol::fmt {

struct Value {
  const GolType* type = nullptr;  // nullptr: no value (a nil interface)
  const void* ptr = nullptr;      // address of the value
  bool readOnly = false;

  bool valid() const { return type != nullptr; }
  GolKind kind() const { return type ? GolKind(type->kind) : GOL_KIND_INVALID; }

  template <typename T>
  T load() const {
    T v;
    memcpy(&v, ptr, sizeof v);
    return v;
  }
  // The word an interface holding this value would carry as its data.
  void* ifaceData() const {
    return (type->flags & GOL_TF_DIRECT_IFACE) ? load<void*>() : const_cast<void*>(ptr);
  }
};

inline std::string_view typeString(const GolType* t) {
  return {reinterpret_cast<const char*>(t->string.ptr), size_t(t->string.len)};
}

// The dynamic value held by the interface at iface, of interface type t.
inline Value interfaceElem(const GolType* t, const GolIface* iface, bool readOnly) {
  if (iface->tab == nullptr) return {};
  const GolType* dyn = t->nimethods == 0 ? static_cast<const GolType*>(iface->tab)
                                         : static_cast<const GolItab*>(iface->tab)->type;
  const void* ptr = (dyn->flags & GOL_TF_DIRECT_IFACE) ? static_cast<const void*>(&iface->data) : iface->data;
  return {dyn, ptr, readOnly};
}

// An element of a []any argument list.
inline Value argValue(const GolIface* arg) {
  if (arg->tab == nullptr) return {};
  auto* t = static_cast<const GolType*>(arg->tab);
  const void* ptr = (t->flags & GOL_TF_DIRECT_IFACE) ? static_cast<const void*>(&arg->data) : arg->data;
  return {t, ptr, false};
}

}  // namespace gol::fmt
