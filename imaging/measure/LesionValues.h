#pragma once
// The lesion's values (mean, SD, min, max) without the partial volume at its edge.
//
// A voxel at the edge of the mask holds lesion and surroundings; its value says nothing of the
// lesion that its inner neighbours do not say better. So:
// - edge: a voxel with a neighbour outside the mask along a fine axis (spacing within 1.5x the
//   finest). A coarse axis (thick slices) is not asked: dropping the first and last slices would
//   drop most of a rim-enhancing lesion's rim.
// - cap: a voxel that is an edge only along a coarse axis. It is kept unless its value lies more
//   than 4 robust SD from the median of the interior (a cap partly air over a scalp mass).
// - SD, min and max are over the interior and the kept caps (`count` of them).
// - The mean is the lesion's volume-weighted mean: every voxel of the mask counts, each edge voxel
//   (and each cap left out) at the mean of its interior neighbours in the 3x3x3 block round it.
//   An interior alone would lean towards the core of a rim-enhancing lesion, whose rim lies at
//   the edge.
// When the interior holds fewer than 8 voxels or a quarter of the mask, every voxel counts at
// its own value.
#include <vector>

#include "imaging/measure/LesionMask.h"
#include "imaging/measure/LesionMetrics.h"

namespace mensura::imaging {

// values: one per voxel of the mask's block, in mask.index order; NaN where there is none (a
// voxel outside another series). Voxels outside the mask are not read.
ValueStatistics lesionValueStatistics(const LesionMask& mask, const std::vector<double>& values);

}  // namespace mensura::imaging
