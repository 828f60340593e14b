/*
 * gol/native.h — the machine-level signature of a C++ function as a short
 * code, and the one way to register a native (C++ only).
 *
 * The code is computed from the function's C++ type by the compiler that
 * builds the function, so it cannot drift from the definition. The code
 * generator turns the codes of the runtime entry points (gol/abi_entries.inc)
 * into its LLVM declarations, and the natives check run when gol is built
 * (compiler/tools/check_natives.cpp) compares every native's code with the
 * signature its bodyless Go declaration lowers to.
 *
 * Code grammar: result ':' params. Each scalar is one letter: b bool, c h i l
 * integers of 1 2 4 8 bytes, f float, d double, p any pointer. The result is
 * v (void), the scalars of a value returned in registers (a C struct of at
 * most 16 bytes is taken apart field by field, nested structs included), or
 * S followed by the scalars of a larger struct, which C returns through a
 * hidden pointer. Parameters must be scalars: gol flattens aggregates itself.
 *
 * Invariants
 *  - Struct results may hold only scalars and structs, no arrays or bit-fields
 *    (their fields are found by aggregate initialisation).
 *  - A GolSymbol registered with GOL_NATIVE carries the code and the C++
 *    name of the very function whose address it holds.
 */
#ifndef GOL_NATIVE_H
#define GOL_NATIVE_H

#include <type_traits>
#include <utility>

#include "gol/abi.h"

namespace gol::abi {

struct SigCode {
  char s[64] = {};
  int n = 0;
  // Writing past the end is an error in constant evaluation, so an
  // over-long code fails to compile.
  constexpr void add(char c) {
    s[n++] = c;
    s[n] = 0;
  }
};

namespace detail {

// Converts to any field type; only ever named in unevaluated operands.
struct AnyField {
  template <class T>
  operator T() const;
};

template <class T, class... A>
concept BraceInitWith = requires { T{std::declval<A>()...}; };

template <class T, class... A>
constexpr int countFields() {
  if constexpr (sizeof...(A) > 8)
    return -1;
  else if constexpr (BraceInitWith<T, A..., AnyField>)
    return countFields<T, A..., AnyField>();
  else
    return int(sizeof...(A));
}

template <class... T>
struct Types {};

// The declared types of T's fields, through a structured binding that is
// never evaluated (this function is only named inside decltype).
template <class T>
auto fieldTypes(T& t) {
  constexpr int n = countFields<T>();
  static_assert(n >= 1 && n <= 8, "a native's struct result needs 1 to 8 plain fields");
  if constexpr (n == 1) {
    auto& [a] = t;
    return Types<decltype(a)>{};
  } else if constexpr (n == 2) {
    auto& [a, b] = t;
    return Types<decltype(a), decltype(b)>{};
  } else if constexpr (n == 3) {
    auto& [a, b, c] = t;
    return Types<decltype(a), decltype(b), decltype(c)>{};
  } else if constexpr (n == 4) {
    auto& [a, b, c, d] = t;
    return Types<decltype(a), decltype(b), decltype(c), decltype(d)>{};
  } else if constexpr (n == 5) {
    auto& [a, b, c, d, e] = t;
    return Types<decltype(a), decltype(b), decltype(c), decltype(d), decltype(e)>{};
  } else if constexpr (n == 6) {
    auto& [a, b, c, d, e, f] = t;
    return Types<decltype(a), decltype(b), decltype(c), decltype(d), decltype(e), decltype(f)>{};
  } else if constexpr (n == 7) {
    auto& [a, b, c, d, e, f, g] = t;
    return Types<decltype(a), decltype(b), decltype(c), decltype(d), decltype(e), decltype(f), decltype(g)>{};
  } else {
    auto& [a, b, c, d, e, f, g, h] = t;
    return Types<decltype(a), decltype(b), decltype(c), decltype(d), decltype(e), decltype(f), decltype(g),
                 decltype(h)>{};
  }
}

template <class T>
constexpr void addScalars(SigCode& code);

template <class... F>
constexpr void addFields(SigCode& code, Types<F...>) {
  (addScalars<std::remove_cvref_t<F>>(code), ...);
}

template <class T>
constexpr void addScalars(SigCode& code) {
  if constexpr (std::is_same_v<T, bool>)
    code.add('b');
  else if constexpr (std::is_pointer_v<T> || std::is_null_pointer_v<T>)
    code.add('p');
  else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
    code.add(sizeof(T) == 1 ? 'c' : sizeof(T) == 2 ? 'h' : sizeof(T) == 4 ? 'i' : 'l');
  else if constexpr (std::is_same_v<T, float>)
    code.add('f');
  else if constexpr (std::is_same_v<T, double>)
    code.add('d');
  else {
    static_assert(std::is_aggregate_v<T>, "natives exchange scalars and plain structs only");
    addFields(code, decltype(fieldTypes(std::declval<T&>())){});
  }
}

template <class F>
struct FnSig;

template <class R, class... P>
struct FnSig<R (*)(P...)> {
  static constexpr SigCode code() {
    SigCode c;
    if constexpr (std::is_void_v<R>) {
      c.add('v');
    } else if constexpr (std::is_class_v<R>) {
      if (sizeof(R) > 16) c.add('S');
      addScalars<R>(c);
    } else {
      addScalars<R>(c);
    }
    c.add(':');
    static_assert((!std::is_class_v<P> && ...), "parameters are flattened to scalars, never passed as structs");
    (addScalars<std::remove_cv_t<P>>(c), ...);
    return c;
  }
};

// Deduction converts the pointer first, dropping noexcept, and, with Clang,
// which keeps it in the type, noreturn.
template <class R, class... P>
constexpr SigCode sigOf(R (*)(P...)) {
  return FnSig<R (*)(P...)>::code();
}

}  // namespace detail

// The signature code of the function whose pointer type is F.
template <class F>
inline constexpr SigCode kSig = detail::sigOf(static_cast<F>(nullptr));

}  // namespace gol::abi

// The one registration row of a native: its gol name ("fmt.Println",
// "strings.(*Builder).String") and the C++ function implementing it.
#define GOL_NATIVE(golName, fn) \
  GolSymbol { golName, reinterpret_cast<void*>(&fn), ::gol::abi::kSig<decltype(&fn)>.s, #fn }

#endif /* GOL_NATIVE_H */
