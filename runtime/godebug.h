// godebug.h — the runtime's debugging settings from the GODEBUG environment
// variable (gctrace, gcstress, asyncpreemptoff, ...).
//
// Invariants
//  - GODEBUG is a comma-separated list of name=value pairs; as in Go, the
//    last setting of a name wins and malformed or unknown entries are
//    ignored.
//  - Each setting is read once, when the part of the runtime it controls
//    starts (static initialisers included), so a program that changes its
//    environment does not change the runtime's behaviour. godebugValue reads
//    the environment: never call it from a signal handler.
#pragma once

#include <cstdint>

namespace gol::rt {

// The integer value of GODEBUG's `name=N`, or fallback when the name is
// missing or its value is not a decimal integer.
int64_t godebugValue(const char* name, int64_t fallback);

}  // namespace gol::rt
