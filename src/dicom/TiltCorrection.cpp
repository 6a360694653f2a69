#include "TiltCorrection.h"

#include <cmath>
#include <vector>

namespace mensura::imaging {
namespace {

template <class T>
void shiftSlice(T* slice, std::size_t nx, std::size_t ny, double di, double dj, double fill, std::vector<T>& scratch) {
    scratch.assign(slice, slice + nx * ny);
    for (std::size_t j = 0; j < ny; ++j) {
        for (std::size_t i = 0; i < nx; ++i) {
            // Output voxel (i,j) lies at input in-plane index (i - di, j - dj).
            const double x = static_cast<double>(i) - di, y = static_cast<double>(j) - dj;
            const double fx = std::floor(x), fy = std::floor(y);
            const long x0 = static_cast<long>(fx), y0 = static_cast<long>(fy);
            if (x < 0 || y < 0 || x > static_cast<double>(nx - 1) || y > static_cast<double>(ny - 1)) {
                slice[j * nx + i] = static_cast<T>(fill);
                continue;
            }
            const double ax = x - fx, ay = y - fy;
            auto at = [&](long xi, long yi) {
                xi = std::min<long>(xi, static_cast<long>(nx) - 1);
                yi = std::min<long>(yi, static_cast<long>(ny) - 1);
                return static_cast<double>(scratch[static_cast<std::size_t>(yi) * nx + static_cast<std::size_t>(xi)]);
            };
            const double v = (1 - ax) * (1 - ay) * at(x0, y0) + ax * (1 - ay) * at(x0 + 1, y0) +
                             (1 - ax) * ay * at(x0, y0 + 1) + ax * ay * at(x0 + 1, y0 + 1);
            slice[j * nx + i] = static_cast<T>(std::is_integral_v<T> ? std::lround(v) : v);
        }
    }
}

}  // namespace

void removeShear(Volume& v, Vec3 shearStepLps, double fillValue) {
    const auto& g = v.geometry;
    const std::size_t nx = g.size[0], ny = g.size[1];
    // Shift per slice in voxels along i and j.
    const double stepI = dot(shearStepLps, g.axes[0]) / g.spacingMm.x;
    const double stepJ = dot(shearStepLps, g.axes[1]) / g.spacingMm.y;
    std::vector<int16_t> s16;
    std::vector<float> s32;
    for (std::size_t k = 1; k < g.size[2]; ++k) {
        const double di = stepI * static_cast<double>(k), dj = stepJ * static_cast<double>(k);
        if (v.voxelType == VoxelType::Int16)
            shiftSlice(v.int16Voxels.data() + k * nx * ny, nx, ny, di, dj, fillValue, s16);
        else
            shiftSlice(v.floatVoxels.data() + k * nx * ny, nx, ny, di, dj, fillValue, s32);
    }
}

}  // namespace mensura::imaging
