#pragma once
// How much memory a large allocation may take: checked before allocating, so that a header
// claiming an impossible image is refused with the bytes it needs instead of aborting.
#include <cstdint>

namespace mensura::imaging {

// The memory the system can give now without swapping (Linux MemAvailable), or the physical
// memory where that is unknown.
std::uint64_t availableMemoryBytes();

}  // namespace mensura::imaging
