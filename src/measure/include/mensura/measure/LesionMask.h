#pragma once
// A binary lesion mask on a cropped block of a series' voxel grid: the same spacing and axes as
// the series, an offset into it, and one byte per voxel. The mask is never the size of the whole
// volume (a small lesion in a 512x512x400 CT costs kilobytes, not a full-size label image).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mensura/core/VolumeGeometry.h"

namespace mensura::imaging {

struct LesionMask {
    VolumeGeometry geometry;                     // of the block: origin = centre of its first voxel
    std::array<std::size_t, 3> offset{0, 0, 0};  // first voxel of the block in the series grid
    std::vector<std::uint8_t> voxels;            // 1 inside; i fastest, then j, then k
    std::string seriesInstanceUid, frameOfReferenceUid;

    std::size_t index(std::size_t i, std::size_t j, std::size_t k) const {
        return i + geometry.size[0] * (j + geometry.size[1] * k);
    }
    bool inside(std::size_t i, std::size_t j, std::size_t k) const { return voxels[index(i, j, k)] != 0; }
    std::size_t count() const;
};

}  // namespace mensura::imaging
