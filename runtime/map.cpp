// map.cpp — Go's hash map (map.go), simplified: buckets of 8 slots with an
// 8-bit tophash each, overflow chains, and growth that rehashes the whole
// table at once.
//
// Invariants
//  - A bucket is {tophash[8], keys[8], values[8], overflow*}, keys and values
//    stored inline. A map's bucket arrays and overflow buckets are gol_alloc
//    objects of a bucket type synthesized per map type (MapLayout), so the
//    collector traces keys and values precisely; the map header's only heap
//    pointer is its bucket array.
//  - tophash 0 marks an empty slot; an occupied slot's tophash is the hash's
//    top byte, raised to at least kMinTopHash. Deleted slots are cleared so
//    the collector does not retain their keys and values.
//  - Every growth (load factor above 6.5, or as many overflow buckets as
//    buckets) and every clear installs a new bucket array; arrays are never
//    modified after being replaced. An iterator walks the array it started on
//    and, once the map has moved to another array, reports an entry only if
//    the current map still holds the key, with the current slot. Hence, as
//    the language requires: no entry is produced twice, entries deleted
//    before being reached are not produced, and entries added during the
//    iteration may or may not be.
//  - The collector never moves objects: C++ locals stay valid across an
//    allocation once rooted (RootFrame) to keep them alive.
//  - Iteration order is randomized per iterator (start bucket and slot).
//  - Keys are hashed and compared by their class (MapLayout::kclass): string
//    keys by content, keys of the memory kinds (integers, pointers, chans) as
//    their bytes, anything else through the type descriptor. The generic entry
//    points and the fast paths the compiler picks by key type (_faststr,
//    _fast32, _fast64: key passed by value) share one hash per class, so both
//    may be used on the same map. A fast-path key passed by value is rooted
//    here while the map grows; a generic key is rooted by its caller.
//  - As in Go, unsynchronized concurrent use is detected on a best-effort
//    basis (the writing flag) and is a fatal error, never memory corruption
//    left to chance.
//  - GolMapIter.priv: [0] map, [1] bucket array iterated, [2] current bucket,
//    [3] layout, [4] buckets visited, [5] start bucket, [6] slot cursor,
//    [7] slot offset and B of the iterated array. Every word may be scanned as a pointer (non-heap words
//    are ignored by the collector).
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/panic.h"
#include "runtime/typedesc.h"

struct GolMap {
  uint8_t* buckets;        // the only heap pointer of the header
  int64_t count;
  const struct MapLayout* layout;
  uint64_t seed;
  uint32_t noverflow;      // overflow buckets allocated for this array
  uint8_t B;               // log2 of the number of buckets
  uint8_t writing;         // a write is in progress (Go's hashWriting)
};

struct MapLayout {
  const GolType* key;
  const GolType* value;
  int64_t keysize, valsize;
  int64_t valoff, ovfoff, bucketsize;
  enum KeyClass : uint8_t { Generic, Memory, String } kclass;
  GolType bucketType;
  uint8_t* mask;
  void* zero;              // a zero value of the value type
};

