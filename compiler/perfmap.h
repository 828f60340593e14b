// perfmap.h — perf's JIT symbol map for gol's compiled code: with
// GOLPERFMAP=1, every function the JIT links is appended to
// /tmp/perf-<pid>.map as "START SIZE name" (hex), the format `perf report`
// reads to name samples in anonymous executable memory.
#pragma once

#include <memory>

#include "llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h"

namespace gol {

// The linking-layer plugin that writes the map, or null when GOLPERFMAP is
// not set to 1.
std::unique_ptr<llvm::orc::ObjectLinkingLayer::Plugin> perfMapPluginFromEnv();

}  // namespace gol
