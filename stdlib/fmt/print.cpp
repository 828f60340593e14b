// print.cpp — see print.h. Function for function a port of print.go; the
// reflect.Value operations become reads through GolType descriptors.
#include "stdlib/fmt/print.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "gol/cxx.h"
#include "stdlib/fmt/mapsort.h"
#include "stdlib/internal/utf8.h"

namespace gol::fmt {
namespace {

constexpr const char* kLower = Formatter::kLowerDigits;
constexpr const char* kUpper = Formatter::kUpperDigits;

bool isSignedKind(GolKind k) { return k >= GOL_KIND_INT && k <= GOL_KIND_INT64; }
bool isUnsignedKind(GolKind k) { return k >= GOL_KIND_UINT && k <= GOL_KIND_UINTPTR; }

int64_t loadSigned(const Value& v) {
  switch (v.type->size) {
    case 1: return v.load<int8_t>();
    case 2: return v.load<int16_t>();
    case 4: return v.load<int32_t>();
    default: return v.load<int64_t>();
  }
}

uint64_t loadUnsigned(const Value& v) {
  switch (v.type->size) {
    case 1: return v.load<uint8_t>();
    case 2: return v.load<uint16_t>();
    case 4: return v.load<uint32_t>();
    default: return v.load<uint64_t>();
  }
}

double loadFloat(const Value& v) {
  return v.kind() == GOL_KIND_FLOAT32 ? double(v.load<float>()) : v.load<double>();
}

// An exported method of t named name with signature func() string, as the
// Stringer, GoStringer and error interfaces require.
const GolMethod* stringMethod(const GolType* t, std::string_view name) {
  const GolMethod* begin = t->methods;
  const GolMethod* end = begin + t->nmethods;
  const GolMethod* m = std::lower_bound(begin, end, name, [](const GolMethod& m, std::string_view n) {
    return view(m.name) < n;
  });
  if (m == end || view(m->name) != name || m->pkgpath.len != 0) return nullptr;
  const GolType* ft = m->mtype;
  if (ft->nin != 0 || ft->nfields != 1) return nullptr;
  const GolType* rt = ft->fields[0].type;
  if (rt->kind != GOL_KIND_STRING || typeString(rt) != "string") return nullptr;
  return m;
}

// Whether t implements fmt.Formatter: Format(State, rune).
bool isFormatter(const GolType* t) {
  for (int64_t i = 0; i < t->nmethods; i++) {
    const GolMethod& m = t->methods[i];
    if (view(m.name) != "Format" || m.pkgpath.len != 0) continue;
    const GolType* ft = m.mtype;
    return ft->nin == 2 && ft->nfields == 2 && ft->fields[0].type->kind == GOL_KIND_INTERFACE &&
           ft->fields[1].type->kind == GOL_KIND_INT32;
  }
  return false;
}

// The unnamed type []byte (which %T spells []uint8).
bool isByteSlice(const GolType* t) {
  return t->kind == GOL_KIND_SLICE && !(t->flags & GOL_TF_NAMED) && t->elem->kind == GOL_KIND_UINT8 &&
         typeString(t->elem) == "uint8";
}

bool tooLarge(int64_t x) { return x > 1000000 || x < -1000000; }

void parsenum(std::string_view s, size_t start, size_t end, int& num, bool& isnum, size_t& newi) {
  num = 0;
  isnum = false;
  if (start >= end) {
    newi = end;
    return;
  }
  for (newi = start; newi < end && '0' <= s[newi] && s[newi] <= '9'; newi++) {
    if (tooLarge(num)) {
      num = 0;
      isnum = false;
      newi = end;
      return;
    }
    num = num * 10 + (s[newi] - '0');
    isnum = true;
  }
}

}  // namespace

void Printer::writeRune(int32_t r) { utf8::appendRune(buf, r); }

void Printer::badVerb(int32_t verb) {
  erroring_ = true;
  buf += "%!";
  writeRune(verb);
  buf += '(';
  Value shown = argSet_ ? arg_ : value_;
  if (shown.valid()) {
    buf += typeString(shown.type);
    buf += '=';
    if (argSet_)
      printArg(shown, 'v');
    else
      printValue(shown, 'v', 0);
  } else {
    buf += "<nil>";
  }
  buf += ')';
  erroring_ = false;
}

void Printer::fmtBool(bool v, int32_t verb) {
  if (verb == 't' || verb == 'v')
    fmt_.fmtBoolean(v);
  else
    badVerb(verb);
}

void Printer::fmt0x64(uint64_t v, bool leading0x) {
  bool sharp = fmt_.flags.sharp;
  fmt_.flags.sharp = leading0x;
  fmt_.fmtInteger(v, 16, false, 'v', kLower);
  fmt_.flags.sharp = sharp;
}

void Printer::fmtInteger(uint64_t v, bool isSigned, int32_t verb) {
  switch (verb) {
    case 'v':
      if (fmt_.flags.sharpV && !isSigned)
        fmt0x64(v, true);
      else
        fmt_.fmtInteger(v, 10, isSigned, verb, kLower);
      break;
    case 'd': fmt_.fmtInteger(v, 10, isSigned, verb, kLower); break;
    case 'b': fmt_.fmtInteger(v, 2, isSigned, verb, kLower); break;
    case 'o':
    case 'O': fmt_.fmtInteger(v, 8, isSigned, verb, kLower); break;
    case 'x': fmt_.fmtInteger(v, 16, isSigned, verb, kLower); break;
    case 'X': fmt_.fmtInteger(v, 16, isSigned, verb, kUpper); break;
    case 'c': fmt_.fmtC(v); break;
    case 'q': fmt_.fmtQc(v); break;
    case 'U': fmt_.fmtUnicode(v); break;
    default: badVerb(verb);
  }
}

void Printer::fmtFloat(double v, int size, int32_t verb) {
  switch (verb) {
    case 'v': fmt_.fmtFloat(v, size, 'g', -1); break;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X': fmt_.fmtFloat(v, size, verb, -1); break;
    case 'f':
    case 'e':
    case 'E': fmt_.fmtFloat(v, size, verb, 6); break;
    case 'F': fmt_.fmtFloat(v, size, 'f', 6); break;
    default: badVerb(verb);
  }
}

void Printer::fmtComplex(double re, double im, int size, int32_t verb) {
  switch (verb) {
    case 'v': case 'b': case 'g': case 'G': case 'x': case 'X': case 'f': case 'F': case 'e': case 'E': {
      bool oldPlus = fmt_.flags.plus;
      buf += '(';
      fmtFloat(re, size / 2, verb);
      fmt_.flags.plus = true;
      fmtFloat(im, size / 2, verb);
      buf += "i)";
      fmt_.flags.plus = oldPlus;
      break;
    }
    default: badVerb(verb);
  }
}

void Printer::fmtString(std::string_view v, int32_t verb) {
  switch (verb) {
    case 'v':
      if (fmt_.flags.sharpV)
        fmt_.fmtQ(v);
      else
        fmt_.fmtS(v);
      break;
    case 's': fmt_.fmtS(v); break;
    case 'x': fmt_.fmtSx(v, kLower); break;
    case 'X': fmt_.fmtSx(v, kUpper); break;
    case 'q': fmt_.fmtQ(v); break;
    default: badVerb(verb);
  }
}

// Only the verbs that treat a byte sequence as text reach here; %v and %d
// print bytes as a list of numbers through printList.
void Printer::fmtBytes(std::string_view v, bool, int32_t verb, std::string_view) {
  switch (verb) {
    case 's': fmt_.fmtS(v); break;
    case 'x': fmt_.fmtSx(v, kLower); break;
    case 'X': fmt_.fmtSx(v, kUpper); break;
    case 'q': fmt_.fmtQ(v); break;
  }
}

void Printer::fmtPointer(Value v, int32_t verb) {
  uintptr_t u;
  switch (v.kind()) {
    case GOL_KIND_SLICE: u = uintptr_t(v.load<GolSlice>().ptr); break;
    case GOL_KIND_CHAN:
    case GOL_KIND_FUNC:
    case GOL_KIND_MAP:
    case GOL_KIND_POINTER:
    case GOL_KIND_UNSAFE_POINTER: u = uintptr_t(v.load<void*>()); break;
    default: badVerb(verb); return;
  }
  switch (verb) {
    case 'v':
      if (fmt_.flags.sharpV) {
        buf += '(';
        buf += typeString(v.type);
        buf += ")(";
        if (u == 0)
          buf += "nil";
        else
          fmt0x64(u, true);
        buf += ')';
      } else if (u == 0) {
        fmt_.pad("<nil>");
      } else {
        fmt0x64(u, !fmt_.flags.sharp);
      }
      break;
    case 'p': fmt0x64(u, !fmt_.flags.sharp); break;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X': fmtInteger(u, false, verb); break;
    default: badVerb(verb);
  }
}

bool Printer::handleMethods(int32_t verb) {
  if (erroring_) return false;
  const GolType* t = arg_.type;
  if (verb == 'w') {
    bool isError = t != nullptr && stringMethod(t, "Error") != nullptr;
    if (!isError || !wrapErrs || wrappedErr >= 0) {
      wrappedErr = -1;
      wrapErrs = false;
      badVerb(verb);
      return true;
    }
    wrappedErr = argIndex_;
    verb = 'v';
  }
  if (t == nullptr || t->nmethods == 0) return false;
  if (isFormatter(t)) gol_panic_msg(g_, "gol: fmt.Formatter (a Format method) is not supported");

  const GolMethod* m = nullptr;
  if (fmt_.flags.sharpV) {
    m = stringMethod(t, "GoString");
  } else if (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q') {
    m = stringMethod(t, "Error");
    if (m == nullptr) m = stringMethod(t, "String");
  }
  if (m == nullptr) return false;

  // Go recovers the panic of a value method called through a nil pointer and
  // prints <nil>; that panic is certain, so it is not provoked here.
  if (t->kind == GOL_KIND_POINTER && arg_.load<void*>() == nullptr && t->elem &&
      stringMethod(t->elem, view(m->name)) != nullptr) {
    buf += "<nil>";
    return true;
  }
  auto fn = reinterpret_cast<GolString (*)(GolG*, void*, void*)>(m->ifn);
  std::string s(view(fn(g_, nullptr, arg_.ifaceData())));
  if (fmt_.flags.sharpV)
    fmt_.fmtS(s);
  else
    fmtString(s, verb);
  return true;
}

void Printer::printArg(Value arg, int32_t verb) {
  arg_ = arg;
  argSet_ = true;
  value_ = {};
  if (!arg.valid()) {
    if (verb == 'T' || verb == 'v')
      fmt_.pad("<nil>");
    else
      badVerb(verb);
    return;
  }
  if (verb == 'T') {
    fmt_.fmtS(typeString(arg.type));
    return;
  }
  if (verb == 'p') {
    fmtPointer(arg, 'p');
    return;
  }
  if (handleMethods(verb)) return;
  // Go's printArg case []byte: %#v spells the type "[]byte", not "[]uint8".
  if (verb == 'v' && fmt_.flags.sharpV && isByteSlice(arg.type)) {
    GolSlice b = arg.load<GolSlice>();
    buf += "[]byte";
    if (b.ptr == nullptr) {
      buf += "(nil)";
      return;
    }
    buf += '{';
    for (int64_t i = 0; i < b.len; i++) {
      if (i > 0) buf += ", ";
      fmt0x64(static_cast<const uint8_t*>(b.ptr)[i], true);
    }
    buf += '}';
    return;
  }
  printValue(arg, verb, 0);
}

void Printer::printValue(Value v, int32_t verb, int depth) {
  if (depth > 0 && v.valid() && !v.readOnly) {
    arg_ = v.kind() == GOL_KIND_INTERFACE ? interfaceElem(v.type, static_cast<const GolIface*>(v.ptr), false) : v;
    argSet_ = true;
    if (arg_.valid() && handleMethods(verb)) return;
  }
  arg_ = {};
  argSet_ = false;
  value_ = v;

  GolKind k = v.kind();
  if (isSignedKind(k)) return fmtInteger(uint64_t(loadSigned(v)), true, verb);
  if (isUnsignedKind(k)) return fmtInteger(loadUnsigned(v), false, verb);
  switch (k) {
    case GOL_KIND_INVALID:
      if (depth == 0)
        buf += "<invalid reflect.Value>";
      else if (verb == 'v')
        buf += "<nil>";
      else
        badVerb(verb);
      return;
    case GOL_KIND_BOOL: return fmtBool(v.load<uint8_t>() != 0, verb);
    case GOL_KIND_FLOAT32: return fmtFloat(loadFloat(v), 32, verb);
    case GOL_KIND_FLOAT64: return fmtFloat(loadFloat(v), 64, verb);
    case GOL_KIND_COMPLEX64: {
      auto* p = static_cast<const float*>(v.ptr);
      return fmtComplex(p[0], p[1], 64, verb);
    }
    case GOL_KIND_COMPLEX128: {
      auto* p = static_cast<const double*>(v.ptr);
      return fmtComplex(p[0], p[1], 128, verb);
    }
    case GOL_KIND_STRING: return fmtString(view(v.load<GolString>()), verb);
    case GOL_KIND_MAP: return printMap(v, verb, depth);
    case GOL_KIND_STRUCT: return printStruct(v, verb, depth);
    case GOL_KIND_INTERFACE: {
      Value elem = interfaceElem(v.type, static_cast<const GolIface*>(v.ptr), v.readOnly);
      if (elem.valid()) return printValue(elem, verb, depth + 1);
      if (fmt_.flags.sharpV) {
        buf += typeString(v.type);
        buf += "(nil)";
      } else {
        buf += "<nil>";
      }
      return;
    }
    case GOL_KIND_ARRAY:
    case GOL_KIND_SLICE: return printList(v, verb, depth);
    case GOL_KIND_POINTER:
      if (depth == 0 && v.load<void*>() != nullptr) {
        switch (v.type->elem->kind) {
          case GOL_KIND_ARRAY:
          case GOL_KIND_SLICE:
          case GOL_KIND_STRUCT:
          case GOL_KIND_MAP:
            buf += '&';
            return printValue(Value{v.type->elem, v.load<void*>(), v.readOnly}, verb, depth + 1);
          default: break;
        }
      }
      return fmtPointer(v, verb);
    case GOL_KIND_CHAN:
    case GOL_KIND_FUNC:
    case GOL_KIND_UNSAFE_POINTER: return fmtPointer(v, verb);
    default:
      buf += '?';
      buf += typeString(v.type);
      buf += '?';
  }
}

void Printer::printMap(Value v, int32_t verb, int depth) {
  auto* m = v.load<GolMap*>();
  if (fmt_.flags.sharpV) {
    buf += typeString(v.type);
    if (m == nullptr) {
      buf += "(nil)";
      return;
    }
    buf += '{';
  } else {
    buf += "map[";
  }
  std::vector<MapEntry> entries = sortedMapEntries(g_, v.type, m, v.readOnly);
  for (size_t i = 0; i < entries.size(); i++) {
    if (i > 0) {
      if (fmt_.flags.sharpV)
        buf += ", ";
      else
        buf += ' ';
    }
    printValue(entries[i].key, verb, depth + 1);
    buf += ':';
    printValue(entries[i].value, verb, depth + 1);
  }
  buf += fmt_.flags.sharpV ? '}' : ']';
}

void Printer::printStruct(Value v, int32_t verb, int depth) {
  if (fmt_.flags.sharpV) buf += typeString(v.type);
  buf += '{';
  for (int64_t i = 0; i < v.type->nfields; i++) {
    const GolField& f = v.type->fields[i];
    if (i > 0) {
      if (fmt_.flags.sharpV)
        buf += ", ";
      else
        buf += ' ';
    }
    if (fmt_.flags.plusV || fmt_.flags.sharpV) {
      buf += view(f.name);
      buf += ':';
    }
    Value field{f.type, static_cast<const char*>(v.ptr) + f.offset, v.readOnly || !f.exported};
    if (field.kind() == GOL_KIND_INTERFACE) {
      Value elem = interfaceElem(field.type, static_cast<const GolIface*>(field.ptr), field.readOnly);
      if (elem.valid()) field = elem;
    }
    printValue(field, verb, depth + 1);
  }
  buf += '}';
}

void Printer::printList(Value v, int32_t verb, int depth) {
  bool isSlice = v.kind() == GOL_KIND_SLICE;
  const char* base;
  int64_t len;
  if (isSlice) {
    GolSlice s = v.load<GolSlice>();
    base = static_cast<const char*>(s.ptr);
    len = s.len;
  } else {
    base = static_cast<const char*>(v.ptr);
    len = v.type->len;
  }
  const GolType* elem = v.type->elem;
  if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && elem->kind == GOL_KIND_UINT8) {
    fmtBytes(std::string_view(base, size_t(len)), base == nullptr, verb, typeString(v.type));
    return;
  }
  if (fmt_.flags.sharpV) {
    buf += typeString(v.type);
    if (isSlice && base == nullptr) {
      buf += "(nil)";
      return;
    }
    buf += '{';
  } else {
    buf += '[';
  }
  for (int64_t i = 0; i < len; i++) {
    if (i > 0) {
      if (fmt_.flags.sharpV)
        buf += ", ";
      else
        buf += ' ';
    }
    printValue(Value{elem, base + i * elem->size, v.readOnly}, verb, depth + 1);
  }
  buf += fmt_.flags.sharpV ? '}' : ']';
}

