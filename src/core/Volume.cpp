#include "mensura/core/Volume.h"

#include <algorithm>
#include <limits>

namespace mensura::imaging {

namespace {

// A plain loop the compiler vectorises (std::minmax_element does not).
template <class T>
void minMax(const T* p, std::size_t n, T& lo, T& hi) {
    T mn = lo, mx = hi;
    for (std::size_t i = 0; i < n; ++i) {
        mn = p[i] < mn ? p[i] : mn;
        mx = p[i] > mx ? p[i] : mx;
    }
    lo = mn;
    hi = mx;
}

template <class T>
std::pair<double, double> rangeOf(const T* data, const Volume& v) {
    const std::size_t sliceSize = v.geometry.size[0] * v.geometry.size[1];
    T lo = std::numeric_limits<T>::max(), hi = std::numeric_limits<T>::lowest();
    bool any = false;
    for (std::size_t k = 0; k < v.geometry.size[2]; ++k) {
        if (k < v.slices.size() && v.slices[k].path.empty()) continue;
        minMax(data + k * sliceSize, sliceSize, lo, hi);
        any = any || sliceSize > 0;
    }
    if (!any) return {0, 0};
    return {static_cast<double>(lo), static_cast<double>(hi)};
}

}  // namespace

std::pair<double, double> Volume::valueRange() const {
    return voxelType == VoxelType::Int16 ? rangeOf(int16Voxels.data(), *this) : rangeOf(floatVoxels.data(), *this);
}

}  // namespace mensura::imaging
