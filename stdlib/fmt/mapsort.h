// mapsort.h — a map's entries in the order Go's internal/fmtsort gives them,
// so that printed maps are deterministic and identical to Go's.
#pragma once

#include <vector>

#include "gol/abi.h"
#include "stdlib/fmt/value.h"

namespace gol::fmt {

struct MapEntry {
  Value key;
  Value value;
};

// Entries of m (of map type maptype; nil gives none), sorted by key. The
// values point into the map's own storage, valid while the map is unchanged
// and reachable.
std::vector<MapEntry> sortedMapEntries(GolG* g, const GolType* maptype, GolMap* m, bool readOnly);

// fmtsort's compare: -1, 0 or 1; values of different types compare as -1.
int compareValues(const Value& a, const Value& b);

}  // namespace gol::fmt