void Printer::intFromArg(const GolIface* a, int64_t n, int64_t& argNum, int& num, bool& isInt) {
  num = 0;
  isInt = false;
  if (argNum >= n) return;
  Value v = argValue(&a[argNum]);
  GolKind k = v.kind();
  int64_t x = 0;
  if (isSignedKind(k)) {
    x = loadSigned(v);
    isInt = true;
  } else if (isUnsignedKind(k)) {
    uint64_t u = loadUnsigned(v);
    x = int64_t(u);
    isInt = x >= 0;
  }
  argNum++;
  if (!isInt || tooLarge(x)) {
    isInt = false;
    return;
  }
  num = int(x);
}

void Printer::argNumber(int64_t& argNum, std::string_view format, size_t& i, int64_t numArgs, bool& found) {
  found = false;
  if (format.size() <= i || format[i] != '[') return;
  reordered_ = true;
  // Go's parseArgNumber on format[i:].
  std::string_view f = format.substr(i);
  int index = 0;
  size_t wid = 1;
  bool ok = false;
  if (f.size() >= 3) {
    for (size_t j = 1; j < f.size(); j++) {
      if (f[j] == ']') {
        int width;
        bool isnum;
        size_t newi;
        parsenum(f, 1, j, width, isnum, newi);
        if (!isnum || newi != j) {
          wid = j + 1;
        } else {
          index = width - 1;
          wid = j + 1;
          ok = true;
        }
        break;
      }
    }
  }
  if (ok && 0 <= index && index < numArgs) {
    argNum = index;
    i += wid;
    found = true;
    return;
  }
  goodArgNum_ = false;
  i += wid;
  found = ok;
}