namespace gol::rt {

namespace {

constexpr int kBucketSlots = 8;
constexpr uint8_t kMinTopHash = 1;
constexpr int64_t kMaxZeroValue = 1024;
constexpr uint64_t kMaxHintBytes = uint64_t(1) << 48;   // Go's maxAlloc
alignas(16) const uint8_t zeroValue[kMaxZeroValue] = {};

const GolType kMapHeaderType =
    nativeType({.size = int64_t(sizeof(GolMap)), .kind = GOL_KIND_STRUCT, .string = "runtime.hmap", .ptrdata = 8,
                .gcmask = kFirstWordMask, .flags = GOL_TF_NAMED, .pkgpath = "runtime"});

bool isMemoryKind(uint8_t kind) {
  switch (kind) {
    case GOL_KIND_BOOL: case GOL_KIND_INT: case GOL_KIND_INT8: case GOL_KIND_INT16:
    case GOL_KIND_INT32: case GOL_KIND_INT64: case GOL_KIND_UINT: case GOL_KIND_UINT8:
    case GOL_KIND_UINT16: case GOL_KIND_UINT32: case GOL_KIND_UINT64: case GOL_KIND_UINTPTR:
    case GOL_KIND_POINTER: case GOL_KIND_CHAN: case GOL_KIND_UNSAFE_POINTER:
      return true;
    default:
      return false;
  }
}

void setMaskBits(uint8_t* mask, int64_t wordOffset, const GolType* t) {
  for (int64_t w = 0; w < t->ptrdata / 8; w++) {
    if (t->gcmask[w / 8] >> (w % 8) & 1) {
      int64_t bit = wordOffset + w;
      mask[bit / 8] |= uint8_t(1 << (bit % 8));
    }
  }
}

MapLayout* buildLayout(const GolType* maptype) {
  auto* l = new MapLayout{};
  l->key = maptype->key;
  l->value = maptype->elem;
  l->keysize = l->key->size;
  l->valsize = l->value->size;
  l->valoff = 8 + kBucketSlots * l->keysize;
  l->ovfoff = (l->valoff + kBucketSlots * l->valsize + 7) & ~int64_t(7);
  l->bucketsize = l->ovfoff + 8;
  l->kclass = isMemoryKind(l->key->kind)          ? MapLayout::Memory
              : l->key->kind == GOL_KIND_STRING ? MapLayout::String
                                                : MapLayout::Generic;
  int64_t words = l->bucketsize / 8;
  l->mask = new uint8_t[size_t((words + 7) / 8)]();
  for (int i = 0; i < kBucketSlots; i++) {
    if (l->key->ptrdata) setMaskBits(l->mask, (8 + i * l->keysize) / 8, l->key);
    if (l->value->ptrdata) setMaskBits(l->mask, (l->valoff + i * l->valsize) / 8, l->value);
  }
  l->mask[(words - 1) / 8] |= uint8_t(1 << ((words - 1) % 8));
  l->bucketType = nativeType({.size = l->bucketsize, .kind = GOL_KIND_STRUCT, .string = "runtime.bmap",
                               .ptrdata = l->bucketsize, .gcmask = l->mask, .flags = GOL_TF_NAMED,
                               .pkgpath = "runtime"});
  l->zero = l->valsize <= kMaxZeroValue ? const_cast<uint8_t*>(zeroValue) : calloc(1, size_t(l->valsize));
  return l;
}

const MapLayout* layoutFor(const GolType* maptype) {
  static std::mutex lock;
  static std::unordered_map<const GolType*, MapLayout*> layouts;
  std::lock_guard<std::mutex> l(lock);
  MapLayout*& slot = layouts[maptype];
  if (!slot) slot = buildLayout(maptype);
  return slot;
}

inline uint8_t* tophashes(uint8_t* b) { return b; }
inline uint8_t* keyAt(const MapLayout* l, uint8_t* b, int i) { return b + 8 + i * l->keysize; }
inline uint8_t* valueAt(const MapLayout* l, uint8_t* b, int i) { return b + l->valoff + i * l->valsize; }
inline uint8_t*& overflowOf(const MapLayout* l, uint8_t* b) {
  return *reinterpret_cast<uint8_t**>(b + l->ovfoff);
}

uint64_t hashKey(G* gp, const MapLayout* l, const void* key, uint64_t seed) {
  switch (l->kclass) {
    case MapLayout::Memory: return memhash(key, size_t(l->keysize), seed);
    case MapLayout::String: return strhash(*static_cast<const GolString*>(key), seed);
    default: return valueHash(gp, l->key, key, seed);
  }
}

// The key strategies of lookups and assignments: hash(seed), equals(the key
// stored in a slot), store(into a slot), and root() (a word to keep alive
// while the map allocates, for keys passed by value).
struct AnyKey {
  G* gp;
  const MapLayout* l;
  const void* p;   // rooted by the caller
  uint64_t hash(uint64_t seed) const { return hashKey(gp, l, p, seed); }
  bool equals(const uint8_t* k) const {
    switch (l->kclass) {
      case MapLayout::Memory: return std::memcmp(k, p, size_t(l->keysize)) == 0;
      case MapLayout::String: return strEqual(*reinterpret_cast<const GolString*>(k), *static_cast<const GolString*>(p));
      default: return valuesEqual(gp, l->key, k, p);
    }
  }
  void store(uint8_t* k) const { std::memcpy(k, p, size_t(l->keysize)); }
  void* root() const { return nullptr; }
};

struct StrKey {
  GolString s;
  uint64_t hash(uint64_t seed) const { return strhash(s, seed); }
  bool equals(const uint8_t* k) const { return strEqual(*reinterpret_cast<const GolString*>(k), s); }
  // Storing the new key on update too lets the old key's bytes be freed.
  void store(uint8_t* k) const { std::memcpy(k, &s, sizeof s); }
  void* root() const { return const_cast<uint8_t*>(s.ptr); }
};

template <typename W>
struct WordKey {
  W v;
  uint64_t hash(uint64_t seed) const { return memhash(&v, sizeof v, seed); }
  bool equals(const uint8_t* k) const {
    W stored;
    std::memcpy(&stored, k, sizeof stored);
    return stored == v;
  }
  void store(uint8_t* k) const { std::memcpy(k, &v, sizeof v); }
  // The key may be a pointer; a plain integer is ignored by the collector.
  void* root() const { return reinterpret_cast<void*>(uintptr_t(v)); }
};

uint8_t topHash(uint64_t h) {
  uint8_t top = uint8_t(h >> 56);
  return top < kMinTopHash ? top + kMinTopHash : top;
}

bool overLoadFactor(int64_t count, uint8_t B) {
  return count > kBucketSlots && uint64_t(count) > 13 * ((uint64_t(1) << B) / 2);
}

uint8_t bucketShiftFor(int64_t hint) {
  uint8_t B = 0;
  while (overLoadFactor(hint, B)) B++;
  return B;
}

// Marks m as being written for the lifetime of the guard.
class WriteGuard {
 public:
  explicit WriteGuard(GolMap* m) : m_(m) {
    if (m->writing) fatal("concurrent map writes");
    m->writing = 1;
  }
  ~WriteGuard() { m_->writing = 0; }

