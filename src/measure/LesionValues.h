#pragma once
// The lesion's values (mean, SD, min, max) without the partial volume at its edge.
//
// A voxel at the edge of the mask holds lesion and surroundings; its value says nothing of the
// lesion that its inner neighbours do not say better. So:
// - edge: a voxel with a neighbour outside the mask along a fine axis (spacing within 1.5x the
//   finest). A coarse axis (thick slices) is not asked: dropping the first and last slices would
//   drop most of a rim-enhancing lesion's rim.
// - cap: a voxel that is an edge only along a coarse axis. It is kept unless its value lies more
//   than 4 robust SD from the median of the interior (a cap partly air over a scalp mass). A
//   lesion one or two thick slices deep has no interior but its caps: those two voxels or more
//   inside its outline in the plane stand for it, from the slice with the most of them (and any
//   other slice with at least half as many), when they are 8 or more and a quarter of those
//   slices' caps; else every deep cap, or every cap when fewer than 8 are deep.
// - SD, min and max are over the interior and the kept caps (`count` of them).
// - The mean is the lesion's volume-weighted mean: every voxel of the mask counts, each edge voxel
//   (and each cap left out) at the mean of its interior neighbours in the 3x3x3 block round it,
//   or at the interior's mean when it has none there (a thin spur). An interior alone would lean
//   towards the core of a rim-enhancing lesion, whose rim lies at the edge.
// When the interior holds fewer than 8 voxels or a quarter of the mask, every voxel counts at
// its own value.
#include <cstdint>
#include <vector>

#include "mensura/measure/LesionMask.h"
#include "mensura/measure/LesionMetrics.h"

namespace mensura::imaging {

// Which voxels of a mask count at their own value (see above), judged on one series' values.
struct LesionValueRoles {
    std::vector<std::uint8_t> own;  // per voxel of the mask's block: 1 counts at its own value
    bool useOwn = false;            // false: every voxel counts at its own value
};

// values: one per voxel of the mask's block, in mask.index order; NaN where there is none (a
// voxel outside another series). Voxels outside the mask are not read.
LesionValueRoles lesionValueRoles(const LesionMask& mask, const std::vector<double>& values);

// The statistics of values under roles judged on the same or another series on the same grid
// (pre- and post-contrast means over the same voxels). All zero (count 0) when no mask voxel
// has a value, or when the sizes do not match the mask.
ValueStatistics lesionValueStatistics(const LesionMask& mask, const LesionValueRoles& roles,
                                      const std::vector<double>& values);

// Both from one series' values.
ValueStatistics lesionValueStatistics(const LesionMask& mask, const std::vector<double>& values);

}  // namespace mensura::imaging