void Printer::doPrintf(std::string_view format, const GolIface* a, int64_t n) {
  size_t end = format.size();
  int64_t argNum = 0;
  bool afterIndex = false;
  reordered_ = false;
  for (size_t i = 0; i < end;) {
    goodArgNum_ = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') i++;
    if (i > lasti) buf.append(format.substr(lasti, i - lasti));
    if (i >= end) break;
    i++;  // skip %

    fmt_.clearFlags();
    bool simpleDone = false;
    for (; i < end; i++) {
      char c = format[i];
      if (c == '#') {
        fmt_.flags.sharp = true;
      } else if (c == '0') {
        fmt_.flags.zero = !fmt_.flags.minus;
      } else if (c == '+') {
        fmt_.flags.plus = true;
      } else if (c == '-') {
        fmt_.flags.minus = true;
        fmt_.flags.zero = false;
      } else if (c == ' ') {
        fmt_.flags.space = true;
      } else {
        // Fast path: a lower-case verb straight after the flags.
        if ('a' <= c && c <= 'z' && argNum < n) {
          if (c == 'v') {
            fmt_.flags.sharpV = fmt_.flags.sharp;
            fmt_.flags.sharp = false;
            fmt_.flags.plusV = fmt_.flags.plus;
            fmt_.flags.plus = false;
          }
          argIndex_ = argNum;
          printArg(argValue(&a[argNum]), c);
          argNum++;
          i++;
          simpleDone = true;
        }
        break;
      }
    }
    if (simpleDone) continue;

    argNumber(argNum, format, i, n, afterIndex);

    if (i < end && format[i] == '*') {
      i++;
      intFromArg(a, n, argNum, fmt_.wid, fmt_.flags.widPresent);
      if (!fmt_.flags.widPresent) buf += "%!(BADWIDTH)";
      if (fmt_.wid < 0) {
        fmt_.wid = -fmt_.wid;
        fmt_.flags.minus = true;
        fmt_.flags.zero = false;
      }
      afterIndex = false;
    } else {
      parsenum(format, i, end, fmt_.wid, fmt_.flags.widPresent, i);
      if (afterIndex && fmt_.flags.widPresent) goodArgNum_ = false;
    }

    if (i + 1 < end && format[i] == '.') {
      i++;
      if (afterIndex) goodArgNum_ = false;
      argNumber(argNum, format, i, n, afterIndex);
      if (i < end && format[i] == '*') {
        i++;
        intFromArg(a, n, argNum, fmt_.prec, fmt_.flags.precPresent);
        if (fmt_.prec < 0) {
          fmt_.prec = 0;
          fmt_.flags.precPresent = false;
        }
        if (!fmt_.flags.precPresent) buf += "%!(BADPREC)";
        afterIndex = false;
      } else {
        parsenum(format, i, end, fmt_.prec, fmt_.flags.precPresent, i);
        if (!fmt_.flags.precPresent) {
          fmt_.prec = 0;
          fmt_.flags.precPresent = true;
        }
      }
    }

    if (!afterIndex) argNumber(argNum, format, i, n, afterIndex);

    if (i >= end) {
      buf += "%!(NOVERB)";
      break;
    }

    int32_t verb = uint8_t(format[i]);
    size_t size = 1;
    if (verb >= utf8::RuneSelf) {
      utf8::Decoded d = utf8::decodeRune(format.substr(i));
      verb = d.rune;
      size = size_t(d.size);
    }
    i += size;

    if (verb == '%') {
      buf += '%';
    } else if (!goodArgNum_) {
      buf += "%!";
      writeRune(verb);
      buf += "(BADINDEX)";
    } else if (argNum >= n) {
      buf += "%!";
      writeRune(verb);
      buf += "(MISSING)";
    } else {
      if (verb == 'v') {
        fmt_.flags.sharpV = fmt_.flags.sharp;
        fmt_.flags.sharp = false;
        fmt_.flags.plusV = fmt_.flags.plus;
        fmt_.flags.plus = false;
      }
      argIndex_ = argNum;
      printArg(argValue(&a[argNum]), verb);
      argNum++;
    }
  }

  if (!reordered_ && argNum < n) {
    fmt_.clearFlags();
    buf += "%!(EXTRA ";
    for (int64_t i = argNum; i < n; i++) {
      if (i > argNum) buf += ", ";
      Value arg = argValue(&a[i]);
      if (!arg.valid()) {
        buf += "<nil>";
      } else {
        buf += typeString(arg.type);
        buf += '=';
        argIndex_ = i;
        printArg(arg, 'v');
      }
    }
    buf += ')';
  }
}

void Printer::doPrint(const GolIface* a, int64_t n) {
  bool prevString = false;
  for (int64_t i = 0; i < n; i++) {
    Value arg = argValue(&a[i]);
    bool isString = arg.valid() && arg.kind() == GOL_KIND_STRING;
    if (i > 0 && !isString && !prevString) buf += ' ';
    argIndex_ = i;
    printArg(arg, 'v');
    prevString = isString;
  }
}

void Printer::doPrintln(const GolIface* a, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    if (i > 0) buf += ' ';
    argIndex_ = i;
    printArg(argValue(&a[i]), 'v');
  }
  buf += '\n';
}

}  // namespace gol::fmt
