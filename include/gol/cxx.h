/*
 * gol/cxx.h — C++ helpers over abi.h shared by the runtime and the stdlib's
 * natives: string views, the runtime's own type descriptors, and root frames
 * for C++ code holding gol pointers (C++ only).
 *
 * Invariants
 *  - A descriptor built by nativeType is immutable and lives as long as the
 *    process; its hash is FNV-1a of its string, as the compiler's are.
 *  - RootFrame records are linked onto g->frame and unlinked strictly LIFO by
 *    scope, like a gol function's frame: the collector scans their roots
 *    while they are linked, whether the goroutine runs or is parked.
 */
#ifndef GOL_CXX_H
#define GOL_CXX_H

#include <cstdint>
#include <string_view>

#include "gol/abi.h"

namespace gol {

inline GolString golStr(std::string_view s) {
  return GolString{reinterpret_cast<const uint8_t*>(s.data()), int64_t(s.size())};
}
inline std::string_view view(const uint8_t* p, int64_t n) { return {reinterpret_cast<const char*>(p), size_t(n)}; }
inline std::string_view view(GolString s) { return view(s.ptr, s.len); }

constexpr uint32_t fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ uint8_t(c)) * 16777619u;
  return h;
}

// What a type descriptor the runtime or a native defines for itself says;
// everything else in the GolType is zero.
struct NativeTypeSpec {
  int64_t size;
  uint8_t kind;            // enum GolKind
  std::string_view string; // as %T prints it
  int64_t ptrdata = 0;
  const uint8_t* gcmask = nullptr;
  uint16_t flags = 0;      // enum GolTypeFlags
  uint8_t align = 8;
  std::string_view pkgpath = {};
  const GolType* elem = nullptr;
  const GolField* fields = nullptr;  // structs; func types: their results
  int64_t nfields = 0;
  const GolMethod* methods = nullptr;
  int64_t nmethods = 0;
};

inline GolType nativeType(const NativeTypeSpec& s) {
  GolType t{};
  t.size = s.size;
  t.ptrdata = s.ptrdata;
  t.gcmask = s.gcmask;
  t.hash = fnv1a(s.string);
  t.kind = s.kind;
  t.align = s.align;
  t.flags = s.flags;
  t.string = golStr(s.string);
  if (!s.pkgpath.empty()) t.pkgpath = golStr(s.pkgpath);
  t.elem = s.elem;
  t.fields = s.fields;
  t.nfields = s.nfields;
  t.methods = s.methods;
  t.nmethods = s.nmethods;
  return t;
}

// One pointer word at offset 0: the mask of strings, funcs and headers
// whose first word is their only heap pointer.
inline constexpr uint8_t kFirstWordMask[1] = {1};

// The descriptors of Go's string and uint8 types, one object each for the
// whole process.
inline const GolType kStringType = nativeType(
    {.size = 16, .kind = GOL_KIND_STRING, .string = "string", .ptrdata = 8, .gcmask = kFirstWordMask,
     .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED});
inline const GolType kUint8Type =
    nativeType({.size = 1, .kind = GOL_KIND_UINT8, .string = "uint8", .flags = GOL_TF_COMPARABLE | GOL_TF_NAMED,
                .align = 1});

// The function information of a RootFrame with n roots (the collector reads
// nroots; tracebacks never look at it).
template <int N>
inline const GolFuncInfo kRootFrameInfo = {golStr("runtime.rootframe"), {nullptr, 0}, N, 0, nullptr};

// Roots N pointers held by C++ code for the lifetime of this object, by
// linking a frame onto g's shadow stack; its slots start out nil.
template <int N>
class RootFrame {
 public:
  explicit RootFrame(GolG* g) : g_(g) {
    rec_.prev = g->frame;
    rec_.fn = &kRootFrameInfo<N>;
    // Linking a local frame into g is the point; the destructor unlinks it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"
    g->frame = reinterpret_cast<GolFrame*>(&rec_);
#pragma GCC diagnostic pop
  }
  ~RootFrame() { g_->frame = rec_.prev; }
  RootFrame(const RootFrame&) = delete;
  RootFrame& operator=(const RootFrame&) = delete;

  void*& operator[](int i) { return rec_.roots[i]; }

 private:
  struct Record {  // GolFrame with a fixed-size roots[] area
    GolFrame* prev;
    const GolFuncInfo* fn;
    void* roots[N] = {};
  };
  static_assert(sizeof(Record) == sizeof(GolFrame) + N * sizeof(void*), "GolFrame layout");
  GolG* g_;
  Record rec_;
};

}  // namespace gol

#endif /* GOL_CXX_H */
