// roots.cpp — function info of the natives' root frames (see roots.h).
#include "stdlib/internal/roots.h"

namespace gol::std_ {

namespace {
const GolString kName = {reinterpret_cast<const uint8_t*>("stdlib.native"), 13};
}

const GolFuncInfo kNativeFrameInfo[4] = {
    {kName, {nullptr, 0}, 1, 0, nullptr},
    {kName, {nullptr, 0}, 2, 0, nullptr},
    {kName, {nullptr, 0}, 3, 0, nullptr},
    {kName, {nullptr, 0}, 4, 0, nullptr},
};

}  // namespace gol::std_
