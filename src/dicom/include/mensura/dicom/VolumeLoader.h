#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/dicom/DicomIndex.h"

namespace mensura::imaging {

struct LoadProgress {
    std::size_t slicesDone = 0, slicesTotal = 0;
    std::size_t sliceJustLoaded = 0;  // k of the slice that just arrived
};

struct LoadOptions {
    unsigned threads = 2;
    // Called from a worker thread, serialised, after each slice lands in the buffer. The volume
    // passed is the one being filled: slice sliceJustLoaded may be read from it at once, which
    // is how the viewer shows a first slice before the rest arrives.
    // Keep it short: workers wait while it runs.
    std::function<void(const LoadProgress&, const Volume&)> progress;
    // Set to true from any thread to stop the load; loadVolume then returns an Error.
    const std::atomic<bool>* cancel = nullptr;
    // The most bytes the voxels may take; 0: the memory the system has available now
    // (availableMemoryBytes). A series that needs more is refused with the bytes it needs.
    std::uint64_t memoryBudgetBytes = 0;
};

// Reads the pixels of one stack into a Volume: headers are already known from the index, so
// this pass decodes pixel data only, in parallel, straight into the final buffer.
Result<Volume> loadVolume(const SeriesStack& stack, const LoadOptions& options = {});

}  // namespace mensura::imaging
