// mgcpacer.h — when the next collection starts: the heap goal from GOGC and
// the soft memory limit (Go's mgcpacer.go, for a stop-the-world collector).
//
// Invariants
//  - The goal is the smaller of the GOGC goal, live * (1 + GOGC/100) and at
//    least 4 MB (none when GOGC is off), and the memory-limit goal, the limit
//    minus the runtime's memory outside the heap arena. Goroutine stacks are
//    not counted against the limit: their segments are reserved address
//    space, mostly never touched (docs/ARCHITECTURE.md).
//  - The limiter keeps the collector from taking more than half the time
//    when the limit is too low for the live heap: each cycle that paused
//    longer than the program ran since the last one doubles the headroom
//    above the live heap that the limit goal must leave; a cheap cycle
//    halves it. So a program over its limit slows down, but does not spin
//    in collections, and its memory grows past the limit, as Go's does.
//  - Settings change atomically; the goal is recomputed under the
//    collector's stop-the-world or by the setter, never concurrently with
//    itself (setters are serialised by the pacer lock).
#pragma once

#include <cstdint>

namespace gol::rt {

constexpr int64_t kNoMemoryLimit = INT64_MAX;

// Reads GOGC and GOMEMLIMIT; a malformed GOMEMLIMIT is a fatal error.
void pacerInit();
// The heap size that starts the next collection.
uint64_t pacerGoal();
// GOGC as a percentage; negative when off.
int32_t pacerPercent();
int64_t pacerMemoryLimit();
// debug.SetGCPercent / debug.SetMemoryLimit: return the previous setting.
// A negative limit only reads it.
int32_t pacerSetPercent(int32_t percent);
int64_t pacerSetMemoryLimit(int64_t limit);
// After a collection that left `live` bytes and paused the program
// pauseNs of the sinceLastNs nanoseconds since the previous one ended.
void pacerEndCycle(uint64_t live, uint64_t pauseNs, uint64_t sinceLastNs);
// The heap bytes (in use, or free and ready) the scavenger may keep.
uint64_t pacerRetainBytes();

}  // namespace gol::rt