 private:
  GolMap* m_;
};

void checkNotWriting(const GolMap* m, const char* what) {
  if (m->writing) fatal(what);
}

struct Slot {
  uint8_t* bucket;
  int index;
};

// The slots of bucket b whose tophash may be `top`, one bit (the top bit of
// its byte) per candidate: all eight tophashes compared at once (SWAR), with
// rare false positives just above a true match, which the caller rejects.
inline uint64_t candidates(const uint8_t* b, uint8_t top) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  uint64_t tops;
  std::memcpy(&tops, tophashes(const_cast<uint8_t*>(b)), sizeof tops);
  uint64_t x = tops ^ (kOnes * top);
  return (x - kOnes) & ~x & kHighs;
}

// Finds key in m's current array.
template <typename Key>
bool findSlot(GolMap* m, const Key& key, uint64_t h, Slot* out) {
  const MapLayout* l = m->layout;
  uint8_t top = topHash(h);
  uint8_t* b = m->buckets + (h & ((uint64_t(1) << m->B) - 1)) * l->bucketsize;
  for (; b; b = overflowOf(l, b)) {
    for (uint64_t c = candidates(b, top); c; c &= c - 1) {
      int i = __builtin_ctzll(c) / 8;
      if (tophashes(b)[i] == top && key.equals(keyAt(l, b, i))) {
        *out = Slot{b, i};
        return true;
      }
    }
  }
  return false;
}

// Puts a key known to be absent (rehashing): returns its slot. May allocate
// an overflow bucket; the caller roots m.
Slot insertNew(G* gp, GolMap* m, uint64_t h) {
  const MapLayout* l = m->layout;
  uint8_t* b = m->buckets + (h & ((uint64_t(1) << m->B) - 1)) * l->bucketsize;
  for (;;) {
    if (uint64_t c = candidates(b, 0)) {   // the lowest candidate is a true empty slot
      int i = __builtin_ctzll(c) / 8;
      tophashes(b)[i] = topHash(h);
      return Slot{b, i};
    }
    if (!overflowOf(l, b)) break;
    b = overflowOf(l, b);
  }
  RootFrame<1> roots(gp);
  roots[0] = b;
  auto* ovf = static_cast<uint8_t*>(gol_alloc(gp, &l->bucketType, 1));
  overflowOf(l, b) = ovf;
  m->noverflow++;
  tophashes(ovf)[0] = topHash(h);
  return Slot{ovf, 0};
}

// Replaces m's bucket array by a new one of 2^B buckets and moves every
// entry into it; the old array is left untouched for iterators.
void rehash(G* gp, GolMap* m, uint8_t B) {
  const MapLayout* l = m->layout;
  RootFrame<2> roots(gp);
  roots[0] = m;
  auto* fresh = static_cast<uint8_t*>(gol_alloc(gp, &l->bucketType, int64_t(1) << B));
  uint8_t* old = m->buckets;
  int64_t nold = m->buckets ? int64_t(1) << m->B : 0;
  roots[1] = old;
  m->buckets = fresh;
  m->B = B;
  m->noverflow = 0;
  for (int64_t bi = 0; bi < nold; bi++) {
    for (uint8_t* b = old + bi * l->bucketsize; b; b = overflowOf(l, b)) {
      for (int i = 0; i < kBucketSlots; i++) {
        if (tophashes(b)[i] == 0) continue;
        uint64_t h = hashKey(gp, l, keyAt(l, b, i), m->seed);
        Slot s = insertNew(gp, m, h);
        std::memcpy(keyAt(l, s.bucket, s.index), keyAt(l, b, i), size_t(l->keysize));
        std::memcpy(valueAt(l, s.bucket, s.index), valueAt(l, b, i), size_t(l->valsize));
      }
    }
  }
}

bool tooManyOverflowBuckets(const GolMap* m) {
  uint8_t B = m->B > 15 ? 15 : m->B;
  return m->noverflow >= (uint32_t(1) << B);
}

// Go hashes the key even when a nil or empty map makes the lookup moot, so
// an unhashable interface key panics all the same.
void requireHashable(G* gp, const GolType* maptype, const void* key) {
  if (!isMemoryKind(maptype->key->kind)) valueHash(gp, maptype->key, key, 0);
}

// The value slot of key, or null.
template <typename Key>
void* lookup(GolMap* m, const Key& key) {
  checkNotWriting(m, "concurrent map read and map write");
  Slot s;
  if (!findSlot(m, key, key.hash(m->seed), &s)) return nullptr;
  return valueAt(m->layout, s.bucket, s.index);
}

// mapaccess for a map known to be non-empty: the value's address or the zero
// value's, and *ok.
template <typename Key>
void* access(GolMap* m, const Key& key, int32_t* ok) {
  void* v = lookup(m, key);
  if (ok) *ok = v != nullptr;
  return v ? v : m->layout->zero;
}

void* missing(const GolType* maptype, GolMap* m, int32_t* ok) {
  if (ok) *ok = 0;
  return m ? m->layout->zero : layoutFor(maptype)->zero;
}

// mapaccess for by-value keys, which need no hashability check on a nil or
// empty map.
template <typename Key>
void* accessFast(const GolType* maptype, GolMap* m, const Key& key, int32_t* ok) {
  if (!m || m->count == 0) return missing(maptype, m, ok);
  return access(m, key, ok);
}


// mapassign: the slot to store key's value into, inserting key if absent.
template <typename Key>
void* assign(G* gp, GolMap* m, const Key& key) {
  if (!m) gol_panic_nilmap(gp);
  const MapLayout* l = m->layout;
  uint64_t h = key.hash(m->seed);
  WriteGuard writing(m);   // the header does not move: m stays valid
  Slot s;
  if (m->buckets && findSlot(m, key, h, &s)) {
    key.store(keyAt(l, s.bucket, s.index));
    return valueAt(l, s.bucket, s.index);
  }
  RootFrame<2> roots(gp);   // growing allocates
  roots[0] = m;
  roots[1] = key.root();
  if (!m->buckets) {
    rehash(gp, m, 0);
  } else if (overLoadFactor(m->count + 1, m->B) || tooManyOverflowBuckets(m)) {
    rehash(gp, m, overLoadFactor(m->count + 1, m->B) ? m->B + 1 : m->B);
  }
  s = insertNew(gp, m, h);
  key.store(keyAt(l, s.bucket, s.index));
  m->count++;
  return valueAt(l, s.bucket, s.index);
}

template <typename Key>
void remove(GolMap* m, const Key& key) {
  if (!m || m->count == 0) return;
  const MapLayout* l = m->layout;
  uint64_t h = key.hash(m->seed);
  WriteGuard writing(m);
  Slot s;
  if (!findSlot(m, key, h, &s)) return;
  tophashes(s.bucket)[s.index] = 0;
  std::memset(keyAt(l, s.bucket, s.index), 0, size_t(l->keysize));
  std::memset(valueAt(l, s.bucket, s.index), 0, size_t(l->valsize));
  m->count--;
}

struct IterState {
  GolMap* map;
  uint8_t* buckets;
  uint8_t* bucket;
  const MapLayout* layout;
  int64_t visited;
  int64_t start;
  int64_t cursor;
  int32_t offset;
  int32_t B;
};
static_assert(sizeof(IterState) == sizeof(void*) * 8, "iterator state fits GolMapIter.priv");

}  // namespace

}  // namespace gol::rt

