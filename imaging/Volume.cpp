#include "Volume.h"

#include <algorithm>
#include <limits>

namespace mensura::imaging {

std::pair<double, double> Volume::valueRange() const {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const std::size_t sliceSize = geometry.size[0] * geometry.size[1];
    for (std::size_t k = 0; k < geometry.size[2]; ++k) {
        if (k < slices.size() && slices[k].path.empty()) continue;
        const std::size_t begin = k * sliceSize, end = begin + sliceSize;
        if (voxelType == VoxelType::Int16) {
            const auto [mn, mx] = std::minmax_element(int16Voxels.begin() + begin, int16Voxels.begin() + end);
            lo = std::min<double>(lo, *mn);
            hi = std::max<double>(hi, *mx);
        } else {
            const auto [mn, mx] = std::minmax_element(floatVoxels.begin() + begin, floatVoxels.begin() + end);
            lo = std::min<double>(lo, *mn);
            hi = std::max<double>(hi, *mx);
        }
    }
    if (lo > hi) return {0, 0};
    return {lo, hi};
}

}  // namespace mensura::imaging
