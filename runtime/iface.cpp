// iface.cpp — itabs built at run time (Go's iface.go): the method table that
// makes a concrete type usable through a non-empty interface type, and the
// messages of failed type assertions.
//
// Invariants
//  - Both method lists are sorted by name, then package path, so an itab is
//    built by one merge pass. A method matches when name, package path and
//    (identical) method type agree.
//  - Every (interface, type) pair is resolved once: the result, positive or
//    negative, is published in a global open-addressing table that readers
//    probe without locking (entries are written once, before the slot's
//    pointer is released, and never removed; a full table is replaced by a
//    larger copy, the old one staying valid for readers still probing it).
//  - Itabs are C++ heap objects that are never freed: interface values point
//    at them from everywhere, and the collector ignores pointers outside its
//    heap.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "runtime/panic.h"
#include "runtime/typedesc.h"

namespace gol::rt {

namespace {

struct ItabEntry {
  const GolType* inter;
  const GolType* type;
  const GolItab* itab;        // null: type does not implement inter
};

struct ItabTable {
  size_t mask;
  std::atomic<ItabEntry*>* slots;
};

std::mutex itabLock;
std::atomic<ItabTable*> itabTable{nullptr};
size_t itabCount = 0;

size_t itabHash(const GolType* inter, const GolType* type) {
  return size_t(memhash(&inter, sizeof inter, uintptr_t(type)));
}

ItabTable* newTable(size_t size) {
  auto* t = new ItabTable{size - 1, new std::atomic<ItabEntry*>[size]};
  for (size_t i = 0; i < size; i++) t->slots[i].store(nullptr, std::memory_order_relaxed);
  return t;
}

ItabEntry* probe(ItabTable* t, const GolType* inter, const GolType* type) {
  if (!t) return nullptr;
  for (size_t i = itabHash(inter, type) & t->mask;; i = (i + 1) & t->mask) {
    ItabEntry* e = t->slots[i].load(std::memory_order_acquire);
    if (!e) return nullptr;
    if (e->inter == inter && e->type == type) return e;
  }
}

void insertLocked(ItabTable* t, ItabEntry* e) {
  size_t i = itabHash(e->inter, e->type) & t->mask;
  while (t->slots[i].load(std::memory_order_relaxed)) i = (i + 1) & t->mask;
  t->slots[i].store(e, std::memory_order_release);
}

void publishLocked(ItabEntry* e) {
  ItabTable* t = itabTable.load(std::memory_order_relaxed);
  if (!t || (itabCount + 1) * 4 > (t->mask + 1) * 3) {
    ItabTable* bigger = newTable(t ? (t->mask + 1) * 2 : 64);
    if (t) {
      for (size_t i = 0; i <= t->mask; i++)
        if (ItabEntry* old = t->slots[i].load(std::memory_order_relaxed)) insertLocked(bigger, old);
    }
    itabTable.store(bigger, std::memory_order_release);
    t = bigger;
  }
  insertLocked(t, e);
  itabCount++;
}

int compareNames(GolString an, GolString ap, GolString bn, GolString bp) {
  int c = view(an).compare(view(bn));
  return c ? c : view(ap).compare(view(bp));
}

// Fills fun[] for inter's methods from type's; returns the name of the first
// missing method, or null.
const GolIMethod* mergeMethods(const GolType* inter, const GolType* type, void** fun) {
  int64_t j = 0;
  for (int64_t i = 0; i < inter->nimethods; i++) {
    const GolIMethod& im = inter->imethods[i];
    while (j < type->nmethods &&
           compareNames(type->methods[j].name, type->methods[j].pkgpath, im.name, im.pkgpath) < 0)
      j++;
    if (j == type->nmethods) return &im;
    const GolMethod& m = type->methods[j];
    if (compareNames(m.name, m.pkgpath, im.name, im.pkgpath) != 0 || !typesIdentical(m.mtype, im.mtype))
      return &im;
    fun[i] = m.ifn;
  }
  return nullptr;
}

ItabEntry* resolve(const GolType* inter, const GolType* type, const GolIMethod** missing) {
  auto* itab = static_cast<GolItab*>(calloc(1, sizeof(GolItab) + size_t(inter->nimethods) * sizeof(void*)));
  itab->inter = inter;
  itab->type = type;
  itab->hash = type->hash;
  *missing = mergeMethods(inter, type, itab->fun);
  if (*missing) {
    free(itab);
    itab = nullptr;
  }
  return new ItabEntry{inter, type, itab};
}

const GolIMethod* firstMissingMethod(const GolType* inter, const GolType* type) {
  const GolIMethod* missing;
  ItabEntry* e = resolve(inter, type, &missing);
  free(const_cast<GolItab*>(e->itab));
  delete e;
  return missing;
}

std::string nameOf(const GolIMethod* m) { return std::string(view(m->name)); }

}  // namespace

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

const GolItab* gol_getitab(GolG* g, const GolType* inter, const GolType* type, int32_t canfail) {
  G* gp = static_cast<G*>(g);
  if (!type) {
    if (canfail) return nullptr;
    panicRuntimeError(gp, RuntimeErrorKind::TypeAssertion, typeAssertionMessage(nullptr, inter, nullptr, nullptr));
  }
  ItabEntry* e = probe(itabTable.load(std::memory_order_acquire), inter, type);
  if (!e) {
    std::lock_guard<std::mutex> l(itabLock);
    e = probe(itabTable.load(std::memory_order_relaxed), inter, type);
    if (!e) {
      const GolIMethod* missing;
      e = resolve(inter, type, &missing);
      publishLocked(e);
    }
  }
  if (e->itab || canfail) return e->itab;
  std::string missing = nameOf(firstMissingMethod(inter, type));
  panicRuntimeError(gp, RuntimeErrorKind::TypeAssertion,
                    typeAssertionMessage(type, inter, nullptr, missing.c_str()));
}

void gol_panic_assert(GolG* g, const GolType* have, const GolType* want, const GolType* iface) {
  std::string missing;
  if (have && want->kind == GOL_KIND_INTERFACE) {
    if (const GolIMethod* m = firstMissingMethod(want, have)) missing = nameOf(m);
  }
  panicRuntimeError(static_cast<G*>(g), RuntimeErrorKind::TypeAssertion,
                    typeAssertionMessage(have, want, iface, missing.empty() ? nullptr : missing.c_str()));
}

}  // extern "C"