using namespace gol::rt;

extern "C" {

GolMap* gol_makemap(GolG* g, const GolType* maptype, int64_t hint) {
  const MapLayout* l = layoutFor(maptype);
  // As Go: a hint that could not be allocated is ignored, not an error.
  if (hint < 0 || uint64_t(hint) > kMaxHintBytes / uint64_t(l->bucketsize)) hint = 0;
  RootFrame<1> roots(g);
  auto* m = static_cast<GolMap*>(gol_alloc(g, &kMapHeaderType, 1));
  m->layout = l;
  m->seed = fastrand64();
  roots[0] = m;
  uint8_t B = bucketShiftFor(hint);
  if (B > 0) rehash(static_cast<G*>(g), m, B);
  return m;
}

void* gol_mapaccess(GolG* g, const GolType* maptype, GolMap* m, const void* key, int32_t* ok) {
  G* gp = static_cast<G*>(g);
  if (!m || m->count == 0) {
    requireHashable(gp, maptype, key);
    return missing(maptype, m, ok);
  }
  return access(m, AnyKey{gp, m->layout, key}, ok);
}

void* gol_mapassign(GolG* g, const GolType*, GolMap* m, const void* key) {
  G* gp = static_cast<G*>(g);
  return assign(gp, m, AnyKey{gp, m ? m->layout : nullptr, key});
}

void gol_mapdelete(GolG* g, const GolType* maptype, GolMap* m, const void* key) {
  G* gp = static_cast<G*>(g);
  if (!m || m->count == 0) {
    requireHashable(gp, maptype, key);
    return;
  }
  remove(m, AnyKey{gp, m->layout, key});
}

void* gol_mapaccess_faststr(GolG*, const GolType* t, GolMap* m, const uint8_t* p, int64_t n, int32_t* ok) {
  return accessFast(t, m, StrKey{{p, n}}, ok);
}
void* gol_mapassign_faststr(GolG* g, const GolType*, GolMap* m, const uint8_t* p, int64_t n) {
  return assign(static_cast<G*>(g), m, StrKey{{p, n}});
}
void gol_mapdelete_faststr(GolG*, const GolType*, GolMap* m, const uint8_t* p, int64_t n) { remove(m, StrKey{{p, n}}); }

void* gol_mapaccess_fast32(GolG*, const GolType* t, GolMap* m, uint32_t key, int32_t* ok) {
  return accessFast(t, m, WordKey<uint32_t>{key}, ok);
}
void* gol_mapassign_fast32(GolG* g, const GolType*, GolMap* m, uint32_t key) {
  return assign(static_cast<G*>(g), m, WordKey<uint32_t>{key});
}
void gol_mapdelete_fast32(GolG*, const GolType*, GolMap* m, uint32_t key) { remove(m, WordKey<uint32_t>{key}); }

void* gol_mapaccess_fast64(GolG*, const GolType* t, GolMap* m, uint64_t key, int32_t* ok) {
  return accessFast(t, m, WordKey<uint64_t>{key}, ok);
}
void* gol_mapassign_fast64(GolG* g, const GolType*, GolMap* m, uint64_t key) {
  return assign(static_cast<G*>(g), m, WordKey<uint64_t>{key});
}
void gol_mapdelete_fast64(GolG*, const GolType*, GolMap* m, uint64_t key) { remove(m, WordKey<uint64_t>{key}); }

int64_t gol_maplen(GolMap* m) { return m ? m->count : 0; }

void gol_mapclear(GolG* g, const GolType* maptype, GolMap* m) {
  if (!m || !m->buckets) return;
  WriteGuard writing(m);
  uint8_t B = m->B;
  m->buckets = nullptr;
  m->count = 0;
  rehash(static_cast<G*>(g), m, B);
}

void gol_mapiterinit(GolG* g, const GolType* maptype, GolMap* m, GolMapIter* it) {
  auto* st = reinterpret_cast<IterState*>(it->priv);
  std::memset(st, 0, sizeof *st);
  it->key = nullptr;
  it->value = nullptr;
  if (!m || m->count == 0) return;
  st->map = m;
  st->buckets = m->buckets;
  st->layout = m->layout;
  uint64_t r = fastrand64();
  st->start = int64_t(r & ((uint64_t(1) << m->B) - 1));
  st->offset = int32_t(r >> 59) & (kBucketSlots - 1);
  st->B = m->B;
  gol_mapiternext(g, it);
}

void gol_mapiternext(GolG* g, GolMapIter* it) {
  auto* st = reinterpret_cast<IterState*>(it->priv);
  if (!st->map) {
    it->key = nullptr;
    return;
  }
  G* gp = static_cast<G*>(g);
  checkNotWriting(st->map, "concurrent map iteration and map write");
  const MapLayout* l = st->layout;
  int64_t nbuckets = int64_t(1) << st->B;
  for (;;) {
    if (!st->bucket) {
      if (st->visited == nbuckets) {
        std::memset(st, 0, sizeof *st);
        it->key = nullptr;
        it->value = nullptr;
        return;
      }
      st->bucket = st->buckets + ((st->start + st->visited) & (nbuckets - 1)) * l->bucketsize;
      st->visited++;
      st->cursor = 0;
    }
    while (st->cursor < kBucketSlots) {
      int i = int((st->cursor + st->offset) & (kBucketSlots - 1));
      st->cursor++;
      if (tophashes(st->bucket)[i] == 0) continue;
      uint8_t* k = keyAt(l, st->bucket, i);
      Slot s{st->bucket, i};
      GolMap* m = st->map;
      AnyKey key{gp, l, k};
      if (m->buckets != st->buckets && !findSlot(m, key, key.hash(m->seed), &s)) continue;
      it->key = keyAt(l, s.bucket, s.index);
      it->value = valueAt(l, s.bucket, s.index);
      return;
    }
    st->bucket = overflowOf(l, st->bucket);
    st->cursor = 0;
  }
}

}  // extern "C"
