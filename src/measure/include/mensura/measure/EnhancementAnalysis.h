#pragma once
// Contrast enhancement of one lesion between a pre- and a post-contrast series of one frame of
// reference: the lesion is segmented on one series and the other is sampled at the same patient
// positions (trilinear), so the two series may have different grids.
//
// Rules (defaults; every threshold is an option and the rule text is returned with the result):
//  - per-voxel enhancement d = post - pre, averaged over the 3x3x3 neighbourhood inside the mask
//    so that image noise (which adds in the difference) is not read as heterogeneity;
//  - degree on the lesion mean: CT delta < 10 HU none, 10-20 HU mild, >= 20 HU obvious;
//    MR percent < 10 % none, 10-40 % mild, >= 40 % obvious;
//  - low-enhancing voxel: d below the "none" cut-off (CT 10 HU; MR 10 % of the pre mean);
//  - pattern (when the degree is not none): ring-like when the rim (outer third of the depth)
//    enhances by at least the "none" cut-off more than the core (inner third) and the core by at
//    most half the rim; otherwise uneven when >= 15 % of voxels are low-enhancing or the
//    coefficient of variation of d is >= 0.35; otherwise homogeneous.
#include <optional>
#include <string>
#include <vector>

#include "mensura/core/Result.h"
#include "mensura/core/Volume.h"
#include "mensura/measure/LesionSegmentation.h"

namespace mensura::imaging {

struct EnhancementOptions {
    SegmentationOptions segmentation;
    bool maskFromPost = true;                      // segment on the post-contrast series (false: on the pre)
    std::optional<double> noneBelow, obviousFrom;  // degree cut-offs (HU for CT, % for MR)
    double unevenLowFraction = 0.15, unevenCov = 0.35;
};

struct EnhancementResult {
    double preMean = 0, postMean = 0, delta = 0;  // delta in the value unit (HU for CT)
    std::optional<double> percent;                // 100 * delta / pre mean; unset if |pre| < 5
    std::optional<double> cov;                    // SD(d) / mean(d); unset if mean(d) <= 0
    double lowEnhancingFraction = 0;
    double rimDelta = 0, coreDelta = 0;
    std::string degree;   // none, mild, obvious
    std::string pattern;  // homogeneous, uneven, ring-like, or "not applicable" without enhancement
    std::string rule;     // the cut-offs and values that decided degree and pattern
    std::string valueUnit;
    std::size_t voxelCount = 0;
    Segmentation segmentation;  // on the series named by maskFromPost
    std::vector<std::string> warnings;
};

// Errors: frames of reference that differ or are missing, a lesion outside the other series,
// value units that differ, and every segmentation error.
Result<EnhancementResult> analyseEnhancement(const Volume& pre, const Volume& post, PointLps seedLps,
                                             const EnhancementOptions& options = {});

}  // namespace mensura::imaging
