#pragma once
// One assembled series: real values (Rescale Slope/Intercept applied; HU for CT) in one
// contiguous buffer, i fastest, then j, then k, with its geometry in LPS.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mensura/core/VolumeGeometry.h"

namespace mensura::imaging {

enum class VoxelType { Int16, Float32 };

// An allocator that leaves new elements uninitialised: the loader's worker threads write every
// voxel anyway, and zeroing 200 MB first on one thread cost 0.1 s per CT (bench/results/NOTES.md).
template <class T>
struct UninitialisedAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = UninitialisedAllocator<U>;
    };
    UninitialisedAllocator() = default;
    template <class U>
    UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    template <class U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

template <class T>
using VoxelBuffer = std::vector<T, UninitialisedAllocator<T>>;

struct SliceSource {
    std::string path;  // empty for a blank slice inserted at a gap
    unsigned frameIndex = 0;
    std::string sopInstanceUid;
};

struct Volume {
    std::string stackId, seriesInstanceUid, studyInstanceUid, frameOfReferenceUid;
    std::string modality, description, patientId, patientName;
    int seriesNumber = 0;
    VolumeGeometry geometry;
    bool isVolume = true;          // false: a set of 2D images (k is the image number, not space)
    bool spacingKnown = true;      // false: spacing is in pixels
    std::string valueUnit;         // "HU" for CT; docs/formats.md
    bool invertedDisplay = false;  // MONOCHROME1: higher values display darker
    double windowCenter = 0, windowWidth = 0;
    double tiltCorrectedDeg = 0;
    std::vector<SliceSource> slices;  // per k
    std::vector<std::string> warnings;

    // Int16 when every real value is an integer in range (most CT and MR); Float32 otherwise.
    VoxelType voxelType = VoxelType::Int16;
    VoxelBuffer<int16_t> int16Voxels;
    VoxelBuffer<float> floatVoxels;

    std::size_t index(std::size_t i, std::size_t j, std::size_t k) const {
        return i + geometry.size[0] * (j + geometry.size[1] * k);
    }
    double at(std::size_t linear) const {
        return voxelType == VoxelType::Int16 ? int16Voxels[linear] : floatVoxels[linear];
    }
    double at(std::size_t i, std::size_t j, std::size_t k) const { return at(index(i, j, k)); }
    std::size_t voxelBytes() const {
        return voxelType == VoxelType::Int16 ? int16Voxels.size() * 2 : floatVoxels.size() * 4;
    }
    // Smallest and largest real value; slices filled at gaps are ignored.
    std::pair<double, double> valueRange() const;
};

}  // namespace mensura::imaging
