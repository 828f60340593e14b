// error.cpp — the runtime's error values (Go's error.go): the dynamic types
// runtime.errorString, runtime.plainError, runtime.boundsError,
// runtime.errorAddressString and *runtime.TypeAssertionError, with Error()
// and RuntimeError() methods (and Addr()) in the gol ABI, and the message
// texts Go's runtime produces.
//
// Invariants
//  - Every runtime error value holds its complete Error() text as a GolString
//    in its first word pair (a boxed string or struct, or the pointee of the
//    *TypeAssertionError), so one method implementation serves all of them.
//  - Messages are byte-for-byte Go 1.19's.
#include <cstring>

#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/typedesc.h"

namespace gol::rt {

namespace {

GolString errorMethod(GolG*, void*, void* recv) { return *static_cast<GolString*>(recv); }
void runtimeErrorMethod(GolG*, void*, void*) {}

const GolMethod kErrorMethods[2] = {
    {golStr("Error"), {nullptr, 0}, &typeFuncString, reinterpret_cast<void*>(&errorMethod)},
    {golStr("RuntimeError"), {nullptr, 0}, &typeFuncVoid, reinterpret_cast<void*>(&runtimeErrorMethod)},
};

const GolField kMsgField[1] = {{golStr("msg"), &kStringType, 0, 0, 0, {}, {nullptr, 0}}};

GolType namedString(const char* name) {
  return nativeType({.size = 16, .kind = GOL_KIND_STRING, .string = name, .ptrdata = 8, .gcmask = kFirstWordMask,
                     .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED, .pkgpath = "runtime", .methods = kErrorMethods,
                     .nmethods = 2});
}

GolType msgStruct(const char* name, const GolMethod* methods, int64_t nmethods) {
  return nativeType({.size = 16, .kind = GOL_KIND_STRUCT, .string = name, .ptrdata = 8, .gcmask = kFirstWordMask,
                     .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED, .pkgpath = "runtime", .fields = kMsgField,
                     .nfields = 1, .methods = methods, .nmethods = nmethods});
}

// runtime.errorAddressString: the message, then the faulting address.
uintptr_t addrMethod(GolG*, void*, void* recv) { return static_cast<uintptr_t*>(recv)[2]; }

const GolType typeUintptr =
    nativeType({.size = 8, .kind = GOL_KIND_UINTPTR, .string = "uintptr", .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED});
const GolField kUintptrResult[1] = {{golStr("uintptr"), &typeUintptr, 0, 0, 0, {}, {nullptr, 0}}};
const GolType typeFuncUintptr =
    nativeType({.size = 8, .kind = GOL_KIND_FUNC, .string = "func() uintptr", .ptrdata = 8, .gcmask = kFirstWordMask,
                .flags = GOL_TF_DIRECT_IFACE, .fields = kUintptrResult, .nfields = 1});
const GolMethod kAddressErrorMethods[3] = {
    {golStr("Addr"), {nullptr, 0}, &typeFuncUintptr, reinterpret_cast<void*>(&addrMethod)},
    kErrorMethods[0],
    kErrorMethods[1],
};
const GolField kAddressFields[2] = {
    {golStr("msg"), &kStringType, 0, 0, 0, {}, {nullptr, 0}},
    {golStr("addr"), &typeUintptr, 16, 0, 0, {}, {nullptr, 0}},
};
const GolType typeErrorAddressString =
    nativeType({.size = 24, .kind = GOL_KIND_STRUCT, .string = "runtime.errorAddressString", .ptrdata = 8,
                .gcmask = kFirstWordMask, .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED, .pkgpath = "runtime",
                .fields = kAddressFields, .nfields = 2, .methods = kAddressErrorMethods, .nmethods = 3});

const GolType typeErrorString = namedString("runtime.errorString");
const GolType typePlainError = namedString("runtime.plainError");
const GolType typeBoundsError = msgStruct("runtime.boundsError", kErrorMethods, 2);
// Go declares TypeAssertionError's methods on the pointer only.
const GolType typeTypeAssertionError = msgStruct("runtime.TypeAssertionError", nullptr, 0);
const GolType typeTypeAssertionErrorPtr =
    nativeType({.size = 8, .kind = GOL_KIND_POINTER, .string = "*runtime.TypeAssertionError", .ptrdata = 8,
                .gcmask = kFirstWordMask, .flags = GOL_TF_COMPARABLE | GOL_TF_DIRECT_IFACE,
                .elem = &typeTypeAssertionError, .methods = kErrorMethods, .nmethods = 2});

const char* const kBoundsFormats[kBoundsCodeCount] = {
    "index out of range [%x] with length %y",
    "slice bounds out of range [:%x] with length %y",
    "slice bounds out of range [:%x] with capacity %y",
    "slice bounds out of range [%x:%y]",
    "slice bounds out of range [::%x] with length %y",
    "slice bounds out of range [::%x] with capacity %y",
    "slice bounds out of range [:%x:%y]",
    "slice bounds out of range [%x:%y:]",
    "cannot convert slice with length %y to pointer to array with length %x",
};
const char* const kBoundsNegFormats[kBoundsCodeCount] = {
    "index out of range [%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [%x:]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [:%x:]",
    "slice bounds out of range [%x::]",
    "cannot convert slice with length %y to pointer to array with length %x",
};

const GolType* errorType(RuntimeErrorKind kind) {
  switch (kind) {
    case RuntimeErrorKind::ErrorString: return &typeErrorString;
    case RuntimeErrorKind::PlainError: return &typePlainError;
    case RuntimeErrorKind::BoundsError: return &typeBoundsError;
    case RuntimeErrorKind::TypeAssertion: return &typeTypeAssertionErrorPtr;
    case RuntimeErrorKind::AddressError: return &typeErrorAddressString;
  }
  fatal("runtime: bad runtime error kind");
}

bool hasPrefix(RuntimeErrorKind kind) {
  return kind == RuntimeErrorKind::ErrorString || kind == RuntimeErrorKind::BoundsError ||
         kind == RuntimeErrorKind::AddressError;
}

// A method "name() string" in t's method set, or null.
const GolMethod* stringMethod(const GolType* t, std::string_view name) {
  const GolMethod* m = findMethod(t, name);
  if (!m || !m->mtype) return nullptr;
  const GolType* ft = m->mtype;
  bool shape = ft->kind == GOL_KIND_FUNC && ft->nin == 0 && ft->nfields == 1 &&
               ft->fields[0].type->kind == GOL_KIND_STRING;
  return shape ? m : nullptr;
}

}  // namespace

std::string boundsErrorMessage(int32_t code, int64_t x, int64_t y) {
  bool unsignedX = code & GOL_BOUNDS_UNSIGNED_X;
  code &= ~GOL_BOUNDS_UNSIGNED_X;
  if (code < 0 || code >= kBoundsCodeCount) fatal("runtime: bad bounds error code");
  const char* fmt = x < 0 && !unsignedX ? kBoundsNegFormats[code] : kBoundsFormats[code];
  std::string out;
  for (const char* c = fmt; *c; c++) {
    if (*c != '%') {
      out += *c;
      continue;
    }
    c++;
    if (*c == 'x' && unsignedX)
      appendUint(out, uint64_t(x));
    else
      appendInt(out, *c == 'x' ? x : y);
  }
  return out;
}

std::string typeAssertionMessage(const GolType* have, const GolType* want, const GolType* iface,
                                 const char* missingMethod) {
  std::string inter = iface ? std::string(view(iface->string)) : "interface";
  std::string as(view(want->string));
  if (!have) return "interface conversion: " + inter + " is nil, not " + as;
  std::string cs(view(have->string));
  if (missingMethod)
    return "interface conversion: " + cs + " is not " + as + ": missing method " + missingMethod;
  std::string msg = "interface conversion: " + inter + " is " + cs + ", not " + as;
  if (cs == as) {
    msg += view(have->pkgpath) != view(want->pkgpath) ? " (types from different packages)"
                                                      : " (types from different scopes)";
  }
  return msg;
}

GolIface makeRuntimeError(G* gp, RuntimeErrorKind kind, const std::string& text) {
  std::string full = hasPrefix(kind) ? "runtime error: " + text : text;
  RootFrame<1> roots(gp);
  auto* bytes = static_cast<uint8_t*>(gol_alloc(gp, &kUint8Type, int64_t(full.size())));
  std::memcpy(bytes, full.data(), full.size());
  roots[0] = bytes;
  const GolType* t = errorType(kind);
  const GolType* boxType = t->kind == GOL_KIND_POINTER ? t->elem : t;
  auto* box = static_cast<GolString*>(gol_alloc(gp, boxType, 1));
  *box = GolString{bytes, int64_t(full.size())};
  return GolIface{t, box};
}

GolIface makeFaultError(G* gp, uintptr_t addr) {
  GolIface e = makeRuntimeError(gp, RuntimeErrorKind::AddressError, "invalid memory address or nil pointer dereference");
  static_cast<uintptr_t*>(e.data)[2] = addr;
  return e;
}

void panicRuntimeError(G* gp, RuntimeErrorKind kind, const std::string& text) {
  panicValue(gp, makeRuntimeError(gp, kind, text));
}

bool callErrorOrString(G* gp, GolIface v, std::string* out) {
  auto* t = static_cast<const GolType*>(v.tab);
  if (!t) return false;
  const GolMethod* m = stringMethod(t, "Error");
  if (!m) m = stringMethod(t, "String");
  if (!m) return false;
  auto fn = reinterpret_cast<GolString (*)(GolG*, void*, void*)>(m->ifn);
  GolString s = fn(gp, nullptr, v.data);
  out->assign(reinterpret_cast<const char*>(s.ptr), size_t(s.len));
  return true;
}

}  // namespace gol::rt
