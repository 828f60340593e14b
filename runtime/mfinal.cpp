// mfinal.cpp — finalizers: runtime.SetFinalizer's checks, the collector's
// treatment of objects that have one, and the goroutine that runs them (Go's
// mfinal.go and the finalizer specials of mheap.go, in our own design).
//
// Invariants
//  - A registered finalizer is a record keyed by the address SetFinalizer
//    got (the object's base, or an inner address of a small pointer-free
//    object, which Go allows for its tiny allocator): the func value, the
//    parameter type and the object's pointer type. The record does not keep
//    its object alive: the object's own address is never marked from it.
//  - What the object references, and the func value, are roots: they must
//    still exist when the finalizer runs. So an object reachable from itself
//    through its references is never finalized, as in Go.
//  - After marking, a registered object left unmarked is marked after all
//    (it survives this cycle for its finalizer) and its record moves to the
//    queue; the queue is a root. Leaving the registry is what makes a
//    finalizer run once: if it stores its argument somewhere (resurrects
//    it), nothing runs again when the object later becomes unreachable.
//  - One system goroutine (proc.h goSystem), started by the first
//    SetFinalizer, runs queued finalizers one at a time, in queue order, and
//    parks in "finalizer wait" when the queue is empty. The collector wakes
//    it once the world runs again.
//  - The finalizer is called through the gol ABI directly: its one parameter
//    is a pointer (one word) or an interface (type or itab word, then the
//    object), and results, which are discarded, go to a scratch buffer when
//    the ABI returns them through a leading sret pointer.
//  - The registry and the queue are guarded by one lock that is never held
//    across a safe point, so a stopped world never finds it taken.
#include "runtime/mfinal.h"

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/lock_futex.h"
#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/proc.h"
#include "runtime/runtime2.h"
#include "runtime/typedesc.h"

namespace gol::rt {

namespace {

struct Finalizer {
  void* obj;                // the address SetFinalizer got
  void* fn;                 // func value (closure)
  const GolType* param;     // the finalizer's parameter type
  const GolType* objType;   // obj's pointer type
  int64_t sretBytes;        // > 0: results are returned through sret
};

struct FinalizerState {
  Mutex lock;
  std::unordered_map<uintptr_t, Finalizer> registered;
  std::deque<Finalizer> queue;
  G* fing = nullptr;        // the finalizer goroutine, once started
  bool fingParked = false;
};
FinalizerState fin;

std::string typeName(const GolType* t) { return std::string(view(t->string)); }

// Scalars the ABI flattens a value of type t into (kind sizes in bytes),
// stopping once more than two are known: only "at most two" matters.
void flattenScalars(const GolType* t, std::vector<int64_t>& out) {
  if (out.size() > 2) return;
  switch (t->kind) {
    case GOL_KIND_STRUCT:
      for (int64_t i = 0; i < t->nfields; i++) flattenScalars(t->fields[i].type, out);
      return;
    case GOL_KIND_ARRAY:
      for (int64_t i = 0; i < t->len && out.size() <= 2; i++) flattenScalars(t->elem, out);
      return;
    case GOL_KIND_STRING:
    case GOL_KIND_INTERFACE: out.insert(out.end(), {8, 8}); return;
    case GOL_KIND_SLICE: out.insert(out.end(), {8, 8, 8}); return;
    case GOL_KIND_COMPLEX64: out.insert(out.end(), {4, 4}); return;
    case GOL_KIND_COMPLEX128: out.insert(out.end(), {8, 8}); return;
    default: out.push_back(t->size); return;
  }
}

// Bytes of scratch the finalizer's results need when the ABI returns them
// through sret (as compiler/cg_types.cpp decides), else 0.
int64_t sretBytes(const GolType* ft) {
  std::vector<int64_t> scalars;
  int64_t bytes = 0;
  for (int64_t i = ft->nin; i < ft->nfields; i++) {
    flattenScalars(ft->fields[i].type, scalars);
    bytes += ft->fields[i].type->size + 8;  // generous: room for any padding
  }
  bool direct = scalars.size() <= 1 || (scalars.size() == 2 && scalars[0] == 8 && scalars[1] <= 8);
  return direct ? 0 : bytes;
}

// Go's rule for the finalizer's parameter: obj's own type, a pointer type
// obj is assignable to, or an interface obj's type implements.
bool acceptsArg(GolG* g, const GolType* param, const GolType* objType) {
  if (param == objType) return true;
  if (param->kind == GOL_KIND_POINTER)
    return (!(param->flags & GOL_TF_NAMED) || !(objType->flags & GOL_TF_NAMED)) && param->elem == objType->elem;
  if (param->kind == GOL_KIND_INTERFACE)
    return param->nimethods == 0 || gol_getitab(g, param, objType, 1) != nullptr;
  return false;
}

[[noreturn]] void setFinalizerFatal(const std::string& msg) {
  fatalUser(("runtime.SetFinalizer: " + msg).c_str());
}

void callFinalizer(G* gp, const Finalizer& f) {
  const void* tab = nullptr;
  if (f.param->kind == GOL_KIND_INTERFACE)
    tab = f.param->nimethods == 0 ? static_cast<const void*>(f.objType) : gol_getitab(gp, f.param, f.objType, 0);
  void* code = *static_cast<void**>(f.fn);
  std::vector<uint64_t> results(size_t(f.sretBytes / 8 + 1));
  if (tab && f.sretBytes)
    reinterpret_cast<void (*)(void*, GolG*, void*, const void*, void*)>(code)(results.data(), gp, f.fn, tab, f.obj);
  else if (tab)
    reinterpret_cast<void (*)(GolG*, void*, const void*, void*)>(code)(gp, f.fn, tab, f.obj);
  else if (f.sretBytes)
    reinterpret_cast<void (*)(void*, GolG*, void*, void*)>(code)(results.data(), gp, f.fn, f.obj);
  else
    reinterpret_cast<void (*)(GolG*, void*, void*)>(code)(gp, f.fn, f.obj);
}

bool unlockForPark(G*, void*) {
  fin.lock.unlock();
  return true;
}

// The finalizer goroutine's body: never returns.
void runFinalizers(GolG* g, void*) {
  G* gp = static_cast<G*>(g);
  RootFrame<2> roots(g);  // obj and fn while the call runs
  for (;;) {
    fin.lock.lock();
    if (fin.queue.empty()) {
      fin.fingParked = true;
      gopark(unlockForPark, nullptr, WaitReason::FinalizerWait);
      continue;
    }
    Finalizer f = fin.queue.front();
    fin.queue.pop_front();
    fin.lock.unlock();
    roots[0] = f.obj;
    roots[1] = f.fn;
    callFinalizer(gp, f);
    roots[0] = roots[1] = nullptr;
  }
}

// The finalizer goroutine's entry closure: static, so no heap object.
struct EntryClosure {
  void (*fn)(GolG*, void*);
};
const EntryClosure kFingEntry{runFinalizers};

void markReferents(uintptr_t p) {
  Span* s;
  uint32_t i;
  uintptr_t base = findObject(p, &s, &i);
  if (!base || s->noscan) return;
  forEachPointerWord(base, s->elemsize, [](uintptr_t addr) { gcMarkPointer(*reinterpret_cast<void**>(addr)); });
}

bool isMarked(uintptr_t p) {
  Span* s;
  uint32_t i;
  return findObject(p, &s, &i) && s->isMarked(i);
}

}  // namespace

void finalizerMarkRoots() {
  MutexGuard l(fin.lock);
  for (auto& [addr, f] : fin.registered) {
    markReferents(addr);
    gcMarkPointer(f.fn);
  }
  for (const Finalizer& f : fin.queue) {
    gcMarkPointer(f.obj);
    gcMarkPointer(f.fn);
  }
}

bool finalizerQueueUnreachable() {
  MutexGuard l(fin.lock);
  std::vector<uintptr_t> dead;
  for (auto& [addr, f] : fin.registered)
    if (!isMarked(addr)) dead.push_back(addr);
  // Decided before marking any: two finalizers on one tiny object both run.
  for (uintptr_t addr : dead) {
    auto it = fin.registered.find(addr);
    fin.queue.push_back(it->second);
    fin.registered.erase(it);
    gcMarkPointer(reinterpret_cast<void*>(addr));
  }
  return !dead.empty();
}

bool finalizerWake() {
  MutexGuard l(fin.lock);
  if (!fin.fingParked || fin.queue.empty()) return false;
  fin.fingParked = false;
  goready(fin.fing);
  return true;
}

int64_t finalizersRegistered() {
  MutexGuard l(fin.lock);
  return int64_t(fin.registered.size());
}

void* takeQueuedFinalizer() {
  MutexGuard l(fin.lock);
  if (fin.queue.empty()) return nullptr;
  void* obj = fin.queue.front().obj;
  fin.queue.pop_front();
  return obj;
}

bool addFinalizer(void* obj, void* fn, const GolType* param, const GolType* objType, int64_t sretBytes) {
  MutexGuard l(fin.lock);
  return fin.registered.emplace(reinterpret_cast<uintptr_t>(obj), Finalizer{obj, fn, param, objType, sretBytes})
      .second;
}

}  // namespace gol::rt

