#pragma once
// A lesion outlined on one series, measured on another series of the same frame of reference.
//
// A reader outlines a lesion where it has an edge (CT with contrast, T2) and reads its size and
// values on a series where it has none: a lesion isointense to its neighbours on T1, a small node
// on thick coronal slices. The outline is carried to the other series' grid by coverage: a voxel
// of that grid is inside when more than half of it lies inside the outline, sampled on a sub-grid
// fine enough for the outline's voxels (ITK's resampling reads one point per voxel, which on
// 5 mm slices from a 1 mm outline decides a whole slice by its centre plane).
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/LesionMask.h"
#include "mensura/measure/LesionSegmentation.h"

namespace mensura::imaging {

struct TransferredMask {
    LesionMask mask;             // on the target series' grid
    double outsideFraction = 0;  // share of the outline's voxels whose centres lie outside the target series
    int samplesPerVoxel = 0;     // sub-grid points per target voxel
};

// Carries mask (made on the series it names) to target's grid. Errors: a frame of reference that
// is missing or differs, a target that is a set of 2D images, an outline that lies outside the
// target series or covers no half voxel of it.
Result<TransferredMask> transferMask(const LesionMask& mask, const Volume& target);

// Segments the lesion at seedLps on outlineSeries (options as segmentLesion) and carries the
// outline to target. The result's method names both series and the rule; its warnings are the
// outline's and the transfer's. Errors: as segmentLesion on outlineSeries, and as transferMask.
Result<Segmentation> segmentOnOtherSeries(const Volume& outlineSeries, const Volume& target, PointLps seedLps,
                                          const SegmentationOptions& options = {});

}  // namespace mensura::imaging
