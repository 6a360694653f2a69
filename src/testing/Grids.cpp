#include "mensura/testing/Grids.h"

namespace mensura::imaging::phantom {
namespace {

VolumeGeometry grid(std::size_t nx, std::size_t ny, std::size_t nz, double px, double sl, PointLps c, Vec3 row,
                    Vec3 col) {
    VolumeGeometry g;
    g.size = {nx, ny, nz};
    g.spacingMm = {px, px, sl};
    g.axes = {row, col, normalized(cross(row, col))};
    g.originLps =
        c - ((nx - 1) * px / 2) * g.axes[0] - ((ny - 1) * px / 2) * g.axes[1] - ((nz - 1) * sl / 2) * g.axes[2];
    return g;
}

}  // namespace

VolumeGeometry axialGrid(std::size_t nx, std::size_t ny, std::size_t nz, double px, double sl, PointLps c) {
    return grid(nx, ny, nz, px, sl, c, {1, 0, 0}, {0, 1, 0});
}
VolumeGeometry sagittalGrid(std::size_t nx, std::size_t ny, std::size_t nz, double px, double sl, PointLps c) {
    return grid(nx, ny, nz, px, sl, c, {0, 1, 0}, {0, 0, -1});
}
VolumeGeometry coronalGrid(std::size_t nx, std::size_t ny, std::size_t nz, double px, double sl, PointLps c) {
    return grid(nx, ny, nz, px, sl, c, {1, 0, 0}, {0, 0, -1});
}

}  // namespace mensura::imaging::phantom
