#pragma once
// Semi-automatic lesion extent: region growing from a seed point in patient space, on a block of
// the series around the seed (or inside a user box), refined by threshold range, smoothing, hole
// filling and leak control.
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/LesionMask.h"

namespace mensura::imaging {

// An axis-aligned box in patient space given by two opposite corners; corner0 must be the
// smaller in every coordinate (an inverted box is an error, not silently swapped).
struct BoxLps {
    PointLps corner0, corner1;
};

struct SegmentationOptions {
    // Values (HU for CT) a voxel must lie within to join the region. Unset: seedMean -/+ the
    // half-width below, from the voxels within 2 voxels of the seed.
    std::optional<double> lower, upper;
    // Half-width of the automatic range: max(3 SD of the seed neighbourhood, minimum). The
    // minimum is 30 for HU and 15 % of the seed mean for other units.
    std::optional<double> autoRangeMinHalfWidth;
    double smoothingSigmaMm = 0;  // Gaussian smoothing before thresholding; 0: none
    bool fillHoles = true;        // fill cavities enclosed in 3D (necrosis, calcification)
    double leakOpeningMm = 0;     // binary opening radius that cuts thin bridges; 0: none
    std::optional<BoxLps> box;    // limits the region; otherwise the block grows around the seed
    // Or a box in any orientation, as drawn on a view of an oblique series: its eight corners
    // (LPS). The region keeps to the voxels inside their bounding box in the series' grid (for a
    // view of the series' own planes, the box drawn). Ignored when box is set.
    std::vector<PointLps> boxCornersLps;
    double initialHalfSizeMm = 40;  // first block around the seed (no box)
    double maxHalfSizeMm = 160;     // a region still touching the block edge here is a leak
};

struct Segmentation {
    LesionMask mask;
    double lower = 0, upper = 0;  // the threshold range used
    PointLps seedLps;             // the click
    // Set when the result was segmented again from the first region's centre (a click far from
    // the lesion's centre: see segmentLesion).
    std::optional<PointLps> reseededLps;
    bool refined = false;    // the range was moved to the 50% partial-volume level after the first growth
    bool recentred = false;  // a bound was widened to the region's own mean -/+ the half-width (a lesion of two parts)
    bool robustRange =
        false;  // the range came from the median and MAD of the seed's neighbourhood (the mean and SD's leaked)
    std::size_t partialVolumeVoxels = 0;  // voxels of the outside layer judged more than half lesion one by one
    // The share of the second voxel layer outside the outline whose values lie in the range: where
    // the outline stands at an edge in value this is near 0; where leak control or a shape rule set
    // it inside tissue of the lesion's values, it grows (a warning above kUnsupportedOutlineWarning).
    double outlineWithoutEdgeFraction = 0;
    static constexpr double kUnsupportedOutlineWarning = 0.03;
    // Set when the lesion was outlined on another series of the frame of reference and carried
    // to this one (segmentOnOtherSeries, MaskTransfer.h); lower and upper are in its values.
    std::string outlineSeriesUid, outlineStackId;
    std::string method;  // human-readable: the steps and parameters that produced the mask
    std::vector<std::string> warnings;
};

// With the automatic range, a click more than 2.5 mm from the centre of the region it gives is
// segmented again from that centre, and that result is kept when it holds the click: near the
// lesion's edge the seed's neighbourhood holds the surroundings too, and the range from it (so
// the outline) depends on where the click fell.
// Errors: seed outside the volume or the box, seed in air/background, inverted box, a 2D image
// set, a region that leaks to the growth limit, leak control that removes the seed.
Result<Segmentation> segmentLesion(const Volume& volume, PointLps seedLps, const SegmentationOptions& options = {});

}  // namespace mensura::imaging