using namespace gol::rt;

extern "C" void gol_rt_SetFinalizer(GolG* g, void*, const void* otab, void* odata, const void* ftab, void* fdata) {
  RootFrame<2> roots(g);  // gol_getitab may collect; the caller may not root them
  roots[0] = odata;
  roots[1] = fdata;
  auto* ot = static_cast<const GolType*>(otab);
  if (!ot) setFinalizerFatal("first argument is nil");
  if (ot->kind != GOL_KIND_POINTER) setFinalizerFatal("first argument is " + typeName(ot) + ", not pointer");
  Span* s;
  uint32_t idx;
  uintptr_t base = findObject(reinterpret_cast<uintptr_t>(odata), &s, &idx);
  // Zero-sized objects, globals and static data are never freed: there is
  // nothing to finalize (Go ignores them the same way).
  if (!base) {
    if (!odata) setFinalizerFatal("pointer not in allocated block");
    return;
  }
  if (base != reinterpret_cast<uintptr_t>(odata) && (ot->elem->ptrdata != 0 || ot->elem->size >= 16))
    setFinalizerFatal("pointer not at beginning of allocated block");
  auto* ft = static_cast<const GolType*>(ftab);
  if (!ft) {
    MutexGuard l(fin.lock);
    fin.registered.erase(reinterpret_cast<uintptr_t>(odata));
    return;
  }
  if (ft->kind != GOL_KIND_FUNC) setFinalizerFatal("second argument is " + typeName(ft) + ", not a function");
  std::string cannot = "cannot pass " + typeName(ot) + " to finalizer " + typeName(ft);
  if (ft->flags & GOL_TF_VARIADIC) setFinalizerFatal(cannot + " because dotdotdot");
  if (ft->nin != 1 || !acceptsArg(g, ft->fields[0].type, ot)) setFinalizerFatal(cannot);
  if (!addFinalizer(odata, fdata, ft->fields[0].type, ot, sretBytes(ft)))
    setFinalizerFatal("finalizer already set");
  MutexGuard l(fin.lock);
  if (!fin.fing) fin.fing = goSystem(const_cast<EntryClosure*>(&kFingEntry));
}
