// typedesc.cpp — equality and hashing by type descriptor, type identity,
// and the runtime's own descriptors (see typedesc.h for the invariants).
#include "runtime/typedesc.h"

#include <cstring>
#include <ctime>

#include "runtime/panic.h"

namespace gol::rt {

namespace {

const GolField kStringResult[1] = {{golStr("string"), &kStringType, 0, 0, 0, {}, {nullptr, 0}}};

using hashing::mix;
constexpr uint64_t kM0 = hashing::kK0, kM1 = hashing::kK1, kM2 = 0x8ebc6af09c88c6e3ull;

[[noreturn]] void panicUncomparable(G* gp, const char* what, const GolType* t) {
  std::string msg = std::string(what) + std::string(view(t->string));
  panicRuntimeError(gp, RuntimeErrorKind::ErrorString, msg);
}

bool isBlankField(const GolField& f) { return f.name.len == 1 && f.name.ptr[0] == '_'; }

template <typename F>
uint64_t floatHash(F f, uint64_t seed) {
  if (f == 0) f = 0;   // +0 and -0 are equal: one hash
  if (f != f) return mix(seed ^ fastrand64(), kM1);
  return memhash(&f, sizeof f, seed);
}

}  // namespace

const GolType typeInt32 = nativeType(
    {.size = 4, .kind = GOL_KIND_INT32, .string = "int32", .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED, .align = 4});

const GolType typeFuncVoid = nativeType({.size = 8, .kind = GOL_KIND_FUNC, .string = "func()", .ptrdata = 8,
                                         .gcmask = kFirstWordMask, .flags = GOL_TF_DIRECT_IFACE});
const GolType typeFuncString =
    nativeType({.size = 8, .kind = GOL_KIND_FUNC, .string = "func() string", .ptrdata = 8,
                .gcmask = kFirstWordMask, .flags = GOL_TF_DIRECT_IFACE, .fields = kStringResult, .nfields = 1});

bool typesIdentical(const GolType* a, const GolType* b) {
  if (a == b) return true;
  if (!a || !b) return false;
  if ((a->flags & GOL_TF_NAMED) || (b->flags & GOL_TF_NAMED)) return false;
  return a->kind == b->kind && a->hash == b->hash && view(a->string) == view(b->string);
}

uint64_t fastrand64() {
  thread_local uint64_t state = 0;
  if (state == 0) {
    timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    state = mix(uint64_t(ts.tv_nsec) ^ uint64_t(reinterpret_cast<uintptr_t>(&state)), kM0) | 1;
  }
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return mix(state, kM2);
}

bool ifaceDataEqual(G* gp, const GolType* t, void* x, void* y) {
  if (!(t->flags & GOL_TF_COMPARABLE)) panicUncomparable(gp, "comparing uncomparable type ", t);
  if (isDirectIface(t)) return x == y;
  return valuesEqual(gp, t, x, y);
}

bool valuesEqual(G* gp, const GolType* t, const void* x, const void* y) {
  switch (t->kind) {
    case GOL_KIND_FLOAT32:
      return *static_cast<const float*>(x) == *static_cast<const float*>(y);
    case GOL_KIND_FLOAT64:
      return *static_cast<const double*>(x) == *static_cast<const double*>(y);
    case GOL_KIND_COMPLEX64: {
      auto* a = static_cast<const float*>(x);
      auto* b = static_cast<const float*>(y);
      return a[0] == b[0] && a[1] == b[1];
    }
    case GOL_KIND_COMPLEX128: {
      auto* a = static_cast<const double*>(x);
      auto* b = static_cast<const double*>(y);
      return a[0] == b[0] && a[1] == b[1];
    }
    case GOL_KIND_STRING:
      return strEqual(*static_cast<const GolString*>(x), *static_cast<const GolString*>(y));
    case GOL_KIND_INTERFACE: {
      auto* a = static_cast<const GolIface*>(x);
      auto* b = static_cast<const GolIface*>(y);
      const GolType* ta = ifaceDynamicType(t, a->tab);
      const GolType* tb = ifaceDynamicType(t, b->tab);
      if (!typesIdentical(ta, tb)) return false;
      if (!ta) return true;
      return ifaceDataEqual(gp, ta, a->data, b->data);
    }
    case GOL_KIND_ARRAY: {
      auto* a = static_cast<const uint8_t*>(x);
      auto* b = static_cast<const uint8_t*>(y);
      for (int64_t i = 0; i < t->len; i++) {
        if (!valuesEqual(gp, t->elem, a + i * t->elem->size, b + i * t->elem->size)) return false;
      }
      return true;
    }
    case GOL_KIND_STRUCT: {
      auto* a = static_cast<const uint8_t*>(x);
      auto* b = static_cast<const uint8_t*>(y);
      for (int64_t i = 0; i < t->nfields; i++) {
        const GolField& f = t->fields[i];
        if (!isBlankField(f) && !valuesEqual(gp, f.type, a + f.offset, b + f.offset)) return false;
      }
      return true;
    }
    case GOL_KIND_SLICE:
    case GOL_KIND_MAP:
    case GOL_KIND_FUNC:
      panicUncomparable(gp, "comparing uncomparable type ", t);
    default:
      return std::memcmp(x, y, size_t(t->size)) == 0;
  }
}

uint64_t valueHash(G* gp, const GolType* t, const void* p, uint64_t seed) {
  switch (t->kind) {
    case GOL_KIND_FLOAT32:
      return floatHash(*static_cast<const float*>(p), seed);
    case GOL_KIND_FLOAT64:
      return floatHash(*static_cast<const double*>(p), seed);
    case GOL_KIND_COMPLEX64: {
      auto* c = static_cast<const float*>(p);
      return floatHash(c[1], floatHash(c[0], seed));
    }
    case GOL_KIND_COMPLEX128: {
      auto* c = static_cast<const double*>(p);
      return floatHash(c[1], floatHash(c[0], seed));
    }
    case GOL_KIND_STRING:
      return strhash(*static_cast<const GolString*>(p), seed);
    case GOL_KIND_INTERFACE: {
      auto* v = static_cast<const GolIface*>(p);
      const GolType* dt = ifaceDynamicType(t, v->tab);
      if (!dt) return mix(seed ^ kM2, kM0);
      if (!(dt->flags & GOL_TF_COMPARABLE)) panicUncomparable(gp, "hash of unhashable type ", dt);
      uint64_t h = mix(seed ^ dt->hash, kM1);
      if (isDirectIface(dt)) return memhash(&v->data, sizeof v->data, h);
      return valueHash(gp, dt, v->data, h);
    }
    case GOL_KIND_ARRAY: {
      auto* a = static_cast<const uint8_t*>(p);
      uint64_t h = seed;
      for (int64_t i = 0; i < t->len; i++) h = valueHash(gp, t->elem, a + i * t->elem->size, h);
      return h;
    }
    case GOL_KIND_STRUCT: {
      auto* a = static_cast<const uint8_t*>(p);
      uint64_t h = seed;
      for (int64_t i = 0; i < t->nfields; i++) {
        const GolField& f = t->fields[i];
        if (!isBlankField(f)) h = valueHash(gp, f.type, a + f.offset, h);
      }
      return h;
    }
    case GOL_KIND_SLICE:
    case GOL_KIND_MAP:
    case GOL_KIND_FUNC:
      panicUncomparable(gp, "hash of unhashable type ", t);
    default:
      return memhash(p, size_t(t->size), seed);
  }
}

const GolMethod* findMethod(const GolType* t, std::string_view name) {
  for (int64_t i = 0; i < t->nmethods; i++) {
    const GolMethod& m = t->methods[i];
    if (m.pkgpath.len == 0 && view(m.name) == name) return &m;
  }
  return nullptr;
}

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

int32_t gol_memequal(GolG* g, const GolType* t, const void* x, const void* y) {
  return valuesEqual(static_cast<G*>(g), t, x, y);
}

int32_t gol_efaceeq(GolG* g, const GolType* t, void* x, void* y) {
  if (!t) return 1;
  return ifaceDataEqual(static_cast<G*>(g), t, x, y);
}

int32_t gol_ifaceeq(GolG* g, const GolItab* tab, void* x, void* y) {
  if (!tab) return 1;
  return ifaceDataEqual(static_cast<G*>(g), tab->type, x, y);
}

}  // extern "C"
