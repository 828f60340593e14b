// testtypes.h — hand-built type descriptors and values for the stdlib unit
// tests, standing in for what the compiler emits: the natives see exactly the
// layouts of include/gol/abi.h.
#pragma once

#include <cstring>
#include <deque>
#include <string>
#include <vector>

#include "gol/abi.h"

namespace goltest {

inline GolString gs(const char* s) { return {reinterpret_cast<const uint8_t*>(s), int64_t(strlen(s))}; }
inline GolString gs(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), int64_t(s.size())}; }
inline std::string str(GolString s) { return {reinterpret_cast<const char*>(s.ptr), size_t(s.len)}; }

// Owns descriptors, field and method tables; everything it returns stays put.
class Types {
 public:
  GolType* basic(GolKind k, int64_t size, const char* name, bool named = true) {
    GolType* t = make(k, size, name);
    t->flags = GOL_TF_COMPARABLE | (named ? GOL_TF_NAMED : 0);
    return t;
  }
  GolType* named(GolKind k, const GolType* like, const char* name) {
    GolType* t = make(k, like->size, name);
    t->flags = like->flags | GOL_TF_NAMED;
    t->elem = like->elem;
    t->key = like->key;
    t->len = like->len;
    t->fields = like->fields;
    t->nfields = like->nfields;
    return t;
  }
  GolType* slice(const GolType* elem, const char* name) {
    GolType* t = make(GOL_KIND_SLICE, 24, name);
    t->elem = elem;
    return t;
  }
  GolType* array(const GolType* elem, int64_t n, const char* name) {
    GolType* t = make(GOL_KIND_ARRAY, elem->size * n, name);
    t->elem = elem;
    t->len = n;
    t->flags = elem->flags & GOL_TF_COMPARABLE;
    return t;
  }
  GolType* pointer(const GolType* elem, const char* name) {
    GolType* t = make(GOL_KIND_POINTER, 8, name);
    t->elem = elem;
    t->flags = GOL_TF_COMPARABLE | GOL_TF_DIRECT_IFACE;
    return t;
  }
  GolType* iface(const char* name, std::vector<GolIMethod> ms = {}, bool named = false) {
    GolType* t = make(GOL_KIND_INTERFACE, 16, name);
    t->flags = GOL_TF_COMPARABLE | (named ? GOL_TF_NAMED : 0);
    imethods_.push_back(std::move(ms));
    t->imethods = imethods_.back().data();
    t->nimethods = int64_t(imethods_.back().size());
    return t;
  }
  // fields: {name, type, exported}; offsets follow natural alignment.
  struct FieldSpec {
    const char* name;
    const GolType* type;
    bool exported;
  };
  GolType* structType(const char* name, std::vector<FieldSpec> specs, bool named = true) {
    std::vector<GolField> fs;
    int64_t off = 0;
    bool comparable = true;
    for (const FieldSpec& f : specs) {
      int64_t align = f.type->align ? f.type->align : 8;
      off = (off + align - 1) / align * align;
      GolField field{};
      field.name = gs(f.name);
      field.type = f.type;
      field.offset = off;
      field.exported = f.exported;
      fs.push_back(field);
      off += f.type->size;
      comparable = comparable && (f.type->flags & GOL_TF_COMPARABLE);
    }
    GolType* t = make(GOL_KIND_STRUCT, (off + 7) / 8 * 8, name);
    t->flags = uint16_t((comparable ? GOL_TF_COMPARABLE : 0) | (named ? GOL_TF_NAMED : 0));
    fields_.push_back(std::move(fs));
    t->fields = fields_.back().data();
    t->nfields = int64_t(fields_.back().size());
    return t;
  }
  GolType* func(const char* name, std::vector<const GolType*> in, std::vector<const GolType*> out) {
    GolType* t = make(GOL_KIND_FUNC, 8, name);
    t->flags = GOL_TF_DIRECT_IFACE;
    std::vector<GolField> fs;
    for (auto* p : in) fs.push_back(GolField{gs(""), p, 0, 0, 0, {}, {}});
    for (auto* p : out) fs.push_back(GolField{gs(""), p, 0, 0, 0, {}, {}});
    fields_.push_back(std::move(fs));
    t->fields = fields_.back().data();
    t->nfields = int64_t(fields_.back().size());
    t->nin = int64_t(in.size());
    return t;
  }
  void setMethods(GolType* t, std::vector<GolMethod> ms) {
    methods_.push_back(std::move(ms));
    t->methods = methods_.back().data();
    t->nmethods = int64_t(methods_.back().size());
  }

 private:
  GolType* make(GolKind k, int64_t size, const char* name) {
    GolType& t = types_.emplace_back();
    t.size = size;
    t.kind = uint8_t(k);
    t.align = uint8_t(size >= 8 || size == 0 ? 8 : size);
    t.string = gs(name);
    return &t;
  }
  std::deque<GolType> types_;
  std::deque<std::vector<GolField>> fields_;
  std::deque<std::vector<GolMethod>> methods_;
  std::deque<std::vector<GolIMethod>> imethods_;
};

}  // namespace goltest
