#pragma once
// Stored pixel values -> real values for one frame (internal to the loader).
#include <cstddef>
#include <cstdint>

namespace mensura::imaging::detail {

struct StoredFormat {
    unsigned bitsAllocated = 16, bitsStored = 16;
    bool isSigned = false;
    double slope = 1, intercept = 0;
};

// Converts count stored values from src (local byte order) into dst. Returns false when an
// Int16 destination cannot hold a value exactly (the caller then loads as float).
bool convertToInt16(const void* src, std::size_t count, const StoredFormat& f, int16_t* dst);
void convertToFloat(const void* src, std::size_t count, const StoredFormat& f, float* dst);

}  // namespace mensura::imaging::detail
